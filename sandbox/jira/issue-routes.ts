import { SITE, type SandboxUser } from '../catalogue';
import type { IssueLinks } from './issue-links';
import type { JiraPermission, SitePeople } from './people';
import type { ConfigView } from './site-config';
import type { StoredIssue } from './site-state';
import type { IssueWrites } from './issue-writes';
import { type RestResponse, type RouteCall, BASE, error } from './rest-shapes';
import { issueJson, historyJson, commentJson, transitionsFrom, transitionJson } from './issue-json';

/** The issue routes the sandbox answers, `{}` standing for a path parameter: an issue, its transitions, comments and properties. */
export const ISSUE_ROUTES = [
  'POST issue',
  'GET issue/{}',
  'PUT issue/{}',
  'DELETE issue/{}',
  'GET issue/{}/transitions',
  'POST issue/{}/transitions',
  'GET issue/{}/changelog',
  'GET issue/{}/comment',
  'POST issue/{}/comment',
  'GET issue/{}/properties',
  'GET issue/{}/properties/{}',
  'PUT issue/{}/properties/{}',
  'DELETE issue/{}/properties/{}',
  'PUT issue/{}/assignee',
  'PUT app/field/{}/value',
] as const;
export type IssueRoute = (typeof ISSUE_ROUTES)[number];

/** What the issue and link routes read of the site (the sandbox's `JiraSite`): its configuration, people, links and issues. */
export interface IssueSite {
  readonly view: ConfigView;
  readonly people: SitePeople;
  readonly links: IssueLinks;
  find(idOrKey: string): StoredIssue | undefined;
}

/**
 * Jira's issue routes: reads answer an issue the caller may browse, writes check the project permission they need
 * (Edit Issues, Transition Issues, Add Comments) and go through the site's issue writes.
 */
export class IssueRoutes {
  constructor(
    private readonly site: IssueSite,
    private readonly writes: IssueWrites,
    private readonly changed: () => void,
  ) {}

  handle(route: IssueRoute, { segments, url, request, body, user }: RouteCall): RestResponse | Promise<RestResponse> {
    const issueParam = segments[1] ?? '';
    switch (route) {
      case 'POST issue':
        return this.writes.createIssue(body, request.caller);
      case 'GET issue/{}':
        return this.withIssue(issueParam, user, (issue) => {
          // `properties=` adds the named issue properties, as Jira's `properties` parameter does.
          const keys = (url.searchParams.get('properties') ?? '').split(',').filter((key) => key in issue.properties);
          const properties = keys.length === 0 ? {} : { properties: Object.fromEntries(keys.map((key) => [key, issue.properties[key]])) };
          return {
            status: 200,
            body: {
              ...issueJson(
                issue,
                this.site.view,
                this.site.people,
                url.searchParams.get('fields'),
                url.searchParams.get('expand'),
                this.site.links.fieldOf(issue, this.site.view),
              ),
              ...properties,
            },
          };
        });
      case 'PUT issue/{}':
        return this.withIssue(issueParam, user, (issue) => this.writes.editIssue(issue, body, request.caller), 'EDIT_ISSUES');
      case 'DELETE issue/{}':
        // Browse projects and Delete issues (DELETE /rest/api/3/issue/{issueIdOrKey}). The sandbox makes no subtasks, so
        // the 400 Jira answers for an issue with subtasks and no `deleteSubtasks=true` never applies.
        return this.withIssue(issueParam, user, (issue) => this.writes.deleteIssue(issue, request.caller), 'DELETE_ISSUES');
      case 'GET issue/{}/transitions':
        return this.withIssue(issueParam, user, (issue) => ({
          status: 200,
          body: {
            expand: 'transitions',
            transitions: transitionsFrom(issue, this.site.view).map((t) => transitionJson(t, this.site.view)),
          },
        }));
      case 'POST issue/{}/transitions':
        return this.withIssue(issueParam, user, (issue) => this.writes.transition(issue, body, request.caller), 'TRANSITION_ISSUES');
      case 'GET issue/{}/changelog':
        return this.withIssue(issueParam, user, (issue) => ({
          status: 200,
          body: {
            startAt: 0,
            maxResults: 100,
            total: issue.histories.length,
            isLast: true,
            values: issue.histories.map((history) => historyJson(history, this.site.people)),
          },
        }));
      case 'GET issue/{}/comment':
        return this.withIssue(issueParam, user, (issue) => ({
          status: 200,
          body: {
            startAt: 0,
            maxResults: 100,
            total: issue.comments.length,
            comments: issue.comments.map((comment) => commentJson(issue, comment, this.site.people)),
          },
        }));
      case 'POST issue/{}/comment':
        return this.withIssue(issueParam, user, (issue) => this.writes.addComment(issue, body, request.caller), 'ADD_COMMENTS');
      case 'GET issue/{}/properties':
        return this.withIssue(issueParam, user, (issue) => ({
          status: 200,
          body: {
            keys: Object.keys(issue.properties).map((key) => ({ key, self: `${SITE.baseUrl}${BASE}/issue/${issue.id}/properties/${key}` })),
          },
        }));
      case 'GET issue/{}/properties/{}':
        return this.withIssue(issueParam, user, (issue) => {
          const key = segments[3] ?? '';
          return key in issue.properties
            ? { status: 200, body: { key, value: issue.properties[key] } }
            : error(404, [`The property with key '${key}' does not exist.`]);
        });
      case 'PUT issue/{}/properties/{}':
        return this.withIssue(
          issueParam,
          user,
          (issue) => {
            const key = segments[3] ?? '';
            const existed = key in issue.properties;
            issue.properties[key] = request.body;
            this.changed();
            return { status: existed ? 200 : 201 };
          },
          'EDIT_ISSUES',
        );
      case 'DELETE issue/{}/properties/{}':
        return this.withIssue(
          issueParam,
          user,
          (issue) => {
            delete issue.properties[segments[3] ?? ''];
            this.changed();
            return { status: 204 };
          },
          'EDIT_ISSUES',
        );
      case 'PUT issue/{}/assignee':
        return this.withIssue(
          issueParam,
          user,
          (issue) =>
            this.writes.editIssue(
              issue,
              { fields: { assignee: body['accountId'] === null ? null : { accountId: body['accountId'] } } },
              request.caller,
            ),
          'EDIT_ISSUES',
        );
      case 'PUT app/field/{}/value':
        return this.writes.setAppFieldValue(segments[2] ?? '', body, request.caller);
    }
  }

  private withIssue(
    idOrKey: string,
    user: SandboxUser | null,
    run: (issue: StoredIssue) => RestResponse | Promise<RestResponse>,
    need: JiraPermission = 'BROWSE_PROJECTS',
  ): RestResponse | Promise<RestResponse> {
    const issue = this.site.find(idOrKey);
    // An issue the user may not browse is answered as one that does not exist, as Jira answers it.
    if (issue === undefined || (user !== null && !this.site.people.holds(user, 'BROWSE_PROJECTS', issue)))
      return error(404, ['Issue does not exist or you do not have permission to see it.']);
    if (user !== null && !this.site.people.holds(user, need, issue)) {
      return error(403, ['You do not have permission to edit issues in this project.']);
    }
    return run(issue);
  }
}
