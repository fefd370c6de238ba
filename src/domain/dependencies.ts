import { stageOfStatus, type AppConfig } from './app-config';
import { listOf } from './gates/gate-context';
import type { Stage } from './stages';
import type { PanelBlocker } from './flight-plan-record';

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
  /** The person reading may not browse it: it is counted, never named or summarised. */
  readonly unseen?: boolean;
}

/** The request's dependencies: those it is blocked by, and those it blocks. */
export interface RequestLinks {
  readonly blockers: readonly LinkedRequest[];
  readonly dependents: readonly LinkedRequest[];
  /**
   * Nobody was named to read them (a workflow validator Jira called without a principal): the requests are counted,
   * none named, since the reader may not be allowed to see any of them.
   */
  readonly readerUnknown?: boolean;
}

export const NO_LINKS: RequestLinks = { blockers: [], dependents: [] };

/**
 * The links a reader may be sent: those they may browse. The others were marked `unseen` to be counted where the reader
 * is told about them (the gate's words, the Dependencies view); their keys, summaries and statuses never leave the app.
 */
export const linksShown = (links: RequestLinks): RequestLinks => ({
  ...links,
  blockers: links.blockers.filter((linked) => linked.unseen !== true),
  dependents: links.dependents.filter((linked) => linked.unseen !== true),
});

/** The stages of a request that has launched: Launch, Measure + Improve, and Done after them. */
const LAUNCHED: readonly Stage[] = ['launch', 'measure', 'done'];

/**
 * The one rule for when a blocker stops holding its dependents back, used by the Launch gate and by the forecasts: once
 * it stands at a launched stage. A declined blocker never launches, so it holds them until the link is removed (its
 * dependents are told to re-plan without it); so does one in a status no stage claims, or one moved back after launch.
 */
export const blockerCleared = (stage: Stage | null): boolean => stage !== null && LAUNCHED.includes(stage);

export const hasLaunched = (status: string, statusMap: AppConfig['statusMap']): boolean => blockerCleared(stageOfStatus(status, statusMap));

/**
 * The blockers still holding the request back (see `blockerCleared`: a declined one included), in key order.
 * @example unlaunchedBlockers([{ key: 'MKT-3', status: 'Build', … }], statusMap)[0].key // 'MKT-3'
 */
export const unlaunchedBlockers = (blockers: readonly LinkedRequest[], statusMap: AppConfig['statusMap']): LinkedRequest[] =>
  blockers.filter((blocker) => !hasLaunched(blocker.status, statusMap)).sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));

/**
 * The blockers the panel linked (`FlightPlanRecord.panelBlockers`) whose link Jira no longer has, though the panel did
 * not remove them: unlinked in Jira's own view or API, around the panel's rule on who removes a blocker.
 */
export const unlinkedPanelBlockers = (
  panelBlockers: readonly PanelBlocker[] | undefined,
  linked: readonly LinkedRequest[],
): PanelBlocker[] => {
  const ids = new Set(linked.map((blocker) => blocker.issueId));
  return (panelBlockers ?? []).filter((blocker) => !ids.has(blocker.id));
};

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
 * Requests named to a person: only those they may browse. The rest are counted, never named ("2 requests you cannot
 * see"), so a key or a summary the app can read but the person cannot is never shown to them.
 */
interface NamedRequests {
  readonly named: readonly string[];
  readonly unseen: number;
}

/** "a request you cannot see", "2 requests you cannot see": the panel says it so too. */
export const unseenWords = (count: number): string => (count === 1 ? 'a request you cannot see' : `${count} requests you cannot see`);

/** Requests a comment leaves unnamed: its readers are everyone who may browse the issue, not one person. */
const unnamedWords = (count: number): string => (count === 1 ? 'a request not named here' : `${count} requests not named here`);

/** The named requests, then the others counted in `unnamed`'s words. */
const listWith =
  (unnamed: (count: number) => string) =>
  ({ named, unseen }: NamedRequests): string =>
    listOf([...named, ...(unseen > 0 ? [unnamed(unseen)] : [])]);

/** "MKT-4, MKT-7 and a request not named here": for a comment, read by many. */
const listForAllReaders = listWith(unnamedWords);

/** "MKT-4, MKT-7 and a request you cannot see": for one person reading. */
export const listNamed = listWith(unseenWords);

/**
 * The blockers that leave a request no forecast and no launch as things stand: those declined, which will never launch
 * (see `blockerCleared`), in key order.
 * @example declinedBlockers([{ key: 'MKT-3', status: 'Declined', … }], statusMap)[0].key // 'MKT-3'
 */
export const declinedBlockers = (blockers: readonly LinkedRequest[], statusMap: AppConfig['statusMap']): LinkedRequest[] =>
  unlaunchedBlockers(blockers, statusMap).filter((blocker) => stageOfStatus(blocker.status, statusMap) === 'declined');

/** The requests as a person may read them: keys of those they may see, a count of the others. */
export const namedRequests = (requests: readonly LinkedRequest[]): NamedRequests => ({
  named: requests.filter((request) => request.unseen !== true).map((request) => request.key),
  unseen: requests.filter((request) => request.unseen === true).length,
});

/**
 * A loop read out for a person, from the dependent round to itself: requests they cannot see are not named, and
 * several in a row read as one stretch.
 * @example loopWords(['MKT-5', 'MKT-3', 'OPS-9', 'MKT-5'], new Set(['MKT-5', 'MKT-3'])) // 'MKT-5 waits on MKT-3 waits on a request you cannot see waits on MKT-5'
 */
export const loopWords = (loop: readonly string[], visible: ReadonlySet<string>): string => {
  const words: string[] = [];
  let unseen = 0;
  for (const key of loop) {
    if (!visible.has(key)) {
      unseen++;
      continue;
    }
    if (unseen > 0) words.push(unseenWords(unseen));
    unseen = 0;
    words.push(key);
  }
  if (unseen > 0) words.push(unseenWords(unseen));
  return words.join(' waits on ');
};

/**
 * The comment a dependent gets when one of its blockers launches or is declined, naming what is still in the way. The
 * blocker is null when not everyone who may read the comment may see it: it is then neither named nor summarised.
 * @example dependentNotice({ key: 'MKT-3', summary: 'Pricing page' }, 'launched', { named: [], unseen: 0 }) // 'Dependency update: MKT-3 (Pricing page) has launched…'
 */
export const dependentNotice = (
  blocker: { readonly key: string; readonly summary: string } | null,
  outcome: BlockerOutcome,
  stillBlockedBy: NamedRequests,
): string => {
  const rest =
    outcome === 'declined'
      ? ''
      : stillBlockedBy.named.length + stillBlockedBy.unseen === 0
        ? ' Nothing else blocks this request from launching.'
        : ` This request is still blocked by ${listForAllReaders(stillBlockedBy)}.`;
  return `${dependentNoticeHeadline(blocker, outcome)}${rest}`;
};

/** A dependency update's first sentence: what happened to the blocker, the same however the rest of the notice reads. */
export const dependentNoticeHeadline = (
  blocker: { readonly key: string; readonly summary: string } | null,
  outcome: BlockerOutcome,
): string => {
  const who = blocker === null ? 'A request this one is blocked by (not named here)' : `${blocker.key} (${blocker.summary})`;
  return outcome === 'launched'
    ? `Dependency update: ${who} has launched.`
    : `Dependency update: ${who} was declined and will not launch: re-plan this request without it, then remove the dependency so it can launch.`;
};
