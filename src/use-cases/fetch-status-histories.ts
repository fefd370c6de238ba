import { parseMetricsExportSkippingInvalid } from '../contracts/jira-export.schema';
import type { JiraIssue } from '../contracts/jira-schemas';
import type { IssueHistory } from '../domain/metrics/issue-metrics';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { BULK_CHANGELOG_ISSUES, SUMMARY_PROPERTY_KEY, type JiraApi, type JiraFailure } from './jira-port';

/** The fields the metrics read from each issue. */
const METRICS_FIELDS = ['created', 'duedate', 'status', 'issuelinks'] as const;

/** Minutes of overlap between refreshes, so a change that lands during one is not missed by the next. */
const OVERLAP_MINUTES = 5;

/**
 * JQL for issues changed since a watermark. An absolute date in JQL is read in the site's time
 * zone, so the watermark becomes a relative one ("-95m"), which means the same everywhere.
 */
export const changedSinceJql = (baseJql: string, since: Date | null, now: Date): string => {
  if (since === null) return baseJql;
  const minutes = Math.max(0, Math.ceil((now.getTime() - since.getTime()) / 60_000)) + OVERLAP_MINUTES;
  // The base query's ORDER BY (if any) must stay last.
  const [where, orderBy] = baseJql.split(/\s+ORDER\s+BY\s+/i);
  return `(${where}) AND updated >= "-${minutes}m"${orderBy ? ` ORDER BY ${orderBy}` : ''}`;
};

interface FetchedPage {
  readonly histories: readonly IssueHistory[];
  /** Jira requests made, for the bench and for staying inside rate limits. */
  readonly requests: number;
  /** Where the next page starts, or null after the last. */
  readonly nextPageToken: string | null;
  /** Issues left out because what Jira gave for them did not read, each with the problem. */
  readonly skipped: readonly string[];
  /** Issues counted without their summary property, which did not read, each with the problem. */
  readonly partlyRead: readonly string[];
}

/** The status changelogs of up to 1,000 issues, every page of them, and how many requests that took. */
const statusChangelogsOf = async (
  jira: JiraApi,
  ids: readonly string[],
): Promise<Result<{ readonly changelogs: unknown[]; readonly requests: number }, JiraFailure>> => {
  const changelogs: unknown[] = [];
  let requests = 0;
  let changelogToken: string | undefined;
  do {
    const changes = await jira.bulkFetchStatusChangelogs(ids, changelogToken);
    requests++;
    if (!changes.ok) return changes;
    changelogs.push(...changes.value.issueChangeLogs);
    const next = changes.value.nextPageToken ?? undefined;
    // A token Jira gives again would page without end: the read stops, said, instead of running out its time.
    if (next !== undefined && next === changelogToken)
      return failure('JIRA.BAD_RESPONSE', `changelog/bulkfetch gave the same page token twice (${next})`);
    changelogToken = next;
  } while (changelogToken !== undefined);
  return ok({ changelogs, requests });
};

/**
 * One issue's whole status history, read from Jira's changelog and parsed by the same code as the metrics refresh's
 * pages: what the panel dates a launch on, so it names the day the gadgets and the attainment refresh name, also for a
 * request that launched before the app was installed and so before its stage log began.
 */
export const fetchIssueStatusHistory = async (jira: JiraApi, issue: JiraIssue): Promise<Result<IssueHistory, JiraFailure>> => {
  const changelogs = await statusChangelogsOf(jira, [issue.id]);
  if (!changelogs.ok) return changelogs;
  const read = parseMetricsExportSkippingInvalid({ issues: [issue], changelogs: changelogs.value.changelogs });
  const history = read.ok ? read.value.issues[0] : undefined;
  if (history === undefined)
    return failure(
      'JIRA.BAD_RESPONSE',
      `the status history of ${issue.key} did not read: ${read.ok ? read.value.skipped.join('; ') : read.error.message}`,
    );
  return ok(history);
};

/**
 * Fetches one search/jql page of issues and their whole status histories: changelog/bulkfetch
 * (status only) in batches of 1,000 issues. The pages are assembled into the export shape the
 * offline command reads, and parsed by the same code.
 */
export const fetchHistoriesPage = async (jira: JiraApi, jql: string, pageToken?: string): Promise<Result<FetchedPage, Failure>> => {
  let requests = 1;
  const page = await jira.searchIssues(jql, METRICS_FIELDS, pageToken, { properties: [SUMMARY_PROPERTY_KEY] });
  if (!page.ok) return page;
  const { issues } = page.value;
  const ids = issues.map((issue) => issue.id);
  const changelogs: unknown[] = [];
  for (let start = 0; start < ids.length; start += BULK_CHANGELOG_ISSUES) {
    const batch = await statusChangelogsOf(jira, ids.slice(start, start + BULK_CHANGELOG_ISSUES));
    if (!batch.ok) return batch;
    changelogs.push(...batch.value.changelogs);
    requests += batch.value.requests;
  }
  const histories = parseMetricsExportSkippingInvalid({ issues, changelogs });
  if (!histories.ok) return histories;
  const nextPageToken = page.value.isLast === true ? null : (page.value.nextPageToken ?? null);
  const { issues: read, skipped, partlyRead } = histories.value;
  return ok({ histories: read, requests, nextPageToken, skipped, partlyRead });
};
