import type { ApprovalPaths } from './approval-paths';
import { DEFAULT_GATE_MATRIX, type GateMatrix } from './gates/gate-items';
import type { LexiconEntry } from './lexicon-scan';
import type { ApprovedClaim } from './messaging-library';
import type { NamingRules } from './naming-check';
import { DEFAULT_INDICATOR_CATALOGUE, type Indicator } from './outcomes/metric-sentence';
import type { Stage, TrackStage } from './stages';
import type { Tier } from './tiers';
import type { TriageRules } from './triage-score';
import type { UtmRules } from './utm-check';

/**
 * A routing rule: requests for a channel or asset type go to a person (used when triage accepts). With `alternates`,
 * the request goes to the least loaded of the assignee and them (see `capacity.ts`), the assignee when loads tie.
 */
export interface RoutingRule {
  readonly channel?: string;
  readonly assetType?: string;
  readonly assigneeId: string;
  readonly alternates?: readonly string[];
}

/** An approver role: who may approve in it. Only its members count for it, whatever a request's plan says. */
export interface ApproverRoleConfig {
  /** Stable key records refer to: lower-case letters, digits and dashes ("compliance", "brand", "legal"). */
  readonly key: string;
  /** The name people read ("Compliance"). */
  readonly label: string;
  readonly members: readonly string[];
}

/** Who may act in each governance role, set by admins. */
export interface GovernanceRoles {
  /** Triage leads decide tier, accept, wait and decline, and are told of escalations. */
  readonly triageLeads: readonly string[];
  /** Approver roles; `compliance` is always one. */
  readonly approvers: readonly ApproverRoleConfig[];
  /**
   * Who may enter a request's outcome figures by hand (when they are also its owner): absent until an admin names
   * anyone, and then the triage leads, marketing ops, do (`figureReporters`).
   */
  readonly figureReporters?: readonly string[];
}

/** The approver role every site has: it approves regulated language and resolves lexicon hits. */
export const COMPLIANCE_ROLE = 'compliance';

/**
 * The role whose members may enter a request's outcome figures by hand (issue 13: the owner, in
 * Measure + Improve). A figure by hand judges the request like a CRM's, so being assigned a request
 * is not enough: the admin names who reports figures. It approves nothing, so it is no approver role;
 * configurations stored when it was one (under this key) are read with its members moved out.
 */
export const FIGURES_ROLE = 'outcome-figures';
export const FIGURES_ROLE_LABEL = 'Outcome figures';

/**
 * Who may enter outcome figures by hand: the people an admin named, or, while nobody has been named (a site set up
 * before the role existed, or a new one), the triage leads: marketing ops, who run the campaigns the figures
 * come from. The admin page says which applies.
 */
export const figureReporters = (roles: GovernanceRoles): readonly string[] => roles.figureReporters ?? roles.triageLeads;

/** The app's whole configuration, edited by Jira admins and read by every gate. */
export interface AppConfig {
  /** Jira status names of each stage, matched case-insensitively. */
  readonly statusMap: Readonly<Record<Stage, readonly string[]>>;
  readonly gateMatrix: GateMatrix;
  readonly intake: {
    readonly minDescriptionLength: number;
    /** Business days between filing a request and its launch date, per tier. */
    readonly leadTimeBusinessDays: Readonly<Record<Tier, number>>;
  };
  readonly triage: TriageRules;
  /** Stage SLAs in business days, per tier. */
  readonly slaBusinessDays: Readonly<Record<TrackStage, Readonly<Record<Tier, number>>>>;
  /** Non-working days (`YYYY-MM-DD`) for SLA and lead-time arithmetic. */
  readonly holidays: readonly string[];
  readonly lexicon: readonly LexiconEntry[];
  readonly naming: NamingRules;
  readonly utm: UtmRules;
  readonly roles: GovernanceRoles;
  /** The fewest characters a lexicon hit's justification may have ("ok" says nothing). */
  readonly minJustificationLength: number;
  readonly routing: readonly RoutingRule[];
  /** The requests the metrics follow: a bounded JQL query (search/jql refuses unbounded ones). */
  readonly metricsJql: string;
  /** Per tier, which roles approve before launch, how many of each, side by side or in order. */
  readonly approvalPaths: ApprovalPaths;
  /** Business days an approver has to answer once their step is due; at twice it the triage lead is told. */
  readonly approvalSlaBusinessDays: number;
  /** A launch is at risk while its chance of landing by the date asked for is below this (percent). */
  readonly atRiskBelowPercent: number;
  /** Pre-approved claims: copy that uses one word for word needs no new lexicon justification. */
  readonly messagingLibrary: readonly ApprovedClaim[];
  /** The indicators a success metric may name ("400 registrations within 30 days of launch"). */
  readonly indicators: readonly Indicator[];
  /**
   * The currency every money figure (pipeline, revenue, spend) is kept and shown in, as an ISO 4217 code: a site keeps
   * one, since figures of two currencies cannot be added up.
   */
  readonly currency: string;
}

const sameForAllTiers = (days: number): Record<Tier, number> => ({ 'low-risk': days, revenue: days, regulated: days });

export const DEFAULT_TRIAGE_RULES: TriageRules = {
  weights: { impact: 1, confidence: 1, effort: 1 },
  acceptAtOrAbove: 36,
  declineBelow: 12,
};

/**
 * The default paths ask what the QA gate asked before paths existed: a compliance approval for
 * regulated work, none for the rest. An admin adds brand or legal (in order or side by side) per tier.
 * Here, not in approval-paths.ts: that module reads the roles helpers of this one.
 */
export const DEFAULT_APPROVAL_PATHS: ApprovalPaths = {
  'low-risk': { order: 'parallel', steps: [] },
  revenue: { order: 'parallel', steps: [] },
  regulated: { order: 'in-order', steps: [{ role: 'compliance', count: 1 }] },
};

export const DEFAULT_CONFIG: AppConfig = {
  statusMap: {
    intake: ['Intake'],
    triage: ['Triage'],
    planning: ['Planning'],
    build: ['Build'],
    qa: ['QA + Governance'],
    launch: ['Launch'],
    measure: ['Measure + Improve'],
    done: ['Done'],
    waiting: ['Waiting'],
    declined: ['Declined'],
  },
  gateMatrix: DEFAULT_GATE_MATRIX,
  intake: { minDescriptionLength: 40, leadTimeBusinessDays: { 'low-risk': 3, revenue: 10, regulated: 15 } },
  triage: DEFAULT_TRIAGE_RULES,
  slaBusinessDays: {
    intake: sameForAllTiers(2),
    triage: sameForAllTiers(3),
    planning: sameForAllTiers(5),
    build: sameForAllTiers(10),
    qa: sameForAllTiers(3),
    launch: sameForAllTiers(3),
    measure: sameForAllTiers(10),
  },
  holidays: [],
  lexicon: [
    { term: 'guarantee*', category: 'claim' },
    { term: 'risk-free', category: 'claim' },
    { term: '#1', category: 'claim' },
    { term: 'number one', category: 'claim' },
    { term: 'best in class', category: 'claim' },
    { term: '100%', category: 'claim' },
    { term: 'cure', category: 'regulated' },
    { term: 'no side effects', category: 'regulated' },
    { term: 'clinically proven', category: 'regulated' },
    { term: 'free', category: 'claim', unlessCopyContains: ['terms apply', 'see terms', 'conditions apply', 't&cs apply'] },
  ],
  naming: {
    pattern: '{campaign}-{channel}-{asset}-v{n}',
    blacklist: ['final', 'latest', 'new', 'copy of', 'use this'],
  },
  utm: { allowedMediums: ['email', 'social', 'paid-social', 'cpc', 'display', 'organic', 'referral', 'affiliate', 'event'] },
  roles: {
    triageLeads: [],
    approvers: [
      { key: COMPLIANCE_ROLE, label: 'Compliance', members: [] },
      { key: 'brand', label: 'Brand', members: [] },
      { key: 'legal', label: 'Legal', members: [] },
    ],
  },
  minJustificationLength: 20,
  routing: [],
  metricsJql: 'issuetype = "Marketing Request" ORDER BY created ASC',
  approvalPaths: DEFAULT_APPROVAL_PATHS,
  approvalSlaBusinessDays: 2,
  atRiskBelowPercent: 50,
  messagingLibrary: [],
  indicators: DEFAULT_INDICATOR_CATALOGUE,
  currency: 'USD',
};

/** The stage a Jira status belongs to, or null for a status the map does not know. */
export const stageOfStatus = (statusName: string, statusMap: AppConfig['statusMap']): Stage | null => {
  const wanted = statusName.trim().toLowerCase();
  for (const [stage, names] of Object.entries(statusMap) as [Stage, readonly string[]][]) {
    if (names.some((name) => name.trim().toLowerCase() === wanted)) return stage;
  }
  return null;
};

/** The members of an approver role; none for a role the configuration does not have. */
export const membersOf = (roles: GovernanceRoles, role: string): readonly string[] =>
  roles.approvers.find((candidate) => candidate.key === role)?.members ?? [];

export const isMemberOf = (roles: GovernanceRoles, role: string, accountId: string): boolean => membersOf(roles, role).includes(accountId);

/** The name people read for a role key (the key itself for a role no longer configured). */
export const roleLabel = (roles: GovernanceRoles, role: string): string =>
  roles.approvers.find((candidate) => candidate.key === role)?.label ?? role;
