import type { Recommendation, TriageScores } from './triage-score';
import type { Tier } from './tiers';

/**
 * Everything an issue's Flight Plan holds beyond Jira's own fields: the authoritative record the
 * gates read. It lives in app storage keyed by issue id and is changed only by the record commands.
 */
export const CURRENT_RECORD_VERSION = 3;

/** Who did something and when (ISO instant). */
interface Stamp {
  readonly by: string;
  readonly at: string;
}

export const MANUAL_CHECK_CODES = [
  'qa.events-firing',
  'qa.crm-routing',
  'qa.claims-validated',
  'qa.positioning-aligned',
  'qa.links-functional',
  'qa.forms-tested',
  'qa.rollback-path',
] as const;
/** Checklist items a person ticks (the others are derived from the record and the issue). */
export type ManualCheckCode = (typeof MANUAL_CHECK_CODES)[number];

interface ManualCheck extends Stamp {
  readonly done: boolean;
  readonly note?: string;
}

/** The key of an approver role an admin configured (`compliance`, `brand`, `legal`, or one they added). */
type ApproverRole = string;

/** Someone a plan asks to approve in a role; counts only while an admin keeps them in that role. */
export interface Approver {
  readonly accountId: string;
  readonly role: ApproverRole;
}

export interface Plan {
  /** `[]` means not answered; `['none']` is the explicit "no dependencies". */
  readonly dependencies: readonly string[];
  readonly tracking: {
    readonly campaignKey?: string;
    readonly events: readonly string[];
    readonly crmCampaign?: string;
  };
  readonly approvers: readonly Approver[];
  readonly launchCriteria?: string;
  readonly definitionOfDone?: string;
}

export interface Asset {
  readonly id: string;
  readonly type: string;
  readonly spec: string;
  readonly name: string;
  /** Its latest earlier names (at most MAX_PREVIOUS_NAMES), oldest first: the version history the build gate checks. */
  readonly previousNames: readonly string[];
  /**
   * The first time its version went down among the names no longer in `previousNames` (absent when it never did, or
   * on assets renamed fewer times than are kept): so renaming it again cannot clear the build gate's "a version never
   * goes back".
   */
  readonly stepBack?: StepBack;
  readonly copy: string;
  readonly trackedUrls: readonly string[];
  /** Who first built the asset. */
  readonly builtBy: string;
  /** Everyone who wrote or changed its name, copy or tracked links, first builder first (separation of duties). */
  readonly writers: readonly string[];
  /** When its name, copy or tracked links last changed (absent on assets stored before this was kept). */
  readonly contentChangedAt?: string;
  readonly readyForReview: boolean;
}

/**
 * An approval in one role, bound to the content it covers: the fingerprint of the assets' names,
 * copy and tracked links when it was given. Null on approvals kept from before fingerprints were
 * recorded: nobody can say what they covered, so they never count as current.
 */
export interface Approval extends Stamp {
  readonly role: ApproverRole;
  readonly fingerprint: string | null;
}

export interface LexiconResolution extends Stamp {
  readonly source: string;
  readonly term: string;
  /** The word as found in the copy when it was resolved ("Guaranteed"), for people; `term` is the pattern. */
  readonly matched: string;
  readonly justification: string;
  /** Fingerprint of the passages around the hits it covers; null when kept from before fingerprints (never current). */
  readonly fingerprint: string | null;
}

export const OBSERVATION_CHECKPOINTS = ['1h', '24h', '72h'] as const;
export type ObservationCheckpoint = (typeof OBSERVATION_CHECKPOINTS)[number];
export const CHECKPOINT_HOURS: Readonly<Record<ObservationCheckpoint, number>> = { '1h': 1, '24h': 24, '72h': 72 };

export interface Observation extends Stamp {
  readonly checkpoint: ObservationCheckpoint;
  readonly note: string;
  /** The launch watch saw something wrong at this checkpoint: the owner is offered an iteration. Absent when all was well. */
  readonly anomaly?: true;
}

/**
 * The observations a record keeps: one per checkpoint, the latest recorded (a later one corrects it, or is the watch
 * after a new move to Launch, whose checkpoints only it can meet). Ties go to the one listed last. The audit trail keeps
 * every observation recorded, so the record stays bounded however often the launch watch is written.
 */
export const latestObservations = (observations: readonly Observation[]): Observation[] =>
  OBSERVATION_CHECKPOINTS.flatMap((checkpoint) => {
    const latest = observations
      .filter((observation) => observation.checkpoint === checkpoint)
      .reduce<Observation | null>(
        (kept, observation) => (kept === null || Date.parse(observation.at) >= Date.parse(kept.at) ? observation : kept),
        null,
      );
    return latest === null ? [] : [latest];
  });

export interface Launch {
  readonly window?: { readonly start: string; readonly end: string };
  readonly monitoringOwnerId?: string;
  /** At most one per checkpoint, in checkpoint order (`latestObservations`). */
  readonly observations: readonly Observation[];
  readonly observationWaiver?: Stamp & { readonly reason: string };
  readonly anomalyPlan?: string;
}

export type OutcomeResult = 'attained' | 'partly' | 'missed';

export interface Retrospective {
  readonly slowedDown?: string;
  readonly rework?: string;
  readonly broke?: string;
  readonly template?: string;
  readonly outcome?: { readonly result: OutcomeResult; readonly actual: string };
  /** The iteration "Start an iteration" filed from this request: its key, or null while it is being created. */
  readonly iteration?: Stamp & { readonly key: string | null };
}

interface TriageDecision extends Stamp {
  readonly decision: Recommendation;
  readonly reason?: string;
  /** The scores the decision was made on; null on decisions kept from before they were recorded. */
  readonly scores: TriageScores | null;
}

/** Every code the app writes into an audit trail: a misspelt code is a type error where it is written. */
export type AuditAction =
  | 'triage.decided'
  | 'tier.set'
  | 'tier.lowered'
  | 'plan.updated'
  | 'check.answered'
  | 'asset.added'
  | 'asset.updated'
  | 'asset.renamed'
  | 'asset.retired'
  | 'asset.restored'
  | 'approval.given'
  | 'compliance.approved'
  | 'lexicon.resolved'
  | 'launch.updated'
  | 'launch.observed'
  | 'launch.observations-waived'
  | 'template.saved'
  | 'template.applied'
  | 'retrospective.answered'
  | 'iteration.claimed'
  | 'iteration.started'
  | 'iteration.let-go'
  | 'figure.entered'
  | 'dependency.added'
  | 'dependency.removed'
  | 'record.reset';

/**
 * One line of a request's audit trail, kept outside the record (see `audit-trail.ts`), as read back. Its code is a
 * plain string here: a page may hold a code written by an older or newer version of the app, and that one entry must
 * still read (its sentence is what people see).
 */
export interface AuditEntry extends Stamp {
  /** What happened, as a stable code (`asset.renamed`, `tier.lowered`…). */
  readonly action: string;
  /** A sentence for people, naming what changed. */
  readonly detail: string;
  /**
   * The other requests the sentence names by key, with their Jira ids: a reader who may not browse one reads the entry
   * without its key (see `entriesAsSeen`). Absent on entries that name none, and on those written before entries kept them.
   */
  readonly mentions?: readonly IssueRef[];
}

/** An audit line as the app writes it: its code one of the `AuditAction`s. */
export interface NewAuditEntry extends AuditEntry {
  readonly action: AuditAction;
}

/**
 * An asset taken off the register (a draft dropped, one added by mistake): kept in the record's history, with who
 * retired it and when, and counted by no gate, approval or scan.
 */
interface RetiredAsset extends Asset {
  readonly retiredBy: string;
  readonly retiredAt: string;
}

/** How many retired assets a record keeps: enough for any real request, bounded so the record stays within its key. */
export const MAX_RETIRED_ASSETS = 50;

/**
 * How many earlier names an asset keeps: its last few, so renaming it back and forth cannot grow the record until it is
 * frozen (each name is up to 200 characters). The audit trail keeps every rename ("renamed to …"), so the full
 * history is still there; the build gate's "a version never goes back" looks at the renames kept.
 */
export const MAX_PREVIOUS_NAMES = 10;

/**
 * How many people an asset keeps as its writers, and how many approvals a record keeps: far beyond a real request, bounded
 * so that neither can grow the record past what it may hold (a record over them would not read).
 */
export const MAX_WRITERS = 100;
export const MAX_APPROVALS = 100;

/** Two names an asset held one after the other, the second with a lower version than the first. */
export interface StepBack {
  readonly from: string;
  readonly to: string;
}

/**
 * An asset's name history bounded: the latest MAX_PREVIOUS_NAMES of `names` (its earlier names, oldest first), and the
 * first step back among the names dropped (or the one it already kept). Bounding the names must not clear the build
 * gate's "a version never goes back": a step back only ever blocks, so keeping the first one found is all it needs.
 * `versionOf` reads a name's version (null when the name carries none).
 */
/** A rename from a name of version `before` to one of `after` lowers the version (a name without one says nothing). */
export const versionGoesBack = (before: number | null, after: number | null): boolean =>
  before !== null && after !== null && after < before;

export const boundedNames = (
  names: readonly string[],
  stepBack: StepBack | undefined,
  versionOf: (name: string) => number | null,
): { previousNames: string[]; stepBack?: StepBack } => {
  const dropped = Math.max(0, names.length - MAX_PREVIOUS_NAMES);
  let kept = stepBack;
  // Each dropped name is judged against the name that followed it (the last one against the oldest name kept).
  for (let i = 0; i < dropped && kept === undefined; i++) {
    const [from, to] = [names[i] as string, names[i + 1] as string];
    if (versionGoesBack(versionOf(from), versionOf(to))) kept = { from, to };
  }
  return { previousNames: names.slice(dropped), ...(kept === undefined ? {} : { stepBack: kept }) };
};

/** A Jira issue by its id, with the key people know it by (a key changes when an issue moves; the id does not). */
export interface IssueRef {
  readonly id: string;
  readonly key: string;
}

/** A request this one waits on, as the panel linked it: Jira's issue id, and its key then (for words only). */
export type PanelBlocker = IssueRef;

/** Most requests one audit entry names: a dependency names one, a template's source one. */
export const MAX_MENTIONS = 4;

/** Most blockers a record remembers; a request waits on a handful. */
export const MAX_PANEL_BLOCKERS = 50;

export interface FlightPlanRecord {
  readonly schemaVersion: typeof CURRENT_RECORD_VERSION;
  readonly issueId: string;
  /** Bumped on every write, so a stale editor's change is refused instead of overwriting. */
  readonly revision: number;
  readonly tier?: Tier;
  readonly triage?: TriageDecision;
  readonly plan: Plan;
  readonly assets: readonly Asset[];
  /** Assets retired from the register, oldest first (absent on records stored before assets could be retired). */
  readonly retiredAssets?: readonly RetiredAsset[];
  /**
   * The requests this one was made to wait on in its panel and that the panel has not removed since (at most
   * MAX_PANEL_BLOCKERS). Jira lets anyone who may link issues remove a link in its own view or API, past the panel's
   * rule that only the owner or a triage lead removes a blocker that has not launched: while one of these has no link
   * any more, the QA gate holds until they confirm its removal (absent on records stored before it was kept).
   */
  readonly panelBlockers?: readonly PanelBlocker[];
  readonly checks: Partial<Record<ManualCheckCode, ManualCheck>>;
  /** Every approval given, in the order given; a person's newer approval in a role replaces their older one. */
  readonly approvals: readonly Approval[];
  readonly lexiconResolutions: readonly LexiconResolution[];
  readonly launch: Launch;
  readonly retrospective: Retrospective;
  /**
   * The campaign whose list of requests the app has put this request on (absent before it has): a save lists the request
   * only when its campaign differs from this one, so most saves read no list.
   */
  readonly campaignListed?: string;
}

export const emptyRecord = (issueId: string): FlightPlanRecord => ({
  schemaVersion: CURRENT_RECORD_VERSION,
  issueId,
  revision: 0,
  plan: { dependencies: [], tracking: { events: [] }, approvers: [] },
  assets: [],
  checks: {},
  approvals: [],
  lexiconResolutions: [],
  launch: { observations: [] },
  retrospective: {},
});
