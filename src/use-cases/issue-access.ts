import type { IssueAccessCode } from '../contracts/resolvers';
import { failure, type Failure, type Result } from '../domain/result';
import { deletedInJira, type IssuePermissions, type JiraApi } from './jira-port';

/** The answer to a panel still open on a request Jira deleted since it opened: said so, not as a permission or a stale save. */
export const deletedByJira = (need: keyof IssuePermissions) =>
  failure(
    'ISSUE.DELETED',
    need === 'edit'
      ? 'Jira deleted this request, so nothing was saved: there is nothing left here to change'
      : 'Jira deleted this request: there is nothing left here to show',
  );

/**
 * What the caller may do on the panel's issue, once they may `need` it (see it, or edit it). Jira's permission check
 * ignores an issue it does not know ("Invalid project and issue IDs are ignored": POST /rest/api/3/permissions/check),
 * so a request deleted since the panel opened reads as one the caller may not see: the app's own read of the issue
 * tells the two apart. The issue is the one Forge rendered the panel on, so this says nothing of an issue the caller
 * never had in front of them.
 */
export const callerMay = async (
  jira: Pick<JiraApi, 'issuePermissions' | 'getIssue'>,
  caller: { readonly accountId: string; readonly issueId: string },
  need: keyof IssuePermissions,
): Promise<Result<IssuePermissions, Failure<IssueAccessCode>>> => {
  const permissions = await jira.issuePermissions(caller.accountId, caller.issueId);
  if (!permissions.ok || permissions.value[need]) return permissions;
  if (await deletedInJira(jira, caller.issueId)) return deletedByJira(need);
  return failure('PERMISSION.DENIED', need === 'edit' ? 'you do not have permission to edit this issue' : 'you cannot see this issue');
};
