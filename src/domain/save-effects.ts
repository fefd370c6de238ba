import type { AppConfig, RoutingRule } from './app-config';
import type { FlightPlanRecord } from './flight-plan-record';
import type { RecordCommand } from './record-commands';
import { routingRuleFor } from './routing';
import type { Stage } from './stages';
import type { Tier } from './tiers';
import { TRIAGE_MOVE_STATUS, type TriageMove } from './triage-move';
import type { Recommendation } from './triage-score';

/** Where each triage decision moves a request, and the status word people read for it. */
export const DECISION_MOVE = {
  accept: { stage: 'planning', status: 'Planning' },
  wait: { stage: 'waiting', status: TRIAGE_MOVE_STATUS.wait },
  decline: { stage: 'declined', status: TRIAGE_MOVE_STATUS.decline },
} as const satisfies Record<Recommendation, { stage: Stage; status: string }>;

/**
 * What Jira must be told after a panel save, in the order it is told. Each is carried out by the use case; a failure is a
 * warning beside the saved record, never a reason to undo it.
 * - `copy-tier`: the tier changed, so the Governance tier field shows it (JQL and boards read the field).
 * - `route`: triage accepted and an admin's routing rule fits: assign by it (the least loaded of its people whom Jira
 *   lets it be assigned to needs Jira, so only the rule is decided here).
 * - `move`: the decision's move, made as the lead, so a lead never presses a second button; none for an accept taken
 *   again on a request already past triage, nor when it already stands where the decision puts it.
 * - `tell-requester`: a wait or a decline is explained to the requester in a comment.
 * - `write-summary`: always last, as the request then stands: any save can change its gates' progress.
 */
export type SaveEffect =
  | { readonly kind: 'copy-tier'; readonly tier: Tier }
  | { readonly kind: 'route'; readonly rule: RoutingRule }
  | { readonly kind: 'move'; readonly to: (typeof DECISION_MOVE)[Recommendation] }
  | { readonly kind: 'tell-requester'; readonly decision: TriageMove; readonly reason: string }
  | { readonly kind: 'write-summary' };

/** What the saved request stands in and what Jira knows of it, besides the record. */
export interface SaveContext {
  /** Its stage when the save began (null for a status no stage claims). */
  readonly stage: Stage | null;
  /** Its Jira labels: a routing rule's channel may be one. */
  readonly labels: readonly string[];
  readonly config: Pick<AppConfig, 'routing'>;
}

/**
 * The effects of one saved command, from the record before and after it.
 * @example saveEffects(before, { ...before, tier: 'revenue' }, { type: 'setTier', tier: 'revenue' }, context) // [{ kind: 'copy-tier', tier: 'revenue' }, { kind: 'write-summary' }]
 */
export const saveEffects = (
  before: FlightPlanRecord,
  after: FlightPlanRecord,
  command: RecordCommand,
  { stage, labels, config }: SaveContext,
): SaveEffect[] => {
  const effects: SaveEffect[] = [];
  if (after.tier !== undefined && after.tier !== before.tier) effects.push({ kind: 'copy-tier', tier: after.tier });
  if (command.type === 'decideTriage') {
    const { decision } = command;
    const rule = decision === 'accept' ? routingRuleFor(after, labels, config.routing) : null;
    if (rule !== null) effects.push({ kind: 'route', rule });
    const to = DECISION_MOVE[decision];
    const acceptedPastTriage = decision === 'accept' && stage !== 'triage' && stage !== 'waiting';
    if (stage !== to.stage && !acceptedPastTriage) effects.push({ kind: 'move', to });
    if (decision !== 'accept') effects.push({ kind: 'tell-requester', decision, reason: command.reason ?? '' });
  }
  effects.push({ kind: 'write-summary' });
  return effects;
};
