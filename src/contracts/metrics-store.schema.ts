import { z } from 'zod';
import { MAX_BLOCKERS_KEPT, type HistoryBucket } from '../domain/metrics/history-buckets';
import { TIERS } from '../domain/tiers';

const statusIndex = z.number().int().min(0);

export const historyBucketSchema = z
  .object({
    statuses: z.array(z.string()),
    issues: z.record(
      z.string(),
      z.object({
        key: z.string(),
        createdAt: z.number(),
        dueDate: z.string().nullable(),
        currentStatus: statusIndex,
        changes: z.array(z.tuple([z.number(), statusIndex, statusIndex])),
        tier: z.enum(TIERS).optional(),
        // Bounded: a request's blockers as Jira lists them (a link-type limit applies there too).
        blockedBy: z.array(z.string().max(20)).max(MAX_BLOCKERS_KEPT).optional(),
      }),
    ),
  })
  .refine(
    (bucket) =>
      Object.values(bucket.issues).every(
        (issue) =>
          issue.currentStatus < bucket.statuses.length &&
          issue.changes.every(([, from, to]) => Math.max(from, to) < bucket.statuses.length),
      ),
    'a status index points past the status list',
  ) satisfies z.ZodType<HistoryBucket>;

/** Where the refresh stands: the watermark of the last complete refresh, and the one under way. */
export const refreshStateSchema = z.object({
  schemaVersion: z.literal(1),
  /** Issues updated before this instant are in storage. Null until the first backfill completes. */
  watermark: z.string().nullable(),
  lastCompletedAt: z.string().nullable(),
  /** When the latest refresh was queued: one is under way while this is after lastCompletedAt. */
  lastStartedAt: z.string().nullable().optional(),
});
export type RefreshState = z.infer<typeof refreshStateSchema>;

export const INITIAL_REFRESH_STATE: RefreshState = { schemaVersion: 1, watermark: null, lastCompletedAt: null };

/** One unit of refresh work, carried by a queue event: a search page to fetch and store. */
export const refreshJobSchema = z.object({
  jql: z.string().min(1),
  /** When this refresh began: it becomes the watermark once its last page is stored. */
  startedAt: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO date-time'),
  pageToken: z.string().optional(),
  page: z.number().int().min(0),
  /** Set when a page found a corrupt bucket: the refresh then ends without a watermark, forcing a backfill. */
  rebuildNeeded: z.boolean().optional(),
  /**
   * What this event does: fetch a search page (the default), merge the staged pages into one
   * group of buckets, compute the gadgets' views and complete the refresh, or then search as a few
   * viewers for their Workflow health views by JQL (the last such event computes them all).
   */
  step: z.enum(['fetch', 'merge', 'views', 'viewer-views']).optional(),
  /** The merge group of a merge step. */
  group: z.number().int().min(0).optional(),
  /** A viewer-views step: when the refresh completed (its views are stamped with it). */
  completedAt: z.string().optional(),
  /** A viewer-views step: it searches for the views whose cache key sorts after this one (all, when absent). */
  viewsAfter: z.string().optional(),
  /** Set once a page was staged: the refresh then merges before it completes. */
  staged: z.boolean().optional(),
});
export type RefreshJob = z.infer<typeof refreshJobSchema>;

/** The ids a viewer's search found, kept from one viewer-views event of a refresh for its last (`packIds`). */
export const packedIdsSchema = z.object({ steps: z.string(), other: z.array(z.string()) });

/** The mark the issue-deleted trigger leaves for the metrics refresh: when Jira deleted the request. */
export const deletedIssueMarkSchema = z.object({ at: z.string() });
export type DeletedIssueMark = z.infer<typeof deletedIssueMarkSchema>;

/** The last deletion the issue-deleted trigger marked, written with its mark: which request, and when. */
export const lastDeletionSchema = z.object({ issueId: z.string(), at: z.string() });

/**
 * Just enough of a history bucket to say whether it holds an issue, without reading each history: the issue-deleted
 * trigger asks this of one bucket per deletion.
 */
export const bucketIssueIdsSchema = z.object({ issues: z.record(z.string(), z.unknown()) });
