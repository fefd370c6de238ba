import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { emptyRecord } from '../../src/domain/flight-plan-record';
import { dueReminders, reminderText, type OpenRequest } from '../../src/domain/reminders';
import { approvedContentFingerprint } from '../../src/domain/content-fingerprint';

const config = { ...DEFAULT_CONFIG, roles: { ...DEFAULT_CONFIG.roles, triageLeads: ['acc-lead', 'acc-lead-2'] } };
// Wednesday 2026-06-10, noon UTC.
const NOW = new Date('2026-06-10T12:00:00.000Z');

const request = (overrides: Partial<OpenRequest>): OpenRequest => ({
  issueId: '10001',
  key: 'MKT-1',
  stage: 'qa',
  tier: 'revenue',
  enteredAt: new Date('2026-06-08T09:00:00.000Z'),
  assigneeId: 'acc-builder',
  reporterId: 'acc-requester',
  description: 'Spring webinar',
  record: emptyRecord('10001'),
  formerOwnerIds: [],
  descriptionWriterIds: [],
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
    expect(due).toEqual([
      { kind: 'sla-breach', to: 'acc-builder', stage: 'qa', used: 5, budget: 3, dedupeKey: 'sla:qa@2026-06-03T09:00:00.000Z' },
    ]);
    expect(dueReminders(breached, new Set(['sla:qa@2026-06-03T09:00:00.000Z']), config, NOW)).toEqual([]);
    // Back in QA later: a new visit, a new breach.
    expect(
      dueReminders(
        { ...breached, enteredAt: new Date('2026-06-04T10:00:00.000Z') },
        new Set(['sla:qa@2026-06-03T09:00:00.000Z']),
        config,
        NOW,
      ),
    ).toHaveLength(1);
  });

  it('escalates to every triage lead at twice the SLA, once', () => {
    const late = request({ enteredAt: new Date('2026-06-01T09:00:00.000Z') });
    const due = dueReminders(late, new Set(['sla:qa@2026-06-01T09:00:00.000Z']), config, NOW);
    expect(due).toEqual([
      {
        kind: 'sla-escalation',
        to: ['acc-lead', 'acc-lead-2'],
        stage: 'qa',
        used: 7,
        budget: 3,
        dedupeKey: 'escalate:qa@2026-06-01T09:00:00.000Z',
      },
    ]);
    expect(reminderText(due[0]!)).toBe('escalation: this request has been in QA + Governance for 7 business days, twice its SLA of 3.');
  });

  it('says one business day in the singular, and a due time in words with its zone, never as a timestamp', () => {
    expect(reminderText({ kind: 'sla-breach', to: 'acc-a', stage: 'triage', used: 1, budget: 0, dedupeKey: 'sla:x' })).toBe(
      'this request has been in Triage for 1 business day; its SLA is 0. Please move it on or say what blocks it.',
    );
    expect(
      reminderText({ kind: 'observation-due', to: 'acc-a', checkpoint: '24h', dueAt: '2026-06-09T10:00:00.000Z', dedupeKey: 'obs:x' }),
    ).toBe('the +24h launch observation was due at 9 June 2026, 10:00 UTC. Record it in the Flight Plan panel.');
  });

  it('has no SLA while parked in waiting', () => {
    expect(dueReminders(request({ stage: 'waiting', enteredAt: new Date('2026-01-01T00:00:00.000Z') }), new Set(), config, NOW)).toEqual(
      [],
    );
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
    const owed = [
      { kind: 'observation-due', to: 'acc-ops', checkpoint: '24h', dueAt: '2026-06-10T09:00:00.000Z', dedupeKey: 'observe:24h' },
    ];
    expect(dueReminders(launched, new Set(), config, NOW)).toEqual(owed);
    expect(dueReminders(launched, new Set(['observe:24h']), config, NOW)).toEqual([]);
    // Moving the window's start back a week moves nothing: the +72 h checkpoint is not due yet.
    const movedBack = {
      ...record,
      launch: { ...record.launch, window: { start: '2026-06-02T10:00:00.000Z', end: '2026-06-16T10:00:00.000Z' } },
    };
    expect(dueReminders({ ...launched, record: movedBack }, new Set(), config, NOW)).toEqual(owed);
    const waived = {
      ...record,
      launch: { ...record.launch, observationWaiver: { by: 'acc-ops', at: '2026-06-09T10:00:00.000Z', reason: 'low-risk banner' } },
    };
    expect(dueReminders({ ...launched, record: waived }, new Set(), config, NOW)).toEqual([]);
  });
});

describe('approval reminders', () => {
  // Revenue work needs Brand then Legal, in order; the SLA is 2 business days.
  const pathConfig = {
    ...config,
    approvalSlaBusinessDays: 2,
    approvalPaths: {
      ...config.approvalPaths,
      revenue: {
        order: 'in-order' as const,
        steps: [
          { role: 'brand', count: 1 },
          { role: 'legal', count: 1 },
        ],
      },
    },
    roles: {
      triageLeads: ['acc-lead', 'acc-lead-2'],
      approvers: config.roles.approvers.map((role) => ({
        ...role,
        members: role.key === 'brand' ? ['acc-brand', 'acc-brand-2', 'acc-builder'] : role.key === 'legal' ? ['acc-legal'] : [],
      })),
    },
  };
  const planned = {
    ...emptyRecord('10001'),
    plan: { ...emptyRecord('10001').plan, approvers: [{ accountId: 'acc-brand-2', role: 'brand' }] },
  };

  it('reminds the planned approver of a step past the approval SLA once, then tells every triage lead at twice it', () => {
    // In QA since Wed 06-03 09:00: Thu, Fri, Mon, Tue, Wed = 5 business days > 2 × 2.
    const waiting = request({ enteredAt: new Date('2026-06-03T09:00:00.000Z'), record: planned });
    const approvalDue = (sent: ReadonlySet<string>) =>
      dueReminders(waiting, sent, pathConfig, NOW).filter((reminder) => reminder.kind.startsWith('approval'));
    const owed = approvalDue(new Set());
    expect(owed).toEqual([
      {
        kind: 'approval-overdue',
        to: ['acc-brand-2'],
        role: 'brand',
        roleLabel: 'Brand',
        used: 5,
        budget: 2,
        dedupeKey: 'approval:brand@2026-06-03T09:00:00.000Z',
      },
      {
        kind: 'approval-escalation',
        to: ['acc-lead', 'acc-lead-2'],
        role: 'brand',
        roleLabel: 'Brand',
        used: 5,
        budget: 2,
        dedupeKey: 'approval-escalate:brand@2026-06-03T09:00:00.000Z',
      },
    ]);
    expect(reminderText(owed[0]!)).toBe(
      'the Brand approval of this request has waited 5 business days; the approval SLA is 2. Please approve it in the Flight Plan panel or say what blocks it.',
    );
    expect(approvalDue(new Set(owed.map((reminder) => reminder.dedupeKey)))).toEqual([]);
    // Legal waits for Brand: it is not due, so nobody is reminded of it.
    expect(owed.some((reminder) => 'role' in reminder && reminder.role === 'legal')).toBe(false);
  });

  it('reminds nobody within the SLA, and every member who may approve when the plan names none (never the assignee, who wrote nothing but may not approve)', () => {
    // Since Mon 06-08 09:00: Tue, Wed = 2 business days, on the SLA.
    expect(
      dueReminders(request({ record: planned }), new Set(), pathConfig, NOW).filter((reminder) => reminder.kind.startsWith('approval')),
    ).toEqual([]);
    const unplanned = request({ enteredAt: new Date('2026-06-05T09:00:00.000Z') });
    const [overdue] = dueReminders(unplanned, new Set(), pathConfig, NOW).filter((reminder) => reminder.kind === 'approval-overdue');
    expect(overdue).toMatchObject({ to: ['acc-brand', 'acc-brand-2'], used: 3 });
  });

  it('starts a new wait when the step before completes or the copy changes', () => {
    const brandApproved = {
      ...planned,
      approvals: [
        { by: 'acc-brand-2', role: 'brand', at: '2026-06-09T10:00:00.000Z', fingerprint: approvedContentFingerprint([], 'Spring webinar') },
      ],
    };
    // Brand is done; Legal is due from Tue 06-09 10:00: one business day, within the SLA.
    expect(
      dueReminders(request({ enteredAt: new Date('2026-06-01T09:00:00.000Z'), record: brandApproved }), new Set(), pathConfig, NOW).filter(
        (reminder) => reminder.kind.startsWith('approval'),
      ),
    ).toEqual([]);
    const later = new Date('2026-06-15T12:00:00.000Z');
    const [legal] = dueReminders(
      request({ enteredAt: new Date('2026-06-01T09:00:00.000Z'), record: brandApproved }),
      new Set(),
      pathConfig,
      later,
    ).filter((reminder) => reminder.kind === 'approval-overdue');
    expect(legal).toMatchObject({ role: 'legal', to: ['acc-legal'], dedupeKey: 'approval:legal@2026-06-09T10:00:00.000Z' });
  });

  it('asks nothing of a request outside QA + Governance', () => {
    expect(
      dueReminders(
        request({ stage: 'build', enteredAt: new Date('2026-06-08T09:00:00.000Z'), record: planned }),
        new Set(),
        pathConfig,
        NOW,
      ),
    ).toEqual([]);
  });
});
