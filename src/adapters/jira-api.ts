import { z } from 'zod';
import {
  bulkChangelogPageSchema,
  bulkPermissionGrantsSchema,
  fieldChangelogPageSchema,
  type FieldChangelogPage,
  jiraIssueSchema,
  jiraProjectSchema,
  parsedJqlQueriesSchema,
  projectSearchPageSchema,
  searchJqlPageSchema,
} from '../contracts/jira-schemas';
import { parseJiraInstant } from '../contracts/jira-time';
import { adfToText, appFieldIdsOf, PEOPLE_HISTORY_FIELDS, peopleHistoryFrom } from '../contracts/jira-issue-facts';
import { err, ok, type Result } from '../domain/result';
import type { JiraClient } from './jira-client';
import {
  ATTAINMENT_PROPERTY_KEY,
  FORECAST_PROPERTY_KEY,
  SUMMARY_PROPERTY_KEY,
  type JiraApi,
  type JiraFailure,
} from '../use-cases/jira-port';

/** The most search/jql returns per page (when only a few fields are asked for). */
const SEARCH_PAGE_SIZE = 5_000;
/** bulkfetch's most changelog entries per page (its most issues per request is the port's BULK_CHANGELOG_ISSUES). */
const BULK_CHANGELOG_PAGE_SIZE = 10_000;

/** Pages of one issue's people changelog read at most: a longer one is refused rather than read without end. */
const MAX_PEOPLE_HISTORY_PAGES = 20;

/** Comments read back to find one whose answer was lost: it is among the newest. */
const COMMENTS_READ_BACK = 50;
const commentPageSchema = z
  .object({
    comments: z
      .array(
        z
          .object({ author: z.object({ accountType: z.string().optional() }).loose().optional(), body: z.unknown(), created: z.string() })
          .loose(),
      )
      .default([]),
  })
  .loose();

/** Projects a gadget's edit view offers per search: Jira's page size for project search. */
const MAX_PROJECT_CHOICES = 50;

/** Names looked up per call: more than a Flight Plan usually mentions. */
const MAX_NAMES = 50;

const userPageSchema = z
  .object({ values: z.array(z.object({ accountId: z.string(), displayName: z.string(), accountType: z.string().optional() }).loose()) })
  .loose();

/** The users of the accounts given, as Jira finds them (GET /rest/api/3/user/bulk leaves out an account it does not know). */
const bulkUsers = async (client: JiraClient, accountIds: readonly string[]) => {
  const ids = [...new Set(accountIds)].slice(0, MAX_NAMES);
  if (ids.length === 0) return ok([]);
  const page = await client.call({
    route: 'bulkGetUsers',
    query: { accountId: ids, maxResults: String(MAX_NAMES) },
    response: userPageSchema,
  });
  return page.ok ? ok(page.value.values) : page;
};

const transitionsSchema = z
  .object({ transitions: z.array(z.object({ id: z.string(), to: z.object({ name: z.string() }).loose() }).loose()) })
  .loose();

/** The fields `GET /rest/api/3/field` lists, as far as finding the app's own needs. */
const fieldListSchema = z.array(
  z.object({ id: z.string(), schema: z.object({ custom: z.string().optional() }).loose().optional() }).loose(),
);

const userListSchema = z.array(z.object({ accountId: z.string(), displayName: z.string(), accountType: z.string().optional() }).loose());

/** An issue property the app mirrors for JQL: set to `value`, or deleted when there is none. */
const setOrDeleteProperty = (client: JiraClient, issueIdOrKey: string, propertyKey: string, value: object | null) =>
  value === null
    ? client.call<undefined>({ route: 'deleteIssueProperty', params: { issueIdOrKey, propertyKey } })
    : client.call<undefined>({ route: 'setIssueProperty', params: { issueIdOrKey, propertyKey }, body: value });

/** Jira's permission check takes at most this many projects and this many issues (OpenAPI spec, `permissions/check`). */
const MAX_PERMISSION_CHECK = 1_000;

/**
 * The ids, among `ids`, of the projects or issues an account may browse, asked of Jira as the app
 * (`POST /rest/api/3/permissions/check`: an issue's answer counts its project's permissions and its security level).
 */
const browsable = async (
  client: JiraClient,
  accountId: string,
  kind: 'projects' | 'issues',
  ids: readonly string[],
): Promise<Result<ReadonlySet<string>, JiraFailure>> => {
  const numeric = [...new Set(ids.map(Number).filter(Number.isSafeInteger))].slice(0, MAX_PERMISSION_CHECK);
  if (numeric.length === 0) return ok(new Set<string>());
  const result = await client.call({
    route: 'checkPermissions',
    body: { accountId, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], [kind]: numeric }] },
    response: bulkPermissionGrantsSchema,
  });
  if (!result.ok) return result;
  const granted = result.value.projectPermissions.filter((grant) => grant.permission === 'BROWSE_PROJECTS').flatMap((grant) => grant[kind]);
  return ok(new Set(granted.map(String)));
};

const readProject = (client: JiraClient, projectIdOrKey: string) =>
  client.call({ route: 'getProject', params: { projectIdOrKey }, response: jiraProjectSchema });

export const createJiraApi = (client: JiraClient): JiraApi => ({
  getIssue: (issueIdOrKey, options = {}) =>
    client.call({
      route: 'getIssue',
      params: { issueIdOrKey },
      query: { fields: '*all', expand: 'schema', ...(options.withSummary ? { properties: SUMMARY_PROPERTY_KEY } : {}) },
      response: jiraIssueSchema,
    }),

  async appFieldIds() {
    // Asked as whoever this Jira acts for; as the app it lists every field (OpenAPI spec, `GET /rest/api/3/field`:
    // a custom field is listed to a user who may browse a project that uses it).
    const fields = await client.call({ route: 'getFields', response: fieldListSchema });
    if (!fields.ok) return fields;
    return ok(appFieldIdsOf(fields.value.map((field) => [field.id, field.schema?.custom ?? ''] as const)));
  },

  createIssue: (fields) =>
    client.call({ route: 'createIssue', body: { fields }, response: z.object({ id: z.string(), key: z.string() }).loose() }),

  async issuePermissions(accountId, issueId) {
    const numericId = Number(issueId);
    if (!Number.isSafeInteger(numericId)) return ok({ browse: false, edit: false });
    const result = await client.call({
      route: 'checkPermissions',
      body: { accountId, projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], issues: [numericId] }] },
      response: bulkPermissionGrantsSchema,
    });
    if (!result.ok) return result;
    const granted = (permission: string): boolean =>
      result.value.projectPermissions.some((grant) => grant.permission === permission && grant.issues.includes(numericId));
    return ok({ browse: granted('BROWSE_PROJECTS'), edit: granted('EDIT_ISSUES') });
  },

  setAppFieldValue: (fieldId, issueId, value) =>
    client.call<undefined>({
      route: 'setAppFieldValue',
      params: { fieldIdOrKey: fieldId },
      // The score is the app's own bookkeeping: no changelog noise on every recomputation.
      query: { generateChangelog: 'false' },
      body: { updates: [{ issueIds: [Number(issueId)], value }] },
    }),

  searchIssues: (jql, fields, nextPageToken, options = {}) =>
    client.call({
      route: 'searchJql',
      body: {
        jql,
        fields: [...fields],
        maxResults: options.maxResults ?? SEARCH_PAGE_SIZE,
        ...(options.properties && options.properties.length > 0 ? { properties: [...options.properties] } : {}),
        ...(options.expandSchema ? { expand: 'schema' } : {}),
        ...(options.reconcileIssues && options.reconcileIssues.length > 0 ? { reconcileIssues: options.reconcileIssues.map(Number) } : {}),
        ...(nextPageToken ? { nextPageToken } : {}),
      },
      response: searchJqlPageSchema,
    }),

  async peopleHistory(issueId) {
    const pages: FieldChangelogPage[] = [];
    let nextPageToken: string | undefined;
    do {
      // A page holds up to 10,000 changes of these three fields: one page for any request people actually work on.
      if (pages.length === MAX_PEOPLE_HISTORY_PAGES)
        return err({ code: 'JIRA.BAD_RESPONSE', message: `the changelog of issue ${issueId} ran past ${MAX_PEOPLE_HISTORY_PAGES} pages` });
      const page = await client.call({
        route: 'bulkFetchChangelogs',
        body: {
          issueIdsOrKeys: [issueId],
          fieldIds: [...PEOPLE_HISTORY_FIELDS],
          maxResults: BULK_CHANGELOG_PAGE_SIZE,
          ...(nextPageToken ? { nextPageToken } : {}),
        },
        response: fieldChangelogPageSchema,
      });
      if (!page.ok) return page;
      pages.push(page.value);
      nextPageToken = page.value.nextPageToken ?? undefined;
    } while (nextPageToken !== undefined);
    return ok(peopleHistoryFrom(pages));
  },

  bulkFetchStatusChangelogs: (issueIds, nextPageToken) =>
    client.call({
      route: 'bulkFetchChangelogs',
      body: {
        issueIdsOrKeys: [...issueIds],
        fieldIds: ['status'],
        maxResults: BULK_CHANGELOG_PAGE_SIZE,
        ...(nextPageToken ? { nextPageToken } : {}),
      },
      response: bulkChangelogPageSchema,
    }),

  project: (projectIdOrKey) => readProject(client, projectIdOrKey),

  async projectId(projectKey) {
    const project = await readProject(client, projectKey);
    return project.ok ? ok(project.value.id) : project;
  },

  async searchProjects(query) {
    const page = await client.call({
      route: 'searchProjects',
      query: { ...(query === '' ? {} : { query }), action: 'browse', orderBy: 'name', maxResults: String(MAX_PROJECT_CHOICES) },
      response: projectSearchPageSchema,
    });
    return page.ok ? ok(page.value.values.map(({ key, name }) => ({ key, name }))) : page;
  },

  async jqlProblems(jql) {
    // strict: every error, and no structure when there is one (Jira's "Parse JQL query").
    const parsed = await client.call({
      route: 'parseJql',
      query: { validation: 'strict' },
      body: { queries: [jql] },
      response: parsedJqlQueriesSchema,
    });
    if (!parsed.ok) return parsed;
    const answer = parsed.value.queries[0];
    return ok([...(answer?.errors ?? []), ...(answer?.warnings ?? [])]);
  },

  async isJiraAdmin(accountId) {
    const result = await client.call({
      route: 'checkPermissions',
      body: { accountId, globalPermissions: ['ADMINISTER'] },
      response: bulkPermissionGrantsSchema,
    });
    return result.ok ? ok(result.value.globalPermissions.includes('ADMINISTER')) : result;
  },

  async displayNames(accountIds) {
    const users = await bulkUsers(client, accountIds);
    return users.ok ? ok(new Map(users.value.map((user) => [user.accountId, user.displayName]))) : users;
  },

  async peopleNames(accountIds) {
    const users = await bulkUsers(client, accountIds);
    // `accountType` is "atlassian" for a person; "app" and "customer" accounts are not (OpenAPI spec, User.accountType).
    return users.ok
      ? ok(new Map(users.value.filter((user) => user.accountType === 'atlassian').map((user) => [user.accountId, user.displayName])))
      : users;
  },

  async searchPeople(query) {
    const found = await client.call({ route: 'searchUsers', query: { query, maxResults: '10' }, response: userListSchema });
    return found.ok
      ? ok(found.value.filter((user) => user.accountType === 'atlassian').map(({ accountId, displayName }) => ({ accountId, displayName })))
      : found;
  },

  assignIssue: (issueId, accountId) =>
    client.call<undefined>({ route: 'assignIssue', params: { issueIdOrKey: issueId }, body: { accountId } }),

  async moveToStatus(issueId, statusNames) {
    const wanted = new Set(statusNames.map((name) => name.trim().toLowerCase()));
    const offered = await client.call({ route: 'getTransitions', params: { issueIdOrKey: issueId }, response: transitionsSchema });
    if (!offered.ok) return offered;
    const transition = offered.value.transitions.find((candidate) => wanted.has(candidate.to.name.trim().toLowerCase()));
    if (transition === undefined) return ok(false);
    const moved = await client.call<undefined>({
      route: 'doTransition',
      params: { issueIdOrKey: issueId },
      body: { transition: { id: transition.id } },
    });
    return moved.ok ? ok(true) : moved;
  },

  linkIssues: (type, outwardIssue, inwardIssue) =>
    client.call<undefined>({
      route: 'linkIssues',
      body: { type: { name: type }, outwardIssue: { key: outwardIssue }, inwardIssue: { key: inwardIssue } },
    }),

  deleteIssueLink: (linkId) => client.call<undefined>({ route: 'deleteIssueLink', params: { linkId } }),

  async addComment(issueId, body) {
    const posted = await client.call({
      route: 'addComment',
      params: { issueIdOrKey: issueId },
      body: { body },
      response: z.object({ id: z.string() }).loose(),
    });
    return posted.ok ? ok(undefined) : posted;
  },

  async appCommentTexts(issueId, since) {
    const page = await client.call({
      route: 'getComments',
      params: { issueIdOrKey: issueId },
      query: { orderBy: '-created', maxResults: String(COMMENTS_READ_BACK) },
      response: commentPageSchema,
    });
    if (!page.ok) return page;
    return ok(
      page.value.comments
        .filter((comment) => comment.author?.accountType === 'app' && parseJiraInstant(comment.created) >= since.getTime())
        .map((comment) => adfToText(comment.body)),
    );
  },

  browsableProjects: (accountId, projectIds) => browsable(client, accountId, 'projects', projectIds),
  browsableIssues: (accountId, issueIds) => browsable(client, accountId, 'issues', issueIds),

  setSummaryProperty: (issueId, summary) =>
    client.call<undefined>({
      route: 'setIssueProperty',
      params: { issueIdOrKey: issueId, propertyKey: SUMMARY_PROPERTY_KEY },
      body: summary,
    }),
  setForecastProperty: (issueId, value) => setOrDeleteProperty(client, issueId, FORECAST_PROPERTY_KEY, value),
  setAttainmentProperty: (issueIdOrKey, value) => setOrDeleteProperty(client, issueIdOrKey, ATTAINMENT_PROPERTY_KEY, value),
});
