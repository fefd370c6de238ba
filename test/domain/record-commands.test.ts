import { describe, expect, it } from 'vitest';
import { emptyRecord, type FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { templateFrom } from '../../src/domain/templates';
import { approvalsWithStanding } from '../../src/domain/approvals';
import { applyCommand, ITERATION_CLAIM_MS, type Actor, type RecordCommand } from '../../src/domain/record-commands';
import { approvedContentFingerprint } from '../../src/domain/content-fingerprint';
import { evaluateGate } from '../../src/domain/gates/evaluate-gate';
import {
  ASSIGNEE,
  BUILDER,
  COMPLIANCE,
  completeFacts,
  completeRecord,
  config,
  LAUNCH_HISTORY,
  LAUNCHED_AT,
  NOW,
  REQUESTER,
  ROLES,
  SCORES,
  TRIAGE_LEAD,
} from '../fakes/fixtures';

const actor = (accountId: string, overrides: Partial<Actor> = {}): Actor => ({
  accountId,
  now: NOW,
  assigneeId: ASSIGNEE,
  reporterId: REQUESTER,
  formerOwnerIds: [],
  descriptionWriterIds: [],
  description: 'Webinar for finance leads. Results guaranteed.',
  scores: SCORES,
  launchEnteredAt: LAUNCHED_AT,
  ...overrides,
});

const withComplianceMembers = (members: string[]) =>
  config({ roles: { ...ROLES, approvers: ROLES.approvers.map((role) => (role.key === 'compliance' ? { ...role, members } : role)) } });

/** What an approval given by `actor` covers: the description and these assets. */
const covered = (assets: FlightPlanRecord['assets']) => approvedContentFingerprint(assets, actor('x').description);

const run = (command: RecordCommand, by = 'acc-ops', record = completeRecord('regulated'), overrides: Partial<Actor> = {}) =>
  applyCommand(record, command, actor(by, overrides), config());

describe('applyCommand', () => {
  it('appends one audit entry and bumps the revision on success', () => {
    const result = run({ type: 'answerCheck', code: 'qa.forms-tested', done: false, note: 'form 500s' });
    expect(result.ok && result.value.record.revision).toBe(1);
    expect(result.ok && result.value.entry).toEqual({
      by: 'acc-ops',
      at: NOW.toISOString(),
      action: 'check.answered',
      detail: 'forms tested: unchecked',
    });
  });

  it('writes the audit trail in words: parts by their names, assets by theirs, never field names or ids', () => {
    const detailOf = (command: RecordCommand, by = 'acc-ops') => {
      const result = run(command, by);
      return result.ok ? result.value.entry.detail : result.error.message;
    };
    expect(
      detailOf({
        type: 'updateLaunch',
        changes: {
          window: { start: '2026-12-01T09:00:00.000Z', end: '2026-12-01T17:00:00.000Z' },
          monitoringOwnerId: BUILDER,
          anomalyPlan: 'pause the ads',
        },
      }),
    ).toBe('launch updated: launch window, monitoring owner and anomaly response plan');
    expect(detailOf({ type: 'answerRetrospective', answers: { slowedDown: 'legal review', rework: 'the banner' } })).toBe(
      'retrospective answered: what slowed us down and what needed rework',
    );
    expect(detailOf({ type: 'updatePlan', changes: { launchCriteria: 'all links live' } })).toBe('plan updated: launch criteria');
    expect(detailOf({ type: 'updateAsset', assetId: 'asset-1', changes: { trackedUrls: [], copy: 'New copy, guaranteed' } })).toBe(
      'asset "spring26-email-invite-v2" updated: copy and tracked links',
    );
    expect(
      detailOf(
        { type: 'resolveLexiconHit', source: 'asset-1', term: 'nothing*', justification: 'backed by the uptime SLA in every contract' },
        COMPLIANCE,
      ),
    ).toBe('"nothing*" is not in the copy of "spring26-email-invite-v2"');
    expect(detailOf({ type: 'updateAsset', assetId: 'asset-9', changes: { copy: 'x' } })).toBe(
      'that asset is no longer in this Flight Plan; reload to see the assets as they are',
    );
  });

  it('refuses the compliance approval from the assignee and from the requester, even members of the role, and changes nothing', () => {
    const record = { ...completeRecord('regulated'), approvals: [] };
    const members = withComplianceMembers([ASSIGNEE, REQUESTER]);
    expect(applyCommand(record, { type: 'approve', role: 'compliance' }, actor(ASSIGNEE), members)).toEqual({
      ok: false,
      error: { code: 'COMMAND.SEPARATION_OF_DUTIES', message: 'the assignee cannot approve their own request' },
    });
    const byRequester = applyCommand(record, { type: 'approve', role: 'compliance' }, actor(REQUESTER), members);
    expect(!byRequester.ok && byRequester.error.message).toBe('the requester cannot approve their own request');
  });

  it('refuses the compliance approval from anyone who wrote or changed the copy, even a member of the role', () => {
    const result = applyCommand(
      completeRecord('regulated'),
      { type: 'approve', role: 'compliance' },
      actor(BUILDER),
      withComplianceMembers([BUILDER]),
    );
    expect(!result.ok && result.error.message).toBe('someone who wrote or changed the copy cannot approve it');
    // A later editor of the copy is a writer too, not only its first builder.
    const edited = run(
      { type: 'updateAsset', assetId: 'asset-1', changes: { copy: 'Earn 9% APY, the best rate in the market' } },
      COMPLIANCE,
    );
    expect(edited.ok && edited.value.record.assets[0]?.writers).toEqual([BUILDER, COMPLIANCE]);
    const approved = applyCommand(
      edited.ok ? edited.value.record : completeRecord(),
      { type: 'approve', role: 'compliance' },
      actor(COMPLIANCE),
      config(),
    );
    expect(!approved.ok && approved.error.code).toBe('COMMAND.SEPARATION_OF_DUTIES');
  });

  it('refuses the compliance approval from someone the admin did not put in the role, whatever the plan says', () => {
    const record = {
      ...completeRecord('regulated'),
      plan: { ...completeRecord('regulated').plan, approvers: [{ accountId: 'acc-stranger', role: 'compliance' }] },
    };
    const result = run({ type: 'approve', role: 'compliance' }, 'acc-stranger', record);
    expect(!result.ok && result.error.message).toBe('only a member of the Compliance role (set by an admin) can approve as Compliance');
  });

  it('records the approval of a member bound to the assets as they are, replacing their own earlier one', () => {
    const record = completeRecord('regulated');
    const earlier = {
      ...record,
      approvals: record.approvals.map((approval) => ({ ...approval, fingerprint: 'of the assets before an edit' })),
    };
    const result = run({ type: 'approve', role: 'compliance' }, COMPLIANCE, earlier);
    expect(result.ok && result.value.record.approvals).toEqual([
      earlier.approvals[1],
      { by: COMPLIANCE, at: NOW.toISOString(), role: 'compliance', fingerprint: covered(record.assets) },
    ]);
  });

  it('lets only members of an approver role be named in a plan', () => {
    const stranger = run({ type: 'updatePlan', changes: { approvers: [{ accountId: REQUESTER, role: 'compliance' }] } });
    expect(!stranger.ok && stranger.error.code).toBe('COMMAND.NOT_A_ROLE_MEMBER');
    const noRole = run({ type: 'updatePlan', changes: { approvers: [{ accountId: COMPLIANCE, role: 'stakeholder' }] } });
    expect(!noRole.ok && noRole.error.code).toBe('COMMAND.NO_SUCH_ROLE');
    expect(run({ type: 'updatePlan', changes: { approvers: [{ accountId: COMPLIANCE, role: 'compliance' }] } }).ok).toBe(true);
  });

  it('leaves triage decisions to triage leads, never on their own request', () => {
    for (const [who, message] of [
      [REQUESTER, 'only a triage lead (set by an admin) makes triage decisions'],
      [BUILDER, 'only a triage lead (set by an admin) makes triage decisions'],
    ] as const) {
      const decided = run({ type: 'decideTriage', seenScores: SCORES, decision: 'accept' }, who);
      expect(!decided.ok && decided.error.message).toBe(message);
      const tier = run({ type: 'setTier', tier: 'low-risk', reason: 'small' }, who);
      expect(!tier.ok && tier.error.code).toBe('COMMAND.NOT_A_TRIAGE_LEAD');
    }
    const ownRequest = run({ type: 'decideTriage', seenScores: SCORES, decision: 'accept' }, TRIAGE_LEAD, completeRecord(), {
      reporterId: TRIAGE_LEAD,
    });
    expect(!ownRequest.ok && ownRequest.error.message).toBe('the requester cannot triage their own request');
    const assigned = run({ type: 'decideTriage', seenScores: SCORES, decision: 'accept' }, TRIAGE_LEAD, completeRecord(), {
      assigneeId: TRIAGE_LEAD,
    });
    expect(!assigned.ok && assigned.error.message).toBe('the assignee cannot triage their own request');
  });

  it('records the scores a triage decision was made on', () => {
    const decided = run({ type: 'decideTriage', seenScores: SCORES, decision: 'accept' }, TRIAGE_LEAD, {
      ...completeRecord('regulated'),
      triage: undefined,
    });
    expect(decided.ok && decided.value.record.triage).toEqual({
      by: TRIAGE_LEAD,
      at: NOW.toISOString(),
      decision: 'accept',
      scores: SCORES,
    });
  });

  it('judges a first tier against the one the scores suggest: lower needs a reason and is audited as lowered', () => {
    const { tier: _tier, ...untiered } = completeRecord();
    const regulatedScores = { impact: 4, confidence: 3, effort: 3, risk: 5 };
    const unexplained = run({ type: 'setTier', tier: 'low-risk' }, TRIAGE_LEAD, untiered, { scores: regulatedScores });
    expect(!unexplained.ok && unexplained.error.message).toBe('setting the tier to Low-risk, below Regulated, needs a reason');
    const explained = run({ type: 'setTier', tier: 'low-risk', reason: 'internal audience only' }, TRIAGE_LEAD, untiered, {
      scores: regulatedScores,
    });
    expect(explained.ok && explained.value.entry).toMatchObject({
      action: 'tier.lowered',
      detail: 'tier none (the scores suggest Regulated) → Low-risk (internal audience only)',
    });
  });

  it('needs a reason to wait, decline or lower the tier, and audits the lowering', () => {
    expect(!run({ type: 'decideTriage', seenScores: SCORES, decision: 'decline' }).ok).toBe(true);
    expect(
      run({ type: 'decideTriage', seenScores: SCORES, decision: 'accept' }, 'acc-ops', {
        ...completeRecord('regulated'),
        triage: undefined,
      }).ok,
    ).toBe(true);
    const lowered = run({ type: 'setTier', tier: 'low-risk' });
    expect(!lowered.ok && lowered.error.code).toBe('COMMAND.REASON_REQUIRED');
    const withReason = run({ type: 'setTier', tier: 'low-risk', reason: 'internal audience only' });
    expect(withReason.ok && withReason.value.entry.action).toBe('tier.lowered');
    expect(withReason.ok && withReason.value.entry.detail).toBe('tier Regulated → Low-risk (internal audience only)');
    const raised = run({ type: 'setTier', tier: 'regulated' }, 'acc-ops', { ...completeRecord('low-risk') });
    expect(raised.ok && raised.value.entry.action).toBe('tier.set');
  });

  it('refuses a command that changes nothing, so repeating it cannot grow the audit trail', () => {
    const reason = 'r'.repeat(2_000);
    const again = run({ type: 'setTier', tier: 'regulated', reason });
    expect(again).toEqual({
      ok: false,
      error: { code: 'COMMAND.NO_CHANGE', message: 'nothing to save: this leaves the Flight Plan as it already is' },
    });
    expect(run({ type: 'decideTriage', seenScores: SCORES, decision: 'accept' }).ok).toBe(false);
    expect(run({ type: 'answerCheck', code: 'qa.forms-tested', done: true }).ok).toBe(false);
    expect(run({ type: 'answerCheck', code: 'qa.forms-tested', done: false }).ok).toBe(true);
    expect(run({ type: 'noteTemplateSaved', name: 'Webinar' }).ok).toBe(true);
  });

  it('takes a Wait decision again with the same reason, as parking a resumed request needs a fresh decision', () => {
    const waiting = run({ type: 'decideTriage', seenScores: SCORES, decision: 'wait', reason: 'no budget this quarter' });
    if (!waiting.ok) throw new Error(waiting.error.message);
    const later = actor('acc-ops', { now: new Date(NOW.getTime() + 86_400_000) });
    const again = applyCommand(
      waiting.value.record,
      { type: 'decideTriage', seenScores: SCORES, decision: 'wait', reason: 'no budget this quarter' },
      later,
      config(),
    );
    expect(again.ok && again.value.record.triage?.at).toBe(new Date(NOW.getTime() + 86_400_000).toISOString());
  });

  it('keeps the name history on rename and refuses a duplicate name', () => {
    const renamed = run({ type: 'updateAsset', assetId: 'asset-1', changes: { name: 'spring26-email-invite-v3' } });
    expect(renamed.ok && renamed.value.record.assets[0]?.previousNames).toEqual(['spring26-email-invite-v1', 'spring26-email-invite-v2']);
    expect(renamed.ok && renamed.value.entry.detail).toBe('asset "spring26-email-invite-v2" renamed to "spring26-email-invite-v3"');
    const added = run({ type: 'addAsset', asset: { type: 'email', spec: 'x', name: 'SPRING26-email-invite-v2' } });
    expect(!added.ok && added.error.code).toBe('COMMAND.DUPLICATE_ASSET_NAME');
    expect(!run({ type: 'updateAsset', assetId: 'asset-9', changes: {} }).ok).toBe(true);
  });

  it('gives new assets the next id and records who built them', () => {
    const result = run({ type: 'addAsset', asset: { type: 'banner', spec: '1200x628', name: 'spring26-social-banner-v1' } }, BUILDER);
    expect(result.ok && result.value.record.assets.at(-1)).toMatchObject({
      id: 'asset-2',
      builtBy: BUILDER,
      readyForReview: false,
      copy: '',
    });
  });

  it('resolves only lexicon hits that are in the copy, by a compliance approver, recording the word found', () => {
    const resolve = {
      type: 'resolveLexiconHit',
      source: 'description',
      term: 'guarantee*',
      justification: 'backed by the uptime SLA in every contract',
    } as const;
    const resolved = run(resolve, COMPLIANCE);
    expect(resolved.ok && resolved.value.record.lexiconResolutions[0]).toMatchObject({
      term: 'guarantee*',
      matched: 'guaranteed',
      fingerprint: expect.any(String),
    });
    expect(!run(resolve, ASSIGNEE).ok).toBe(true);
    const absent = run({ ...resolve, term: '#1' }, COMPLIANCE);
    expect(!absent.ok && absent.error.code).toBe('COMMAND.NO_SUCH_LEXICON_HIT');
  });

  it('refuses a justification that says nothing, by the admin-set minimum', () => {
    const resolve = { type: 'resolveLexiconHit', source: 'description', term: 'guarantee*' } as const;
    for (const justification of ['ok', '                         ok', '..........................']) {
      const result = run({ ...resolve, justification }, COMPLIANCE);
      expect(!result.ok && result.error).toEqual({
        code: 'COMMAND.JUSTIFICATION_TOO_SHORT',
        message: 'a justification must say why the claim is acceptable, in at least 20 characters',
      });
    }
    const lenient = applyCommand(
      completeRecord(),
      { ...resolve, type: 'resolveLexiconHit', justification: 'SLA-backed' },
      actor(COMPLIANCE),
      config({ minJustificationLength: 10 }),
    );
    expect(lenient.ok).toBe(true);
  });

  it('times observations from the move to Launch, not from the window typed in', () => {
    const launched = '2026-06-10T11:30:00.000Z';
    // The window says the launch was a week ago; the stage log says half an hour ago.
    const record = {
      ...completeRecord('revenue'),
      launch: { observations: [], window: { start: '2026-06-03T00:00:00.000Z', end: '2026-06-20T00:00:00.000Z' } },
    };
    const early = run({ type: 'recordObservation', checkpoint: '1h', note: 'sends delivered', anomaly: false }, 'acc-ops', record, {
      launchEnteredAt: launched,
    });
    expect(!early.ok && early.error).toEqual({
      code: 'COMMAND.OBSERVATION_TOO_EARLY',
      message: 'the +1 h observation is due 1 hour after the move to Launch, not yet',
    });
    const later = run({ type: 'recordObservation', checkpoint: '1h', note: 'ok', anomaly: false }, 'acc-ops', record, {
      now: new Date('2026-06-10T12:30:00.000Z'),
      launchEnteredAt: launched,
    });
    expect(later.ok && later.value.record.launch.observations).toHaveLength(1);
    const notLaunched = run({ type: 'recordObservation', checkpoint: '1h', note: 'ok', anomaly: false }, 'acc-ops', emptyRecord('1'), {
      launchEnteredAt: null,
    });
    expect(!notLaunched.ok && notLaunched.error.code).toBe('COMMAND.NOT_LAUNCHED');
  });

  it('keeps an observation marked as an anomaly, and says so in the audit trail; an ordinary one carries no mark', () => {
    const record = { ...completeRecord('revenue'), launch: { observations: [] } };
    const context = { now: new Date('2026-06-11T12:00:00.000Z'), launchEnteredAt: '2026-06-10T11:30:00.000Z' };
    const anomaly = run({ type: 'recordObservation', checkpoint: '24h', note: 'form errors', anomaly: true }, 'acc-ops', record, context);
    expect(anomaly.ok && anomaly.value.record.launch.observations).toEqual([
      expect.objectContaining({ checkpoint: '24h', note: 'form errors', anomaly: true }),
    ]);
    expect(anomaly.ok && anomaly.value.entry.detail).toBe('+24h observation (an anomaly): form errors');
    const ordinary = run({ type: 'recordObservation', checkpoint: '1h', note: 'fine', anomaly: false }, 'acc-ops', record, context);
    expect(ordinary.ok && ordinary.value.record.launch.observations[0]).not.toHaveProperty('anomaly');
  });

  it('replaces the observation of a checkpoint recorded again, keeping the others in checkpoint order, and says so', () => {
    // The complete record has all three; the +24 h one is corrected after a second look.
    const corrected = run({ type: 'recordObservation', checkpoint: '24h', note: 'open rate 38%, not 41%', anomaly: true });
    expect(corrected.ok && corrected.value.record.launch.observations.map((kept) => [kept.checkpoint, kept.note])).toEqual([
      ['1h', 'sends delivered'],
      ['24h', 'open rate 38%, not 41%'],
      ['72h', '212 sign-ups'],
    ]);
    expect(corrected.ok && corrected.value.entry.detail).toBe(
      '+24h observation (an anomaly), replacing the one recorded before: open rate 38%, not 41%',
    );
    // A later "all well" at the same checkpoint of the same launch is refused: the anomaly seen there stays as it was
    // recorded, its note and author; the owner's offer to iterate is not someone else's to take away, nor to reword.
    const afterAnomaly = corrected.ok ? corrected.value.record : undefined;
    const allWell = run({ type: 'recordObservation', checkpoint: '24h', note: 'looks fine now', anomaly: false }, 'acc-ops', afterAnomaly);
    expect(allWell).toMatchObject({ ok: false, error: { code: 'COMMAND.ANOMALY_STAYS' } });
    expect(afterAnomaly?.launch.observations.find((kept) => kept.checkpoint === '24h')).toMatchObject({
      note: 'open rate 38%, not 41%',
      anomaly: true,
    });
    // After a new move to Launch only a new observation meets its checkpoint; it replaces the one of the earlier launch.
    const relaunched = '2026-06-09T10:00:00.000Z';
    const again = run(
      { type: 'recordObservation', checkpoint: '1h', note: 'sends delivered again', anomaly: false },
      'acc-ops',
      undefined,
      {
        launchEnteredAt: relaunched,
      },
    );
    expect(again.ok && again.value.record.launch.observations.map((kept) => kept.note)).toEqual([
      'sends delivered again',
      'open rate 41%',
      '212 sign-ups',
    ]);
    const gate = again.ok
      ? evaluateGate('launch', again.value.record, completeFacts(), config(), NOW, { launchEnteredAt: relaunched })
      : null;
    expect(gate?.items.find((item) => item.code === 'launch.observations')?.missing).toBe('observations missing at +24 h and +72 h');
  });

  it("keeps only an asset's last ten earlier names", () => {
    const record = completeRecord('regulated');
    const previousNames = Array.from({ length: 10 }, (_, n) => `spring26-email-invite-v${String(n + 1)}`);
    const long = { ...record, assets: [{ ...record.assets[0]!, name: 'spring26-email-invite-v11', previousNames }] };
    const renamed = run({ type: 'updateAsset', assetId: 'asset-1', changes: { name: 'spring26-email-invite-v12' } }, ASSIGNEE, long);
    expect(renamed.ok && renamed.value.record.assets[0]?.previousNames).toEqual([...previousNames.slice(1), 'spring26-email-invite-v11']);
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
    expect(plan.ok && plan.value.record.plan.definitionOfDone).toBe('All assets live and the 72-hour report shared');
    const retro = run({ type: 'answerRetrospective', answers: { broke: 'form' } });
    expect(retro.ok && retro.value.record.retrospective).toMatchObject({ broke: 'form', slowedDown: 'legal review queue' });
  });
});

describe('renaming and retiring assets (issue 15: a typo fix blocked the Build gate for good)', () => {
  const evaluateBuild = (record: ReturnType<typeof completeRecord>) =>
    evaluateGate('build', record, completeFacts(), config(), NOW, LAUNCH_HISTORY).items.find((item) => item.code === 'build.versions');

  it('treats a rename that keeps the version as a rename: the Build gate still passes', () => {
    const record = completeRecord('revenue');
    const typo = { ...record, assets: [{ ...record.assets[0]!, name: 'spring26-social-linkdin-v1', previousNames: [] }] };
    const fixed = run({ type: 'updateAsset', assetId: 'asset-1', changes: { name: 'spring26-social-linkedin-v1' } }, BUILDER, typo);
    expect(fixed.ok && fixed.value.record.assets[0]?.previousNames).toEqual(['spring26-social-linkdin-v1']);
    expect(fixed.ok && evaluateBuild(fixed.value.record)?.missing).toBeNull();
    const back = run({ type: 'updateAsset', assetId: 'asset-1', changes: { name: 'spring26-social-linkedin-v0' } }, BUILDER, typo);
    expect(back.ok && evaluateBuild(back.value.record)?.missing).toContain('a version never goes back');
  });

  it('retires an asset: off the register and every gate, kept with who and when, its id never reused', () => {
    const record = completeRecord('revenue');
    const retired = run({ type: 'retireAsset', assetId: 'asset-1' }, BUILDER, record);
    expect(retired.ok).toBe(true);
    if (!retired.ok) return;
    expect(retired.value.record.assets).toEqual([]);
    expect(retired.value.record.retiredAssets).toEqual([{ ...record.assets[0], retiredBy: BUILDER, retiredAt: NOW.toISOString() }]);
    expect(retired.value.entry.detail).toBe(`asset "${record.assets[0]!.name}" retired: kept in this history, counted by no gate`);
    const added = run(
      { type: 'addAsset', asset: { type: 'email', spec: 'x', name: 'spring26-email-invite-v1' } },
      BUILDER,
      retired.value.record,
    );
    expect(added.ok && added.value.record.assets.map((asset) => asset.id)).toEqual(['asset-2']);
    expect(run({ type: 'retireAsset', assetId: 'asset-1' }, BUILDER, retired.value.record).ok).toBe(false);
  });

  it('restores a retired asset: back on the register and counted by the gates, its content new to every approval', () => {
    const record = completeRecord('revenue');
    const retired = run({ type: 'retireAsset', assetId: 'asset-1' }, BUILDER, record);
    if (!retired.ok) throw new Error(retired.error.message);
    const later = { now: new Date(NOW.getTime() + 3_600_000) };
    const restored = run({ type: 'restoreAsset', assetId: 'asset-1' }, BUILDER, retired.value.record, later);
    if (!restored.ok) throw new Error(restored.error.message);
    const { record: back, entry } = restored.value;
    expect(back.retiredAssets).toEqual([]);
    expect(back.assets).toEqual([{ ...record.assets[0], contentChangedAt: later.now.toISOString() }]);
    expect(entry).toMatchObject({
      action: 'asset.restored',
      detail: `asset "${record.assets[0]!.name}" restored: counted by the gates again`,
    });
    // What an approval covers is the content itself: the same asset back is the content approved before it was retired.
    expect(covered(back.assets)).toBe(covered(record.assets));
    expect(covered(retired.value.record.assets)).not.toBe(covered(record.assets));
    const buildGate = (candidate: typeof record) => evaluateGate('build', candidate, completeFacts(), config(), NOW, LAUNCH_HISTORY).passed;
    expect(buildGate(retired.value.record)).toBe(false);
    expect(buildGate(back)).toBe(buildGate(record));
    // Only a retired asset can come back, and once.
    expect(run({ type: 'restoreAsset', assetId: 'asset-1' }, BUILDER, back)).toMatchObject({
      ok: false,
      error: { code: 'COMMAND.ASSET_NOT_FOUND' },
    });
  });

  it('restores an asset to its place among the others, so restoring exactly the approved set keeps its approvals', () => {
    const base = completeRecord('revenue');
    const first = base.assets[0]!;
    const assets = [
      first,
      { ...first, id: 'asset-2', name: 'spring26-email-second-v1', copy: 'Second copy.' },
      { ...first, id: 'asset-3', name: 'spring26-email-third-v1', copy: 'Third copy.' },
    ];
    const approved = covered(assets);
    const record = { ...base, assets, approvals: base.approvals.map((approval) => ({ ...approval, fingerprint: approved })) };
    const retired = run({ type: 'retireAsset', assetId: 'asset-2' }, BUILDER, record);
    if (!retired.ok) throw new Error(retired.error.message);
    const restored = run({ type: 'restoreAsset', assetId: 'asset-2' }, BUILDER, retired.value.record);
    if (!restored.ok) throw new Error(restored.error.message);
    expect(restored.value.record.assets.map((asset) => asset.id)).toEqual(['asset-1', 'asset-2', 'asset-3']);
    // The content is the approved content again: the approvals given on it count, as they did before.
    expect(covered(restored.value.record.assets)).toBe(approved);
    const people = {
      assigneeId: ASSIGNEE,
      reporterId: REQUESTER,
      formerOwnerIds: [],
      descriptionWriterIds: [],
      description: actor('x').description,
    };
    const standings = (candidate: FlightPlanRecord) => approvalsWithStanding(candidate, people, ROLES).map(({ standing }) => standing.kind);
    expect(standings(retired.value.record)).not.toContain('current');
    expect(standings(restored.value.record)).toEqual(standings(record));
    expect(standings(record)).toContain('current');
    // The first and the last come back to their places too.
    for (const id of ['asset-1', 'asset-3']) {
      const out = run({ type: 'retireAsset', assetId: id }, BUILDER, record);
      if (!out.ok) throw new Error(out.error.message);
      const back = run({ type: 'restoreAsset', assetId: id }, BUILDER, out.value.record);
      expect(back.ok && covered(back.value.record.assets)).toBe(approved);
    }
  });

  it('refuses to restore an asset whose name another asset took meanwhile, saying what to do', () => {
    const record = completeRecord('revenue');
    const name = record.assets[0]!.name;
    const retired = run({ type: 'retireAsset', assetId: 'asset-1' }, BUILDER, record);
    if (!retired.ok) throw new Error(retired.error.message);
    const replaced = run({ type: 'addAsset', asset: { type: 'email', spec: 'x', name } }, BUILDER, retired.value.record);
    if (!replaced.ok) throw new Error(replaced.error.message);
    const refused = run({ type: 'restoreAsset', assetId: 'asset-1' }, BUILDER, replaced.value.record);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'COMMAND.DUPLICATE_ASSET_NAME',
        message: `an asset is already named "${name}": rename that one first, then restore this one`,
      },
    });
  });

  it('keeps an asset within its bound of writers: one more person is refused, naming the bound; a writer still writes', () => {
    const record = completeRecord('revenue');
    const writers = [BUILDER, ...Array.from({ length: 99 }, (_, n) => `acc-writer-${String(n)}`)];
    const full = { ...record, assets: [{ ...record.assets[0]!, writers }] };
    const stranger = run({ type: 'updateAsset', assetId: 'asset-1', changes: { copy: 'New copy.' } }, ASSIGNEE, full);
    expect(!stranger.ok && stranger.error).toEqual({
      code: 'COMMAND.TOO_MANY_WRITERS',
      message:
        '100 people have written "spring26-email-invite-v2", the most one asset keeps (none of them may approve it): ask one of them to make this change',
    });
    const writer = run({ type: 'updateAsset', assetId: 'asset-1', changes: { copy: 'New copy.' } }, BUILDER, full);
    expect(writer.ok && writer.value.record.assets[0]?.writers).toEqual(writers);
  });

  it('makes room for an approval at the bound by letting the oldest that no longer count go, never one that counts', () => {
    const record = completeRecord('regulated');
    const legal = Array.from({ length: 100 }, (_, n) => `acc-legal-${String(n)}`);
    const roles = { ...ROLES, approvers: ROLES.approvers.map((role) => (role.key === 'legal' ? { ...role, members: legal } : role)) };
    // The request as the fixture's approvals were given on it.
    const approver = (accountId: string) => actor(accountId, { description: completeFacts().description });
    const fingerprint = approvedContentFingerprint(record.assets, completeFacts().description);
    const legalApprovals = (current: boolean) =>
      legal.slice(1, 99).map((by, n) => ({
        by,
        at: `2026-06-0${String(1 + (n % 5))}T10:00:00.000Z`,
        role: 'legal',
        fingerprint: current ? fingerprint : null,
      }));
    // Two approvals that count (compliance, brand) and 98 from before the copy changed.
    const stale = { ...record, approvals: [...record.approvals, ...legalApprovals(false)] };
    const made = applyCommand(stale, { type: 'approve', role: 'legal' }, approver('acc-legal-0'), config({ roles }));
    expect(made.ok && made.value.record.approvals).toHaveLength(100);
    expect(made.ok && made.value.record.approvals.map((approval) => approval.by)).toEqual([
      COMPLIANCE,
      'acc-brand',
      ...legal.slice(2, 99),
      'acc-legal-0',
    ]);
    // A hundred that all count: none gives way.
    const counting = { ...record, approvals: [...record.approvals, ...legalApprovals(true)] };
    const refused = applyCommand(counting, { type: 'approve', role: 'legal' }, approver('acc-legal-0'), config({ roles }));
    expect(!refused.ok && refused.error).toEqual({
      code: 'COMMAND.TOO_MANY_APPROVALS',
      message: 'this Flight Plan already keeps 100 approvals that count, the most it keeps; no more can be given',
    });
  });

  it('stops retiring at the bound, saying why', () => {
    const record = completeRecord('revenue');
    const full = {
      ...record,
      retiredAssets: Array.from({ length: 50 }, (_, n) => ({
        ...record.assets[0]!,
        id: `asset-${n + 2}`,
        retiredBy: BUILDER,
        retiredAt: NOW.toISOString(),
      })),
    };
    const refused = run({ type: 'retireAsset', assetId: 'asset-1' }, BUILDER, full);
    expect(!refused.ok && refused.error.code).toBe('COMMAND.TOO_MANY_RETIRED');
  });
});

describe('one iteration per request', () => {
  const claimed = (at: Date) => run({ type: 'noteIteration', key: null }, ASSIGNEE, completeRecord('revenue'), { now: at });

  it('refuses a second claim while the first is being created, and frees a claim left by a run that died', () => {
    const first = claimed(NOW);
    if (!first.ok) throw new Error(first.error.message);
    const again = (minutesLater: number) =>
      applyCommand(
        first.value.record,
        { type: 'noteIteration', key: null },
        actor(ASSIGNEE, { now: new Date(NOW.getTime() + minutesLater * 60_000) }),
        config(),
      );
    expect(again(1)).toMatchObject({
      ok: false,
      error: { code: 'COMMAND.ITERATION_STARTED', message: expect.stringContaining('right now') },
    });
    expect(again(ITERATION_CLAIM_MS / 60_000).ok).toBe(true);
    const noted = applyCommand(first.value.record, { type: 'noteIteration', key: 'MKT-9' }, actor(ASSIGNEE), config());
    if (!noted.ok) throw new Error(noted.error.message);
    // Started: refused however long after, naming it.
    expect(
      applyCommand(
        noted.value.record,
        { type: 'noteIteration', key: null },
        actor(ASSIGNEE, { now: new Date(NOW.getTime() + 86_400_000) }),
        config(),
      ),
    ).toMatchObject({ ok: false, error: { message: 'an iteration of this request was already started: MKT-9' } });
    // A late cleanup of a claim never forgets an iteration Jira created.
    expect(applyCommand(noted.value.record, { type: 'noteIteration', key: null, letGo: true }, actor(ASSIGNEE), config())).toMatchObject({
      ok: false,
      error: { code: 'COMMAND.ITERATION_STARTED' },
    });
  });
});

describe('starting from a template', () => {
  const template = templateFrom(completeRecord('revenue'), {
    id: 'MKT-9-1',
    name: 'Webinar invite',
    fromKey: 'MKT-9',
    by: 'acc-ops',
    at: '2026-05-01T00:00:00.000Z',
  });
  const apply = (record: FlightPlanRecord) => run({ type: 'applyTemplate', template }, 'acc-ops', record);
  const empty = emptyRecord('10002');

  it('starts an empty plan', () => {
    const started = apply(empty);
    expect(started.ok && started.value.record.plan.dependencies).toEqual(template.plan.dependencies);
    expect(started.ok && started.value.record.assets.map((asset) => asset.id)).toEqual(template.assets.map((_, n) => `asset-${n + 1}`));
  });

  it("keeps the source request by id beside the audit trail's words, so a reader who may not browse it is not told its key", () => {
    const fromKnown = run({ type: 'applyTemplate', template: { ...template, fromIssueId: '10009' } }, 'acc-ops', empty);
    expect(fromKnown.ok && fromKnown.value.entry).toMatchObject({
      detail: expect.stringContaining('(from MKT-9)'),
      mentions: [{ id: '10009', key: 'MKT-9' }],
    });
    // A template saved before templates kept their source's id gives none: the trail then names its source to nobody.
    const legacy = apply(empty);
    if (!legacy.ok) throw new Error(legacy.error.message);
    expect(legacy.value.entry).not.toHaveProperty('mentions');
  });

  it('never writes over a plan already written, nor over assets, retired ones too', () => {
    const retired = completeRecord('revenue').assets.map((asset) => ({ ...asset, retiredBy: 'acc-ops', retiredAt: NOW.toISOString() }));
    const written: [FlightPlanRecord, string][] = [
      [{ ...empty, plan: { ...empty.plan, dependencies: ['Legal sign-off on pricing'] } }, 'dependencies'],
      [{ ...empty, plan: { ...empty.plan, tracking: { events: ['pricing_view'] } } }, 'tracking events'],
      [{ ...empty, plan: { ...empty.plan, launchCriteria: 'Pricing page live in 4 locales' } }, 'launch criteria'],
      [{ ...empty, plan: { ...empty.plan, definitionOfDone: 'Live and measured' } }, 'a definition of done'],
      [{ ...empty, assets: completeRecord('revenue').assets }, 'assets'],
      // Restored later, a retired asset would share its id with an asset the template made.
      [{ ...empty, retiredAssets: retired }, 'retired assets'],
    ];
    for (const [record, work] of written)
      expect(apply(record)).toEqual({
        ok: false,
        error: {
          code: 'COMMAND.TEMPLATE_NEEDS_EMPTY_PLAN',
          message: `a template starts a plan: this request already has ${work}, so it was not applied`,
        },
      });
  });
});
