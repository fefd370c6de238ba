import { issueFactsFrom } from '../contracts/jira-issue-facts';
import type { AppConfig } from '../domain/app-config';
import { dependentNotice, unlaunchedBlockers, type BlockerOutcome } from '../domain/dependencies';
import type { IssueFacts } from '../domain/issue-facts';
import type { Stage } from '../domain/stages';
import { mentionComment } from './comments';
import type { JiraApi } from './jira-port';

/** Dependents told per event at most: a request rarely blocks more; the rest see the blocker's state on their panel. */
export const MAX_DEPENDENTS_TOLD = 20;

/** What a move into `to` means for the requests waiting on the one that moved; null when nothing to tell. */
export const blockerOutcomeOf = (from: Stage | null, to: Stage | null): BlockerOutcome | null => {
  if (to === 'declined' && from !== 'declined') return 'declined';
  // Entering Launch from before it; a return from Measure to Launch is no news.
  if (to === 'launch' && from !== 'launch' && from !== 'measure') return 'launched';
  return null;
};

/**
 * The issues, among `issueIds`, that the person told may browse. The comment is addressed to the dependent's assignee
 * and the app can read issues they cannot, so it names only what they may see (the permission check is Jira's, as the
 * app: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post).
 * Nobody assigned, or no answer: nothing is named.
 */
const visibleTo = async (jira: JiraApi, accountId: string | null, issueIds: readonly string[]): Promise<ReadonlySet<string>> => {
  if (accountId === null) return new Set();
  const browsable = await jira.browsableIssues(accountId, issueIds);
  return browsable.ok ? browsable.value : new Set();
};

/**
 * Tells each request the moved one blocks, in a comment mentioning its assignee, what happened and what still blocks
 * it, naming only the requests the assignee may see. A comment already posted since the move (the event delivered again) is not posted twice. A dependent that
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
      const visible = await visibleTo(jira, facts.assigneeId, [blocker.issueId, ...others.map((other) => other.issueId)]);
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
