import { issueFactsFrom } from '../contracts/jira-issue-facts';
import type { AppConfig } from '../domain/app-config';
import {
  dependentNotice,
  dependentNoticeHeadline,
  unlaunchedBlockers,
  type BlockerOutcome,
  type LinkedRequest,
  type RequestLinks,
} from '../domain/dependencies';
import { NO_PEOPLE_HISTORY, type IssueFacts } from '../domain/issue-facts';
import { projectOf } from '../domain/metrics/health-report';
import type { Stage } from '../domain/stages';
import { mentionComment } from './comments';
import type { JiraApi } from './jira-port';
import { claimNotice, DEPENDENCY_NOTICE_PREFIX, releaseNotice } from './notice-ledger';
import type { AppStore } from './ports';
import { LEASE_MS } from './store-lease';

/** Dependents told per event at most: a request rarely blocks more; the rest see the blocker's state on their panel. */
const MAX_DEPENDENTS_TOLD = 20;

/** What a move into `to` means for the requests waiting on the one that moved; null when nothing to tell. */
export const blockerOutcomeOf = (from: Stage | null, to: Stage | null): BlockerOutcome | null => {
  if (to === 'declined' && from !== 'declined') return 'declined';
  // Entering Launch from before it; a return from Measure to Launch is no news.
  if (to === 'launch' && from !== 'launch' && from !== 'measure') return 'launched';
  return null;
};

/**
 * The requests, among `linked`, a comment on `dependent` may name. Its readers are everyone who may browse the
 * dependent, not only the assignee it mentions (Jira shows a comment without `visibility` to all of them:
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post),
 * and a comment can be restricted only to a group or a project role, never to the people who may see another issue
 * (`visibility` in the spec's Comment). The app can read issues its readers cannot, so a request is named only when it is in the dependent's own project (the
 * same browse permission) and the assignee may browse it too (Jira's permission check, asked as the app:
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post).
 * Nobody assigned, or no answer: nothing is named.
 */
const nameableIn = async (
  jira: JiraApi,
  dependent: IssueFacts,
  linked: readonly { readonly issueId: string; readonly key: string }[],
): Promise<ReadonlySet<string>> => {
  const sameProject = linked.filter((request) => projectOf(request.key) === projectOf(dependent.issueKey));
  if (dependent.assigneeId === null || sameProject.length === 0) return new Set();
  const browsable = await jira.browsableIssues(
    dependent.assigneeId,
    sameProject.map((request) => request.issueId),
  );
  return browsable.ok ? browsable.value : new Set();
};

/** A dependency update's dedupe key in the dependent's notice ledger: one per blocker, outcome and move. */
export const dependencyNoticeKey = (blockerId: string, outcome: BlockerOutcome, movedAt: Date): string =>
  `${DEPENDENCY_NOTICE_PREFIX}${blockerId}:${outcome}:${movedAt.toISOString()}`;

/** How many dependents were told (now or before), and which ones are left untold for a later delivery to tell. */
interface DependentsTold {
  readonly told: number;
  readonly untold: readonly LinkedRequest[];
}

/**
 * Tells each request the moved one blocks, in a comment mentioning its assignee, what happened and what still blocks
 * it, naming only the requests everyone who may read the comment may see. Each dependent is told on its own: one that
 * cannot be claimed, read or commented on (Jira or the app's storage failing) is reported and skipped, and the others
 * are still told. One whose notice another run still holds (maybe a run that died holding it) is left untold too: only
 * a later delivery, once that claim has expired, can say whether it was posted.
 */
export const tellDependents = async (
  deps: { readonly jira: JiraApi; readonly store: AppStore; readonly now: Date },
  blocker: IssueFacts,
  outcome: BlockerOutcome,
  config: Pick<AppConfig, 'statusMap'>,
  movedAt: Date,
): Promise<DependentsTold> => {
  let told = 0;
  const untold: LinkedRequest[] = [];
  for (const dependent of blocker.links.dependents.slice(0, MAX_DEPENDENTS_TOLD)) {
    try {
      if (await tellDependent(deps, dependent, blocker, outcome, config, movedAt)) told++;
      else untold.push(dependent);
    } catch (error) {
      untold.push(dependent);
      console.error(`${dependent.key} was not told that ${blocker.issueKey} ${outcome}`, error);
    }
  }
  return { told, untold };
};

/**
 * Tells one dependent, once however often the event is delivered: the notice is claimed in the dependent's ledger (a
 * guarded commit) before it is posted, so of two deliveries at once one posts it. A post that failed is given back, so
 * a later delivery may post it. A claim carries its time: a delivery cut off after claiming (Forge retries a trigger
 * that timed out: https://developer.atlassian.com/platform/forge/events-reference/product_events/, "Retry product
 * events") leaves a claim a later delivery takes over once it is older than any run lasts, posting only when the
 * dependent shows no such comment from the app since the move. So does a post whose answer was lost when the app's
 * comments could not be read either: posted or not is unknown, so the claim is kept, never given back to be posted
 * twice. Answers whether the dependent was told (now or before); false when that is not known yet (another run's claim
 * still holds, or whether the post was taken cannot be read).
 */
const tellDependent = async (
  deps: { readonly jira: JiraApi; readonly store: AppStore; readonly now: Date },
  dependent: LinkedRequest,
  blocker: IssueFacts,
  outcome: BlockerOutcome,
  config: Pick<AppConfig, 'statusMap'>,
  movedAt: Date,
): Promise<boolean> => {
  const { jira, store } = deps;
  const noticeKey = dependencyNoticeKey(blocker.issueId, outcome, movedAt);
  const claim = await claimNotice(store, dependent.issueId, noticeKey, deps.now, LEASE_MS);
  if (claim === 'held') return false;
  /** Whether the app's comments since the move hold this notice; null when they cannot be read. */
  const shown = async (headline: string): Promise<boolean | null> => {
    const since = await jira.appCommentTexts(dependent.issueId, movedAt);
    return since.ok ? since.value.some((comment) => comment.includes(headline)) : null;
  };
  let unsure = false;
  try {
    const issue = await jira.getIssue(dependent.issueId);
    if (!issue.ok) throw new Error(issue.error.message);
    const facts = issueFactsFrom(issue.value, NO_PEOPLE_HISTORY);
    // The blocker's own status there may lag the move: it has launched or been declined, whatever the link says.
    const others = unlaunchedBlockers(
      facts.links.blockers.filter((other) => other.issueId !== blocker.issueId),
      config.statusMap,
    );
    const visible = await nameableIn(jira, facts, [{ issueId: blocker.issueId, key: blocker.issueKey }, ...others]);
    const named = visible.has(blocker.issueId) ? { key: blocker.issueKey, summary: blocker.summary } : null;
    const headline = dependentNoticeHeadline(named, outcome);
    if (claim === 'expired') {
      const already = await shown(headline);
      unsure = already === null;
      if (already !== false) return already === true;
    }
    const text = dependentNotice(named, outcome, {
      named: others.filter((other) => visible.has(other.issueId)).map((other) => other.key),
      unseen: others.filter((other) => !visible.has(other.issueId)).length,
    });
    const posted = await jira.addComment(facts.issueId, mentionComment(facts.assigneeId, text));
    if (posted.ok) return true;
    if (posted.error.mayHaveApplied) {
      const already = await shown(headline);
      unsure = already === null;
      if (already === true) return true;
    }
    throw new Error(posted.error.message);
  } catch (error) {
    // Given back only when it was surely not posted; a failure to give it back is reported, the claim then expiring.
    if (!unsure) {
      await releaseNotice(store, dependent.issueId, noticeKey).catch((release: unknown) => {
        console.error(`the claim on ${dependent.key}'s notice was not given back`, release);
      });
    }
    throw error;
  }
};

/**
 * The request's links as one person may read them: each linked request they may not browse is marked `unseen`, so it
 * is counted and never named or summarised. The app reads issues the person cannot, so this is asked of Jira's
 * permission check, as the app
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post).
 * Null when Jira gave no answer: who may see what is then unknown.
 */
export const linksIfSeenBy = async (jira: JiraApi, accountId: string, links: RequestLinks): Promise<RequestLinks | null> => {
  const all = [...links.blockers, ...links.dependents];
  if (all.length === 0) return links;
  const browsable = await jira.browsableIssues(accountId, [...new Set(all.map((linked) => linked.issueId))]);
  if (!browsable.ok) return null;
  const mark = (linked: LinkedRequest): LinkedRequest => (browsable.value.has(linked.issueId) ? linked : { ...linked, unseen: true });
  return { blockers: links.blockers.map(mark), dependents: links.dependents.map(mark) };
};

/** The links as one person may read them, for their panel (`linksIfSeenBy`); with no answer from Jira, every one is unseen. */
export const linksAsSeenBy = async (jira: JiraApi, accountId: string, links: RequestLinks): Promise<RequestLinks> =>
  (await linksIfSeenBy(jira, accountId, links)) ?? {
    blockers: links.blockers.map((linked) => ({ ...linked, unseen: true })),
    dependents: links.dependents.map((linked) => ({ ...linked, unseen: true })),
  };
