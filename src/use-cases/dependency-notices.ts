import { issueFactsFrom } from '../contracts/jira-issue-facts';
import type { AppConfig } from '../domain/app-config';
import { dependentNotice, unlaunchedBlockers, type BlockerOutcome, type LinkedRequest, type RequestLinks } from '../domain/dependencies';
import type { IssueFacts } from '../domain/issue-facts';
import { projectOf } from '../domain/metrics/health-report';
import type { Stage } from '../domain/stages';
import { mentionComment } from './comments';
import type { JiraApi } from './jira-port';
import { claimNotice, releaseNotice } from './notice-ledger';
import type { AppStore } from './ports';

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
  `dependency:${blockerId}:${outcome}:${movedAt.toISOString()}`;

/**
 * Tells each request the moved one blocks, in a comment mentioning its assignee, what happened and what still blocks
 * it, naming only the requests everyone who may read the comment may see. Each comment is claimed in the dependent's
 * notice ledger (a guarded commit) before it is posted, so the event delivered twice, even at the same moment, posts it
 * once; one that fails is given back, so a later delivery of the event may post it. An answer lost on the way (a timeout) is checked against
 * the app's comments since the move before it is given back. A dependent that cannot be read or commented on is
 * reported and skipped: the others are still told. Answers how many were told.
 */
export const tellDependents = async (
  deps: { readonly jira: JiraApi; readonly store: AppStore },
  blocker: IssueFacts,
  outcome: BlockerOutcome,
  config: Pick<AppConfig, 'statusMap'>,
  movedAt: Date,
): Promise<number> => {
  const { jira, store } = deps;
  const noticeKey = dependencyNoticeKey(blocker.issueId, outcome, movedAt);
  let told = 0;
  for (const dependent of blocker.links.dependents.slice(0, MAX_DEPENDENTS_TOLD)) {
    if (!(await claimNotice(store, dependent.issueId, noticeKey))) continue;
    try {
      const issue = await jira.getIssue(dependent.issueId);
      if (!issue.ok) throw new Error(issue.error.message);
      const facts = issueFactsFrom(issue.value);
      // The blocker's own status there may lag the move: it has launched or been declined, whatever the link says.
      const others = unlaunchedBlockers(
        facts.links.blockers.filter((other) => other.issueId !== blocker.issueId),
        config.statusMap,
      );
      const visible = await nameableIn(jira, facts, [{ issueId: blocker.issueId, key: blocker.issueKey }, ...others]);
      const text = dependentNotice(visible.has(blocker.issueId) ? { key: blocker.issueKey, summary: blocker.summary } : null, outcome, {
        named: others.filter((other) => visible.has(other.issueId)).map((other) => other.key),
        unseen: others.filter((other) => !visible.has(other.issueId)).length,
      });
      const posted = await jira.addComment(facts.issueId, mentionComment(facts.assigneeId, text));
      if (!posted.ok && posted.error.mayHaveApplied) {
        const since = await jira.appCommentTexts(facts.issueId, movedAt);
        if (since.ok && since.value.some((comment) => comment.includes(text))) {
          told++;
          continue;
        }
      }
      if (!posted.ok) throw new Error(posted.error.message);
      told++;
    } catch (error) {
      await releaseNotice(store, dependent.issueId, noticeKey);
      console.error(`${dependent.key} was not told that ${blocker.issueKey} ${outcome}`, error);
    }
  }
  return told;
};

/**
 * The request's links as one person may read them, for their panel: each linked request they may not browse is marked
 * `unseen`, so it is counted and never named or summarised. The app reads issues the person cannot, so this is asked
 * of Jira's permission check, as the app
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post).
 * No answer: every one is unseen.
 */
export const linksAsSeenBy = async (jira: JiraApi, accountId: string, links: RequestLinks): Promise<RequestLinks> => {
  const all = [...links.blockers, ...links.dependents];
  if (all.length === 0) return links;
  const browsable = await jira.browsableIssues(accountId, [...new Set(all.map((linked) => linked.issueId))]);
  const visible = browsable.ok ? browsable.value : new Set<string>();
  const mark = (linked: LinkedRequest): LinkedRequest => (visible.has(linked.issueId) ? linked : { ...linked, unseen: true });
  return { blockers: links.blockers.map(mark), dependents: links.dependents.map(mark) };
};
