import { z } from 'zod';

/** `GET /rest/api/3/issue/{id}?expand=schema`: only what the app reads, the rest passes through. */
export const jiraIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.record(z.string(), z.unknown()),
  schema: z.record(z.string(), z.object({ custom: z.string().optional() }).loose()).optional(),
  /** The issue properties asked for with `properties=` (the summary the trigger mirrors). */
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type JiraIssue = z.infer<typeof jiraIssueSchema>;

export const jiraUserRefSchema = z.object({ accountId: z.string() }).loose();
export const jiraStatusSchema = z.object({ name: z.string() }).loose();

/** `POST /rest/api/3/permissions/check` answer. */
export const bulkPermissionGrantsSchema = z.object({
  globalPermissions: z.array(z.string()),
  projectPermissions: z.array(z.object({ permission: z.string(), issues: z.array(z.number()), projects: z.array(z.number()) })),
});

/** `POST /rest/api/3/search/jql`: one page of issues; the fields stay raw for the export parser. */
export const searchJqlPageSchema = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string() }).loose()),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
  /** With `expand: "schema"`: every returned field's schema, which names the app's fields. */
  schema: z.record(z.string(), z.object({ custom: z.string().optional() }).loose()).optional(),
});

/** `GET /rest/api/3/project/{key}`: only what the app reads. */
export const jiraProjectSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string().default(''),
    // "The project description, issue types, and project lead are included in all responses by default" (OpenAPI, getProject).
    issueTypes: z.array(z.object({ id: z.string(), name: z.string() }).loose()).default([]),
  })
  .loose();
export type JiraProject = z.output<typeof jiraProjectSchema>;

/** `GET /rest/api/3/project/search`: a page of the projects the caller may see (PageBeanProject). */
export const projectSearchPageSchema = z
  .object({ values: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() }).loose()), isLast: z.boolean().optional() })
  .loose();

/** `POST /rest/api/3/jql/parse`: each query with the errors and warnings Jira found (ParsedJqlQueries). */
export const parsedJqlQueriesSchema = z
  .object({
    queries: z.array(
      z.object({ query: z.string(), errors: z.array(z.string()).optional(), warnings: z.array(z.string()).optional() }).loose(),
    ),
  })
  .loose();

/** `POST /rest/api/3/changelog/bulkfetch`: one page of changelogs, kept raw for the export parser. */
export const bulkChangelogPageSchema = z.object({
  issueChangeLogs: z.array(z.object({ issueId: z.string() }).loose()),
  nextPageToken: z.string().nullish(),
});

/**
 * `POST /rest/api/3/changelog/bulkfetch` filtered by `fieldIds`: each history's author and its items. A user field's
 * item holds account IDs in `from` and `to` (and, in responses Jira Cloud gives, `tmpFromAccountId`/`tmpToAccountId`).
 */
export const fieldChangelogPageSchema = z.object({
  issueChangeLogs: z.array(
    z
      .object({
        issueId: z.string(),
        changeHistories: z.array(
          z
            .object({
              author: z.object({ accountId: z.string() }).loose().nullish(),
              created: z.string().nullish(),
              items: z.array(
                z
                  .object({
                    field: z.string().nullish(),
                    fieldId: z.string().nullish(),
                    from: z.string().nullish(),
                    to: z.string().nullish(),
                    tmpFromAccountId: z.string().nullish(),
                    tmpToAccountId: z.string().nullish(),
                  })
                  .loose(),
              ),
            })
            .loose(),
        ),
      })
      .loose(),
  ),
  nextPageToken: z.string().nullish(),
});
export type FieldChangelogPage = z.output<typeof fieldChangelogPageSchema>;

/** How a call to Jira failed, as the Jira client reports it (the UI may receive these from any resolver that reads Jira). */
export type JiraErrorCode =
  | 'JIRA.BAD_REQUEST'
  | 'JIRA.FORBIDDEN'
  | 'JIRA.NOT_FOUND'
  | 'JIRA.RATE_LIMITED'
  | 'JIRA.UNAVAILABLE'
  | 'JIRA.TIMEOUT'
  | 'JIRA.BAD_RESPONSE';
