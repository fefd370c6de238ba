import { z } from 'zod';
import { changelogItemSchema } from './changelog-item.schema';

/** `avi:jira:created:issue` / `avi:jira:updated:issue`: only what the trigger reads. */
export const issueEventSchema = z.object({
  eventType: z.string(),
  timestamp: z.union([z.number(), z.string()]).optional(),
  atlassianId: z.string().optional(),
  issue: z.object({ id: z.string().min(1), key: z.string().min(1) }).loose(),
  changelog: z
    .object({
      items: z.array(changelogItemSchema),
    })
    .loose()
    .optional(),
});
export type IssueEvent = z.infer<typeof issueEventSchema>;
