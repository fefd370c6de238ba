import { STAGES, type Stage } from '../stages';
import type { Tier } from '../tiers';
import { DAY_MS } from '../durations';

/** One status change, with its instant in epoch milliseconds. */
export interface StatusChange {
  readonly at: number;
  readonly fromStatus: string;
  readonly toStatus: string;
}

/** What the engine needs of one issue; `changes` sorted by `at`, oldest first. */
export interface IssueHistory {
  /** Jira's issue id: stable when an issue moves project and its key changes. */
  readonly id: string;
  readonly key: string;
  readonly createdAt: number;
  /** `YYYY-MM-DD` or null. */
  readonly dueDate: string | null;
  readonly currentStatus: string;
  readonly changes: readonly StatusChange[];
  /** The governance tier the app mirrored to the issue, when known: reports filter by it. */
  readonly tier?: Tier;
  /** Ids of the issues it "is blocked by" (Jira issue links): its forecast is never earlier than theirs. */
  readonly blockedBy?: readonly string[];
}

/**
 * A stage as its index in STAGES, or -1 for a status no stage claims. The first eight indexes
 * are the track order (intake 0 … done 7); waiting (8) and declined (9) are off the track.
 */
export type StageIndex = number;
export const UNMAPPED: StageIndex = -1;
const LAST_TRACK_INDEX = STAGES.indexOf('done');
const LAUNCH_INDEX = STAGES.indexOf('launch');
const QA_INDEX = STAGES.indexOf('qa');

export const stageAt = (index: StageIndex): Stage | null => (index < 0 ? null : (STAGES[index] ?? null));

export interface IssueMetrics {
  readonly key: string;
  /** Milliseconds per stage index, summed over every visit (NaN: never visited); the open visit runs to `now`. */
  readonly stageMs: Float64Array;
  readonly cycleTimeMs: number | null;
  readonly leadTimeMs: number | null;
  /** Instant of the first entry into launch or a later track stage. */
  readonly launchedAt: number | null;
  readonly revisions: number;
  readonly qaReturns: number;
  /** Null when never launched or without a due date. */
  readonly onTime: boolean | null;
  readonly currentStage: StageIndex;
  readonly currentStageSince: number;
}

/** Maps status names to stage indexes; built once per run so each status name is looked up once. */
export type StageOfStatus = (status: string) => StageIndex;

const isTrack = (index: StageIndex): boolean => index >= 0 && index <= LAST_TRACK_INDEX;

/** Adds a visit of `ms` to a stage (none for an unmapped status); NaN marks a stage never visited. */
const addVisit = (stageMs: Float64Array, stage: StageIndex, ms: number): void => {
  if (stage >= 0) stageMs[stage] = (Number.isNaN(stageMs[stage]) ? 0 : (stageMs[stage] as number)) + ms;
};

const unvisited = (): Float64Array => new Float64Array(STAGES.length).fill(Number.NaN);

/**
 * A run of one issue's status changes, folded in order as they are read, without keeping them: all its figures need.
 * What depends on the issue itself (its creation, its status then, `now`) is left to `foldedMetrics`, and the move into
 * a run's first stage to whatever came before it, so two runs of one issue (bulkfetch pages its changelog) join into
 * one. Instants are whole milliseconds, so the sums are exact whatever order they are added in.
 */
export interface StatusFold {
  changes: number;
  /** The instant of the run's first change, its status before (the issue's status at creation) and its stage after. */
  firstAt: number;
  firstFrom: string;
  firstStage: StageIndex;
  /** Milliseconds per stage over the visits between the run's changes (NaN: none). */
  readonly stageMs: Float64Array;
  /** Moves back along the track, after the run's first change. */
  revisions: number;
  qaReturns: number;
  /** The first entry into launch or a later track stage, and into done, or -1. */
  launchedAt: number;
  doneAt: number;
  /** The stage after the run's last change, and its instant. */
  stage: StageIndex;
  since: number;
}

export const emptyFold = (): StatusFold => ({
  changes: 0,
  firstAt: 0,
  firstFrom: '',
  firstStage: UNMAPPED,
  stageMs: unvisited(),
  revisions: 0,
  qaReturns: 0,
  launchedAt: -1,
  doneAt: -1,
  stage: UNMAPPED,
  since: 0,
});

/** A move back along the track: a revision (and, back from QA, a QA return). */
const movesBack = (from: StageIndex, to: StageIndex): boolean => isTrack(from) && isTrack(to) && to < from;

const countMove = (fold: StatusFold, from: StageIndex, to: StageIndex): void => {
  if (movesBack(from, to)) {
    fold.revisions++;
    if (from === QA_INDEX) fold.qaReturns++;
  }
};

/** Folds the next status change of the run in. Written over numbers: it runs once per status change of every issue. */
export const foldChange = (fold: StatusFold, at: number, fromStatus: string, toStatus: string, stageOf: StageOfStatus): void => {
  const next = stageOf(toStatus);
  if (fold.changes === 0) {
    fold.firstAt = at;
    fold.firstFrom = fromStatus;
    fold.firstStage = next;
  } else {
    addVisit(fold.stageMs, fold.stage, at - fold.since);
    countMove(fold, fold.stage, next);
  }
  if (isTrack(next)) {
    if (fold.launchedAt < 0 && next >= LAUNCH_INDEX) fold.launchedAt = at;
    if (fold.doneAt < 0 && next === LAST_TRACK_INDEX) fold.doneAt = at;
  }
  fold.stage = next;
  fold.since = at;
  fold.changes++;
};

/** Adds the visits of `from` to those of `into`, as if each had been added in turn. */
const addVisits = (into: Float64Array, from: Float64Array): void => {
  for (let stage = 0; stage < from.length; stage++) if (!Number.isNaN(from[stage])) addVisit(into, stage, from[stage] as number);
};

/** Two runs of one issue, the second going on where the first ended, as one; `first` becomes it. */
export const joinFolds = (first: StatusFold, second: StatusFold): StatusFold => {
  if (second.changes === 0) return first;
  if (first.changes === 0) return second;
  addVisit(first.stageMs, first.stage, second.firstAt - first.since);
  countMove(first, first.stage, second.firstStage);
  addVisits(first.stageMs, second.stageMs);
  first.revisions += second.revisions;
  first.qaReturns += second.qaReturns;
  if (first.launchedAt < 0) first.launchedAt = second.launchedAt;
  if (first.doneAt < 0) first.doneAt = second.doneAt;
  first.stage = second.stage;
  first.since = second.since;
  first.changes += second.changes;
  return first;
};

/** What `foldedMetrics` needs of the issue itself. */
export type IssueFacts = Pick<IssueHistory, 'key' | 'createdAt' | 'dueDate' | 'currentStatus'>;

/**
 * An issue's metrics from the fold of all its status changes, which it leaves as it was: an export may list one issue
 * twice, each copy finished from the same fold. The status at creation is the first change's `fromStatus`, or the
 * current status when it never changed; `now` closes the open stage visit.
 */
export const foldedMetrics = (fold: StatusFold, issue: IssueFacts, stageOf: StageOfStatus, now: number): IssueMetrics => {
  const created = stageOf(fold.changes > 0 ? fold.firstFrom : issue.currentStatus);
  const stageMs = fold.stageMs.slice();
  let stage = created;
  let since = issue.createdAt;
  let firstMoveBack = false;
  if (fold.changes > 0) {
    addVisit(stageMs, created, fold.firstAt - since);
    firstMoveBack = movesBack(created, fold.firstStage);
    stage = fold.stage;
    since = fold.since;
  }
  addVisit(stageMs, stage, now - since);
  const launchedAt = created >= LAUNCH_INDEX && isTrack(created) ? issue.createdAt : fold.launchedAt;
  const doneAt = created === LAST_TRACK_INDEX ? issue.createdAt : fold.doneAt;
  const dueDay = issue.dueDate === null ? Number.NaN : Date.parse(`${issue.dueDate}T00:00:00Z`) / DAY_MS;
  return {
    key: issue.key,
    stageMs,
    cycleTimeMs: launchedAt < 0 ? null : launchedAt - issue.createdAt,
    leadTimeMs: doneAt < 0 ? null : doneAt - issue.createdAt,
    launchedAt: launchedAt < 0 ? null : launchedAt,
    revisions: fold.revisions + (firstMoveBack ? 1 : 0),
    qaReturns: fold.qaReturns + (firstMoveBack && created === QA_INDEX ? 1 : 0),
    // The first launch entry's UTC calendar day, compared with the due date's.
    onTime: launchedAt < 0 || Number.isNaN(dueDay) ? null : Math.floor(launchedAt / DAY_MS) <= dueDay,
    currentStage: stage,
    currentStageSince: since,
  };
};

/** Computes one issue's metrics from its status history (`changes` oldest first). */
export const issueMetrics = (history: IssueHistory, stageOf: StageOfStatus, now: number): IssueMetrics => {
  const fold = emptyFold();
  for (const change of history.changes) foldChange(fold, change.at, change.fromStatus, change.toStatus, stageOf);
  return foldedMetrics(fold, history, stageOf, now);
};
