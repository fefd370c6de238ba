import type { GovernanceRoles } from './app-config';
import type { FlightPlanRecord } from './flight-plan-record';
import { triageConflict, TRIAGE_CONFLICT_MESSAGES, type RequestPeople } from './separation-of-duties';

/** The triage moves off the track that need a triage lead's decision and reason: to Waiting, or to Declined. */
export type TriageMove = 'wait' | 'decline';

/** The status word people read for each move (the workflow's statuses "Waiting" and "Declined"). */
export const TRIAGE_MOVE_STATUS: Readonly<Record<TriageMove, string>> = { wait: 'Waiting', decline: 'Declined' };

/**
 * How long a decision recorded in the panel vouches for the move that follows it. A transition
 * button cannot carry the app's reason (Forge gives a validator the issue and the transition, not
 * who pressed it nor what they typed), so the panel records the decision, then makes the move at
 * once; a decision older than this, or made before the request last came to where it is, does not
 * vouch for a move someone makes later from the buttons.
 */
const DECISION_VOUCHES_FOR_MS = 5 * 60_000;

/**
 * Why a move to Waiting or Declined may not happen now, or null when a triage lead decided it,
 * with a reason, moments ago, on this visit to the stage it leaves.
 */
export const triageMoveProblem = (
  move: TriageMove,
  record: FlightPlanRecord,
  people: RequestPeople,
  roles: GovernanceRoles,
  enteredCurrentStageAt: string | null,
  now: Date,
): string | null => {
  const status = TRIAGE_MOVE_STATUS[move];
  const usePanel = `A triage lead moves a request to ${status} from its Flight Plan panel (Triage, ${move === 'wait' ? 'Wait' : 'Decline'}), with a reason the requester is told; the panel then makes the move.`;
  const decision = record.triage;
  if (decision === undefined || decision.decision !== move || (decision.reason ?? '').trim() === '') return usePanel;
  const conflict = triageConflict(decision.by, people, roles);
  if (conflict !== null) return `${usePanel} The decision recorded does not count: ${TRIAGE_CONFLICT_MESSAGES[conflict]}.`;
  const decidedAt = Date.parse(decision.at);
  const stale =
    now.getTime() - decidedAt > DECISION_VOUCHES_FOR_MS ||
    (enteredCurrentStageAt !== null && decidedAt < Date.parse(enteredCurrentStageAt));
  return stale ? usePanel : null;
};

/**
 * What a refused Accept transition adds when the triage decision is what is missing: the one way on. Forge gives a
 * validator the issue, not who pressed the button, so the decision is taken where the app knows the person.
 */
export const ACCEPT_IN_THE_PANEL =
  "A triage lead accepts in this request's Flight Plan panel (Triage, Accept): that records the decision and moves the request to Planning.";
