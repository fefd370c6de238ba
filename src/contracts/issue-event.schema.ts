import { z } from 'zod';
import { changelogItemSchema } from './changelog-item.schema';

/** `avi:jira:created:issue` / `avi:jira:updated:issue`: only what the trigger reads. */
export const issueEventSchema = z.object({
  eventType: z.string(),
  timestamp: z.union([z.number(), z.string()]).optional(),
  atlassianId: z.string().optional(),
  /** `fields.issuetype` is in Jira's issue events; the trigger skips other types before any request. */
  issue: z
    .object({
      id: z.string().min(1),
      key: z.string().min(1),
      fields: z
        .object({ issuetype: z.object({ name: z.string() }).loose().nullish() })
        .loose()
        .optional(),
    })
    .loose(),
  changelog: z
    .object({
      items: z.array(changelogItemSchema),
    })
    .loose()
    .optional(),
  /**
   * On a retried event: which retry it is, from 1 (developer.atlassian.com/platform/forge/events-reference/product_events/).
   * One that cannot be read counts as none: it must not cost the event itself.
   */
  retryContext: z.object({ retryCount: z.number() }).loose().optional().catch(undefined),
});
export type IssueEvent = z.infer<typeof issueEventSchema>;
