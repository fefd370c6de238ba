import { issueFactsFrom } from '../contracts/jira-issue-facts';
import type { AppConfig } from '../domain/app-config';
import { dependentNotice, unlaunchedBlockers, type BlockerOutcome, type LinkedRequest, type RequestLinks } from '../domain/dependencies';
import type { IssueFacts } from '../domain/issue-facts';
import { projectOf } from '../domain/metrics/health-report';
import type { Stage } from '../domain/stages';
import { mentionComment } from './comments';
import type { JiraApi } from './jira-port';

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

/**
 * Tells each request the moved one blocks, in a comment mentioning its assignee, what happened and what still blocks
 * it, naming only the requests everyone who may read the comment may see. A comment already posted since the move (the event delivered again) is not posted twice. A dependent that
 * cannot be read or commented on is reported and skipped: the others are still told. Answers how many were told.
 */
export const tellDependents = async (
  jira: JiraApi,
  blocker: IssueFacts,
  outcome: BlockerOutcome,
  config: Pick<AppConfig, 'statusMap'>,
  since: Date,
): Promise<number> => {
  let told = 0;
  for (const dependent of blocker.links.dependents.slice(0, MAX_DEPENDENTS_TOLD)) {
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
      const earlier = await jira.appCommentTexts(facts.issueId, since);
      if (earlier.ok && earlier.value.some((posted) => posted.includes(text))) continue;
      const posted = await jira.addComment(facts.issueId, mentionComment(facts.assigneeId, text));
      if (!posted.ok) throw new Error(posted.error.message);
      told++;
    } catch (error) {
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
