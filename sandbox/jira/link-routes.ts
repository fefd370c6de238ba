import { callerHolds } from './people';
import { linkTypeJson, type StoredIssueLink } from './issue-links';
import type { IssueSite } from './issue-routes';
import type { IssueWrites } from './issue-writes';
import { type RestCaller, type RestResponse, type RouteCall, error } from './rest-shapes';
import { scalarText } from '../../src/contracts/scalar-text';

/** The issue link routes the sandbox answers, `{}` standing for a path parameter. */
export const LINK_ROUTES = [
  'GET issueLinkType',
  'GET issueLinkType/{}',
  'POST issueLink',
  'GET issueLink/{}',
  'DELETE issueLink/{}',
] as const;
export type LinkRoute = (typeof LINK_ROUTES)[number];

/** Jira's issue link routes: the link types, and links made and removed, each recorded in both issues' histories. */
export class LinkRoutes {
  constructor(
    private readonly site: IssueSite,
    private readonly writes: IssueWrites,
    private readonly changed: () => void,
  ) {}

  handle(route: LinkRoute, { segments, request, body }: RouteCall): RestResponse {
    const issueParam = segments[1] ?? '';
    switch (route) {
      case 'GET issueLinkType':
        return { status: 200, body: { issueLinkTypes: this.site.links.types.map(linkTypeJson) } };
      case 'GET issueLinkType/{}': {
        const type = this.site.links.typeOf({ id: issueParam });
        return type ? { status: 200, body: linkTypeJson(type) } : error(404, [`No issue link type with id '${issueParam}' found.`]);
      }
      case 'POST issueLink':
        return this.linkIssues(body, request.caller);
      case 'GET issueLink/{}': {
        const link = this.site.links.byId(issueParam);
        return link
          ? { status: 200, body: this.site.links.linkJson(link, this.site.view) }
          : error(404, [`No issue link with id '${issueParam}' exists.`]);
      }
      case 'DELETE issueLink/{}':
        return this.unlinkIssues(issueParam, request.caller);
    }
  }

  /**
   * `POST /issueLink`: both issues must exist (404 otherwise, as Jira answers when it cannot see one), the type must
   * exist (404), and a user needs Link issues on the outward issue's project (here: whoever may edit issues). A link
   * that exists already is answered 201 without a second one; the optional comment goes on the outward issue.
   */
  private linkIssues(body: Record<string, unknown>, caller: RestCaller): RestResponse {
    const ref = (value: unknown) => {
      const linked = (value ?? {}) as { id?: unknown; key?: unknown };
      return this.site.find(scalarText(linked.id ?? linked.key, ''));
    };
    const outward = ref(body['outwardIssue']);
    const inward = ref(body['inwardIssue']);
    const type = this.site.links.typeOf(body['type'] as { id?: unknown; name?: unknown } | undefined);
    if (outward === undefined || inward === undefined) return error(404, ['Issue does not exist or you do not have permission to see it.']);
    if (type === undefined) return error(404, ['No issue link type with name or id given was found.']);
    if (caller.kind === 'user' && !callerHolds(this.site.people, caller, 'LINK_ISSUES', outward))
      return error(404, ['You do not have the permission to link issues in this project.']);
    if (outward.id === inward.id) return error(400, ['You cannot link an issue to itself.']);
    const made = this.site.links.add(type, outward, inward, () => this.writes.nextId());
    if (made.created) this.recordLinkChange(made.link, 'to', caller);
    if (body['comment'] !== undefined) this.writes.addComment(outward, body['comment'] as Record<string, unknown>, caller);
    this.changed();
    return { status: 201 };
  }

  /**
   * As Jira does, a link made or removed is a change of both issues: a "Link" entry in each one's history (read from
   * its side, "This issue is blocked by MKT-3") and a new `updated`, so "updated >= -1h" finds them.
   */
  private recordLinkChange(link: StoredIssueLink, side: 'from' | 'to', caller: RestCaller): void {
    for (const [issue, other, words] of this.site.links.sidesOf(link)) {
      const said = `This issue ${words} ${other.key}`;
      this.writes.record(
        issue,
        [
          {
            field: 'Link',
            fieldtype: 'jira',
            fieldId: 'issuelinks',
            from: side === 'from' ? other.key : null,
            fromString: side === 'from' ? said : null,
            to: side === 'to' ? other.key : null,
            toString: side === 'to' ? said : null,
          },
        ],
        caller,
      );
    }
  }

  /** `DELETE /issueLink/{id}`: 204, or 404 when there is no such link or the caller may not link issues. */
  private unlinkIssues(linkId: string, caller: RestCaller): RestResponse {
    const link = this.site.links.byId(linkId);
    if (link === undefined) return error(404, [`No issue link with id '${linkId}' exists.`]);
    if (caller.kind === 'user' && !callerHolds(this.site.people, caller, 'LINK_ISSUES', this.site.find(link.outwardId)))
      return error(404, ['You do not have the permission to link issues in this project.']);
    this.site.links.remove(linkId);
    this.recordLinkChange(link, 'from', caller);
    this.changed();
    return { status: 204 };
  }
}
