import { forgeRuntimeDeps, type RuntimeDeps } from '../../adapters/forge-runtime';
import { invocationPrincipalSchema, validatorPayloadSchema } from '../../contracts/forge-payloads.schema';
import { describeZodError } from '../../contracts/zod-errors';
import { GATE_LABELS, type Gate } from '../../domain/gates/gate-items';
import { evaluateTransition, type TransitionVerdict } from '../../use-cases/evaluate-transition';

/**
 * Builds the function behind one gate's `jira:workflowValidator`. It never throws: a bad
 * payload, a storage or Jira failure, or a bug all block the transition with a message.
 */
export const gateValidator =
  (gate: Gate, deps: () => RuntimeDeps = forgeRuntimeDeps) =>
  async (payload: unknown, context?: unknown): Promise<TransitionVerdict> => {
    try {
      const parsed = validatorPayloadSchema.safeParse(payload);
      if (!parsed.success) {
        return { result: false, errorMessage: `${GATE_LABELS[gate]} received an unreadable request (${describeZodError(parsed.error)})` };
      }
      const modifiedFields = parsed.data.transition?.modifiedFields ?? {};
      // Forge's second argument names who invoked the function when it names anyone (`principal` is optional).
      const principal = invocationPrincipalSchema.safeParse(context);
      const transitionerId = principal.success ? principal.data.principal.accountId : null;
      return await evaluateTransition(deps(), { gate, issueKey: parsed.data.issue.key, modifiedFields, transitionerId });
    } catch (error) {
      // Logged so the invocation's failure is visible in the developer console; the user still gets a reason.
      console.error(`${gate} gate validator failed`, error);
      return { result: false, errorMessage: `${GATE_LABELS[gate]} could not check this transition (unexpected error); try again` };
    }
  };
