import { campaignRequestsKey, campaignRequestsSchema, MAX_CAMPAIGN_REQUESTS, type CampaignRequests } from '../contracts/crm-figures.schema';
import { parseStoredRecord } from '../contracts/flight-plan-record.schema';
import { issueFactsFrom } from '../contracts/jira-issue-facts';
import { figureOwnerOf, NO_PEOPLE_HISTORY } from '../domain/issue-facts';
import { issueMetrics, type StageOfStatus } from '../domain/metrics/issue-metrics';
import { fetchIssueStatusHistory } from './fetch-status-histories';
import { campaignNamed } from '../domain/campaign-key';
import type { FlightPlanRecord } from '../domain/flight-plan-record';
import { ok, type Result } from '../domain/result';
import type { JiraApi, JiraFailure } from './jira-port';
import { KEYS_PER_BATCH, StorageError, storageKeys, type AppStore, type GuardedWrite } from './ports';
import { walkedEveryRecord, walkStoredRecords, type VisitPage, type WalkRun } from './record-walk';

/** The campaign a record's figures are judged on: its plan's campaign key, or none. */
export const campaignOf = (record: FlightPlanRecord): string | null => campaignNamed(record.plan.tracking.campaignKey);

/** The stored list, or `unreadable` (taken as a list with requests missing: it is never written over). */
const storedList = (raw: unknown): CampaignRequests | null | 'unreadable' => {
  if (raw === undefined) return null;
  const parsed = campaignRequestsSchema.safeParse(raw);
  return parsed.success ? parsed.data : 'unreadable';
};

/**
 * The record as a save writes it, listed on its campaign's list: with the write that adds it to the list, committed with
 * the record (a guarded write, so two requests joining a campaign at once are both kept), and `campaignListed` naming the
 * campaign once the list names the request. Only a record whose campaign is not the one it was listed under reads the
 * list. A full list, or one that does not read, is left as it is (the campaign then counts as shared).
 */
export const listedRecord = async (
  store: AppStore,
  issueId: string,
  record: FlightPlanRecord,
): Promise<{ readonly record: FlightPlanRecord; readonly listing: GuardedWrite | null }> => {
  const campaign = campaignOf(record);
  if (campaign === null || record.campaignListed === campaign) return { record, listing: null };
  const key = campaignRequestsKey(campaign);
  const stored = storedList((await store.getMany([key])).get(key));
  if (stored === 'unreadable' || stored?.full === true) return { record, listing: null };
  const listed = { ...record, campaignListed: campaign };
  if (stored?.issueIds.includes(issueId) === true) return { record: listed, listing: null };
  const issueIds = stored?.issueIds ?? [];
  const readRevision = stored?.revision ?? 0;
  if (issueIds.length >= MAX_CAMPAIGN_REQUESTS)
    return {
      record,
      listing: { key, value: { campaign, revision: readRevision + 1, issueIds, full: true }, readRevision, revision: readRevision + 1 },
    };
  const next: CampaignRequests = { campaign, revision: readRevision + 1, issueIds: [...issueIds, issueId] };
  return { record: listed, listing: { key, value: next, readRevision, revision: next.revision } };
};

/** Lists one run of the walk below commits at most, each one KVS transaction of two operations. */
const MAX_LIST_COMMITS_PER_RUN = 100;
/** Times a list is read and written again when another writer moved it meanwhile. */
const LIST_ATTEMPTS = 3;

/**
 * Adds `issueIds` to a campaign's list, starting from `stored` (the list as read with the page's others) and read afresh
 * after a conflict: answers the commits it tried (none when the list names them all already, is full or does not read),
 * how many requests it added, and whether another writer won every attempt (they are then still to be listed). A list
 * the store refuses to write (a value over its limits) is refused again on every run: it is said, and the walk goes on
 * without it.
 */
const addToList = async (
  store: AppStore,
  campaign: string,
  issueIds: readonly string[],
  stored: CampaignRequests | null | 'unreadable',
): Promise<{ commits: number; added: number; unsettled: boolean }> => {
  const key = campaignRequestsKey(campaign);
  let commits = 0;
  for (let list = stored; ; list = storedList((await store.getMany([key])).get(key))) {
    if (list === 'unreadable' || list?.full === true) return { commits, added: 0, unsettled: false };
    const listed = new Set(list?.issueIds ?? []);
    const added = issueIds.filter((id) => !listed.has(id));
    if (added.length === 0) return { commits, added: 0, unsettled: false };
    const all = [...listed, ...added];
    const readRevision = list?.revision ?? 0;
    const next: CampaignRequests =
      all.length <= MAX_CAMPAIGN_REQUESTS
        ? { campaign, revision: readRevision + 1, issueIds: all }
        : { campaign, revision: readRevision + 1, issueIds: [...listed], full: true };
    commits++;
    try {
      const outcome = await store.commit({ guarded: [{ key, value: next, readRevision, revision: next.revision }] });
      if (outcome === 'committed') return { commits, added: next.full === true ? 0 : added.length, unsettled: false };
    } catch (error) {
      if (!(error instanceof StorageError && error.refused)) throw error;
      console.error(`the list of campaign ${campaign} could not be written, so it does not name ${added.join(', ')}`, error);
      return { commits, added: 0, unsettled: false };
    }
    // Another writer moved the list at every attempt: the walk comes back to these requests.
    if (commits === LIST_ATTEMPTS) return { commits, added: 0, unsettled: true };
  }
};

/**
 * Lists a page of stored records on their campaigns' lists, one commit per campaign, at most `commitsLeft`. The page's
 * lists are read at once (a page holds at most MAX_QUERY_PAGE records, within one read's KEYS_PER_BATCH), so a page
 * whose requests are all listed costs one read.
 */
const listPage =
  (store: AppStore): VisitPage =>
  async (entries, commitsLeft) => {
    const byCampaign = new Map<string, string[]>();
    for (const [key, raw] of entries) {
      const issueId = key.slice(storageKeys.recordsPrefix.length);
      const record = parseStoredRecord(raw, issueId);
      const campaign = record.ok ? campaignOf(record.value) : null;
      if (campaign !== null) byCampaign.set(campaign, [...(byCampaign.get(campaign) ?? []), issueId]);
    }
    const lists = await store.getMany([...byCampaign.keys()].map(campaignRequestsKey));
    let tried = 0;
    let done = 0;
    let unsettled = 0;
    // Only commits count against the run's budget: a campaign whose list already names its requests costs nothing, so
    // a run walking again what an earlier run listed gets past it (counting it would stop every run at the same place).
    for (const [campaign, issueIds] of byCampaign) {
      if (tried >= commitsLeft) break;
      const outcome = await addToList(store, campaign, issueIds, storedList(lists.get(campaignRequestsKey(campaign))));
      tried += outcome.commits;
      done += outcome.added;
      if (outcome.unsettled) unsettled += issueIds.length;
    }
    return { tried, done, unsettled };
  };

/**
 * One run of the hourly walk that lists the requests stored before the app kept campaign lists (a save lists its own
 * request; this reaches those nobody saves again). Bounded, idempotent, and goes on where the last run stopped
 * (`walkStoredRecords`). Until it has walked every record, no figure is entered by hand: a request it has not reached
 * yet could share the campaign unseen.
 */
export const listCampaignsOfStoredRecords = async (store: AppStore): Promise<WalkRun> =>
  walkStoredRecords(store, storageKeys.campaignListProgress, listPage(store), MAX_LIST_COMMITS_PER_RUN);

/** A save's short run of the walk: 20 lists committed, 200 records read (ten KVS query pages). */
const BRIEF_RUN_COMMITS = 20;
const BRIEF_RUN_READS = 200;

/**
 * A short run of the same walk, for a panel save that must know every campaign's requests: a resolver has 25 s in all
 * (developer.atlassian.com/platform/forge/limits-invocation/), so it reads at most ten KVS query pages (200 records)
 * and commits at most 20 lists, where the hourly run may take fifty and a hundred. On a new site, or one with few
 * requests, that finishes the walk.
 */
export const listCampaignsOfStoredRecordsBriefly = async (store: AppStore): Promise<WalkRun> =>
  walkStoredRecords(store, storageKeys.campaignListProgress, listPage(store), BRIEF_RUN_COMMITS, BRIEF_RUN_READS);

/** The most other requests of a campaign whose owners are asked of Jira (at once); a campaign with more counts as shared. */
const MAX_OTHER_REQUESTS_ASKED = 50;

/**
 * Who a figure entered into `campaign` from request `issueId` would speak for: `own` when every other request judged on
 * the campaign is `accountId`'s (its assignee); `shared` when one has another owner or none, since figures are kept per
 * campaign and a figure entered into it judges every request of it; `unlisted` while the hourly walk has not yet listed
 * the requests stored before the lists existed. The requests are found in the app's own list, never by the summary
 * property: anyone who may edit an issue may rewrite its properties (developer.atlassian.com/cloud/jira/platform/
 * jira-entity-properties/, "Limitations"). Each counts only while its record names the campaign; owners are asked of
 * Jira as the app, so a request the caller cannot browse counts too. A list that cannot be read, or is full, is shared.
 */
export const campaignOwnership = async (
  { store, jira, now }: { readonly store: AppStore; readonly jira: JiraApi; readonly now: Date },
  campaign: string,
  issueId: string,
  accountId: string,
  stageOf: StageOfStatus,
): Promise<Result<'own' | 'shared' | 'unlisted', JiraFailure>> => {
  if (!(await walkedEveryRecord(store, storageKeys.campaignListProgress))) return ok('unlisted');
  const judged = await othersJudgedOn(store, campaign, issueId);
  if (judged === null || judged.length > MAX_OTHER_REQUESTS_ASKED) return ok('shared');
  // One by one, not by `id in (…)`: JQL refuses a list naming an issue that no longer exists.
  const owners = await Promise.all(judged.map((id) => figureOwnerOfIssue(jira, id, stageOf, now.getTime())));
  for (const owner of owners) {
    // A request Jira deleted judges nothing.
    if (!owner.ok && owner.error.code === 'JIRA.NOT_FOUND') continue;
    if (!owner.ok) return owner;
    if (owner.value !== accountId) return ok('shared');
  }
  return ok('own');
};

/** Whom a figure entered by hand speaks for on another request (`figureOwnerOf`), by its issue and changelogs in Jira. */
const figureOwnerOfIssue = async (
  jira: JiraApi,
  issueId: string,
  stageOf: StageOfStatus,
  now: number,
): Promise<Result<string | null, JiraFailure>> => {
  const issue = await jira.getIssue(issueId);
  if (!issue.ok) return issue;
  const [people, statusHistory] = await Promise.all([jira.peopleHistory(issueId), fetchIssueStatusHistory(jira, issue.value)]);
  if (!people.ok) return people;
  if (!statusHistory.ok) return statusHistory;
  const { launchedAt } = issueMetrics(statusHistory.value, stageOf, now);
  return ok(figureOwnerOf(issueFactsFrom(issue.value, NO_PEOPLE_HISTORY).assigneeId, people.value.assigneeChanges ?? [], launchedAt));
};

/**
 * The requests other than `issueId` that the app's list names for `campaign` and whose records still name it; null when
 * the list does not read or is full, so that not all of them can be known.
 */
export const othersJudgedOn = async (store: AppStore, campaign: string, issueId: string): Promise<string[] | null> => {
  const key = campaignRequestsKey(campaign);
  const listed = storedList((await store.getMany([key])).get(key));
  if (listed === 'unreadable' || listed?.full === true) return null;
  return requestsJudgedOn(
    store,
    campaign,
    (listed?.issueIds ?? []).filter((id) => id !== issueId),
  );
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
