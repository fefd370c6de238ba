import { jqlString } from '../domain/jql';
import { z } from 'zod';
import { appFieldIds } from '../contracts/jira-issue-facts';
import {
  gadgetAccessSchema,
  healthGadgetConfigSchema,
  triageGadgetConfigSchema,
  type GadgetAccess,
  type HealthGadgetConfig,
  type TriageGadgetConfig,
} from '../contracts/gadget.schema';
import { parseStoredConfig } from '../contracts/app-config.schema';
import type { GadgetCode } from '../contracts/resolvers';
import type { JiraErrorCode } from '../contracts/jira-schemas';
import { refreshStateSchema, INITIAL_REFRESH_STATE } from '../contracts/metrics-store.schema';
import { parseStoredRecord } from '../contracts/flight-plan-record.schema';
import { readableStageLog } from '../contracts/stage-log.schema';
import { describeZodError } from '../contracts/zod-errors';
import { normalizeJiraInstant } from '../contracts/jira-time';
import { stageOfStatus, type AppConfig } from '../domain/app-config';
import { MAX_TEAM_LOAD_SHOWN, type ForecastSummary } from '../contracts/forecast-store.schema';
import { roundedLoad } from '../domain/capacity';
import { atRiskBelow } from '../domain/forecast/at-risk';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { lastEntryInto } from '../domain/stage-log';
import { triageQueue, type IfAccepted, type QueuedRequest } from '../domain/triage-queue';
import {
  cachedView,
  cachedViewSchema,
  configKey,
  healthView,
  healthViewKey,
  historiesVersion,
  idsFoundBy,
  jqlHealthViewKey,
  VIEWER_CACHE_EXPIRY,
  withHealthConfigAsked,
} from './gadget-views';
import { parseForecastSummary } from './refresh-forecasts';
import { lastDeletionOf, readAllHistories, requestRefresh } from './refresh-metrics';
import { storageKeys, type AppStore } from './ports';
import type { JiraApi } from './jira-port';
import type {
  HealthForecast,
  HealthGadgetView,
  HealthView,
  TeamMemberLoad,
  JqlCheck,
  ProjectChoice,
  RefreshRequestView,
  TriageGadgetView,
} from '../contracts/views/gadgets';

export interface GadgetDeps {
  readonly jira: JiraApi;
  /** Jira as the viewer: a gadget's JQL finds only what the viewer may see. */
  readonly jiraAsUser: JiraApi;
  readonly store: AppStore;
  readonly now: Date;
}

/** How long a viewer's project access is trusted before Jira is asked again. */
export const ACCESS_TTL_MS = 10 * 60_000;
/**
 * A health view is recomputed after a metrics refresh, or when this old (the period moves on).
 * Longer than the hourly refresh, so the views each refresh computes are still good when the next lands.
 */
const HEALTH_CACHE_TTL_MS = 2 * 60 * 60_000;
/** The triage queue is live work: cached briefly, and "Refresh" skips the cache. */
const TRIAGE_CACHE_TTL_MS = 60_000;
/** At most this many requests are ranked (the queue's top is what a triage lead works from). */
export const MAX_QUEUE = 100;

/** At-risk launches a gadget lists. */
const MAX_AT_RISK_SHOWN = 10;

/**
 * True when the view takes in every request the team's figures are computed over (every project they cover, any tier,
 * no JQL): only then are those figures the view's. On a view of one project or one tier, the site's throughput and
 * backtest would be read as that project's or tier's, and show a viewer figures of projects they were not checked for.
 */
const viewCoversTeamFigures = (scope: HealthView['scope'], summary: ForecastSummary): boolean => {
  if (scope.jql !== undefined || scope.tier !== 'all' || summary.projects === undefined || summary.projects === null) return false;
  const projects = new Set(scope.projects.map((key) => key.toUpperCase()));
  return projects.size === 0 || summary.projects.every((project) => projects.has(project));
};

const healthForecast = (view: HealthView, summary: ForecastSummary | null, thresholdPercent: number | null): HealthForecast | null => {
  if (summary === null || thresholdPercent === null) return null;
  const below = atRiskBelow(view.atRisk, thresholdPercent);
  const teamFigures = viewCoversTeamFigures(view.scope, summary);
  return {
    atRisk: below.slice(0, MAX_AT_RISK_SHOWN),
    moreAtRisk: Math.max(0, below.length - MAX_AT_RISK_SHOWN),
    thresholdPercent,
    teamFigures: teamFigures
      ? { backtest: summary.backtest, throughputNext4Weeks: summary.throughputNext4Weeks, basis: summary.basis }
      : null,
    ...teamLoadOf(view.scope, summary),
  };
};

/**
 * Each person's load in the view's projects only: the viewer passed the access check for those, not for the rest of
 * the site. A JQL view's requests are whatever the viewer's search finds, which a stored per-project load cannot
 * follow, so it shows none (null). Says how many were left out: past the people shown, or not kept by the refresh.
 */
const teamLoadOf = (
  scope: HealthView['scope'],
  summary: ForecastSummary,
): Pick<HealthForecast, 'teamLoad' | 'teamLoadNotListed' | 'teamLoadIncomplete'> => {
  if (scope.jql !== undefined) return { teamLoad: null, teamLoadNotListed: 0, teamLoadIncomplete: false };
  const projects = new Set(scope.projects.map((key) => key.toUpperCase()));
  const byPerson = new Map<string, TeamMemberLoad>();
  for (const [project, accountId, name, load, requests] of summary.teamLoadByProject ?? []) {
    if (!projects.has(project)) continue;
    const sum = byPerson.get(accountId) ?? { accountId, name, load: 0, requests: 0 };
    byPerson.set(accountId, { accountId, name, load: sum.load + load, requests: sum.requests + requests });
  }
  // The refresh keeps or leaves out each person whole, so a listed person's load is all of theirs in these projects, and
  // someone left out is counted once, however many of these projects they work in.
  const notKept = (summary.teamLoadPeopleLeftOut ?? []).reduce(
    (sum, [theirProjects, people]) => sum + (theirProjects.some((project) => projects.has(project)) ? people : 0),
    0,
  );
  const everyone = [...byPerson.values()]
    .map((person) => ({ ...person, load: roundedLoad(person.load) }))
    .sort((a, b) => b.load - a.load || a.name.localeCompare(b.name));
  return {
    teamLoad: everyone.slice(0, MAX_TEAM_LOAD_SHOWN),
    teamLoadNotListed: Math.max(0, everyone.length - MAX_TEAM_LOAD_SHOWN) + notKept,
    // People left out whose projects the summary could not name may be of these projects.
    teamLoadIncomplete: (summary.teamLoadLeftOutUncounted ?? 0) > 0,
  };
};

const parseConfig = <T>(schema: z.ZodType<T>, raw: unknown): Result<T, Failure<'GADGET.NOT_CONFIGURED'>> => {
  const parsed = schema.safeParse(raw ?? {});
  return parsed.success ? ok(parsed.data) : failure('GADGET.NOT_CONFIGURED', `configure this gadget: ${describeZodError(parsed.error)}`);
};

/**
 * The viewer must be able to browse every project the gadget reports on: the figures and issue
 * keys are computed as the app, so Jira's own filtering does not apply. Cached per viewer.
 */
export const checkAccess = async (
  deps: GadgetDeps,
  accountId: string,
  projects: readonly string[],
  cached: unknown,
): Promise<Result<GadgetAccess | null, Failure<GadgetCode>>> => {
  const access = gadgetAccessSchema.safeParse(cached);
  const fresh =
    access.success && deps.now.getTime() - access.data.checkedAt < ACCESS_TTL_MS && projects.every((key) => key in access.data.projects);
  let known: GadgetAccess | null = null;
  let current = fresh ? access.data : null;
  if (current === null) {
    const ids: (readonly [key: string, id: string])[] = [];
    for (const key of projects) {
      const id = await deps.jira.projectId(key);
      if (!id.ok) {
        if (id.error.status === 404) return failure('GADGET.NO_SUCH_PROJECT', `there is no project ${key}, or you cannot see it`);
        return id;
      }
      ids.push([key, id.value]);
    }
    const browsable = await deps.jira.browsableProjects(
      accountId,
      ids.map(([, id]) => id),
    );
    if (!browsable.ok) return browsable;
    current = { checkedAt: deps.now.getTime(), projects: Object.fromEntries(ids.map(([key, id]) => [key, browsable.value.has(id)])) };
    known = current;
  }
  const hidden = projects.filter((key) => current.projects[key] !== true);
  if (hidden.length > 0) return failure('PERMISSION.DENIED', `you cannot browse ${hidden.join(', ')}, which this gadget reports on`);
  return ok(known);
};

/** The "Workflow health" gadget: from the cache when the metrics have not moved, else computed and cached. */
export const loadHealthGadget = async (
  deps: GadgetDeps,
  accountId: string,
  rawConfig: unknown,
): Promise<Result<HealthGadgetView, Failure<GadgetCode>>> => {
  const config = parseConfig<HealthGadgetConfig>(healthGadgetConfigSchema, rawConfig);
  if (!config.ok) return config;
  const { projects, jql, tier, periodDays, period } = config.value;
  const cacheKey = jql ? jqlHealthViewKey(accountId, config.value) : healthViewKey(config.value);
  const accessKey = storageKeys.gadgetAccess(accountId);
  // One storage round trip on a warm load: state, cached view, viewer access, app config and the configurations the refresh computes.
  const values = await deps.store.getMany([
    storageKeys.metricsState,
    cacheKey,
    accessKey,
    storageKeys.config,
    storageKeys.healthConfigs,
    storageKeys.forecastSummary,
    storageKeys.lastDeletion,
  ]);
  const forecasts = parseForecastSummary(values.get(storageKeys.forecastSummary));
  const stored = parseStoredConfig(values.get(storageKeys.config));
  const threshold = stored.ok ? stored.value.config.atRiskBelowPercent : null;
  const now = deps.now.getTime();
  const writes = new Map<string, unknown>();
  if (!jql) {
    const access = await checkAccess(deps, accountId, projects, values.get(accessKey));
    if (!access.ok) return access;
    if (access.value !== null) writes.set(accessKey, access.value);
  }
  // The refresh computes the views of the configurations dashboards ask for; one by JQL as this viewer, whose search it is.
  const asked = withHealthConfigAsked(values.get(storageKeys.healthConfigs), config.value, accountId, now);
  if (asked !== null) writes.set(storageKeys.healthConfigs, asked);

  const state = refreshStateSchema.safeParse(values.get(storageKeys.metricsState));
  const refreshedAt = (state.success ? state.data : INITIAL_REFRESH_STATE).lastCompletedAt;
  const dataVersion = historiesVersion(refreshedAt, lastDeletionOf(values.get(storageKeys.lastDeletion)));
  const cached = cachedViewSchema.safeParse(values.get(cacheKey));
  const sameQuery = cached.success && (cached.data.view as HealthView).scope.jql === jql;
  const current = cached.success && dataVersion !== null && cached.data.dataVersion === dataVersion;
  if (cached.success && sameQuery && current && now - cached.data.computedAt < HEALTH_CACHE_TTL_MS) {
    if (writes.size > 0) await deps.store.setMany(writes);
    const report = cached.data.view as HealthView;
    return ok({ report, forecast: healthForecast(report, forecasts, threshold), refreshedAt, fromCache: true });
  }

  if (!stored.ok) return stored;
  const found = jql ? await idsFoundBy(deps.jiraAsUser, jql) : null;
  if (found !== null && !found.ok) return found;
  const scope = { projects, tier, periodDays, period, ...(jql ? { jql } : {}) };
  const report = healthView(
    await readAllHistories(deps.store),
    scope,
    stored.value.config.statusMap,
    now,
    found === null ? null : found.value,
    forecasts?.atRisk ?? [],
  );
  const view = cachedView(now, dataVersion, report);
  if (jql) {
    // A JQL view is one viewer's: it expires from the store once nothing computes or loads it.
    await deps.store.setMany(new Map([[cacheKey, view]]), VIEWER_CACHE_EXPIRY);
  } else {
    writes.set(cacheKey, view);
  }
  if (writes.size > 0) await deps.store.setMany(writes);
  return ok({ report, forecast: healthForecast(report, forecasts, threshold), refreshedAt, fromCache: false });
};

/** The JQL of the queue: requests of the projects in the statuses that map to triage or waiting. */
/** A stored if-accepted forecast as the queue shows it. */
const ifAcceptedOf = (stored: readonly [string, number | null] | undefined): IfAccepted | null =>
  stored === undefined ? null : { launchP85: stored[0], onTimeProbability: stored[1] };

export const triageQueueJql = (projects: readonly string[], statusMap: AppConfig['statusMap']): string =>
  `project in (${projects.join(', ')}) AND status in (${[...statusMap.triage, ...statusMap.waiting].map(jqlString).join(', ')}) ORDER BY created ASC`;

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The "Triage queue" gadget: requests awaiting a decision, ranked, with age and SLA. */
export const loadTriageGadget = async (
  deps: GadgetDeps,
  accountId: string,
  rawConfig: unknown,
  options: { readonly fresh: boolean },
): Promise<Result<TriageGadgetView, Failure<GadgetCode>>> => {
  const config = parseConfig<TriageGadgetConfig>(triageGadgetConfigSchema, rawConfig);
  if (!config.ok) return config;
  const { projects } = config.value;
  const cacheKey = storageKeys.gadgetCache('triage', configKey(projects));
  const accessKey = storageKeys.gadgetAccess(accountId);
  const values = await deps.store.getMany([cacheKey, accessKey, storageKeys.config, storageKeys.forecastSummary]);
  const access = await checkAccess(deps, accountId, projects, values.get(accessKey));
  if (!access.ok) return access;
  const writes = new Map<string, unknown>();
  if (access.value !== null) writes.set(accessKey, access.value);

  const now = deps.now.getTime();
  const ifAccepted = parseForecastSummary(values.get(storageKeys.forecastSummary))?.ifAccepted ?? {};
  const cached = cachedViewSchema.safeParse(values.get(cacheKey));
  if (!options.fresh && cached.success && now - cached.data.computedAt < TRIAGE_CACHE_TTL_MS) {
    if (writes.size > 0) await deps.store.setMany(writes);
    return ok({ ...(cached.data.view as TriageGadgetView), fromCache: true });
  }

  const stored = parseStoredConfig(values.get(storageKeys.config));
  if (!stored.ok) return stored;
  const appConfig = stored.value.config;
  const page = await deps.jira.searchIssues(
    triageQueueJql(projects, appConfig.statusMap),
    ['summary', 'status', 'created', '*navigable'],
    undefined,
    {
      expandSchema: true,
      maxResults: MAX_QUEUE,
    },
  );
  if (!page.ok) return page;
  const ids = appFieldIds({ schema: page.value.schema });
  const issues = page.value.issues as { id: string; key: string; fields?: Record<string, unknown> }[];
  const perIssue = await deps.store.getMany(issues.flatMap((issue) => [storageKeys.record(issue.id), storageKeys.stageLog(issue.id)]));

  const requests: QueuedRequest[] = issues.flatMap((issue) => {
    const fields = issue.fields ?? {};
    const status = (fields['status'] as { name?: unknown } | undefined)?.name;
    const stage = typeof status === 'string' ? stageOfStatus(status, appConfig.statusMap) : null;
    if (stage !== 'triage' && stage !== 'waiting') return [];
    const field = (name: keyof typeof ids): unknown => (ids[name] === undefined ? undefined : fields[ids[name]]);
    const record = parseStoredRecord(perIssue.get(storageKeys.record(issue.id)), issue.id);
    const entered = lastEntryInto(readableStageLog(perIssue.get(storageKeys.stageLog(issue.id))), stage);
    const created = typeof fields['created'] === 'string' ? normalizeJiraInstant(fields['created']) : '';
    return [
      {
        key: issue.key,
        summary: typeof fields['summary'] === 'string' ? fields['summary'] : issue.key,
        stage,
        scores: {
          impact: numberOrNull(field('impact')),
          confidence: numberOrNull(field('confidence')),
          effort: numberOrNull(field('effort')),
          risk: numberOrNull(field('risk')),
        },
        tier: perIssue.has(storageKeys.record(issue.id)) && record.ok ? (record.value.tier ?? null) : null,
        createdAt: new Date(created || now),
        enteredAt: entered === undefined ? null : new Date(entered),
        dueDate: typeof fields['duedate'] === 'string' ? fields['duedate'] : null,
        ifAccepted: ifAcceptedOf(ifAccepted[issue.id]),
      },
    ];
  });
  const view: TriageGadgetView = {
    entries: triageQueue(requests, appConfig, deps.now),
    more: page.value.isLast === false,
    computedAt: deps.now.toISOString(),
    fromCache: false,
  };
  writes.set(cacheKey, cachedView(now, null, view));
  await deps.store.setMany(writes);
  return ok(view);
};

/** The projects a gadget's edit view offers the viewer: those Jira lets them browse, by name. */
export const projectChoices = (
  deps: Pick<GadgetDeps, 'jiraAsUser'>,
  query: string,
): Promise<Result<readonly ProjectChoice[], Failure<JiraErrorCode>>> => deps.jiraAsUser.searchProjects(query);

/**
 * Jira's check of a gadget's JQL, as it would run it for the viewer, before the edit view saves it:
 * a query Jira cannot run would break the gadget for everyone who opens the dashboard.
 */
export const checkGadgetJql = async (
  deps: Pick<GadgetDeps, 'jiraAsUser'>,
  jql: string,
): Promise<Result<JqlCheck, Failure<JiraErrorCode>>> => {
  const problems = await deps.jiraAsUser.jqlProblems(jql);
  return problems.ok ? ok({ problems: problems.value }) : problems;
};

/**
 * A viewer's "Refresh" on a Workflow health gadget: only for viewers the gadget would show, and
 * throttled by `requestRefresh` (one refresh at a time, none within five minutes of the last).
 */
export const refreshHealthGadget = async (
  deps: GadgetDeps & { readonly enqueue: Parameters<typeof requestRefresh>[0]['enqueue'] },
  accountId: string,
  rawConfig: unknown,
): Promise<Result<RefreshRequestView, Failure<GadgetCode>>> => {
  const config = parseConfig<HealthGadgetConfig>(healthGadgetConfigSchema, rawConfig);
  if (!config.ok) return config;
  if (config.value.projects.length > 0) {
    const values = await deps.store.getMany([storageKeys.gadgetAccess(accountId)]);
    const access = await checkAccess(deps, accountId, config.value.projects, values.get(storageKeys.gadgetAccess(accountId)));
    if (!access.ok) return access;
    if (access.value !== null) await deps.store.setMany(new Map([[storageKeys.gadgetAccess(accountId), access.value]]));
  }
  const stored = parseStoredConfig((await deps.store.getMany([storageKeys.config])).get(storageKeys.config));
  if (!stored.ok) return stored;
  return ok(await requestRefresh(deps, stored.value.config, 'viewer'));
};
