import { z } from 'zod';

/** `avi:jira:created:issue` / `avi:jira:updated:issue`: only what the trigger reads. */
export const issueEventSchema = z.object({
  eventType: z.string(),
  timestamp: z.union([z.number(), z.string()]).optional(),
  atlassianId: z.string().optional(),
  issue: z.object({ id: z.string().min(1), key: z.string().min(1) }).loose(),
  changelog: z
    .object({
      items: z.array(
        z
          .object({
            field: z.string().optional(),
            fieldId: z.string().optional(),
            fromString: z.string().nullable().optional(),
            toString: z.string().nullable().optional(),
          })
          .loose(),
      ),
    })
    .loose()
    .optional(),
});
export type IssueEvent = z.infer<typeof issueEventSchema>;
