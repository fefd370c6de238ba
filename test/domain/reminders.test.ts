import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { emptyRecord } from '../../src/domain/flight-plan-record';
import { dueReminders, reminderText, type OpenRequest } from '../../src/domain/reminders';

const config = { ...DEFAULT_CONFIG, roles: { ...DEFAULT_CONFIG.roles, triageLeads: ['acc-lead'] } };
// Wednesday 2026-06-10, noon UTC.
const NOW = new Date('2026-06-10T12:00:00.000Z');

const request = (overrides: Partial<OpenRequest>): OpenRequest => ({
  issueId: '10001',
  key: 'MKT-1',
  stage: 'qa',
  tier: 'revenue',
  enteredAt: new Date('2026-06-08T09:00:00.000Z'),
  assigneeId: 'acc-builder',
  record: emptyRecord('10001'),
  ...overrides,
});

describe('dueReminders', () => {
  it('owes nothing within the SLA', () => {
    expect(dueReminders(request({}), new Set(), config, NOW)).toEqual([]);
  });

  it('reminds the assignee once per breach of a stage visit', () => {
    // QA allows 3 business days; since Wed 06-03: Thu, Fri, Mon, Tue, Wed = 5.
    const breached = request({ enteredAt: new Date('2026-06-03T09:00:00.000Z') });
    const due = dueReminders(breached, new Set(), config, NOW);
    expect(due).toEqual([{ kind: 'sla-breach', to: 'acc-builder', stage: 'qa', used: 5, budget: 3, dedupeKey: 'sla:qa@2026-06-03T09:00:00.000Z' }]);
    expect(dueReminders(breached, new Set(['sla:qa@2026-06-03T09:00:00.000Z']), config, NOW)).toEqual([]);
    // Back in QA later: a new visit, a new breach.
    expect(dueReminders({ ...breached, enteredAt: new Date('2026-06-04T10:00:00.000Z') }, new Set(['sla:qa@2026-06-03T09:00:00.000Z']), config, NOW)).toHaveLength(1);
  });

  it('escalates to the triage lead at twice the SLA, once', () => {
    const late = request({ enteredAt: new Date('2026-06-01T09:00:00.000Z') });
    const due = dueReminders(late, new Set(['sla:qa@2026-06-01T09:00:00.000Z']), config, NOW);
    expect(due).toEqual([{ kind: 'sla-escalation', to: 'acc-lead', stage: 'qa', used: 7, budget: 3, dedupeKey: 'escalate:qa@2026-06-01T09:00:00.000Z' }]);
    expect(reminderText(due[0]!)).toBe('escalation: this request has been in QA + Governance for 7 business days, twice its SLA of 3.');
  });

  it('has no SLA while parked in waiting', () => {
    expect(dueReminders(request({ stage: 'waiting', enteredAt: new Date('2026-01-01T00:00:00.000Z') }), new Set(), config, NOW)).toEqual([]);
  });

  it('prompts the monitoring owner for each launch observation that is due and not recorded, timed from the move to Launch', () => {
    const record = {
      ...emptyRecord('10001'),
      launch: {
        window: { start: '2026-06-09T10:00:00.000Z', end: '2026-06-16T10:00:00.000Z' },
        monitoringOwnerId: 'acc-ops',
        observations: [{ by: 'acc-ops', at: '2026-06-09T11:05:00.000Z', checkpoint: '1h' as const, note: 'sends delivered' }],
      },
    };
    const launched = request({ stage: 'launch', enteredAt: new Date('2026-06-09T09:00:00.000Z'), record });
    const owed = [{ kind: 'observation-due', to: 'acc-ops', checkpoint: '24h', dueAt: '2026-06-10T09:00:00.000Z', dedupeKey: 'observe:24h' }];
    expect(dueReminders(launched, new Set(), config, NOW)).toEqual(owed);
    expect(dueReminders(launched, new Set(['observe:24h']), config, NOW)).toEqual([]);
    // Moving the window's start back a week moves nothing: the +72 h checkpoint is not due yet.
    const movedBack = { ...record, launch: { ...record.launch, window: { start: '2026-06-02T10:00:00.000Z', end: '2026-06-16T10:00:00.000Z' } } };
    expect(dueReminders({ ...launched, record: movedBack }, new Set(), config, NOW)).toEqual(owed);
    const waived = { ...record, launch: { ...record.launch, observationWaiver: { by: 'acc-ops', at: '2026-06-09T10:00:00.000Z', reason: 'low-risk banner' } } };
    expect(dueReminders({ ...launched, record: waived }, new Set(), config, NOW)).toEqual([]);
  });
});
