import { issueFactsFrom } from '../contracts/jira-issue-facts';
import { stageOfStatus } from '../domain/app-config';
import { badgeStatusOf, type BadgeStatus } from '../domain/badge-status';
import { evaluateRecord } from '../domain/record-summary';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { loadIssueState } from './load-issue-state';
import type { AppStore } from './ports';
import type { JiraApi } from './jira-port';

interface BadgeStatusDeps {
  readonly jira: JiraApi;
  readonly store: AppStore;
  readonly now: Date;
}

/**
 * The gate badge's status for one issue, judged now from the record and the issue as the panel
 * judges them, so the collapsed badge and the open panel never disagree. When Forge names the
 * viewer, nothing is read for a viewer who cannot browse the issue.
 */
export const readBadgeStatus = async (
  deps: BadgeStatusDeps,
  issueId: string,
  viewerAccountId: string | null,
): Promise<Result<BadgeStatus, Failure>> => {
  if (viewerAccountId !== null) {
    const permissions = await deps.jira.issuePermissions(viewerAccountId, issueId);
    if (!permissions.ok) return permissions;
    if (!permissions.value.browse) return failure('PERMISSION.DENIED', 'you cannot see this issue');
  }
  const [issue, people, state] = await Promise.all([
    deps.jira.getIssue(issueId),
    deps.jira.peopleHistory(issueId),
    loadIssueState(deps.store, issueId),
  ]);
  if (!issue.ok) return issue;
  if (!people.ok) return people;
  if (!state.ok) return state;
  const facts = issueFactsFrom(issue.value, people.value);
  const { config } = state.value.stored;
  const { summary } = evaluateRecord(state.value.record, facts, config, deps.now, stageOfStatus(facts.status, config.statusMap));
  return ok(badgeStatusOf(summary));
};
