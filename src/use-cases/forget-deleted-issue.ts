import { storageKeys, type AppStore } from './ports';
import { markIssueDeleted } from './refresh-metrics';

/**
 * What the app keeps about one request, and no longer needs once Jira deleted it: its record, stage log and reminder
 * ledger with the revisions committed under each (their guards), every page of its audit trail and any unreadable value
 * kept for it. Read by key and by prefix, then deleted; answers how many values went. What the quarterly audit keeps by
 * quarter (refusals, decisions, approvals) stays: it is the quarter's account, named by key, and goes with its quarter.
 * Its history leaves the metrics through a mark the refresh reads (the buckets are the refresh's to write, so changing
 * one here would race it): from then on it counts in no report, forecast, at-risk list or backtest, and the next
 * refresh takes it out of its bucket. Team load and outcomes are searched in Jira at each refresh, which no longer finds it.
 */
export const forgetDeletedIssue = async (store: AppStore, issueId: string, now: Date): Promise<number> => {
  await markIssueDeleted(store, issueId, now);
  // The keys a request's guarded writes commit under (record, stage log, reminder ledger): each has a revision guard.
  const guarded = [storageKeys.record(issueId), storageKeys.stageLog(issueId), storageKeys.reminders(issueId)];
  const [stored, trail, ...kept] = await Promise.all([
    store.getMany(guarded),
    store.list(storageKeys.auditPagesOf(issueId)),
    ...guarded.map((key) => store.list(storageKeys.unreadableKeptOf(key))),
  ]);
  const plain = [...trail.keys(), ...kept.flatMap((values) => [...values.keys()])];
  // A guard may outlive its value (a ledger written and emptied): every guarded key goes, stored or not.
  await store.deleteWithRevisions(guarded);
  if (plain.length > 0) await store.deleteMany(plain);
  return stored.size + plain.length;
};
