/** The seven-stage Workflow Flight Plan, in track order. */
export const TRACK_STAGES = ['intake', 'triage', 'planning', 'build', 'qa', 'launch', 'measure'] as const;
/** Every stage an issue can be in: the track, `done` after it, and the two off-track stages. */
export const STAGES = [...TRACK_STAGES, 'done', 'waiting', 'declined'] as const;

export type TrackStage = (typeof TRACK_STAGES)[number];
export type Stage = (typeof STAGES)[number];
/** Stages with a place on the track, `done` included (order 7). */
type OrderedStage = TrackStage | 'done';

const TRACK_ORDER: Readonly<Record<OrderedStage, number>> = {
  intake: 0,
  triage: 1,
  planning: 2,
  build: 3,
  qa: 4,
  launch: 5,
  measure: 6,
  done: 7,
};

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  intake: 'Intake',
  triage: 'Triage',
  planning: 'Planning',
  build: 'Build',
  qa: 'QA + Governance',
  launch: 'Launch',
  measure: 'Measure + Improve',
  done: 'Done',
  waiting: 'Waiting',
  declined: 'Declined',
};

const isOrderedStage = (stage: Stage): stage is OrderedStage => stage in TRACK_ORDER;

/** Position on the track (intake 0 … done 7), or null for waiting/declined. */
export const trackOrder = (stage: Stage): number | null => (isOrderedStage(stage) ? TRACK_ORDER[stage] : null);

/** Whether a request in this stage has launched: Launch, or a stage after it on the track. */
export const isLaunchedStage = (stage: Stage | null): boolean => stage !== null && (trackOrder(stage) ?? -1) >= TRACK_ORDER.launch;

type MoveKind = 'forward' | 'revision' | 'qa-return' | 'off-track' | 'same';

/**
 * Classifies a move between stages.
 * A move to an earlier track stage is a revision; from `qa` it is also a QA return.
 * Moves into or out of waiting/declined are neither.
 * @example classifyMove('qa', 'build') // 'qa-return'
 */
export const classifyMove = (from: Stage, to: Stage): MoveKind => {
  if (from === to) return 'same';
  const fromOrder = trackOrder(from);
  const toOrder = trackOrder(to);
  if (fromOrder === null || toOrder === null) return 'off-track';
  if (toOrder > fromOrder) return 'forward';
  return from === 'qa' ? 'qa-return' : 'revision';
};

/** A revision counts QA returns too: both are backward moves on the track. */
export const isBackwardMove = (kind: MoveKind): boolean => kind === 'revision' || kind === 'qa-return';
