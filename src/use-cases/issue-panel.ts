import type { JiraIssue } from '../contracts/jira-schemas';
import { auditPageQuerySchema, commandFromPayload, peopleQuerySchema, type CommandKey } from '../contracts/resolver-contract';
import { appFieldIds, issueFactsFrom } from '../contracts/jira-issue-facts';
import { readableStageLog } from '../contracts/stage-log.schema';
import { backwardMoves, lastEntryInto } from '../domain/stage-log';
import { isMemberOf, roleLabel, stageOfStatus } from '../domain/app-config';
import { approvalEventsOf } from '../domain/approval-events';
import { awaitedApprovers, pathProgress } from '../domain/approval-paths';
import { businessDaysBetween } from '../domain/business-days';
import { approvalsWithStanding } from '../domain/approvals';
import type { Stage } from '../domain/stages';
import { reviewLexicon, staleResolutions } from '../domain/copy-review';
import { effectiveTier } from '../domain/gates/evaluate-gate';
import type { Tier } from '../domain/tiers';
import type { FlightPlanRecord } from '../domain/flight-plan-record';
import { hasOlderPages, pagesOfMovedTrail, revisionsOfPage, type AuditPage } from '../domain/audit-trail';
import { auditPageSchema } from '../contracts/flight-plan-record.schema';
import type { IssueFacts } from '../domain/issue-facts';
import { applyCommand, type RecordCommand } from '../domain/record-commands';
import { approvalConflict, approvalConflictMessage, triageConflict } from '../domain/separation-of-duties';
import { TRIAGE_MOVE_STATUS, type TriageMove } from '../domain/triage-move';
import { mentionComment } from './comments';
import { MAX_TEMPLATES, templateFrom, type RequestTemplate } from '../domain/templates';
import { applyTemplatePayloadSchema, saveTemplatePayloadSchema } from '../contracts/templates.schema';
import { parseTemplates } from './template-store';
import { describeZodErrorForPerson } from '../contracts/zod-errors';
import { routingRuleFor } from '../domain/routing';
import { isGovernanceAction, quarterOf } from '../domain/quarterly-audit';
import { observationSchedule } from '../domain/reminders';
import { evaluateRecord } from '../domain/record-summary';
import { err, failure, ok, type Failure, type Result } from '../domain/result';
import { checkAssetUtms } from '../domain/utm-check';
import { scoreTriage, suggestTier } from '../domain/triage-score';
import { issueStateKeys, parseIssueState, type StoredIssueState } from './load-issue-state';
import { MAX_VALUE_BYTES, serializedSize, storageKeys, type AppStore } from './ports';
import type { IssuePermissions, JiraApi } from './jira-port';
import type { Person } from '../contracts/views/person';
import type {
  AuditTrailView,
  StageHistory,
  ApprovalView,
  PanelView,
  ApprovalPathView,
  ApprovalStepView,
  CallerRoleView,
} from '../contracts/views/panel';

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

interface Loaded {
  /** The account asking. */
  readonly caller: string;
  readonly issue: JiraIssue;
  readonly facts: IssueFacts;
  readonly permissions: IssuePermissions;
  readonly state: StoredIssueState;
  readonly history: StageHistory;
  readonly templates: readonly RequestTemplate[];
  readonly people: Readonly<Record<string, string>>;
}

/** Every account a record mentions, so the panel can show names. */
const accountsIn = (record: FlightPlanRecord, extra: readonly (string | null)[]): string[] => [
  ...new Set(
    [
      ...record.plan.approvers.map((approver) => approver.accountId),
      ...record.assets.flatMap((asset) => [asset.builtBy, ...asset.writers]),
      ...Object.values(record.checks).map((check) => check.by),
      ...record.lexiconResolutions.map((resolution) => resolution.by),
      ...record.approvals.map((approval) => approval.by),
      ...record.launch.observations.map((observation) => observation.by),
      ...[record.triage?.by, record.launch.monitoringOwnerId, record.launch.observationWaiver?.by],
      ...extra,
    ].filter((id): id is string => typeof id === 'string' && id !== ''),
  ),
];

/** Counts backward moves in the stage log; a log that cannot be read counts as empty history. */
const historyOf = (rawLog: unknown): StageHistory => {
  const log = readableStageLog(rawLog);
  return { ...backwardMoves(log), launchEnteredAt: lastEntryInto(log, 'launch') ?? null, qaEnteredAt: lastEntryInto(log, 'qa') ?? null };
};

/**
 * One page of the request's audit trail, newest first, for a caller who can see the issue: the record says its
 * revision, and the page's revisions are read by key in one round trip. A record that still carries its trail inside
 * it (stored before the trail moved out) is paged the same way, as its next write will store it.
 */
export const readAuditTrail = async (deps: PanelDeps, caller: Caller, payload: unknown): Promise<Result<AuditTrailView, Failure>> => {
  const parsed = auditPageQuerySchema.safeParse(payload ?? {});
  if (!parsed.success) return failure('PAYLOAD.INVALID', describeZodErrorForPerson(parsed.error));
  const permissions = await deps.jira.issuePermissions(caller.accountId, caller.issueId);
  if (!permissions.ok) return permissions;
  if (!permissions.value.browse) return failure('PERMISSION.DENIED', 'you cannot see this issue');
  const state = parseIssueState(await deps.store.getMany(issueStateKeys(caller.issueId)), caller.issueId);
  if (!state.ok) return state;
  const { record, legacyAudit } = state.value;
  const { page } = parsed.data;
  const revisions = revisionsOfPage(record.revision, page);
  const pages: ReadonlyMap<number, unknown> =
    legacyAudit.length > 0
      ? new Map(pagesOfMovedTrail(legacyAudit, record.revision).map((moved) => [moved.revision, moved.page]))
      : new Map(
          [...(await deps.store.getMany(revisions.map((revision) => storageKeys.auditPage(caller.issueId, revision))))].map(
            ([key, value]) => [revisionOfAuditKey(key), value],
          ),
        );
  // A page that cannot be read is left out, not the trail.
  const entries = revisions.flatMap((revision) => {
    const stored = auditPageSchema.safeParse(pages.get(revision));
    return stored.success ? [...stored.data.entries].reverse() : [];
  });
  const names = await deps.jira.displayNames([...new Set(entries.map((entry) => entry.by))]);
  return ok({ entries, page, hasOlder: hasOlderPages(record.revision, page), people: names.ok ? Object.fromEntries(names.value) : {} });
};

const revisionOfAuditKey = (key: string): number => Number(key.slice(key.lastIndexOf(':') + 1));

/** Permission first: nothing about an issue is read or written for a caller who cannot browse it. */
const load = async (deps: PanelDeps, caller: Caller, need: keyof IssuePermissions): Promise<Result<Loaded, Failure>> => {
  const permissions = await deps.jira.issuePermissions(caller.accountId, caller.issueId);
  if (!permissions.ok) return permissions;
  if (!permissions.value[need]) {
    return failure('PERMISSION.DENIED', need === 'edit' ? 'you do not have permission to edit this issue' : 'you cannot see this issue');
  }
  const issue = await deps.jira.getIssue(caller.issueId);
  if (!issue.ok) return issue;
  // One storage round trip for the record, the config, the stage log and the older template list; the template keys'
  // query beside it.
  const [values, templateKeys] = await Promise.all([
    deps.store.getMany([...issueStateKeys(caller.issueId), storageKeys.stageLog(caller.issueId), storageKeys.legacyTemplates]),
    deps.store.list(storageKeys.templatesPrefix),
  ]);
  const state = parseIssueState(values, caller.issueId);
  if (!state.ok) return state;
  const facts = issueFactsFrom(issue.value);
  // Names are for reading only: when Jira cannot give them, the panel shows account IDs.
  const { config } = state.value.stored;
  const members = config.roles.approvers.flatMap((role) => role.members);
  const claimApprovers = new Set(config.messagingLibrary.map((claim) => claim.approvedBy));
  const names = await deps.jira.displayNames(
    accountsIn(state.value.record, [caller.accountId, facts.assigneeId, facts.reporterId, ...members, ...claimApprovers]),
  );
  return ok({
    caller: caller.accountId,
    issue: issue.value,
    facts,
    permissions: permissions.value,
    state: state.value,
    history: historyOf(values.get(storageKeys.stageLog(caller.issueId))),
    templates: parseTemplates(templateKeys, values.get(storageKeys.legacyTemplates)).templates,
    people: names.ok ? Object.fromEntries(names.value) : {},
  });
};

const approvalViews = (record: FlightPlanRecord, loaded: Loaded): ApprovalView[] => {
  const { roles } = loaded.state.stored.config;
  return approvalsWithStanding(record, loaded.facts, roles).map(({ approval, standing }) => ({
    role: approval.role,
    roleLabel: roleLabel(roles, approval.role),
    by: approval.by,
    at: approval.at,
    state: standing.kind,
    ...(standing.kind === 'stale' && standing.changedAt !== null ? { changedAt: standing.changedAt } : {}),
    ...(standing.kind === 'void' ? { why: approvalConflictMessage(standing.conflict, approval.role, roles) } : {}),
  }));
};

const approvalPathView = (record: FlightPlanRecord, loaded: Loaded, tier: Tier, now: Date): ApprovalPathView => {
  const { config } = loaded.state.stored;
  const { roles } = config;
  const qaEnteredAt = loaded.history.qaEnteredAt;
  const progress = pathProgress(config.approvalPaths[tier], record, loaded.facts, roles, qaEnteredAt);
  const steps = progress.steps.map((step): ApprovalStepView => {
    const end = step.completedAt === null ? now.getTime() : Date.parse(step.completedAt);
    const waitedMs = step.dueSince === null ? null : Math.max(0, end - Date.parse(step.dueSince));
    const waitedDays = step.dueSince === null || step.complete ? 0 : businessDaysBetween(new Date(step.dueSince), now, config);
    return {
      role: step.role,
      roleLabel: roleLabel(roles, step.role),
      required: step.required,
      approvedBy: step.counted.map(({ by, at }) => ({ by, at })),
      state: step.complete ? 'done' : step.dueSince !== null ? 'waiting' : qaEnteredAt === null ? 'not-due' : 'after-earlier',
      waitedMs,
      overdue: waitedDays > config.approvalSlaBusinessDays,
      next: step.complete ? [] : awaitedApprovers(step, record, loaded.facts, roles),
    };
  });
  return { tier, order: progress.order, steps, slaBusinessDays: config.approvalSlaBusinessDays };
};

const callerRoleViews = (record: FlightPlanRecord, loaded: Loaded): CallerRoleView[] => {
  const { roles } = loaded.state.stored.config;
  const current = approvalsWithStanding(record, loaded.facts, roles).filter(
    ({ approval, standing }) => approval.by === loaded.caller && standing.kind === 'current',
  );
  return roles.approvers
    .filter((role) => isMemberOf(roles, role.key, loaded.caller))
    .map((role) => {
      const conflict = approvalConflict(loaded.caller, role.key, record, loaded.facts, roles);
      return {
        role: role.key,
        roleLabel: role.label,
        refusal: conflict === null ? null : approvalConflictMessage(conflict, role.key, roles),
        approved: current.some(({ approval }) => approval.role === role.key),
      };
    });
};

const viewOf = (loaded: Loaded, record: FlightPlanRecord, now: Date, warnings: readonly string[]): PanelView => {
  const { config } = loaded.state.stored;
  const stage = stageOfStatus(loaded.facts.status, config.statusMap);
  const review = { facts: loaded.facts, config };
  // Judged at the tier the QA gate will use, so the panel and the gate agree.
  const lexicon = reviewLexicon(record, review, effectiveTier('qa', record, loaded.facts), now);
  return {
    issueKey: loaded.facts.issueKey,
    facts: loaded.facts,
    stage,
    history: loaded.history,
    naming: config.naming,
    record,
    canEdit: loaded.permissions.edit,
    evaluation: evaluateRecord(record, loaded.facts, config, now, stage, { launchEnteredAt: loaded.history.launchEnteredAt }),
    triage: { score: scoreTriage(loaded.facts.scores, config.triage), suggestedTier: suggestTier(loaded.facts.scores) },
    lexiconHits: lexicon.hits,
    unresolvedLexiconHits: lexicon.unresolved,
    libraryCitations: lexicon.resolvedByLibrary,
    staleResolutions: staleResolutions(record, review),
    approvals: approvalViews(record, loaded),
    approvalPath: approvalPathView(record, loaded, effectiveTier('qa', record, loaded.facts), now),
    callerRoles: callerRoleViews(record, loaded),
    roles: config.roles.approvers,
    canTriage: loaded.permissions.edit && triageConflict(loaded.caller, loaded.facts, config.roles) === null,
    utm: checkAssetUtms(record.assets, record.plan.tracking.campaignKey, config.utm),
    people: loaded.people,
    templates: loaded.templates.map((template) => ({ id: template.id, name: template.name, fromKey: template.fromKey })),
    observations: observationSchedule(
      record.launch,
      loaded.history.launchEnteredAt === null ? null : new Date(loaded.history.launchEnteredAt),
      now,
    ),
    warnings,
  };
};

export const readPanel = async (deps: PanelDeps, caller: Caller): Promise<Result<PanelView, Failure>> => {
  const loaded = await load(deps, caller, 'browse');
  return loaded.ok ? ok(viewOf(loaded.value, loaded.value.state.record, deps.now, [])) : loaded;
};

/**
 * Runs one write resolver: parse the payload, check the caller may edit the issue, apply the
 * command to the record, save it, then mirror the tier field and the summary property.
 * Any refusal happens before the write, so a refused call changes nothing.
 */
export const runCommand = async (
  deps: PanelDeps,
  caller: Caller,
  key: CommandKey,
  payload: unknown,
): Promise<Result<PanelView, Failure>> => {
  const parsed = commandFromPayload(key, payload);
  if (!parsed.ok) return parsed;
  const loaded = await load(deps, caller, 'edit');
  if (!loaded.ok) return loaded;
  return execute(deps, caller, loaded.value, parsed.value.command, parsed.value.expectedRevision);
};

const savedSinceOpened = () =>
  failure('RECORD.STALE', 'someone saved this Flight Plan since you opened it; reload to see their change, then make yours again');

/** Applies a parsed command to a loaded request; every refusal comes before the write. */
const execute = async (
  deps: PanelDeps,
  caller: Caller,
  loaded: Loaded,
  command: RecordCommand,
  expectedRevision: number,
  alongside: ReadonlyMap<string, unknown> = new Map(),
): Promise<Result<PanelView, Failure>> => {
  const { state, facts } = loaded;
  if (expectedRevision !== state.record.revision) return savedSinceOpened();

  const actor = {
    accountId: caller.accountId,
    now: deps.now,
    assigneeId: facts.assigneeId,
    reporterId: facts.reporterId,
    description: facts.description,
    scores: facts.scores,
    launchEnteredAt: loaded.history.launchEnteredAt,
  };
  const changed = applyCommand(state.record, command, actor, state.stored.config);
  if (!changed.ok) return changed;
  const { record, entry } = changed.value;
  if (serializedSize(record) > MAX_VALUE_BYTES) {
    return failure('RECORD.TOO_LARGE', 'this Flight Plan has grown past the 240 KiB app storage limit; shorten copy or remove assets');
  }

  // The audit entry commits with the record, under the revision it made: both or neither. A record that still carries
  // its trail inside it has it moved out by this same commit (the record written drops it).
  const recordKey = storageKeys.record(caller.issueId);
  const writes = new Map<string, unknown>(alongside);
  for (const moved of pagesOfMovedTrail(state.legacyAudit, state.record.revision))
    writes.set(storageKeys.auditPage(caller.issueId, moved.revision), moved.page);
  writes.set(storageKeys.auditPage(caller.issueId, record.revision), { entries: [entry] } satisfies AuditPage);
  // A governance decision, and what the change did to approvals, are also kept by quarter for the audit, in the same storage round trip.
  const quarter = quarterOf(deps.now);
  if (isGovernanceAction(entry.action)) {
    writes.set(storageKeys.governance(quarter, caller.issueId, deps.now.getTime()), {
      key: facts.issueKey,
      by: entry.by,
      at: entry.at,
      action: entry.action,
      detail: entry.detail,
    });
  }
  approvalEventsOf(
    state.record,
    record,
    facts.issueKey,
    facts,
    state.stored.config,
    effectiveTier('qa', state.record, facts),
    loaded.history.qaEnteredAt,
    deps.now,
  ).forEach((event, n) => {
    writes.set(storageKeys.approvalEvent(quarter, caller.issueId, `r${record.revision}-${n}`), event);
  });
  // The record commits only from the revision read: of two saves from the same revision, one is refused, none lost.
  const outcome = await deps.store.commit({
    guarded: [{ key: recordKey, value: record, readRevision: state.record.revision, revision: record.revision }],
    plain: writes,
  });
  if (outcome === 'conflict') return savedSinceOpened();

  // People the change brought into the record (a new approver, say) are named too.
  const unnamed = accountsIn(record, []).filter((id) => !(id in loaded.people));
  const names = unnamed.length === 0 ? null : await deps.jira.displayNames(unnamed);
  const people = names !== null && names.ok ? { ...loaded.people, ...Object.fromEntries(names.value) } : loaded.people;
  const view = viewOf({ ...loaded, people }, record, deps.now, []);
  const warnings: string[] = [];
  const tierFieldId = appFieldIds(loaded.issue).tier;
  if (record.tier !== state.record.tier && record.tier !== undefined) {
    const mirrored = tierFieldId
      ? await deps.jira.setAppFieldValue(tierFieldId, caller.issueId, record.tier)
      : err({ message: 'the Governance tier field is not on this issue' });
    if (!mirrored.ok) warnings.push(`the tier was saved but not copied to the Governance tier field: ${mirrored.error.message}`);
  }
  // Routing: when triage accepts, the request goes to the person the admin's rules name.
  if (command.type === 'decideTriage' && command.decision === 'accept') {
    const rule = routingRuleFor(record, facts.labels, state.stored.config.routing);
    if (rule !== null && rule.assigneeId !== facts.assigneeId) {
      const assigned = await deps.jira.assignIssue(caller.issueId, rule.assigneeId);
      if (!assigned.ok) warnings.push(`accepted, but not assigned to ${rule.assigneeId} by the routing rules: ${assigned.error.message}`);
    }
  }
  if (command.type === 'decideTriage' && command.decision !== 'accept') {
    warnings.push(...(await moveByDecision(deps, caller, loaded, command.decision, command.reason ?? '', people)));
  }
  const summary = await deps.jira.setSummaryProperty(caller.issueId, view.evaluation.summary);
  if (!summary.ok) warnings.push(`the change was saved but the JQL summary was not updated: ${summary.error.message}`);
  return ok({ ...view, warnings });
};

/**
 * A triage lead's wait or decline, carried out: the panel moves the request as the lead (the Wait
 * and Decline transitions' validator finds the decision just recorded), and the requester is told
 * the reason in a comment. Failures are warnings: the decision itself is saved.
 */
const moveByDecision = async (
  deps: PanelDeps,
  caller: Caller,
  loaded: Loaded,
  move: TriageMove,
  reason: string,
  people: Readonly<Record<string, string>>,
): Promise<string[]> => {
  const warnings: string[] = [];
  const status = TRIAGE_MOVE_STATUS[move];
  const { statusMap } = loaded.state.stored.config;
  const moved = await deps.jiraAsUser.moveToStatus(caller.issueId, statusMap[move === 'wait' ? 'waiting' : 'declined']);
  if (!moved.ok) warnings.push(`the decision was saved, but the request was not moved to ${status}: ${moved.error.message}`);
  else if (!moved.value) warnings.push(`the decision was saved, but the request cannot move to ${status} from ${loaded.facts.status}`);
  const lead = people[caller.accountId] ?? 'a triage lead';
  const told = await deps.jira.addComment(
    caller.issueId,
    mentionComment(loaded.facts.reporterId, `${lead} decided that this request ${move === 'wait' ? 'waits' : 'is declined'}: ${reason}`),
  );
  if (!told.ok) warnings.push(`the requester was not told in a comment: ${told.error.message}`);
  return warnings;
};

/** Stages from which a request is finished enough to teach the next one. */
const TEMPLATE_STAGES: readonly (Stage | null)[] = ['measure', 'done'];

/** "Save as template": a finished request's plan items, asset types and QA notes, for the next request. */
export const saveAsTemplate = async (deps: PanelDeps, caller: Caller, payload: unknown): Promise<Result<PanelView, Failure>> => {
  const parsed = saveTemplatePayloadSchema.safeParse(payload ?? {});
  if (!parsed.success) return failure('PAYLOAD.INVALID', describeZodErrorForPerson(parsed.error));
  const loaded = await load(deps, caller, 'edit');
  if (!loaded.ok) return loaded;
  const { state, facts, templates } = loaded.value;
  if (!TEMPLATE_STAGES.includes(stageOfStatus(facts.status, state.stored.config.statusMap))) {
    return failure(
      'TEMPLATE.NOT_FINISHED',
      'save a template from a request in Measure + Improve or Done, when its retrospective says what worked',
    );
  }
  const { name, expectedRevision } = parsed.data;
  if (templates.some((template) => template.name.toLowerCase() === name.toLowerCase()))
    return failure('TEMPLATE.NAME_TAKEN', `a template is already named "${name}"`);
  if (templates.length >= MAX_TEMPLATES)
    return failure('TEMPLATE.TOO_MANY', `there are already ${MAX_TEMPLATES} templates; an admin can remove old ones`);
  const template = templateFrom(state.record, {
    id: `${facts.issueKey}-${deps.now.getTime()}`,
    name,
    fromKey: facts.issueKey,
    by: caller.accountId,
    at: deps.now.toISOString(),
  });
  // The template commits with the record and its audit entry, in one transaction: the audit never says it was saved
  // when it was not, and a refused save stores no template.
  const saved = await execute(
    deps,
    caller,
    loaded.value,
    { type: 'noteTemplateSaved', name },
    expectedRevision,
    new Map([[storageKeys.template(template.id), template]]),
  );
  if (!saved.ok) return saved;
  const listed = [...saved.value.templates, { id: template.id, name: template.name, fromKey: template.fromKey }];
  return ok({ ...saved.value, templates: listed });
};

/** "Start from a template": the template's plan items, assets and QA notes on a request with no assets yet. */
export const startFromTemplate = async (deps: PanelDeps, caller: Caller, payload: unknown): Promise<Result<PanelView, Failure>> => {
  const parsed = applyTemplatePayloadSchema.safeParse(payload ?? {});
  if (!parsed.success) return failure('PAYLOAD.INVALID', describeZodErrorForPerson(parsed.error));
  const loaded = await load(deps, caller, 'edit');
  if (!loaded.ok) return loaded;
  const template = loaded.value.templates.find((candidate) => candidate.id === parsed.data.templateId);
  if (template === undefined) return failure('TEMPLATE.NOT_FOUND', 'that template no longer exists; reload to see the current ones');
  return execute(deps, caller, loaded.value, { type: 'applyTemplate', template }, parsed.data.expectedRevision);
};

/** People to pick (approvers, monitoring owner), for a caller who can see the issue. */
export const searchPeople = async (deps: PanelDeps, caller: Caller, payload: unknown): Promise<Result<readonly Person[], Failure>> => {
  const parsed = peopleQuerySchema.safeParse(payload ?? {});
  if (!parsed.success) return failure('PAYLOAD.INVALID', describeZodErrorForPerson(parsed.error));
  const permissions = await deps.jira.issuePermissions(caller.accountId, caller.issueId);
  if (!permissions.ok) return permissions;
  if (!permissions.value.browse) return failure('PERMISSION.DENIED', 'you cannot see this issue');
  return deps.jira.searchPeople(parsed.data.query);
};
