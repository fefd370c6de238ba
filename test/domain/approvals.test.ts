import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { approvalsWithStanding, complianceApprovalProblem } from '../../src/domain/approvals';
import type { Asset, FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { applyCommand } from '../../src/domain/record-commands';
import { COMPLIANCE, completeFacts, completeRecord, config, NOW, ROLES } from '../fakes/fixtures';

const facts = completeFacts();
const approved = (): FlightPlanRecord => {
  const made = applyCommand(
    completeRecord('regulated'),
    { type: 'approve', role: 'compliance' },
    { ...facts, accountId: COMPLIANCE, now: NOW, launchEnteredAt: null },
    config(),
  );
  if (!made.ok) throw new Error(made.error.message);
  return made.value.record;
};
const complianceStanding = (record: FlightPlanRecord, description = facts.description) =>
  approvalsWithStanding(record, { ...facts, description }, ROLES).find(({ approval }) => approval.by === COMPLIANCE)?.standing;
const withAsset = (record: FlightPlanRecord, change: Partial<Asset>): FlightPlanRecord => ({
  ...record,
  assets: record.assets.map((asset, n) => (n === 0 ? { ...asset, ...change } : asset)),
});

describe('what an approval covers', () => {
  it('counts while the description and every asset name, type, copy and link are as approved', () => {
    const record = approved();
    expect(complianceStanding(record)).toEqual({ kind: 'current' });
    expect(complianceApprovalProblem(record, facts, config())).toBeNull();
  });

  it('is out of date once the description changes, as the gate says', () => {
    const record = approved();
    const description = `${facts.description} Earn 9% AER, FDIC insured, you cannot lose money.`;
    expect(complianceStanding(record, description)).toEqual({ kind: 'stale', changedAt: null });
    expect(complianceApprovalProblem(record, { ...facts, description }, config())).toMatch(/out of date|changed/);
  });

  it("is out of date once an asset's type, name, copy or links change, but not its spec (the builder's brief)", () => {
    const record = approved();
    for (const change of [{ type: 'paid-social' }, { name: 'spring26-email-invite-v3' }, { copy: 'Other copy.' }, { trackedUrls: [] }])
      expect(complianceStanding(withAsset(record, change))?.kind).toBe('stale');
    expect(complianceStanding(withAsset(record, { spec: 'hero claim: you cannot lose money' }))).toEqual({ kind: 'current' });
  });

  it('keeps an approval given before the description joined it good until the assets change', () => {
    const record = approved();
    // As earlier versions stored it: SHA-256 of the assets' ids, names, copy and links, base64url, with no mark.
    const assetsOnly = createHash('sha256')
      .update(JSON.stringify(record.assets.map((asset) => [asset.id, asset.name, asset.copy, asset.trackedUrls])))
      .digest('base64url');
    const older = { ...record, approvals: record.approvals.map((approval) => ({ ...approval, fingerprint: assetsOnly })) };
    expect(complianceStanding(older, 'a description changed since')).toEqual({ kind: 'current' });
    expect(complianceStanding(withAsset(older, { copy: 'Other copy.' }))?.kind).toBe('stale');
  });

  it('says when the copy changed only for a change after the approval', () => {
    const record = approved();
    const later = '2099-01-01T00:00:00.000Z';
    expect(complianceStanding(withAsset(record, { copy: 'Other copy.', contentChangedAt: later }))).toEqual({
      kind: 'stale',
      changedAt: later,
    });
    expect(complianceStanding(withAsset(record, { contentChangedAt: '2000-01-01T00:00:00.000Z' }), 'changed')).toEqual({
      kind: 'stale',
      changedAt: null,
    });
  });
});
