import type { AppConfig } from './app-config';
import type { FlightPlanRecord } from './flight-plan-record';
import type { IssueFacts } from './issue-facts';
import { evaluateGate, gateLeaving, type GateEvaluation } from './gates/evaluate-gate';
import { UNKNOWN_HISTORY, type GateHistory } from './gates/gate-context';
import { GATE_LABELS, GATES, type Gate } from './gates/gate-items';
import type { SuccessMetric } from './outcomes/catalogue';
import { parseMetricStatement } from './outcomes/metric-sentence';
import type { Stage } from './stages';
import type { Tier } from './tiers';

/**
 * The small read-only summary mirrored to an issue property for JQL, filters and the badge.
 * Values are strings and numbers only, because that is what `jira:entityProperty` indexes.
 */
export interface RecordSummary {
  readonly stage: Stage | 'unmapped';
  readonly tier: Tier | 'unset';
  /** The gate the issue must pass next, or "none" off the track. */
  readonly currentGate: Gate | 'none';
  readonly currentGateReady: 'yes' | 'no' | 'n/a';
  readonly missingCount: number;
  /** Badge text, e.g. "QA 7/10". */
  readonly progress: string;
  readonly readyGates: readonly Gate[];
  readonly revision: number;
  /** The campaign key (`utm_campaign`) joining the request to the CRM's figures, once the plan names one. */
  readonly campaign?: string;
  /** The structured success metric its Success metric field states, once it follows the fixed form, with its baseline and planned spend when stated. */
  readonly metric?: SuccessMetric & { readonly baseline?: number; readonly plannedSpend?: number };
}

export interface FullEvaluation {
  readonly evaluations: Readonly<Record<Gate, GateEvaluation>>;
  readonly summary: RecordSummary;
}

/** What outcomes and JQL need: `"campaign": "spring26-launch", "metric": {"indicator": "registrations", "target": 400, "windowDays": 30}`. */
const outcomeFactsOf = (record: FlightPlanRecord, facts: IssueFacts, config: AppConfig): Pick<RecordSummary, 'campaign' | 'metric'> => {
  const campaign = record.plan.tracking.campaignKey?.trim();
  const statement = parseMetricStatement(facts.successMetric, config.indicators);
  const metric =
    statement === null
      ? null
      : {
          ...statement.metric,
          ...(statement.baseline === undefined ? {} : { baseline: statement.baseline }),
          ...(statement.plannedSpend === undefined ? {} : { plannedSpend: statement.plannedSpend }),
        };
  return { ...(campaign ? { campaign } : {}), ...(metric !== null ? { metric } : {}) };
};

/** Evaluates every gate once and derives the summary from those evaluations. */
export const evaluateRecord = (
  record: FlightPlanRecord,
  facts: IssueFacts,
  config: AppConfig,
  now: Date,
  stage: Stage | null,
  history: GateHistory = UNKNOWN_HISTORY,
): FullEvaluation => {
  const evaluations = Object.fromEntries(GATES.map((gate) => [gate, evaluateGate(gate, record, facts, config, now, history)])) as Record<
    Gate,
    GateEvaluation
  >;
  const current = stage === null ? null : gateLeaving(stage);
  const currentEvaluation = current === null ? null : evaluations[current];
  const shortLabel = current === null ? '' : GATE_LABELS[current].replace(/ gate$/, '');
  return {
    evaluations,
    summary: {
      stage: stage ?? 'unmapped',
      tier: record.tier ?? 'unset',
      currentGate: current ?? 'none',
      currentGateReady: currentEvaluation === null ? 'n/a' : currentEvaluation.passed ? 'yes' : 'no',
      missingCount: currentEvaluation === null ? 0 : currentEvaluation.required - currentEvaluation.satisfied,
      progress: currentEvaluation === null ? '' : `${shortLabel} ${currentEvaluation.satisfied}/${currentEvaluation.required}`,
      readyGates: GATES.filter((gate) => evaluations[gate].passed),
      revision: record.revision,
      ...outcomeFactsOf(record, facts, config),
    },
  };
};
