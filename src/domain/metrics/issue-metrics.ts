import { isOrderedStage, trackOrder, type Stage } from '../stages';

/** One status change, with its instant in epoch milliseconds. */
export interface StatusChange {
  readonly at: number;
  readonly fromStatus: string;
  readonly toStatus: string;
}

/** What the engine needs of one issue; `changes` sorted by `at`, oldest first. */
export interface IssueHistory {
  readonly key: string;
  readonly createdAt: number;
  /** `YYYY-MM-DD` or null. */
  readonly dueDate: string | null;
  readonly currentStatus: string;
  readonly changes: readonly StatusChange[];
}

export interface IssueMetrics {
  readonly key: string;
  /** Milliseconds per stage, summed over every visit; the open visit runs to `now`. */
  readonly stageMs: Partial<Record<Stage, number>>;
  readonly cycleTimeMs: number | null;
  readonly leadTimeMs: number | null;
  /** Instant of the first entry into launch or a later track stage. */
  readonly launchedAt: number | null;
  readonly revisions: number;
  readonly qaReturns: number;
  /** Null when never launched or without a due date. */
  readonly onTime: boolean | null;
  /** Stage at `now`, and since when. */
  readonly currentStage: Stage | null;
  readonly currentStageSince: number;
}

const LAUNCH_ORDER = 5;
const DONE_ORDER = 7;
const QA_ORDER = 4;

/** Maps status names to stages; built once per run so each status name is looked up once. */
export type StageOfStatus = (status: string) => Stage | null;

/**
 * Computes one issue's metrics from its status history.
 * The status at creation is the first change's `fromStatus`, or the current status when it never changed.
 */
export const issueMetrics = (history: IssueHistory, stageOf: StageOfStatus, now: number): IssueMetrics => {
  const stageMs: Partial<Record<Stage, number>> = {};
  const { changes } = history;
  let status = changes.length > 0 ? (changes[0] as StatusChange).fromStatus : history.currentStatus;
  let stage = stageOf(status);
  let since = history.createdAt;
  let revisions = 0;
  let qaReturns = 0;
  let launchedAt: number | null = null;
  let doneAt: number | null = null;

  const enter = (entered: Stage | null, at: number): void => {
    if (entered === null || !isOrderedStage(entered)) return;
    const order = trackOrder(entered) as number;
    if (launchedAt === null && order >= LAUNCH_ORDER) launchedAt = at;
    if (doneAt === null && order === DONE_ORDER) doneAt = at;
  };
  enter(stage, since);

  for (let i = 0; i < changes.length; i++) {
    const change = changes[i] as StatusChange;
    if (stage !== null) stageMs[stage] = (stageMs[stage] ?? 0) + (change.at - since);
    const next = stageOf(change.toStatus);
    const fromOrder = stage === null ? null : trackOrder(stage);
    const toOrder = next === null ? null : trackOrder(next);
    if (fromOrder !== null && toOrder !== null && toOrder < fromOrder) {
      revisions++;
      if (fromOrder === QA_ORDER) qaReturns++;
    }
    enter(next, change.at);
    status = change.toStatus;
    stage = next;
    since = change.at;
  }
  if (stage !== null) stageMs[stage] = (stageMs[stage] ?? 0) + (now - since);

  const launched = launchedAt as number | null;
  const done = doneAt as number | null;
  return {
    key: history.key,
    stageMs,
    cycleTimeMs: launched === null ? null : launched - history.createdAt,
    leadTimeMs: done === null ? null : done - history.createdAt,
    launchedAt: launched,
    revisions,
    qaReturns,
    onTime: launched === null || history.dueDate === null ? null : new Date(launched).toISOString().slice(0, 10) <= history.dueDate,
    currentStage: stage,
    currentStageSince: since,
  };
};
