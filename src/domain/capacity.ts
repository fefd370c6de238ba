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

/** One person's load in one project, as a summary keeps it. */
export interface ProjectLoad extends PersonLoad {
  readonly project: string;
}

/** People a bounded summary leaves out, counted by the projects they hold a load in (so a view counts each once). */
export interface LeftOutPeople {
  /** Their projects' keys, sorted. */
  readonly projects: readonly string[];
  readonly people: number;
}

/** The per-project loads a bounded summary keeps, and the people it leaves out. */
export interface KeptLoads {
  readonly kept: readonly ProjectLoad[];
  /** People with a load whom the summary does not keep, grouped by their projects, the largest group first. */
  readonly leftOut: readonly LeftOutPeople[];
}

/**
 * Keeps every person-and-project load when they fit in `cap`. Only past it are people cut, each whole (all their
 * projects' loads or none, so a view never sums part of someone's load): taken in rounds, every project's heaviest,
 * then every project's second heaviest, and so on (a round heaviest first), so a small project's people are never cut
 * to make room for a big project's lighter ones. Someone whose loads no longer fit is left out, and the rounds go on
 * with those who do. `byProject` lists each project's people heaviest first (as `personLoads` does).
 * @example keptLoads(new Map([['BIG', [a, b, c]], ['SMALL', [d]]]), 2).kept // [a (BIG), d (SMALL)]: b and c left out
 */
export const keptLoads = (byProject: ReadonlyMap<string, readonly PersonLoad[]>, cap: number): KeptLoads => {
  const loadsOf = new Map<string, ProjectLoad[]>();
  const everyLoad: ProjectLoad[] = [];
  for (const [project, people] of byProject)
    for (const person of people) {
      const load = { ...person, project };
      everyLoad.push(load);
      const loads = loadsOf.get(person.accountId);
      if (loads === undefined) loadsOf.set(person.accountId, [load]);
      else loads.push(load);
    }
  if (everyLoad.length <= cap) return { kept: everyLoad, leftOut: [] };
  const kept: ProjectLoad[] = [];
  const decided = new Set<string>();
  const deepest = Math.max(...[...byProject.values()].map((people) => people.length));
  for (let rank = 0; rank < deepest && kept.length < cap; rank++) {
    const round = [...byProject]
      .flatMap(([project, people]) => (rank < people.length ? [{ ...(people[rank] as PersonLoad), project }] : []))
      .sort((a, b) => b.load - a.load || a.project.localeCompare(b.project));
    for (const { accountId } of round) {
      if (decided.has(accountId)) continue;
      decided.add(accountId);
      const theirs = loadsOf.get(accountId) ?? [];
      if (kept.length + theirs.length <= cap) kept.push(...theirs);
    }
  }
  const keptPeople = new Set(kept.map(({ accountId }) => accountId));
  const groups = new Map<string, LeftOutPeople>();
  for (const [accountId, loads] of loadsOf) {
    if (keptPeople.has(accountId)) continue;
    const projects = loads.map(({ project }) => project).sort();
    const group = projects.join(' ');
    groups.set(group, { projects, people: (groups.get(group)?.people ?? 0) + 1 });
  }
  return { kept, leftOut: [...groups.values()].sort((a, b) => b.people - a.people) };
};
