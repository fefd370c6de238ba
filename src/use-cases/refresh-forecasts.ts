import type { PanelForecast, StoredForecast } from '../contracts/views/forecast';
import type { ConfigErrorCode } from '../contracts/app-config.schema';
import { requestLinksFrom } from '../contracts/issue-links';
import { declinedBlockers, listNamed, namedRequests } from '../domain/dependencies';
import { linksAsSeenBy } from './dependency-notices';
import { loadConfig } from './load-issue-state';
import {
  forecastGroupSchema,
  forecastSummarySchema,
  MAX_LEFT_OUT_GROUPS,
  MAX_LEFT_OUT_PROJECTS,
  MAX_SUMMARY_PROJECT_CHARS,
  MAX_SUMMARY_PROJECTS,
  MAX_TEAM_LOAD_STORED,
  UNMIRRORED_PER_GROUP,
  type ForecastGroup,
  type ForecastSummary,
} from '../contracts/forecast-store.schema';
import type { AppConfig } from '../domain/app-config';
import {
  atRiskCandidates,
  forecastProperty,
  propertyStamp,
  type AtRiskCandidate,
  type ForecastedRequest,
  type ForecastProperty,
} from '../domain/forecast/at-risk';
import { backtestForecasts } from '../domain/forecast/backtest';
import { builderLoadFactors } from '../domain/forecast/builder-load';
import { keptLoads } from '../domain/capacity';
import { forecastReport } from '../domain/forecast/forecast-report';
import { MIN_FORECAST_BASIS, type LaunchForecast } from '../domain/forecast/launch-forecast';
import { bucketOf, MERGE_GROUPS, mergeGroupOf } from '../domain/metrics/history-buckets';
import { stageAt, type IssueHistory } from '../domain/metrics/issue-metrics';
import { stageLookup } from '../domain/metrics/workflow-metrics';
import { projectOf } from '../domain/metrics/health-report';
import { DAY_MS } from '../domain/durations';
import { ok, type Failure, type Result } from '../domain/result';
import type { JiraApi } from './jira-port';
import { currentTeamLoad, type TeamLoad } from './team-load';
import { callerMay } from './issue-access';
import type { IssueAccessCode } from '../contracts/resolvers';
import { MAX_VALUE_BYTES, serializedSize, storageKeys, type AppStore } from './ports';

/**
 * The person-and-project loads a summary keeps (all that fit, else whole people: `keptLoads`), and who was left out, by
 * their projects, so a view can count them.
 */
/** The projects of the requests the team's figures are computed over, in order; null past what a summary names. */
const projectsOf = (histories: readonly IssueHistory[]): string[] | null => {
  const projects = [...new Set(histories.map((history) => projectOf(history.key)))].sort();
  const chars = projects.reduce((sum, key) => sum + key.length, 0);
  return projects.length > MAX_SUMMARY_PROJECTS || chars > MAX_SUMMARY_PROJECT_CHARS ? null : projects;
};

const storedTeamLoad = (
  team: TeamLoad,
): Pick<ForecastSummary, 'teamLoadByProject' | 'teamLoadPeopleLeftOut' | 'teamLoadLeftOutUncounted'> => {
  const { kept, leftOut } = keptLoads(team.byProject, MAX_TEAM_LOAD_STORED);
  const grouped = leftOut.filter(({ projects }) => projects.length <= MAX_LEFT_OUT_PROJECTS).slice(0, MAX_LEFT_OUT_GROUPS);
  const everyone = leftOut.reduce((sum, { people }) => sum + people, 0);
  return {
    teamLoadByProject: kept.map(({ project, accountId, load, requests }) => [
      project,
      accountId,
      team.names.get(accountId) ?? 'someone Jira does not name',
      load,
      requests,
    ]),
    teamLoadPeopleLeftOut: grouped.map(({ projects, people }) => [[...projects], people]),
    teamLoadLeftOutUncounted: everyone - grouped.reduce((sum, { people }) => sum + people, 0),
  };
};

/** The same seed every refresh: a forecast moves only when the history does. */
const FORECAST_SEED = 1;
/** The gadget's calibration line scores the forecasts made this many weeks before each refresh. */
const BACKTEST_WEEKS_AGO = 8;
/** search/jql's page when fields are asked for: owners are looked up a page at a time. */
const OWNER_PAGE = 100;

/**
 * What a group's forecasts may take of the 240 KiB storage value limit (the rest holds its `computedAt`). A forecast
 * is 70–90 bytes (id, two dates, a probability, the basis, the due date, the mirrored band), so a group holds about
 * 2,800 of them (about 45,000 open requests in all). Beyond it a request has no stored forecast, and the panel says
 * none was made.
 */
const FORECAST_GROUP_BUDGET = MAX_VALUE_BYTES - 1_024;
/** A band's stamp is at most "possible:100": counted at its longest, as the mirror may fill it in after sizing. */
const LONGEST_STAMP = 'x'.repeat(16);

/** Forecasts are stored in one key per merge group of the history buckets: the panel reads one. */
export const forecastGroupOf = (issueId: string): number => mergeGroupOf(bucketOf(issueId));

const ownersOf = async (jira: JiraApi, ids: readonly string[]): Promise<ReadonlyMap<string, string>> => {
  const owners = new Map<string, string>();
  for (let start = 0; start < ids.length; start += OWNER_PAGE) {
    const page = ids.slice(start, start + OWNER_PAGE);
    const found = await jira.searchIssues(`id in (${page.join(', ')})`, ['assignee'], undefined, { maxResults: OWNER_PAGE });
    // Owners are a courtesy on the list: without them the at-risk launches still show.
    if (!found.ok) return owners;
    for (const issue of found.value.issues as { id: string; fields?: { assignee?: { displayName?: unknown } | null } }[]) {
      const name = issue.fields?.assignee?.displayName;
      if (typeof name === 'string' && page.includes(issue.id)) owners.set(issue.id, name);
    }
  }
  return owners;
};

/**
 * Requests waiting for triage whose if-accepted forecast is kept, at most: the triage queue shows up to 100 (MAX_QUEUE);
 * 500 entries of about 40 bytes keep the summary far under the storage value limit.
 */
const MAX_IF_ACCEPTED = 500;

/** Forecast properties written per refresh at most; the rest are mirrored by the next refresh. */
const MAX_PROPERTY_WRITES = 200;
/** Property writes sent side by side. */
const PROPERTY_BATCH = 10;

/** What the last refresh mirrored to each request's forecast property, by issue id. */
const mirroredBefore = async (store: AppStore): Promise<Map<string, string>> => {
  const keys = Array.from({ length: MERGE_GROUPS }, (_, group) => storageKeys.forecastGroup(group));
  const values = await store.getMany(keys);
  const mirrored = new Map<string, string>();
  for (const raw of values.values()) {
    const parsed = forecastGroupSchema.safeParse(raw);
    if (!parsed.success) continue;
    for (const [id, entry] of Object.entries(parsed.data.forecasts)) if (entry[5] !== null) mirrored.set(id, entry[5]);
    // A property whose delete failed is still there, as far as the app knows.
    for (const id of parsed.data.unmirrored ?? []) mirrored.set(id, UNMIRRORED);
  }
  return mirrored;
};

/** The stamp of a property the app deleted but Jira may still hold: matches no band, so a request forecast again is written. */
const UNMIRRORED = 'unmirrored';

/**
 * Mirrors each forecast's on-time band to its request's forecast property where it changed (at most
 * MAX_PROPERTY_WRITES), noting in the group what Jira now holds, and deletes the property of the
 * requests no longer forecast (launched or declined). A failed write is tried again next refresh.
 */
const mirrorProperties = async (
  jira: JiraApi,
  groups: readonly ForecastGroup[],
  mirrored: Map<string, string>,
  thresholdPercent: number,
): Promise<void> => {
  const changes: { id: string; property: ForecastProperty | null; entry: ForecastGroup['forecasts'][string] | null }[] = [];
  for (const group of groups) {
    for (const [id, entry] of Object.entries(group.forecasts)) {
      const before = mirrored.get(id) ?? null;
      mirrored.delete(id);
      const property = forecastProperty(entry[2], thresholdPercent);
      entry[5] = before;
      if (before !== propertyStamp(property) && changes.length < MAX_PROPERTY_WRITES) changes.push({ id, property, entry });
    }
  }
  for (const id of mirrored.keys()) changes.push({ id, property: null, entry: null });
  for (let start = 0; start < changes.length; start += PROPERTY_BATCH) {
    const batch = changes.slice(start, start + PROPERTY_BATCH);
    const written = await Promise.all(batch.map(({ id, property }) => jira.setForecastProperty(id, property)));
    batch.forEach(({ id, property, entry }, index) => {
      const answer = written[index];
      if (entry !== null && property !== null && answer?.ok === true) entry[5] = propertyStamp(property);
      // A delete that failed is kept for the next refresh (the request is in no group's forecasts any more, so nothing
      // else would remember it); one whose issue is gone has nothing left to delete.
      if (property === null && answer?.ok === false && answer.error.code !== 'JIRA.NOT_FOUND') {
        const group = groups[forecastGroupOf(id)] as ForecastGroup;
        if ((group.unmirrored?.length ?? 0) < UNMIRRORED_PER_GROUP) group.unmirrored = [...(group.unmirrored ?? []), id];
      }
    });
  }
};

/**
 * Every open request's launch forecast, the team's throughput, the calibration of the forecasts
 * made BACKTEST_WEEKS_AGO and the at-risk candidates (with their owners, asked of Jira), as the
 * storage writes that replace the last refresh's; the on-time bands are mirrored to Jira for JQL.
 */
export const forecastWrites = async (
  jira: JiraApi,
  store: AppStore,
  histories: readonly IssueHistory[],
  config: Pick<AppConfig, 'statusMap' | 'atRiskBelowPercent' | 'metricsJql'>,
  now: Date,
): Promise<{ readonly writes: Map<string, unknown>; readonly summary: ForecastSummary }> => {
  const at = now.getTime();
  const stageOf = stageLookup(config.statusMap);
  // The load first: a loaded builder's requests are forecast later. It is a courtesy beside the forecasts: without it
  // they keep the history's pace and are still stored. A field list that cannot be read is no load at all, as a failed
  // search is: counting every request at a guessed Effort would store wrong loads as true.
  const fieldIds = await jira.appFieldIds();
  const team = fieldIds.ok ? await currentTeamLoad(jira, config, fieldIds.value.effort) : fieldIds;
  const loadFactors = team.ok ? builderLoadFactors(team.value.assigneeOf, team.value.loads) : new Map<string, number>();
  const report = forecastReport(histories, stageOf, { now: at, seed: FORECAST_SEED, loadFactors });
  const computedAt = now.toISOString();
  const groups: ForecastGroup[] = Array.from({ length: MERGE_GROUPS }, () => ({ computedAt, forecasts: {} }));
  const groupBytes = new Float64Array(MERGE_GROUPS);
  const forecasted: ForecastedRequest[] = [];
  for (const { history, metrics } of report.measured) {
    const forecast: LaunchForecast | null | undefined = report.forecasts.get(history.id);
    const stage = stageAt(metrics.currentStage);
    if (!forecast || stage === null) continue;
    const index = forecastGroupOf(history.id);
    const loadFactor = loadFactors.get(history.id);
    const entry: ForecastGroup['forecasts'][string] = [
      forecast.launchP50,
      forecast.launchP85,
      forecast.onTimeProbability,
      forecast.basis,
      history.dueDate,
      null,
      ...(loadFactor === undefined ? [] : [loadFactor]),
    ];
    const bytes = serializedSize({ [history.id]: [...entry.slice(0, 5), LONGEST_STAMP, ...entry.slice(6)] });
    if ((groupBytes[index] as number) + bytes <= FORECAST_GROUP_BUDGET) {
      (groups[index] as ForecastGroup).forecasts[history.id] = entry;
      groupBytes[index] = (groupBytes[index] as number) + bytes;
    }
    forecasted.push({
      id: history.id,
      key: history.key,
      tier: history.tier ?? null,
      stage,
      dueDate: history.dueDate,
      launchP85: forecast.launchP85,
      onTimeProbability: forecast.onTimeProbability,
    });
  }
  await mirrorProperties(jira, groups, await mirroredBefore(store), config.atRiskBelowPercent);
  const candidates = atRiskCandidates(forecasted);
  const owners = await ownersOf(
    jira,
    candidates.map((candidate) => candidate.id),
  );
  const atRisk: AtRiskCandidate[] = candidates.map((candidate) => ({ ...candidate, owner: owners.get(candidate.id) ?? null }));

  const calibration = backtestForecasts(histories, stageOf, {
    now: at,
    seed: FORECAST_SEED,
    forecastDates: [at - BACKTEST_WEEKS_AGO * 7 * DAY_MS],
  });
  const throughput = report.throughputNext4Weeks;
  const summary: ForecastSummary = {
    version: 1,
    computedAt,
    basis: report.basis,
    projects: projectsOf(histories),
    throughputNext4Weeks: throughput && { p50: throughput.p50, p85: throughput.p85 },
    backtest:
      calibration.forecasts === 0
        ? null
        : {
            weeksAgo: BACKTEST_WEEKS_AGO,
            scored: calibration.p85.scored,
            p50Share: calibration.p50.share,
            p85Share: calibration.p85.share,
          },
    atRisk,
    ifAccepted: Object.fromEntries(
      [...report.ifAccepted].slice(0, MAX_IF_ACCEPTED).map(([id, forecast]) => [id, [forecast.launchP85, forecast.onTimeProbability]]),
    ),
    ...(team.ok ? storedTeamLoad(team.value) : {}),
  };
  const writes = new Map<string, unknown>(groups.map((group, index) => [storageKeys.forecastGroup(index), group]));
  writes.set(storageKeys.forecastSummary, summary);
  return { writes, summary };
};

/** The stored summary, or null before the first refresh with forecasts (or when unreadable: the next refresh rewrites it). */
export const parseForecastSummary = (raw: unknown): ForecastSummary | null => {
  const parsed = forecastSummarySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
};

/** One request's stored forecast, or null when none was stored for it (closed, or its group unreadable). */
export const storedForecastOf = (raw: unknown, issueId: string): StoredForecast | null => {
  const parsed = forecastGroupSchema.safeParse(raw);
  const entry = parsed.success ? parsed.data.forecasts[issueId] : undefined;
  if (!parsed.success || entry === undefined) return null;
  const [launchP50, launchP85, onTimeProbability, basis, dueDate, , loadFactor = 1] = entry;
  return { launchP50, launchP85, onTimeProbability, basis, dueDate, loadFactor, computedAt: parsed.data.computedAt };
};

/**
 * The issue panel's forecast: the request's stored forecast, for a caller who can see the issue; none when none was
 * made (the request is launched or declined, or no refresh has forecast it yet). Without one, the request's blockers
 * are read to say when a declined one is the reason (the refresh makes no forecast for a request that waits on a
 * request that will never launch), naming only those the caller may browse.
 */
export const readIssueForecast = async (
  deps: { readonly jira: JiraApi; readonly store: AppStore },
  caller: { readonly accountId: string; readonly issueId: string },
): Promise<Result<PanelForecast, Failure<IssueAccessCode | ConfigErrorCode>>> => {
  const permissions = await callerMay(deps.jira, caller, 'browse');
  if (!permissions.ok) return permissions;
  const key = storageKeys.forecastGroup(forecastGroupOf(caller.issueId));
  const stored = await deps.store.getMany([key, storageKeys.forecastSummary]);
  const forecast = storedForecastOf(stored.get(key), caller.issueId);
  if (forecast !== null) return ok({ forecast, declinedBlockers: null, tooFewLaunches: null });
  const summary = forecastSummarySchema.safeParse(stored.get(storageKeys.forecastSummary));
  if (summary.success && summary.data.basis < MIN_FORECAST_BASIS)
    return ok({ forecast: null, declinedBlockers: null, tooFewLaunches: { launched: summary.data.basis, needed: MIN_FORECAST_BASIS } });
  const [issue, config] = await Promise.all([deps.jira.getIssue(caller.issueId), loadConfig(deps.store)]);
  if (!issue.ok) return issue;
  if (!config.ok) return config;
  const declined = declinedBlockers(requestLinksFrom(issue.value.fields['issuelinks']).blockers, config.value.config.statusMap);
  if (declined.length === 0) return ok({ forecast: null, declinedBlockers: null, tooFewLaunches: null });
  const seen = await linksAsSeenBy(deps.jira, caller.accountId, { blockers: declined, dependents: [] });
  return ok({
    forecast: null,
    declinedBlockers: { count: declined.length, words: listNamed(namedRequests(seen.blockers)) },
    tooFewLaunches: null,
  });
};
