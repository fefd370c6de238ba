import { issueFactsFrom } from '../contracts/jira-issue-facts';
import type { AppConfig } from '../domain/app-config';
import { unlaunchedBlockers, type RequestLinks } from '../domain/dependencies';
import { linksIfSeenBy } from './dependency-notices';
import { blockedMessage, evaluateGate } from '../domain/gates/evaluate-gate';
import { GATE_LABELS, type Gate, type GateItemCode } from '../domain/gates/gate-items';
import { quarterOf } from '../domain/quarterly-audit';
import { readableStageLog } from '../contracts/stage-log.schema';
import { lastEntryInto } from '../domain/stage-log';
import { ACCEPT_IN_THE_PANEL } from '../domain/triage-move';
import { issueStateKeys, parseIssueState } from './load-issue-state';
import { storageKeys, type AppStore } from './ports';
import type { JiraApi } from './jira-port';

export interface TransitionVerdict {
  readonly result: boolean;
  readonly errorMessage?: string;
}

interface EvaluateTransitionInput {
  readonly gate: Gate;
  readonly issueKey: string;
  readonly modifiedFields: Readonly<Record<string, unknown>>;
  /**
   * Who is making the transition, when Forge names them (the invocation context's optional `principal`): the refusal is
   * shown to them, so it names only the blockers they may browse. Null when Forge names nobody.
   */
  readonly transitionerId: string | null;
}

/**
 * The request's links as the person making the transition may read them, when the gate would name any: Jira shows a
 * validator's `errorMessage` to whoever pressed the transition ("the error message of the failed validator is shown",
 * developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/), while the app reads
 * the links as itself, so a blocker's key could name an issue that person may not see. One permission check, and only
 * when a blocker that has not launched would be named. With nobody named (Forge's `principal` is optional, per
 * developer.atlassian.com/platform/forge/function-reference/arguments/), or no answer to the permission check, none is
 * named and none is said to be out of their sight: they are counted, and the words say where to see them.
 */
const linksForTransitioner = async (
  jira: JiraApi,
  links: RequestLinks,
  transitionerId: string | null,
  statusMap: AppConfig['statusMap'],
): Promise<RequestLinks> => {
  if (unlaunchedBlockers(links.blockers, statusMap).length === 0) return links;
  const seen = transitionerId === null ? null : await linksIfSeenBy(jira, transitionerId, { blockers: links.blockers, dependents: [] });
  return seen === null ? { ...links, readerUnknown: true } : { ...seen, dependents: links.dependents };
};

const cannotRun = (gate: Gate, why: string): TransitionVerdict => ({
  result: false,
  errorMessage: `${GATE_LABELS[gate]} could not check this transition: ${why}`,
});

/** Identical refusals of one request within this long count once: 2,000 retried transitions are one refusal, not 2,000 keys. */
const GATE_BLOCK_WINDOW_MS = 60 * 60_000;

/**
 * Keeps the refusal for the quarterly audit: one write, on the refusal path only, under a key the same refusal in
 * the same window shares. Its failure is logged and never changes the verdict.
 */
const recordBlock = async (
  deps: { readonly store: AppStore; readonly now: Date },
  issueId: string,
  gate: Gate,
  items: readonly GateItemCode[],
): Promise<void> => {
  const windowStart = Math.floor(deps.now.getTime() / GATE_BLOCK_WINDOW_MS) * GATE_BLOCK_WINDOW_MS;
  try {
    await deps.store.set(storageKeys.gateBlock(quarterOf(deps.now), issueId, windowStart, gate, [...items].sort()), { gate, items });
  } catch (error) {
    console.error(`the ${gate} gate's refusal of issue ${issueId} was not recorded for the audit`, error);
  }
};

/**
 * Judges a transition by its gate, failing closed: any missing or unreadable input blocks
 * with a message that says what is wrong. One Jira request, one storage round trip.
 */
export const evaluateTransition = async (
  deps: { readonly jira: JiraApi; readonly store: AppStore; readonly now: Date },
  input: EvaluateTransitionInput,
): Promise<TransitionVerdict> => {
  const { gate } = input;
  const [issue, people] = await Promise.all([deps.jira.getIssue(input.issueKey), deps.jira.peopleHistory(input.issueKey)]);
  if (!issue.ok) return cannotRun(gate, `Jira did not return ${input.issueKey} (${issue.error.message})`);
  if (!people.ok) return cannotRun(gate, `Jira did not return the history of ${input.issueKey} (${people.error.message})`);
  const facts = issueFactsFrom(issue.value, people.value, input.modifiedFields);

  // One storage round trip: the record, the config and the stage log (the launch watch counts from the move to Launch).
  const logKey = storageKeys.stageLog(facts.issueId);
  const values = await deps.store.getMany([...issueStateKeys(facts.issueId), logKey]);
  const state = parseIssueState(values, facts.issueId);
  if (!state.ok) return cannotRun(gate, state.error.message);
  const { record, recordExists, stored } = state.value;
  const history = { launchEnteredAt: lastEntryInto(readableStageLog(values.get(logKey)), 'launch') ?? null };

  const links = await linksForTransitioner(deps.jira, facts.links, input.transitionerId, stored.config.statusMap);
  const evaluation = evaluateGate(gate, record, { ...facts, links }, stored.config, deps.now, history);
  if (evaluation.passed) return { result: true };
  await recordBlock(
    deps,
    facts.issueId,
    gate,
    evaluation.items.filter((item) => item.mandatory && item.missing !== null).map((item) => item.code),
  );
  const message = blockedMessage(evaluation);
  // The triage decision is taken in the panel: a refused Accept says where, so the lead is not left at a dead end.
  const decisionMissing = evaluation.items.some((item) => item.code === 'triage.decision' && item.mandatory && item.missing !== null);
  if (decisionMissing) return { result: false, errorMessage: `${message}. ${ACCEPT_IN_THE_PANEL}` };
  // Past intake every gate reads the record; say so plainly when nobody has opened the panel yet.
  return {
    result: false,
    errorMessage:
      !recordExists && gate !== 'intake'
        ? `${message} (no Flight Plan has been filled in for ${facts.issueKey} yet: open its Flight Plan panel)`
        : message,
  };
};
