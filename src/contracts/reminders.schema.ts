import { z } from 'zod';

/** One page of a reminder run, carried by a queue event: the checkpoint is the event itself. */
export const reminderJobSchema = z.object({
  jql: z.string().min(1),
  startedAt: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO date-time'),
  pageToken: z.string().optional(),
  page: z.number().int().min(0),
});
export type ReminderJob = z.infer<typeof reminderJobSchema>;

/** A reminder's dedupe key; launch-watch keys written with the window's start (`observe:1h@2026-06-09T10:00:00.000Z`) read as the request's checkpoint key. */
const ledgerKeySchema = z.string().transform((key) => key.replace(/^(observe:[^@]+)@.*$/, '$1'));

/**
 * The dedupe keys of the reminders posted on one issue, oldest first (kept to the last 200), at the revision last
 * committed; `claimedAt` holds when a notice was claimed (ms), for the notices whose claim expires.
 */
export interface ReminderLedger {
  readonly revision: number;
  readonly keys: readonly string[];
  readonly claimedAt?: Readonly<Record<string, number>>;
}

/**
 * A ledger as stored: with its revision, so a run claims reminders only from the revision it read (two runs at once
 * cannot both claim, and so both post, the same reminder); or a bare list of keys, as stored before, at revision 0.
 * No fallback: an unreadable ledger cannot say what was posted, so the run posts nothing for that request rather than
 * everything again.
 */
export const reminderLedgerSchema = z.union([
  z.object({ revision: z.number().int().min(0), keys: z.array(ledgerKeySchema), claimedAt: z.record(z.string(), z.number()).optional() }),
  z.array(ledgerKeySchema).transform((keys) => ({ revision: 0, keys })),
]);
