import { z } from 'zod';
import { healthGadgetConfigSchema, type HealthGadgetConfig } from '../contracts/gadget.schema';
import type { GadgetCode } from '../contracts/resolvers';
import type { AppConfig } from '../domain/app-config';
import type { AtRiskCandidate } from '../domain/forecast/at-risk';
import { healthReport, projectOf, type HealthReport } from '../domain/metrics/health-report';
import type { HealthView } from '../contracts/views/gadgets';
import type { IssueHistory } from '../domain/metrics/issue-metrics';
import { err, failure, ok, type Failure, type Result } from '../domain/result';
import { sha256Base64url } from '../domain/sha256';
import type { JiraApi, JiraFailure } from './jira-port';
import { isTransient, storageKeys } from './ports';

/** The scatter keeps the most recent launches only, so a cached report stays under the storage value limit. */
const MAX_SCATTER_POINTS = 1_500;
/**
 * Workflow health configurations whose views each refresh computes, most recently asked first: this many by projects,
 * and as many again by JQL (one per viewer and query). Each view is a pass over every stored history (0.7–1.6 s at
 * 100,000 issues, `npm run bench`), so the 20 by projects take up to about half a minute of the refresh's last step at that size
 * (well inside its 300 s), and the 20 by JQL about as long again in the last of the queue events after it, which search
 * as their viewers four at a time (up to four searches each: 80 Jira requests an hour, which count against the app's rate
 * limits). A site whose
 * dashboards use more: a configuration outside these is computed on its first load after each refresh, as before
 * (3.4–3.8 s at 100,000 issues for one by JQL, in the bench), and that load notes it, so it takes the place of the one least
 * recently asked at the next refresh.
 */
const MAX_PRECOMPUTED_HEALTH_VIEWS = 20;
/** A configuration no dashboard asked for in this long is no longer computed by the refresh. */
const HEALTH_CONFIG_RETENTION_MS = 30 * 24 * 60 * 60_000;
/** How often a dashboard's use of a configuration is noted (a write), at most. */
const ASKED_AGAIN_AFTER_MS = 24 * 60 * 60_000;

/** 2: views carry the at-risk candidates of their scope. 3: their weekly bars say which weeks the period takes in part. */
const VIEW_VERSION = 3;
export const cachedViewSchema = z.object({
  version: z.literal(VIEW_VERSION),
  computedAt: z.number(),
  dataVersion: z.string().nullable(),
  view: z.unknown(),
});
export const cachedView = (computedAt: number, dataVersion: string | null, view: unknown) => ({
  version: VIEW_VERSION,
  computedAt,
  dataVersion,
  view,
});

/**
 * What a Workflow health view was computed from: the refresh last completed and the last deletion marked when its
 * histories were read (`lastDeletionOf`). A deletion marked since makes another version, so the next load computes the
 * view again without the deleted request (the refresh takes it out of its bucket only later). Null when the last deletion
 * does not read: it matches no view.
 */
export const historiesVersion = (refreshedAt: string | null, lastDeletion: string | null): string | null =>
  lastDeletion === null ? null : `${refreshedAt ?? 'never refreshed'}, after deletion ${lastDeletion}`;

/**
 * Where a view computed for one viewer (their JQL, searched as them) is cached: named by a SHA-256 of the viewer and
 * the configuration, so two viewers or two configurations never share an entry (a 32-bit hash would let one viewer
 * read a view another's search computed). Written with VIEWER_CACHE_EXPIRY, so entries of viewers and configurations
 * no longer loaded leave the store.
 */
export const viewerCacheKey = (kind: 'health' | 'outcomes', accountId: string, config: unknown): string =>
  storageKeys.gadgetCache(kind, `viewer.${sha256Base64url(JSON.stringify([accountId, config]))}`);

/** Cached gadget views expire from the store after a day: every view is computed again sooner than that anyway. */
export const VIEWER_CACHE_EXPIRY = { expireAfterDays: 1 } as const;

export const configKey = (projects: readonly string[], ...parts: readonly (string | number)[]): string =>
  [...[...projects].sort(), ...parts].join('.');

type ProjectHealthConfig = Pick<HealthGadgetConfig, 'projects' | 'tier' | 'periodDays' | 'period'>;

/** The part of a cache key that names the period: the days, or the quarter chosen (its dates move with `now`). */
export const periodKey = ({ periodDays, period }: Pick<HealthGadgetConfig, 'periodDays' | 'period'>): string | number =>
  period === 'days' ? periodDays : period;

/** Where the view of a project-scoped Workflow health configuration is cached. */
export const healthViewKey = (config: ProjectHealthConfig): string =>
  storageKeys.gadgetCache('health', configKey(config.projects, config.tier, periodKey(config)));

/** At-risk candidates a view keeps (worst first): the admin's threshold picks among them on load. */
const MAX_AT_RISK_IN_VIEW = 100;

/** The at-risk candidates of a scope: its projects, its tier, the ids its JQL found. */
const atRiskInScope = (
  candidates: readonly AtRiskCandidate[],
  scope: HealthReport['scope'],
  onlyIssues: ReadonlySet<string> | null,
): AtRiskCandidate[] => {
  const projects = new Set(scope.projects.map((key) => key.toUpperCase()));
  return candidates
    .filter(
      (candidate) =>
        (projects.size === 0 || projects.has(projectOf(candidate.key))) &&
        (onlyIssues === null || onlyIssues.has(candidate.id)) &&
        (scope.tier === 'all' || candidate.tier === scope.tier),
    )
    .slice(0, MAX_AT_RISK_IN_VIEW);
};

/** The view a Workflow health gadget shows: the report, its scatter cut to the most recent launches, and the scope's at-risk candidates. */
export const healthView = (
  histories: readonly IssueHistory[],
  scope: HealthReport['scope'],
  statusMap: AppConfig['statusMap'],
  now: number,
  onlyIssues: ReadonlySet<string> | null,
  atRisk: readonly AtRiskCandidate[],
): HealthView => {
  const full = healthReport(histories, scope, statusMap, now, onlyIssues);
  return { ...full, launches: full.launches.slice(-MAX_SCATTER_POINTS), atRisk: atRiskInScope(atRisk, scope, onlyIssues) };
};

/** The most requests a JQL-scoped gadget reports on (four search pages). */
export const MAX_JQL_REQUESTS = 20_000;

/** A gadget's JQL that Jira refused, in Jira's words: never the REST path or the status code. */
export const badJql = (refusal: JiraFailure) =>
  failure('GADGET.BAD_JQL', `Jira could not run the gadget's JQL: ${refusal.jiraSays ?? 'it did not say why'}`);

/**
 * Any other failure of a gadget's search, in plain words for the gadget (its code kept for the logs and tests): the client's
 * message names the REST path and status, which a viewer should never read.
 */
const searchFailedInPlainWords = (failed: JiraFailure): Failure<JiraFailure['code']> => ({
  code: failed.code,
  message: isTransient(failed)
    ? "Jira did not run the gadget's search just now; try again in a moment"
    : failed.code === 'JIRA.FORBIDDEN'
      ? 'Jira did not let the gadget search as you; ask your Jira admin whether you may still browse the requests it reports on'
      : "Jira could not run the gadget's search; try again later, and tell your Jira admin if this goes on",
});

/** The ids a JQL query finds for whoever `jira` acts as, or a failure naming the problem. */
export const idsFoundBy = async (jira: JiraApi, jql: string): Promise<Result<ReadonlySet<string>, Failure<GadgetCode>>> => {
  const ids = new Set<string>();
  let token: string | undefined;
  do {
    const page = await jira.searchIssues(jql, ['id'], token);
    if (!page.ok) {
      return page.error.status === 400 ? badJql(page.error) : err(searchFailedInPlainWords(page.error));
    }
    for (const issue of page.value.issues) ids.add(issue.id);
    if (ids.size > MAX_JQL_REQUESTS)
      return failure('GADGET.TOO_MANY', `the JQL finds over ${MAX_JQL_REQUESTS.toLocaleString('en')} requests; narrow it`);
    token = page.value.isLast === false ? (page.value.nextPageToken ?? undefined) : undefined;
  } while (token !== undefined);
  return ok(ids);
};

/**
 * Where a viewer's Workflow health view by JQL is cached: their own (Jira filters their search by their permissions,
 * and a query may name `currentUser()`), so one per viewer and configuration.
 */
export const jqlHealthViewKey = (accountId: string, config: Pick<HealthGadgetConfig, 'jql' | 'tier' | 'periodDays' | 'period'>): string =>
  viewerCacheKey('health', accountId, [config.jql, config.tier, periodKey(config)]);

/** A configuration a dashboard asked for; `viewer` (who asked) only for one by JQL, whose view is that viewer's. */
const registeredSchema = z.array(z.object({ config: healthGadgetConfigSchema, askedAt: z.number(), viewer: z.string().optional() }));
type Registered = z.infer<typeof registeredSchema>;
type Entry = Registered[number];

/** The registry as stored; an unreadable one is empty (it only saves work: views are computed on load then). */
const registered = (raw: unknown): Registered => {
  const parsed = registeredSchema.safeParse(raw ?? []);
  return parsed.success ? parsed.data : [];
};

/** Where an entry's view is cached: by configuration, or by viewer and configuration for a JQL one. */
const viewKeyOf = (entry: Pick<Entry, 'config' | 'viewer'>): string =>
  entry.config.jql ? jqlHealthViewKey(entry.viewer ?? '', entry.config) : healthViewKey(entry.config);

/** An entry the refresh computes: asked for within the retention, and a JQL one with the viewer it searches as. */
const stillAsked = (entry: Entry, now: number): boolean =>
  now - entry.askedAt < HEALTH_CONFIG_RETENTION_MS && (entry.config.jql ? entry.viewer !== undefined : entry.config.projects.length > 0);

/**
 * The registry with this configuration noted as asked for at `now` (by `viewer`, for one by JQL), or null when nothing
 * needs writing (noted within the last day). Bounded: the most recently asked configurations of each kind only.
 */
export const withHealthConfigAsked = (raw: unknown, config: HealthGadgetConfig, viewer: string, now: number): Registered | null => {
  const entries = registered(raw);
  const byJql = Boolean(config.jql);
  const asked: Entry = {
    config: {
      projects: [...config.projects],
      tier: config.tier,
      periodDays: config.periodDays,
      period: config.period,
      ...(byJql ? { jql: config.jql } : {}),
    },
    askedAt: now,
    ...(byJql ? { viewer } : {}),
  };
  const key = viewKeyOf(asked);
  const known = entries.find((entry) => viewKeyOf(entry) === key);
  if (known !== undefined && now - known.askedAt < ASKED_AGAIN_AFTER_MS) return null;
  const others = entries.filter((entry) => entry !== known && stillAsked(entry, now));
  const sameKind = (entry: Entry) => Boolean(entry.config.jql) === byJql;
  return [asked, ...others.filter(sameKind).slice(0, MAX_PRECOMPUTED_HEALTH_VIEWS - 1), ...others.filter((entry) => !sameKind(entry))];
};

/** What the refresh computes the views from. */
export interface ViewsInput {
  readonly histories: readonly IssueHistory[];
  readonly statusMap: AppConfig['statusMap'];
  readonly now: number;
  /** The refresh's stamp (`historiesVersion`): a load uses a view only while it is current. */
  readonly dataVersion: string;
  readonly atRisk: readonly AtRiskCandidate[];
}

const scopeOf = (config: HealthGadgetConfig) => ({
  projects: config.projects,
  tier: config.tier,
  periodDays: config.periodDays,
  period: config.period,
});

/**
 * The views of every configuration by projects dashboards asked for, by cache key, computed in the refresh's last step
 * so that a viewer's load is a read, stamped with the refresh they belong to.
 */
export const projectHealthViews = (registry: unknown, input: ViewsInput): Map<string, unknown> => {
  const views = new Map<string, unknown>();
  for (const entry of registered(registry)) {
    if (entry.config.jql || !stillAsked(entry, input.now)) continue;
    const view = healthView(input.histories, scopeOf(entry.config), input.statusMap, input.now, null, input.atRisk);
    views.set(viewKeyOf(entry), cachedView(input.now, input.dataVersion, view));
  }
  return views;
};

/** A viewer's configuration by JQL that dashboards asked for, and where its view is cached. */
export interface ViewerHealthConfig {
  readonly key: string;
  readonly viewer: string;
  readonly jql: string;
  readonly config: HealthGadgetConfig;
}

/** The configurations by JQL still asked for, in the order of their cache keys. */
export const viewerHealthConfigs = (registry: unknown, now: number): ViewerHealthConfig[] =>
  registered(registry)
    .flatMap((entry) =>
      entry.config.jql && entry.viewer !== undefined && stillAsked(entry, now)
        ? [{ key: viewKeyOf(entry), viewer: entry.viewer, jql: entry.config.jql, config: entry.config }]
        : [],
    )
    .sort((a, b) => (a.key < b.key ? -1 : 1));

/**
 * A viewer's view by JQL, computed in the refresh from the ids their search found: the search ran as that viewer, exactly
 * as their load would run it, so the view holds only what Jira lets them see.
 */
export const viewerHealthView = ({ jql, config }: ViewerHealthConfig, found: ReadonlySet<string>, input: ViewsInput): unknown =>
  cachedView(
    input.now,
    input.dataVersion,
    healthView(input.histories, { ...scopeOf(config), jql }, input.statusMap, input.now, found, input.atRisk),
  );
