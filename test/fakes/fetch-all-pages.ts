import type { IssueHistory } from '../../src/domain/metrics/issue-metrics';
import { fetchHistoriesPage } from '../../src/use-cases/fetch-status-histories';
import type { JiraApi } from '../../src/use-cases/jira-port';

/** Every page of a query, fetched straight from Jira: what the stored refresh must agree with. */
export const fetchAllPages = async (jira: JiraApi, jql: string): Promise<{ histories: IssueHistory[]; requests: number }> => {
  const histories: IssueHistory[] = [];
  let requests = 0;
  let token: string | undefined;
  do {
    const page = await fetchHistoriesPage(jira, jql, token);
    if (!page.ok) throw new Error(`${page.error.code}: ${page.error.message}`);
    histories.push(...page.value.histories);
    requests += page.value.requests;
    token = page.value.nextPageToken ?? undefined;
  } while (token !== undefined);
  return { histories, requests };
};
