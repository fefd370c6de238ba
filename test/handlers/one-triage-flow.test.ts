import { describe, expect, it } from 'vitest';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { completeRecord, SCORES, TRIAGE_LEAD } from '../fakes/fixtures';
import { storedRevision, world } from '../fakes/site-deps';

/**
 * Issue 15: one triage flow. The issue's Accept button, pressed before a decision, says where the decision is
 * taken; the panel's Accept records it and makes the move, as Wait and Decline do, so nothing is left to press.
 */
const { triage: _triage, ...tieredNotDecided } = completeRecord('revenue');

const setup = () => {
  const w = world(tieredNotDecided, 'Triage');
  w.jira.grant(TRIAGE_LEAD, '10001', 'browse');
  w.jira.grant(TRIAGE_LEAD, '10001', 'edit');
  const decide = (decision: string, reason?: string) =>
    panelHandlers(w.deps)['triage/decide']({
      payload: { expectedRevision: storedRevision(w.store), decision, scores: SCORES, ...(reason === undefined ? {} : { reason }) },
      context: { accountId: TRIAGE_LEAD, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } },
    });
  const statusName = () => w.jira.statusOf('10001');
  return { ...w, decide, statusName };
};

describe('one triage flow between the issue buttons and the panel', () => {
  it("refuses the issue's Accept before a decision, saying the panel's Accept records it and moves the request", async () => {
    const { deps } = setup();
    const verdict = await gateValidator('triage', deps)({ issue: { key: 'MKT-1' }, transition: { modifiedFields: {} } });
    expect(verdict).toEqual({
      result: false,
      errorMessage:
        "Triage gate: no triage decision. A triage lead accepts in this request's Flight Plan panel (Triage, Accept): that records the decision and moves the request to Planning.",
    });
  });

  it('refuses a decision on scores the panel showed before someone changed them in Jira, naming each change, and writes nothing', async () => {
    const { decide, statusName, jira, store } = setup();
    // The lead's panel shows 4/4/2/2 (SCORES); the requester then raises Impact and lowers Effort and Risk in Jira.
    jira.setAppField('10001', 'impact', 5);
    jira.setAppField('10001', 'effort', 1);
    jira.setAppField('10001', 'risk', 1);
    const revision = storedRevision(store);
    const answer = await decide('accept');
    expect(answer.ok ? null : answer.error).toEqual({
      code: 'COMMAND.SCORES_CHANGED',
      message:
        'the scores changed since the panel showed them (Impact 4 → 5, Effort 2 → 1, Risk 2 → 1): look at them again before deciding',
    });
    expect(statusName()).toBe('Triage');
    expect(storedRevision(store)).toBe(revision);
  });

  it('moves the request to Planning when the lead accepts in the panel, with no comment and no warning', async () => {
    const { decide, statusName, jira } = setup();
    const answer = await decide('accept');
    expect(answer.ok && answer.data.warnings).toEqual([]);
    expect(statusName()).toBe('Planning');
    // The answer shows the request where it now is.
    expect(answer.ok && answer.data.stage).toBe('planning');
    expect(jira.comments('10001')).toEqual([]);
  });

  it('still moves a wait to Waiting and tells the requester why', async () => {
    const { decide, statusName, jira } = setup();
    expect((await decide('wait', 'Capacity is booked until next month')).ok).toBe(true);
    expect(statusName()).toBe('Waiting');
    expect(jira.comments('10001')).toHaveLength(1);
  });
});
