import { describe, expect, it } from 'vitest';
import { approvedContentFingerprint } from '../../src/domain/content-fingerprint';
import { blockedMessage, blockingItems, evaluateGate, effectiveTier } from '../../src/domain/gates/evaluate-gate';
import { GATE_ITEM_CODES, GATE_ITEMS, GATES, type GateItemCode } from '../../src/domain/gates/gate-items';
import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';
import type { IssueFacts } from '../../src/domain/issue-facts';
import { TIERS } from '../../src/domain/tiers';
import { ASSIGNEE, BUILDER, completeFacts, completeRecord, config, LAUNCH_HISTORY, NOW, ROLES, SCORES } from '../fakes/fixtures';

interface Case {
  record: FlightPlanRecord;
  facts: IssueFacts;
}

/** For every gate item, one realistic way to break exactly that item. */
const BREAKERS: Record<GateItemCode, (c: Case) => Case> = {
  'intake.business-context': (c) => ({ ...c, facts: { ...c.facts, description: 'Need a webinar.' } }),
  'intake.success-metric': (c) => ({ ...c, facts: { ...c.facts, successMetric: 'more awareness' } }),
  'intake.launch-date': (c) => ({ ...c, facts: { ...c.facts, dueDate: '2026-06-09' } }),
  'intake.owner': (c) => ({ ...c, facts: { ...c.facts, assigneeId: null } }),
  'triage.scores': (c) => ({ ...c, facts: { ...c.facts, scores: { ...c.facts.scores, effort: null } } }),
  'triage.tier': (c) => {
    const { tier: _tier, ...rest } = c.record;
    return { ...c, record: rest };
  },
  'triage.decision': (c) => ({
    ...c,
    record: { ...c.record, triage: { by: 'x', at: NOW.toISOString(), decision: 'wait', reason: 'Q3', scores: SCORES } },
  }),
  'planning.assets': (c) => ({ ...c, record: { ...c.record, assets: c.record.assets.map((a) => ({ ...a, spec: '' })) } }),
  'planning.dependencies': (c) => ({ ...c, record: { ...c.record, plan: { ...c.record.plan, dependencies: [] } } }),
  'planning.tracking-plan': (c) => ({
    ...c,
    record: { ...c.record, plan: { ...c.record.plan, tracking: { ...c.record.plan.tracking, events: [] } } },
  }),
  'planning.approval-path': (c) => ({ ...c, record: { ...c.record, plan: { ...c.record.plan, approvers: [] } } }),
  'planning.compliance-approver': (c) => ({
    ...c,
    record: { ...c.record, plan: { ...c.record.plan, approvers: c.record.plan.approvers.filter((a) => a.role !== 'compliance') } },
  }),
  'planning.launch-criteria': (c) => ({ ...c, record: { ...c.record, plan: { ...c.record.plan, launchCriteria: '  ' } } }),
  'planning.definition-of-done': (c) => ({ ...c, record: { ...c.record, plan: { ...c.record.plan, definitionOfDone: undefined } } }),
  'build.naming': (c) => ({
    ...c,
    record: { ...c.record, assets: c.record.assets.map((a) => ({ ...a, name: 'Spring26 Email Invite v2', previousNames: [] })) },
  }),
  'build.no-final-names': (c) => ({
    ...c,
    record: {
      ...c.record,
      assets: [...c.record.assets, { ...c.record.assets[0]!, id: 'asset-2', name: 'spring26-email-final-v7', previousNames: [] }],
    },
  }),
  'build.versions': (c) => ({
    ...c,
    record: { ...c.record, assets: c.record.assets.map((a) => ({ ...a, previousNames: ['spring26-email-invite-v3'] })) },
  }),
  'build.ready-for-review': (c) => ({
    ...c,
    record: { ...c.record, assets: c.record.assets.map((a) => ({ ...a, readyForReview: false })) },
  }),
  'qa.events-firing': (c) => ({ ...c, record: { ...c.record, checks: { ...c.record.checks, 'qa.events-firing': undefined } } }),
  'qa.utm-structured': (c) => ({
    ...c,
    record: {
      ...c.record,
      assets: c.record.assets.map((a) => ({ ...a, trackedUrls: ['https://acme.example/webinar?utm_source=newsletter&utm_medium=email'] })),
    },
  }),
  'qa.crm-routing': (c) => ({
    ...c,
    record: { ...c.record, checks: { ...c.record.checks, 'qa.crm-routing': { by: 'x', at: NOW.toISOString(), done: false } } },
  }),
  'qa.claims-validated': (c) => ({ ...c, record: { ...c.record, checks: { ...c.record.checks, 'qa.claims-validated': undefined } } }),
  // Approved as it now reads, claim and all: the approvals cover the description too.
  'qa.lexicon-clear': (c) => {
    const description = `${c.facts.description} Results guaranteed!`;
    const fingerprint = approvedContentFingerprint(c.record.assets, description);
    return {
      ...c,
      facts: { ...c.facts, description },
      record: { ...c.record, approvals: c.record.approvals.map((approval) => ({ ...approval, fingerprint })) },
    };
  },
  'qa.compliance-approval': (c) => ({
    ...c,
    record: { ...c.record, approvals: c.record.approvals.map((approval) => ({ ...approval, by: ASSIGNEE })) },
  }),
  'qa.approval-path': (c) => ({
    ...c,
    record: { ...c.record, approvals: c.record.approvals.filter((approval) => approval.role !== 'compliance') },
  }),
  'qa.positioning-aligned': (c) => ({ ...c, record: { ...c.record, checks: { ...c.record.checks, 'qa.positioning-aligned': undefined } } }),
  'qa.links-functional': (c) => ({ ...c, record: { ...c.record, checks: { ...c.record.checks, 'qa.links-functional': undefined } } }),
  'qa.forms-tested': (c) => ({ ...c, record: { ...c.record, checks: { ...c.record.checks, 'qa.forms-tested': undefined } } }),
  'qa.rollback-path': (c) => ({ ...c, record: { ...c.record, checks: { ...c.record.checks, 'qa.rollback-path': undefined } } }),
  // Blocked by a request still in Build (a launched blocker is the fixture's other one, and does not block).
  'qa.blockers-launched': (c) => ({
    ...c,
    facts: {
      ...c.facts,
      links: {
        blockers: [
          { linkId: '20001', issueId: '10007', key: 'MKT-7', summary: 'Pricing page', status: 'Launch' },
          { linkId: '20002', issueId: '10003', key: 'MKT-3', summary: 'Partner email', status: 'Build' },
        ],
        dependents: [],
      },
    },
  }),
  'launch.window': (c) => ({
    ...c,
    record: { ...c.record, launch: { ...c.record.launch, window: { start: '2026-06-01T08:00:00.000Z', end: '2026-06-01T08:00:00.000Z' } } },
  }),
  'launch.monitoring-owner': (c) => ({ ...c, record: { ...c.record, launch: { ...c.record.launch, monitoringOwnerId: undefined } } }),
  'launch.observations': (c) => ({
    ...c,
    record: {
      ...c.record,
      launch: { ...c.record.launch, observations: c.record.launch.observations.filter((o) => o.checkpoint !== '72h') },
    },
  }),
  'launch.anomaly-plan': (c) => ({ ...c, record: { ...c.record, launch: { ...c.record.launch, anomalyPlan: '' } } }),
  'measure.retrospective': (c) => ({ ...c, record: { ...c.record, retrospective: { ...c.record.retrospective, broke: undefined } } }),
  'measure.outcome': (c) => ({ ...c, record: { ...c.record, retrospective: { ...c.record.retrospective, outcome: undefined } } }),
};

/** Items that cannot be broken alone: with no approvers at all there is no compliance approver either. */
const ALSO_BROKEN: Partial<Record<GateItemCode, GateItemCode[]>> = {
  'planning.approval-path': ['planning.compliance-approver'],
  // The triage decision covers the scores it was made on, and an approval covers the tracked links.
  'triage.scores': ['triage.decision'],
  'qa.utm-structured': ['qa.compliance-approval'],
  'qa.approval-path': ['qa.compliance-approval'],
};

/**
 * Items a tier's defaults leave nothing to break in: the default paths ask only the compliance
 * approval of regulated work, which its own item judges (test/domain/approval-paths.test.ts breaks the path).
 */
const UNBREAKABLE: Partial<Record<GateItemCode, readonly string[]>> = { 'qa.approval-path': ['low-risk', 'revenue', 'regulated'] };

describe('evaluateGate', () => {
  for (const tier of TIERS) {
    describe(`for a ${tier} request`, () => {
      const base: Case = { record: completeRecord(tier), facts: completeFacts() };

      it.each(GATES)('passes the %s gate when everything is in place', (gate) => {
        const evaluation = evaluateGate(gate, base.record, base.facts, config(), NOW, LAUNCH_HISTORY);
        expect(blockingItems(evaluation)).toEqual([]);
        expect(evaluation.passed).toBe(true);
        expect(evaluation.satisfied).toBe(evaluation.required);
      });

      it.each(GATE_ITEM_CODES.filter((code) => !UNBREAKABLE[code]?.includes(tier)))(
        'judges %s: blocks when mandatory, reports but passes when optional',
        (code) => {
          const { gate, tiers } = GATE_ITEMS[code];
          const broken = BREAKERS[code](base);
          const evaluation = evaluateGate(gate, broken.record, broken.facts, config(), NOW, LAUNCH_HISTORY);
          const item = evaluation.items.find((result) => result.code === code);
          // The breaker really breaks this item (even where it is optional)…
          expect(item?.missing).toEqual(expect.any(String));
          // …and only this item.
          const alsoBroken = (ALSO_BROKEN[code] ?? []).filter((other) => !UNBREAKABLE[other]?.includes(tier));
          expect(evaluation.items.filter((result) => result.missing !== null).map((result) => result.code)).toEqual(
            GATE_ITEM_CODES.filter((other) => other === code || alsoBroken.includes(other)),
          );
          const mandatory = (tiers as readonly string[]).includes(tier);
          const anyMandatory = [code, ...alsoBroken].some((c) => (GATE_ITEMS[c].tiers as readonly string[]).includes(tier));
          expect(item?.mandatory).toBe(mandatory);
          expect(evaluation.passed).toBe(!anyMandatory);
        },
      );
    });
  }

  it('follows an admin-edited gate matrix', () => {
    const broken = BREAKERS['qa.forms-tested']({ record: completeRecord('revenue'), facts: completeFacts() });
    const relaxed = config({ gateMatrix: { ...config().gateMatrix, 'qa.forms-tested': ['regulated'] } });
    expect(evaluateGate('qa', broken.record, broken.facts, config(), NOW, LAUNCH_HISTORY).passed).toBe(false);
    expect(evaluateGate('qa', broken.record, broken.facts, relaxed, NOW, LAUNCH_HISTORY).passed).toBe(true);
  });

  it('names the missing items in a short blocked message', () => {
    const record = completeRecord('regulated');
    const broken = {
      ...record,
      approvals: [],
      assets: [
        {
          ...record.assets[0]!,
          trackedUrls: [
            'https://acme.example/a?utm_source=x&utm_medium=email',
            'https://acme.example/b?utm_medium=email&utm_campaign=spring26',
          ],
        },
      ],
    };
    const evaluation = evaluateGate('qa', broken, completeFacts(), config(), NOW, LAUNCH_HISTORY);
    // Each link named by its asset and place, so the person fixing it knows which (issue 15).
    expect(blockedMessage(evaluation)).toBe(
      `QA gate: UTMs not structured on 2 links: link 1 of ${record.assets[0]!.name} (acme.example/a) and link 2 of ${record.assets[0]!.name} (acme.example/b); compliance approval missing`,
    );
  });

  it('refuses a compliance approval given by someone who built an asset', () => {
    const record = completeRecord('regulated');
    const byBuilder = { ...record, approvals: record.approvals.map((approval) => ({ ...approval, by: BUILDER })) };
    const roles = {
      ...ROLES,
      approvers: ROLES.approvers.map((role) => (role.key === 'compliance' ? { ...role, members: [BUILDER] } : role)),
    };
    const evaluation = evaluateGate('qa', byBuilder, completeFacts(), config({ roles }), NOW, LAUNCH_HISTORY);
    expect(blockedMessage(evaluation)).toBe(
      'QA gate: compliance approval does not count: someone who wrote or changed the copy cannot approve it',
    );
  });

  it('accepts an observation waiver for low-risk work only', () => {
    const waived = (tier: 'low-risk' | 'regulated') => {
      const record = completeRecord(tier);
      return {
        ...record,
        launch: { ...record.launch, observations: [], observationWaiver: { by: 'x', at: NOW.toISOString(), reason: 'internal banner' } },
      };
    };
    expect(evaluateGate('launch', waived('low-risk'), completeFacts(), config(), NOW, LAUNCH_HISTORY).passed).toBe(true);
    expect(blockedMessage(evaluateGate('launch', waived('regulated'), completeFacts(), config(), NOW, LAUNCH_HISTORY))).toBe(
      'Launch gate: observations missing at +1 h, +24 h and +72 h',
    );
  });

  it('does not count an observation recorded before its checkpoint', () => {
    const record = completeRecord('revenue');
    const early = {
      ...record,
      launch: {
        ...record.launch,
        observations: record.launch.observations.map((o) => (o.checkpoint === '24h' ? { ...o, at: '2026-06-01T20:00:00.000Z' } : o)),
      },
    };
    expect(blockedMessage(evaluateGate('launch', early, completeFacts(), config(), NOW, LAUNCH_HISTORY))).toBe(
      'Launch gate: observations missing at +24 h',
    );
  });

  it('judges the lead time by the tier: a date fine for low-risk is too soon for regulated work', () => {
    const facts = completeFacts({ createdAt: '2026-06-08T09:00:00.000Z', dueDate: '2026-06-16' });
    expect(evaluateGate('intake', completeRecord('low-risk'), facts, config(), NOW, LAUNCH_HISTORY).passed).toBe(true);
    expect(blockedMessage(evaluateGate('intake', completeRecord('regulated'), facts, config(), NOW, LAUNCH_HISTORY))).toBe(
      'Intake gate: requested launch date 16 June 2026 is 6 business days after filing, but Regulated work needs 15',
    );
  });

  it('judges an issue without a tier as regulated after intake, and by its scores before', () => {
    const { tier: _tier, ...untiered } = completeRecord();
    const noScores = completeFacts({ scores: { impact: null, confidence: null, effort: null, risk: null } });
    expect(effectiveTier('qa', untiered as FlightPlanRecord, noScores)).toBe('regulated');
    expect(effectiveTier('intake', untiered as FlightPlanRecord, noScores)).toBe('low-risk');
    expect(
      effectiveTier('intake', untiered as FlightPlanRecord, completeFacts({ scores: { impact: 5, confidence: 3, effort: 2, risk: 1 } })),
    ).toBe('revenue');
  });
});
