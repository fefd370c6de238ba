import type { z } from 'zod';
import type { bulkChangelogPageSchema, searchJqlPageSchema, JiraErrorCode, JiraIssue, JiraProject } from '../contracts/jira-schemas';
import type { Person } from '../contracts/views/person';
import type { ProjectChoice } from '../contracts/views/gadgets';
import type { AppFieldName } from '../domain/app-fields';
import type { PeopleHistory } from '../domain/issue-facts';
import type { ForecastProperty } from '../domain/forecast/at-risk';
import type { Attainment } from '../domain/outcomes/outcomes';
import type { RecordSummary } from '../domain/record-summary';
import type { Failure, Result } from '../domain/result';

/**
 * Jira as the use cases need it: the port they call, defined here beside them. The adapter
 * (`src/adapters/jira-api.ts`) implements it over Jira's REST API; tests and the sandbox pass their own Jira.
 */

/** The issue property the summary is mirrored to (indexed by `jira:entityProperty`). */
export const SUMMARY_PROPERTY_KEY = 'flight-plan-summary';
/** The on-time band the metrics refresh mirrors for JQL, apart from the summary so neither writer overwrites the other. */
export const FORECAST_PROPERTY_KEY = 'flight-plan-forecast';
/** Each launched request's attainment, mirrored by the metrics refresh for JQL: `{"result": "missed"}`. */
export const ATTAINMENT_PROPERTY_KEY = 'flight-plan-attainment';

/** The attainment property's value. */
interface AttainmentProperty {
  readonly result: Attainment;
}

export type { JiraErrorCode };

export interface JiraFailure extends Failure<JiraErrorCode> {
  readonly status?: number;
  /** For JIRA.RATE_LIMITED: how long Jira asked us to wait, so a trigger can hand it to the platform's retry. */
  readonly retryAfterMs?: number;
  /** What Jira said when it refused the request (its `errorMessages` and field errors), for a person to read. */
  readonly jiraSays?: string;
  /**
   * A write that timed out, lost its connection or met a 5xx: Jira may have applied it. The client
   * does not send it again; the caller reads Jira to find out what happened before it does.
   */
  readonly mayHaveApplied?: true;
}

/** The Jira operations the app performs, each one typed call over the client. */
export interface JiraApi {
  /**
   * The issue with every field and the field schema (to find the app's field ids): one request.
   * `withSummary` asks for the summary property too (in `properties`), in the same request.
   */
  getIssue(issueIdOrKey: string, options?: { readonly withSummary?: boolean }): Promise<Result<JiraIssue, JiraFailure>>;
  /** The site ids of the app's custom fields (`GET /rest/api/3/field`), for searches that ask for them by id. */
  appFieldIds(): Promise<Result<Partial<Record<AppFieldName, string>>, JiraFailure>>;
  /**
   * Creates an issue from `fields` (Jira's create shape: project, issuetype, summary…), as whoever this Jira acts for;
   * the workflow's Create validators run on it as on Jira's own Create dialog. Never sent twice: a create whose answer
   * was lost may have happened (`mayHaveApplied`).
   */
  createIssue(fields: Readonly<Record<string, unknown>>): Promise<Result<{ readonly id: string; readonly key: string }, JiraFailure>>;
  /** What an account may do with an issue, asked as the app on behalf of that account. */
  issuePermissions(accountId: string, issueId: string): Promise<Result<IssuePermissions, JiraFailure>>;
  setAppFieldValue(fieldId: string, issueId: string, value: number | string | null): Promise<Result<void, JiraFailure>>;
  setSummaryProperty(issueId: string, summary: RecordSummary): Promise<Result<void, JiraFailure>>;
  /** The forecast property (FORECAST_PROPERTY_KEY): set to the value, or deleted with null. */
  setForecastProperty(issueId: string, value: ForecastProperty | null): Promise<Result<void, JiraFailure>>;
  /** The attainment property (ATTAINMENT_PROPERTY_KEY) of an issue, by id or key: set to the value, or deleted with null. */
  setAttainmentProperty(issueIdOrKey: string, value: AttainmentProperty | null): Promise<Result<void, JiraFailure>>;
  /** One page of a JQL search, with the fields named (and issue properties, field schemas, a smaller page). */
  searchIssues(
    jql: string,
    fields: readonly string[],
    nextPageToken?: string,
    options?: SearchOptions,
  ): Promise<Result<SearchPage, JiraFailure>>;
  /** A project by id or key: its name and its issue types. */
  project(projectIdOrKey: string): Promise<Result<JiraProject, JiraFailure>>;
  /** A project's id, from its key. */
  projectId(projectKey: string): Promise<Result<string, JiraFailure>>;
  /** The projects the caller may browse whose key or name has `query` in it (every one when empty), by name, at most 50. */
  searchProjects(query: string): Promise<Result<readonly ProjectChoice[], JiraFailure>>;
  /**
   * What Jira finds wrong with a JQL query as it would run it for the caller, its errors then its warnings
   * (a project or value that does not exist); empty when the query would run.
   */
  jqlProblems(jql: string): Promise<Result<readonly string[], JiraFailure>>;
  /** Whether an account holds Jira's global Administer permission; asked as the app. */
  isJiraAdmin(accountId: string): Promise<Result<boolean, JiraFailure>>;
  /** Display names of accounts (at most 50 per call), so people read names, not account IDs. */
  displayNames(accountIds: readonly string[]): Promise<Result<ReadonlyMap<string, string>, JiraFailure>>;
  /**
   * Display names of the accounts that are people's (at most 50 per call): an account Jira does not know, an app's or
   * a service desk customer's is left out. For checking who may be given a part in the app.
   */
  peopleNames(accountIds: readonly string[]): Promise<Result<ReadonlyMap<string, string>, JiraFailure>>;
  /** People whose name or email matches `query`: Atlassian accounts only (no apps), at most 10. */
  searchPeople(query: string): Promise<Result<readonly Person[], JiraFailure>>;
  /** Assigns an issue as the app (routing). */
  assignIssue(issueId: string, accountId: string): Promise<Result<void, JiraFailure>>;
  /**
   * Takes the issue's transition into one of `statusNames` (Jira's own validators run on it);
   * false when the issue has no such transition from where it is.
   */
  moveToStatus(issueId: string, statusNames: readonly string[]): Promise<Result<boolean, JiraFailure>>;
  /**
   * Links two issues with one of Jira Cloud's default link types, as the app: the link reads "<outwardIssue> blocks
   * <inwardIssue>" (or "relates to"). Jira answers a link that exists already as created, so sending it again is harmless.
   * The `POST /issueLink` shape: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/
   */
  linkIssues(type: IssueLinkTypeName, outwardIssue: string, inwardIssue: string): Promise<Result<void, JiraFailure>>;
  /** Deletes an issue link by its id (the `id` of an entry of the issue's `issuelinks` field). */
  deleteIssueLink(linkId: string): Promise<Result<void, JiraFailure>>;
  /** Adds a comment as the app; `body` is Atlassian Document Format. */
  addComment(issueId: string, body: unknown): Promise<Result<void, JiraFailure>>;
  /**
   * The plain text of the newest comments apps posted on an issue since `since` (at most a page):
   * how a caller finds whether a comment whose answer was lost was posted after all.
   */
  appCommentTexts(issueId: string, since: Date): Promise<Result<readonly string[], JiraFailure>>;
  /** The ids, among `projectIds`, of the projects an account may browse; asked as the app. */
  browsableProjects(accountId: string, projectIds: readonly string[]): Promise<Result<ReadonlySet<string>, JiraFailure>>;
  /** The ids, among `issueIds` (at most 1,000), of the issues an account may browse (project and security level); asked as the app. */
  browsableIssues(accountId: string, issueIds: readonly string[]): Promise<Result<ReadonlySet<string>, JiraFailure>>;
  /**
   * Who owned the issue (its assignees and reporters) and who changed its description, by its whole changelog: what
   * separation of duties is judged on, since anyone who may edit an issue may reassign it for a moment.
   */
  peopleHistory(issueId: string): Promise<Result<PeopleHistory, JiraFailure>>;
  /** One page of status changelogs of up to 1,000 issues. */
  bulkFetchStatusChangelogs(issueIds: readonly string[], nextPageToken?: string): Promise<Result<ChangelogPage, JiraFailure>>;
}

/** The default link types the app uses, by the name Jira Cloud gives them on a new site. */
type IssueLinkTypeName = 'Blocks' | 'Relates';

export interface IssuePermissions {
  readonly browse: boolean;
  readonly edit: boolean;
}

export type SearchPage = z.infer<typeof searchJqlPageSchema>;

export interface SearchOptions {
  readonly properties?: readonly string[];
  readonly expandSchema?: boolean;
  readonly maxResults?: number;
  /**
   * Issue ids (at most MAX_RECONCILED_ISSUES) whose latest writes the answer must reflect: search/jql is eventually
   * consistent otherwise (https://developer.atlassian.com/cloud/jira/platform/search-and-reconcile/).
   */
  readonly reconcileIssues?: readonly string[];
}
/** search/jql's most `reconcileIssues` ids ("Accepts max 50 ids", the spec's SearchAndReconcileRequestBean). */
export const MAX_RECONCILED_ISSUES = 50;
type ChangelogPage = z.infer<typeof bulkChangelogPageSchema>;

/** bulkfetch's most issues per request. */
export const BULK_CHANGELOG_ISSUES = 1_000;

/**
 * Whether Jira no longer has the issue (deleted: ids are never reused): the app, which reads every issue, is told there
 * is none (`GET /rest/api/3/issue/{issueIdOrKey}` answers 404 "if the issue is not found or the user does not have
 * permission to view it").
 */
export const deletedInJira = async (jira: Pick<JiraApi, 'getIssue'>, issueId: string): Promise<boolean> => {
  const issue = await jira.getIssue(issueId);
  return !issue.ok && issue.error.code === 'JIRA.NOT_FOUND';
};
