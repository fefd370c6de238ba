import { z } from 'zod';
import { healthGadgetConfigSchema, type HealthGadgetConfig } from '../contracts/gadget.schema';
import type { AppConfig } from '../domain/app-config';
import type { AtRiskCandidate } from '../domain/forecast/at-risk';
import { healthReport, projectOf, type HealthReport } from '../domain/metrics/health-report';
import type { HealthView } from '../contracts/views/gadgets';
import type { IssueHistory } from '../domain/metrics/issue-metrics';
import { sha256Base64url } from '../domain/sha256';
import { storageKeys } from './ports';

/** The scatter keeps the most recent launches only, so a cached report stays under the storage value limit. */
const MAX_SCATTER_POINTS = 1_500;
/** Project-scoped Workflow health configurations whose views each refresh computes, most recently asked first. */
const MAX_PRECOMPUTED_HEALTH_VIEWS = 20;
/** A configuration no dashboard asked for in this long is no longer computed by the refresh. */
const HEALTH_CONFIG_RETENTION_MS = 30 * 24 * 60 * 60_000;
/** How often a dashboard's use of a configuration is noted (a write), at most. */
const ASKED_AGAIN_AFTER_MS = 24 * 60 * 60_000;

/** 2: views carry the at-risk candidates of their scope. */
const VIEW_VERSION = 2;
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

const registeredSchema = z.array(z.object({ config: healthGadgetConfigSchema, askedAt: z.number() }));
type Registered = z.infer<typeof registeredSchema>;

/** The registry as stored; an unreadable one is empty (it only saves work: views are computed on load then). */
const registered = (raw: unknown): Registered => {
  const parsed = registeredSchema.safeParse(raw ?? []);
  return parsed.success ? parsed.data : [];
};

/**
 * The registry with this configuration noted as asked for at `now`, or null when nothing needs
 * writing (noted within the last day). Bounded: the most recently asked configurations only.
 */
export const withHealthConfigAsked = (raw: unknown, config: ProjectHealthConfig, now: number): Registered | null => {
  const entries = registered(raw);
  const key = healthViewKey(config);
  const known = entries.find((entry) => healthViewKey(entry.config) === key);
  if (known !== undefined && now - known.askedAt < ASKED_AGAIN_AFTER_MS) return null;
  const others = entries.filter((entry) => entry !== known && now - entry.askedAt < HEALTH_CONFIG_RETENTION_MS);
  const asked = { projects: [...config.projects], tier: config.tier, periodDays: config.periodDays, period: config.period };
  return [{ config: asked, askedAt: now }, ...others].slice(0, MAX_PRECOMPUTED_HEALTH_VIEWS);
};

/**
 * The views of every configuration dashboards asked for, computed once per refresh so that a
 * viewer's load is a read: by cache key, stamped with the refresh they belong to.
 */
export const precomputedHealthViews = (
  registry: unknown,
  histories: readonly IssueHistory[],
  statusMap: AppConfig['statusMap'],
  now: number,
  dataVersion: string,
  atRisk: readonly AtRiskCandidate[],
): Map<string, unknown> => {
  const views = new Map<string, unknown>();
  for (const { config, askedAt } of registered(registry)) {
    if (now - askedAt >= HEALTH_CONFIG_RETENTION_MS || config.projects.length === 0) continue;
    const scope = { projects: config.projects, tier: config.tier, periodDays: config.periodDays, period: config.period };
    views.set(healthViewKey(config), cachedView(now, dataVersion, healthView(histories, scope, statusMap, now, null, atRisk)));
  }
  return views;
};
