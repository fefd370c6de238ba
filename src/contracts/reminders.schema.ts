import { z } from 'zod';

/** One page of a reminder run, carried by a queue event: the checkpoint is the event itself. */
export const reminderJobSchema = z.object({
  jql: z.string().min(1),
  startedAt: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO date-time'),
  pageToken: z.string().optional(),
  page: z.number().int().min(0),
});
export type ReminderJob = z.infer<typeof reminderJobSchema>;

/**
 * The dedupe keys of the reminders posted on one issue, oldest first (kept to the last 200).
 * No fallback: an unreadable ledger cannot say what was posted, so the run posts nothing for
 * that request rather than everything again. Launch-watch keys written with the window's start
 * (`observe:1h@2026-06-09T10:00:00.000Z`) read as the request's checkpoint key.
 */
export const reminderLedgerSchema = z.array(z.string().transform((key) => key.replace(/^(observe:[^@]+)@.*$/, '$1')));
