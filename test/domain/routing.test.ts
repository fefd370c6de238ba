import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { routingRuleFor, withComplianceApprover } from '../../src/domain/routing';
import { completeRecord } from '../fakes/fixtures';

const RULES = [
  { channel: 'paid-social', assetType: 'ad', assigneeId: 'acc-paid' },
  { assetType: 'email', assigneeId: 'acc-lifecycle' },
  { channel: 'events', assigneeId: 'acc-events' },
];

describe('routingRuleFor', () => {
  it('takes the first rule whose asset type and channel both fit', () => {
    // The complete record has one email asset whose link has utm_medium=email.
    expect(routingRuleFor(completeRecord(), [], RULES)?.assigneeId).toBe('acc-lifecycle');
  });

  it('reads a channel from the issue labels or a tracked link, case-insensitively', () => {
    expect(routingRuleFor({ ...completeRecord(), assets: [] }, ['Events'], RULES)?.assigneeId).toBe('acc-events');
    const ad = {
      ...completeRecord().assets[0]!,
      type: 'Ad',
      trackedUrls: ['https://acme.example/?utm_source=fb&utm_medium=PAID-SOCIAL&utm_campaign=spring26'],
    };
    expect(routingRuleFor({ ...completeRecord(), assets: [ad] }, [], RULES)?.assigneeId).toBe('acc-paid');
  });

  it('routes nothing when no rule fits, and ignores a rule with no condition', () => {
    expect(routingRuleFor({ ...completeRecord(), assets: [] }, ['webinar'], RULES)).toBeNull();
    expect(routingRuleFor(completeRecord(), [], [{ assigneeId: 'acc-anyone' }])).toBeNull();
  });
});

describe('withComplianceApprover', () => {
  const config = { roles: { triageLeads: [], approvers: [{ key: 'compliance', label: 'Compliance', members: ['acc-casey'] }] } };
  const planWithout = { ...completeRecord('regulated').plan, approvers: [{ accountId: 'acc-brand', role: 'brand' as const }] };

  it('adds the first compliance approver to a regulated plan that names none', () => {
    expect(withComplianceApprover({ ...completeRecord('regulated'), plan: planWithout }, config).plan.approvers).toEqual([
      { accountId: 'acc-brand', role: 'brand' },
      { accountId: 'acc-casey', role: 'compliance' },
    ]);
  });

  it('leaves other tiers, plans that have one, and sites without approvers alone', () => {
    const revenue = { ...completeRecord('revenue'), plan: planWithout };
    expect(withComplianceApprover(revenue, config)).toBe(revenue);
    const named = completeRecord('regulated');
    expect(withComplianceApprover(named, config)).toBe(named);
    const regulated = { ...completeRecord('regulated'), plan: planWithout };
    expect(withComplianceApprover(regulated, DEFAULT_CONFIG)).toBe(regulated);
  });
});
