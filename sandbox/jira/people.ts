import { canEditIssues, USERS, userById, type SandboxUser } from '../catalogue';
import type { RestCaller } from './rest-shapes';
import type { StoredIssue } from './site-state';

/**
 * The site's people and what each may do, as a Jira site's user directory and permission schemes say. Jira answers
 * an issue a person may not browse as if it did not exist (404), leaves it out of their searches, and checks the
 * project permission each write needs: Edit Issues, Transition Issues, Add Comments, Link Issues, Create Issues
 * (https://support.atlassian.com/jira-cloud-administration/docs/permissions-for-company-managed-projects/).
 */
export interface SitePeople {
  /** Everyone on the site, as the user search finds them. */
  readonly all: readonly SandboxUser[];
  byId(accountId: string): SandboxUser | undefined;
  /**
   * Whether `person` holds the Jira permission: on an issue (a target with its `id`), on a project (a target with only
   * its `projectId`), or on the site (a global permission, no target).
   */
  holds(person: SandboxUser, permission: JiraPermission, target?: PermissionTarget): boolean;
}

/** Where a permission is asked: an issue (`id` and its project) or a project alone. */
export type PermissionTarget = Pick<StoredIssue, 'projectId'> & Partial<Pick<StoredIssue, 'id'>>;

/** The permission keys the sandbox answers for (`POST /permissions/check` and its own checks); any other is never granted. */
const JIRA_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'EDIT_ISSUES',
  'DELETE_ISSUES',
  'TRANSITION_ISSUES',
  'CREATE_ISSUES',
  'ADD_COMMENTS',
  'LINK_ISSUES',
  'ADMINISTER_PROJECTS',
  'ADMINISTER',
] as const;
export type JiraPermission = (typeof JIRA_PERMISSIONS)[number];

export const isJiraPermission = (key: string): key is JiraPermission => (JIRA_PERMISSIONS as readonly string[]).includes(key);

/** Whether a user caller holds the permission (on the issue, when one is named). */
export const callerHolds = (
  people: SitePeople,
  caller: RestCaller & { kind: 'user' },
  permission: JiraPermission,
  target?: PermissionTarget,
): boolean => {
  const user = people.byId(caller.accountId);
  return user !== undefined && people.holds(user, permission, target);
};

/**
 * The demo site's people: everyone browses; everyone but the executive works on issues; only the admin administers
 * Jira and its projects.
 */
export const DEMO_PEOPLE: SitePeople = {
  all: USERS,
  byId: userById,
  holds: (person, permission) => {
    if (permission === 'BROWSE_PROJECTS') return true;
    if (permission === 'ADMINISTER' || permission === 'ADMINISTER_PROJECTS') return person.role === 'admin';
    return canEditIssues(person);
  },
};
