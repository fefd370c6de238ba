import type { JiraIssue } from '../contracts/jira-schemas';
import type { IssueReadCode } from '../contracts/resolvers';
import { issueFactsFrom } from '../contracts/jira-issue-facts';
import { linksAsSeenBy } from './dependency-notices';
import { readableStageLog } from '../contracts/stage-log.schema';
import { backwardMoves, lastEntryInto, type StageLog } from '../domain/stage-log';
import type { FlightPlanRecord } from '../domain/flight-plan-record';
import type { IssueFacts } from '../domain/issue-facts';
import { workATemplateWouldReplace, type RequestTemplate } from '../domain/templates';
import { parseTemplates, templatesSeenBy } from './template-store';
import { ok, type Failure, type Result } from '../domain/result';
import { issueStateKeys, parseIssueState, type StoredIssueState } from './load-issue-state';
import { storageKeys, type AppStore } from './ports';
import type { IssuePermissions, JiraApi } from './jira-port';
import { callerMay } from './issue-access';
import type { StageHistory } from '../contracts/views/panel';

/** Who is asking, from the resolver context only: never from the payload. */
export interface Caller {
  readonly accountId: string;
  readonly issueId: string;
}

export interface PanelDeps {
  readonly jira: JiraApi;
  /** Jira as the person using the panel: the moves they make from it are theirs. */
  readonly jiraAsUser: JiraApi;
  readonly store: AppStore;
  readonly now: Date;
}

export interface Loaded {
  /** The account asking. */
  readonly caller: string;
  readonly issue: JiraIssue;
  readonly facts: IssueFacts;
  readonly permissions: IssuePermissions;
  readonly state: StoredIssueState;
  readonly history: StageHistory;
  /** Every stored template: what a save checks its name and the caps against. */
  readonly templates: readonly RequestTemplate[];
  /**
   * The templates the caller may start this request from: only while they may edit it and its plan is empty, and only
   * those saved from requests they may browse (`templatesSeenBy`). None otherwise, so none is sent to the browser.
   */
  readonly offeredTemplates: readonly RequestTemplate[];
  readonly people: Readonly<Record<string, string>>;
}

/** Every account a record mentions, so the panel can show names. */
export const accountsIn = (record: FlightPlanRecord, extra: readonly (string | null)[]): string[] => [
  ...new Set(
    [
      ...record.plan.approvers.map((approver) => approver.accountId),
      ...record.assets.flatMap((asset) => [asset.builtBy, ...asset.writers]),
      ...(record.retiredAssets ?? []).map((asset) => asset.retiredBy),
      ...Object.values(record.checks).map((check) => check.by),
      ...record.lexiconResolutions.map((resolution) => resolution.by),
      ...record.approvals.map((approval) => approval.by),
      ...record.launch.observations.map((observation) => observation.by),
      ...[record.triage?.by, record.launch.monitoringOwnerId, record.launch.observationWaiver?.by],
      ...extra,
    ].filter((id): id is string => typeof id === 'string' && id !== ''),
  ),
];

/** Counts backward moves in the stage log. */
const historyOf = (log: StageLog): StageHistory => ({
  ...backwardMoves(log),
  launchEnteredAt: lastEntryInto(log, 'launch') ?? null,
  qaEnteredAt: lastEntryInto(log, 'qa') ?? null,
});

/**
 * Permission first: nothing about an issue is read or written for a caller who cannot browse it (or edit it, for a
 * write). Then the issue as the app reads it.
 */
export const permittedIssue = async (
  deps: PanelDeps,
  caller: Caller,
  need: keyof IssuePermissions,
): Promise<Result<{ readonly permissions: IssuePermissions; readonly issue: JiraIssue }, Failure<IssueReadCode>>> => {
  const permissions = await callerMay(deps.jira, caller, need);
  if (!permissions.ok) return permissions;
  const issue = await deps.jira.getIssue(caller.issueId);
  return issue.ok ? ok({ permissions: permissions.value, issue: issue.value }) : issue;
};

/**
 * The template `templateId` as the caller may start this request from it: one the load offered them while the plan is
 * empty (Jira already asked), any stored one otherwise, for the command to say what work is in the way. Undefined: no
 * such template, or not one they may see.
 */
export const templateToStart = (loaded: Loaded, templateId: string): RequestTemplate | undefined =>
  (workATemplateWouldReplace(loaded.state.record) === null ? loaded.offeredTemplates : loaded.templates).find(
    (template) => template.id === templateId,
  );

/** The panel's load: the issue (once the caller may `need` it), its stored state, templates and people's names. */
export const load = async (
  deps: PanelDeps,
  caller: Caller,
  need: keyof IssuePermissions,
): Promise<Result<Loaded, Failure<IssueReadCode>>> => {
  const permitted = await permittedIssue(deps, caller, need);
  if (!permitted.ok) return permitted;
  const { permissions, issue } = permitted.value;
  // One storage round trip for the record, the config, the stage log and the older template list; the template keys'
  // query beside it.
  // Who owned the request before, by Jira's changelog, beside them: what every approval and decision is judged on.
  const [values, templateKeys, peopleHistory] = await Promise.all([
    deps.store.getMany([...issueStateKeys(caller.issueId), storageKeys.stageLog(caller.issueId), storageKeys.legacyTemplates]),
    deps.store.list(storageKeys.templatesPrefix),
    deps.jira.peopleHistory(caller.issueId),
  ]);
  if (!peopleHistory.ok) return peopleHistory;
  const state = parseIssueState(values, caller.issueId);
  if (!state.ok) return state;
  // A log that cannot be read counts as empty history.
  const stageLog = readableStageLog(values.get(storageKeys.stageLog(caller.issueId)));
  const read = issueFactsFrom(issue, peopleHistory.value);
  // The issue was read as the app: the checklist names only the linked requests the caller may browse.
  const facts = { ...read, links: await linksAsSeenBy(deps.jira, caller.accountId, read.links) };
  // Names are for reading only: when Jira cannot give them, the panel shows account IDs.
  const { config } = state.value.stored;
  // The approvers and triage leads too: the panel says whom an item waits on.
  const members = [...config.roles.approvers.flatMap((role) => role.members), ...config.roles.triageLeads];
  const claimApprovers = new Set(config.messagingLibrary.map((claim) => claim.approvedBy));
  const names = await deps.jira.displayNames(
    accountsIn(state.value.record, [caller.accountId, facts.assigneeId, facts.reporterId, ...members, ...claimApprovers]),
  );
  const { templates } = parseTemplates(templateKeys, values.get(storageKeys.legacyTemplates));
  const offersTemplates = permissions.edit && templates.length > 0 && workATemplateWouldReplace(state.value.record) === null;
  return ok({
    caller: caller.accountId,
    issue,
    facts,
    permissions,
    state: state.value,
    history: historyOf(stageLog),
    templates,
    offeredTemplates: offersTemplates ? await templatesSeenBy(deps.jira, caller.accountId, templates) : [],
    people: names.ok ? Object.fromEntries(names.value) : {},
  });
};
