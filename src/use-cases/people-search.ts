import { peopleQuerySchema } from '../contracts/resolver-contract';
import { describeZodError, describeZodErrorForPerson } from '../contracts/zod-errors';
import { failure, type Failure, type Result } from '../domain/result';
import type { Person } from '../contracts/views/person';
import { requireJiraAdmin, type AdminDeps } from './admin-config';
import type { Caller, PanelDeps } from './panel-load';

/** People to pick (approvers, monitoring owner), for a caller who can see the issue. */
export const searchPeople = async (deps: PanelDeps, caller: Caller, payload: unknown): Promise<Result<readonly Person[], Failure>> => {
  const parsed = peopleQuerySchema.safeParse(payload ?? {});
  if (!parsed.success) return failure('PAYLOAD.INVALID', describeZodErrorForPerson(parsed.error));
  const permissions = await deps.jira.issuePermissions(caller.accountId, caller.issueId);
  if (!permissions.ok) return permissions;
  if (!permissions.value.browse) return failure('PERMISSION.DENIED', 'you cannot see this issue');
  return deps.jira.searchPeople(parsed.data.query);
};

/** People to pick for the governance roles, by name; for Jira admins only. */
export const searchPeopleAsAdmin = async (
  deps: AdminDeps,
  accountId: string,
  payload: unknown,
): Promise<Result<readonly Person[], Failure>> => {
  const parsed = peopleQuerySchema.safeParse(payload ?? {});
  if (!parsed.success) return failure('PAYLOAD.INVALID', `people/search: ${describeZodError(parsed.error)}`);
  const admin = await requireJiraAdmin(deps, accountId);
  if (!admin.ok) return admin;
  return deps.jira.searchPeople(parsed.data.query);
};
