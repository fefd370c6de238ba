import { forgeRuntimeDeps, type RuntimeDeps } from '../../adapters/forge-runtime';
import { validatorPayloadSchema } from '../../contracts/forge-payloads.schema';
import { describeZodError } from '../../contracts/zod-errors';
import { TRIAGE_MOVE_STATUS, type TriageMove } from '../../domain/triage-move';
import { evaluateTriageMove } from '../../use-cases/evaluate-triage-move';
import type { TransitionVerdict } from '../../use-cases/evaluate-transition';

/**
 * Builds the function behind the `jira:workflowValidator` on the Wait or Decline transition. It
 * never throws: a bad payload, a storage or Jira failure, or a bug all block the move with a message.
 */
export const triageMoveValidator =
  (move: TriageMove, deps: () => RuntimeDeps = forgeRuntimeDeps) =>
  async (payload: unknown): Promise<TransitionVerdict> => {
    try {
      const parsed = validatorPayloadSchema.safeParse(payload);
      if (!parsed.success)
        return {
          result: false,
          errorMessage: `The move to ${TRIAGE_MOVE_STATUS[move]} received an unreadable request (${describeZodError(parsed.error)})`,
        };
      return await evaluateTriageMove(deps(), move, parsed.data.issue.key);
    } catch (error) {
      console.error(`${move} move validator failed`, error);
      return { result: false, errorMessage: `The move to ${TRIAGE_MOVE_STATUS[move]} could not be checked (unexpected error); try again` };
    }
  };

/** `jira:workflowValidator` "Flight Plan: Wait with a triage lead's reason". */
export const waitMoveValidator = triageMoveValidator('wait');
/** `jira:workflowValidator` "Flight Plan: Decline with a triage lead's reason". */
export const declineMoveValidator = triageMoveValidator('decline');
