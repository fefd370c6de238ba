import type { IssueAccessCode } from '../contracts/resolvers';
import type { Failure, Result } from '../domain/result';
import { callerMay } from './issue-access';
import type { Person } from '../contracts/views/person';
import type { Caller, PanelDeps } from './panel-load';

/** People to pick (approvers, monitoring owner), for a caller who can see the issue. */
export const searchPeople = async (
  deps: PanelDeps,
  caller: Caller,
  query: string,
): Promise<Result<readonly Person[], Failure<IssueAccessCode>>> => {
  const permissions = await callerMay(deps.jira, caller, 'browse');
  return permissions.ok ? deps.jira.searchPeople(query) : permissions;
};
