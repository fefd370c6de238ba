/**
 * Every Jira REST operation the app calls, by name. The OpenAPI contract test walks this table,
 * and the manifest's scopes are checked against it, so a call cannot be added without both.
 */
export const JIRA_ROUTES = {
  getIssue: { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}' },
  setAppFieldValue: { method: 'PUT', path: '/rest/api/3/app/field/{fieldIdOrKey}/value' },
  setIssueProperty: { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}' },
  checkPermissions: { method: 'POST', path: '/rest/api/3/permissions/check' },
  searchJql: { method: 'POST', path: '/rest/api/3/search/jql' },
  bulkFetchChangelogs: { method: 'POST', path: '/rest/api/3/changelog/bulkfetch' },
  getProject: { method: 'GET', path: '/rest/api/3/project/{projectIdOrKey}' },
  addComment: { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/comment' },
  assignIssue: { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/assignee' },
  getTransitions: { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/transitions' },
  doTransition: { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/transitions' },
  bulkGetUsers: { method: 'GET', path: '/rest/api/3/user/bulk' },
  searchUsers: { method: 'GET', path: '/rest/api/3/user/search' },
  // Set up project: what it reads…
  getFields: { method: 'GET', path: '/rest/api/3/field' },
  getIssueTypes: { method: 'GET', path: '/rest/api/3/issuetype' },
  getProjectIssueTypeSchemes: { method: 'GET', path: '/rest/api/3/issuetypescheme/project' },
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
  // …what Jira would say of the Create rule's expression before it is written…
  analyseExpression: { method: 'POST', path: '/rest/api/3/expression/analyse' },
  // …and what it changes (the domain's SetupRoute names).
  createIssueType: { method: 'POST', path: '/rest/api/3/issuetype' },
  addIssueTypesToScheme: { method: 'PUT', path: '/rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype' },
  validateWorkflowCreate: { method: 'POST', path: '/rest/api/3/workflows/create/validation' },
  createWorkflows: { method: 'POST', path: '/rest/api/3/workflows/create' },
  validateWorkflowUpdate: { method: 'POST', path: '/rest/api/3/workflows/update/validation' },
  updateWorkflows: { method: 'POST', path: '/rest/api/3/workflows/update' },
  createWorkflowScheme: { method: 'POST', path: '/rest/api/3/workflowscheme' },
  assignWorkflowScheme: { method: 'PUT', path: '/rest/api/3/workflowscheme/project' },
  switchWorkflowScheme: { method: 'POST', path: '/rest/api/3/workflowscheme/project/switch' },
  createScreen: { method: 'POST', path: '/rest/api/3/screens' },
  addScreenTabField: { method: 'POST', path: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields' },
  createScreenScheme: { method: 'POST', path: '/rest/api/3/screenscheme' },
  createIssueTypeScreenScheme: { method: 'POST', path: '/rest/api/3/issuetypescreenscheme' },
  addIssueTypeScreenSchemeMappings: { method: 'PUT', path: '/rest/api/3/issuetypescreenscheme/{issueTypeScreenSchemeId}/mapping' },
  assignIssueTypeScreenScheme: { method: 'PUT', path: '/rest/api/3/issuetypescreenscheme/project' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string }>;

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
  const pairs = Object.entries(query).flatMap(([key, value]): [string, string][] => (typeof value === 'string' ? [[key, value]] : value.map((item) => [key, item])));
  const search = new URLSearchParams(pairs).toString();
  return search === '' ? path : `${path}?${search}`;
};
