import { COMPLIANCE_ROLE, isMemberOf, roleLabel, type AppConfig } from './app-config';
import { campaignKeyProblem, campaignNamed } from './campaign-key';
import { approvedContentFingerprint } from './content-fingerprint';
import { DESCRIPTION_SOURCE, lexiconHitsOf, resolutionFingerprint } from './copy-review';
import {
  CHECKPOINT_HOURS,
  type Approver,
  type Asset,
  type NewAuditEntry,
  type AuditAction,
  type FlightPlanRecord,
  type IssueRef,
  latestObservations,
  MAX_APPROVALS,
  MAX_PANEL_BLOCKERS,
  MAX_RETIRED_ASSETS,
  MAX_WRITERS,
  boundedNames,
  type ManualCheckCode,
  type ObservationCheckpoint,
  type OutcomeResult,
  type PanelBlocker,
  type Plan,
} from './flight-plan-record';
import { boundedEntry } from './audit-trail';
import { HOUR_MS } from './durations';
import { figureEnteredWords, type EnteredFigure, type ReplacedFigure } from './outcomes/kept-figures';
import { pathProgress, stepsBefore } from './approval-paths';
import { approvalsWithStanding } from './approvals';
import { effectiveTier } from './gates/evaluate-gate';
import { isBlank } from './gates/gate-context';
import { GATE_ITEMS } from './gates/gate-items';
import { failure, ok, type Failure, type Result } from './result';
import {
  approvalConflict,
  approvalConflictMessage,
  isOwnerOrTriageLead,
  TRIAGE_CONFLICT_MESSAGES,
  triageConflict,
} from './separation-of-duties';
import { versionOf } from './naming-check';
import { withComplianceApprover } from './routing';
import { workATemplateWouldReplace, type RequestTemplate } from './templates';
import type { PeopleHistory } from './issue-facts';
import { APP_FIELD_NAMES } from './app-fields';
import { isTierLowering, TIER_LABELS, type Tier } from './tiers';
import { suggestTier, TRIAGE_SCORE_NAMES, type Recommendation, type TriageScores } from './triage-score';

/** Every change a person can make to a Flight Plan record. */
export type RecordCommand =
  /** A blocker linked to the request, or its link removed, from the panel's Dependencies: the link itself is Jira's. */
  | {
      readonly type: 'noteDependency';
      readonly change: DependencyChange;
      /** The blocker: its Jira issue id, and its key for the audit trail's words. */
      readonly id: string;
      readonly key: string;
      readonly launched: boolean;
    }
  | { readonly type: 'answerCheck'; readonly code: ManualCheckCode; readonly done: boolean; readonly note?: string }
  /** `seenScores`: the scores the lead was shown; a decision binds the scores it was made on, so they must be Jira's now. */
  | { readonly type: 'decideTriage'; readonly decision: Recommendation; readonly reason?: string; readonly seenScores: TriageScores }
  | { readonly type: 'setTier'; readonly tier: Tier; readonly reason?: string }
  | { readonly type: 'updatePlan'; readonly changes: PlanChanges }
  | { readonly type: 'addAsset'; readonly asset: AssetInput }
  | {
      readonly type: 'updateAsset';
      readonly assetId: string;
      readonly changes: Partial<AssetInput> & { readonly readyForReview?: boolean };
    }
  | { readonly type: 'retireAsset'; readonly assetId: string }
  | { readonly type: 'restoreAsset'; readonly assetId: string }
  /** `covers`: the content the approver read (`approvedContentFingerprint`), when the panel sent it. */
  | { readonly type: 'approve'; readonly role: string; readonly covers?: string }
  | { readonly type: 'resolveLexiconHit'; readonly source: string; readonly term: string; readonly justification: string }
  | { readonly type: 'updateLaunch'; readonly changes: LaunchChanges }
  | { readonly type: 'recordObservation'; readonly checkpoint: ObservationCheckpoint; readonly note: string; readonly anomaly: boolean }
  | { readonly type: 'waiveObservations'; readonly reason: string }
  | { readonly type: 'answerRetrospective'; readonly answers: RetrospectiveAnswers }
  | { readonly type: 'noteTemplateSaved'; readonly name: string }
  /** "Start an iteration": claimed (key null) before Jira creates it, noted with its key after, or let go (`letGo`) when Jira refused. */
  | { readonly type: 'noteIteration'; readonly key: string | null; readonly letGo?: boolean }
  /** A figure entered by hand for the request's campaign (kept with the campaign's figures), and the one it replaced. */
  | { readonly type: 'noteFigure'; readonly figure: EnteredFigure; readonly replaced: ReplacedFigure | null }
  | { readonly type: 'applyTemplate'; readonly template: RequestTemplate };

/** What happened to an "is blocked by" link. */
/** `unlinkedConfirmed`: a blocker linked in the panel lost its link outside it, and its owner or a triage lead let it go. */
type DependencyChange = 'added' | 'removed' | 'unlinkedConfirmed';

interface PlanChanges {
  readonly dependencies?: readonly string[];
  readonly tracking?: Plan['tracking'];
  readonly approvers?: readonly Approver[];
  readonly launchCriteria?: string;
  readonly definitionOfDone?: string;
}

interface AssetInput {
  readonly type: string;
  readonly spec: string;
  readonly name: string;
  readonly copy?: string;
  readonly trackedUrls?: readonly string[];
}

interface LaunchChanges {
  readonly window?: { readonly start: string; readonly end: string };
  readonly monitoringOwnerId?: string;
  readonly anomalyPlan?: string;
}

interface RetrospectiveAnswers {
  readonly slowedDown?: string;
  readonly rework?: string;
  readonly broke?: string;
  readonly template?: string;
  readonly outcome?: { readonly result: OutcomeResult; readonly actual: string };
}

/** Who acts, when, and the facts a command may need; all from trusted sources, never the browser. */
export interface Actor extends PeopleHistory {
  readonly accountId: string;
  readonly now: Date;
  readonly assigneeId: string | null;
  /** Who filed the request: nobody decides or approves on their own request. */
  readonly reporterId: string | null;
  /** Who created it in Jira, when known: they filed it too, whomever they named as its reporter. */
  readonly creatorId?: string | null;
  /** The issue's description, for lexicon hits in it. */
  readonly description: string;
  /** The issue's triage scores: a triage decision records the scores it was made on. */
  readonly scores: TriageScores;
  /** When the request last entered Launch, by the stage log (null before it has). */
  readonly launchEnteredAt: string | null;
}

export type CommandErrorCode =
  | 'COMMAND.REASON_REQUIRED'
  | 'COMMAND.ASSET_NOT_FOUND'
  | 'COMMAND.DUPLICATE_ASSET_NAME'
  | 'COMMAND.TOO_MANY_RETIRED'
  | 'COMMAND.TOO_MANY_WRITERS'
  | 'COMMAND.TOO_MANY_APPROVALS'
  | 'COMMAND.CAMPAIGN_KEY_NOT_A_SLUG'
  | 'COMMAND.CAMPAIGN_KEY_LAUNCHED'
  | 'COMMAND.CAMPAIGN_KEY_NOT_OWNER'
  | 'COMMAND.SEPARATION_OF_DUTIES'
  | 'COMMAND.NOT_A_TRIAGE_LEAD'
  | 'COMMAND.SCORES_CHANGED'
  | 'COMMAND.NOT_A_ROLE_MEMBER'
  | 'COMMAND.OUT_OF_ORDER'
  | 'COMMAND.CONTENT_CHANGED'
  | 'COMMAND.NO_SUCH_ROLE'
  | 'COMMAND.JUSTIFICATION_TOO_SHORT'
  | 'COMMAND.NOT_LAUNCHED'
  | 'COMMAND.NO_SUCH_LEXICON_HIT'
  | 'COMMAND.OBSERVATION_TOO_EARLY'
  | 'COMMAND.ANOMALY_STAYS'
  | 'COMMAND.WAIVER_NOT_ALLOWED'
  | 'COMMAND.INVALID_WINDOW'
  | 'COMMAND.TEMPLATE_NEEDS_EMPTY_PLAN'
  | 'COMMAND.NO_CHANGE'
  | 'COMMAND.ITERATION_STARTED';

type CommandFailure = Failure<CommandErrorCode>;

interface Change {
  readonly record: FlightPlanRecord;
  readonly action: AuditAction;
  readonly detail: string;
  /** The other requests `detail` names by key: each reader of the trail sees only the keys they may browse. */
  readonly mentions?: readonly IssueRef[];
}

type CommandResult = Result<Change, CommandFailure>;

const needsReason = (reason: string | undefined): boolean => reason === undefined || reason.trim() === '';

/** A new asset's id: never one a retired asset had, so what was said about that asset stays about it. */
/** An asset's place in the order assets were added (`asset-7` is the 7th); null for an id not made that way. */
const creationRank = (id: string): number | null => {
  const rank = /^asset-(\d+)$/.exec(id)?.[1];
  return rank === undefined ? null : Number(rank);
};

const nextAssetId = (record: FlightPlanRecord): string => {
  const assets = [...record.assets, ...(record.retiredAssets ?? [])];
  const highest = assets.reduce((max, asset) => Math.max(max, creationRank(asset.id) ?? 0), 0);
  return `asset-${highest + 1}`;
};

/**
 * The assets with `restored` back where it was: before the first asset added after it. Assets are added at the end and
 * never reordered, so this is its place before it was retired, and restoring exactly the approved set gives the
 * fingerprint the approvals were given on (it is in asset order). An id not made by `nextAssetId` goes at the end.
 */
const withRestored = (assets: readonly Asset[], restored: Asset): Asset[] => {
  const rank = creationRank(restored.id);
  const after = rank === null ? -1 : assets.findIndex((asset) => (creationRank(asset.id) ?? -1) > rank);
  return after < 0 ? [...assets, restored] : [...assets.slice(0, after), restored, ...assets.slice(after)];
};

const nameTaken = (assets: readonly Asset[], name: string, exceptId?: string): boolean =>
  assets.some((asset) => asset.id !== exceptId && asset.name.toLowerCase() === name.toLowerCase());

/** Adds the actor to an asset's writers when its name, copy or links change: each of them is excluded from approving it. */
const written = (asset: Asset, actor: Actor): Pick<Asset, 'writers' | 'contentChangedAt'> => ({
  writers: asset.writers.includes(actor.accountId) ? asset.writers : [...asset.writers, actor.accountId],
  contentChangedAt: actor.now.toISOString(),
});

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/** Characters a justification must have beyond spaces, and at least one letter: "ok" and "...." say nothing. */
const justificationProblem = (justification: string, minimum: number): string | null => {
  const meaningful = justification.replace(/\s+/g, ' ').trim();
  if (meaningful.length < minimum || !/\p{L}/u.test(meaningful)) {
    return `a justification must say why the claim is acceptable, in at least ${minimum} characters`;
  }
  return null;
};

/** What each changeable part is called in the audit trail, which people read: words, never field names. */
const PART_WORDS = {
  plan: {
    dependencies: 'dependencies',
    tracking: 'tracking plan',
    approvers: 'approval path',
    launchCriteria: 'launch criteria',
    definitionOfDone: 'definition of done',
  },
  asset: { type: 'type', spec: 'spec', name: 'name', copy: 'copy', trackedUrls: 'tracked links', readyForReview: 'ready for review' },
  launch: { window: 'launch window', monitoringOwnerId: 'monitoring owner', anomalyPlan: 'anomaly response plan' },
  retrospective: {
    slowedDown: 'what slowed us down',
    rework: 'what needed rework',
    broke: 'what broke',
    template: 'what should become a template',
    outcome: 'the outcome',
  },
} as const satisfies Record<string, Record<string, string>>;

/** "launch window, monitoring owner and anomaly response plan": the parts a change touched, in words. */
const changedParts = <Part extends keyof typeof PART_WORDS>(
  part: Part,
  changes: Partial<Record<keyof (typeof PART_WORDS)[Part], unknown>>,
): string => {
  const words: Readonly<Record<string, string>> = PART_WORDS[part];
  // In the form's order, whatever order the payload came in.
  const touched: Readonly<Record<string, unknown>> = changes;
  const named = Object.entries(words)
    .filter(([key]) => touched[key] !== undefined)
    .map(([, word]) => word);
  const last = named.pop();
  if (last === undefined) return 'nothing';
  return named.length === 0 ? last : `${named.join(', ')} and ${last}`;
};

/** Where a lexicon hit is, as people know it: the asset's name, or the business context. */
const placeOf = (record: FlightPlanRecord, source: string): string =>
  source === DESCRIPTION_SOURCE
    ? 'the business context'
    : `"${record.assets.find((asset) => asset.id === source)?.name ?? 'a removed asset'}"`;

/** How long a claim on an iteration not yet created holds: far past a function's run, so one left by a run that died frees itself. */
export const ITERATION_CLAIM_MS = 5 * 60_000;

/**
 * Whether a request still may start its iteration at `now`: none started, and no claim younger than its hold (a claim
 * left by a run that died or whose answer was lost frees itself, so the offer comes back).
 */
export const mayStartIteration = (record: FlightPlanRecord, now: Date): boolean => {
  const started = record.retrospective.iteration;
  if (started === undefined) return true;
  return started.key === null && now.getTime() - Date.parse(started.at) >= ITERATION_CLAIM_MS;
};

/**
 * The audit trail's words for a dependency added or removed: the blocker by key only (whoever reads the trail may not
 * browse it), and, for a removal, whether it had launched: removing one that had not is what lets the QA gate pass.
 */
const dependencyWords = ({ change, key, launched }: Extract<RecordCommand, { type: 'noteDependency' }>): string => {
  if (change === 'added') return `dependency added: blocked by ${key}`;
  if (change === 'unlinkedConfirmed') return `dependency removed: no longer blocked by ${key}, whose link was removed outside Flight Plan`;
  return `dependency removed: no longer blocked by ${key}, ${launched ? 'which had launched' : 'which had not launched'}`;
};

/** The blockers the panel keeps after a dependency change: an added one joins (the oldest goes past the bound), a removed one leaves. */
const panelBlockersAfter = (
  record: FlightPlanRecord,
  { change, id, key }: Extract<RecordCommand, { type: 'noteDependency' }>,
): readonly PanelBlocker[] => {
  const others = (record.panelBlockers ?? []).filter((blocker) => blocker.id !== id);
  return change === 'added' ? [...others, { id, key }].slice(-MAX_PANEL_BLOCKERS) : others;
};

/** One iteration per request: a second is refused, naming the first (or saying one is being created right now). */
const noteIteration = (
  record: FlightPlanRecord,
  { key, letGo }: Extract<RecordCommand, { type: 'noteIteration' }>,
  stamp: { readonly by: string; readonly at: string },
): CommandResult => {
  const { iteration: started, ...retrospective } = record.retrospective;
  // Only a claim is let go: an iteration Jira already created stays named, whatever a late cleanup says.
  if (letGo === true && started?.key != null)
    return failure('COMMAND.ITERATION_STARTED', `an iteration of this request was already started: ${started.key}`);
  if (letGo === true)
    return ok({ record: { ...record, retrospective }, action: 'iteration.let-go', detail: 'Jira did not create the iteration' });
  if (key !== null)
    return ok({
      record: { ...record, retrospective: { ...retrospective, iteration: { ...stamp, key } } },
      action: 'iteration.started',
      detail: `iteration ${key} started`,
    });
  if (started?.key != null) return failure('COMMAND.ITERATION_STARTED', `an iteration of this request was already started: ${started.key}`);
  if (!mayStartIteration(record, new Date(stamp.at)))
    return failure('COMMAND.ITERATION_STARTED', 'an iteration of this request is being started right now: look for it in a minute');
  return ok({
    record: { ...record, retrospective: { ...retrospective, iteration: { ...stamp, key: null } } },
    action: 'iteration.claimed',
    detail: 'starting an iteration',
  });
};

/**
 * The approvals kept beside a new one: all of them while there is room; at the bound, the oldest that no longer count
 * (stale or void) give way, since no gate reads them and the audit trail keeps each one given. Null when every one
 * kept still counts.
 */
const keptApprovals = (
  approvals: FlightPlanRecord['approvals'],
  record: FlightPlanRecord,
  actor: Actor,
  config: AppConfig,
): FlightPlanRecord['approvals'] | null => {
  const excess = approvals.length + 1 - MAX_APPROVALS;
  if (excess <= 0) return approvals;
  const counting = new Set(
    approvalsWithStanding({ ...record, approvals }, actor, config.roles)
      .filter(({ standing }) => standing.kind === 'current')
      .map(({ approval }) => approval),
  );
  const givingWay = new Set(approvals.filter((approval) => !counting.has(approval)).slice(0, excess));
  return givingWay.size < excess ? null : approvals.filter((approval) => !givingWay.has(approval));
};

/** Each score that differs between what a person was shown and what Jira holds, as "Impact 4 → 5". */
const scoreChanges = (seen: TriageScores, now: TriageScores): string[] =>
  TRIAGE_SCORE_NAMES.filter((name) => seen[name] !== now[name]).map(
    (name) => `${APP_FIELD_NAMES[name]} ${seen[name] ?? 'none'} → ${now[name] ?? 'none'}`,
  );

const apply = (record: FlightPlanRecord, command: RecordCommand, actor: Actor, config: AppConfig): CommandResult => {
  const stamp = { by: actor.accountId, at: actor.now.toISOString() };
  switch (command.type) {
    case 'answerCheck': {
      const check = { ...stamp, done: command.done, ...(command.note ? { note: command.note } : {}) };
      return ok({
        record: { ...record, checks: { ...record.checks, [command.code]: check } },
        action: 'check.answered',
        detail: `${GATE_ITEMS[command.code].label}: ${command.done ? 'checked' : 'unchecked'}`,
      });
    }
    case 'decideTriage': {
      const conflict = triageConflict(actor.accountId, actor, config.roles);
      if (conflict !== null) return failure('COMMAND.NOT_A_TRIAGE_LEAD', TRIAGE_CONFLICT_MESSAGES[conflict]);
      const changedScores = scoreChanges(command.seenScores, actor.scores);
      if (changedScores.length > 0)
        return failure(
          'COMMAND.SCORES_CHANGED',
          `the scores changed since the panel showed them (${changedScores.join(', ')}): look at them again before deciding`,
        );
      if (command.decision !== 'accept' && needsReason(command.reason)) {
        return failure('COMMAND.REASON_REQUIRED', `a "${command.decision}" decision needs a reason`);
      }
      const decision = {
        ...stamp,
        decision: command.decision,
        ...(command.reason ? { reason: command.reason } : {}),
        scores: actor.scores,
      };
      const decided: FlightPlanRecord = { ...record, triage: decision };
      // Accepting a regulated request puts a compliance approver on its approval path.
      const routed = command.decision === 'accept' ? withComplianceApprover(decided, config) : decided;
      const added =
        routed.plan.approvers.length > decided.plan.approvers.length ? '; the first compliance approver added to the approval path' : '';
      return ok({
        record: routed,
        action: 'triage.decided',
        detail: `triage decision: ${command.decision}${command.reason ? ` (${command.reason})` : ''}${added}`,
      });
    }
    case 'setTier': {
      const conflict = triageConflict(actor.accountId, actor, config.roles);
      if (conflict !== null) return failure('COMMAND.NOT_A_TRIAGE_LEAD', TRIAGE_CONFLICT_MESSAGES[conflict]);
      // Judged against the tier in force: the one set, or before that the one the scores suggest.
      const inForce = record.tier ?? suggestTier(actor.scores) ?? undefined;
      const lowering = isTierLowering(inForce, command.tier);
      if (lowering && inForce !== undefined && needsReason(command.reason)) {
        return failure(
          'COMMAND.REASON_REQUIRED',
          `setting the tier to ${TIER_LABELS[command.tier]}, below ${TIER_LABELS[inForce]}, needs a reason`,
        );
      }
      const from = record.tier ? TIER_LABELS[record.tier] : inForce ? `none (the scores suggest ${TIER_LABELS[inForce]})` : 'none';
      return ok({
        record: { ...record, tier: command.tier },
        action: lowering ? 'tier.lowered' : 'tier.set',
        detail: `tier ${from} → ${TIER_LABELS[command.tier]}${command.reason ? ` (${command.reason})` : ''}`,
      });
    }
    case 'updatePlan': {
      const { changes } = command;
      const outsider = changes.approvers?.find((approver) => !isMemberOf(config.roles, approver.role, approver.accountId));
      if (outsider !== undefined) {
        const known = config.roles.approvers.some((role) => role.key === outsider.role);
        return known
          ? failure(
              'COMMAND.NOT_A_ROLE_MEMBER',
              `approvers are picked from the members of their role: one approver named for ${roleLabel(config.roles, outsider.role)} is not a member of it`,
            )
          : failure('COMMAND.NO_SUCH_ROLE', `there is no approver role "${outsider.role}"; an admin sets the roles`);
      }
      // A new campaign key must be a slug; one stored before it was checked is left alone until someone changes it.
      // The tracking is replaced whole: one sent without a key clears it. Keys are compared as the campaign they name.
      const campaignKey = changes.tracking === undefined ? record.plan.tracking.campaignKey : changes.tracking.campaignKey;
      const keyChanged = campaignNamed(campaignKey) !== campaignNamed(record.plan.tracking.campaignKey);
      // Launched, the key is the `utm_campaign` its links carry and the campaign its outcome is judged on: pointed at
      // another campaign, the request would take that campaign's figures as its own (and its owner could enter figures
      // into it by hand).
      if (keyChanged && actor.launchEnteredAt !== null)
        return failure(
          'COMMAND.CAMPAIGN_KEY_LAUNCHED',
          isBlank(record.plan.tracking.campaignKey)
            ? 'the campaign key cannot be set once the request has launched: it launched without one, so no campaign figures are its own'
            : `the campaign key cannot change once the request has launched: its links carry utm_campaign=${record.plan.tracking.campaignKey} and its outcome is judged on that campaign's figures`,
        );
      if (keyChanged && !isOwnerOrTriageLead(actor.accountId, actor.assigneeId, config.roles))
        return failure(
          'COMMAND.CAMPAIGN_KEY_NOT_OWNER',
          "only the request's owner (its assignee) or a triage lead sets, changes or clears its campaign key: the campaign decides whose figures judge this request",
        );
      const keyProblem = keyChanged && campaignKey !== undefined ? campaignKeyProblem(campaignKey) : null;
      if (keyProblem !== null) return failure('COMMAND.CAMPAIGN_KEY_NOT_A_SLUG', keyProblem);
      const plan: Plan = {
        dependencies: changes.dependencies ?? record.plan.dependencies,
        tracking: changes.tracking ?? record.plan.tracking,
        approvers: changes.approvers ?? record.plan.approvers,
        launchCriteria: changes.launchCriteria ?? record.plan.launchCriteria,
        definitionOfDone: changes.definitionOfDone ?? record.plan.definitionOfDone,
      };
      return ok({ record: { ...record, plan }, action: 'plan.updated', detail: `plan updated: ${changedParts('plan', changes)}` });
    }
    case 'addAsset': {
      const { asset } = command;
      if (nameTaken(record.assets, asset.name)) {
        return failure('COMMAND.DUPLICATE_ASSET_NAME', `an asset is already named "${asset.name}"`);
      }
      const added: Asset = {
        id: nextAssetId(record),
        type: asset.type,
        spec: asset.spec,
        name: asset.name,
        previousNames: [],
        copy: asset.copy ?? '',
        trackedUrls: asset.trackedUrls ?? [],
        builtBy: actor.accountId,
        writers: [actor.accountId],
        contentChangedAt: actor.now.toISOString(),
        readyForReview: false,
      };
      return ok({ record: { ...record, assets: [...record.assets, added] }, action: 'asset.added', detail: `asset "${asset.name}" added` });
    }
    case 'retireAsset': {
      const current = record.assets.find((asset) => asset.id === command.assetId);
      if (current === undefined)
        return failure('COMMAND.ASSET_NOT_FOUND', 'that asset is no longer in this Flight Plan; reload to see the assets as they are');
      const retired = record.retiredAssets ?? [];
      if (retired.length >= MAX_RETIRED_ASSETS)
        return failure(
          'COMMAND.TOO_MANY_RETIRED',
          `this Flight Plan already keeps ${MAX_RETIRED_ASSETS} retired assets; no more can be retired`,
        );
      return ok({
        record: {
          ...record,
          assets: record.assets.filter((asset) => asset.id !== current.id),
          retiredAssets: [...retired, { ...current, retiredBy: actor.accountId, retiredAt: actor.now.toISOString() }],
        },
        action: 'asset.retired',
        detail: `asset "${current.name}" retired: kept in this history, counted by no gate`,
      });
    }
    case 'restoreAsset': {
      const retired = record.retiredAssets ?? [];
      const found = retired.find((asset) => asset.id === command.assetId);
      if (found === undefined)
        return failure('COMMAND.ASSET_NOT_FOUND', 'that asset is no longer among the retired ones; reload to see the assets as they are');
      const { retiredBy, retiredAt, ...asset } = found;
      if (nameTaken(record.assets, asset.name)) {
        return failure(
          'COMMAND.DUPLICATE_ASSET_NAME',
          `an asset is already named "${asset.name}": rename that one first, then restore this one`,
        );
      }
      // Back on the register the approvals' fingerprint covers it again (one given while it was retired no longer
      // counts), and approval waits start from now, as they did when it was retired.
      const restored: Asset = { ...asset, contentChangedAt: actor.now.toISOString() };
      return ok({
        record: {
          ...record,
          assets: withRestored(record.assets, restored),
          retiredAssets: retired.filter((candidate) => candidate.id !== found.id),
        },
        action: 'asset.restored',
        detail: `asset "${asset.name}" restored: counted by the gates again`,
      });
    }
    case 'updateAsset': {
      const current = record.assets.find((asset) => asset.id === command.assetId);
      if (current === undefined)
        return failure('COMMAND.ASSET_NOT_FOUND', 'that asset is no longer in this Flight Plan; reload to see the assets as they are');
      const { changes } = command;
      const renamed = changes.name !== undefined && changes.name !== current.name;
      if (renamed && nameTaken(record.assets, changes.name, current.id)) {
        return failure('COMMAND.DUPLICATE_ASSET_NAME', `an asset is already named "${changes.name}"`);
      }
      const copy = changes.copy ?? current.copy;
      const trackedUrls = changes.trackedUrls ?? current.trackedUrls;
      const contentChanged = renamed || copy !== current.copy || !sameList(trackedUrls, current.trackedUrls);
      if (contentChanged && !current.writers.includes(actor.accountId) && current.writers.length >= MAX_WRITERS) {
        return failure(
          'COMMAND.TOO_MANY_WRITERS',
          `${String(MAX_WRITERS)} people have written "${current.name}", the most one asset keeps (none of them may approve it): ask one of them to make this change`,
        );
      }
      const updated: Asset = {
        ...current,
        type: changes.type ?? current.type,
        spec: changes.spec ?? current.spec,
        name: changes.name ?? current.name,
        ...(renamed
          ? boundedNames([...current.previousNames, current.name], current.stepBack, (name) =>
              versionOf(name, config.naming.pattern, record.plan.tracking.campaignKey),
            )
          : {}),
        copy,
        trackedUrls,
        readyForReview: changes.readyForReview ?? current.readyForReview,
        ...(contentChanged ? written(current, actor) : {}),
      };
      return ok({
        record: { ...record, assets: record.assets.map((asset) => (asset.id === current.id ? updated : asset)) },
        action: renamed ? 'asset.renamed' : 'asset.updated',
        detail: renamed
          ? `asset "${current.name}" renamed to "${updated.name}"`
          : `asset "${current.name}" updated: ${changedParts('asset', changes)}`,
      });
    }
    case 'approve': {
      if (!config.roles.approvers.some((role) => role.key === command.role)) {
        return failure('COMMAND.NO_SUCH_ROLE', `there is no approver role "${command.role}"; an admin sets the roles`);
      }
      const conflict = approvalConflict(actor.accountId, command.role, record, actor, config.roles);
      if (conflict !== null) return failure('COMMAND.SEPARATION_OF_DUTIES', approvalConflictMessage(conflict, command.role, config.roles));
      // An in-order path takes each role's approvals after the roles before it are complete.
      const tier = effectiveTier('qa', record, actor);
      const before = stepsBefore(pathProgress(config.approvalPaths[tier], record, actor, config.roles, null), command.role);
      if (before.length > 0) {
        const first = before.map((step) => roleLabel(config.roles, step.role)).join(' and ');
        return failure(
          'COMMAND.OUT_OF_ORDER',
          `on the ${TIER_LABELS[tier]} approval path ${roleLabel(config.roles, command.role)} approves after ${first}, whose approval is not complete yet`,
        );
      }
      // The approval covers the content as it is now, which must be what the approver read; their earlier approval in the
      // role gives way to it.
      const fingerprint = approvedContentFingerprint(record.assets, actor.description);
      if (command.covers !== undefined && command.covers !== fingerprint)
        return failure(
          'COMMAND.CONTENT_CHANGED',
          'the description or the assets changed after you opened this Flight Plan: read them again as they are now, then approve',
        );
      const approval = { ...stamp, role: command.role, fingerprint };
      const others = keptApprovals(
        record.approvals.filter((earlier) => !(earlier.role === command.role && earlier.by === actor.accountId)),
        record,
        actor,
        config,
      );
      if (others === null)
        return failure(
          'COMMAND.TOO_MANY_APPROVALS',
          `this Flight Plan already keeps ${String(MAX_APPROVALS)} approvals that count, the most it keeps; no more can be given`,
        );
      const label = roleLabel(config.roles, command.role);
      return ok({
        record: { ...record, approvals: [...others, approval] },
        action: command.role === COMPLIANCE_ROLE ? 'compliance.approved' : 'approval.given',
        detail: `${label} approval given for the description and the assets as they are now (${record.assets.map((asset) => `"${asset.name}"`).join(', ') || 'no assets'})`,
      });
    }
    case 'resolveLexiconHit': {
      const conflict = approvalConflict(actor.accountId, COMPLIANCE_ROLE, record, actor, config.roles);
      if (conflict !== null)
        return failure('COMMAND.SEPARATION_OF_DUTIES', approvalConflictMessage(conflict, COMPLIANCE_ROLE, config.roles));
      const hit = lexiconHitsOf(record, actor.description, config.lexicon).find(
        (candidate) => candidate.source === command.source && candidate.term === command.term,
      );
      if (hit === undefined)
        return failure('COMMAND.NO_SUCH_LEXICON_HIT', `"${command.term}" is not in the copy of ${placeOf(record, command.source)}`);
      const problem = justificationProblem(command.justification, config.minJustificationLength);
      if (problem !== null) return failure('COMMAND.JUSTIFICATION_TOO_SHORT', problem);
      const resolution = {
        ...stamp,
        source: command.source,
        term: command.term,
        matched: hit.matched,
        justification: command.justification.trim(),
        fingerprint: resolutionFingerprint(record, actor.description, config.lexicon, command.source, command.term),
      };
      const others = record.lexiconResolutions.filter((r) => !(r.source === command.source && r.term === command.term));
      return ok({
        record: { ...record, lexiconResolutions: [...others, resolution] },
        action: 'lexicon.resolved',
        detail: `lexicon hit "${hit.matched}" in ${placeOf(record, command.source)} approved: ${resolution.justification}`,
      });
    }
    case 'updateLaunch': {
      const { window } = command.changes;
      if (window !== undefined && !(Date.parse(window.end) > Date.parse(window.start))) {
        return failure('COMMAND.INVALID_WINDOW', 'the launch window must end after it starts');
      }
      return ok({
        record: { ...record, launch: { ...record.launch, ...command.changes } },
        action: 'launch.updated',
        detail: `launch updated: ${changedParts('launch', command.changes)}`,
      });
    }
    case 'recordObservation': {
      // Timed from the real launch (the stage log's entry into Launch): editing the window cannot move it.
      const start = actor.launchEnteredAt === null ? Number.NaN : Date.parse(actor.launchEnteredAt);
      if (Number.isNaN(start)) return failure('COMMAND.NOT_LAUNCHED', 'observations are recorded after the request has moved to Launch');
      const due = new Date(start + CHECKPOINT_HOURS[command.checkpoint] * HOUR_MS);
      if (actor.now < due) {
        const hours = CHECKPOINT_HOURS[command.checkpoint];
        return failure(
          'COMMAND.OBSERVATION_TOO_EARLY',
          `the +${hours} h observation is due ${hours} hour${hours === 1 ? '' : 's'} after the move to Launch, not yet`,
        );
      }
      // It replaces an earlier one at the same checkpoint, which the audit trail keeps. An anomaly seen at this
      // checkpoint of this launch stays as it was recorded, its note and its author: anyone who may edit the issue may
      // record an observation, and a later "all well" must neither take the owner's offer to iterate away nor put its
      // own words under the anomaly. A new anomaly may correct it; one from before a new move to Launch does not stay.
      const earlier = record.launch.observations.find((kept) => kept.checkpoint === command.checkpoint);
      if (!command.anomaly && earlier?.anomaly === true && Date.parse(earlier.at) >= start)
        return failure(
          'COMMAND.ANOMALY_STAYS',
          `an anomaly was recorded at +${command.checkpoint} of this launch, and it stays until the next move to Launch: record what you see as a comment, or as an anomaly of your own`,
        );
      const observation = {
        ...stamp,
        checkpoint: command.checkpoint,
        note: command.note,
        ...(command.anomaly ? { anomaly: true as const } : {}),
      };
      return ok({
        record: { ...record, launch: { ...record.launch, observations: latestObservations([...record.launch.observations, observation]) } },
        action: 'launch.observed',
        detail: `+${command.checkpoint} observation${command.anomaly ? ' (an anomaly)' : ''}${earlier !== undefined ? ', replacing the one recorded before' : ''}: ${command.note}`,
      });
    }
    case 'waiveObservations': {
      if (record.tier !== 'low-risk') {
        return failure('COMMAND.WAIVER_NOT_ALLOWED', 'only low-risk requests may waive the launch observations');
      }
      return ok({
        record: { ...record, launch: { ...record.launch, observationWaiver: { ...stamp, reason: command.reason } } },
        action: 'launch.observations-waived',
        detail: `launch observations waived: ${command.reason}`,
      });
    }
    case 'noteTemplateSaved':
      return ok({ record, action: 'template.saved', detail: `saved as the template "${command.name}"` });
    case 'noteIteration':
      return noteIteration(record, command, stamp);
    case 'noteFigure':
      return ok({ record, action: 'figure.entered', detail: figureEnteredWords(command.figure, command.replaced) });
    case 'noteDependency':
      return ok({
        record: { ...record, panelBlockers: panelBlockersAfter(record, command) },
        action: command.change === 'added' ? 'dependency.added' : 'dependency.removed',
        detail: dependencyWords(command),
        mentions: [{ id: command.id, key: command.key }],
      });
    case 'applyTemplate': {
      const work = workATemplateWouldReplace(record);
      if (work !== null) {
        return failure(
          'COMMAND.TEMPLATE_NEEDS_EMPTY_PLAN',
          `a template starts a plan: this request already has ${work}, so it was not applied`,
        );
      }
      const { template } = command;
      const assets: Asset[] = template.assets.map((asset, index) => ({
        id: `asset-${index + 1}`,
        type: asset.type,
        spec: asset.spec,
        // A placeholder the build gate will ask to rename by the convention.
        name: `draft-${asset.type.toLowerCase().replace(/[^a-z0-9]+/g, '')}-${index + 1}`,
        previousNames: [],
        copy: '',
        trackedUrls: [],
        builtBy: actor.accountId,
        writers: [actor.accountId],
        contentChangedAt: actor.now.toISOString(),
        readyForReview: false,
      }));
      const notes = Object.entries(template.qaNotes).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
      const checks = Object.fromEntries(
        notes.map(([code, note]) => [code, { by: actor.accountId, at: actor.now.toISOString(), done: false, note }]),
      );
      return ok({
        record: {
          ...record,
          plan: {
            ...record.plan,
            dependencies: template.plan.dependencies,
            tracking: { ...record.plan.tracking, events: template.plan.events },
            ...(template.plan.launchCriteria ? { launchCriteria: template.plan.launchCriteria } : {}),
            ...(template.plan.definitionOfDone ? { definitionOfDone: template.plan.definitionOfDone } : {}),
          },
          assets,
          checks: { ...checks, ...record.checks },
        },
        action: 'template.applied',
        detail: `started from the template "${template.name}" (from ${template.fromKey}): ${assets.length} asset${assets.length === 1 ? '' : 's'}`,
        ...(template.fromIssueId === undefined ? {} : { mentions: [{ id: template.fromIssueId, key: template.fromKey }] }),
      });
    }
    case 'answerRetrospective':
      return ok({
        record: { ...record, retrospective: { ...record.retrospective, ...command.answers } },
        action: 'retrospective.answered',
        detail: `retrospective answered: ${changedParts('retrospective', command.answers)}`,
      });
  }
};

/**
 * The record's content without when things were done: a command that changes only that changes nothing. Who did it
 * stays content: the same resolution given again by another approver is a new approval.
 */
const contentOf = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(contentOf)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([key, field]) => key !== 'at' && field !== undefined)
            .map(([key, field]) => [key, contentOf(field)]),
        )
      : value;

/**
 * Commands that record an event even when the record's content stays: a saved template changes the template store,
 * an iteration's step the issue it files, a figure entered by hand the campaign's figures, and a Wait or Decline decision is what lets the move through (the transition checks it is recent), so parking a
 * request again after it resumed, with the same reason, must be possible.
 */
const recordsAnEvent = (command: RecordCommand): boolean =>
  command.type === 'noteTemplateSaved' ||
  command.type === 'noteIteration' ||
  command.type === 'noteFigure' ||
  // A dependency noted: the Jira link it follows is what changed.
  command.type === 'noteDependency' ||
  (command.type === 'decideTriage' && command.decision !== 'accept');

const changesNothing = (before: FlightPlanRecord, after: FlightPlanRecord): boolean =>
  JSON.stringify(contentOf(before)) === JSON.stringify(contentOf(after));

/** A command's outcome: the record at its next revision, and the audit entry saying who changed what, when. */
interface AppliedCommand {
  readonly record: FlightPlanRecord;
  readonly entry: NewAuditEntry;
}

/**
 * Applies a command and, when it succeeds, bumps the revision and gives the one audit entry to store beside the record
 * (who, when, what changed). A refused command changes nothing, and a command that would leave the
 * record as it is (the same tier again, the same answer again) is refused: it would only grow the audit trail.
 */
export const applyCommand = (
  record: FlightPlanRecord,
  command: RecordCommand,
  actor: Actor,
  config: AppConfig,
): Result<AppliedCommand, CommandFailure> => {
  const result = apply(record, command, actor, config);
  if (!result.ok) return result;
  if (!recordsAnEvent(command) && changesNothing(record, result.value.record)) {
    return failure('COMMAND.NO_CHANGE', 'nothing to save: this leaves the Flight Plan as it already is');
  }
  const entry = boundedEntry({
    by: actor.accountId,
    at: actor.now.toISOString(),
    action: result.value.action,
    detail: result.value.detail,
    ...(result.value.mentions === undefined ? {} : { mentions: result.value.mentions }),
  });
  return ok({ record: { ...result.value.record, revision: record.revision + 1 }, entry });
};
