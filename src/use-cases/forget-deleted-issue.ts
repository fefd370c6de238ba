import { bucketIssueIdsSchema, refreshStateSchema } from '../contracts/metrics-store.schema';
import { bucketOf } from '../domain/metrics/history-buckets';
import { guardedKeysOf, storageKeys, type AppStore } from './ports';
import { deletionMarkWrites, refreshUnderWay } from './refresh-metrics';

/**
 * Whether the app keeps or counts anything of an issue Jira deleted. Jira tells the app of every deletion on the site
 * (a Task in a project the app never looks at too), and most are none of its business: marking one would still stamp a
 * new last deletion, and every cached Workflow health and Outcomes view would be computed again on its next load.
 *
 * What decides it, read in this order, the least first: a value under one of the request's guarded keys (its record,
 * stage log or notice ledger: every other value the app keeps of a request, its trail pages and kept values, is written
 * with one of them), or its deletion mark (an earlier delivery of this event began the work and a retry finishes it,
 * whatever that delivery already deleted); a refresh under way (its search may have fetched the issue before Jira deleted it, to merge it
 * into a bucket after this read: the mark is what keeps it out); and last the one history bucket the issue's id
 * belongs in, where every figure of the gadgets comes from. An issue with none of these is in no figure and no stored
 * value, so forgetting it has nothing to do. A bucket or refresh state that does not read may hold it, so it counts.
 */
const heldByApp = async (store: AppStore, issueId: string, now: Date): Promise<boolean> => {
  const guarded = guardedKeysOf(issueId);
  const values = await store.getMany([...guarded, storageKeys.deletedIssue(issueId), storageKeys.metricsState]);
  if ([...guarded, storageKeys.deletedIssue(issueId)].some((key) => values.has(key))) return true;
  const rawState = values.get(storageKeys.metricsState);
  const state = refreshStateSchema.safeParse(rawState);
  if (state.success ? refreshUnderWay(state.data, now.getTime()) : rawState !== undefined) return true;
  const bucketKey = storageKeys.metricsBucket(bucketOf(issueId));
  const bucket = (await store.getMany([bucketKey])).get(bucketKey);
  if (bucket === undefined) return false;
  const ids = bucketIssueIdsSchema.safeParse(bucket);
  return !ids.success || Object.hasOwn(ids.data.issues, issueId);
};

/**
 * What the app keeps about one request, and no longer needs once Jira deleted it: its record, stage log and reminder
 * ledger, every page of its audit trail and any unreadable value kept for it. Answers how many values went, or null when
 * the app held nothing of the issue (`heldByApp`) and wrote nothing. What the quarterly audit keeps by quarter
 * (refusals, decisions, approvals) stays: it is the quarter's account, named by key, and goes with its quarter.
 *
 * First, one commit retires the guards of the request's guarded keys and leaves the mark that takes its history out of the
 * metrics. From then on no guarded write re-creates what goes here, whatever it read before (the hourly trail move or a
 * panel save committing a record read just before the deletion, with its trail pages); whatever committed before it is
 * found by the reads that follow and deleted. The retired guards go with the mark, once the refresh prunes it (the
 * buckets are the refresh's to write, so changing one here would race it): from then on the request counts in no report,
 * forecast, at-risk list or backtest, and the next refresh takes it out of its bucket. Team load and outcomes are searched
 * in Jira at each refresh, which no longer finds it. Every step can run again: a retried event finishes the work.
 */
export const forgetDeletedIssue = async (store: AppStore, issueId: string, now: Date): Promise<number | null> => {
  if (!(await heldByApp(store, issueId, now))) return null;
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
