import type { Tier } from '../tiers';
import type { IssueHistory } from './issue-metrics';
import { present } from '../present';

/**
 * Compact per-issue status histories live in app storage in a fixed number of buckets, chosen by
 * a hash of the issue id: a refresh rewrites only the buckets its changed issues fall in, and a
 * report reads all of them in a few batched reads. 256 buckets keep each under the 240 KiB KVS
 * value limit up to roughly 190,000 issues of ~8 status changes (about 260 bytes an issue; `npm run bench`
 * prints the figures).
 */
export const BUCKET_COUNT = 256;

/** FNV-1a, 32 bits: fast, stable across runtimes, and spreads sequential ids evenly. */
export const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

export const bucketOf = (issueId: string, buckets = BUCKET_COUNT): number => fnv1a(issueId) % buckets;

/** Most blockers kept per issue: a bound on the stored bucket, far above any request's real dependencies. */
export const MAX_BLOCKERS_KEPT = 50;

/** One issue as stored: statuses as indexes into the bucket's status list, changes as `[at, from, to]`. */
export interface CompactHistory {
  readonly key: string;
  readonly createdAt: number;
  readonly dueDate: string | null;
  readonly currentStatus: number;
  readonly changes: readonly (readonly [number, number, number])[];
  readonly tier?: Tier;
  /** Issue ids it is blocked by, at most `MAX_BLOCKERS_KEPT`. */
  readonly blockedBy?: readonly string[];
}

/** A bucket: the status names its issues use, once, and the issues by id. */
export interface HistoryBucket {
  readonly statuses: readonly string[];
  readonly issues: Readonly<Record<string, CompactHistory>>;
}

export const EMPTY_BUCKET: HistoryBucket = { statuses: [], issues: {} };

/** Every stored issue of a bucket, expanded back to the engine's shape. */
export const historiesIn = (bucket: HistoryBucket): IssueHistory[] => {
  const name = (index: number): string => bucket.statuses[index] ?? '';
  return Object.entries(bucket.issues).map(([id, stored]) => ({
    id,
    key: stored.key,
    createdAt: stored.createdAt,
    dueDate: stored.dueDate,
    currentStatus: name(stored.currentStatus),
    changes: stored.changes.map(([at, from, to]) => ({ at, fromStatus: name(from), toStatus: name(to) })),
    ...(stored.tier ? { tier: stored.tier } : {}),
    ...(stored.blockedBy && stored.blockedBy.length > 0 ? { blockedBy: stored.blockedBy } : {}),
  }));
};

/** Groups fresh histories by bucket, so each bucket is read and written once. */
export const groupByBucket = (histories: readonly IssueHistory[], buckets = BUCKET_COUNT): Map<number, IssueHistory[]> => {
  const groups = new Map<number, IssueHistory[]>();
  for (const history of histories) {
    const bucket = bucketOf(history.id, buckets);
    const group = groups.get(bucket);
    if (group === undefined) groups.set(bucket, [history]);
    else group.push(history);
  }
  return groups;
};

/** Index of a status name in `statuses`, appending names not there yet. */
const statusIndexer = (statuses: string[]): ((status: string) => number) => {
  const indexes = new Map(statuses.map((status, index) => [status, index]));
  return (status) => {
    let index = indexes.get(status);
    if (index === undefined) {
      index = statuses.push(status) - 1;
      indexes.set(status, index);
    }
    return index;
  };
};

/**
 * A bucket with the given issues' histories replaced by fresh ones (a refresh fetches whole
 * histories). Status names already in the bucket keep their index; new ones are appended.
 */
export const withFreshHistories = (bucket: HistoryBucket, fresh: readonly IssueHistory[]): HistoryBucket => {
  const statuses = [...bucket.statuses];
  const indexOf = statusIndexer(statuses);
  const issues: Record<string, CompactHistory> = { ...bucket.issues };
  for (const history of fresh) {
    issues[history.id] = {
      key: history.key,
      createdAt: history.createdAt,
      dueDate: history.dueDate,
      currentStatus: indexOf(history.currentStatus),
      changes: history.changes.map((change) => [change.at, indexOf(change.fromStatus), indexOf(change.toStatus)] as const),
      ...(history.tier ? { tier: history.tier } : {}),
      ...(history.blockedBy && history.blockedBy.length > 0 ? { blockedBy: history.blockedBy } : {}),
    };
  }
  return { statuses, issues };
};

/**
 * `bucket` without the histories of `ids` (requests Jira deleted): the bucket itself when it holds none of them, so a
 * caller can tell nothing changed. Its status list stays: it is bounded by the site's statuses, and indexes stay valid.
 */
export const withoutIssues = (bucket: HistoryBucket, ids: Iterable<string>): HistoryBucket => {
  const gone = new Set([...ids].filter((id) => Object.hasOwn(bucket.issues, id)));
  if (gone.size === 0) return bucket;
  return { statuses: bucket.statuses, issues: Object.fromEntries(Object.entries(bucket.issues).filter(([id]) => !gone.has(id))) };
};

/**
 * A backfill stages each search page's histories apart from the buckets and merges them in at
 * the end, a group of buckets per step: every bucket is then written once per refresh, not once
 * per page (which made a backfill's storage writes grow with the square of its size).
 */
const BUCKETS_PER_MERGE_GROUP = 16;
export const MERGE_GROUPS = Math.ceil(BUCKET_COUNT / BUCKETS_PER_MERGE_GROUP);

export const mergeGroupOf = (bucket: number): number => Math.floor(bucket / BUCKETS_PER_MERGE_GROUP);

/** `base` with every issue of `fresh` put in (replacing the same issue), status indexes mapped into `base`'s list. */
export const mergeBuckets = (base: HistoryBucket, fresh: HistoryBucket): HistoryBucket => {
  const statuses = [...base.statuses];
  const mapped = fresh.statuses.map(statusIndexer(statuses));
  const issues: Record<string, CompactHistory> = { ...base.issues };
  for (const [id, stored] of Object.entries(fresh.issues)) {
    issues[id] = {
      ...stored,
      currentStatus: present(mapped[stored.currentStatus]),
      changes: stored.changes.map(([at, from, to]) => [at, present(mapped[from]), present(mapped[to])] as const),
    };
  }
  return { statuses, issues };
};

/**
 * A staged chunk stores each change's time as the gap since the one before (since creation for
 * the first): shorter numbers, so staging a backfill writes well under the size it will finally store.
 */
export const toStaged = (bucket: HistoryBucket): HistoryBucket => ({
  statuses: bucket.statuses,
  issues: Object.fromEntries(
    Object.entries(bucket.issues).map(([id, issue]) => [
      id,
      {
        ...issue,
        changes: issue.changes.map(
          ([at, from, to], i) => [at - (i === 0 ? issue.createdAt : present(issue.changes[i - 1])[0]), from, to] as const,
        ),
      },
    ]),
  ),
});

/** A staged chunk back to the stored form. */
export const fromStaged = (staged: HistoryBucket): HistoryBucket => ({
  statuses: staged.statuses,
  issues: Object.fromEntries(
    Object.entries(staged.issues).map(([id, issue]) => {
      let at = issue.createdAt;
      return [id, { ...issue, changes: issue.changes.map(([gap, from, to]) => [(at += gap), from, to] as const) }];
    }),
  ),
});
