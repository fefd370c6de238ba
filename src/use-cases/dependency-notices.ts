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
 * Tells each request the moved one blocks, in a comment mentioning its assignee, what happened and what still blocks
 * it. A comment already posted since the move (the event delivered again) is not posted twice. A dependent that
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
      const others = facts.links.blockers.filter((other) => other.issueId !== blocker.issueId);
      const text = dependentNotice(
        { key: blocker.issueKey, summary: blocker.summary },
        outcome,
        unlaunchedBlockers(others, config.statusMap).map((other) => other.key),
      );
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
