import { describe, expect, it } from 'vitest';
import { emptyRecord } from '../../src/domain/flight-plan-record';
import { applyCommand, type Actor, type RecordCommand } from '../../src/domain/record-commands';
import { ASSIGNEE, BUILDER, COMPLIANCE, completeRecord, config, NOW } from '../fakes/fixtures';

const actor = (accountId: string, overrides: Partial<Actor> = {}): Actor => ({
  accountId,
  now: NOW,
  assigneeId: ASSIGNEE,
  description: 'Webinar for finance leads. Results guaranteed.',
  ...overrides,
});

const run = (command: RecordCommand, by = 'acc-ops', record = completeRecord('regulated'), overrides: Partial<Actor> = {}) =>
  applyCommand(record, command, actor(by, overrides), config());

describe('applyCommand', () => {
  it('appends one audit entry and bumps the revision on success', () => {
    const result = run({ type: 'answerCheck', code: 'qa.forms-tested', done: false, note: 'form 500s' });
    expect(result.ok && result.value.revision).toBe(1);
    expect(result.ok && result.value.audit.at(-1)).toEqual({
      by: 'acc-ops',
      at: NOW.toISOString(),
      action: 'check.answered',
      detail: 'forms tested: unchecked',
    });
  });

  it('refuses the compliance approval from the assignee, and changes nothing', () => {
    const record = { ...completeRecord('regulated'), complianceApproval: undefined };
    const result = run({ type: 'approveCompliance' }, ASSIGNEE, record);
    expect(result).toEqual({
      ok: false,
      error: { code: 'COMMAND.SEPARATION_OF_DUTIES', message: 'the assignee cannot give the compliance approval of their own request' },
    });
  });

  it('refuses the compliance approval from an asset builder, even one an admin named', () => {
    const result = applyCommand(completeRecord('regulated'), { type: 'approveCompliance' }, actor(BUILDER), config({ complianceApproverIds: [BUILDER] }));
    expect(!result.ok && result.error.code).toBe('COMMAND.SEPARATION_OF_DUTIES');
  });

  it('refuses the compliance approval from someone who is not a compliance approver', () => {
    const result = run({ type: 'approveCompliance' }, 'acc-stranger');
    expect(!result.ok && result.error.message).toBe('only a compliance approver named in the plan or by an admin can approve');
  });

  it('records the compliance approval of the named approver', () => {
    const result = run({ type: 'approveCompliance' }, COMPLIANCE, { ...completeRecord('regulated'), complianceApproval: undefined });
    expect(result.ok && result.value.complianceApproval).toEqual({ by: COMPLIANCE, at: NOW.toISOString() });
  });

  it('needs a reason to wait, decline or lower the tier, and audits the lowering', () => {
    expect(!run({ type: 'decideTriage', decision: 'decline' }).ok).toBe(true);
    expect(run({ type: 'decideTriage', decision: 'accept' }).ok).toBe(true);
    const lowered = run({ type: 'setTier', tier: 'low-risk' });
    expect(!lowered.ok && lowered.error.code).toBe('COMMAND.REASON_REQUIRED');
    const withReason = run({ type: 'setTier', tier: 'low-risk', reason: 'internal audience only' });
    expect(withReason.ok && withReason.value.audit.at(-1)?.action).toBe('tier.lowered');
    expect(withReason.ok && withReason.value.audit.at(-1)?.detail).toBe('tier Regulated → Low-risk (internal audience only)');
    const raised = run({ type: 'setTier', tier: 'regulated' }, 'acc-ops', { ...completeRecord('low-risk') });
    expect(raised.ok && raised.value.audit.at(-1)?.action).toBe('tier.set');
  });

  it('keeps the name history on rename and refuses a duplicate name', () => {
    const renamed = run({ type: 'updateAsset', assetId: 'asset-1', changes: { name: 'spring26-email-invite-v3' } });
    expect(renamed.ok && renamed.value.assets[0]?.previousNames).toEqual(['spring26-email-invite-v1', 'spring26-email-invite-v2']);
    expect(renamed.ok && renamed.value.audit.at(-1)?.detail).toBe('asset "spring26-email-invite-v2" renamed to "spring26-email-invite-v3"');
    const added = run({ type: 'addAsset', asset: { type: 'email', spec: 'x', name: 'SPRING26-email-invite-v2' } });
    expect(!added.ok && added.error.code).toBe('COMMAND.DUPLICATE_ASSET_NAME');
    expect(!run({ type: 'updateAsset', assetId: 'asset-9', changes: {} }).ok).toBe(true);
  });

  it('gives new assets the next id and records who built them', () => {
    const result = run({ type: 'addAsset', asset: { type: 'banner', spec: '1200x628', name: 'spring26-social-banner-v1' } }, BUILDER);
    expect(result.ok && result.value.assets.at(-1)).toMatchObject({ id: 'asset-2', builtBy: BUILDER, readyForReview: false, copy: '' });
  });

  it('resolves only lexicon hits that are in the copy, by a compliance approver', () => {
    const resolve = { type: 'resolveLexiconHit', source: 'description', term: 'guarantee*', justification: 'backed by SLA' } as const;
    expect(run(resolve, COMPLIANCE).ok).toBe(true);
    expect(!run(resolve, ASSIGNEE).ok).toBe(true);
    const absent = run({ ...resolve, term: '#1' }, COMPLIANCE);
    expect(!absent.ok && absent.error.code).toBe('COMMAND.NO_SUCH_LEXICON_HIT');
  });

  it('refuses an observation before its checkpoint is due', () => {
    const record = { ...completeRecord('revenue'), launch: { observations: [], window: { start: '2026-06-10T11:30:00.000Z', end: '2026-06-20T00:00:00.000Z' } } };
    expect(run({ type: 'recordObservation', checkpoint: '1h', note: 'ok' }, 'acc-ops', record).ok).toBe(false);
    const later = run({ type: 'recordObservation', checkpoint: '1h', note: 'ok' }, 'acc-ops', record, { now: new Date('2026-06-10T12:30:00.000Z') });
    expect(later.ok && later.value.launch.observations).toHaveLength(1);
    expect(!run({ type: 'recordObservation', checkpoint: '1h', note: 'ok' }, 'acc-ops', emptyRecord('1')).ok).toBe(true);
  });

  it('allows the observation waiver only on low-risk requests', () => {
    expect(run({ type: 'waiveObservations', reason: 'intranet post' }, 'acc-ops', completeRecord('low-risk')).ok).toBe(true);
    expect(run({ type: 'waiveObservations', reason: 'intranet post' }).ok).toBe(false);
  });

  it('refuses a launch window that ends before it starts', () => {
    const result = run({ type: 'updateLaunch', changes: { window: { start: '2026-06-12T00:00:00Z', end: '2026-06-11T00:00:00Z' } } });
    expect(!result.ok && result.error.code).toBe('COMMAND.INVALID_WINDOW');
  });

  it('merges plan and retrospective changes without losing other answers', () => {
    const plan = run({ type: 'updatePlan', changes: { launchCriteria: 'new criteria' } });
    expect(plan.ok && plan.value.plan.definitionOfDone).toBe('All assets live and the 72-hour report shared');
    const retro = run({ type: 'answerRetrospective', answers: { broke: 'form' } });
    expect(retro.ok && retro.value.retrospective).toMatchObject({ broke: 'form', slowedDown: 'legal review queue' });
  });
});
