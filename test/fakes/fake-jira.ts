import { APP_FIELDS, type AppFieldName } from '../../src/domain/app-fields';
import type { JiraHttpResponse, JiraRequestInit, JiraTransport } from '../../src/adapters/jira-client';

/** The site-specific ids the fake Jira gives the app's fields. */
export const FIELD_IDS: Readonly<Record<AppFieldName, string>> = {
  impact: 'customfield_10101',
  confidence: 'customfield_10102',
  effort: 'customfield_10103',
  risk: 'customfield_10104',
  triageScore: 'customfield_10105',
  tier: 'customfield_10106',
  successMetric: 'customfield_10107',
};

const FORGE_FIELD_TYPE = (moduleKey: string): string =>
  `ari:cloud:ecosystem::extension/11111111-2222-3333-4444-555555555555/66666666-7777-8888-9999-000000000000/static/${moduleKey}`;

/** The field schema Jira gives the app's fields: `custom` ends with the module key. */
const appFieldSchema = () =>
  Object.fromEntries(
    (Object.keys(FIELD_IDS) as AppFieldName[]).map((name) => [
      FIELD_IDS[name],
      { type: 'any', custom: FORGE_FIELD_TYPE(APP_FIELDS[name]) },
    ]),
  );

/** Every field name any issue has: what `*navigable` stands for here. */
const fieldNamesOf = (issues: readonly FakeIssue[]): Record<string, true> =>
  Object.fromEntries(issues.flatMap((issue) => Object.keys(issue.fields)).map((name) => [name, true as const]));

export interface FakeIssue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  properties: Record<string, unknown>;
  /** Changelog entries as bulkfetch returns them. */
  histories: unknown[];
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

const respond = (status: number, body?: unknown, headers: Record<string, string> = {}): JiraHttpResponse => ({
  status,
  headers: { get: (name) => headers[name] ?? headers[name.toLowerCase()] ?? null },
  text: async () => (body === undefined ? '' : JSON.stringify(body)),
});

/** The transitions out of Triage, as Set up project names them. */
const FAKE_TRIAGE_TRANSITIONS = [
  { id: '21', name: 'Accept', to: { name: 'Planning' } },
  { id: '22', name: 'Wait', to: { name: 'Waiting' } },
  { id: '24', name: 'Decline', to: { name: 'Declined' } },
];

/**
 * A small in-memory Jira answering the app's routes in Jira's own shapes, recording every request
 * (the contract test validates the recordings against Atlassian's OpenAPI spec).
 */
export class FakeJira {
  readonly issues = new Map<string, FakeIssue>();
  readonly requests: RecordedRequest[] = [];
  /** accountId → issue ids the account may browse / edit. */
  readonly browse = new Map<string, Set<string>>();
  /** The page sizes this Jira allows, at most (real Jira may cap below what is asked). */
  searchPageCap = 5_000;
  changelogPageCap = 10_000;
  /** JQL the fake has been asked; it answers every query with all its issues, in id order. */
  readonly queries: string[] = [];
  readonly edit = new Map<string, Set<string>>();
  /** Project key → id, and accountId → ids of the projects the account may browse. */
  readonly projects = new Map<string, string>([['MKT', '10000']]);
  readonly browseProjects = new Map<string, Set<string>>();
  /** Accounts holding the global Administer permission. */
  readonly admins = new Set<string>();
  /** Comments posted, by issue id; set `commentStatus` to make posting fail with that status. */
  readonly comments = new Map<string, unknown[]>();
  /** Issue links as made: `outward` blocks (or relates to) `inward`, by issue key. */
  readonly links: { id: string; type: string; outward: string; inward: string }[] = [];
  commentStatus = 201;
  /** Set to make every search/jql fail with that status. */
  searchStatus = 200;
  /** Set to make every issue property write fail with that status. */
  propertyStatus = 200;
  /** When set, the next comment is posted and then its answer is lost, as a timeout loses it. */
  loseNextCommentAnswer = false;
  /** Set to make every issue link fail with that status. */
  linkStatus = 201;
  /** When set, every create is refused with this message, as a workflow's Create validator refuses. */
  createRefusal: string | null = null;
  /** The time every comment is posted at, in Jira's format. */
  commentCreated = '2026-06-10T12:00:00.000+0000';

  addIssue(issue: { id: string; key: string; fields?: Record<string, unknown> }): FakeIssue {
    const stored: FakeIssue = {
      id: issue.id,
      key: issue.key,
      fields: {
        issuetype: { id: '10050', name: 'Marketing Request' },
        status: { name: 'Intake' },
        created: '2026-06-01T09:00:00.000+0000',
        duedate: null,
        assignee: null,
        description: null,
        ...issue.fields,
      },
      properties: {},
      histories: [],
    };
    this.issues.set(issue.id, stored);
    return stored;
  }

  grant(accountId: string, issueId: string, permission: 'browse' | 'edit'): void {
    const map = permission === 'browse' ? this.browse : this.edit;
    map.set(accountId, new Set([...(map.get(accountId) ?? []), issueId]));
  }

  setAppField(issueId: string, name: AppFieldName, value: unknown): void {
    const issue = this.issues.get(issueId);
    if (issue) issue.fields[FIELD_IDS[name]] = value;
  }

  private sorted: FakeIssue[] = [];

  /** The issues in id order, sorted again only when issues were added (a 100,000-issue search stays linear). */
  private issuesById(): FakeIssue[] {
    if (this.sorted.length !== this.issues.size) this.sorted = [...this.issues.values()].sort((a, b) => Number(a.id) - Number(b.id));
    return this.sorted;
  }

  private find(idOrKey: string): FakeIssue | undefined {
    return this.issues.get(idOrKey) ?? [...this.issues.values()].find((issue) => issue.key === idOrKey);
  }

  readonly transport: JiraTransport = async (path: string, init: JiraRequestInit) => {
    const body = init.body === undefined ? undefined : (JSON.parse(init.body) as unknown);
    this.requests.push({ method: init.method, path, body });
    const url = new URL(path, 'https://example.atlassian.net');
    const segments = url.pathname.split('/').map(decodeURIComponent);

    if (init.method === 'POST' && url.pathname === '/rest/api/3/issue') {
      if (this.createRefusal !== null) return respond(400, { errorMessages: [this.createRefusal], errors: {} });
      const { fields } = body as { fields: Record<string, unknown> };
      const id = String(Math.max(10_000, ...[...this.issues.keys()].map(Number)) + 1);
      const key = `MKT-${this.issues.size + 1}`;
      const { project: _project, issuetype: _type, ...rest } = fields;
      this.addIssue({ id, key, fields: rest });
      return respond(201, { id, key, self: `https://example.atlassian.net/rest/api/3/issue/${id}` });
    }
    if (init.method === 'GET' && segments[4] === 'issue' && segments.length === 6) {
      const issue = this.find(segments[5] ?? '');
      if (!issue) return respond(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      const properties = (url.searchParams.get('properties') ?? '').split(',').filter((key) => key in issue.properties);
      return respond(200, {
        id: issue.id,
        key: issue.key,
        fields: issue.fields,
        schema: appFieldSchema(),
        ...(properties.length > 0 ? { properties: Object.fromEntries(properties.map((key) => [key, issue.properties[key]])) } : {}),
      });
    }
    if (init.method === 'GET' && url.pathname === '/rest/api/3/user/search') {
      const query = url.searchParams.get('query') ?? '';
      return respond(200, [
        { accountId: `acc-${query}`, displayName: `Person ${query}`, accountType: 'atlassian', active: true },
        { accountId: `app-${query}`, displayName: `App ${query}`, accountType: 'app', active: true },
      ]);
    }
    if (init.method === 'GET' && url.pathname === '/rest/api/3/user/bulk') {
      const values = url.searchParams
        .getAll('accountId')
        .map((accountId) => ({ accountId, displayName: `Name of ${accountId}`, active: true }));
      return respond(200, { startAt: 0, maxResults: 50, total: values.length, isLast: true, values });
    }
    if (init.method === 'GET' && segments[4] === 'project' && segments.length === 6) {
      const id = this.projects.get(segments[5] ?? '');
      if (id === undefined) return respond(404, { errorMessages: [`No project could be found with key '${segments[5]}'.`], errors: {} });
      return respond(200, { id, key: segments[5], name: segments[5] });
    }
    if (init.method === 'POST' && url.pathname === '/rest/api/3/permissions/check') {
      const request = body as {
        accountId: string;
        globalPermissions?: string[];
        projectPermissions?: { permissions: string[]; issues?: number[]; projects?: number[] }[];
      };
      const globalPermissions = (request.globalPermissions ?? []).filter(
        (permission) => permission === 'ADMINISTER' && this.admins.has(request.accountId),
      );
      const grants = (request.projectPermissions ?? []).flatMap((asked) =>
        asked.permissions.map((permission) => {
          const allowed = (permission === 'EDIT_ISSUES' ? this.edit : this.browse).get(request.accountId) ?? new Set();
          const projects = permission === 'BROWSE_PROJECTS' ? (this.browseProjects.get(request.accountId) ?? new Set()) : new Set();
          return {
            permission,
            issues: (asked.issues ?? []).filter((id) => allowed.has(String(id))),
            projects: (asked.projects ?? []).filter((id) => projects.has(String(id))),
          };
        }),
      );
      return respond(200, { globalPermissions, projectPermissions: grants });
    }
    if (init.method === 'POST' && url.pathname === '/rest/api/3/search/jql') {
      const request = body as {
        jql: string;
        maxResults?: number;
        nextPageToken?: string;
        fields?: string[];
        properties?: string[];
        expand?: string;
      };
      this.queries.push(request.jql);
      if (this.searchStatus !== 200) return respond(this.searchStatus, { errorMessages: ['The search failed.'] });
      const all = this.issuesById();
      const start = Number(request.nextPageToken ?? 0);
      const size = Math.min(request.maxResults ?? 50, this.searchPageCap);
      const wanted = (request.fields ?? []).includes('*navigable') ? Object.keys(fieldNamesOf(all)) : (request.fields ?? []);
      const page = all.slice(start, start + size).map((issue) => ({
        id: issue.id,
        key: issue.key,
        fields: Object.fromEntries(wanted.map((field) => [field, issue.fields[field] ?? null])),
        ...(request.properties
          ? {
              properties: Object.fromEntries(
                request.properties.filter((key) => key in issue.properties).map((key) => [key, issue.properties[key]]),
              ),
            }
          : {}),
      }));
      const more = start + size < all.length;
      return respond(200, {
        issues: page,
        isLast: !more,
        ...(more ? { nextPageToken: String(start + size) } : {}),
        ...(request.expand?.includes('schema') ? { schema: appFieldSchema() } : {}),
      });
    }
    if (init.method === 'POST' && url.pathname === '/rest/api/3/changelog/bulkfetch') {
      const request = body as { issueIdsOrKeys: string[]; maxResults?: number; nextPageToken?: string };
      const entries = request.issueIdsOrKeys.flatMap((id) =>
        (this.find(id)?.histories ?? []).map((history) => ({ issueId: this.find(id)!.id, history })),
      );
      const start = Number(request.nextPageToken ?? 0);
      const size = Math.min(request.maxResults ?? 1_000, this.changelogPageCap);
      const byIssue = new Map<string, unknown[]>();
      for (const { issueId, history } of entries.slice(start, start + size))
        byIssue.set(issueId, [...(byIssue.get(issueId) ?? []), history]);
      const more = start + size < entries.length;
      return respond(200, {
        issueChangeLogs: [...byIssue].map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
        ...(more ? { nextPageToken: String(start + size) } : {}),
      });
    }
    if (init.method === 'PUT' && segments[4] === 'app' && segments[7] === 'value') {
      const update = body as { updates: { issueIds: number[]; value: unknown }[] };
      for (const { issueIds, value } of update.updates) {
        for (const id of issueIds) {
          const issue = this.issues.get(String(id));
          if (issue) issue.fields[segments[6] ?? ''] = value;
        }
      }
      return respond(204);
    }
    if (init.method === 'POST' && segments[4] === 'issue' && segments[6] === 'comment' && segments.length === 7) {
      const issue = this.find(segments[5] ?? '');
      if (!issue) return respond(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      if (this.commentStatus !== 201)
        return respond(this.commentStatus, { errorMessages: ['comments are failing in this test'], errors: {} });
      const posted = [...(this.comments.get(issue.id) ?? []), (body as { body: unknown }).body];
      this.comments.set(issue.id, posted);
      if (this.loseNextCommentAnswer) {
        this.loseNextCommentAnswer = false;
        throw new Error('the connection closed before Jira answered');
      }
      return respond(201, { id: String(posted.length), body: (body as { body: unknown }).body });
    }
    if (segments[4] === 'issue' && segments[6] === 'transitions' && segments.length === 7) {
      const issue = this.find(segments[5] ?? '');
      if (!issue) return respond(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      // Out of Triage only, as the Flight Plan workflow has them; the fake runs no validators.
      const offered = (issue.fields['status'] as { name?: string } | undefined)?.name === 'Triage' ? FAKE_TRIAGE_TRANSITIONS : [];
      if (init.method === 'GET') return respond(200, { transitions: offered });
      const wanted = offered.find((transition) => transition.id === (body as { transition?: { id?: string } }).transition?.id);
      if (wanted === undefined) return respond(400, { errorMessages: ['Transition id is not valid.'], errors: {} });
      issue.fields['status'] = { name: wanted.to.name };
      return respond(204, null);
    }
    if (init.method === 'GET' && segments[4] === 'issue' && segments[6] === 'comment' && segments.length === 7) {
      const issue = this.find(segments[5] ?? '');
      if (!issue) return respond(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      const comments = (this.comments.get(issue.id) ?? []).map((commentBody, index) => ({
        id: String(index + 1),
        author: { accountId: 'app-flight-plan', accountType: 'app', displayName: 'Flight Plan', active: true },
        body: commentBody,
        created: this.commentCreated,
        updated: this.commentCreated,
      }));
      return respond(200, { startAt: 0, maxResults: 50, total: comments.length, comments: comments.reverse() });
    }
    if (init.method === 'PUT' && segments[4] === 'issue' && segments[6] === 'assignee') {
      const issue = this.find(segments[5] ?? '');
      if (!issue) return respond(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      issue.fields['assignee'] = { accountId: (body as { accountId: string }).accountId };
      return respond(204);
    }
    if (init.method === 'PUT' && segments[4] === 'issue' && segments[6] === 'properties') {
      if (this.propertyStatus !== 200) return respond(this.propertyStatus, { errorMessages: ['The property could not be set.'] });
      const issue = this.find(segments[5] ?? '');
      if (!issue) return respond(404, { errorMessages: ['Issue does not exist'], errors: {} });
      issue.properties[segments[7] ?? ''] = body;
      return respond(200);
    }
    if (init.method === 'DELETE' && segments[4] === 'issue' && segments[6] === 'properties') {
      if (this.propertyStatus !== 200) return respond(this.propertyStatus, { errorMessages: ['The property could not be deleted.'] });
      const issue = this.find(segments[5] ?? '');
      if (!issue) return respond(404, { errorMessages: ['Issue does not exist'], errors: {} });
      delete issue.properties[segments[7] ?? ''];
      return respond(204);
    }
    if (init.method === 'POST' && url.pathname === '/rest/api/3/issueLink') {
      if (this.linkStatus !== 201) return respond(this.linkStatus, { errorMessages: ['links are failing in this test'], errors: {} });
      const request = body as { type: { name: string }; outwardIssue: { key: string }; inwardIssue: { key: string } };
      const outward = this.find(request.outwardIssue.key);
      const inward = this.find(request.inwardIssue.key);
      if (!outward || !inward)
        return respond(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      this.links.push({ id: String(20_000 + this.links.length), type: request.type.name, outward: outward.key, inward: inward.key });
      return respond(201);
    }
    if (init.method === 'DELETE' && segments[4] === 'issueLink' && segments.length === 6) {
      const index = this.links.findIndex((link) => link.id === segments[5]);
      if (index < 0) return respond(404, { errorMessages: ['No issue link with that id exists.'], errors: {} });
      this.links.splice(index, 1);
      return respond(204);
    }
    return respond(404, { errorMessages: [`The fake Jira does not know ${init.method} ${url.pathname}`], errors: {} });
  };
}
