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
  bulkGetUsers: { method: 'GET', path: '/rest/api/3/user/bulk' },
  searchUsers: { method: 'GET', path: '/rest/api/3/user/search' },
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
