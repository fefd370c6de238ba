import { stageOfStatus, type AppConfig } from './app-config';
import type { Stage } from './stages';

/**
 * Dependencies between requests, kept as Jira issue links of the "Blocks" type: a request "is blocked by" each of
 * its blockers. A blocked request cannot launch until every blocker has (a QA-gate item, the gate of the Launch
 * transition), its forecast is never earlier than its blockers', and its dependents are told when a blocker
 * launches or is declined.
 */

/** Another request at the other end of a "Blocks" link, as the issue's `issuelinks` field names it. */
export interface LinkedRequest {
  /** The link's id: what removing the dependency deletes. */
  readonly linkId: string;
  readonly issueId: string;
  readonly key: string;
  readonly summary: string;
  /** Its Jira status name. */
  readonly status: string;
}

/** The request's dependencies: those it is blocked by, and those it blocks. */
export interface RequestLinks {
  readonly blockers: readonly LinkedRequest[];
  readonly dependents: readonly LinkedRequest[];
}

export const NO_LINKS: RequestLinks = { blockers: [], dependents: [] };

/** The stages at which a request has launched. */
const LAUNCHED: readonly Stage[] = ['launch', 'measure'];

export const hasLaunched = (status: string, statusMap: AppConfig['statusMap']): boolean => {
  const stage = stageOfStatus(status, statusMap);
  return stage !== null && LAUNCHED.includes(stage);
};

/**
 * The blockers that have not launched (a declined one included: it will never launch, so the dependent must be
 * re-planned and the link removed before it may launch), in key order.
 * @example unlaunchedBlockers([{ key: 'MKT-3', status: 'Build', … }], statusMap)[0].key // 'MKT-3'
 */
export const unlaunchedBlockers = (blockers: readonly LinkedRequest[], statusMap: AppConfig['statusMap']): LinkedRequest[] =>
  blockers.filter((blocker) => !hasLaunched(blocker.status, statusMap)).sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));

/**
 * Would "`dependent` is blocked by `blocker`" close a loop? It does when `blocker` is already, directly or through
 * others, blocked by `dependent`. `blockersOf` gives each known request's blockers by key. The loop, from the
 * dependent round to itself, or null.
 * @example dependencyCycle(new Map([['MKT-3', ['MKT-5']]]), 'MKT-5', 'MKT-3') // ['MKT-5', 'MKT-3', 'MKT-5']
 */
export const dependencyCycle = (
  blockersOf: ReadonlyMap<string, readonly string[]>,
  dependent: string,
  blocker: string,
): string[] | null => {
  if (dependent === blocker) return [dependent, dependent];
  // Breadth first from the blocker along "is blocked by", remembering how each request was reached.
  const cameFrom = new Map<string, string | null>([[blocker, null]]);
  const queue = [blocker];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const further of blockersOf.get(next) ?? []) {
      if (cameFrom.has(further)) continue;
      cameFrom.set(further, next);
      if (further === dependent) {
        const path: string[] = [];
        for (let at: string | null = dependent; at !== null; at = cameFrom.get(at) ?? null) path.unshift(at);
        // path runs blocker → … → dependent; the loop reads dependent → blocker → … → dependent.
        return [dependent, ...path];
      }
      queue.push(further);
    }
  }
  return null;
};

/** What happened to a blocker that its dependents are told about. */
export type BlockerOutcome = 'launched' | 'declined';

/**
 * The comment a dependent gets when one of its blockers launches or is declined, naming what is still in the way.
 * @example dependentNotice({ key: 'MKT-3', summary: 'Pricing page' }, 'launched', []) // 'MKT-3 (Pricing page) has launched…'
 */
export const dependentNotice = (
  blocker: { readonly key: string; readonly summary: string },
  outcome: BlockerOutcome,
  stillBlockedBy: readonly string[],
): string => {
  const what =
    outcome === 'launched'
      ? `${blocker.key} (${blocker.summary}) has launched.`
      : `${blocker.key} (${blocker.summary}) was declined and will not launch: re-plan this request without it, then remove the dependency so it can launch.`;
  const rest =
    outcome === 'declined'
      ? ''
      : stillBlockedBy.length === 0
        ? ' Nothing else blocks this request from launching.'
        : ` This request is still blocked by ${stillBlockedBy.join(', ')}.`;
  return `Dependency update: ${what}${rest}`;
};
