import { issueFactsFrom } from '../adapters/issue-facts.adapter';
import type { JiraApi } from '../adapters/jira-api';
import { blockedMessage, evaluateGate } from '../domain/gates/evaluate-gate';
import { GATE_LABELS, type Gate } from '../domain/gates/gate-items';
import { loadIssueState } from './load-issue-state';
import type { AppStore } from './ports';

export interface TransitionVerdict {
  readonly result: boolean;
  readonly errorMessage?: string;
}

export interface EvaluateTransitionInput {
  readonly gate: Gate;
  readonly issueKey: string;
  readonly modifiedFields: Readonly<Record<string, unknown>>;
}

const cannotRun = (gate: Gate, why: string): TransitionVerdict => ({
  result: false,
  errorMessage: `${GATE_LABELS[gate]} could not check this transition: ${why}`,
});

/**
 * Judges a transition by its gate, failing closed: any missing or unreadable input blocks
 * with a message that says what is wrong. One Jira request, one storage round trip.
 */
export const evaluateTransition = async (
  deps: { readonly jira: JiraApi; readonly store: AppStore; readonly now: Date },
  input: EvaluateTransitionInput,
): Promise<TransitionVerdict> => {
  const { gate } = input;
  const issue = await deps.jira.getIssue(input.issueKey);
  if (!issue.ok) return cannotRun(gate, `Jira did not return ${input.issueKey} (${issue.error.message})`);
  const facts = issueFactsFrom(issue.value, input.modifiedFields);

  const state = await loadIssueState(deps.store, facts.issueId);
  if (!state.ok) return cannotRun(gate, state.error.message);
  const { record, recordExists, stored } = state.value;

  const evaluation = evaluateGate(gate, record, facts, stored.config, deps.now);
  if (evaluation.passed) return { result: true };
  const message = blockedMessage(evaluation);
  // Past intake every gate reads the record; say so plainly when nobody has opened the panel yet.
  return {
    result: false,
    errorMessage:
      !recordExists && gate !== 'intake'
        ? `${message} (no Flight Plan has been filled in for ${facts.issueKey} yet: open its Flight Plan panel)`
        : message,
  };
};
