import { describe, expect, it } from 'vitest';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { triageMoveValidator } from '../../src/handlers/validators/triage-move.validator';
import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { storageKeys } from '../../src/use-cases/ports';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import {
  ASSIGNEE,
  BUILDER,
  COMPLIANCE,
  completeRecord,
  config,
  LAUNCHED_AT,
  NOW,
  REQUESTER,
  ROLES,
  SCORES,
  TRIAGE_LEAD,
} from '../fakes/fixtures';
import { testDeps, storedRevision, world } from '../fakes/site-deps';
import { APP_ACCOUNT } from '../../sandbox/catalogue';

/**
 * Issue 11's bypasses, replayed as the people of a request would: through the panel's resolvers
 * (as the Custom UI calls them) and the validators Jira runs on the transition buttons. Each is
 * refused, or no longer counts at the gate.
 */
const context = (accountId: string) => ({ accountId, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } });
const PEOPLE = [REQUESTER, ASSIGNEE, BUILDER, COMPLIANCE, TRIAGE_LEAD];

const setup = (record: FlightPlanRecord | null = completeRecord('regulated'), status = 'QA + Governance') => {
  const w = world(record, status);
  for (const who of PEOPLE) {
    w.jira.grant(who, '10001', 'browse');
    w.jira.grant(who, '10001', 'edit');
  }
  const handlers = panelHandlers(w.deps);
  // Each write names the revision stored at the time, as the panel does after reading it.
  const call = <Key extends keyof typeof handlers>(key: Key, as: string, payload: Record<string, unknown> = {}) =>
    handlers[key]({ payload: { expectedRevision: storedRevision(w.store), ...payload }, context: context(as) });
  const gate = async (name: Parameters<typeof gateValidator>[0]) =>
    gateValidator(name, w.deps)({ issue: { key: 'MKT-1' }, transition: { modifiedFields: {} } });
  return { ...w, call, gate };
};

const errorOf = (answer: Awaited<ReturnType<ReturnType<typeof setup>['call']>>) => (answer.ok ? null : answer.error);

describe('governance bypasses from issue 11', () => {
  it('a requester cannot make herself the compliance approver: not in the plan, not by approving, not at the gate', async () => {
    const { call, gate } = setup({ ...completeRecord('regulated'), approvals: [] });
    expect(errorOf(await call('plan/update', REQUESTER, { approvers: [{ accountId: REQUESTER, role: 'compliance' }] }))?.code).toBe(
      'COMMAND.NOT_A_ROLE_MEMBER',
    );
    expect(errorOf(await call('approval/compliance', REQUESTER))?.message).toBe(
      'only a member of the Compliance role (set by an admin) can approve as Compliance',
    );
    expect(await gate('qa')).toEqual({ result: false, errorMessage: 'QA gate: compliance approval missing' });
  });

  it('an approval or resolution stored by someone outside the role does not count at the gate, whatever the plan says', async () => {
    const record = completeRecord('regulated');
    const planted: FlightPlanRecord = {
      ...record,
      plan: { ...record.plan, approvers: [{ accountId: REQUESTER, role: 'compliance' }] },
      approvals: record.approvals.map((approval) => ({ ...approval, by: REQUESTER })),
    };
    const { gate } = setup(planted);
    expect(await gate('qa')).toEqual({
      result: false,
      errorMessage:
        'QA gate: compliance approval does not count: only a member of the Compliance role (set by an admin) can approve as Compliance',
    });
  });

  it('"add yourself, resolve #1, remove yourself" is refused; a member removed from the role no longer counts', async () => {
    const record = {
      ...completeRecord('regulated'),
      assets: completeRecord('regulated').assets.map((asset) => ({ ...asset, copy: 'The #1 platform for finance teams.' })),
    };
    const { call, gate, store } = setup(record);
    await call('plan/update', REQUESTER, { approvers: [{ accountId: REQUESTER, role: 'compliance' }] });
    const resolve = { source: 'asset-1', term: '#1', justification: 'Independent analyst ranking, 2026, cited on the page' };
    expect(errorOf(await call('lexicon/resolve', REQUESTER, resolve))?.code).toBe('COMMAND.SEPARATION_OF_DUTIES');
    // The compliance approver resolves it; when an admin takes her out of the role, it stops counting.
    expect((await call('lexicon/resolve', COMPLIANCE, resolve)).ok).toBe(true);
    expect((await gate('qa')).errorMessage).not.toContain('unresolved lexicon hit');
    store.data.set(storageKeys.config, {
      schemaVersion: CURRENT_CONFIG_VERSION,
      revision: 2,
      config: config({ roles: { ...ROLES, approvers: ROLES.approvers.map((role) => ({ ...role, members: [] })) } }),
    });
    expect((await gate('qa')).errorMessage).toContain('1 unresolved lexicon hit ("#1")');
  });

  it('an approval no longer counts once someone edits the description in Jira, which it covers with the copy', async () => {
    const { call, gate, jira } = setup({ ...completeRecord('regulated'), approvals: [] });
    expect((await call('approval/compliance', COMPLIANCE)).ok).toBe(true);
    expect(await gate('qa')).toEqual({ result: true });
    jira.issue('10001').description = 'Launch the spring webinar. Earn 9% AER, FDIC insured, you cannot lose money.';
    expect(await gate('qa')).toMatchObject({ result: false, errorMessage: expect.stringContaining('compliance approval out of date') });
  });

  it('an approval covers only what the approver read: a description edited after the panel loaded is refused, not approved unread', async () => {
    const { call, gate, jira, store } = setup({ ...completeRecord('regulated'), approvals: [] });
    const read = await call('record/get', COMPLIANCE);
    const covers = read.ok ? read.data.approvalCovers : '';
    jira.issue('10001').description = 'Launch the spring webinar. Earn 9% AER, FDIC insured, you cannot lose money.';
    const writes = store.writes;
    expect(await call('approval/compliance', COMPLIANCE, { covers })).toEqual({
      ok: false,
      error: {
        code: 'COMMAND.CONTENT_CHANGED',
        message: 'the description or the assets changed after you opened this Flight Plan: read them again as they are now, then approve',
      },
    });
    expect(store.writes).toBe(writes);
    expect((await gate('qa')).result).toBe(false);
    // Read again, as the panel shows it now: approved, and it counts.
    const again = await call('record/get', COMPLIANCE);
    expect((await call('approval/compliance', COMPLIANCE, { covers: again.ok ? again.data.approvalCovers : '' })).ok).toBe(true);
    expect((await gate('qa')).result).toBe(true);
  });

  it('an approval no longer counts once the builder changes the copy; a new approval on the new copy does', async () => {
    const { call, gate } = setup({ ...completeRecord('regulated'), approvals: [] });
    expect((await call('approval/compliance', COMPLIANCE)).ok).toBe(true);
    expect(await gate('qa')).toEqual({ result: true });
    expect((await call('asset/update', BUILDER, { assetId: 'asset-1', copy: 'Earn 9% APY, the best rate in the market' })).ok).toBe(true);
    expect(await gate('qa')).toEqual({
      result: false,
      errorMessage: 'QA gate: compliance approval out of date: the copy changed after it was given',
    });
    const view = await call('record/get', COMPLIANCE);
    expect(view.ok && view.data.approvals).toEqual([
      expect.objectContaining({ role: 'compliance', by: COMPLIANCE, state: 'stale', changedAt: NOW.toISOString() }),
    ]);
    expect((await call('approval/compliance', COMPLIANCE)).ok).toBe(true);
    expect(await gate('qa')).toEqual({ result: true });
  });

  it('"ok" does not justify a claim, and a resolved "Guaranteed" stops counting when the passage around it changes', async () => {
    const record = {
      ...completeRecord('regulated'),
      assets: completeRecord('regulated').assets.map((asset) => ({
        ...asset,
        copy: 'Guaranteed delivery within two days. Join our spring webinar.',
      })),
    };
    const { call, gate } = setup(record);
    const resolve = { source: 'asset-1', term: 'guarantee*' };
    expect(errorOf(await call('lexicon/resolve', COMPLIANCE, { ...resolve, justification: 'ok' }))?.code).toBe(
      'COMMAND.JUSTIFICATION_TOO_SHORT',
    );
    const resolved = await call('lexicon/resolve', COMPLIANCE, {
      ...resolve,
      justification: 'Two-day delivery is in the service terms, section 4',
    });
    expect(resolved.ok && resolved.data.record.lexiconResolutions[0]?.matched).toBe('Guaranteed');
    // A change elsewhere in the copy leaves the passage, and the resolution, alone…
    await call('asset/update', BUILDER, { assetId: 'asset-1', copy: 'Guaranteed delivery within two days. Join our summer webinar.' });
    await call('approval/compliance', COMPLIANCE);
    expect(await gate('qa')).toEqual({ result: true });
    // …a change to the passage around the hit does not.
    await call('asset/update', BUILDER, {
      assetId: 'asset-1',
      copy: 'Guaranteed 50% returns for every customer, forever. Join our summer webinar.',
    });
    expect((await gate('qa')).errorMessage).toContain('1 unresolved lexicon hit ("Guaranteed")');
  });

  it('the compliance approver cannot rewrite the copy and then approve it, and her earlier approval stops counting', async () => {
    const { call, gate } = setup();
    expect((await call('asset/update', COMPLIANCE, { assetId: 'asset-1', copy: 'Earn 9% APY, the best rate in the market' })).ok).toBe(
      true,
    );
    expect(errorOf(await call('approval/compliance', COMPLIANCE))?.message).toBe('someone who wrote or changed the copy cannot approve it');
    expect((await gate('qa')).errorMessage).toBe(
      'QA gate: compliance approval does not count: someone who wrote or changed the copy cannot approve it',
    );
  });

  it('a requester cannot triage her own request: no tier, no accept, and the Accept transition stays shut', async () => {
    const { triage: _triage, tier: _tier, ...untriaged } = completeRecord('regulated');
    const { call, gate } = setup(untriaged, 'Triage');
    expect(errorOf(await call('triage/set-tier', REQUESTER, { tier: 'low-risk' }))?.code).toBe('COMMAND.NOT_A_TRIAGE_LEAD');
    expect(errorOf(await call('triage/decide', REQUESTER, { decision: 'accept', scores: SCORES }))?.code).toBe('COMMAND.NOT_A_TRIAGE_LEAD');
    expect((await gate('triage')).errorMessage).toBe(
      "Triage gate: governance tier not set; no triage decision. A triage lead accepts in this request's Flight Plan panel (Triage, Accept): that records the decision and moves the request to Planning.",
    );
    // The panel offers triage to the triage lead only.
    const asLead = await call('record/get', TRIAGE_LEAD);
    const asRequester = await call('record/get', REQUESTER);
    expect([asLead.ok && asLead.data.canTriage, asRequester.ok && asRequester.data.canTriage]).toEqual([true, false]);
  });

  it('a triage decision does not count once the scores change after it', async () => {
    const { jira, gate } = setup(completeRecord('regulated'), 'Triage');
    expect(await gate('triage')).toEqual({ result: true });
    jira.setAppField('10001', 'impact', 5);
    expect((await gate('triage')).errorMessage).toBe(
      "Triage gate: the scores changed after the triage decision: a triage lead decides again. A triage lead accepts in this request's Flight Plan panel (Triage, Accept): that records the decision and moves the request to Planning.",
    );
  });

  it("Wait and Decline from the transition buttons are refused without a triage lead's reason from the panel moments before", async () => {
    const { triage: _triage, ...untriaged } = completeRecord('regulated');
    const { call, jira, store } = setup(untriaged, 'Triage');
    const wait = triageMoveValidator('wait', testDeps(jira, store));
    const refusal =
      'A triage lead moves a request to Waiting from its Flight Plan panel (Triage, Wait), with a reason the requester is told; the panel then makes the move.';
    expect(await wait({ issue: { key: 'MKT-1' }, transition: {} })).toEqual({ result: false, errorMessage: refusal });
    expect(errorOf(await call('triage/decide', REQUESTER, { decision: 'wait', reason: 'not now', scores: SCORES }))?.code).toBe(
      'COMMAND.NOT_A_TRIAGE_LEAD',
    );
    expect(errorOf(await call('triage/decide', TRIAGE_LEAD, { decision: 'wait', scores: SCORES }))?.code).toBe('COMMAND.REASON_REQUIRED');

    // The panel: the lead's decision is recorded, the request moved, the requester told why.
    const decided = await call('triage/decide', TRIAGE_LEAD, {
      decision: 'wait',
      reason: 'Capacity is booked until next month',
      scores: SCORES,
    });
    expect(decided.ok && decided.data.warnings).toEqual([]);
    expect(jira.statusOf('10001')).toBe('Waiting');
    expect(JSON.stringify(jira.comments('10001'))).toContain(`"attrs":{"id":"${REQUESTER}"}`);
    expect(JSON.stringify(jira.comments('10001'))).toContain('decided that this request waits: Capacity is booked until next month');
    // The move the panel made passes the validator; the same decision later does not vouch for another.
    expect(await wait({ issue: { key: 'MKT-1' }, transition: {} })).toEqual({ result: true });
    const later = triageMoveValidator('wait', testDeps(jira, store, new Date(NOW.getTime() + 10 * 60_000)));
    expect(await later({ issue: { key: 'MKT-1' }, transition: {} })).toEqual({ result: false, errorMessage: refusal });
    const decline = triageMoveValidator('decline', testDeps(jira, store));
    expect((await decline({ issue: { key: 'MKT-1' }, transition: {} })).result).toBe(false);
  });

  it('a monitoring owner who is nobody on the Jira site is refused, and the Launch gate still asks for one', async () => {
    const record = completeRecord('revenue');
    const { call, gate, store, jira } = setup({ ...record, launch: { observations: [] } }, 'Launch');
    const before = storedRevision(store);
    const refused = errorOf(await call('launch/update', TRIAGE_LEAD, { monitoringOwnerId: 'zzz-nobody' }));
    expect(refused).toEqual({
      code: 'PERSON.NOT_AN_ACCOUNT',
      message: `monitoring owner: "zzz-nobody" is not a person's account on this Jira site; pick the monitoring owner by name`,
    });
    // Nor the app's own account, which Jira knows but no one watches the launch as.
    expect(errorOf(await call('launch/update', TRIAGE_LEAD, { monitoringOwnerId: APP_ACCOUNT.accountId }))?.code).toBe(
      'PERSON.NOT_AN_ACCOUNT',
    );
    // Nor someone who may not edit the request, and so could not record its observations, even one the panel names
    // already (an approver of the plan).
    jira.addPerson('acc-viewer', 'Vic Viewer');
    jira.grant('acc-viewer', '10001', 'browse');
    expect(errorOf(await call('launch/update', TRIAGE_LEAD, { monitoringOwnerId: 'acc-viewer' }))).toEqual({
      code: 'PERSON.CANNOT_EDIT',
      message: 'monitoring owner: Vic Viewer cannot edit this request, so could not record its launch observations; pick someone who can',
    });
    jira.revoke(COMPLIANCE, '10001', 'edit');
    expect(errorOf(await call('launch/update', TRIAGE_LEAD, { monitoringOwnerId: COMPLIANCE }))?.code).toBe('PERSON.CANNOT_EDIT');
    expect(storedRevision(store)).toBe(before);
    expect((await gate('launch')).errorMessage).toContain('monitoring owner missing');
    // A person of the site is taken, and named on the panel without asking Jira twice.
    const taken = await call('launch/update', TRIAGE_LEAD, { monitoringOwnerId: BUILDER });
    expect(taken.ok && taken.data.record.launch.monitoringOwnerId).toBe(BUILDER);
    expect(taken.ok && taken.data.people[BUILDER]).toBeTruthy();
    expect((await gate('launch')).errorMessage ?? '').not.toContain('monitoring owner missing');
  });

  it('fixes the campaign key as soon as the request is in Launch, before the trigger has logged the move', async () => {
    const record = completeRecord('revenue');
    // Moved to Launch a moment ago: the status says so, the stage log (written by the trigger) not yet.
    const { call, store } = setup(record, 'Launch');
    expect(store.data.has(storageKeys.stageLog('10001'))).toBe(false);
    const tracking = { ...record.plan.tracking, campaignKey: 'fall26-019' };
    expect(errorOf(await call('plan/update', TRIAGE_LEAD, { tracking }))?.code).toBe('COMMAND.CAMPAIGN_KEY_LAUNCHED');
  });

  it('a builder who may edit the request cannot move it out of its campaign, or into one, to enter figures there alone', async () => {
    const record = completeRecord('revenue');
    const { call, store } = setup(record, 'Planning');
    // Clear, enter a figure on their own request of the campaign, restore: the first step is refused.
    const { campaignKey: _dropped, ...keyless } = record.plan.tracking;
    const refused = await call('plan/update', BUILDER, { tracking: keyless });
    expect(errorOf(refused)?.code).toBe('COMMAND.CAMPAIGN_KEY_NOT_OWNER');
    expect(errorOf(await call('plan/update', BUILDER, { tracking: { ...keyless, campaignKey: 'blake-camp' } }))?.code).toBe(
      'COMMAND.CAMPAIGN_KEY_NOT_OWNER',
    );
    expect((store.data.get(storageKeys.record('10001')) as FlightPlanRecord).plan.tracking.campaignKey).toBe(
      record.plan.tracking.campaignKey,
    );
    // Its owner, whom Jira names as its assignee, moves it.
    expect(await call('plan/update', ASSIGNEE, { tracking: { ...keyless, campaignKey: 'fall26-019' } })).toMatchObject({ ok: true });
  });

  it('offers the campaign key to its owner and the triage leads only, as the command that refuses anyone else decides', async () => {
    const record = completeRecord('revenue');
    const tracking = { ...record.plan.tracking, campaignKey: 'fall26-019' };
    // Each person on a request of their own: the view offers the key to exactly those whose change of it is taken.
    for (const [who, offered] of [
      [ASSIGNEE, true],
      [TRIAGE_LEAD, true],
      [BUILDER, false],
      [REQUESTER, false],
      [COMPLIANCE, false],
    ] as const) {
      const { call } = setup(record, 'Planning');
      const view = await call('record/get', who);
      expect([who, view.ok && view.data.canSetCampaignKey]).toEqual([who, offered]);
      const changed = await call('plan/update', who, { tracking });
      expect([who, changed.ok || errorOf(changed)?.code]).toEqual([who, offered || 'COMMAND.CAMPAIGN_KEY_NOT_OWNER']);
    }
    // Roles come from the admin's configuration and the owner from Jira, never from what the panel sends.
    const { call, store, jira } = setup(record, 'Planning');
    const claimed = await call('record/get', BUILDER, { triageLeads: [BUILDER], assigneeId: BUILDER });
    expect(claimed.ok && claimed.data.canSetCampaignKey).toBe(false);
    store.data.set(storageKeys.config, {
      schemaVersion: CURRENT_CONFIG_VERSION,
      revision: 2,
      config: config({ roles: { ...ROLES, triageLeads: [...ROLES.triageLeads, BUILDER] } }),
    });
    const asLead = await call('record/get', BUILDER);
    expect(asLead.ok && asLead.data.canSetCampaignKey).toBe(true);
    jira.issue('10001').assigneeId = COMPLIANCE;
    const asOwner = await call('record/get', COMPLIANCE);
    const noLongerOwner = await call('record/get', ASSIGNEE);
    expect([asOwner.ok && asOwner.data.canSetCampaignKey, noLongerOwner.ok && noLongerOwner.data.canSetCampaignKey]).toEqual([true, false]);
  });

  it('moving the launch window back does not bring the launch watch forward', async () => {
    const record = completeRecord('revenue');
    const launched = { ...record, launch: { ...record.launch, observations: [] } };
    const { call, gate, store } = setup(launched, 'Launch');
    // The request entered Launch half an hour ago.
    store.data.set(storageKeys.stageLog('10001'), [
      {
        at: new Date(NOW.getTime() - 30 * 60_000).toISOString(),
        fromStatus: 'QA + Governance',
        toStatus: 'Launch',
        fromStage: 'qa',
        toStage: 'launch',
        by: TRIAGE_LEAD,
      },
    ]);
    await call('launch/update', TRIAGE_LEAD, { window: { start: LAUNCHED_AT, end: '2026-06-20T00:00:00.000Z' } });
    for (const checkpoint of ['1h', '24h', '72h']) {
      expect(errorOf(await call('launch/observe', TRIAGE_LEAD, { checkpoint, note: 'all fine' }))?.code).toBe(
        'COMMAND.OBSERVATION_TOO_EARLY',
      );
    }
    const view = await call('record/get', TRIAGE_LEAD);
    expect(view.ok && view.data.observations?.map((due) => due.state)).toEqual(['upcoming', 'upcoming', 'upcoming']);
    expect((await gate('launch')).errorMessage).toBe('Launch gate: observations missing at +1 h, +24 h and +72 h');
  });
});
