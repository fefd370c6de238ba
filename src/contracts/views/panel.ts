import type { ApprovalOrder } from '../../domain/approval-paths';
import type { AuditEntry, FlightPlanRecord, LexiconResolution } from '../../domain/flight-plan-record';
import type { IssueFacts } from '../../domain/issue-facts';
import type { LexiconHit } from '../../domain/lexicon-scan';
import type { LibraryCitation } from '../../domain/messaging-library';
import type { NamingRules } from '../../domain/naming-check';
import type { ItemTurn } from '../../domain/gate-item-owners';
import type { GateItemCode } from '../../domain/gates/gate-items';
import type { FullEvaluation } from '../../domain/record-summary';
import type { ObservationDue } from '../../domain/reminders';
import type { Stage } from '../../domain/stages';
import type { Tier } from '../../domain/tiers';
import type { TriageScore } from '../../domain/triage-score';
import type { UtmReport } from '../../domain/utm-check';

/** How the request has moved so far, from the stage log the trigger keeps. */
export interface StageHistory {
  readonly revisions: number;
  readonly qaReturns: number;
  /** When it last entered Launch, if it has. */
  readonly launchEnteredAt: string | null;
  /** When it last entered QA + Governance, if it has: approval waits count from then. */
  readonly qaEnteredAt: string | null;
}

/** An approval as the panel shows it: whether it counts now, and if not, why. */
export interface ApprovalView {
  readonly role: string;
  readonly roleLabel: string;
  readonly by: string;
  readonly at: string;
  /** `stale`: the copy changed after it (at `changedAt` when known); `void`: its approver may not give it (`why`). */
  readonly state: 'current' | 'stale' | 'void';
  readonly changedAt?: string;
  readonly why?: string;
}

/** One step of the request's approval path as the panel shows it. */
export interface ApprovalStepView {
  readonly role: string;
  readonly roleLabel: string;
  readonly required: number;
  /** The current approvals that count for the step, oldest first. */
  readonly approvedBy: readonly { readonly by: string; readonly at: string }[];
  /**
   * `done`; `waiting`: it may be answered now; `after-earlier`: an in-order step whose earlier
   * steps are open; `not-due`: the request has not entered QA + Governance yet.
   */
  readonly state: 'done' | 'waiting' | 'after-earlier' | 'not-due';
  /** How long it has waited since it was due: until now, or until its last approval. Null before it is due. */
  readonly waitedMs: number | null;
  /** Waiting past the approval SLA: its approvers are reminded, then the triage leads told. */
  readonly overdue: boolean;
  /** Who is asked for its next approvals (none once done). */
  readonly next: readonly string[];
}

/** The request's approval path: the tier's steps, who approved, who is next, how long each waited. */
export interface ApprovalPathView {
  readonly tier: Tier;
  readonly order: ApprovalOrder;
  readonly steps: readonly ApprovalStepView[];
  readonly slaBusinessDays: number;
}

/** An approver role the caller holds: whether they may approve this request in it now, and if not why. */
export interface CallerRoleView {
  readonly role: string;
  readonly roleLabel: string;
  /** Null when they may approve; otherwise why not (they wrote the copy, are the requester…). */
  readonly refusal: string | null;
  /** They already gave an approval in the role that counts now. */
  readonly approved: boolean;
}

/** The approver roles an admin set, for picking a plan's approvers from their members. */
interface RoleView {
  readonly key: string;
  readonly label: string;
  readonly members: readonly string[];
}

/** Everything the issue panel shows, computed on the server so the browser never judges a gate. */
export interface PanelView {
  readonly issueKey: string;
  readonly facts: IssueFacts;
  readonly stage: Stage | null;
  readonly history: StageHistory;
  /** The naming rules, so the panel can check an asset name as it is typed (the gate still decides). */
  readonly naming: NamingRules;
  readonly record: FlightPlanRecord;
  readonly canEdit: boolean;
  readonly evaluation: FullEvaluation;
  readonly triage: {
    readonly score: TriageScore | null;
    /** The top of the score's scale under the admin's weights (125 by default). */
    readonly maxScore: number;
    readonly suggestedTier: Tier | null;
    /** Which scores decided the suggested tier, in words. */
    readonly suggestedTierReason: string | null;
  };
  readonly lexiconHits: readonly LexiconHit[];
  /** The hits no current resolution covers: what blocks the QA gate. */
  readonly unresolvedLexiconHits: readonly LexiconHit[];
  /** Resolutions that no longer count: the passage changed, or their approver may no longer approve. */
  readonly staleResolutions: readonly LexiconResolution[];
  readonly approvals: readonly ApprovalView[];
  /** What an approval given now would cover (the description and the assets as this view shows them): sent with Approve. */
  readonly approvalCovers: string;
  readonly approvalPath: ApprovalPathView;
  /** The approver roles the caller holds, for their approve buttons. */
  readonly callerRoles: readonly CallerRoleView[];
  readonly roles: readonly RoleView[];
  /** Whether the caller is a triage lead who may decide on this request. */
  readonly canTriage: boolean;
  /**
   * Whether the caller may set, change or clear the campaign key: the request's owner (its assignee) or a triage lead,
   * by the rule the plan command refuses by. Editing needs `canEdit` too, and no one changes it once launched.
   */
  readonly canSetCampaignKey: boolean;
  /** Whose turn each item of the next gate is: the caller's own, or the people it waits on (by account ID). */
  readonly turns: Readonly<Partial<Record<GateItemCode, ItemTurn>>>;
  /** The hits the messaging library resolves, each citing the claim that covers it. */
  readonly libraryCitations: readonly LibraryCitation[];
  readonly utm: UtmReport;
  /** The launch watch on the server's clock: each checkpoint recorded, overdue or upcoming (null before launch, or waived). */
  readonly observations: readonly ObservationDue[] | null;
  /** Display names of the accounts the record mentions, by account ID (those Jira could name). */
  readonly people: Readonly<Record<string, string>>;
  /** Templates a new request can start from. */
  readonly templates: readonly { readonly id: string; readonly name: string; readonly fromKey: string }[];
  /** Non-fatal problems, e.g. the summary property could not be mirrored. */
  readonly warnings: readonly string[];
}

/** One page of a request's audit trail, newest first. */
export interface AuditTrailView {
  readonly entries: readonly AuditEntry[];
  /** The page shown (0 = newest). */
  readonly page: number;
  /** True when an older page follows. */
  readonly hasOlder: boolean;
  /** Names of the people in the entries, by account. */
  readonly people: Readonly<Record<string, string>>;
}
