import type { OutcomesGadgetView, RecordFigureAnswer, RequestOutcomeView, StartedIteration } from '../contracts/views/outcomes';
import { parseStoredConfig } from '../contracts/app-config.schema';
import {
  campaignEntrySchema,
  campaignFiguresSchema,
  campaignStorageKey,
  keptEntries,
  snapshotsOf,
  sourceOf,
  sourceWords,
  type CampaignEntry,
  type ManualFigurePayload,
  type StartIterationPayload,
  MAX_CAMPAIGN_ENTRIES,
  type StoredCampaignFigures,
} from '../contracts/crm-figures.schema';
import { appFieldIds, issueFactsFrom, projectIdOf } from '../contracts/jira-issue-facts';
import { figureOwnerOf, NO_PEOPLE_HISTORY, type AssigneeChange } from '../domain/issue-facts';
import { outcomesGadgetConfigSchema } from '../contracts/gadget.schema';
import { parseStoredRecord } from '../contracts/flight-plan-record.schema';
import { INITIAL_REFRESH_STATE, refreshStateSchema } from '../contracts/metrics-store.schema';
import { scalarText } from '../contracts/scalar-text';
import {
  badJql,
  cachedView,
  cachedViewSchema,
  historiesVersion,
  MAX_JQL_REQUESTS,
  VIEWER_CACHE_EXPIRY,
  viewerCacheKey,
} from './gadget-views';
import { z } from 'zod';
import { describeZodError } from '../contracts/zod-errors';
import type { GadgetCode, IssueReadCode, RecordWriteCode, RequestSearchCode, StartIterationCode } from '../contracts/resolvers';
import { figureReporters, FIGURES_ROLE_LABEL } from '../domain/app-config';
import { toCalendarDate } from '../domain/business-days';
import { stageLookup } from '../domain/metrics/workflow-metrics';
import { issueMetrics, type IssueHistory, type StageOfStatus } from '../domain/metrics/issue-metrics';
import { SPEND } from '../domain/outcomes/catalogue';
import { parseMetricSentence, parseMetricStatement, type Indicator } from '../domain/outcomes/metric-sentence';
import { iterationDraft, iterationGrounds } from '../domain/outcomes/iteration';
import { launchDateOf, requestOutcome, type RequestOutcome } from '../domain/outcomes/outcomes';
import { periodDates, reportPeriod } from '../domain/metrics/periods';
import { outcomesView, type ViewedRequest } from '../domain/outcomes/outcomes-view';
import { addDays, campaignFigures, latestValue, type CalendarDate, type CampaignSnapshot } from '../domain/outcomes/snapshots';
import { figureKept, replaceQuestion, type KeptEntry, type ReplacedFigure } from '../domain/outcomes/kept-figures';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { checkAccess, type GadgetDeps } from './gadgets';
import { load, permittedIssue, type Caller, type Loaded, type PanelDeps } from './panel-load';
import { execute } from './panel-commands';
import { fetchIssueStatusHistory } from './fetch-status-histories';
import { mayStartIteration, type RecordCommand } from '../domain/record-commands';
import type { JiraApi, JiraFailure, SearchOptions } from './jira-port';
import { campaignOf, campaignOwnership } from './campaign-requests';
import { plainDocument } from './comments';
import { issueStateKeys, parseIssueState } from './load-issue-state';
import { KEYS_PER_BATCH, storageKeys, type AppStore } from './ports';
import { lastDeletionOf, readAllHistories } from './refresh-metrics';

/** The storage keys of the distinct campaigns named, each with its campaign. */
const campaignKeysOf = (campaigns: Iterable<string | null>): Map<string, string> =>
  new Map([...new Set(campaigns)].flatMap((campaign) => (campaign === null ? [] : [[campaignStorageKey(campaign), campaign] as const])));

/**
 * The figures of the campaigns named (those of the requests a report judges, never every campaign kept) as snapshots;
 * an unreadable campaign counts for nothing and breaks no other.
 */
export const readCampaignSnapshots = async (store: AppStore, campaigns: Iterable<string | null>): Promise<CampaignSnapshot[]> => {
  const keys = campaignKeysOf(campaigns);
  const stored = await store.getMany([...keys.keys()]);
  return [...keys].flatMap(([key, campaign]) => {
    const figures = storedFigures(stored.get(key), campaign);
    return figures === null ? [] : snapshotsOf(figures);
  });
};

/**
 * What the Outcome part needs of a request, from the issue (read once the caller may), its status history in Jira (what
 * its launch date rests on, as for the gadgets and the attainment refresh) and what the app keeps for it.
 */
const requestOf = (
  deps: PanelDeps,
  caller: Caller,
  { issue, permissions, state }: Pick<Loaded, 'issue' | 'permissions' | 'state'>,
  statusHistory: IssueHistory,
  /** Its assignee's changes, by Jira's changelog; read only for its assignee, the one person who may enter figures. */
  assigneeChanges: readonly AssigneeChange[],
) => {
  // The Outcome part judges no approval or decision: its owner is the assignee Jira names today.
  const facts = issueFactsFrom(issue, NO_PEOPLE_HISTORY);
  const { config } = state.stored;
  const campaign = campaignOf(state.record);
  const statement = parseMetricStatement(facts.successMetric, config.indicators);
  const isOwner = permissions.edit && facts.assigneeId === caller.accountId;
  const { launchedAt } = issueMetrics(statusHistory, stageLookup(config.statusMap), deps.now.getTime());
  const figureOwner = figureOwnerOf(facts.assigneeId, assigneeChanges, launchedAt);
  return {
    issue,
    facts,
    config,
    campaign,
    metric: statement?.metric ?? null,
    statement,
    launchDate: launchedAt === null ? null : toCalendarDate(new Date(launchedAt)),
    launchedAt,
    observations: state.record.launch.observations,
    /** One iteration per request: once started (or while a claim on it holds), none is offered. */
    iterationStarted: !mayStartIteration(state.record, deps.now),
    isOwner,
    /** Whom a figure entered by hand speaks for: its assignee when it launched (`figureOwnerOf`). */
    figureOwner,
    // As recordManualFigure checks it: the owner (at launch too), once a campaign is named, and one of the people who
    // enter figures.
    canRecord: isOwner && figureOwner === caller.accountId && campaign !== null && figureReporters(config.roles).includes(caller.accountId),
  };
};

/**
 * What the Outcome part shows of a request, for a reader: the issue and what is stored for it, without what only the
 * panel's writes need (templates, names, links as the caller sees them).
 */
const readRequest = async (deps: PanelDeps, caller: Caller) => {
  const permitted = await permittedIssue(deps, caller, 'browse');
  if (!permitted.ok) return permitted;
  const assignee = issueFactsFrom(permitted.value.issue, NO_PEOPLE_HISTORY).assigneeId;
  const [values, statusHistory, people] = await Promise.all([
    deps.store.getMany(issueStateKeys(caller.issueId)),
    fetchIssueStatusHistory(deps.jira, permitted.value.issue),
    assignee === caller.accountId ? deps.jira.peopleHistory(caller.issueId) : ok(NO_PEOPLE_HISTORY),
  ]);
  const state = parseIssueState(values, caller.issueId);
  if (!state.ok) return state;
  if (!statusHistory.ok) return statusHistory;
  if (!people.ok) return people;
  return ok(requestOf(deps, caller, { ...permitted.value, state: state.value }, statusHistory.value, people.value.assigneeChanges ?? []));
};

/** The request as the panel's writes load it, with its status history in Jira. */
const loadRequest = async (deps: PanelDeps, caller: Caller) => {
  const panel = await load(deps, caller, 'edit');
  if (!panel.ok) return panel;
  const statusHistory = await fetchIssueStatusHistory(deps.jira, panel.value.issue);
  if (!statusHistory.ok) return statusHistory;
  const loaded = requestOf(deps, caller, panel.value, statusHistory.value, panel.value.facts.assigneeChanges ?? []);
  return ok({ panel: panel.value, loaded });
};

/** A campaign's stored figures: none yet is an empty list at revision 0; null when what is stored does not read. */
export const storedFigures = (raw: unknown, campaign: string): StoredCampaignFigures | null => {
  if (raw === undefined) return { campaign, revision: 0, entries: [] };
  const parsed = campaignFiguresSchema.safeParse(raw);
  return parsed.success && parsed.data.campaign === campaign ? parsed.data : null;
};

type LoadedRequest = ReturnType<typeof requestOf>;

/** The request's outcome as of `now`, from its campaign's stored figures. */
const outcomeOf = (loaded: LoadedRequest, figures: StoredCampaignFigures | null, now: Date): RequestOutcome | null => {
  const { campaign } = loaded;
  const snapshots = campaign === null || figures === null ? [] : snapshotsOf(figures);
  const request = { key: loaded.facts.issueKey, campaign, metric: loaded.metric, launchDate: loaded.launchDate };
  return requestOutcome(request, campaignFigures(snapshots, toCalendarDate(now)), toCalendarDate(now));
};

/** The stored figures of the request's campaign; null without a campaign or when they do not read. */
const figuresOf = async (deps: PanelDeps, loaded: LoadedRequest): Promise<StoredCampaignFigures | null> => {
  if (loaded.campaign === null) return null;
  const key = campaignStorageKey(loaded.campaign);
  return storedFigures((await deps.store.getMany([key])).get(key), loaded.campaign);
};

/** The entries the panel lists: the campaign's newest. */
const LISTED_ENTRIES = 20;

/** Names of the people who entered or imported the listed entries; none when Jira cannot give them (the list still shows). */
const namesOfEntrants = async (deps: PanelDeps, figures: StoredCampaignFigures | null): Promise<ReadonlyMap<string, string>> => {
  const ids = [...new Set((figures?.entries ?? []).slice(-LISTED_ENTRIES).flatMap((entry) => (entry.by === undefined ? [] : [entry.by])))];
  if (ids.length === 0) return new Map();
  const names = await deps.jira.displayNames(ids);
  return names.ok ? names.value : new Map();
};

const viewOf = (
  loaded: LoadedRequest,
  figures: StoredCampaignFigures | null,
  now: Date,
  names: ReadonlyMap<string, string>,
): RequestOutcomeView => {
  const entries = figures?.entries ?? [];
  const outcome = outcomeOf(loaded, figures, now);
  const { campaign } = loaded;
  return {
    metric: loaded.metric,
    baseline: loaded.statement?.baseline ?? null,
    plannedSpend: loaded.statement?.plannedSpend ?? null,
    spent:
      campaign === null || figures === null
        ? null
        : latestValue(campaignFigures(snapshotsOf(figures), toCalendarDate(now)), campaign, SPEND),
    campaign: loaded.campaign,
    launchDate: loaded.launchDate,
    outcome,
    iteration: loaded.isOwner && !loaded.iterationStarted ? (iterationGrounds(outcome, loaded.observations)?.reason ?? null) : null,
    entries: entries
      .slice(-LISTED_ENTRIES)
      .reverse()
      .map((entry) => ({
        date: entry.date,
        values: entry.values,
        source: sourceWords(entry),
        by: entry.by === undefined ? null : (names.get(entry.by) ?? null),
      })),
    keys: [...loaded.config.indicators, { key: SPEND, label: 'spend' }],
    canRecord: loaded.canRecord,
  };
};

/** The request's outcome as of now, from its campaign's figures. */
export const readRequestOutcome = async (deps: PanelDeps, caller: Caller): Promise<Result<RequestOutcomeView, Failure<IssueReadCode>>> => {
  const loaded = await readRequest(deps, caller);
  if (!loaded.ok) return loaded;
  const figures = await figuresOf(deps, loaded.value);
  return ok(viewOf(loaded.value, figures, deps.now, await namesOfEntrants(deps, figures)));
};

/** What Jira said for people when it refused; a failure it gave no words for (an outage, a timeout) is said plainly, never as the request that met it. */
const jiraWords = (failure: JiraFailure): string =>
  failure.jiraSays ??
  (failure.code === 'JIRA.UNAVAILABLE' || failure.code === 'JIRA.TIMEOUT' ? 'Jira did not answer in time' : 'Jira did not say why');

/** Notes an iteration step on the request's record, read afresh after Jira was asked: the panel's save path, audit entry included. */
const noteIteration = async (deps: PanelDeps, caller: Caller, command: Extract<RecordCommand, { type: 'noteIteration' }>) => {
  const loaded = await load(deps, caller, 'edit');
  if (!loaded.ok) return loaded;
  return execute(deps, caller, loaded.value, command, loaded.value.state.record.revision);
};

/**
 * "Start an iteration": the request's owner, once its window ended short of its target or its launch
 * watch recorded an anomaly, files a new request pre-filled from it (summary, business context with what happened, the same
 * success metric, the owner as assignee, the launch date they choose), created as the owner so
 * Jira's Create rules (the intake gate on Create) judge it as they judge any request, and linked
 * to this one ("relates to").
 */
export const startIteration = async (
  deps: PanelDeps,
  caller: Caller,
  { dueDate }: StartIterationPayload,
): Promise<Result<StartedIteration, Failure<StartIterationCode | 'PAYLOAD.INVALID'>>> => {
  // A launch date that has passed is refused before anything is claimed or filed. The owner's today is at most a day
  // behind UTC's (the date line's west side), so only a date passed everywhere is refused here.
  if (dueDate < addDays(toCalendarDate(deps.now), -1))
    return failure('PAYLOAD.INVALID', 'The launch date of the iteration has passed: choose today or a later day');
  // The issue and its record are read once: what is checked here is what the claim commits from.
  const request = await loadRequest(deps, caller);
  if (!request.ok) return request;
  const { panel, loaded } = request.value;
  const { facts, config, issue } = loaded;
  if (facts.assigneeId !== caller.accountId)
    return failure('OUTCOME.NOT_OWNER', "only the request's owner (its assignee) starts an iteration of it");
  const outcome = outcomeOf(loaded, await figuresOf(deps, loaded), deps.now);
  const grounds = iterationGrounds(outcome, loaded.observations);
  if (grounds === null)
    return failure(
      'OUTCOME.NO_ITERATION',
      "an iteration is offered once the request's window has ended short of its target, or its launch watch recorded an anomaly",
    );
  // One iteration per request: claimed on the record (with its audit entry) before Jira is asked, so two clicks file one.
  const claimed = await execute(deps, caller, panel, { type: 'noteIteration', key: null }, panel.state.record.revision);
  if (!claimed.ok) return claimed;
  const draft = iterationDraft(
    {
      key: facts.issueKey,
      summary: scalarText(issue.fields['summary'], facts.issueKey),
      description: facts.description,
      successMetric: facts.successMetric,
    },
    grounds,
    config.indicators,
  );
  const metricField = appFieldIds(issue).successMetric;
  const created = await deps.jiraAsUser.createIssue({
    project: { id: projectIdOf(issue) },
    issuetype: { id: scalarText((issue.fields['issuetype'] as { id?: unknown } | undefined)?.id, '') },
    summary: draft.summary,
    description: plainDocument(draft.description),
    ...(metricField === undefined ? {} : { [metricField]: draft.successMetric }),
    assignee: { accountId: caller.accountId },
    duedate: dueDate,
  });
  if (!created.ok) {
    // Jira may have created it: the claim stays, so nobody files a second one before the first is looked for.
    if (created.error.mayHaveApplied)
      return failure('JIRA.UNAVAILABLE', 'Jira did not answer in time and may have created the iteration: look for it before trying again');
    await noteIteration(deps, caller, { type: 'noteIteration', key: null, letGo: true });
    return created.error.status === 400
      ? failure('OUTCOME.ITERATION_REFUSED', `Jira did not create the iteration: ${jiraWords(created.error)}`)
      : created;
  }
  const kept = await noteIteration(deps, caller, { type: 'noteIteration', key: created.value.key });
  const linked = await deps.jiraAsUser.linkIssues('Relates', facts.issueKey, created.value.key);
  return ok({
    key: created.value.key,
    warnings: [
      ...(linked.ok ? [] : [`${created.value.key} was created but not linked to ${facts.issueKey}: ${jiraWords(linked.error)}`]),
      ...(kept.ok ? [] : [`${created.value.key} was created, but this request could not note it: it may offer another iteration`]),
    ],
  });
};

/**
 * A figure entered by hand in Measure + Improve: by the request's owner only (its assignee, as Jira
 * says, never the payload) who is also in the admin's Outcome figures role, for an indicator of the
 * catalogue or spend, dated no later than today, with where it came from. It joins the campaign's
 * figures as imports and the web trigger do, and counts over a CRM's figure for the same date and
 * indicator; so when the campaign already keeps a figure there (the CRM's, another person's, their own),
 * nothing is written: the person is asked, naming that figure, where it came from and who gave it, and
 * it is replaced only once they send back the revision of the figures they were asked at (any write since,
 * even one that puts the same value back, asks again). The figures commit with an entry
 * in the request's audit trail naming who entered what and what it replaced, all or nothing, and only
 * from the revisions read, so two writers never overwrite each other.
 */
export const recordManualFigure = async (
  deps: PanelDeps,
  caller: Caller,
  figure: ManualFigurePayload,
): Promise<
  Result<
    RecordFigureAnswer,
    Failure<
      | RecordWriteCode
      | 'PAYLOAD.INVALID'
      | 'OUTCOME.NO_CAMPAIGN'
      | 'OUTCOME.NOT_OWNER'
      | 'OUTCOME.NOT_LISTED'
      | 'OUTCOME.UNREADABLE'
      | 'OUTCOME.FULL'
    >
  >
> => {
  // The issue and its record are read once: the checks below and the commit both rest on what was read here.
  const request = await loadRequest(deps, caller);
  if (!request.ok) return request;
  const { panel, loaded } = request.value;
  const { campaign, facts, config } = loaded;
  if (campaign === null)
    return failure('OUTCOME.NO_CAMPAIGN', 'the plan names no campaign key yet: figures are kept per campaign, so set it under Plan first');
  if (facts.assigneeId !== caller.accountId)
    return failure('OUTCOME.NOT_OWNER', "only the request's owner (its assignee) enters its figures by hand");
  if (loaded.figureOwner !== caller.accountId)
    return failure(
      'OUTCOME.NOT_OWNER',
      "only the request's owner when it launched (its assignee then) enters its figures by hand, and it was given to you since; a Jira admin imports the campaign's report instead",
    );
  if (!figureReporters(config.roles).includes(caller.accountId))
    return failure(
      'PERMISSION.DENIED',
      config.roles.figureReporters === undefined
        ? `only triage leads enter figures by hand until a Jira admin names people under "${FIGURES_ROLE_LABEL}" on the admin page; ask an admin to add you`
        : `only people a Jira admin named under "${FIGURES_ROLE_LABEL}" on the admin page enter figures by hand; ask an admin to add you`,
    );
  const ownership = await campaignOwnership(deps, campaign, caller.issueId, caller.accountId, stageLookup(config.statusMap));
  if (!ownership.ok) return ownership;
  if (ownership.value === 'unlisted')
    return failure(
      'OUTCOME.NOT_LISTED',
      "Flight Plan is still finding which requests share each campaign, as it does once after an update (each hourly run reads up to a thousand requests and lists up to a hundred campaigns): a figure entered now could count for a request it has not reached. Enter it once that is done, or a Jira admin imports the campaign's report",
    );
  if (ownership.value === 'shared')
    return failure(
      'OUTCOME.NOT_OWNER',
      `another request whose owner is not you also names campaign ${campaign}, and a figure entered here would count for it too: its owner enters it there, or a Jira admin imports the campaign's report`,
    );
  const { key, value, date, source } = figure;
  const label = key === SPEND ? 'spend' : config.indicators.find((indicator) => indicator.key === key)?.label;
  if (label === undefined) {
    return failure(
      'PAYLOAD.INVALID',
      `Indicator "${key}" is not in the catalogue (${config.indicators.map((indicator) => indicator.label).join(', ')}, spend)`,
    );
  }
  if (date > toCalendarDate(deps.now))
    return failure('PAYLOAD.INVALID', 'The date is after today: a figure is what the CRM showed on a day that has passed');
  const storageKey = campaignStorageKey(campaign);
  const current = storedFigures((await deps.store.getMany([storageKey])).get(storageKey), campaign);
  if (current === null)
    return failure(
      'OUTCOME.UNREADABLE',
      `the figures kept for campaign ${campaign} are unreadable; an import of the campaign's report replaces them`,
    );
  const entered = { key, label, value, date, source };
  const kept = figureKept(keptEntries(current), date, key);
  const replaced = kept === null ? null : await replacedFigure(deps, kept);
  const agreed = figure.replaces;
  if (replaced !== null && !(agreed?.revision === current.revision && agreed.date === date && agreed.key === key))
    return ok({ saved: false, replaces: { revision: current.revision, date, key }, question: replaceQuestion(entered, replaced) });
  if (current.entries.length >= MAX_CAMPAIGN_ENTRIES)
    return failure('OUTCOME.FULL', `campaign ${campaign} already holds ${MAX_CAMPAIGN_ENTRIES} figures`);
  // The project the figure is entered in: it stays there (`handFiguresStayHome`, panel-commands.ts).
  const project = projectIdOf(panel.issue);
  const entry = campaignEntrySchema.parse({
    date,
    values: { [key]: value },
    source,
    by: caller.accountId,
    at: deps.now.toISOString(),
    manual: true,
    ...(project === '' ? {} : { projectId: project }),
  });
  const next: StoredCampaignFigures = { campaign, revision: current.revision + 1, entries: [...current.entries, entry] };
  // The trail's entry commits with the figures: the panel's save path, the figures' guarded write beside the record's.
  const saved = await execute(deps, caller, panel, { type: 'noteFigure', figure: entered, replaced }, panel.state.record.revision, {
    guarded: [{ key: storageKey, value: next, readRevision: current.revision, revision: next.revision }],
    plain: new Map([figuresWrittenMark(storageKey, next.revision, deps.now)]),
  });
  if (!saved.ok)
    return saved.error.code === 'RECORD.STALE'
      ? failure('RECORD.STALE', "the campaign's figures or this Flight Plan changed while you entered this figure; enter it again")
      : saved;
  return ok({ saved: true, view: viewOf(loaded, next, deps.now, await namesOfEntrants(deps, next)), panel: saved.value });
};

/** The figure a new one would replace, as the person is asked about it and the trail records it: the entrant by name. */
const replacedFigure = async (
  deps: PanelDeps,
  { entry, value }: { readonly entry: CampaignEntry & KeptEntry; readonly value: number },
): Promise<ReplacedFigure> => {
  const names = entry.by === undefined ? null : await deps.jira.displayNames([entry.by]);
  return {
    value,
    source: sourceOf(entry),
    manual: entry.manual,
    byName: entry.by === undefined || names === null || !names.ok ? null : (names.value.get(entry.by) ?? null),
  };
};

/**
 * The id of the Success metric field on this site, looked up once per search run: a request's
 * target is read from that field, never from its summary property, which anyone who may edit the
 * issue can rewrite through Jira's REST API (`PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}`
 * asks only for Edit issues). Null when the site has no such field: then no request has a target.
 */
const successMetricFieldId = async (jira: JiraApi): Promise<Result<string | null, JiraFailure>> => {
  const ids = await jira.appFieldIds();
  return ids.ok ? ok(ids.value.successMetric ?? null) : ids;
};

/** A request as a search finds it: its key, the issue properties asked for, and its Success metric field's text. */
export type FoundRequest = { readonly key: string; readonly properties: unknown; readonly metricText: string };

/** One page of a search for requests, asking for the Success metric field (by its id) and the properties named. */
const searchRequests = async (
  jira: JiraApi,
  jql: string,
  metricFieldId: string | null,
  nextPageToken?: string,
  options: SearchOptions = {},
): Promise<Result<{ readonly found: Map<string, FoundRequest>; readonly nextPageToken?: string }, JiraFailure>> => {
  const page = await jira.searchIssues(jql, metricFieldId === null ? ['id'] : ['id', metricFieldId], nextPageToken, options);
  if (!page.ok) return page;
  const found = new Map<string, FoundRequest>();
  for (const issue of page.value.issues as { id: string; key: string; properties?: unknown; fields?: Record<string, unknown> }[]) {
    const text = metricFieldId === null ? undefined : issue.fields?.[metricFieldId];
    found.set(issue.id, { key: issue.key, properties: issue.properties, metricText: typeof text === 'string' ? text : '' });
  }
  const token = page.value.isLast === false ? (page.value.nextPageToken ?? undefined) : undefined;
  return ok({ found, ...(token === undefined ? {} : { nextPageToken: token }) });
};

/** The requests in scope with their Success metric field, as the viewer finds them. */
const requestsFound = async (
  jira: JiraApi,
  jql: string,
  metricFieldId: string | null,
  options: SearchOptions = {},
): Promise<Result<Map<string, FoundRequest>, Failure<RequestSearchCode>>> => {
  const found = new Map<string, FoundRequest>();
  let token: string | undefined;
  do {
    const page = await searchRequests(jira, jql, metricFieldId, token, options);
    if (!page.ok) return page.error.status === 400 ? badJql(page.error) : page;
    for (const [id, issue] of page.value.found) found.set(id, issue);
    if (found.size > MAX_JQL_REQUESTS)
      return failure('GADGET.TOO_MANY', `the scope holds over ${MAX_JQL_REQUESTS.toLocaleString('en')} requests; narrow it`);
    token = page.value.nextPageToken;
  } while (token !== undefined);
  return ok(found);
};

/**
 * The requests of `found` first launched on or after `from`, with what outcomes need of them: the
 * success metric their Success metric field states (read with the site's catalogue), and the tier
 * and campaign of their Flight Plan records. Anyone who may edit an issue may write its properties,
 * so the summary property is no source for a target nor for which figures a request is counted
 * under: a property that disagrees with the field is not read. Only these requests' records are read.
 */
export const launchedRequestsSince = async (
  store: AppStore,
  histories: readonly IssueHistory[],
  found: ReadonlyMap<string, FoundRequest>,
  stageOf: StageOfStatus,
  now: number,
  from: CalendarDate,
  catalogue: readonly Indicator[],
): Promise<ViewedRequest[]> => {
  const cohort = histories.flatMap((history) => {
    const issue = found.get(history.id);
    const launchDate = issue === undefined ? null : launchDateOf(history, stageOf, now);
    return issue === undefined || launchDate === null || launchDate < from ? [] : [{ id: history.id, issue, launchDate }];
  });
  const records = await store.getMany(cohort.map(({ id }) => storageKeys.record(id)));
  return cohort.map(({ id, issue, launchDate }) => {
    const raw = records.get(storageKeys.record(id));
    const record = raw === undefined ? null : parseStoredRecord(raw, id);
    const trusted = record?.ok === true ? record.value : null;
    return {
      key: issue.key,
      campaign: trusted === null ? null : campaignOf(trusted),
      metric: parseMetricSentence(issue.metricText, catalogue),
      launchDate,
      tier: trusted?.tier ?? null,
    };
  });
};

/** Ids searched for at once: a JQL `id in (…)` list stays well inside Jira's query length. */
const IDS_PER_SEARCH = 100;

/**
 * The given requests with their Success metric field (and the issue `properties` asked for), as the app finds them: for
 * an admin's site-wide report, and the attainment refresh. A failed search fails the whole, unless `skipUnanswered`:
 * then the requests of that search are left out, and the rest still come back.
 */
export const requestsWithIds = async (
  jira: JiraApi,
  ids: readonly string[],
  { properties, skipUnanswered = false }: { readonly properties?: readonly string[]; readonly skipUnanswered?: boolean } = {},
): Promise<Result<Map<string, FoundRequest>, Failure<RequestSearchCode>>> => {
  const found = new Map<string, FoundRequest>();
  if (ids.length === 0) return ok(found);
  const metricFieldId = await successMetricFieldId(jira);
  if (!metricFieldId.ok) return metricFieldId;
  for (let start = 0; start < ids.length; start += IDS_PER_SEARCH) {
    const page = await requestsFound(jira, `id in (${ids.slice(start, start + IDS_PER_SEARCH).join(', ')})`, metricFieldId.value, {
      maxResults: IDS_PER_SEARCH,
      ...(properties === undefined ? {} : { properties }),
    });
    if (!page.ok && skipUnanswered) continue;
    if (!page.ok) return page;
    for (const [id, issue] of page.value) found.set(id, issue);
  }
  return ok(found);
};

/**
 * A cached Outcomes view is computed again after this long even when nothing it rests on changed
 * (the period moves on with the date); a refresh or a change to one of its campaigns' figures comes sooner.
 */
const OUTCOMES_CACHE_TTL_MS = 60 * 60_000;

/**
 * The most campaigns a cached Outcomes view checks one by one: their revisions come back in one storage round trip (one
 * KVS batch). A view over more rests on the last figures write of any campaign instead (`storageKeys.campaignFiguresWritten`,
 * read with the view), so neither a warm load's reads nor what the cache stores grow with the campaigns a view counts.
 */
export const MAX_CAMPAIGNS_CHECKED = KEYS_PER_BATCH;

/**
 * What a write of campaign figures commits beside them, in the same transaction: which figures, at which revision, and
 * when, so no two writes leave the same mark.
 */
export const figuresWrittenMark = (storageKey: string, revision: number, now: Date): [string, string] => [
  storageKeys.campaignFiguresWritten,
  `${now.toISOString()} ${storageKey} ${String(revision)}`,
];

/** The mark as a view keeps it: "never" before the first figures write. */
const figuresWrittenOf = (raw: unknown): string => scalarText(raw, 'never');

/**
 * A cached Outcomes view: the refresh it was computed after (and the last deletion marked then), and what its campaigns'
 * figures were when it read them. Up to MAX_CAMPAIGNS_CHECKED campaigns, the revision each was committed at: every write
 * of a campaign's figures moves its revision (a guarded write), so a change to one of them, and only to one of them,
 * computes the view again. Over that, the figures mark the view read first (`lastFiguresWrite`): a change to any
 * campaign's figures computes it again. A view stored with more revisions than that (before the bound) does not read.
 */
const outcomesCacheSchema = cachedViewSchema.extend({
  campaigns: z.record(z.string(), z.number()).refine((campaigns) => Object.keys(campaigns).length <= MAX_CAMPAIGNS_CHECKED),
  lastFiguresWrite: z.string().optional(),
  /** The configuration's revision the view was made with: its catalogue and currency are the view's. */
  configRevision: z.number().optional(),
});

/** A stored configuration's revision, read without parsing the whole of it (null when it has none to read). */
const configRevisionOf = (raw: unknown): number | null => {
  // None stored is the default configuration, at revision 0 (`parseStoredConfig`).
  if (raw === undefined) return 0;
  const read = z.object({ revision: z.number() }).safeParse(raw);
  return read.success ? read.data.revision : null;
};
type OutcomesCache = z.infer<typeof outcomesCacheSchema>;

/** What a view rests on of its campaigns' figures: their revisions when few enough to check, else the figures mark read before them. */
const campaignsRestedOn = async (
  store: AppStore,
  campaignKeys: readonly string[],
  figuresWritten: string,
): Promise<Pick<OutcomesCache, 'campaigns' | 'lastFiguresWrite'>> =>
  campaignKeys.length > MAX_CAMPAIGNS_CHECKED
    ? { campaigns: {}, lastFiguresWrite: figuresWritten }
    : { campaigns: Object.fromEntries(await store.committedRevisions(campaignKeys)) };

/** Whether the figures a cached view read are unchanged: the mark it read, or every campaign still at the revision it read. */
const sameFigures = async (store: AppStore, cached: OutcomesCache, figuresWritten: string): Promise<boolean> => {
  if (cached.lastFiguresWrite !== undefined) return cached.lastFiguresWrite === figuresWritten;
  const keys = Object.keys(cached.campaigns);
  if (keys.length === 0) return true;
  const now = await store.committedRevisions(keys);
  return keys.every((key) => now.get(key) === cached.campaigns[key]);
};

/**
 * The Outcomes gadget: the four outcome indicators and the attainment rate of the requests first
 * launched in the period, against the period before, by tier, with the targets missed. The
 * requests are those the viewer's own search finds; their success metric is read from their
 * Success metric field, their tier and campaign from their Flight Plan records (anyone who may
 * edit an issue may write its properties, so no property decides what a request is judged by). Launch dates come from the
 * stored status histories, figures from the campaigns' stored figures. The view is cached per
 * viewer and configuration (the search is theirs) until a metrics refresh, a change to the figures
 * of one of its campaigns (of any campaign, for a view over more than MAX_CAMPAIGNS_CHECKED), or an hour, so a warm load
 * is two small storage reads (one for a view over more campaigns) and no Jira request.
 */
export const loadOutcomesGadget = async (
  deps: GadgetDeps,
  accountId: string,
  rawConfig: unknown,
): Promise<Result<OutcomesGadgetView, Failure<GadgetCode>>> => {
  const parsed = outcomesGadgetConfigSchema.safeParse(rawConfig ?? {});
  if (!parsed.success) return failure('GADGET.NOT_CONFIGURED', `configure this gadget: ${describeZodError(parsed.error)}`);
  const { projects, jql, tier, periodDays } = parsed.data;
  const period = reportPeriod(parsed.data.period, periodDays);
  const cacheKey = viewerCacheKey('outcomes', accountId, parsed.data);
  const accessKey = storageKeys.gadgetAccess(accountId);
  const values = await deps.store.getMany([
    storageKeys.config,
    storageKeys.metricsState,
    cacheKey,
    accessKey,
    storageKeys.lastDeletion,
    storageKeys.campaignFiguresWritten,
  ]);
  const figuresWritten = figuresWrittenOf(values.get(storageKeys.campaignFiguresWritten));
  if (!jql) {
    const access = await checkAccess(deps, accountId, projects, values.get(accessKey));
    if (!access.ok) return access;
    if (access.value !== null) await deps.store.setMany(new Map([[accessKey, access.value]]));
  }
  const state = refreshStateSchema.safeParse(values.get(storageKeys.metricsState));
  // A request Jira deleted since the view was cached leaves it on the next load, as it leaves the Workflow health view.
  const dataVersion = historiesVersion(
    (state.success ? state.data : INITIAL_REFRESH_STATE).lastCompletedAt,
    lastDeletionOf(values.get(storageKeys.lastDeletion)),
  );
  const now = deps.now.getTime();
  const cached = outcomesCacheSchema.safeParse(values.get(cacheKey));
  if (
    cached.success &&
    dataVersion !== null &&
    cached.data.dataVersion === dataVersion &&
    now - cached.data.computedAt < OUTCOMES_CACHE_TTL_MS &&
    // An admin's new catalogue or currency is computed again, not shown from a view made before it.
    cached.data.configRevision === configRevisionOf(values.get(storageKeys.config)) &&
    (await sameFigures(deps.store, cached.data, figuresWritten))
  )
    return ok(cached.data.view as OutcomesGadgetView);

  const metricFieldId = await successMetricFieldId(deps.jira);
  if (!metricFieldId.ok) return metricFieldId;
  const found = await requestsFound(deps.jiraAsUser, jql ?? `project in (${projects.join(', ')}) ORDER BY key ASC`, metricFieldId.value);
  if (!found.ok) return found;
  const stored = parseStoredConfig(values.get(storageKeys.config));
  if (!stored.ok) return stored;
  // Only requests launched in the two periods the view compares can count: their records and campaigns are all it reads.
  const launched = await launchedRequestsSince(
    deps.store,
    await readAllHistories(deps.store),
    found.value,
    stageLookup(stored.value.config.statusMap),
    now,
    periodDates(period, toCalendarDate(deps.now)).previousStart,
    stored.value.config.indicators,
  );
  const requests = launched.filter((request) => tier === 'all' || request.tier === tier);
  const campaigns = campaignKeysOf(requests.map((request) => request.campaign));
  // The revisions (or the mark) are read before the figures: a write between the two leaves the view older than its
  // campaigns, so the next load computes it again, never the other way round.
  const restedOn = await campaignsRestedOn(deps.store, [...campaigns.keys()], figuresWritten);
  const snapshots = await readCampaignSnapshots(deps.store, campaigns.values());
  const view: OutcomesGadgetView = {
    view: outcomesView(requests, snapshots, period, now),
    scope: { projects, ...(jql ? { jql } : {}), tier },
    requests: requests.length,
    indicators: stored.value.config.indicators,
    currency: stored.value.config.currency,
  };
  await deps.store.setMany(
    new Map([[cacheKey, { ...cachedView(now, dataVersion, view), ...restedOn, configRevision: stored.value.revision }]]),
    VIEWER_CACHE_EXPIRY,
  );
  return ok(view);
};
