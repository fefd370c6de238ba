import type { IssueHistory } from './issue-metrics';

/**
 * Compact per-issue status histories live in app storage in a fixed number of buckets, chosen by
 * a hash of the issue id: a refresh rewrites only the buckets its changed issues fall in, and a
 * report reads all of them in a few batched reads. 256 buckets keep each under the 240 KiB KVS
 * value limit up to roughly 150,000 issues of ~8 status changes.
 */
export const BUCKET_COUNT = 256;

/** FNV-1a: fast, stable across runtimes, and spreads sequential ids evenly. */
export const bucketOf = (issueId: string, buckets = BUCKET_COUNT): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < issueId.length; i++) {
    hash ^= issueId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
};

/** One issue as stored: `[at, fromStatus, toStatus]` triples instead of objects, to stay small. */
export interface CompactHistory {
  readonly key: string;
  readonly createdAt: number;
  readonly dueDate: string | null;
  readonly currentStatus: string;
  readonly changes: readonly (readonly [number, string, string])[];
}

export type HistoryBucket = Readonly<Record<string, CompactHistory>>;

export const compact = (history: IssueHistory): CompactHistory => ({
  key: history.key,
  createdAt: history.createdAt,
  dueDate: history.dueDate,
  currentStatus: history.currentStatus,
  changes: history.changes.map((change) => [change.at, change.fromStatus, change.toStatus] as const),
});

export const expand = (id: string, stored: CompactHistory): IssueHistory => ({
  id,
  key: stored.key,
  createdAt: stored.createdAt,
  dueDate: stored.dueDate,
  currentStatus: stored.currentStatus,
  changes: stored.changes.map(([at, fromStatus, toStatus]) => ({ at, fromStatus, toStatus })),
});

/** Groups fresh histories by bucket, so each bucket is read and written once. */
export const groupByBucket = (histories: readonly IssueHistory[], buckets = BUCKET_COUNT): Map<number, IssueHistory[]> => {
  const groups = new Map<number, IssueHistory[]>();
  for (const history of histories) {
    const bucket = bucketOf(history.id, buckets);
    groups.set(bucket, [...(groups.get(bucket) ?? []), history]);
  }
  return groups;
};

/** A bucket with the given issues' histories replaced by fresh ones (a refresh fetches whole histories). */
export const withFreshHistories = (bucket: HistoryBucket, fresh: readonly IssueHistory[]): HistoryBucket => {
  const next: Record<string, CompactHistory> = { ...bucket };
  for (const history of fresh) next[history.id] = compact(history);
  return next;
};
