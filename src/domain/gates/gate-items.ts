import type { Tier } from '../tiers';

/** One gate per forward transition, named after the stage it lets an issue leave. */
export const GATES = ['intake', 'triage', 'planning', 'build', 'qa', 'launch', 'measure'] as const;
export type Gate = (typeof GATES)[number];

export const GATE_LABELS: Readonly<Record<Gate, string>> = {
  intake: 'Intake gate',
  triage: 'Triage gate',
  planning: 'Planning gate',
  build: 'Build gate',
  qa: 'QA gate',
  launch: 'Launch gate',
  measure: 'Measure gate',
};

const ALL: readonly Tier[] = ['low-risk', 'revenue', 'regulated'];
const GOVERNED: readonly Tier[] = ['revenue', 'regulated'];
const REGULATED: readonly Tier[] = ['regulated'];

/**
 * Every gate item with its gate, its label and the tiers for which it is mandatory by default
 * (SPEC §2: M = mandatory for low-risk / revenue / regulated). Admins may change the tiers.
 */
export const GATE_ITEMS = {
  'intake.business-context': { gate: 'intake', label: 'business context', tiers: ALL },
  'intake.success-metric': { gate: 'intake', label: 'measurable success metric', tiers: ALL },
  'intake.launch-date': { gate: 'intake', label: 'requested launch date', tiers: ALL },
  'intake.owner': { gate: 'intake', label: 'accountable owner', tiers: ALL },
  'triage.scores': { gate: 'triage', label: 'Impact, Confidence, Effort and Risk scores', tiers: ALL },
  'triage.tier': { gate: 'triage', label: 'governance tier', tiers: ALL },
  'triage.decision': { gate: 'triage', label: 'triage decision "accept"', tiers: ALL },
  'planning.assets': { gate: 'planning', label: 'asset requirements', tiers: ALL },
  'planning.dependencies': { gate: 'planning', label: 'dependencies', tiers: GOVERNED },
  'planning.tracking-plan': { gate: 'planning', label: 'tracking plan', tiers: GOVERNED },
  'planning.approval-path': { gate: 'planning', label: 'approval path', tiers: GOVERNED },
  'planning.compliance-approver': { gate: 'planning', label: 'compliance approver in the approval path', tiers: REGULATED },
  'planning.launch-criteria': { gate: 'planning', label: 'launch criteria', tiers: GOVERNED },
  'planning.definition-of-done': { gate: 'planning', label: 'definition of done', tiers: ALL },
  'build.naming': { gate: 'build', label: 'assets named by the convention', tiers: ALL },
  'build.no-final-names': { gate: 'build', label: 'no "final"-style names', tiers: ALL },
  'build.versions': { gate: 'build', label: 'no version going back, no duplicate names', tiers: ALL },
  'build.ready-for-review': { gate: 'build', label: 'all assets ready for review', tiers: ALL },
  'qa.events-firing': { gate: 'qa', label: 'events firing', tiers: GOVERNED },
  'qa.utm-structured': { gate: 'qa', label: 'UTMs structured', tiers: ALL },
  'qa.crm-routing': { gate: 'qa', label: 'CRM routing confirmed', tiers: GOVERNED },
  'qa.claims-validated': { gate: 'qa', label: 'claims validated', tiers: GOVERNED },
  'qa.lexicon-clear': { gate: 'qa', label: 'compliance lexicon scan clear', tiers: ALL },
  'qa.compliance-approval': { gate: 'qa', label: 'compliance approval', tiers: REGULATED },
  'qa.approval-path': { gate: 'qa', label: "approvals on the tier's approval path", tiers: ALL },
  'qa.positioning-aligned': { gate: 'qa', label: 'positioning aligned', tiers: GOVERNED },
  'qa.links-functional': { gate: 'qa', label: 'links functional', tiers: ALL },
  'qa.forms-tested': { gate: 'qa', label: 'forms tested', tiers: GOVERNED },
  'qa.rollback-path': { gate: 'qa', label: 'rollback path defined', tiers: GOVERNED },
  // On the QA gate because it is the gate of the Launch transition: a blocked request cannot launch.
  'qa.blockers-launched': { gate: 'qa', label: 'every request it is blocked by launched', tiers: ALL },
  'launch.window': { gate: 'launch', label: 'launch window', tiers: ALL },
  'launch.monitoring-owner': { gate: 'launch', label: 'monitoring owner', tiers: ALL },
  'launch.observations': { gate: 'launch', label: 'first-72-hour observations', tiers: ALL },
  'launch.anomaly-plan': { gate: 'launch', label: 'anomaly response plan', tiers: GOVERNED },
  'measure.retrospective': { gate: 'measure', label: 'retrospective', tiers: ALL },
  'measure.outcome': { gate: 'measure', label: 'outcome against the success metric', tiers: GOVERNED },
} as const satisfies Record<string, { gate: Gate; label: string; tiers: readonly Tier[] }>;

export type GateItemCode = keyof typeof GATE_ITEMS;
export const GATE_ITEM_CODES = Object.keys(GATE_ITEMS) as GateItemCode[];

export const itemsOfGate = (gate: Gate): GateItemCode[] => GATE_ITEM_CODES.filter((code) => GATE_ITEMS[code].gate === gate);

/** Which tiers each item is mandatory for: the shape of the admin-editable gate matrix. */
export type GateMatrix = Readonly<Record<GateItemCode, readonly Tier[]>>;

export const DEFAULT_GATE_MATRIX: GateMatrix = Object.fromEntries(
  GATE_ITEM_CODES.map((code) => [code, [...GATE_ITEMS[code].tiers]]),
) as unknown as GateMatrix;
