import type { FlightPlanRecord, LexiconResolution } from '../../domain/flight-plan-record';
import type { IssueFacts } from '../../domain/issue-facts';
import type { LexiconHit } from '../../domain/lexicon-scan';
import type { LibraryCitation } from '../../domain/messaging-library';
import type { NamingRules } from '../../domain/naming-check';
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

/** The approver roles an admin set, for picking a plan's approvers from their members. */
export interface RoleView {
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
  readonly triage: { readonly score: TriageScore | null; readonly suggestedTier: Tier | null };
  readonly lexiconHits: readonly LexiconHit[];
  /** The hits no current resolution covers: what blocks the QA gate. */
  readonly unresolvedLexiconHits: readonly LexiconHit[];
  /** Resolutions that no longer count: the passage changed, or their approver may no longer approve. */
  readonly staleResolutions: readonly LexiconResolution[];
  readonly approvals: readonly ApprovalView[];
  readonly roles: readonly RoleView[];
  /** Whether the caller is a triage lead who may decide on this request. */
  readonly canTriage: boolean;
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
