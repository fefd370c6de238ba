import { toCalendarDate } from '../business-days';
import { periodDates, type ReportPeriod } from '../metrics/periods';
import type { Quarter } from '../quarterly-audit';
import { TIERS, type Tier } from '../tiers';
import type { SuccessMetric } from './catalogue';
import { outcomesReport, type OutcomeRequest, type OutcomeSummary } from './outcomes';
import type { CalendarDate, CampaignSnapshot } from './snapshots';

/** A request as the Outcomes view reads it: the outcome facts and the tier it is split by. */
export interface ViewedRequest extends OutcomeRequest {
  readonly tier: Tier | null;
}

/** A request whose window ended short of its target. */
interface MissedTarget {
  readonly key: string;
  readonly metric: SuccessMetric;
  readonly actual: number;
  readonly result: 'missed' | 'partly';
}

/** One period's figures and the requests behind each (their keys, for a JQL link). */
export interface PeriodOutcomes {
  readonly summary: OutcomeSummary;
  /** Requests first launched in the period. */
  readonly launched: readonly string[];
  /** Launched requests whose window has ended with a result (the attainment rate's denominator). */
  readonly judged: readonly string[];
  readonly attained: readonly string[];
  /** Launched requests with a campaign key: the pipeline, revenue and cost figures are theirs. */
  readonly withCampaign: readonly string[];
  /** Launched requests that reached their target, with days to target (conversion velocity). */
  readonly reachedTarget: readonly string[];
}

export interface OutcomesView {
  readonly period: { readonly start: CalendarDate; readonly end: CalendarDate; readonly label: string };
  readonly current: PeriodOutcomes;
  readonly previous: PeriodOutcomes;
  readonly byTier: Readonly<Record<Tier, PeriodOutcomes>>;
  readonly missed: readonly MissedTarget[];
}

/** The words for a period: "last 30 days", "2026 Q3 to date", "2026 Q2". */
const periodLabel = (period: ReportPeriod, quarter: Quarter | null): string => {
  if (period.kind === 'days') return `last ${String(period.days)} days`;
  const quarterName = (quarter ?? '').replace('-', ' ');
  return period.kind === 'this-quarter' ? `${quarterName} to date` : quarterName;
};

const outcomesOf = (
  requests: readonly ViewedRequest[],
  snapshots: readonly CampaignSnapshot[],
  now: number,
): { period: PeriodOutcomes; missed: MissedTarget[] } => {
  const report = outcomesReport(requests, snapshots, now);
  const keysWhere = (test: (index: number) => boolean): string[] =>
    requests.flatMap((request, index) => (test(index) ? [request.key] : []));
  const result = (index: number) => report.outcomes[index]?.result;
  const missed = requests.flatMap((request, index): MissedTarget[] => {
    const outcome = report.outcomes[index];
    if (
      request.metric === null ||
      outcome == null ||
      outcome.actual === null ||
      (outcome.result !== 'missed' && outcome.result !== 'partly')
    )
      return [];
    return [{ key: request.key, metric: request.metric, actual: outcome.actual, result: outcome.result }];
  });
  return {
    period: {
      summary: report.summary,
      launched: requests.map((request) => request.key),
      judged: keysWhere((index) => result(index) === 'attained' || result(index) === 'partly' || result(index) === 'missed'),
      attained: keysWhere((index) => result(index) === 'attained'),
      withCampaign: keysWhere((index) => requests[index]?.campaign != null),
      reachedTarget: keysWhere((index) => report.outcomes[index]?.daysToTarget != null),
    },
    missed,
  };
};

/**
 * The Outcomes view: the requests first launched in the period (its launch cohort) against those
 * of the period before, the current cohort split by tier, and the current cohort's missed and
 * partly attained targets, worst first. Every figure is the domain's definition over the cohort.
 */
export const outcomesView = (
  requests: readonly ViewedRequest[],
  snapshots: readonly CampaignSnapshot[],
  period: ReportPeriod,
  now: number,
): OutcomesView => {
  const dates = periodDates(period, toCalendarDate(new Date(now)));
  const launchedIn = (from: CalendarDate, to: CalendarDate) =>
    requests.filter(({ launchDate }) => launchDate !== null && launchDate >= from && launchDate <= to);
  const current = launchedIn(dates.start, dates.end);
  const { period: currentOutcomes, missed } = outcomesOf(current, snapshots, now);
  const byTier = Object.fromEntries(
    TIERS.map((tier) => [
      tier,
      outcomesOf(
        current.filter((request) => request.tier === tier),
        snapshots,
        now,
      ).period,
    ]),
  ) as Record<Tier, PeriodOutcomes>;
  return {
    period: { start: dates.start, end: dates.end, label: periodLabel(period, dates.quarter) },
    current: currentOutcomes,
    previous: outcomesOf(launchedIn(dates.previousStart, dates.previousEnd), snapshots, now).period,
    byTier,
    missed: missed.sort((a, b) => a.actual / a.metric.target - b.actual / b.metric.target || a.key.localeCompare(b.key)),
  };
};

/** A JQL query for the requests behind a figure; null when there are none. */
export const jqlForKeys = (keys: readonly string[]): string | null =>
  keys.length === 0 ? null : `key in (${keys.join(', ')}) ORDER BY key ASC`;
