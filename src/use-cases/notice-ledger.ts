import { reminderLedgerSchema, type ReminderLedger } from '../contracts/reminders.schema';
import { isRetired, storageKeys, type AppStore } from './ports';

/**
 * The ledger of the notices the app posted on one request (reminders, dependency updates), by dedupe key: a notice is
 * claimed in it with a guarded commit before it is posted, so of two runs at once (a redelivered event, an overlapping
 * schedule) only one posts it; one that could not be posted is given back for a later run.
 */

/** Keys a ledger keeps, newest last: a request gets far fewer notices than this in the time a run is retried. */
const LEDGER_LENGTH = 200;
/** The dedupe keys of dependency updates begin with this. */
export const DEPENDENCY_NOTICE_PREFIX = 'dependency:';
/**
 * Of the places, the most dependency updates take: a request blocked by many others that move often cannot push out a
 * reminder's key while its reminder is still due (it would be posted again), nor reminders the updates' keys.
 */
const DEPENDENCY_KEYS_KEPT = LEDGER_LENGTH / 2;

/** The newest keys of each kind, in their order, within each kind's places. */
const boundedKeys = (keys: readonly string[]): readonly string[] => {
  const dependencyKeys = keys.filter((key) => key.startsWith(DEPENDENCY_NOTICE_PREFIX));
  const kept = new Set([
    ...dependencyKeys.slice(-DEPENDENCY_KEYS_KEPT),
    ...keys.filter((key) => !key.startsWith(DEPENDENCY_NOTICE_PREFIX)).slice(-(LEDGER_LENGTH - DEPENDENCY_KEYS_KEPT)),
  ]);
  return keys.filter((key) => kept.has(key));
};
/** Commits lost to another run before a ledger change gives up (the next run tries again). */
const LEDGER_ATTEMPTS = 4;

/**
 * Changes one issue's ledger from the revision read, atomically: when another run committed first, reads it again and
 * applies the change to what that run left. `change` answers the keys to store, or null for nothing to write; `claim`
 * stamps one notice's claim time. Answers
 * the ledger committed (or the one read, unchanged), or null when it could not be changed (unreadable, lost every time,
 * or its request deleted).
 */
export const changeLedger = async (
  store: AppStore,
  issueId: string,
  read: ReminderLedger,
  change: (keys: readonly string[], ledger: ReminderLedger) => readonly string[] | null,
  claim?: { readonly noticeKey: string; readonly at: number },
): Promise<ReminderLedger | null> => {
  const key = storageKeys.reminders(issueId);
  let ledger = read;
  for (let attempt = 0; attempt < LEDGER_ATTEMPTS; attempt++) {
    const changed = change(ledger.keys, ledger);
    if (changed === null) return ledger;
    const keys = boundedKeys(changed);
    const next: ReminderLedger = { revision: ledger.revision + 1, keys, ...claimTimes(ledger, keys, claim) };
    const outcome = await store.commit({ guarded: [{ key, value: next, readRevision: ledger.revision, revision: next.revision }] });
    if (outcome === 'committed') return next;
    // Jira deleted the request: its ledger's guard is retired, and no change will ever commit.
    if (await isRetired(store, key)) return null;
    const again = reminderLedgerSchema.safeParse((await store.getMany([key])).get(key) ?? []);
    if (!again.success) return null;
    ledger = again.data;
  }
  return null;
};

/** The claim times the ledger keeps: those of the keys still in it, and the new claim's; none written when none are kept. */
const claimTimes = (
  ledger: ReminderLedger,
  keys: readonly string[],
  claim: { readonly noticeKey: string; readonly at: number } | undefined,
): Pick<ReminderLedger, 'claimedAt'> => {
  const times = Object.entries({ ...ledger.claimedAt, ...(claim === undefined ? {} : { [claim.noticeKey]: claim.at }) });
  const kept = times.filter(([noticeKey]) => keys.includes(noticeKey));
  return kept.length === 0 ? {} : { claimedAt: Object.fromEntries(kept) };
};

/** The ledger as stored, or null when it cannot be read. */
const readLedger = async (store: AppStore, issueId: string): Promise<ReminderLedger | null> => {
  const key = storageKeys.reminders(issueId);
  const stored = reminderLedgerSchema.safeParse((await store.getMany([key])).get(key) ?? []);
  return stored.success ? stored.data : null;
};

/**
 * What a claim found: `claimed`, the notice is this run's to post; `expired`, an earlier run claimed it longer ago than
 * any run lasts, so it ended without saying it posted (cut off, or unsure whether Jira took the comment): it is this
 * run's now, to post only if the request does not show it yet; `held`, not to post (another run holds it, it was
 * posted, or the ledger cannot say).
 */
type NoticeClaim = 'claimed' | 'expired' | 'held';

/**
 * Claims one notice on a request at `now`, with a guarded commit: of runs at once only the one whose commit stamped it
 * gets it. A claim older than `expireAfterMs` is taken over (restamped), so a run that died after claiming never
 * leaves the notice unposted for good. A key with no claim time (a reminder, or a notice claimed before claims carried
 * one) is held.
 */
export const claimNotice = async (
  store: AppStore,
  issueId: string,
  noticeKey: string,
  now: Date,
  expireAfterMs: number,
): Promise<NoticeClaim> => {
  const stored = await readLedger(store, issueId);
  if (stored === null) return 'held';
  let claim: NoticeClaim = 'held';
  const ledger = await changeLedger(
    store,
    issueId,
    stored,
    (keys, current) => {
      const claimedAt = current.claimedAt?.[noticeKey];
      claim = !keys.includes(noticeKey)
        ? 'claimed'
        : claimedAt !== undefined && now.getTime() - claimedAt >= expireAfterMs
          ? 'expired'
          : 'held';
      return claim === 'held' ? null : [...keys.filter((key) => key !== noticeKey), noticeKey];
    },
    { noticeKey, at: now.getTime() },
  );
  return ledger === null ? 'held' : claim;
};

/** Gives a claimed notice back, so the next run posts it: from the ledger as it is now, keeping others' claims. */
export const releaseNotice = async (store: AppStore, issueId: string, noticeKey: string): Promise<void> => {
  const stored = await readLedger(store, issueId);
  if (stored === null) return;
  await changeLedger(store, issueId, stored, (keys) => (keys.includes(noticeKey) ? keys.filter((key) => key !== noticeKey) : null));
};
