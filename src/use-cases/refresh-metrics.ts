import type { JiraApi } from '../adapters/jira-api';
import type { AppConfig } from '../domain/app-config';
import { historyBucketSchema, INITIAL_REFRESH_STATE, refreshStateSchema, type RefreshJob, type RefreshState } from '../contracts/metrics-store.schema';
import { BUCKET_COUNT, EMPTY_BUCKET, groupByBucket, historiesIn, withFreshHistories, type HistoryBucket } from '../domain/metrics/history-buckets';
import type { IssueHistory } from '../domain/metrics/issue-metrics';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { changedSinceJql, fetchHistoriesPage } from './fetch-status-histories';
import { MAX_VALUE_BYTES, serializedSize, storageKeys, type AppStore } from './ports';

export interface RefreshDeps {
  readonly jira: JiraApi;
  readonly store: AppStore;
  readonly now: Date;
}

const readState = async (store: AppStore): Promise<RefreshState> => {
  const raw = (await store.getMany([storageKeys.metricsState])).get(storageKeys.metricsState);
  const parsed = refreshStateSchema.safeParse(raw);
  // No state, or an unreadable one, means "never refreshed": the next refresh is a full backfill.
  return parsed.success ? parsed.data : INITIAL_REFRESH_STATE;
};

/** The first job of a refresh: everything changed since the last complete one (or a full backfill). */
export const startRefresh = async (deps: RefreshDeps, config: Pick<AppConfig, 'metricsJql'>): Promise<RefreshJob> => {
  const state = await readState(deps.store);
  const since = state.watermark === null ? null : new Date(state.watermark);
  return { jql: changedSinceJql(config.metricsJql, since, deps.now), startedAt: deps.now.toISOString(), page: 0 };
};

export interface RefreshPageOutcome {
  /** The job for the next page, or null when this refresh is complete. */
  readonly next: RefreshJob | null;
  readonly issues: number;
  readonly requests: number;
  readonly bucketsWritten: number;
}

/**
 * Stores one search page of a refresh: fetch the page's issues and whole status histories,
 * replace them in their buckets, and, after the last page, move the watermark. Re-running a
 * page (a retried event) writes the same data again, so a timeout resumes without harm.
 */
export const runRefreshPage = async (deps: RefreshDeps, job: RefreshJob): Promise<Result<RefreshPageOutcome, Failure>> => {
  const page = await fetchHistoriesPage(deps.jira, job.jql, job.pageToken);
  if (!page.ok) return page;

  const groups = groupByBucket(page.value.histories);
  const keys = [...groups.keys()].map(storageKeys.metricsBucket);
  const stored = keys.length === 0 ? new Map<string, unknown>() : await deps.store.getMany(keys);
  let lostBucket = false;
  const writes = new Map<string, unknown>();
  for (const [bucket, fresh] of groups) {
    const key = storageKeys.metricsBucket(bucket);
    const parsed = historyBucketSchema.safeParse(stored.get(key) ?? EMPTY_BUCKET);
    // A corrupt bucket is rebuilt: these issues now, the rest by a full backfill next time.
    if (!parsed.success) lostBucket = true;
    const current: HistoryBucket = parsed.success ? parsed.data : EMPTY_BUCKET;
    const next = withFreshHistories(current, fresh);
    if (serializedSize(next) > MAX_VALUE_BYTES) {
      return failure('METRICS.BUCKET_FULL', `metrics bucket ${bucket} would exceed the 240 KiB storage limit; nothing was written`);
    }
    writes.set(key, next);
  }

  const last = page.value.nextPageToken === null;
  const rebuildNeeded = job.rebuildNeeded === true || lostBucket;
  if (last) {
    const state: RefreshState = rebuildNeeded
      ? INITIAL_REFRESH_STATE
      : { schemaVersion: 1, watermark: job.startedAt, lastCompletedAt: deps.now.toISOString() };
    writes.set(storageKeys.metricsState, state);
  }
  if (writes.size > 0) await deps.store.setMany(writes);

  return ok({
    next: last
      ? null
      : { ...job, pageToken: page.value.nextPageToken ?? undefined, page: job.page + 1, ...(rebuildNeeded ? { rebuildNeeded } : {}) },
    issues: page.value.histories.length,
    requests: page.value.requests,
    bucketsWritten: groups.size,
  });
};

/** Every stored history, for a report: one batched read of all buckets. Corrupt buckets are skipped. */
export const readAllHistories = async (store: AppStore): Promise<IssueHistory[]> => {
  const keys = Array.from({ length: BUCKET_COUNT }, (_, bucket) => storageKeys.metricsBucket(bucket));
  const stored = await store.getMany(keys);
  const histories: IssueHistory[] = [];
  for (const raw of stored.values()) {
    const parsed = historyBucketSchema.safeParse(raw);
    if (parsed.success) histories.push(...historiesIn(parsed.data));
  }
  return histories;
};
