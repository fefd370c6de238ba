import { APP_FIELDS } from '../../src/domain/app-fields';
import { APP_ACCOUNT, APP_FIELD_LIST, FIELDS, SITE, userJson, type SandboxUser } from '../catalogue';
import { DEMO_PEOPLE, isJiraPermission, type JiraPermission, type PermissionTarget, type SitePeople } from './people';
import { CONFIG_ROUTES, ConfigRoutes, type ForgeRule } from './config-routes';
import { issueValue } from './expression-context';
import { analyseExpressions, type AnalyseCheck } from './jira-expression';
import { JiraDidNotAnswer, SiteFaults } from './faults';
import { IssueLinks, linkTypeJson, type StoredIssueLink } from './issue-links';
import { JqlError } from './jql';
import { ConfigView, createFormOf, statusJson } from './site-config';
import type { ChangeItem, SiteStore, StoredIssue } from './site-state';
import { present } from '../../src/domain/present';
import { scalarText } from '../../src/contracts/scalar-text';
import { type RestCaller, type RestRequest, type RestResponse, type IssueEvent, type SiteHooks, BASE, error } from './rest-shapes';
import { jiraInstant, adfParagraph, fieldsOf, issueJson, historyJson, commentJson, transitionsFrom, transitionJson } from './issue-json';
import { readFields, applyFields } from './issue-fields';
import { queryIssues, searchAnswer, bulkFetchAnswer, parseJqlAnswer } from './issue-search';

/** The routes the sandbox answers, `{}` standing for a path parameter. */
const ROUTES: readonly string[] = [
  'DELETE issue/{}/properties/{}',
  'DELETE issueLink/{}',
  'GET field',
  'GET issue/{}',
  'GET issue/{}/changelog',
  'GET issue/{}/comment',
  'GET issue/{}/properties',
  'GET issue/{}/properties/{}',
  'GET issue/{}/transitions',
  'GET issueLink/{}',
  'GET issueLinkType',
  'GET issueLinkType/{}',
  'GET issuetype',
  'GET myself',
  'GET project/{}',
  'GET project/search',
  'GET status',
  'GET user',
  'GET user/bulk',
  'GET user/search',
  'GET users/search',
  'POST changelog/bulkfetch',
  'POST expression/analyse',
  'POST issue',
  'POST issue/{}/comment',
  'POST issue/{}/transitions',
  'POST issueLink',
  'POST jql/parse',
  'POST permissions/check',
  'POST search/jql',
  'PUT app/field/{}/value',
  'PUT issue/{}',
  'PUT issue/{}/assignee',
  'PUT issue/{}/properties/{}',
  ...CONFIG_ROUTES,
];

const placeholders = (route: string): number => route.split('{}').length - 1;

/** The route a request matches: literal segments equal, `{}` matching any one segment; `project/search` before `project/{}`. */
const routeOf = (method: string, segments: readonly string[]): string | null =>
  ROUTES.filter((route) => {
    const [routeMethod, path = ''] = route.split(' ');
    const parts = path.split('/');
    return (
      routeMethod === method && parts.length === segments.length && parts.every((part, index) => part === '{}' || part === segments[index])
    );
  }).sort((a, b) => placeholders(a) - placeholders(b))[0] ?? null;
/** The module key of one of the app's Forge rules, from its extension id; null for anything else. */
const appModuleOf = (
  rule: { ruleKey: string; parameters: Readonly<Record<string, unknown>> },
  rules: readonly ForgeRule[],
): string | null => {
  const key = scalarText(rule.parameters['key'], '');
  return rules.some((offered) => offered.id === key) ? (/\/static\/([^/]+)$/.exec(key)?.[1] ?? null) : null;
};

/**
 * The sandbox's Jira Cloud REST v3, in Jira's own request and response shapes, for the routes the
 * app calls and those a client needs to drive it. Transitions run their validators; changes fire
 * the product events the app's trigger subscribes to (never for the app's own changes: `ignoreSelf`).
 */
export class JiraSite {
  private readonly configRoutes: ConfigRoutes;
  /** Lookups over the site's configuration; the routes change that same object, so it is always current. */
  readonly view: ConfigView;
  /** Failures tests ask for: an applied request whose answer is lost, a scheme switch task that fails or runs long. */
  readonly faults = new SiteFaults();
  /** Links between the site's issues and their types. */
  readonly links: IssueLinks;
  /** The site's people and their permissions: the demo's, unless a test names its own. */
  readonly people: SitePeople;

  constructor(
    private readonly store: SiteStore,
    private readonly hooks: SiteHooks,
  ) {
    const config = store.data.config;
    this.people = hooks.people ?? DEMO_PEOPLE;
    this.view = new ConfigView(config);
    this.links = new IssueLinks(store.data, (idOrKey) => this.find(idOrKey));
    this.configRoutes = new ConfigRoutes(
      config,
      () => String(config.nextId++),
      hooks.forgeRules,
      () => store.changed(),
      (projectId) => store.data.issues.filter((issue) => issue.projectId === projectId),
      this.faults,
    );
  }

  /** Time passes (for tests): Jira finishes the background tasks it is running. */
  finishRunningTasks(): void {
    this.configRoutes.finishRunningTasks();
  }

  get issues(): readonly StoredIssue[] {
    return this.store.data.issues;
  }

  /**
   * The site's issues by id and by key, brought up to date as issues are added (they are only ever appended), so a
   * lookup is not a scan: the changelog bulk fetch looks up each of up to 1,000 issues, and the bench's sites hold 100,000.
   */
  private indexed: { issues: readonly StoredIssue[]; count: number; byRef: Map<string, StoredIssue> } | null = null;

  find(idOrKey: string): StoredIssue | undefined {
    const wanted = idOrKey.toUpperCase();
    const issues = this.store.data.issues;
    if (this.indexed?.issues !== issues || this.indexed.count > issues.length) this.indexed = { issues, count: 0, byRef: new Map() };
    const index = this.indexed;
    for (const issue of issues.slice(index.count)) {
      index.byRef.set(issue.id, issue);
      index.byRef.set(issue.key, issue);
    }
    index.count = issues.length;
    const hit = index.byRef.get(idOrKey) ?? index.byRef.get(wanted);
    if (hit !== undefined && (hit.id === idOrKey || hit.key === wanted)) return hit;
    // Not indexed under that reference (none such, or a key that changed since): a scan answers, as it always did.
    return issues.find((issue) => issue.id === idOrKey || issue.key === wanted);
  }

  async handle(request: RestRequest): Promise<RestResponse> {
    const url = new URL(request.path, SITE.baseUrl);
    if (!url.pathname.startsWith(`${BASE}/`)) return error(404, [`No Jira REST route at ${url.pathname}`]);
    const segments = url.pathname
      .slice(BASE.length + 1)
      .split('/')
      .map(decodeURIComponent);
    const route = routeOf(request.method, segments);
    const user = request.caller.kind === 'user' ? this.people.byId(request.caller.accountId) : undefined;
    if (request.caller.kind === 'user' && user === undefined) return error(401, ['Client must be authenticated to access this resource.']);
    const problem = this.hooks.requestProblem?.(request.method, url.pathname, request.body) ?? null;
    if (problem !== null) return error(400, [`Jira would refuse this request: ${problem}`]);
    let answer: RestResponse;
    try {
      answer = await this.route(route, segments, url, request, user ?? null);
    } catch (thrown) {
      if (thrown instanceof JqlError) return error(400, [thrown.message]);
      throw thrown;
    }
    if (this.faults.loseAnswer(request.method, url.pathname)) throw new JiraDidNotAnswer(`${request.method} ${url.pathname}`);
    return answer;
  }

  private async route(
    route: string | null,
    segments: string[],
    url: URL,
    request: RestRequest,
    user: SandboxUser | null,
  ): Promise<RestResponse> {
    const accountId = user?.accountId ?? null;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const issueParam = segments[1] ?? '';
    // Routes whose second segment is an issue id or key.
    switch (route) {
      case 'GET myself':
        return user === null ? error(401, ['The app has no user.']) : { status: 200, body: userJson(user) };
      case 'GET user': {
        const found = this.people.byId(url.searchParams.get('accountId') ?? '');
        return found
          ? { status: 200, body: userJson(found) }
          : error(404, [`The user with account ID '${url.searchParams.get('accountId')}' does not exist.`]);
      }
      case 'GET user/bulk': {
        const wanted = url.searchParams.getAll('accountId');
        const found = wanted.flatMap((id) => {
          const person = this.people.byId(id) ?? (id === APP_ACCOUNT.accountId ? APP_ACCOUNT : undefined);
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
          body: this.people.all
            .filter((person) => `${person.displayName} ${person.emailAddress}`.toLowerCase().includes(query))
            .map(userJson),
        };
      }
      case 'GET field':
        return {
          status: 200,
          body: FIELDS.map((field) => ({
            ...field,
            navigable: true,
            searchable: true,
            orderable: true,
            clauseNames: [field.custom ? `cf[${field.id.replace('customfield_', '')}]` : field.id],
          })),
        };
      case 'GET status':
        return { status: 200, body: this.store.data.config.statuses.map(statusJson) };
      case 'GET issuetype':
        return { status: 200, body: this.store.data.config.issueTypes.map((type) => this.view.issueTypeJson(type)) };
      case 'GET project/{}': {
        const project = this.view.project(issueParam);
        return project
          ? { status: 200, body: this.view.projectJson(project) }
          : error(404, ['No project could be found with key or id ' + issueParam]);
      }
      case 'GET project/search': {
        // OpenAPI "Get projects paginated": `query` matches a key or a name, case-insensitively; `startAt` and
        // `maxResults` page (over 100 "will default to 100"); `action` keeps the projects the caller may view (the
        // default: Browse projects or Administer projects on the project, or Administer Jira), browse (Browse projects),
        // edit (Administer projects, or Administer Jira) or create issues in (Create issues); the app sees all.
        const query = (url.searchParams.get('query') ?? '').toLowerCase();
        const startAt = Math.max(0, Math.floor(Number(url.searchParams.get('startAt') ?? 0)) || 0);
        const asked = Math.floor(Number(url.searchParams.get('maxResults') ?? 50));
        const maxResults = Number.isFinite(asked) && asked > 0 ? Math.min(asked, 100) : 50;
        const action = url.searchParams.get('action') ?? 'view';
        const needs: Readonly<Record<string, readonly JiraPermission[]>> = {
          view: ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS', 'ADMINISTER'],
          browse: ['BROWSE_PROJECTS'],
          edit: ['ADMINISTER_PROJECTS', 'ADMINISTER'],
          create: ['CREATE_ISSUES'],
        };
        const permissions = needs[action];
        if (permissions === undefined) return error(400, [`The value '${action}' is not valid for the action parameter.`]);
        const matching = this.store.data.config.projects
          .filter((project) => `${project.key}\n${project.name}`.toLowerCase().includes(query))
          .filter(
            (project) => user === null || permissions.some((permission) => this.people.holds(user, permission, { projectId: project.id })),
          )
          .sort((a, b) => (url.searchParams.get('orderBy')?.endsWith('name') ? a.name.localeCompare(b.name) : a.key.localeCompare(b.key)));
        const values = matching.slice(startAt, startAt + maxResults).map((project) => this.view.projectJson(project));
        const isLast = startAt + values.length >= matching.length;
        const next = new URL(url.toString());
        next.searchParams.set('startAt', String(startAt + maxResults));
        return {
          status: 200,
          body: {
            self: `${SITE.baseUrl}${url.pathname}${url.search}`,
            ...(isLast ? {} : { nextPage: `${SITE.baseUrl}${next.pathname}${next.search}` }),
            startAt,
            maxResults,
            total: matching.length,
            isLast,
            values,
          },
        };
      }
      case 'POST jql/parse':
        return parseJqlAnswer(this, body, url.searchParams.get('validation'), accountId, this.hooks.now());
      case 'POST issue':
        return this.createIssue(body, request.caller);
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
                this.view,
                this.people,
                url.searchParams.get('fields'),
                url.searchParams.get('expand'),
                this.links.fieldOf(issue, this.view),
              ),
              ...properties,
            },
          };
        });
      case 'PUT issue/{}':
        return this.withIssue(issueParam, user, (issue) => this.editIssue(issue, body, request.caller), 'EDIT_ISSUES');
      case 'GET issue/{}/transitions':
        return this.withIssue(issueParam, user, (issue) => ({
          status: 200,
          body: { expand: 'transitions', transitions: transitionsFrom(issue, this.view).map((t) => transitionJson(t, this.view)) },
        }));
      case 'POST issue/{}/transitions':
        return this.withIssue(issueParam, user, (issue) => this.transition(issue, body, request.caller), 'TRANSITION_ISSUES');
      case 'GET issue/{}/changelog':
        return this.withIssue(issueParam, user, (issue) => ({
          status: 200,
          body: {
            startAt: 0,
            maxResults: 100,
            total: issue.histories.length,
            isLast: true,
            values: issue.histories.map((history) => historyJson(history, this.people)),
          },
        }));
      case 'GET issue/{}/comment':
        return this.withIssue(issueParam, user, (issue) => ({
          status: 200,
          body: {
            startAt: 0,
            maxResults: 100,
            total: issue.comments.length,
            comments: issue.comments.map((comment) => commentJson(issue, comment, this.people)),
          },
        }));
      case 'POST issue/{}/comment':
        return this.withIssue(issueParam, user, (issue) => this.addComment(issue, body, request.caller), 'ADD_COMMENTS');
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
            this.store.changed();
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
            this.store.changed();
            return { status: 204 };
          },
          'EDIT_ISSUES',
        );
      case 'PUT issue/{}/assignee':
        return this.withIssue(
          issueParam,
          user,
          (issue) =>
            this.editIssue(
              issue,
              { fields: { assignee: body['accountId'] === null ? null : { accountId: body['accountId'] } } },
              request.caller,
            ),
          'EDIT_ISSUES',
        );
      case 'PUT app/field/{}/value':
        return this.setAppFieldValue(segments[2] ?? '', body, request.caller);
      case 'POST search/jql':
        return searchAnswer(this, body, (jql) => this.query(jql, accountId));
      case 'POST changelog/bulkfetch':
        return bulkFetchAnswer(this, body);
      case 'POST expression/analyse': {
        const check = url.searchParams.get('check') ?? 'syntax';
        if (!['syntax', 'type', 'complexity'].includes(check))
          return error(400, [`The check "${check}" is not one of syntax, type, complexity.`]);
        const expressions = Array.isArray(body['expressions']) ? body['expressions'].map(String) : [];
        return {
          status: 200,
          body: analyseExpressions(expressions, check as AnalyseCheck, (body['contextVariables'] ?? {}) as Record<string, string>),
        };
      }
      case 'POST permissions/check':
        return this.checkPermissions(body, accountId);
      case 'GET issueLinkType':
        return { status: 200, body: { issueLinkTypes: this.links.types.map(linkTypeJson) } };
      case 'GET issueLinkType/{}': {
        const type = this.links.typeOf({ id: issueParam });
        return type ? { status: 200, body: linkTypeJson(type) } : error(404, [`No issue link type with id '${issueParam}' found.`]);
      }
      case 'POST issueLink':
        return this.linkIssues(body, request.caller);
      case 'GET issueLink/{}': {
        const link = this.links.byId(issueParam);
        return link
          ? { status: 200, body: this.links.linkJson(link, this.view) }
          : error(404, [`No issue link with id '${issueParam}' exists.`]);
      }
      case 'DELETE issueLink/{}':
        return this.unlinkIssues(issueParam, request.caller);
      default:
        if (route !== null && CONFIG_ROUTES.includes(route)) {
          // Jira's configuration is for Jira admins (the app itself may read and change it too).
          if (user !== null && !this.people.holds(user, 'ADMINISTER')) {
            return error(403, ['You are not authorized to perform this action. Administrator privileges are required.']);
          }
          return this.configRoutes.handle(route, segments, url, body);
        }
        return error(404, [`The sandbox does not emulate ${request.method} ${url.pathname}`]);
    }
  }

  private withIssue(
    idOrKey: string,
    user: SandboxUser | null,
    run: (issue: StoredIssue) => RestResponse | Promise<RestResponse>,
    need: JiraPermission = 'BROWSE_PROJECTS',
  ): RestResponse | Promise<RestResponse> {
    const issue = this.find(idOrKey);
    // An issue the user may not browse is answered as one that does not exist, as Jira answers it.
    if (issue === undefined || (user !== null && !this.people.holds(user, 'BROWSE_PROJECTS', issue)))
      return error(404, ['Issue does not exist or you do not have permission to see it.']);
    if (user !== null && !this.people.holds(user, need, issue)) {
      return error(403, ['You do not have permission to edit issues in this project.']);
    }
    return run(issue);
  }

  /**
   * What Jira's own Create dialog shows for an issue type in a project: each field's required mark and the line under
   * it, from the field configuration (Jira's UI reads its configuration directly; no public REST route gives the
   * descriptions). Null for a project or type the site does not have.
   */
  createForm(projectKey: string, issueTypeName: string): ReturnType<typeof createFormOf> | null {
    const project = this.view.project(projectKey);
    const issueType = project && this.view.projectIssueTypes(project).find((type) => type.name === issueTypeName);
    return project === undefined || issueType === undefined ? null : createFormOf(this.store.data.config, project, issueType.id);
  }

  // ----- writes ------------------------------------------------------------------------------------
  private nextId(): string {
    return String(this.store.data.nextId++);
  }

  private async createIssue(body: Record<string, unknown>, caller: RestCaller): Promise<RestResponse> {
    const fields = (body['fields'] ?? {}) as Record<string, unknown>;
    const projectRef = fields['project'] as { key?: string; id?: string } | undefined;
    const typeRef = fields['issuetype'] as { name?: string; id?: string } | undefined;
    const view = this.view;
    const project = view.project(projectRef?.id ?? projectRef?.key ?? '');
    const issueType =
      project === undefined
        ? undefined
        : view.projectIssueTypes(project).find((type) => type.id === typeRef?.id || type.name === typeRef?.name);
    const errors: Record<string, string> = {};
    if (project === undefined) errors['project'] = 'Specify a valid project ID or key';
    else if (issueType === undefined) errors['issuetype'] = 'Specify an issue type';
    if (!('summary' in fields)) errors['summary'] = 'You must specify a summary of the issue.';
    const read = readFields(fields, caller, this.people);
    Object.assign(errors, read.errors);
    if (project !== undefined && issueType !== undefined) {
      // A field the field configuration marks required, left empty: "Story Points is required.", keyed by the field's
      // id, as Jira answers (seen in client reports: github.com/keepcosmos/terjira/issues/23, pycontribs/jira/issues/684).
      for (const [fieldId, { required }] of Object.entries(createFormOf(this.store.data.config, project, issueType.id))) {
        const value = read.values[fieldId];
        if (required && fieldId !== 'summary' && (value == null || (typeof value === 'string' && value.trim() === '')))
          errors[fieldId] ??= `${FIELDS.find((field) => field.id === fieldId)?.name ?? fieldId} is required.`;
      }
    }
    if (project === undefined || issueType === undefined || Object.keys(errors).length > 0) return error(400, [], errors);
    if (caller.kind === 'user' && !this.callerHolds(caller, 'CREATE_ISSUES', { projectId: project.id }))
      return error(403, ['You do not have permission to create issues in this project.']);
    const create = present(view.workflowFor(project.id, issueType.id).transitions.find((transition) => transition.type === 'INITIAL'));

    const now = jiraInstant(this.hooks.now());
    const issue: StoredIssue = {
      id: this.nextId(),
      key: `${project.key}-${this.store.data.issues.filter((existing) => existing.projectId === project.id).length + 1}`,
      projectId: project.id,
      issueTypeId: issueType.id,
      summary: String(read.values['summary']),
      description: read.values['description'] ?? null,
      statusId: create.to,
      created: now,
      updated: now,
      duedate: (read.values['duedate'] as string | null | undefined) ?? null,
      assigneeId: (read.values['assignee'] as string | null | undefined) ?? null,
      reporterId: caller.kind === 'user' ? caller.accountId : present(this.people.all[0]).accountId,
      custom: Object.fromEntries(Object.entries(read.values).filter(([id]) => id.startsWith('customfield_'))),
      properties: {},
      histories: [],
      comments: [],
    };
    // The app's expression validators on Create, evaluated as Jira evaluates them: the rule's
    // configuration is the `config` variable, and its `expression` replaces the manifest's.
    for (const rule of create.validators) {
      const moduleKey = appModuleOf(rule, this.hooks.forgeRules());
      if (moduleKey === null) continue;
      const ruleConfig = typeof rule.parameters['config'] === 'string' ? (JSON.parse(rule.parameters['config']) as unknown) : null;
      const refusal = await this.hooks.validateCreate(
        moduleKey,
        ruleConfig,
        issueValue(issue, view),
        caller.kind === 'user' ? caller.accountId : null,
      );
      if (refusal !== null) return error(400, [refusal]);
    }
    this.store.data.issues.push(issue);
    this.store.changed();
    this.emit(issue, 'avi:jira:created:issue', caller, undefined);
    return { status: 201, body: { id: issue.id, key: issue.key, self: `${SITE.baseUrl}${BASE}/issue/${issue.id}` } };
  }
  private record(issue: StoredIssue, items: ChangeItem[], caller: RestCaller): string | undefined {
    if (items.length === 0) return undefined;
    const now = jiraInstant(this.hooks.now());
    const history = { id: this.nextId(), authorId: caller.kind === 'user' ? caller.accountId : null, created: now, items };
    issue.histories.push(history);
    issue.updated = now;
    this.store.changed();
    return history.id;
  }

  private emit(issue: StoredIssue, eventType: IssueEvent['eventType'], caller: RestCaller, changelog: IssueEvent['changelog']): void {
    // ignoreSelf: the app's trigger never hears about the app's own changes.
    if (caller.kind === 'app') return;
    const event: IssueEvent = {
      eventType,
      atlassianId: caller.accountId,
      timestamp: this.hooks.now().getTime(),
      issue: { id: issue.id, key: issue.key, fields: fieldsOf(issue, this.view, this.people) },
      ...(changelog ? { changelog } : {}),
    };
    // Delivered as JSON, as Forge delivers it: no shared objects between the site and the app.
    this.hooks.deliver(JSON.parse(JSON.stringify(event)) as IssueEvent);
  }

  private editIssue(issue: StoredIssue, body: Record<string, unknown>, caller: RestCaller): RestResponse {
    const read = readFields((body['fields'] ?? {}) as Record<string, unknown>, caller, this.people);
    if (Object.keys(read.errors).length > 0) return error(400, [], read.errors);
    const items = applyFields(issue, read.values, this.view, this.people);
    const historyId = this.record(issue, items, caller);
    if (historyId !== undefined) this.emit(issue, 'avi:jira:updated:issue', caller, { id: historyId, items });
    return { status: 204 };
  }

  private async transition(issue: StoredIssue, body: Record<string, unknown>, caller: RestCaller): Promise<RestResponse> {
    const wanted = scalarText((body['transition'] as { id?: unknown } | undefined)?.id, '');
    const transition = transitionsFrom(issue, this.view).find((candidate) => candidate.id === wanted);
    if (transition === undefined) {
      return error(400, [`Transition id '${wanted}' is not valid for this issue.`]);
    }
    const fields = (body['fields'] ?? {}) as Record<string, unknown>;
    const read = readFields(fields, caller, this.people);
    if (Object.keys(read.errors).length > 0) return error(400, [], read.errors);
    for (const rule of transition.validators) {
      const moduleKey = appModuleOf(rule, this.hooks.forgeRules());
      if (moduleKey === null) continue;
      const verdict = await this.hooks.validate(moduleKey, {
        issue: { id: issue.id, key: issue.key },
        transition: {
          id: Number(transition.id),
          name: transition.name,
          from: { id: issue.statusId },
          to: { id: transition.to },
          modifiedFields: fields,
        },
        configuration: typeof rule.parameters['config'] === 'string' ? (JSON.parse(rule.parameters['config']) as unknown) : {},
      });
      if (!verdict.result) return error(400, [verdict.errorMessage ?? 'The transition was refused by a validator.']);
    }
    const items = applyFields(issue, read.values, this.view, this.people);
    const from = present(this.view.status(issue.statusId));
    const to = present(this.view.status(transition.to));
    issue.statusId = to.id;
    items.unshift({
      field: 'status',
      fieldtype: 'jira',
      fieldId: 'status',
      from: from.id,
      fromString: from.name,
      to: to.id,
      toString: to.name,
    });
    const historyId = present(this.record(issue, items, caller));
    this.emit(issue, 'avi:jira:updated:issue', caller, { id: historyId, items });
    return { status: 204 };
  }

  private addComment(issue: StoredIssue, body: Record<string, unknown>, caller: RestCaller): RestResponse {
    if (body['body'] === undefined || body['body'] === null) return error(400, [], { comment: 'Comment body can not be empty!' });
    const comment = {
      id: this.nextId(),
      authorId: caller.kind === 'user' ? caller.accountId : APP_ACCOUNT.accountId,
      body: typeof body['body'] === 'string' ? adfParagraph(body['body']) : body['body'],
      created: jiraInstant(this.hooks.now()),
    };
    issue.comments.push(comment);
    this.store.changed();
    return { status: 201, body: commentJson(issue, comment, this.people) };
  }

  /**
   * `POST /issueLink`: both issues must exist (404 otherwise, as Jira answers when it cannot see one), the type must
   * exist (404), and a user needs Link issues on the outward issue's project (here: whoever may edit issues). A link
   * that exists already is answered 201 without a second one; the optional comment goes on the outward issue.
   */
  private linkIssues(body: Record<string, unknown>, caller: RestCaller): RestResponse {
    const ref = (value: unknown) => {
      const linked = (value ?? {}) as { id?: unknown; key?: unknown };
      return this.find(scalarText(linked.id ?? linked.key, ''));
    };
    const outward = ref(body['outwardIssue']);
    const inward = ref(body['inwardIssue']);
    const type = this.links.typeOf(body['type'] as { id?: unknown; name?: unknown } | undefined);
    if (outward === undefined || inward === undefined) return error(404, ['Issue does not exist or you do not have permission to see it.']);
    if (type === undefined) return error(404, ['No issue link type with name or id given was found.']);
    if (caller.kind === 'user' && !this.callerHolds(caller, 'LINK_ISSUES', outward))
      return error(404, ['You do not have the permission to link issues in this project.']);
    if (outward.id === inward.id) return error(400, ['You cannot link an issue to itself.']);
    const made = this.links.add(type, outward, inward, () => this.nextId());
    if (made.created) this.recordLinkChange(made.link, 'to', caller);
    if (body['comment'] !== undefined) this.addComment(outward, body['comment'] as Record<string, unknown>, caller);
    this.store.changed();
    return { status: 201 };
  }

  /**
   * As Jira does, a link made or removed is a change of both issues: a "Link" entry in each one's history (read from
   * its side, "This issue is blocked by MKT-3") and a new `updated`, so "updated >= -1h" finds them.
   */
  private recordLinkChange(link: StoredIssueLink, side: 'from' | 'to', caller: RestCaller): void {
    for (const [issue, other, words] of this.links.sidesOf(link)) {
      const said = `This issue ${words} ${other.key}`;
      this.record(
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
    const link = this.links.byId(linkId);
    if (link === undefined) return error(404, [`No issue link with id '${linkId}' exists.`]);
    if (caller.kind === 'user' && !this.callerHolds(caller, 'LINK_ISSUES', this.find(link.outwardId)))
      return error(404, ['You do not have the permission to link issues in this project.']);
    this.links.remove(linkId);
    this.recordLinkChange(link, 'from', caller);
    this.store.changed();
    return { status: 204 };
  }

  private setAppFieldValue(fieldIdOrKey: string, body: Record<string, unknown>, caller: RestCaller): RestResponse {
    if (caller.kind !== 'app') return error(403, ['Only the app that owns the field can set its value this way.']);
    const field = APP_FIELD_LIST.find((candidate) => candidate.id === fieldIdOrKey || APP_FIELDS[candidate.name] === fieldIdOrKey);
    if (field === undefined) return error(404, [`Field '${fieldIdOrKey}' does not exist or is not a field of this app.`]);
    const updates = (body['updates'] ?? []) as { issueIds: number[]; value: unknown }[];
    for (const { issueIds, value } of updates) {
      for (const id of issueIds) {
        const issue = this.find(String(id));
        if (issue === undefined) return error(400, [`Issue ${id} does not exist.`]);
        issue.custom[field.id] = value;
      }
    }
    this.store.changed();
    return { status: 204 };
  }

  // ----- search, permissions -------------------------------------------------------------------

  /** Issues matching `jql` that the user may browse (all of them for the app), in its order (by id when it names none). */
  query(jql: string, accountId: string | null): StoredIssue[] {
    const found = queryIssues(this, jql, accountId, this.hooks.now());
    const user = accountId === null ? undefined : this.people.byId(accountId);
    return user === undefined ? found : found.filter((issue) => this.people.holds(user, 'BROWSE_PROJECTS', issue));
  }

  /** Whether a user caller holds the permission (on the issue, when one is named). */
  private callerHolds(caller: RestCaller & { kind: 'user' }, permission: JiraPermission, target?: PermissionTarget): boolean {
    const user = this.people.byId(caller.accountId);
    return user !== undefined && this.people.holds(user, permission, target);
  }

  private checkPermissions(body: Record<string, unknown>, callerAccountId: string | null): RestResponse {
    // As the app, `accountId` names whom to check; as a user, a request checks that user.
    const accountId = typeof body['accountId'] === 'string' ? body['accountId'] : callerAccountId;
    const user = accountId === null ? undefined : this.people.byId(accountId);
    const granted = (permission: string, target?: PermissionTarget): boolean =>
      user !== undefined && isJiraPermission(permission) && this.people.holds(user, permission, target);
    const asked = (body['projectPermissions'] ?? []) as { permissions: string[]; issues?: number[]; projects?: number[] }[];
    const projectPermissions = asked.flatMap((entry) =>
      entry.permissions.map((permission) => ({
        permission,
        issues: (entry.issues ?? []).filter((id) => {
          const issue = this.find(String(id));
          return issue !== undefined && granted(permission, issue);
        }),
        projects: (entry.projects ?? []).filter((id) => {
          const project = this.view.project(String(id));
          return project !== undefined && granted(permission, { projectId: project.id });
        }),
      })),
    );
    const globalPermissions = ((body['globalPermissions'] ?? []) as string[]).filter((permission) => granted(permission));
    return { status: 200, body: { globalPermissions, projectPermissions } };
  }
}
