import { APP_FIELDS } from '../../src/domain/app-fields';
import { APP_ACCOUNT, APP_FIELD_IDS, APP_FIELD_LIST, canEditIssues, FIELDS, SITE, userById, userJson, USERS } from '../catalogue';
import { CONFIG_ROUTES, ConfigRoutes, type ForgeRule } from './config-routes';
import { issueValue } from './expression-context';
import { analyseExpressions, type AnalyseCheck, type JiraEntity } from './jira-expression';
import { JiraDidNotAnswer, SiteFaults } from './faults';
import { IssueLinks, linkTypeJson } from './issue-links';
import { JqlError, parseJql, type FieldValue } from './jql';
import { ConfigView, statusCategoryName, statusJson, type ConfigTransition } from './site-config';
import type { ChangeItem, SiteStore, StoredIssue } from './site-state';
import { present } from '../../src/domain/present';
import { scalarText } from '../../src/contracts/scalar-text';

/** Who sends a request: a person (the shell, a REST client) or the app itself (`asApp`). */
export type RestCaller = { readonly kind: 'user'; readonly accountId: string } | { readonly kind: 'app' };

export interface RestRequest {
  readonly method: string;
  /** Path with its query string, e.g. `/rest/api/3/issue/MKT-1?expand=schema`. */
  readonly path: string;
  readonly body?: unknown;
  readonly caller: RestCaller;
}

export interface RestResponse {
  readonly status: number;
  readonly body?: unknown;
}

/** A product event, as Forge delivers it to a `trigger` (`avi:jira:created:issue`, `avi:jira:updated:issue`). */
export interface IssueEvent {
  readonly eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue';
  readonly atlassianId: string;
  readonly timestamp: number;
  readonly issue: { readonly id: string; readonly key: string; readonly fields: Record<string, unknown> };
  readonly changelog?: { readonly id: string; readonly items: readonly ChangeItem[] };
}

/** What the site asks of the app, as Jira asks a Forge app. */
export interface SiteHooks {
  readonly now: () => Date;
  /** Runs the app's function validator `moduleKey` (a `jira:workflowValidator`) with the payload Forge sends. */
  readonly validate: (moduleKey: string, payload: unknown) => Promise<{ result: boolean; errorMessage?: string }>;
  /**
   * Runs the app's expression validator `moduleKey` on Create with the rule's configuration (the
   * `config` variable) and the issue as it would be created; the refusal shown, or null when it passes.
   */
  readonly validateCreate: (moduleKey: string, ruleConfig: unknown, issue: JiraEntity, accountId: string | null) => Promise<string | null>;
  /** The app's workflow rules, as `GET /workflows/capabilities` offers them. */
  readonly forgeRules: () => readonly ForgeRule[];
  /** Delivers a product event to the app's triggers (after the response, as Jira does). */
  readonly deliver: (event: IssueEvent) => void;
  /**
   * Why Jira itself would refuse a request (checked against Atlassian's OpenAPI spec), or null.
   * With it, the sandbox refuses what Jira refuses instead of accepting more than Jira does.
   */
  readonly requestProblem?: (method: string, pathname: string, body: unknown) => string | null;
}

const BASE = '/rest/api/3';

const error = (status: number, messages: readonly string[], errors: Record<string, string> = {}): RestResponse => ({
  status,
  body: { errorMessages: [...messages], errors },
});

/** Jira's datetime format: `2026-06-01T09:00:00.000+0000`. */
export const jiraInstant = (date: Date): string => date.toISOString().replace('Z', '+0000');

const adfParagraph = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
});

const USER_FIELDS = new Set(['assignee', 'reporter']);
const READ_ONLY_APP_FIELDS = new Set([APP_FIELD_IDS.triageScore, APP_FIELD_IDS.tier]);
const SCORE_FIELDS = new Map(
  [APP_FIELD_IDS.impact, APP_FIELD_IDS.confidence, APP_FIELD_IDS.effort, APP_FIELD_IDS.risk].map((id) => [
    id,
    present(APP_FIELD_LIST.find((field) => field.id === id)).label,
  ]),
);
const EDITABLE_FIELDS = new Set([
  'summary',
  'description',
  'duedate',
  'assignee',
  ...Object.values(APP_FIELD_IDS).filter((id) => !READ_ONLY_APP_FIELDS.has(id)),
]);

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

const SYSTEM_JQL_FIELDS = [
  'project',
  'issuetype',
  'type',
  'status',
  'statuscategory',
  'key',
  'issuekey',
  'id',
  'summary',
  'text',
  'assignee',
  'reporter',
  'created',
  'updated',
  'duedate',
  'due',
  'issue',
  'issuelinktype',
];
/** The `searchAlias`es of the app's `jira:entityProperty` index, lowercased as JQL reads them. */
const ALIAS_PATHS: Readonly<Record<string, string>> = {
  // The forecast property's (`flight-plan-forecast`), written by the metrics refresh.
  flightplanontime: 'forecast:onTime',
  flightplanontimechance: 'forecast:onTimeChance',
  flightplanstage: 'stage',
  flightplantier: 'tier',
  flightplangate: 'currentGate',
  flightplangateready: 'currentGateReady',
  flightplanmissing: 'missingCount',
  flightplanreadygates: 'readyGates',
};
const appFieldByJqlName = (field: string) =>
  APP_FIELD_LIST.find(
    (candidate) => candidate.label.toLowerCase() === field || candidate.id === field || `cf[${candidate.schema.customId}]` === field,
  );
const isJqlField = (field: string): boolean =>
  SYSTEM_JQL_FIELDS.includes(field) || field in ALIAS_PATHS || appFieldByJqlName(field) !== undefined;

// ----- rendering: Jira's JSON from the stored issue ------------------------------------------

/** The issue's fields as Jira renders them; `issuelinks` comes from the site's links (`IssueLinks.fieldOf`). */
function fieldsOf(issue: StoredIssue, view: ConfigView, issuelinks: readonly unknown[] = []): Record<string, unknown> {
  const user = (id: string | null) => (id === null ? null : userJson(present(userById(id))));
  const project = present(view.project(issue.projectId));
  return {
    summary: issue.summary,
    description: issue.description,
    status: statusJson(present(view.status(issue.statusId))),
    issuetype: view.issueTypeJson(present(view.issueType(issue.issueTypeId))),
    project: {
      self: `${SITE.baseUrl}${BASE}/project/${project.id}`,
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: 'business',
      simplified: project.simplified,
    },
    created: issue.created,
    updated: issue.updated,
    duedate: issue.duedate,
    assignee: user(issue.assigneeId),
    reporter: user(issue.reporterId),
    issuelinks,
    ...Object.fromEntries(APP_FIELD_LIST.map((field) => [field.id, issue.custom[field.id] ?? null])),
  };
}

/** `fields` as Jira reads it: a comma list, `*all`, `*navigable`, and `-name` to leave one out. */
function pickFields(all: Record<string, unknown>, wanted: readonly string[] | null): Record<string, unknown> {
  if (wanted === null || wanted.length === 0 || wanted.includes('*all') || wanted.includes('*navigable')) {
    const excluded = new Set((wanted ?? []).filter((name) => name.startsWith('-')).map((name) => name.slice(1)));
    return Object.fromEntries(Object.entries(all).filter(([name]) => !excluded.has(name)));
  }
  return Object.fromEntries(wanted.filter((name) => name in all).map((name) => [name, all[name]]));
}

export function issueJson(
  issue: StoredIssue,
  view: ConfigView,
  fields: string | null = null,
  expand: string | null = null,
  issuelinks: readonly unknown[] = [],
) {
  const expansions = new Set((expand ?? '').split(',').map((part) => part.trim()));
  const all = fieldsOf(issue, view, issuelinks);
  return {
    expand: 'renderedFields,names,schema,transitions,changelog',
    id: issue.id,
    self: `${SITE.baseUrl}${BASE}/issue/${issue.id}`,
    key: issue.key,
    fields: pickFields(all, fields === null ? null : fields.split(',').map((name) => name.trim())),
    ...(expansions.has('schema') ? { schema: schemaJson() } : {}),
    ...(expansions.has('names') ? { names: Object.fromEntries(FIELDS.map((field) => [field.id, field.name])) } : {}),
    ...(expansions.has('transitions') ? { transitions: transitionsFrom(issue, view).map((t) => transitionJson(t, view)) } : {}),
    ...(expansions.has('changelog')
      ? {
          changelog: {
            startAt: 0,
            maxResults: issue.histories.length,
            total: issue.histories.length,
            histories: issue.histories.map((h) => historyJson(h)),
          },
        }
      : {}),
  };
}

function schemaJson() {
  return Object.fromEntries(FIELDS.map((field) => [field.id, field.schema]));
}

function historyJson(history: StoredIssue['histories'][number]) {
  const author = history.authorId === null ? undefined : userById(history.authorId);
  return { id: history.id, ...(author ? { author: userJson(author) } : {}), created: history.created, items: history.items };
}

function commentJson(issue: StoredIssue, comment: StoredIssue['comments'][number]) {
  const author = userJson(userById(comment.authorId) ?? APP_ACCOUNT);
  return {
    self: `${SITE.baseUrl}${BASE}/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    author,
    updateAuthor: author,
    body: comment.body,
    created: comment.created,
    updated: comment.created,
    jsdPublic: true,
  };
}

/** The transitions an issue's workflow offers from its status: directed ones from it, and global ones. */
function transitionsFrom(issue: StoredIssue, view: ConfigView): ConfigTransition[] {
  return view
    .workflowFor(issue.projectId, issue.issueTypeId)
    .transitions.filter(
      (transition) =>
        (transition.type === 'GLOBAL' && transition.to !== issue.statusId) ||
        (transition.type === 'DIRECTED' && transition.from.includes(issue.statusId)),
    );
}

function transitionJson(transition: ConfigTransition, view: ConfigView) {
  return {
    id: transition.id,
    name: transition.name,
    to: statusJson(present(view.status(transition.to))),
    hasScreen: false,
    isGlobal: transition.type === 'GLOBAL',
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
}

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

  constructor(
    private readonly store: SiteStore,
    private readonly hooks: SiteHooks,
  ) {
    const config = store.data.config;
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

  find(idOrKey: string): StoredIssue | undefined {
    const wanted = idOrKey.toUpperCase();
    return this.store.data.issues.find((issue) => issue.id === idOrKey || issue.key === wanted);
  }

  async handle(request: RestRequest): Promise<RestResponse> {
    const url = new URL(request.path, SITE.baseUrl);
    if (!url.pathname.startsWith(`${BASE}/`)) return error(404, [`No Jira REST route at ${url.pathname}`]);
    const segments = url.pathname
      .slice(BASE.length + 1)
      .split('/')
      .map(decodeURIComponent);
    const route = routeOf(request.method, segments);
    const user = request.caller.kind === 'user' ? userById(request.caller.accountId) : undefined;
    if (request.caller.kind === 'user' && user === undefined) return error(401, ['Client must be authenticated to access this resource.']);
    const problem = this.hooks.requestProblem?.(request.method, url.pathname, request.body) ?? null;
    if (problem !== null) return error(400, [`Jira would refuse this request: ${problem}`]);
    let answer: RestResponse;
    try {
      answer = await this.route(route, segments, url, request, user?.accountId ?? null);
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
    accountId: string | null,
  ): Promise<RestResponse> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const issueParam = segments[1] ?? '';
    // Routes whose second segment is an issue id or key.
    switch (route) {
      case 'GET myself':
        return accountId === null ? error(401, ['The app has no user.']) : { status: 200, body: userJson(present(userById(accountId))) };
      case 'GET user': {
        const user = userById(url.searchParams.get('accountId') ?? '');
        return user
          ? { status: 200, body: userJson(user) }
          : error(404, [`The user with account ID '${url.searchParams.get('accountId')}' does not exist.`]);
      }
      case 'GET user/bulk': {
        const wanted = url.searchParams.getAll('accountId');
        const found = wanted.flatMap((id) => {
          const user = userById(id) ?? (id === APP_ACCOUNT.accountId ? APP_ACCOUNT : undefined);
          return user ? [userJson(user)] : [];
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
          body: USERS.filter((user) => `${user.displayName} ${user.emailAddress}`.toLowerCase().includes(query)).map(userJson),
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
        const values = this.store.data.config.projects.map((project) => this.view.projectJson(project));
        return {
          status: 200,
          body: { self: `${SITE.baseUrl}${url.pathname}`, startAt: 0, maxResults: 50, total: values.length, isLast: true, values },
        };
      }
      case 'POST issue':
        return this.createIssue(body, request.caller);
      case 'GET issue/{}':
        return this.withIssue(issueParam, accountId, (issue) => {
          // `properties=` adds the named issue properties, as Jira's `properties` parameter does.
          const keys = (url.searchParams.get('properties') ?? '').split(',').filter((key) => key in issue.properties);
          const properties = keys.length === 0 ? {} : { properties: Object.fromEntries(keys.map((key) => [key, issue.properties[key]])) };
          return {
            status: 200,
            body: {
              ...issueJson(
                issue,
                this.view,
                url.searchParams.get('fields'),
                url.searchParams.get('expand'),
                this.links.fieldOf(issue, this.view),
              ),
              ...properties,
            },
          };
        });
      case 'PUT issue/{}':
        return this.withIssue(issueParam, accountId, (issue) => this.editIssue(issue, body, request.caller), 'edit');
      case 'GET issue/{}/transitions':
        return this.withIssue(issueParam, accountId, (issue) => ({
          status: 200,
          body: { expand: 'transitions', transitions: transitionsFrom(issue, this.view).map((t) => transitionJson(t, this.view)) },
        }));
      case 'POST issue/{}/transitions':
        return this.withIssue(issueParam, accountId, (issue) => this.transition(issue, body, request.caller), 'edit');
      case 'GET issue/{}/changelog':
        return this.withIssue(issueParam, accountId, (issue) => ({
          status: 200,
          body: {
            startAt: 0,
            maxResults: 100,
            total: issue.histories.length,
            isLast: true,
            values: issue.histories.map((history) => historyJson(history)),
          },
        }));
      case 'GET issue/{}/comment':
        return this.withIssue(issueParam, accountId, (issue) => ({
          status: 200,
          body: {
            startAt: 0,
            maxResults: 100,
            total: issue.comments.length,
            comments: issue.comments.map((comment) => commentJson(issue, comment)),
          },
        }));
      case 'POST issue/{}/comment':
        return this.withIssue(issueParam, accountId, (issue) => this.addComment(issue, body, request.caller));
      case 'GET issue/{}/properties':
        return this.withIssue(issueParam, accountId, (issue) => ({
          status: 200,
          body: {
            keys: Object.keys(issue.properties).map((key) => ({ key, self: `${SITE.baseUrl}${BASE}/issue/${issue.id}/properties/${key}` })),
          },
        }));
      case 'GET issue/{}/properties/{}':
        return this.withIssue(issueParam, accountId, (issue) => {
          const key = segments[3] ?? '';
          return key in issue.properties
            ? { status: 200, body: { key, value: issue.properties[key] } }
            : error(404, [`The property with key '${key}' does not exist.`]);
        });
      case 'PUT issue/{}/properties/{}':
        return this.withIssue(
          issueParam,
          accountId,
          (issue) => {
            const key = segments[3] ?? '';
            const existed = key in issue.properties;
            issue.properties[key] = request.body;
            this.store.changed();
            return { status: existed ? 200 : 201 };
          },
          'edit',
        );
      case 'DELETE issue/{}/properties/{}':
        return this.withIssue(
          issueParam,
          accountId,
          (issue) => {
            delete issue.properties[segments[3] ?? ''];
            this.store.changed();
            return { status: 204 };
          },
          'edit',
        );
      case 'PUT issue/{}/assignee':
        return this.withIssue(
          issueParam,
          accountId,
          (issue) =>
            this.editIssue(
              issue,
              { fields: { assignee: body['accountId'] === null ? null : { accountId: body['accountId'] } } },
              request.caller,
            ),
          'edit',
        );
      case 'PUT app/field/{}/value':
        return this.setAppFieldValue(segments[2] ?? '', body, request.caller);
      case 'POST search/jql':
        return this.search(body, accountId);
      case 'POST changelog/bulkfetch':
        return this.bulkFetch(body);
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
          if (accountId !== null && userById(accountId)?.role !== 'admin') {
            return error(403, ['You are not authorized to perform this action. Administrator privileges are required.']);
          }
          return this.configRoutes.handle(route, segments, url, body);
        }
        return error(404, [`The sandbox does not emulate ${request.method} ${url.pathname}`]);
    }
  }

  private withIssue(
    idOrKey: string,
    accountId: string | null,
    run: (issue: StoredIssue) => RestResponse | Promise<RestResponse>,
    need: 'browse' | 'edit' = 'browse',
  ): RestResponse | Promise<RestResponse> {
    const issue = this.find(idOrKey);
    if (issue === undefined) return error(404, ['Issue does not exist or you do not have permission to see it.']);
    if (need === 'edit' && accountId !== null && !canEditIssues(present(userById(accountId)))) {
      return error(403, ['You do not have permission to edit issues in this project.']);
    }
    return run(issue);
  }

  // ----- writes ------------------------------------------------------------------------------------

  /** Checks and converts the `fields` of a create or edit; errors are keyed by field id, as Jira's are. */
  private readFields(
    fields: Record<string, unknown>,
    caller: RestCaller,
  ): { values: Partial<Record<string, unknown>>; errors: Record<string, string> } {
    const values: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const [id, value] of Object.entries(fields)) {
      if (id === 'project' || id === 'issuetype') continue;
      if (!EDITABLE_FIELDS.has(id) && !(caller.kind === 'app' && READ_ONLY_APP_FIELDS.has(id))) {
        errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
      } else if (USER_FIELDS.has(id)) {
        const accountId = value === null ? null : typeof value === 'object' ? (value as { accountId?: unknown }).accountId : undefined;
        if (accountId !== null && (typeof accountId !== 'string' || userById(accountId) === undefined))
          errors[id] = `User '${scalarText(accountId)}' does not exist.`;
        else values[id] = accountId;
      } else if (id === 'duedate') {
        if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)))
          errors[id] = 'Error parsing date string: ' + scalarText(value);
        else values[id] = value;
      } else if (id === 'summary') {
        if (typeof value !== 'string' || value.trim() === '') errors[id] = 'You must specify a summary of the issue.';
        else if (value.length > 255) errors[id] = 'Summary must be less than 255 characters.';
        else values[id] = value;
      } else if (id === 'description') {
        values[id] = typeof value === 'string' ? adfParagraph(value) : value;
      } else if (SCORE_FIELDS.has(id)) {
        if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5))
          errors[id] = `${SCORE_FIELDS.get(id)} must be a whole number from 1 to 5.`;
        else values[id] = value;
      } else {
        values[id] = value;
      }
    }
    return { values, errors };
  }

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
    const read = this.readFields(fields, caller);
    Object.assign(errors, read.errors);
    if (project === undefined || issueType === undefined || Object.keys(errors).length > 0) return error(400, [], errors);
    if (caller.kind === 'user' && !canEditIssues(present(userById(caller.accountId))))
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
      reporterId: caller.kind === 'user' ? caller.accountId : present(USERS[0]).accountId,
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

  /** Applies checked field values, returning the changelog items Jira would record. */
  private apply(issue: StoredIssue, values: Partial<Record<string, unknown>>): ChangeItem[] {
    const items: ChangeItem[] = [];
    const fieldsBefore = fieldsOf(issue, this.view);
    for (const [id, value] of Object.entries(values)) {
      const definition = present(FIELDS.find((field) => field.id === id));
      const display = (raw: unknown): string | null =>
        raw === null || raw === undefined
          ? null
          : USER_FIELDS.has(id)
            ? (raw as { displayName: string }).displayName
            : typeof raw === 'object'
              ? JSON.stringify(raw)
              : scalarText(raw);
      const before = fieldsBefore[id];
      if (id === 'summary') issue.summary = value as string;
      else if (id === 'description') issue.description = value;
      else if (id === 'duedate') issue.duedate = value as string | null;
      else if (id === 'assignee') issue.assigneeId = value as string | null;
      else issue.custom[id] = value;
      const after = fieldsOf(issue, this.view)[id];
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      const rawId = (raw: unknown) => (USER_FIELDS.has(id) ? ((raw as { accountId?: string } | null)?.accountId ?? null) : display(raw));
      items.push({
        field: definition.custom ? definition.name : id,
        fieldtype: definition.custom ? 'custom' : 'jira',
        fieldId: id,
        from: rawId(before),
        fromString: id === 'description' ? null : display(before),
        to: rawId(after),
        toString: id === 'description' ? null : display(after),
      });
    }
    return items;
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
      issue: { id: issue.id, key: issue.key, fields: fieldsOf(issue, this.view) },
      ...(changelog ? { changelog } : {}),
    };
    // Delivered as JSON, as Forge delivers it: no shared objects between the site and the app.
    this.hooks.deliver(JSON.parse(JSON.stringify(event)) as IssueEvent);
  }

  private editIssue(issue: StoredIssue, body: Record<string, unknown>, caller: RestCaller): RestResponse {
    const read = this.readFields((body['fields'] ?? {}) as Record<string, unknown>, caller);
    if (Object.keys(read.errors).length > 0) return error(400, [], read.errors);
    const items = this.apply(issue, read.values);
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
    const read = this.readFields(fields, caller);
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
    const items = this.apply(issue, read.values);
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
    return { status: 201, body: commentJson(issue, comment) };
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
    if (caller.kind === 'user' && !canEditIssues(present(userById(caller.accountId))))
      return error(404, ['You do not have the permission to link issues in this project.']);
    if (outward.id === inward.id) return error(400, ['You cannot link an issue to itself.']);
    this.links.add(type, outward, inward, () => this.nextId());
    if (body['comment'] !== undefined) this.addComment(outward, body['comment'] as Record<string, unknown>, caller);
    this.store.changed();
    return { status: 201 };
  }

  /** `DELETE /issueLink/{id}`: 204, or 404 when there is no such link or the caller may not link issues. */
  private unlinkIssues(linkId: string, caller: RestCaller): RestResponse {
    if (this.links.byId(linkId) === undefined) return error(404, [`No issue link with id '${linkId}' exists.`]);
    if (caller.kind === 'user' && !canEditIssues(present(userById(caller.accountId))))
      return error(404, ['You do not have the permission to link issues in this project.']);
    this.links.remove(linkId);
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

  // ----- search, changelogs, permissions -------------------------------------------------------------------

  private jqlValue(issue: StoredIssue, field: string): FieldValue | undefined {
    const summary = (issue.properties['flight-plan-summary'] ?? {}) as Record<string, unknown>;
    const forecast = (issue.properties['flight-plan-forecast'] ?? {}) as Record<string, unknown>;
    const alias = (path: string): FieldValue => {
      const value = path.startsWith('forecast:') ? forecast[path.slice('forecast:'.length)] : summary[path];
      return typeof value === 'number' || typeof value === 'string' ? value : Array.isArray(value) ? (value as string[]) : null;
    };
    const view = this.view;
    const status = present(view.status(issue.statusId));
    const project = present(view.project(issue.projectId));
    const issueType = present(view.issueType(issue.issueTypeId));
    const aliasPath = ALIAS_PATHS[field];
    if (aliasPath !== undefined) return alias(aliasPath);
    const appField = appFieldByJqlName(field);
    if (appField) return (issue.custom[appField.id] as FieldValue | undefined) ?? null;
    switch (field) {
      case 'project':
        return [project.key.toLowerCase(), project.id, project.name.toLowerCase()];
      case 'issuetype':
      case 'type':
        return [issueType.name, issueType.id];
      case 'status':
        return [status.name, status.id];
      case 'statuscategory':
        return statusCategoryName(status);
      case 'key':
      case 'issuekey':
        return issue.key;
      case 'issue':
        return [issue.key, issue.id];
      case 'issuelinktype':
        // The link descriptions from this issue's side ("is blocked by", "blocks"), as JQL's issueLinkType matches them.
        return this.links.describedFrom(issue).map(([description]) => description);
      case 'id':
        return Number(issue.id);
      case 'summary':
        return issue.summary;
      case 'text':
        return [issue.summary, JSON.stringify(issue.description ?? '')];
      case 'assignee':
        return issue.assigneeId;
      case 'reporter':
        return issue.reporterId;
      case 'created':
        return issue.created;
      case 'updated':
        return issue.updated;
      case 'duedate':
      case 'due':
        return issue.duedate;
      default:
        return undefined;
    }
  }

  /** Issues matching `jql`, in its order (by id when it names none). */
  query(jql: string, accountId: string | null): StoredIssue[] {
    const parsed = parseJql(jql, {
      now: this.hooks.now().getTime(),
      currentUser: accountId,
      isField: isJqlField,
      listFunction: (name, args) => (name === 'linkedissues' ? this.linkedIssues(args) : null),
    });
    const found = this.store.data.issues.filter((issue) => parsed.where({ valueOf: (field) => this.jqlValue(issue, field) }));
    const sortKey = (issue: StoredIssue, field: string): string | number => {
      const value = field === 'key' ? Number(issue.key.split('-')[1]) : this.jqlValue(issue, field);
      if (value === undefined) throw new JqlError(`Not able to sort using field '${field}'.`);
      if (Array.isArray(value)) return String(value[0] ?? '');
      return (value as string | number | null) ?? '';
    };
    return found.sort((a, b) => {
      for (const { field, descending } of parsed.orderBy) {
        const left = sortKey(a, field);
        const right = sortKey(b, field);
        if (left !== right) return (left < right ? -1 : 1) * (descending ? -1 : 1);
      }
      return Number(a.id) - Number(b.id);
    });
  }

  /**
   * JQL's `linkedIssues(issueKey[, description])`: the keys of the issues linked to the named one, only those whose link
   * reads with that description from the named issue's side (`linkedIssues("MKT-5", "is blocked by")`: MKT-5's blockers).
   */
  private linkedIssues(args: readonly string[]): string[] {
    const [ref, description] = args;
    const issue = this.find(ref ?? '');
    if (issue === undefined) throw new JqlError(`Error in the JQL Query: issue '${ref ?? ''}' does not exist.`);
    return this.links
      .describedFrom(issue)
      .filter(([said]) => description === undefined || said.toLowerCase() === description.toLowerCase())
      .map(([, key]) => key);
  }

  private search(body: Record<string, unknown>, accountId: string | null): RestResponse {
    if (typeof body['jql'] !== 'string') return error(400, ['The JQL query is required.']);
    const fields = Array.isArray(body['fields']) ? (body['fields'] as string[]) : ['id'];
    const properties = Array.isArray(body['properties']) ? (body['properties'] as string[]) : [];
    // As Jira: up to 5,000 per page when only ids or a few fields are asked for, else 100.
    const cap = fields.some((field) => field.startsWith('*')) ? 100 : 5_000;
    const size = Math.min(Math.max(Number(body['maxResults'] ?? 50), 1), cap);
    const start = body['nextPageToken'] === undefined ? 0 : Number(Buffer.from(scalarText(body['nextPageToken']), 'base64url').toString());
    if (!Number.isInteger(start) || start < 0) return error(400, ['The nextPageToken is not valid.']);
    const matches = this.query(body['jql'], accountId);
    const page = matches.slice(start, start + size).map((issue) => {
      const json = issueJson(issue, this.view, fields.join(','), null, this.links.fieldOf(issue, this.view));
      const props = Object.fromEntries(properties.filter((key) => key in issue.properties).map((key) => [key, issue.properties[key]]));
      return { id: json.id, key: json.key, self: json.self, fields: json.fields, ...(properties.length > 0 ? { properties: props } : {}) };
    });
    const more = start + size < matches.length;
    const expand = typeof body['expand'] === 'string' ? body['expand'].split(',').map((part) => part.trim()) : [];
    return {
      status: 200,
      body: {
        issues: page,
        isLast: !more,
        ...(more ? { nextPageToken: Buffer.from(String(start + size)).toString('base64url') } : {}),
        ...(expand.includes('schema') ? { schema: schemaJson() } : {}),
        ...(expand.includes('names') ? { names: Object.fromEntries(FIELDS.map((field) => [field.id, field.name])) } : {}),
      },
    };
  }

  private bulkFetch(body: Record<string, unknown>): RestResponse {
    const ids = Array.isArray(body['issueIdsOrKeys']) ? (body['issueIdsOrKeys'] as string[]) : [];
    if (ids.length === 0 || ids.length > 1_000) return error(400, ['issueIdsOrKeys must name between 1 and 1000 issues.']);
    const fieldIds = Array.isArray(body['fieldIds']) ? new Set(body['fieldIds'] as string[]) : null;
    const size = Math.min(Math.max(Number(body['maxResults'] ?? 1_000), 1), 10_000);
    const start = body['nextPageToken'] === undefined ? 0 : Number(Buffer.from(scalarText(body['nextPageToken']), 'base64url').toString());
    const entries = ids.flatMap((idOrKey) => {
      const issue = this.find(idOrKey);
      if (issue === undefined) return [];
      return issue.histories
        .map((history) => ({ ...history, items: history.items.filter((item) => fieldIds === null || fieldIds.has(item.fieldId)) }))
        .filter((history) => history.items.length > 0)
        .map((history) => ({ issueId: issue.id, history: historyJson(history) }));
    });
    const byIssue = new Map<string, unknown[]>();
    for (const { issueId, history } of entries.slice(start, start + size)) byIssue.set(issueId, [...(byIssue.get(issueId) ?? []), history]);
    const more = start + size < entries.length;
    return {
      status: 200,
      body: {
        issueChangeLogs: [...byIssue].map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
        ...(more ? { nextPageToken: Buffer.from(String(start + size)).toString('base64url') } : {}),
      },
    };
  }

  private checkPermissions(body: Record<string, unknown>, callerAccountId: string | null): RestResponse {
    // As the app, `accountId` names whom to check; as a user, a request checks that user.
    const accountId = typeof body['accountId'] === 'string' ? body['accountId'] : callerAccountId;
    const user = accountId === null ? undefined : userById(accountId);
    const granted = (permission: string): boolean => {
      if (user === undefined) return false;
      if (permission === 'BROWSE_PROJECTS') return true;
      if (['EDIT_ISSUES', 'TRANSITION_ISSUES', 'CREATE_ISSUES', 'ADD_COMMENTS'].includes(permission)) return canEditIssues(user);
      if (permission === 'ADMINISTER') return user.role === 'admin';
      return false;
    };
    const asked = (body['projectPermissions'] ?? []) as { permissions: string[]; issues?: number[]; projects?: number[] }[];
    const projectPermissions = asked.flatMap((entry) =>
      entry.permissions.map((permission) => ({
        permission,
        issues: granted(permission) ? (entry.issues ?? []).filter((id) => this.find(String(id)) !== undefined) : [],
        projects: granted(permission) ? (entry.projects ?? []).filter((id) => this.view.project(String(id)) !== undefined) : [],
      })),
    );
    const globalPermissions = ((body['globalPermissions'] ?? []) as string[]).filter(granted);
    return { status: 200, body: { globalPermissions, projectPermissions } };
  }
}
