import { stageOfStatus, type AppConfig } from '../app-config';
import { STAGES, type Stage } from '../stages';
import { issueMetrics, UNMAPPED, type IssueHistory, type StageIndex, type StageOfStatus } from './issue-metrics';
import { DAY_MS } from '../durations';
import { summarizeWorkflow, type WorkflowSummary } from './workflow-summary';

interface IssueReport {
  readonly key: string;
  readonly cycleTimeDays: number | null;
  readonly leadTimeDays: number | null;
  readonly stageDays: Partial<Record<Stage, number>>;
  readonly revisions: number;
  readonly qaReturns: number;
  readonly onTime: boolean | null;
}

export interface WorkflowReport {
  readonly issues: readonly IssueReport[];
  readonly summary: WorkflowSummary;
}

/** A status → stage lookup that asks the configured map once per distinct status name. */
export const stageLookup = (statusMap: AppConfig['statusMap']): StageOfStatus => {
  const cache = new Map<string, StageIndex>();
  return (status) => {
    let index = cache.get(status);
    if (index === undefined) {
      const stage = stageOfStatus(status, statusMap);
      index = stage === null ? UNMAPPED : STAGES.indexOf(stage);
      cache.set(status, index);
    }
    return index;
  };
};

const stageDaysOf = (stageMs: readonly number[]): Partial<Record<Stage, number>> => {
  const stageDays: Partial<Record<Stage, number>> = {};
  STAGES.forEach((stage, index) => {
    const ms = stageMs[index] as number;
    if (!Number.isNaN(ms)) stageDays[stage] = ms / DAY_MS;
  });
  return stageDays;
};

const days = (ms: number | null): number | null => (ms === null ? null : ms / DAY_MS);

/**
 * Per-issue figures and the summary, from status histories; `now` closes every open stage visit. The histories are
 * those known at `now`: for a past `now`, cut them first (`historiesAsOf`), or a later change counts as done.
 */
export const workflowReport = (histories: readonly IssueHistory[], statusMap: AppConfig['statusMap'], now: number): WorkflowReport => {
  const stageOf = stageLookup(statusMap);
  const metrics = histories.map((history) => issueMetrics(history, stageOf, now));
  return {
    issues: metrics.map((m) => ({
      key: m.key,
      cycleTimeDays: days(m.cycleTimeMs),
      leadTimeDays: days(m.leadTimeMs),
      stageDays: stageDaysOf(m.stageMs),
      revisions: m.revisions,
      qaReturns: m.qaReturns,
      onTime: m.onTime,
    })),
    summary: summarizeWorkflow(metrics),
  };
};
