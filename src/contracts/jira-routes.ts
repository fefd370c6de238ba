/**
 * Every Jira REST operation the app calls, by name. The OpenAPI contract test walks this table,
 * and the manifest's scopes are checked against it, so a call cannot be added without both.
 * `reads: true` marks a POST that changes nothing (a search, a check): safe to send again when an
 * attempt timed out, as GET, PUT and DELETE are. Other POSTs create something, so the client never
 * repeats one whose first attempt Jira may have applied. `seeOther: true`: Jira answers with
 * 303 See Other and the long-running task it started (the body is the task).
 */
export interface JiraRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly reads?: true;
  readonly seeOther?: true;
}

export const JIRA_ROUTES = {
  getIssue: { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}' },
  // A new request created as the person who asked (an iteration of one that fell short): Jira's Create rules run on it.
  createIssue: { method: 'POST', path: '/rest/api/3/issue' },
  setAppFieldValue: { method: 'PUT', path: '/rest/api/3/app/field/{fieldIdOrKey}/value' },
  setIssueProperty: { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}' },
  deleteIssueProperty: { method: 'DELETE', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}' },
  checkPermissions: { method: 'POST', path: '/rest/api/3/permissions/check', reads: true },
  searchJql: { method: 'POST', path: '/rest/api/3/search/jql', reads: true },
  bulkFetchChangelogs: { method: 'POST', path: '/rest/api/3/changelog/bulkfetch', reads: true },
  getProject: { method: 'GET', path: '/rest/api/3/project/{projectIdOrKey}' },
  // A gadget's edit view: the projects to pick from, and Jira's own check of a JQL query before it is saved.
  searchProjects: { method: 'GET', path: '/rest/api/3/project/search' },
  parseJql: { method: 'POST', path: '/rest/api/3/jql/parse', reads: true },
  addComment: { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/comment' },
  getComments: { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/comment' },
  assignIssue: { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/assignee' },
  getTransitions: { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/transitions' },
  doTransition: { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/transitions' },
  // Issue links (dependencies between requests: "is blocked by"; iterations: "relates to").
  linkIssues: { method: 'POST', path: '/rest/api/3/issueLink' },
  deleteIssueLink: { method: 'DELETE', path: '/rest/api/3/issueLink/{linkId}' },
  bulkGetUsers: { method: 'GET', path: '/rest/api/3/user/bulk' },
  searchUsers: { method: 'GET', path: '/rest/api/3/user/search' },
  // Set up project: what it reads…
  getFields: { method: 'GET', path: '/rest/api/3/field' },
  getIssueTypes: { method: 'GET', path: '/rest/api/3/issuetype' },
  getProjectIssueTypeSchemes: { method: 'GET', path: '/rest/api/3/issuetypescheme/project' },
  searchIssueTypeSchemes: { method: 'GET', path: '/rest/api/3/issuetypescheme' },
  searchStatuses: { method: 'GET', path: '/rest/api/3/statuses/search' },
  searchWorkflows: { method: 'GET', path: '/rest/api/3/workflows/search' },
  getWorkflowCapabilities: { method: 'GET', path: '/rest/api/3/workflows/capabilities' },
  getProjectWorkflowSchemes: { method: 'GET', path: '/rest/api/3/workflowscheme/project' },
  listWorkflowSchemes: { method: 'GET', path: '/rest/api/3/workflowscheme' },
  searchScreens: { method: 'GET', path: '/rest/api/3/screens' },
  getScreenTabs: { method: 'GET', path: '/rest/api/3/screens/{screenId}/tabs' },
  getScreenTabFields: { method: 'GET', path: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields' },
  searchScreenSchemes: { method: 'GET', path: '/rest/api/3/screenscheme' },
  searchIssueTypeScreenSchemes: { method: 'GET', path: '/rest/api/3/issuetypescreenscheme' },
  getProjectIssueTypeScreenSchemes: { method: 'GET', path: '/rest/api/3/issuetypescreenscheme/project' },
  getIssueTypeScreenSchemeMappings: { method: 'GET', path: '/rest/api/3/issuetypescreenscheme/mapping' },
  // Field configurations: OpenAPI "Issue field configurations", company-managed (classic) projects only.
  getFieldConfigurations: { method: 'GET', path: '/rest/api/3/fieldconfiguration' },
  getFieldConfigurationItems: { method: 'GET', path: '/rest/api/3/fieldconfiguration/{id}/fields' },
  getFieldConfigurationSchemes: { method: 'GET', path: '/rest/api/3/fieldconfigurationscheme' },
  getFieldConfigurationSchemeMappings: { method: 'GET', path: '/rest/api/3/fieldconfigurationscheme/mapping' },
  getProjectFieldConfigurationSchemes: { method: 'GET', path: '/rest/api/3/fieldconfigurationscheme/project' },
  getTask: { method: 'GET', path: '/rest/api/3/task/{taskId}' },
  // …what Jira would say of the Create rule's expression before it is written…
  analyseExpression: { method: 'POST', path: '/rest/api/3/expression/analyse', reads: true },
  // …and what it changes (the domain's SetupRoute names).
  createIssueType: { method: 'POST', path: '/rest/api/3/issuetype' },
  addIssueTypesToScheme: { method: 'PUT', path: '/rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype' },
  createIssueTypeScheme: { method: 'POST', path: '/rest/api/3/issuetypescheme' },
  assignIssueTypeScheme: { method: 'PUT', path: '/rest/api/3/issuetypescheme/project' },
  validateWorkflowCreate: { method: 'POST', path: '/rest/api/3/workflows/create/validation', reads: true },
  createWorkflows: { method: 'POST', path: '/rest/api/3/workflows/create' },
  validateWorkflowUpdate: { method: 'POST', path: '/rest/api/3/workflows/update/validation', reads: true },
  updateWorkflows: { method: 'POST', path: '/rest/api/3/workflows/update' },
  createWorkflowScheme: { method: 'POST', path: '/rest/api/3/workflowscheme' },
  assignWorkflowScheme: { method: 'PUT', path: '/rest/api/3/workflowscheme/project' },
  switchWorkflowScheme: { method: 'POST', path: '/rest/api/3/workflowscheme/project/switch', seeOther: true },
  createScreen: { method: 'POST', path: '/rest/api/3/screens' },
  addScreenTabField: { method: 'POST', path: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields' },
  createScreenScheme: { method: 'POST', path: '/rest/api/3/screenscheme' },
  updateScreenScheme: { method: 'PUT', path: '/rest/api/3/screenscheme/{screenSchemeId}' },
  createIssueTypeScreenScheme: { method: 'POST', path: '/rest/api/3/issuetypescreenscheme' },
  addIssueTypeScreenSchemeMappings: { method: 'PUT', path: '/rest/api/3/issuetypescreenscheme/{issueTypeScreenSchemeId}/mapping' },
  assignIssueTypeScreenScheme: { method: 'PUT', path: '/rest/api/3/issuetypescreenscheme/project' },
  createFieldConfiguration: { method: 'POST', path: '/rest/api/3/fieldconfiguration' },
  updateFieldConfigurationItems: { method: 'PUT', path: '/rest/api/3/fieldconfiguration/{id}/fields' },
  createFieldConfigurationScheme: { method: 'POST', path: '/rest/api/3/fieldconfigurationscheme' },
  setFieldConfigurationSchemeMapping: { method: 'PUT', path: '/rest/api/3/fieldconfigurationscheme/{id}/mapping' },
  assignFieldConfigurationScheme: { method: 'PUT', path: '/rest/api/3/fieldconfigurationscheme/project' },
} as const satisfies Record<string, JiraRoute>;

export type JiraRouteName = keyof typeof JIRA_ROUTES;

/** Fills `{param}` placeholders (each value percent-encoded) and appends the query string (a list repeats its key). */
export const buildJiraPath = (
  name: JiraRouteName,
  params: Readonly<Record<string, string>>,
  query: Readonly<Record<string, string | readonly string[]>> = {},
): string => {
  const path = JIRA_ROUTES[name].path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined || value === '') throw new Error(`Jira route ${name} needs the path parameter "${key}"`);
    return encodeURIComponent(value);
  });
  const pairs = Object.entries(query).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[key, value]] : value.map((item) => [key, item]),
  );
  const search = new URLSearchParams(pairs).toString();
  return search === '' ? path : `${path}?${search}`;
};
