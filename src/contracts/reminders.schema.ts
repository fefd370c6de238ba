import { z } from 'zod';

/** One page of a reminder run, carried by a queue event: the checkpoint is the event itself. */
export const reminderJobSchema = z.object({
  jql: z.string().min(1),
  startedAt: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO date-time'),
  pageToken: z.string().optional(),
  page: z.number().int().min(0),
});
export type ReminderJob = z.infer<typeof reminderJobSchema>;

/** The dedupe keys of the reminders posted on one issue, oldest first (kept to the last 200). */
export const reminderLedgerSchema = z.array(z.string()).catch([]);
