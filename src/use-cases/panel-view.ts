import { isMemberOf, roleLabel, stageOfStatus } from '../domain/app-config';
import { awaitedApprovers, pathProgress } from '../domain/approval-paths';
import { businessDaysBetween } from '../domain/business-days';
import { approvalsWithStanding } from '../domain/approvals';
import { approvedContentFingerprint } from '../domain/content-fingerprint';
import { reviewLexicon, staleResolutions } from '../domain/copy-review';
import { effectiveTier, gateLeaving } from '../domain/gates/evaluate-gate';
import { itemsOfGate } from '../domain/gates/gate-items';
import { itemTurn, type RequestOwners } from '../domain/gate-item-owners';
import type { Stage } from '../domain/stages';
import type { Tier } from '../domain/tiers';
import type { FlightPlanRecord } from '../domain/flight-plan-record';
import { approvalConflict, approvalConflictMessage, isOwnerOrTriageLead, triageConflict } from '../domain/separation-of-duties';
import { observationSchedule } from '../domain/reminders';
import { evaluateRecord } from '../domain/record-summary';
import { ok, type Failure, type Result } from '../domain/result';
import { checkAssetUtms } from '../domain/utm-check';
import { maxTriageScore, scoreTriage, suggestedTierReason, suggestTier } from '../domain/triage-score';
import { linksShown } from '../domain/dependencies';
import type { IssueFacts } from '../domain/issue-facts';
import type { IssueReadCode } from '../contracts/resolvers';
import type { ApprovalView, PanelView, ApprovalPathView, ApprovalStepView, CallerRoleView } from '../contracts/views/panel';
import { load, type Caller, type Loaded, type PanelDeps } from './panel-load';
import { moveEmbeddedTrail } from './load-issue-state';

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

/** The triage leads who may decide on a request: not its requester or assignee. */
const eligibleTriageLeads = (loaded: Loaded): string[] => {
  const { roles } = loaded.state.stored.config;
  return roles.triageLeads.filter((lead) => triageConflict(lead, loaded.facts, roles) === null);
};

/** Whose turn each item of the gate ahead is, for the caller. */
const turnsOf = (loaded: Loaded, record: FlightPlanRecord, stage: Stage | null, path: ApprovalPathView): PanelView['turns'] => {
  const gate = stage === null ? null : gateLeaving(stage);
  if (gate === null) return {};
  const owners: RequestOwners = {
    reporterId: loaded.facts.reporterId,
    assigneeId: loaded.facts.assigneeId,
    triageLeads: eligibleTriageLeads(loaded),
    awaitedApprovers: [...new Set(path.steps.flatMap((step) => step.next))],
    monitoringOwnerId: record.launch.monitoringOwnerId ?? null,
  };
  return Object.fromEntries(itemsOfGate(gate).map((code) => [code, itemTurn(code, loaded.caller, owners)]));
};

/**
 * What of the request the caller's browser is sent: the gates judged every link, but a linked request the caller may not
 * browse is neither listed among the links nor named among the blockers the panel linked (its key says which project
 * and request it is).
 */
const shownTo = (facts: IssueFacts, record: FlightPlanRecord): { facts: IssueFacts; record: FlightPlanRecord } => {
  const links = linksShown(facts.links);
  const shown = new Set(links.blockers.map((linked) => linked.issueId));
  return {
    facts: { ...facts, links },
    record:
      record.panelBlockers === undefined
        ? record
        : { ...record, panelBlockers: record.panelBlockers.filter((blocker) => shown.has(blocker.id)) },
  };
};

export const viewOf = (loaded: Loaded, record: FlightPlanRecord, now: Date, warnings: readonly string[]): PanelView => {
  const { config } = loaded.state.stored;
  const shown = shownTo(loaded.facts, record);
  const stage = stageOfStatus(loaded.facts.status, config.statusMap);
  const review = { facts: loaded.facts, config };
  // Judged at the tier the QA gate will use, so the panel and the gate agree.
  const lexicon = reviewLexicon(record, review, effectiveTier('qa', record, loaded.facts), now);
  const approvalPath = approvalPathView(record, loaded, effectiveTier('qa', record, loaded.facts), now);
  return {
    issueKey: loaded.facts.issueKey,
    facts: shown.facts,
    stage,
    history: loaded.history,
    naming: config.naming,
    record: shown.record,
    canEdit: loaded.permissions.edit,
    evaluation: evaluateRecord(record, loaded.facts, config, now, stage, { launchEnteredAt: loaded.history.launchEnteredAt }),
    triage: {
      score: scoreTriage(loaded.facts.scores, config.triage),
      maxScore: maxTriageScore(config.triage),
      suggestedTier: suggestTier(loaded.facts.scores),
      suggestedTierReason: suggestedTierReason(loaded.facts.scores),
    },
    lexiconHits: lexicon.hits,
    unresolvedLexiconHits: lexicon.unresolved,
    libraryCitations: lexicon.resolvedByLibrary,
    staleResolutions: staleResolutions(record, review),
    approvals: approvalViews(record, loaded),
    approvalCovers: approvedContentFingerprint(record.assets, loaded.facts.description),
    approvalPath,
    callerRoles: callerRoleViews(record, loaded),
    roles: config.roles.approvers,
    canTriage: loaded.permissions.edit && triageConflict(loaded.caller, loaded.facts, config.roles) === null,
    canSetCampaignKey: isOwnerOrTriageLead(loaded.caller, loaded.facts.assigneeId, config.roles),
    turns: turnsOf(loaded, record, stage, approvalPath),
    utm: checkAssetUtms(record.assets, record.plan.tracking.campaignKey, config.utm),
    people: loaded.people,
    templates: loaded.offeredTemplates.map((template) => ({ id: template.id, name: template.name, fromKey: template.fromKey })),
    observations: observationSchedule(
      record.launch,
      loaded.history.launchEnteredAt === null ? null : new Date(loaded.history.launchEnteredAt),
      now,
    ),
    warnings,
  };
};

export const readPanel = async (deps: PanelDeps, caller: Caller): Promise<Result<PanelView, Failure<IssueReadCode>>> => {
  const loaded = await load(deps, caller, 'browse');
  if (!loaded.ok) return loaded;
  const { state } = loaded.value;
  // A record stored with its trail inside moves it out now, not only on a next write that may never come.
  const record = state.recordExists && state.embeddedTrail !== null ? await moveEmbeddedTrail(deps.store, caller.issueId, state) : null;
  return ok(viewOf(loaded.value, record ?? state.record, deps.now, []));
};
