import { BULK_CHANGELOG_ISSUES, type JiraApi } from '../adapters/jira-api';
import { parseMetricsExport } from '../contracts/jira-export.schema';
import type { IssueHistory } from '../domain/metrics/issue-metrics';
import { ok, type Failure, type Result } from '../domain/result';

/** The fields the metrics read from each issue. */
export const METRICS_FIELDS = ['created', 'duedate', 'status'] as const;

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

export interface FetchedHistories {
  readonly histories: readonly IssueHistory[];
  /** Jira requests made, for the bench and for staying inside rate limits. */
  readonly requests: number;
}

/**
 * Fetches the status histories of every issue a JQL query matches: search/jql pages for the
 * issues, then changelog/bulkfetch (status only) in batches of 1,000 issues. The pages are
 * assembled into the same export shape the offline command reads, and parsed by the same code.
 */
export const fetchStatusHistories = async (jira: JiraApi, jql: string): Promise<Result<FetchedHistories, Failure>> => {
  let requests = 0;
  const issues: unknown[] = [];
  let token: string | undefined;
  do {
    const page = await jira.searchIssues(jql, METRICS_FIELDS, token);
    requests++;
    if (!page.ok) return page;
    issues.push(...page.value.issues);
    token = page.value.isLast === true ? undefined : (page.value.nextPageToken ?? undefined);
  } while (token !== undefined);

  const ids = issues.map((issue) => (issue as { id: string }).id);
  const changelogs: unknown[] = [];
  for (let start = 0; start < ids.length; start += BULK_CHANGELOG_ISSUES) {
    const batch = ids.slice(start, start + BULK_CHANGELOG_ISSUES);
    let pageToken: string | undefined;
    do {
      const page = await jira.bulkFetchStatusChangelogs(batch, pageToken);
      requests++;
      if (!page.ok) return page;
      changelogs.push(...page.value.issueChangeLogs);
      pageToken = page.value.nextPageToken ?? undefined;
    } while (pageToken !== undefined);
  }

  const histories = parseMetricsExport({ issues, changelogs });
  return histories.ok ? ok({ histories: histories.value, requests }) : histories;
};
