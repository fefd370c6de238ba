import { TRACK_STAGES, STAGES, type Stage } from '../stages';
import type { Tier } from '../tiers';
import type { AppConfig } from '../app-config';
import { issueMetrics, type IssueHistory, type IssueMetrics } from './issue-metrics';
import { stageLookup } from './workflow-metrics';
import { DAY_MS } from '../durations';
import { isoWeekStart, summarizeWorkflow, type WorkflowSummary } from './workflow-summary';
import { periodRange, reportPeriod, type PeriodChoice } from './periods';

/** What a "Workflow health" gadget shows: which requests, over how many days. */
interface HealthScope {
  /** Project keys; empty means every project the metrics follow (or those the JQL found). */
  readonly projects: readonly string[];
  /** The JQL that chose the requests, when the gadget is set up by JQL rather than projects. */
  readonly jql?: string;
  readonly tier: Tier | 'all';
  readonly periodDays: number;
  /** The last `periodDays` (when absent), this quarter so far, or last quarter. */
  readonly period?: PeriodChoice;
}

export interface LaunchPoint {
  readonly key: string;
  readonly launchedAt: string;
  readonly cycleTimeDays: number;
}

interface WipStage {
  readonly stage: Stage;
  readonly count: number;
  /** Days the longest-waiting request has been in the stage. */
  readonly oldestDays: number;
}

/**
 * The figures of one period, over the requests first launched in it (its launch cohort), and the
 * same for the period before, so each figure can show its change.
 */
export interface HealthReport {
  readonly scope: HealthScope;
  readonly period: { readonly start: string; readonly end: string };
  readonly current: WorkflowSummary;
  readonly previous: WorkflowSummary;
  /**
   * Launches per week over the period: its launches divided by its length in weeks (a day at least), the previous
   * period's likewise. Not the mean of `weekly`, whose first and last weeks may run outside the period.
   */
  readonly throughputPerWeek: { readonly current: number; readonly previous: number };
  /**
   * Every ISO week that overlaps the period, weeks without launches included. `partial`: the period takes in only part
   * of the week (its first and last weeks, mostly), so the bar counts only that part's launches.
   */
  readonly weekly: readonly { readonly week: string; readonly launches: number; readonly partial: boolean }[];
  /** The current period's launches, oldest first: the cycle-time scatter. */
  readonly launches: readonly LaunchPoint[];
  /** The five slowest launches of the period. */
  readonly slowest: readonly LaunchPoint[];
  /** Open requests per stage at `now`: track stages before done, and waiting. */
  readonly wip: readonly WipStage[];
  /** Requests in scope, whatever their stage. */
  readonly requests: number;
}

/** The project key of an issue key ("MKT-12" → "MKT"). */
export const projectOf = (issueKey: string): string => issueKey.slice(0, issueKey.lastIndexOf('-'));

const inScope = (scope: HealthScope, onlyIssues: ReadonlySet<string> | null) => {
  const projects = new Set(scope.projects.map((key) => key.toUpperCase()));
  return (history: IssueHistory): boolean =>
    (projects.size === 0 || projects.has(projectOf(history.key))) &&
    (onlyIssues === null || onlyIssues.has(history.id)) &&
    (scope.tier === 'all' || history.tier === scope.tier);
};

const OPEN_STAGES: readonly Stage[] = [...TRACK_STAGES, 'waiting'];
const WEEK_MS = 7 * DAY_MS;

const point = (m: IssueMetrics): LaunchPoint => ({
  key: m.key,
  launchedAt: new Date(m.launchedAt as number).toISOString(),
  cycleTimeDays: (m.cycleTimeMs as number) / DAY_MS,
});

/**
 * The "Workflow health" report for a scope at `now`: the period is the `periodDays` before `now`, this
 * quarter so far or last quarter, against the period before it (`periodRange`); `onlyIssues` narrows it
 * to the ids a JQL search found. Pure: the same histories give the same report.
 */
export const healthReport = (
  histories: readonly IssueHistory[],
  scope: HealthScope,
  statusMap: AppConfig['statusMap'],
  now: number,
  onlyIssues: ReadonlySet<string> | null = null,
): HealthReport => {
  const stageOf = stageLookup(statusMap);
  const metrics = histories.filter(inScope(scope, onlyIssues)).map((history) => issueMetrics(history, stageOf, now));
  const { start, end, previousStart, previousEnd } = periodRange(reportPeriod(scope.period ?? 'days', scope.periodDays), now);
  const launchedBetween = (from: number, to: number) =>
    metrics.filter((m) => m.launchedAt !== null && m.launchedAt >= from && m.launchedAt < to);
  const current = launchedBetween(start, end);
  const previous = launchedBetween(previousStart, previousEnd);

  const weeks = new Map<number, number>();
  for (let week = isoWeekStart(start); week < end; week += WEEK_MS) weeks.set(week, 0);
  for (const m of current) {
    const week = isoWeekStart(m.launchedAt as number);
    weeks.set(week, (weeks.get(week) ?? 0) + 1);
  }

  const wip = OPEN_STAGES.map((stage) => {
    const open = metrics.filter((m) => m.currentStage === STAGES.indexOf(stage));
    const oldest = open.reduce((max, m) => Math.max(max, now - m.currentStageSince), 0);
    return { stage, count: open.length, oldestDays: oldest / DAY_MS };
  });

  const launches = current.map(point).sort((a, b) => a.launchedAt.localeCompare(b.launchedAt) || a.key.localeCompare(b.key));
  // A quarter's first hour is a period too: a day at least, so a rate per week stays a number.
  const weeksOf = (from: number, to: number): number => Math.max(to - from, DAY_MS) / WEEK_MS;
  return {
    scope,
    period: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
    current: summarizeWorkflow(current),
    previous: summarizeWorkflow(previous),
    throughputPerWeek: {
      current: current.length / weeksOf(start, end),
      previous: previous.length / weeksOf(previousStart, previousEnd),
    },
    weekly: [...weeks].map(([week, launched]) => ({
      week: new Date(week).toISOString().slice(0, 10),
      launches: launched,
      partial: week < start || week + WEEK_MS > end,
    })),
    launches,
    slowest: [...launches].sort((a, b) => b.cycleTimeDays - a.cycleTimeDays || a.key.localeCompare(b.key)).slice(0, 5),
    wip,
    requests: metrics.length,
  };
};
