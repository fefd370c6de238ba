import type { AppConfig } from '../app-config';
import type { FlightPlanRecord } from '../flight-plan-record';
import type { IssueFacts } from '../issue-facts';
import type { Stage } from '../stages';
import type { Tier } from '../tiers';
import { suggestTier } from '../triage-score';
import { BUILD_CHECKS } from './build-gate';
import { UNKNOWN_HISTORY, type GateContext, type GateHistory, type ItemCheck } from './gate-context';
import { GATE_ITEMS, GATE_LABELS, GATES, itemsOfGate, type Gate, type GateItemCode } from './gate-items';
import { INTAKE_CHECKS } from './intake-gate';
import { LAUNCH_CHECKS } from './launch-gate';
import { MEASURE_CHECKS } from './measure-gate';
import { PLANNING_CHECKS } from './planning-gate';
import { QA_CHECKS } from './qa-gate';
import { TRIAGE_CHECKS } from './triage-gate';

const CHECKS: Readonly<Record<GateItemCode, ItemCheck>> = {
  ...INTAKE_CHECKS,
  ...TRIAGE_CHECKS,
  ...PLANNING_CHECKS,
  ...BUILD_CHECKS,
  ...QA_CHECKS,
  ...LAUNCH_CHECKS,
  ...MEASURE_CHECKS,
};

export interface GateItemResult {
  readonly code: GateItemCode;
  readonly label: string;
  /** Mandatory for this request's tier: only mandatory items block. */
  readonly mandatory: boolean;
  /** Null when satisfied, otherwise what is missing. */
  readonly missing: string | null;
}

export interface GateEvaluation {
  readonly gate: Gate;
  readonly tier: Tier;
  readonly passed: boolean;
  readonly items: readonly GateItemResult[];
  /** Mandatory items that are satisfied, and how many are mandatory: the badge's "QA 7/10". */
  readonly satisfied: number;
  readonly required: number;
}

/**
 * The tier a gate judges by: the record's tier; before triage sets one, the tier the scores
 * suggest, else the lightest tier for intake. After intake an unknown tier is judged as
 * regulated, so missing data never lightens governance.
 */
export const effectiveTier = (gate: Gate, record: FlightPlanRecord, facts: Pick<IssueFacts, 'scores'>): Tier =>
  record.tier ?? suggestTier(facts.scores) ?? (gate === 'intake' ? 'low-risk' : 'regulated');

/**
 * Evaluates one gate: every item is checked (so the panel can show optional ones too), and
 * only the tier's mandatory items decide `passed`.
 */
export const evaluateGate = (
  gate: Gate,
  record: FlightPlanRecord,
  facts: IssueFacts,
  config: AppConfig,
  now: Date,
  history: GateHistory = UNKNOWN_HISTORY,
): GateEvaluation => {
  const tier = effectiveTier(gate, record, facts);
  const context: GateContext = { record, facts, config, now, tier, history };
  const items = itemsOfGate(gate).map((code): GateItemResult => ({
    code,
    label: GATE_ITEMS[code].label,
    mandatory: config.gateMatrix[code].includes(tier),
    missing: CHECKS[code](context),
  }));
  const mandatory = items.filter((item) => item.mandatory);
  const satisfied = mandatory.filter((item) => item.missing === null).length;
  return { gate, tier, passed: satisfied === mandatory.length, items, satisfied, required: mandatory.length };
};

/** The blocking items of an evaluation. */
export const blockingItems = (evaluation: GateEvaluation): GateItemResult[] =>
  evaluation.items.filter((item) => item.mandatory && item.missing !== null);

const MAX_MESSAGE_LENGTH = 900;

/**
 * The sentence a blocked transition shows: short and specific.
 * @example "QA gate: UTMs not structured on 2 links; compliance approval missing"
 */
export const blockedMessage = (evaluation: GateEvaluation): string => {
  const details = blockingItems(evaluation).map((item) => item.missing ?? '');
  const head = `${GATE_LABELS[evaluation.gate]}: `;
  let message = head + details.join('; ');
  for (let shown = details.length - 1; message.length > MAX_MESSAGE_LENGTH && shown > 0; shown--) {
    message = `${head}${details.slice(0, shown).join('; ')}; and ${details.length - shown} more`;
  }
  return message;
};

/** The gate an issue must pass to leave a stage, or null where no gate applies (done, waiting, declined). */
export const gateLeaving = (stage: Stage): Gate | null => GATES.find((gate) => gate === stage) ?? null;
