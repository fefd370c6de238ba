import { reminderLedgerSchema, type ReminderLedger } from '../contracts/reminders.schema';
import { storageKeys, type AppStore } from './ports';

/**
 * The ledger of the notices the app posted on one request (reminders, dependency updates), by dedupe key: a notice is
 * claimed in it with a guarded commit before it is posted, so of two runs at once (a redelivered event, an overlapping
 * schedule) only one posts it; one that could not be posted is given back for a later run.
 */

/** Keys a ledger keeps, newest last: a request gets far fewer notices than this in the time a run is retried. */
const LEDGER_LENGTH = 200;
/** Commits lost to another run before a ledger change gives up (the next run tries again). */
const LEDGER_ATTEMPTS = 4;

/**
 * Changes one issue's ledger from the revision read, atomically: when another run committed first, reads it again and
 * applies the change to what that run left. `change` answers the keys to store, or null for nothing to write. Answers
 * the ledger committed (or the one read, unchanged), or null when it could not be changed (unreadable, or lost every time).
 */
export const changeLedger = async (
  store: AppStore,
  issueId: string,
  read: ReminderLedger,
  change: (keys: readonly string[]) => readonly string[] | null,
): Promise<ReminderLedger | null> => {
  const key = storageKeys.reminders(issueId);
  let ledger = read;
  for (let attempt = 0; attempt < LEDGER_ATTEMPTS; attempt++) {
    const keys = change(ledger.keys);
    if (keys === null) return ledger;
    const next: ReminderLedger = { revision: ledger.revision + 1, keys: keys.slice(-LEDGER_LENGTH) };
    const outcome = await store.commit({ guarded: [{ key, value: next, readRevision: ledger.revision, revision: next.revision }] });
    if (outcome === 'committed') return next;
    const again = reminderLedgerSchema.safeParse((await store.getMany([key])).get(key) ?? []);
    if (!again.success) return null;
    ledger = again.data;
  }
  return null;
};

/** The ledger as stored, or null when it cannot be read. */
const readLedger = async (store: AppStore, issueId: string): Promise<ReminderLedger | null> => {
  const key = storageKeys.reminders(issueId);
  const stored = reminderLedgerSchema.safeParse((await store.getMany([key])).get(key) ?? []);
  return stored.success ? stored.data : null;
};

/**
 * Claims one notice on a request: true only for the one caller whose commit added its key; false when another run
 * claimed it first, the ledger cannot be read (it cannot say what was posted), or every commit was lost.
 */
export const claimNotice = async (store: AppStore, issueId: string, noticeKey: string): Promise<boolean> => {
  const stored = await readLedger(store, issueId);
  if (stored === null) return false;
  let claimed = false;
  const ledger = await changeLedger(store, issueId, stored, (keys) => {
    claimed = !keys.includes(noticeKey);
    return claimed ? [...keys, noticeKey] : null;
  });
  return ledger !== null && claimed;
};

/** Gives a claimed notice back, so the next run posts it: from the ledger as it is now, keeping others' claims. */
export const releaseNotice = async (store: AppStore, issueId: string, noticeKey: string): Promise<void> => {
  const stored = await readLedger(store, issueId);
  if (stored === null) return;
  await changeLedger(store, issueId, stored, (keys) => (keys.includes(noticeKey) ? keys.filter((key) => key !== noticeKey) : null));
};
