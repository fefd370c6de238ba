import { guardedKeysOf, storageKeys, type AppStore } from './ports';
import { deletionMarkWrites } from './refresh-metrics';

/**
 * What the app keeps about one request, and no longer needs once Jira deleted it: its record, stage log and reminder
 * ledger, every page of its audit trail and any unreadable value kept for it. Answers how many values went. What the
 * quarterly audit keeps by quarter (refusals, decisions, approvals) stays: it is the quarter's account, named by key, and
 * goes with its quarter.
 *
 * First, one commit retires the guards of the request's guarded keys and leaves the mark that takes its history out of the
 * metrics. From then on no guarded write re-creates what goes here, whatever it read before (the hourly trail move or a
 * panel save committing a record read just before the deletion, with its trail pages); whatever committed before it is
 * found by the reads that follow and deleted. The retired guards go with the mark, once the refresh prunes it (the
 * buckets are the refresh's to write, so changing one here would race it): from then on the request counts in no report,
 * forecast, at-risk list or backtest, and the next refresh takes it out of its bucket. Team load and outcomes are searched
 * in Jira at each refresh, which no longer finds it. Every step can run again: a retried event finishes the work.
 */
export const forgetDeletedIssue = async (store: AppStore, issueId: string, now: Date): Promise<number> => {
  const guarded = guardedKeysOf(issueId);
  await store.commit({ guarded: [], plain: deletionMarkWrites(issueId, now), retire: guarded });
  const [stored, trail, ...kept] = await Promise.all([
    store.getMany(guarded),
    store.list(storageKeys.auditPagesOf(issueId)),
    ...guarded.map((key) => store.list(storageKeys.unreadableKeptOf(key))),
  ]);
  const values = [...stored.keys(), ...trail.keys(), ...kept.flatMap((found) => [...found.keys()])];
  if (values.length > 0) await store.deleteMany(values);
  return values.length;
};
