import type { Stage } from '../stages';
import type { Tier } from '../tiers';

/**
 * At-risk launches: open requests whose chance of launching by the date asked for is below the
 * threshold an admin sets, worst first.
 */

/** The highest threshold an admin may set, in percent: the refresh keeps every request below it as a candidate. */
export const MAX_AT_RISK_PERCENT = 90;
export const MIN_AT_RISK_PERCENT = 5;
/** Candidates kept per refresh, worst first: bounds what is stored and the owners looked up. */
export const MAX_AT_RISK_CANDIDATES = 300;

/** An open request that may be at risk, as the refresh stores it. */
export interface AtRiskCandidate {
  readonly id: string;
  readonly key: string;
  readonly tier: Tier | null;
  readonly stage: Stage;
  /** The date asked for (`YYYY-MM-DD`). */
  readonly dueDate: string;
  readonly launchP85: string;
  readonly onTimeProbability: number;
  /** The assignee's display name; null when unassigned or not known. */
  readonly owner: string | null;
}

/** What the forecast of one open request says, with what the at-risk list needs to show it. */
export interface ForecastedRequest {
  readonly id: string;
  readonly key: string;
  readonly tier: Tier | null;
  readonly stage: Stage;
  readonly dueDate: string | null;
  readonly launchP85: string;
  readonly onTimeProbability: number | null;
}

const worstFirst = (a: Omit<AtRiskCandidate, 'owner'>, b: Omit<AtRiskCandidate, 'owner'>): number =>
  a.onTimeProbability - b.onTimeProbability || a.dueDate.localeCompare(b.dueDate) || a.key.localeCompare(b.key);

/**
 * Requests with a due date whose on-time chance is below the highest threshold an admin may set,
 * worst first (then the earliest due date), at most MAX_AT_RISK_CANDIDATES; owners still to be filled in.
 * @example atRiskCandidates([{ key: 'MKT-7', onTimeProbability: 0.2, dueDate: '2026-03-14', … }])[0].key // 'MKT-7'
 */
export const atRiskCandidates = (requests: readonly ForecastedRequest[]): Omit<AtRiskCandidate, 'owner'>[] =>
  requests
    .flatMap(({ id, key, tier, stage, dueDate, launchP85, onTimeProbability }) =>
      dueDate === null || onTimeProbability === null || onTimeProbability * 100 >= MAX_AT_RISK_PERCENT
        ? []
        : [{ id, key, tier, stage, dueDate, launchP85, onTimeProbability }],
    )
    .sort(worstFirst)
    .slice(0, MAX_AT_RISK_CANDIDATES);

/** The candidates below the admin's threshold (in percent), worst first as they came. */
export const atRiskBelow = <T extends Pick<AtRiskCandidate, 'onTimeProbability'>>(
  candidates: readonly T[],
  thresholdPercent: number,
): T[] => candidates.filter((candidate) => candidate.onTimeProbability * 100 < thresholdPercent);

/** How likely a request is to launch by the date asked for, in words JQL can filter on. */
type OnTimeBand = 'likely' | 'possible' | 'at-risk' | 'no-date';
/** At or above this chance a launch is likely (the forecasts' own p85). */
const LIKELY_PERCENT = 85;

/** What the refresh mirrors to the forecast issue property: `flightPlanOnTime = at-risk`, `flightPlanOnTimeChance < 30`. */
export interface ForecastProperty {
  readonly onTime: OnTimeBand;
  /** The chance in whole percent, to the nearest 5, so that hourly drift does not rewrite every request's property. */
  readonly onTimeChance?: number;
}

/**
 * The band of an on-time chance: at-risk below the admin's threshold (as the at-risk list), likely
 * from 85%, possible between; no-date without a date asked for.
 * @example forecastProperty(0.42, 50) // { onTime: 'at-risk', onTimeChance: 40 }
 */
export const forecastProperty = (onTimeProbability: number | null, thresholdPercent: number): ForecastProperty => {
  if (onTimeProbability === null) return { onTime: 'no-date' };
  const percent = onTimeProbability * 100;
  const onTime: OnTimeBand = percent < thresholdPercent ? 'at-risk' : percent >= LIKELY_PERCENT ? 'likely' : 'possible';
  return { onTime, onTimeChance: Math.round(percent / 5) * 5 };
};

/** The property as one comparable string: what the refresh remembers it mirrored. */
export const propertyStamp = (property: ForecastProperty): string => `${property.onTime}:${property.onTimeChance ?? ''}`;
