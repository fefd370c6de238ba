import { describe, expect, it } from 'vitest';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { runRemindersPage, startReminders } from '../../src/use-cases/run-reminders';
import { storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, COMPLIANCE, completeRecord, config, NOW } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';

/**
 * Reminders judge approval steps with NO_PEOPLE_HISTORY: an approval that the gate refuses (its approver held the
 * request for a moment after approving) counts as done for the reminder run, so no overdue reminder or escalation.
 */
const inQaSince = (at: string) => [{ at, fromStatus: 'Build', toStatus: 'QA + Governance', fromStage: 'build', toStage: 'qa', by: ASSIGNEE }];

const setup = (record = completeRecord('regulated')) => {
  const w = world(record, 'QA + Governance');
  w.store.data.set(storageKeys.stageLog('10001'), inQaSince('2026-06-01T09:00:00.000Z'));
  const qaGate = () => gateValidator('qa', w.deps)({ issue: { key: 'MKT-1' }, transition: { modifiedFields: {} } });
  const remind = () => runRemindersPage(w.deps(), config(), startReminders(config(), NOW));
  const texts = () => JSON.stringify(w.jira.comments('10001'));
  return { ...w, qaGate, remind, texts };
};

const assignItem = (from: string, to: string) => ({
  field: 'assignee',
  fieldtype: 'jira' as const,
  fieldId: 'assignee',
  from,
  fromString: from,
  to,
  toString: to,
});

describe('approval reminders after the approver held the request', () => {
  it('control: with the compliance approval missing, the run reminds and escalates the compliance step', async () => {
    const base = completeRecord('regulated');
    const { remind, texts } = setup({ ...base, approvals: base.approvals.filter((a) => a.role !== 'compliance') });
    const run = await remind();
    console.log('control run', JSON.stringify(run), texts());
    expect(texts()).toContain('Compliance approval of this request has waited');
  });

  it('the gate refuses a former owner\'s approval, yet the reminder run treats the step as done: nobody is told', async () => {
    const { remind, texts, qaGate, jira } = setup();
    // Compliance approved on 06-05; later the request was handed to her for a moment and back.
    jira.addHistory('10001', { created: '2026-06-08T10:00:00.000+0000', authorId: ASSIGNEE, items: [assignItem(ASSIGNEE, COMPLIANCE)] });
    jira.addHistory('10001', { created: '2026-06-08T10:05:00.000+0000', authorId: COMPLIANCE, items: [assignItem(COMPLIANCE, ASSIGNEE)] });
    const verdict = await qaGate();
    console.log('gate', JSON.stringify(verdict));
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toContain("someone who was the request's assignee or requester cannot approve it");
    const run = await remind();
    console.log('run', JSON.stringify(run), texts());
    // What the rule would want: the compliance step is open, so it is overdue and, at 7 business days, escalated.
    expect(texts()).toContain('Compliance approval of this request has waited');
  });
});
