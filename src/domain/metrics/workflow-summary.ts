import { STAGES, TRACK_STAGES, type Stage } from '../stages';
import { distribution, quantile, type Distribution } from './aggregate';
import type { IssueMetrics } from './issue-metrics';
import { DAY_MS } from '../durations';

const WEEK_MS = 7 * DAY_MS;

/** Stages before launch: the bottleneck is looked for among these. */
const PRE_LAUNCH: readonly Stage[] = TRACK_STAGES.slice(0, TRACK_STAGES.indexOf('launch'));

const ascending = (values: number[]): Float64Array => Float64Array.from(values).sort();

export interface WorkflowSummary {
  readonly count: number;
  readonly launched: number;
  /** Cycle time in days over launched issues. */
  readonly cycleTimeDays: Omit<Distribution, 'count'>;
  /** Median days in each stage among the issues that visited it. */
  readonly medianStageDays: Partial<Record<Stage, number>>;
  readonly bottleneck: Stage | null;
  readonly revisionFrequency: number | null;
  readonly qaDefectRate: number | null;
  readonly onTimeRate: number | null;
  /** Launches per ISO week (weeks start Monday, UTC), every week from the first launch to the last. */
  readonly throughputPerWeek: readonly { readonly week: string; readonly launches: number }[];
}

/** The Monday (UTC) that starts the ISO week of an instant. */
export const isoWeekStart = (instant: number): number => {
  const day = Math.floor(instant / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 counts days since Monday.
  return (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS;
};

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export const summarizeWorkflow = (metrics: readonly IssueMetrics[]): WorkflowSummary => {
  const launched = metrics.filter((m) => m.cycleTimeMs !== null);
  const cycle = distribution(launched.map((m) => (m.cycleTimeMs as number) / DAY_MS));

  // One pass over the issues collects every stage's visits.
  const visits: number[][] = STAGES.map(() => []);
  for (const m of metrics) {
    for (let index = 0; index < STAGES.length; index++) {
      const ms = m.stageMs[index] as number;
      if (!Number.isNaN(ms)) (visits[index] as number[]).push(ms / DAY_MS);
    }
  }
  const medianStageDays: Partial<Record<Stage, number>> = {};
  STAGES.forEach((stage, index) => {
    const median = quantile(ascending(visits[index] as number[]), 0.5);
    if (median !== null) medianStageDays[stage] = median;
  });
  let bottleneck: Stage | null = null;
  for (const stage of PRE_LAUNCH) {
    const median = medianStageDays[stage];
    if (median !== undefined && (bottleneck === null || median > (medianStageDays[bottleneck] as number))) bottleneck = stage;
  }

  const withDueDate = launched.filter((m) => m.onTime !== null);
  const weeks = new Map<number, number>();
  for (const m of launched) {
    const week = isoWeekStart(m.launchedAt as number);
    weeks.set(week, (weeks.get(week) ?? 0) + 1);
  }
  const throughputPerWeek: { week: string; launches: number }[] = [];
  if (weeks.size > 0) {
    const first = Math.min(...weeks.keys());
    const last = Math.max(...weeks.keys());
    for (let week = first; week <= last; week += WEEK_MS) {
      throughputPerWeek.push({ week: new Date(week).toISOString().slice(0, 10), launches: weeks.get(week) ?? 0 });
    }
  }

  return {
    count: metrics.length,
    launched: launched.length,
    cycleTimeDays: { mean: cycle.mean, median: cycle.median, p85: cycle.p85 },
    medianStageDays,
    bottleneck,
    revisionFrequency: share(
      metrics.reduce((total, m) => total + m.revisions, 0),
      metrics.length,
    ),
    qaDefectRate: share(launched.filter((m) => m.qaReturns > 0).length, launched.length),
    onTimeRate: share(withDueDate.filter((m) => m.onTime === true).length, withDueDate.length),
    throughputPerWeek,
  };
};
