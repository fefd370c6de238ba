import { classifyMove, isBackwardMove, trackOrder, type Stage } from './stages';

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
  /** The last stage on the track the folded changes left the request on: a detour across the fold is seen through. */
  readonly lastTrack?: Stage;
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

const onTrack = (stage: Stage | null | undefined): Stage | null => (stage != null && trackOrder(stage) !== null ? stage : null);

/**
 * The backward moves of a run of changes, each judged from the last stage on the track the request held before it,
 * and the last such stage the run leaves it on: a detour off the track (Waiting, Declined, a status no stage maps) is
 * seen through, so QA → Waiting → Build is a QA return, as the metrics count it (`issueMetrics`).
 */
const tallyMoves = (changes: readonly StageChange[], before: Stage | null) => {
  let lastTrack = before ?? onTrack(changes[0]?.fromStage);
  let revisions = 0;
  let qaReturns = 0;
  for (const change of changes) {
    const kind = lastTrack === null || change.toStage === null ? null : classifyMove(lastTrack, change.toStage);
    if (kind !== null && isBackwardMove(kind)) revisions++;
    if (kind === 'qa-return') qaReturns++;
    lastTrack = onTrack(change.toStage) ?? lastTrack;
  }
  return { revisions, qaReturns, lastTrack };
};

/** Folds the oldest changes into the tally until at most MAX_LOGGED_CHANGES are left. */
const keepLatest = (log: StageLog): StageLog => {
  const overflow = log.changes.length - MAX_LOGGED_CHANGES;
  if (overflow <= 0) return log;
  const folded = log.changes.slice(0, overflow);
  const lastEntries = { ...log.earlier.lastEntries };
  for (const change of folded) if (change.toStage !== null) lastEntries[change.toStage] = change.at;
  const moves = tallyMoves(folded, log.earlier.lastTrack ?? null);
  return {
    changes: log.changes.slice(overflow),
    earlier: {
      count: log.earlier.count + overflow,
      revisions: log.earlier.revisions + moves.revisions,
      qaReturns: log.earlier.qaReturns + moves.qaReturns,
      lastEntries,
      ...(moves.lastTrack === null ? {} : { lastTrack: moves.lastTrack }),
    },
  };
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
  const moves = tallyMoves(log.changes, log.earlier.lastTrack ?? null);
  return { revisions: log.earlier.revisions + moves.revisions, qaReturns: log.earlier.qaReturns + moves.qaReturns };
};
