import type { Stage } from './stages';

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
 * Adds a change to the log, in time order, once: Forge may deliver the same event twice,
 * so a change already logged (same instant, same target status) is not added again.
 */
export const appendStageChange = (log: readonly StageChange[], change: StageChange): readonly StageChange[] => {
  if (log.some((entry) => entry.at === change.at && entry.toStatus === change.toStatus)) return log;
  return [...log, change].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
};

/** When a request last entered a stage, by its log; undefined when the log never saw it enter. */
export const lastEntryInto = (log: readonly StageChange[], stage: Stage): string | undefined => log.filter((change) => change.toStage === stage).at(-1)?.at;
