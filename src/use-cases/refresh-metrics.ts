import { parseStoredConfig } from '../contracts/app-config.schema';
import type { AppConfig } from '../domain/app-config';
import {
  deletedIssueMarkSchema,
  lastDeletionSchema,
  historyBucketSchema,
  INITIAL_REFRESH_STATE,
  packedIdsSchema,
  type DeletedIssueMark,
  refreshStateSchema,
  type RefreshJob,
  type RefreshState,
} from '../contracts/metrics-store.schema';
import {
  BUCKET_COUNT,
  bucketOf,
  EMPTY_BUCKET,
  fromStaged,
  groupByBucket,
  historiesIn,
  MERGE_GROUPS,
  mergeBuckets,
  mergeGroupOf,
  toStaged,
  withFreshHistories,
  withoutIssues,
  type CompactHistory,
  type HistoryBucket,
} from '../domain/metrics/history-buckets';
import type { IssueHistory } from '../domain/metrics/issue-metrics';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { changedSinceJql, fetchHistoriesPage } from './fetch-status-histories';
import {
  historiesVersion,
  idsFoundBy,
  projectHealthViews,
  VIEWER_CACHE_EXPIRY,
  viewerHealthConfigs,
  viewerHealthView,
  type ViewerHealthConfig,
  type ViewsInput,
} from './gadget-views';
import { packIds, unpackIds } from '../domain/metrics/found-ids';
import { forecastWrites, parseForecastSummary } from './refresh-forecasts';
import { guardedKeysOf, MAX_VALUE_BYTES, serializedSize, storageKeys, type AppStore } from './ports';
import type { JiraApi } from './jira-port';
import type { RefreshRequestView } from '../contracts/views/gadgets';

export interface RefreshDeps {
  readonly jira: JiraApi;
  readonly store: AppStore;
  readonly now: Date;
}

/** A refresh's steps: also Jira as a given account (offline user impersonation), for the views of JQL gadgets. */
export interface RefreshStepDeps extends RefreshDeps {
  readonly jiraAs: (accountId: string) => JiraApi;
}

/**
 * Viewers searched as per viewer-views event, for their Workflow health views by JQL: each search is up to four pages as
 * the viewer, each page given 10 s at most (the runtime's policy for searches as a viewer), so four keep an event inside
 * the consumer's 300 s even when Jira stays down (160 s). The views are computed in
 * the last of these events, from one read of the histories: a pass over every stored history each (0.7–1.6 s at 100,000
 * issues, `npm run bench`), half a minute for the 20 kept (MAX_PRECOMPUTED_HEALTH_VIEWS).
 */
const VIEWER_VIEWS_PER_STEP = 4;

/** A refresh asked for from a gadget waits this long after the last one started or completed. */
export const MANUAL_REFRESH_INTERVAL_MS = 5 * 60_000;
/** A refresh that has not completed this long after it started is taken as stopped: another may start. */
export const REFRESH_RUN_TIMEOUT_MS = 60 * 60_000;

/** No state, or an unreadable one, means "never refreshed": the next refresh is a full backfill. */
const stateOf = (raw: unknown): RefreshState => {
  const parsed = refreshStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : INITIAL_REFRESH_STATE;
};

const readState = async (store: AppStore): Promise<RefreshState> =>
  stateOf((await store.getMany([storageKeys.metricsState])).get(storageKeys.metricsState));

/**
 * Requests Jira deleted whose marks are still kept (see `storageKeys.deletedIssue`), by id, with when each was deleted
 * (ms). A mark that does not read still names a deleted request: it counts as deleted, and as deleted long ago.
 */
const deletedIssues = async (store: AppStore): Promise<ReadonlyMap<string, number>> => {
  const marks = await store.list(storageKeys.deletedIssuesPrefix);
  const deleted = new Map<string, number>();
  for (const [key, mark] of marks) {
    const at = deletedIssueMarkSchema.safeParse(mark);
    deleted.set(key.slice(storageKeys.deletedIssuesPrefix.length), at.success ? Date.parse(at.data.at) : 0);
  }
  return deleted;
};

/**
 * The last deletion marked (`storageKeys.lastDeletion`), as views stamp it: 'none' before the first, null when the stored
 * one does not read (a view stamped with it matches none, so views are computed on load until the next deletion replaces it).
 */
export const lastDeletionOf = (raw: unknown): string | null => {
  if (raw === undefined) return 'none';
  const parsed = lastDeletionSchema.safeParse(raw);
  return parsed.success ? `of ${parsed.data.issueId} at ${parsed.data.at}` : null;
};

/**
 * The writes that mark a request Jira deleted, for the refresh to take its history out (the issue-deleted trigger commits
 * them), with it as the last deletion, so a cached gadget view stamped before it is computed again on its next load.
 * Nothing here is guarded: deletions at once (a bulk delete of hundreds of issues, any type) compete for nothing and none
 * is refused. Whichever of them commits last, its stamp (the request and the time) is none a view read before them
 * carries, and a view that read it also read its mark.
 */
export const deletionMarkWrites = (issueId: string, now: Date): Map<string, unknown> => {
  const at = now.toISOString();
  const mark: DeletedIssueMark = { at };
  return new Map<string, unknown>([
    [storageKeys.deletedIssue(issueId), mark],
    [storageKeys.lastDeletion, { issueId, at }],
  ]);
};

const jobFor = (state: RefreshState, config: Pick<AppConfig, 'metricsJql'>, now: Date): RefreshJob => {
  const since = state.watermark === null ? null : new Date(state.watermark);
  return { jql: changedSinceJql(config.metricsJql, since, now), startedAt: now.toISOString(), page: 0 };
};

/** The first job of a refresh: everything changed since the last complete one (or a full backfill). */
export const startRefresh = async (deps: RefreshDeps, config: Pick<AppConfig, 'metricsJql'>): Promise<RefreshJob> =>
  jobFor(await readState(deps.store), config, deps.now);

/** When the latest refresh started and the last one completed (ms), null for never. */
const refreshTimes = (state: RefreshState): { started: number | null; completed: number | null } => ({
  started: state.lastStartedAt ? Date.parse(state.lastStartedAt) : null,
  completed: state.lastCompletedAt ? Date.parse(state.lastCompletedAt) : null,
});

/**
 * Whether a refresh is under way at `now` (ms): the latest started after the last one completed, and less than
 * REFRESH_RUN_TIMEOUT_MS ago (an older one is taken as stopped).
 */
export const refreshUnderWay = (state: RefreshState, now: number): boolean => {
  const { started, completed } = refreshTimes(state);
  return started !== null && (completed === null || started > completed) && now - started < REFRESH_RUN_TIMEOUT_MS;
};

/**
 * Queues a refresh unless one is under way, or, when a viewer asks, unless one started or
 * completed in the last five minutes: however often viewers click, one refresh is queued.
 * The hourly schedule asks as `schedule` and is held back only by a refresh under way. The
 * start is claimed with a guarded write, so of requests made side by side exactly one queues.
 */
export const requestRefresh = async (
  deps: RefreshDeps & { readonly enqueue: (job: RefreshJob) => Promise<void> },
  config: Pick<AppConfig, 'metricsJql'>,
  by: 'viewer' | 'schedule',
): Promise<RefreshRequestView> => {
  const [values, revisions] = await Promise.all([
    deps.store.getMany([storageKeys.metricsState]),
    deps.store.committedRevisions([storageKeys.metricsState]),
  ]);
  const state = stateOf(values.get(storageKeys.metricsState));
  const now = deps.now.getTime();
  const { started, completed } = refreshTimes(state);
  if (refreshUnderWay(state, now)) return { queued: false, reason: 'a refresh is under way' };
  if (by === 'viewer' && now - Math.max(started ?? 0, completed ?? 0) < MANUAL_REFRESH_INTERVAL_MS) {
    return { queued: false, reason: 'the metrics were refreshed less than 5 minutes ago' };
  }
  const readRevision = revisions.get(storageKeys.metricsState) ?? 0;
  const claimed = await deps.store.commit({
    guarded: [
      {
        key: storageKeys.metricsState,
        value: { ...state, lastStartedAt: deps.now.toISOString() },
        readRevision,
        revision: readRevision + 1,
      },
    ],
  });
  if (claimed === 'conflict') return { queued: false, reason: 'a refresh is under way' };
  await deps.enqueue(jobFor(state, config, deps.now));
  return { queued: true };
};

interface RefreshPageOutcome {
  /** The job for the next step, or null when this refresh is complete. */
  readonly next: RefreshJob | null;
  readonly issues: number;
  readonly requests: number;
  readonly bucketsWritten: number;
  /** Issues this step left out because Jira's data for them did not read (the rest were refreshed). */
  readonly skipped?: readonly string[];
  /** Issues this step counted without their summary property, which did not read. */
  readonly partlyRead?: readonly string[];
  /** Workflow health views by JQL this step left to their viewer's next load, each with why. */
  readonly viewsLeftToLoad?: readonly string[];
}

/** Fresh data for some buckets, each as compact buckets to merge in order (later pages win). */
type FreshBuckets = Map<number, HistoryBucket[]>;

/**
 * Merges fresh data into the stored buckets, each read and written once. A corrupt stored bucket
 * is rebuilt from the fresh data alone (`lostBucket`: the refresh then forces a backfill).
 * The histories of deleted requests (`deleted`, those whose buckets this merge may write) come out of their buckets,
 * also when a page fetched before the deletion brought them in again; a bucket only they touch is written only if
 * it held one.
 */
const mergeIntoStored = async (
  store: AppStore,
  fresh: FreshBuckets,
  deleted: readonly string[],
): Promise<Result<{ writes: Map<string, unknown>; lostBucket: boolean }, Failure>> => {
  const all: FreshBuckets = new Map(fresh);
  for (const id of deleted) if (!all.has(bucketOf(id))) all.set(bucketOf(id), []);
  const keys = [...all.keys()].map(storageKeys.metricsBucket);
  const stored = keys.length === 0 ? new Map<string, unknown>() : await store.getMany(keys);
  let lostBucket = false;
  const writes = new Map<string, unknown>();
  for (const [bucket, parts] of all) {
    const key = storageKeys.metricsBucket(bucket);
    const parsed = historyBucketSchema.safeParse(stored.get(key) ?? EMPTY_BUCKET);
    if (!parsed.success) lostBucket = true;
    const merged = parts.reduce(mergeBuckets, parsed.success ? parsed.data : EMPTY_BUCKET);
    const next = withoutIssues(merged, deleted);
    if (parts.length === 0 && next === merged) continue;
    if (serializedSize(next) > MAX_VALUE_BYTES) {
      return failure('METRICS.BUCKET_FULL', `metrics bucket ${bucket} would exceed the 240 KiB storage limit; nothing was written`);
    }
    writes.set(key, next);
  }
  return ok({ writes, lostBucket });
};

/** A refresh's id in staged keys: its start, in base 36. */
const runOf = (job: RefreshJob): string => Date.parse(job.startedAt).toString(36);

/** A page's histories for one merge group, as one compact bucket per chunk, each under the storage value limit. */
const stagedChunks = (histories: readonly IssueHistory[]): HistoryBucket[] => {
  const chunk = toStaged(withFreshHistories(EMPTY_BUCKET, histories));
  if (histories.length <= 1 || serializedSize(chunk) <= MAX_VALUE_BYTES) return [chunk];
  const half = Math.ceil(histories.length / 2);
  return [...stagedChunks(histories.slice(0, half)), ...stagedChunks(histories.slice(half))];
};

/** A page's histories by merge group. */
const byMergeGroup = (histories: readonly IssueHistory[]): Map<number, IssueHistory[]> => {
  const groups = new Map<number, IssueHistory[]>();
  for (const [bucket, inBucket] of groupByBucket(histories)) {
    const group = groups.get(mergeGroupOf(bucket));
    if (group === undefined) groups.set(mergeGroupOf(bucket), [...inBucket]);
    else group.push(...inBucket);
  }
  return groups;
};

const fetchStep = async (deps: RefreshDeps, job: RefreshJob): Promise<Result<RefreshPageOutcome, Failure>> => {
  const page = await fetchHistoriesPage(deps.jira, job.jql, job.pageToken);
  if (!page.ok) return page;
  const { histories, requests, nextPageToken, skipped, partlyRead } = page.value;
  const last = nextPageToken === null;
  const counts = { issues: histories.length, requests, skipped, partlyRead };

  if (last && job.staged !== true) {
    // A refresh of one page (the hourly one, usually) goes straight into its buckets.
    const fresh: FreshBuckets = new Map(
      [...groupByBucket(histories)].map(([bucket, group]) => [bucket, [withFreshHistories(EMPTY_BUCKET, group)]]),
    );
    const merged = await mergeIntoStored(deps.store, fresh, [...(await deletedIssues(deps.store)).keys()]);
    if (!merged.ok) return merged;
    if (merged.value.writes.size > 0) await deps.store.setMany(merged.value.writes);
    const rebuildNeeded = job.rebuildNeeded === true || merged.value.lostBucket;
    return ok({ next: viewsJob(job, rebuildNeeded), ...counts, bucketsWritten: merged.value.writes.size });
  }

  // A page of a longer refresh is staged; the buckets are merged once, after the last page.
  const writes = new Map<string, unknown>();
  for (const [group, inGroup] of byMergeGroup(histories)) {
    stagedChunks(inGroup).forEach((chunk, index) => writes.set(storageKeys.metricsStaged(group, runOf(job), job.page, index), chunk));
  }
  if (writes.size > 0) await deps.store.setMany(writes);
  const next: RefreshJob = last
    ? {
        jql: job.jql,
        startedAt: job.startedAt,
        page: job.page + 1,
        step: 'merge',
        group: 0,
        staged: true,
        ...(job.rebuildNeeded ? { rebuildNeeded: true } : {}),
      }
    : { ...job, pageToken: nextPageToken, page: job.page + 1, staged: true };
  return ok({ next, ...counts, bucketsWritten: 0 });
};

const viewsJob = (job: RefreshJob, rebuildNeeded: boolean): RefreshJob => ({
  jql: job.jql,
  startedAt: job.startedAt,
  page: job.page + 1,
  step: 'views',
  ...(rebuildNeeded ? { rebuildNeeded: true } : {}),
});

/** Staged key → its run, page and chunk. */
const stagedKeyParts = (key: string): { run: string; page: number; chunk: number } => {
  const [run = '', page = '0', chunk = '0'] = key.split(':').slice(3);
  return { run, page: Number(page), chunk: Number(chunk) };
};

/**
 * Merges this refresh's staged pages into one group of buckets, then deletes them (and any a
 * stopped refresh left behind). Retried after a failure, it merges the same pages again.
 */
const mergeStep = async (deps: RefreshDeps, job: RefreshJob, group: number): Promise<Result<RefreshPageOutcome, Failure>> => {
  const run = runOf(job);
  const staged = await deps.store.list(storageKeys.metricsStagedIn(group));
  const own = [...staged.keys()].filter((key) => stagedKeyParts(key).run === run);
  const stopped = [...staged.keys()].filter((key) => {
    const other = parseInt(stagedKeyParts(key).run, 36);
    return other < Date.parse(job.startedAt) - REFRESH_RUN_TIMEOUT_MS;
  });
  own.sort((a, b) => stagedKeyParts(a).page - stagedKeyParts(b).page || stagedKeyParts(a).chunk - stagedKeyParts(b).chunk);

  let lostPage = false;
  const fresh: FreshBuckets = new Map();
  for (const key of own) {
    const parsed = historyBucketSchema.safeParse(staged.get(key));
    if (!parsed.success) {
      lostPage = true;
      continue;
    }
    const chunk = fromStaged(parsed.data);
    // The chunk's issues split by bucket, each part sharing the chunk's status list.
    const parts = new Map<number, Record<string, CompactHistory>>();
    for (const [id, issue] of Object.entries(chunk.issues)) {
      const bucket = bucketOf(id);
      if (mergeGroupOf(bucket) !== group) continue;
      const part = parts.get(bucket) ?? {};
      part[id] = issue;
      parts.set(bucket, part);
    }
    for (const [bucket, issues] of parts) fresh.set(bucket, [...(fresh.get(bucket) ?? []), { statuses: chunk.statuses, issues }]);
  }
  const deletedInGroup = [...(await deletedIssues(deps.store)).keys()].filter((id) => mergeGroupOf(bucketOf(id)) === group);
  const merged = await mergeIntoStored(deps.store, fresh, deletedInGroup);
  if (!merged.ok) return merged;
  if (merged.value.writes.size > 0) await deps.store.setMany(merged.value.writes);
  if (own.length + stopped.length > 0) await deps.store.deleteMany([...new Set([...own, ...stopped])]);

  const rebuildNeeded = job.rebuildNeeded === true || merged.value.lostBucket || lostPage;
  const next: RefreshJob =
    group + 1 < MERGE_GROUPS
      ? { ...job, page: job.page + 1, group: group + 1, ...(rebuildNeeded ? { rebuildNeeded: true } : {}) }
      : viewsJob(job, rebuildNeeded);
  return ok({ next, issues: 0, requests: 0, bucketsWritten: merged.value.writes.size });
};

/**
 * The last step: every open request's launch forecast, and the views of the gadget configurations
 * dashboards asked for, computed from the stored histories, written with the state that completes the refresh (one write), so a
 * viewer's next load reads them instead of computing.
 */
const viewsStep = async (deps: RefreshStepDeps, job: RefreshJob): Promise<Result<RefreshPageOutcome, Failure>> => {
  // The last deletion is read before the marks: a deletion marked after it leaves the views stamped with an older one.
  const values = await deps.store.getMany([
    storageKeys.metricsState,
    storageKeys.healthConfigs,
    storageKeys.config,
    storageKeys.lastDeletion,
  ]);
  const state = refreshStateSchema.safeParse(values.get(storageKeys.metricsState));
  const completedAt = deps.now.toISOString();
  const writes = new Map<string, unknown>();
  const config = parseStoredConfig(values.get(storageKeys.config));
  const deleted = await deletedIssues(deps.store);
  let viewersToCompute = false;
  if (config.ok) {
    const histories = await readAllHistories(deps.store, deleted);
    const forecasts = await forecastWrites(deps.jira, deps.store, histories, config.value.config, deps.now);
    for (const [key, value] of forecasts.writes) writes.set(key, value);
    const dataVersion = historiesVersion(completedAt, lastDeletionOf(values.get(storageKeys.lastDeletion)));
    if (values.has(storageKeys.healthConfigs) && dataVersion !== null) {
      const input = {
        histories,
        statusMap: config.value.config.statusMap,
        now: deps.now.getTime(),
        dataVersion,
        atRisk: forecasts.summary.atRisk,
      };
      for (const [key, view] of projectHealthViews(values.get(storageKeys.healthConfigs), input)) writes.set(key, view);
      viewersToCompute = viewerHealthConfigs(values.get(storageKeys.healthConfigs), input.now).length > 0;
    }
  }
  const completed: RefreshState = {
    schemaVersion: 1,
    // A corrupt bucket or staged page leaves no watermark: the next refresh is a full backfill.
    watermark: job.rebuildNeeded === true ? null : job.startedAt,
    lastCompletedAt: completedAt,
    lastStartedAt: (state.success ? state.data.lastStartedAt : null) ?? job.startedAt,
  };
  writes.set(storageKeys.metricsState, completed);
  await deps.store.setMany(writes);
  // This refresh's merges took every marked request out of its bucket. A mark goes once no refresh that started
  // before its deletion can still merge a page fetched then (such a run is taken as stopped after REFRESH_RUN_TIMEOUT_MS),
  // and with it the retired guards of the request's keys: no write that read before the deletion is still under way
  // that long after it (a scheduled or queued function runs 55 seconds by default, 900 at most).
  const settled = Date.parse(job.startedAt) - REFRESH_RUN_TIMEOUT_MS;
  const prunable = [...deleted].filter(([, at]) => at < settled).map(([id]) => id);
  if (prunable.length > 0)
    await deps.store.deleteWithRevisions(prunable.flatMap((id) => [storageKeys.deletedIssue(id), ...guardedKeysOf(id)]));
  // The views by JQL come after: each is a search as its viewer, whose time Jira decides, so they go a few per event.
  const next: RefreshJob | null = viewersToCompute
    ? { jql: job.jql, startedAt: job.startedAt, page: job.page + 1, step: 'viewer-views', completedAt }
    : null;
  return ok({ next, issues: 0, requests: 0, bucketsWritten: 0 });
};

/**
 * After the refresh completed: the viewers' Workflow health views by JQL. Each event searches as a few viewers
 * (VIEWER_VIEWS_PER_STEP), in the order of their cache keys from the last one searched, and keeps the ids each search
 * found for the last event, which computes every view from one read of the histories (before, each event read every
 * history bucket again: with 20 views, five full reads an hour), stamped as the refresh's own views are. A view whose
 * search failed for any reason (the query no longer runs for that viewer, or finds too many, Forge cannot act as the
 * viewer, or Jira stayed unavailable through the client's own retries) is left to the viewer's next load, which says why,
 * and the step goes on with the others: one viewer's failure, which may recur every hour for as long as the entry is
 * kept, never holds back the rest. Only a storage failure (thrown) hands the event back. Nothing is searched or computed
 * once another refresh has completed: its own steps compute them.
 */
const viewerViewsStep = async (deps: RefreshStepDeps, job: RefreshJob): Promise<Result<RefreshPageOutcome, Failure>> => {
  const done = { next: null, issues: 0, requests: 0, bucketsWritten: 0 };
  // The last deletion is read before the marks, as in the views step.
  const values = await deps.store.getMany([
    storageKeys.metricsState,
    storageKeys.healthConfigs,
    storageKeys.config,
    storageKeys.lastDeletion,
    storageKeys.forecastSummary,
  ]);
  const state = refreshStateSchema.safeParse(values.get(storageKeys.metricsState));
  const config = parseStoredConfig(values.get(storageKeys.config));
  const completedAt = job.completedAt ?? null;
  const dataVersion = historiesVersion(completedAt, lastDeletionOf(values.get(storageKeys.lastDeletion)));
  if (!state.success || state.data.lastCompletedAt !== completedAt || !config.ok || dataVersion === null) return ok(done);
  const now = Date.parse(completedAt ?? '');
  const asked = viewerHealthConfigs(values.get(storageKeys.healthConfigs), now);
  const pending = asked.filter(({ key }) => job.viewsAfter === undefined || key > job.viewsAfter);
  const these = pending.slice(0, VIEWER_VIEWS_PER_STEP);
  // With none left after the last one searched (its entry dropped from the registry since), this is still the last event.
  if (these.length === 0 && job.viewsAfter === undefined) return ok(done);
  const viewsLeftToLoad: string[] = [];
  const found = new Map<ViewerHealthConfig, ReadonlySet<string>>();
  for (const wanted of these) {
    const ids = await idsFoundBy(deps.jiraAs(wanted.viewer), wanted.jql);
    if (ids.ok) found.set(wanted, ids.value);
    else viewsLeftToLoad.push(ids.error.message);
  }
  const left = viewsLeftToLoad.length > 0 ? { viewsLeftToLoad } : {};
  // The ids are kept under the completion this chain of events computes for: a chain the views step began again (a
  // retried event) never reads what another kept.
  const run = now.toString(36);
  if (pending.length > these.length) {
    const kept = new Map([...found].map(([wanted, ids]) => [storageKeys.viewerFound(run, wanted.key), packIds(ids)]));
    if (kept.size > 0) await deps.store.setMany(kept, VIEWER_CACHE_EXPIRY);
    const next: RefreshJob = { ...job, page: job.page + 1, viewsAfter: these[these.length - 1]?.key };
    return ok({ ...done, next, ...left });
  }
  // The last event: the ids the events before it kept, then the views, all from one read of the histories. A view whose
  // ids are not kept (its search failed, said then; or it was asked for after its turn) is left to the viewer's load.
  const earlier = asked.filter(({ key }) => job.viewsAfter !== undefined && key <= job.viewsAfter);
  const keptKeys = earlier.map(({ key }) => storageKeys.viewerFound(run, key));
  const kept = keptKeys.length === 0 ? new Map<string, unknown>() : await deps.store.getMany(keptKeys);
  for (const wanted of earlier) {
    const packed = packedIdsSchema.safeParse(kept.get(storageKeys.viewerFound(run, wanted.key)));
    const ids = packed.success ? unpackIds(packed.data) : null;
    if (ids !== null) found.set(wanted, ids);
  }
  if (found.size > 0) {
    const input: ViewsInput = {
      histories: await readAllHistories(deps.store),
      statusMap: config.value.config.statusMap,
      now,
      dataVersion,
      atRisk: parseForecastSummary(values.get(storageKeys.forecastSummary))?.atRisk ?? [],
    };
    // A viewer's own views leave the store once the refresh stops computing them (no dashboard asks for them).
    await deps.store.setMany(
      new Map([...found].map(([wanted, ids]) => [wanted.key, viewerHealthView(wanted, ids, input)])),
      VIEWER_CACHE_EXPIRY,
    );
  }
  if (kept.size > 0) await deps.store.deleteMany([...kept.keys()]);
  return ok({ ...done, ...left });
};

/**
 * One step of a refresh, a queue event each: fetch a search page (a single page goes straight
 * into its buckets; the pages of a longer refresh are staged), merge the staged pages a group of
 * buckets at a time, then compute the gadgets' views and move the watermark. Every bucket is
 * written once per refresh, so storage writes grow with the data, not with its square.
 * Re-running a step (a retried event) writes the same data again, so a timeout resumes without harm.
 */
export const runRefreshPage = async (deps: RefreshStepDeps, job: RefreshJob): Promise<Result<RefreshPageOutcome, Failure>> => {
  switch (job.step ?? 'fetch') {
    case 'fetch':
      return fetchStep(deps, job);
    case 'merge':
      return mergeStep(deps, job, job.group ?? 0);
    case 'views':
      return viewsStep(deps, job);
    case 'viewer-views':
      return viewerViewsStep(deps, job);
  }
};

/**
 * Every stored history, for a report: one batched read of all buckets. Corrupt buckets are skipped, and so are the
 * requests Jira deleted whose buckets no refresh has rewritten yet (`deleted`, read here unless the caller has them).
 */
export const readAllHistories = async (store: AppStore, known?: ReadonlyMap<string, number>): Promise<IssueHistory[]> => {
  const keys = Array.from({ length: BUCKET_COUNT }, (_, bucket) => storageKeys.metricsBucket(bucket));
  const [stored, deleted] = await Promise.all([store.getMany(keys), known ?? deletedIssues(store)]);
  const histories: IssueHistory[] = [];
  for (const raw of stored.values()) {
    const parsed = historyBucketSchema.safeParse(raw);
    if (parsed.success) histories.push(...historiesIn(deleted.size === 0 ? parsed.data : withoutIssues(parsed.data, deleted.keys())));
  }
  return histories;
};
