import type { JiraErrorCode } from '../contracts/jira-schemas';
import { failure, type Failure, type Result } from '../domain/result';
import type { Person } from '../contracts/views/person';
import type { Caller, PanelDeps } from './panel-load';

/** People to pick (approvers, monitoring owner), for a caller who can see the issue. */
export const searchPeople = async (
  deps: PanelDeps,
  caller: Caller,
  query: string,
): Promise<Result<readonly Person[], Failure<JiraErrorCode | 'PERMISSION.DENIED'>>> => {
  const permissions = await deps.jira.issuePermissions(caller.accountId, caller.issueId);
  if (!permissions.ok) return permissions;
  if (!permissions.value.browse) return failure('PERMISSION.DENIED', 'you cannot see this issue');
  return deps.jira.searchPeople(query);
};
