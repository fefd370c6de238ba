import { campaignRequestsKey, campaignRequestsSchema, MAX_CAMPAIGN_REQUESTS, type CampaignRequests } from '../contracts/crm-figures.schema';
import { parseStoredRecord } from '../contracts/flight-plan-record.schema';
import { issueFactsFrom } from '../contracts/jira-issue-facts';
import { campaignNamed } from '../domain/campaign-key';
import type { FlightPlanRecord } from '../domain/flight-plan-record';
import { jqlString } from '../domain/jql';
import { ok, type Result } from '../domain/result';
import type { JiraApi, JiraFailure } from './jira-port';
import { KEYS_PER_BATCH, storageKeys, type AppStore, type GuardedWrite } from './ports';

/** The campaign a record's figures are judged on: its plan's campaign key, or none. */
export const campaignOf = (record: FlightPlanRecord): string | null => campaignNamed(record.plan.tracking.campaignKey);

/** The stored list, or `unreadable` (taken as a list with requests missing: it is never written over). */
const storedList = (raw: unknown): CampaignRequests | null | 'unreadable' => {
  if (raw === undefined) return null;
  const parsed = campaignRequestsSchema.safeParse(raw);
  return parsed.success ? parsed.data : 'unreadable';
};

/**
 * What a save of `record` adds to its campaign's list, committed with the record (a guarded write, so two requests
 * joining a campaign at once are both kept): nothing when the list already names the request, is full or does not read.
 * Every save lists its request, so a request saved before the list existed is listed on its next save.
 */
export const campaignListing = async (store: AppStore, issueId: string, record: FlightPlanRecord): Promise<GuardedWrite | null> => {
  const campaign = campaignOf(record);
  if (campaign === null) return null;
  const key = campaignRequestsKey(campaign);
  const stored = storedList((await store.getMany([key])).get(key));
  if (stored === 'unreadable' || stored?.full === true || stored?.issueIds.includes(issueId) === true) return null;
  const issueIds = stored?.issueIds ?? [];
  const readRevision = stored?.revision ?? 0;
  const next: CampaignRequests =
    issueIds.length < MAX_CAMPAIGN_REQUESTS
      ? { campaign, revision: readRevision + 1, issueIds: [...issueIds, issueId] }
      : { campaign, revision: readRevision + 1, issueIds, full: true };
  return { key, value: next, readRevision, revision: next.revision };
};

/** Requests read per page, and pages at most, when looking by the summary property for a campaign's other requests. */
const PROPERTY_SEARCH_PAGE = 100;
const PROPERTY_SEARCH_PAGES = 10;
/** The most other requests of a campaign whose owners are asked of Jira; a campaign with more is taken as shared. */
const MAX_OTHER_REQUESTS_ASKED = 50;

/**
 * Whether a request other than `issueId` judged on `campaign` has an owner (assignee) other than `accountId`, or none:
 * figures are kept per campaign, so a figure entered into it judges every request of the campaign, and only a person who
 * owns them all may enter one. The requests are found in the app's list of the campaign, and by the summary property
 * (`flightPlanCampaign` in manifest.yml) for one saved before the list existed; each counts only when its own record
 * names the campaign, since anyone who may edit an issue may write its properties (developer.atlassian.com/cloud/jira/
 * platform/jira-entity-properties/, "Limitations"). Searched as the app, so a request the caller cannot browse counts
 * too. A campaign whose requests cannot all be read is taken as shared.
 */
export const campaignSharedWithOthers = async (
  store: AppStore,
  jira: JiraApi,
  campaign: string,
  issueId: string,
  accountId: string,
): Promise<Result<boolean, JiraFailure>> => {
  const key = campaignRequestsKey(campaign);
  const listed = storedList((await store.getMany([key])).get(key));
  if (listed === 'unreadable' || listed?.full === true) return ok(true);
  const candidates = new Set(listed?.issueIds ?? []);
  let nextPageToken: string | undefined;
  for (let page = 0; ; page++) {
    if (page === PROPERTY_SEARCH_PAGES) return ok(true);
    const found = await jira.searchIssues(`flightPlanCampaign = ${jqlString(campaign)}`, ['id'], nextPageToken, {
      maxResults: PROPERTY_SEARCH_PAGE,
    });
    if (!found.ok) return found;
    for (const issue of found.value.issues) candidates.add(issue.id);
    nextPageToken = found.value.nextPageToken ?? undefined;
    if (nextPageToken === undefined) break;
  }
  candidates.delete(issueId);
  const judged = await requestsJudgedOn(store, campaign, [...candidates]);
  if (judged.length > MAX_OTHER_REQUESTS_ASKED) return ok(true);
  // One by one, not by `id in (…)`: JQL refuses a list naming an issue that no longer exists.
  for (const id of judged) {
    const issue = await jira.getIssue(id);
    // A request Jira deleted judges nothing.
    if (!issue.ok && issue.error.code === 'JIRA.NOT_FOUND') continue;
    if (!issue.ok) return issue;
    if (issueFactsFrom(issue.value).assigneeId !== accountId) return ok(true);
  }
  return ok(false);
};

/** Of the requests given, those whose stored records name `campaign` (an unreadable record is taken to). */
const requestsJudgedOn = async (store: AppStore, campaign: string, issueIds: readonly string[]): Promise<string[]> => {
  const judged: string[] = [];
  for (let start = 0; start < issueIds.length; start += KEYS_PER_BATCH) {
    const ids = issueIds.slice(start, start + KEYS_PER_BATCH);
    const records = await store.getMany(ids.map((id) => storageKeys.record(id)));
    for (const id of ids) {
      const raw = records.get(storageKeys.record(id));
      if (raw === undefined) continue;
      const record = parseStoredRecord(raw, id);
      if (!record.ok || campaignOf(record.value) === campaign) judged.push(id);
    }
  }
  return judged;
};
