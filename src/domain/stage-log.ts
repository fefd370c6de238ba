import { classifyMove, isBackwardMove, type Stage } from './stages';

/** One status change of an issue, mapped to stages: the log that metrics and the audit read. */
export interface StageChange {
  readonly at: string;
  readonly fromStatus: string | null;
  readonly toStatus: string;
  readonly fromStage: Stage | null;
  readonly toStage: Stage | null;
  readonly by: string | null;
}

/**
 * What the changes a bounded log let go of still count for: how many, the backward moves and the last entry into each
 * stage. (A launch date is read from Jira's changelog, which nothing folds.)
 */
interface EarlierChanges {
  readonly count: number;
  readonly revisions: number;
  readonly qaReturns: number;
  readonly lastEntries: Partial<Record<Stage, string>>;
}

/**
 * An issue's stage log: its latest changes in time order, and a tally of the older ones. Bounded, because a request
 * parked and resumed without end would otherwise grow past app storage's value limit and stop every later change.
 */
export interface StageLog {
  readonly changes: readonly StageChange[];
  readonly earlier: EarlierChanges;
}

/** Changes kept one by one: about 200 bytes each, so a full log stays far under KVS's 240 KiB per value. */
export const MAX_LOGGED_CHANGES = 200;

const NOTHING_EARLIER: EarlierChanges = { count: 0, revisions: 0, qaReturns: 0, lastEntries: {} };

export const stageLogOf = (changes: readonly StageChange[]): StageLog => keepLatest({ changes, earlier: NOTHING_EARLIER });

export const EMPTY_STAGE_LOG: StageLog = { changes: [], earlier: NOTHING_EARLIER };

const moveKind = (change: StageChange) =>
  change.fromStage === null || change.toStage === null ? null : classifyMove(change.fromStage, change.toStage);

/** Folds the oldest changes into the tally until at most MAX_LOGGED_CHANGES are left. */
const keepLatest = (log: StageLog): StageLog => {
  const overflow = log.changes.length - MAX_LOGGED_CHANGES;
  if (overflow <= 0) return log;
  let { count, revisions, qaReturns } = log.earlier;
  const lastEntries = { ...log.earlier.lastEntries };
  for (const change of log.changes.slice(0, overflow)) {
    count++;
    const kind = moveKind(change);
    if (kind !== null && isBackwardMove(kind)) revisions++;
    if (kind === 'qa-return') qaReturns++;
    if (change.toStage !== null) lastEntries[change.toStage] = change.at;
  }
  return { changes: log.changes.slice(overflow), earlier: { count, revisions, qaReturns, lastEntries } };
};

/**
 * Adds a change to the log, in time order, once: Forge may deliver the same event twice,
 * so a change already logged (same instant, same target status) is not added again (the same log is answered).
 */
export const appendStageChange = (log: StageLog, change: StageChange): StageLog => {
  if (log.changes.some((entry) => entry.at === change.at && entry.toStatus === change.toStatus)) return log;
  return keepLatest({ changes: [...log.changes, change].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)), earlier: log.earlier });
};

/** When a request last entered a stage, by its log; undefined when the log never saw it enter. */
export const lastEntryInto = (log: StageLog, stage: Stage): string | undefined =>
  log.changes.filter((change) => change.toStage === stage).at(-1)?.at ?? log.earlier.lastEntries[stage];

/** Backward moves on the track over the whole log (revisions count QA returns too). */
export const backwardMoves = (log: StageLog): { readonly revisions: number; readonly qaReturns: number } => {
  let { revisions, qaReturns } = log.earlier;
  for (const change of log.changes) {
    const kind = moveKind(change);
    if (kind !== null && isBackwardMove(kind)) revisions++;
    if (kind === 'qa-return') qaReturns++;
  }
  return { revisions, qaReturns };
};
