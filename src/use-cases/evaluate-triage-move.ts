import { issueFactsFrom } from '../contracts/jira-issue-facts';
import { readableStageLog } from '../contracts/stage-log.schema';
import { stageOfStatus } from '../domain/app-config';
import { lastEntryInto } from '../domain/stage-log';
import { triageMoveProblem, TRIAGE_MOVE_STATUS, type TriageMove } from '../domain/triage-move';
import type { TransitionVerdict } from './evaluate-transition';
import { issueStateKeys, parseIssueState } from './load-issue-state';
import { storageKeys, type AppStore } from './ports';
import type { JiraApi } from './jira-port';

/**
 * Judges a move to Waiting or Declined, failing closed: it goes through only when a triage lead
 * recorded that decision, with a reason, in the panel moments before. One Jira request, one
 * storage round trip.
 */
export const evaluateTriageMove = async (
  deps: { readonly jira: JiraApi; readonly store: AppStore; readonly now: Date },
  move: TriageMove,
  issueKey: string,
): Promise<TransitionVerdict> => {
  const cannot = (why: string): TransitionVerdict => ({
    result: false,
    errorMessage: `The move to ${TRIAGE_MOVE_STATUS[move]} could not be checked: ${why}`,
  });
  const [issue, people] = await Promise.all([deps.jira.getIssue(issueKey), deps.jira.peopleHistory(issueKey)]);
  if (!issue.ok) return cannot(`Jira did not return ${issueKey} (${issue.error.message})`);
  if (!people.ok) return cannot(`Jira did not return the history of ${issueKey} (${people.error.message})`);
  const facts = issueFactsFrom(issue.value, people.value);
  const logKey = storageKeys.stageLog(facts.issueId);
  const values = await deps.store.getMany([...issueStateKeys(facts.issueId), logKey]);
  const state = parseIssueState(values, facts.issueId);
  if (!state.ok) return cannot(state.error.message);
  const { config } = state.value.stored;
  const stage = stageOfStatus(facts.status, config.statusMap);
  const entered = stage === null ? null : (lastEntryInto(readableStageLog(values.get(logKey)), stage) ?? null);
  const problem = triageMoveProblem(move, state.value.record, facts, config.roles, entered, deps.now);
  return problem === null ? { result: true } : { result: false, errorMessage: problem };
};
