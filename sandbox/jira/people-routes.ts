import { APP_ACCOUNT, SITE, userJson } from '../catalogue';
import { isJiraPermission, type PermissionTarget, type SitePeople } from './people';
import type { ConfigView } from './site-config';
import type { StoredIssue } from './site-state';
import { type RestResponse, type RouteCall, error } from './rest-shapes';

/** The people routes the sandbox answers: who is calling, the site's users, and what each may do. */
export const PEOPLE_ROUTES = [
  'GET myself',
  'GET user',
  'GET user/bulk',
  'GET user/search',
  'GET users/search',
  'POST permissions/check',
] as const;
export type PeopleRoute = (typeof PEOPLE_ROUTES)[number];

/** What the people routes read of the site (the sandbox's `JiraSite`): its people, projects and issues. */
interface PeopleSite {
  readonly people: SitePeople;
  readonly view: ConfigView;
  find(idOrKey: string): StoredIssue | undefined;
}

/** `POST /permissions/check`: the permissions asked that the person holds, globally and on each issue and project named. */
const checkPermissions = (site: PeopleSite, body: Record<string, unknown>, callerAccountId: string | null): RestResponse => {
  // As the app, `accountId` names whom to check; as a user, a request checks that user.
  const accountId = typeof body['accountId'] === 'string' ? body['accountId'] : callerAccountId;
  const user = accountId === null ? undefined : site.people.byId(accountId);
  const granted = (permission: string, target?: PermissionTarget): boolean =>
    user !== undefined && isJiraPermission(permission) && site.people.holds(user, permission, target);
  const asked = (body['projectPermissions'] ?? []) as { permissions: string[]; issues?: number[]; projects?: number[] }[];
  const projectPermissions = asked.flatMap((entry) =>
    entry.permissions.map((permission) => ({
      permission,
      issues: (entry.issues ?? []).filter((id) => {
        const issue = site.find(String(id));
        return issue !== undefined && granted(permission, issue);
      }),
      projects: (entry.projects ?? []).filter((id) => {
        const project = site.view.project(String(id));
        return project !== undefined && granted(permission, { projectId: project.id });
      }),
    })),
  );
  const globalPermissions = ((body['globalPermissions'] ?? []) as string[]).filter((permission) => granted(permission));
  return { status: 200, body: { globalPermissions, projectPermissions } };
};

/** Jira's answer to a people route. */
export const peopleAnswer = (site: PeopleSite, route: PeopleRoute, { url, body, user }: RouteCall): RestResponse => {
  switch (route) {
    case 'GET myself':
      return user === null ? error(401, ['The app has no user.']) : { status: 200, body: userJson(user) };
    case 'GET user': {
      const found = site.people.byId(url.searchParams.get('accountId') ?? '');
      return found
        ? { status: 200, body: userJson(found) }
        : error(404, [`The user with account ID '${url.searchParams.get('accountId')}' does not exist.`]);
    }
    case 'GET user/bulk': {
      const wanted = url.searchParams.getAll('accountId');
      const found = wanted.flatMap((id) => {
        const person = site.people.byId(id) ?? (id === APP_ACCOUNT.accountId ? APP_ACCOUNT : undefined);
        return person ? [userJson(person)] : [];
      });
      return {
        status: 200,
        body: {
          self: `${SITE.baseUrl}${url.pathname}${url.search}`,
          startAt: 0,
          maxResults: Number(url.searchParams.get('maxResults') ?? 10),
          total: found.length,
          isLast: true,
          values: found,
        },
      };
    }
    case 'GET user/search':
    case 'GET users/search': {
      const query = (url.searchParams.get('query') ?? '').toLowerCase();
      return {
        status: 200,
        body: site.people.all
          .filter((person) => `${person.displayName} ${person.emailAddress}`.toLowerCase().includes(query))
          .map(userJson),
      };
    }
    case 'POST permissions/check':
      return checkPermissions(site, body, user?.accountId ?? null);
  }
};
