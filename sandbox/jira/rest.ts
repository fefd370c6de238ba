import { FIELDS, SITE, type SandboxUser } from '../catalogue';
import { DEMO_PEOPLE, type JiraPermission, type SitePeople } from './people';
import { CONFIG_ROUTES, ConfigRoutes } from './config-routes';
import { analyseExpressions, type AnalyseCheck } from './jira-expression';
import { JiraDidNotAnswer, SiteFaults } from './faults';
import { IssueLinks } from './issue-links';
import { JqlError } from './jql';
import { ConfigView, createFormOf, statusJson } from './site-config';
import type { SiteStore, StoredIssue } from './site-state';
import { type RestRequest, type RestResponse, type RouteCall, type SiteHooks, BASE, error, isRouteIn } from './rest-shapes';
import { queryIssues, searchAnswer, bulkFetchAnswer, parseJqlAnswer } from './issue-search';
import { IssueWrites } from './issue-writes';
import { ISSUE_ROUTES, IssueRoutes } from './issue-routes';
import { LINK_ROUTES, LinkRoutes } from './link-routes';
import { PEOPLE_ROUTES, peopleAnswer } from './people-routes';

/** The routes the sandbox answers, `{}` standing for a path parameter. */
const ROUTES: readonly string[] = [
  'GET field',
  'GET issuetype',
  'GET project/{}',
  'GET project/search',
  'GET status',
  'POST changelog/bulkfetch',
  'POST expression/analyse',
  'POST jql/parse',
  'POST search/jql',
  ...PEOPLE_ROUTES,
  ...ISSUE_ROUTES,
  ...LINK_ROUTES,
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

/**
 * The sandbox's Jira Cloud REST v3, in Jira's own request and response shapes, for the routes the
 * app calls and those a client needs to drive it. Transitions run their validators; changes fire
 * the product events the app's trigger subscribes to (never for the app's own changes: `ignoreSelf`).
 */
export class JiraSite {
  private readonly configRoutes: ConfigRoutes;
  private readonly issueRoutes: IssueRoutes;
  private readonly linkRoutes: LinkRoutes;
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
    const writes = new IssueWrites(store, hooks, this.view, this.people, (idOrKey) => this.find(idOrKey));
    this.issueRoutes = new IssueRoutes(this, writes, () => store.changed());
    this.linkRoutes = new LinkRoutes(this, writes, () => store.changed());
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
    const call: RouteCall = { request, segments, url, body, user };
    if (isRouteIn(PEOPLE_ROUTES, route)) return peopleAnswer(this, route, call);
    if (isRouteIn(ISSUE_ROUTES, route)) return this.issueRoutes.handle(route, call);
    if (isRouteIn(LINK_ROUTES, route)) return this.linkRoutes.handle(route, call);
    if (route !== null && CONFIG_ROUTES.includes(route)) {
      // Jira's configuration is for Jira admins (the app itself may read and change it too).
      if (user !== null && !this.people.holds(user, 'ADMINISTER')) {
        return error(403, ['You are not authorized to perform this action. Administrator privileges are required.']);
      }
      return this.configRoutes.handle(route, segments, url, body);
    }
    const projectParam = segments[1] ?? '';
    switch (route) {
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
        const project = this.view.project(projectParam);
        return project
          ? { status: 200, body: this.view.projectJson(project) }
          : error(404, ['No project could be found with key or id ' + projectParam]);
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
      default:
        return error(404, [`The sandbox does not emulate ${request.method} ${url.pathname}`]);
    }
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

  /** Issues matching `jql` that the user may browse (all of them for the app), in its order (by id when it names none). */
  query(jql: string, accountId: string | null): StoredIssue[] {
    const found = queryIssues(this, jql, accountId, this.hooks.now());
    const user = accountId === null ? undefined : this.people.byId(accountId);
    return user === undefined ? found : found.filter((issue) => this.people.holds(user, 'BROWSE_PROJECTS', issue));
  }
}
