import type { Stage } from './stages';

/**
 * Capacity: how much accepted work each person has on their plate. A request weighs its Effort (the 1–5 triage
 * score) times the share of the assignee's stages still ahead of it: a request just accepted into Planning has all
 * three (Planning, Build, QA + Governance) ahead and counts its whole Effort; one in QA has a third of it left.
 * Requests before triage accepts them belong to their requester, and launched ones are no longer work: they count
 * nothing.
 */

/** The stages an accepted request is worked on by its assignee, in order. */
const WORK_STAGES: readonly Stage[] = ['planning', 'build', 'qa'];
/** Effort counted for a request not scored (or scored outside 1–5): the middle of the scale. */
export const UNSCORED_EFFORT = 3;

/** An open request as the load counts it. */
export interface AssignedRequest {
  readonly assigneeId: string | null;
  readonly stage: Stage | null;
  readonly effort: number | null;
}

export interface PersonLoad {
  readonly accountId: string;
  /** Effort points still ahead, to one decimal. */
  readonly load: number;
  /** The accepted requests behind the load. */
  readonly requests: number;
}

const effortOf = (effort: number | null): number =>
  effort !== null && Number.isInteger(effort) && effort >= 1 && effort <= 5 ? effort : UNSCORED_EFFORT;

/**
 * What one request adds to its assignee's load; 0 outside the stages of accepted work.
 * @example requestLoad('build', 3) // 2 (Effort 3, two of three stages ahead)
 */
export const requestLoad = (stage: Stage | null, effort: number | null): number => {
  const position = stage === null ? -1 : WORK_STAGES.indexOf(stage);
  return position < 0 ? 0 : (effortOf(effort) * (WORK_STAGES.length - position)) / WORK_STAGES.length;
};

/** Is the request accepted work that a load counts? */
const isAcceptedWork = (stage: Stage | null): boolean => stage !== null && WORK_STAGES.includes(stage);

/** A load as shown and stored: Effort points to one decimal. */
export const roundedLoad = (load: number): number => Math.round(load * 10) / 10;

/** Each assigned person's load, heaviest first (ties by account id, so the order is stable). */
export const personLoads = (requests: readonly AssignedRequest[]): PersonLoad[] => {
  const byPerson = new Map<string, { load: number; requests: number }>();
  for (const { assigneeId, stage, effort } of requests) {
    if (assigneeId === null || !isAcceptedWork(stage)) continue;
    const sum = byPerson.get(assigneeId) ?? { load: 0, requests: 0 };
    byPerson.set(assigneeId, { load: sum.load + requestLoad(stage, effort), requests: sum.requests + 1 });
  }
  return [...byPerson]
    .map(([accountId, { load, requests: count }]) => ({ accountId, load: roundedLoad(load), requests: count }))
    .sort((a, b) => b.load - a.load || a.accountId.localeCompare(b.accountId));
};

/**
 * The people named, least loaded first, in the order named when loads tie (so the first named is preferred when
 * nobody has more on their plate); someone with no accepted work has a load of 0. Routing tries them in this order.
 * @example byLoad(['acc-blake', 'acc-dana'], new Map([['acc-blake', 4]])) // ['acc-dana', 'acc-blake']
 */
export const byLoad = (candidates: readonly string[], loads: ReadonlyMap<string, number>): string[] =>
  candidates
    .map((accountId, named) => ({ accountId, named, load: loads.get(accountId) ?? 0 }))
    .sort((a, b) => a.load - b.load || a.named - b.named)
    .map(({ accountId }) => accountId);
