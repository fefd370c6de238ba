import { describe, expect, it } from 'vitest';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import { storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, BRAND, BUILDER, COMPLIANCE, completeRecord, config, NOW, REQUESTER } from '../fakes/fixtures';
import { storedRevision, testDeps, world } from '../fakes/site-deps';

/**
 * The approval path through the panel's resolvers: what the panel shows of it (who approved, who
 * is next, how long each step waited), each role's approval, and what the audit keeps of them.
 */
const HOUR = 3_600_000;
// The request entered QA on Monday 2026-06-08 09:00; the clock says Wednesday 2026-06-10 12:00 (51 hours later).
const QA_ENTERED = '2026-06-08T09:00:00.000Z';

const setup = () => {
  const w = world({ ...completeRecord('regulated'), approvals: [] });
  for (const who of [REQUESTER, ASSIGNEE, BUILDER, COMPLIANCE, BRAND]) {
    w.jira.grant(who, '10001', 'browse');
    w.jira.grant(who, '10001', 'edit');
  }
  const paths = {
    ...config().approvalPaths,
    regulated: {
      order: 'in-order' as const,
      steps: [
        { role: 'compliance', count: 1 },
        { role: 'brand', count: 1 },
      ],
    },
  };
  w.store.data.set(storageKeys.config, { schemaVersion: CURRENT_CONFIG_VERSION, revision: 1, config: config({ approvalPaths: paths }) });
  w.store.data.set(storageKeys.stageLog('10001'), [
    { at: QA_ENTERED, fromStatus: 'Build', toStatus: 'QA + Governance', fromStage: 'build', toStage: 'qa', by: ASSIGNEE },
  ]);
  const handlers = panelHandlers(w.deps);
  const context = (accountId: string) => ({ accountId, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } });
  const call = <Key extends keyof typeof handlers>(key: Key, as: string, payload: Record<string, unknown> = {}) =>
    handlers[key]({ payload: { expectedRevision: storedRevision(w.store), ...payload }, context: context(as) });
  const path = async (as: string) => {
    const answer = await call('record/get', as);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data;
  };
  const gate = async () => gateValidator('qa', w.deps)({ issue: { key: 'MKT-1' }, transition: { modifiedFields: {} } });
  return { ...w, call, path, gate };
};

describe('the approval path on the panel', () => {
  it('shows who approved, who is next and how long each step waited, and takes each role in its turn', async () => {
    const { call, path, gate } = setup();
    const before = await path(BRAND);
    expect(before.approvalPath).toEqual({
      tier: 'regulated',
      order: 'in-order',
      slaBusinessDays: 2,
      steps: [
        {
          role: 'compliance',
          roleLabel: 'Compliance',
          required: 1,
          approvedBy: [],
          state: 'waiting',
          waitedMs: 51 * HOUR,
          overdue: false,
          next: [COMPLIANCE],
        },
        {
          role: 'brand',
          roleLabel: 'Brand',
          required: 1,
          approvedBy: [],
          state: 'after-earlier',
          waitedMs: null,
          overdue: false,
          next: [BRAND],
        },
      ],
    });
    // Brand's button is there for its member; the requester holds no role and gets none.
    expect(before.callerRoles).toEqual([{ role: 'brand', roleLabel: 'Brand', refusal: null, approved: false }]);
    expect((await path(REQUESTER)).callerRoles).toEqual([]);

    const early = await call('approval/give', BRAND, { role: 'brand' });
    expect(early.ok ? null : early.error.message).toBe(
      'on the Regulated approval path Brand approves after Compliance, whose approval is not complete yet',
    );
    // Where compliance is mandatory the gate names it by its own item, and the rest of the path after it.
    expect(await gate()).toEqual({
      result: false,
      errorMessage: 'QA gate: compliance approval missing; approval path incomplete: Brand needs 1 more approval',
    });

    expect((await call('approval/compliance', COMPLIANCE)).ok).toBe(true);
    const half = await path(BRAND);
    expect(half.approvalPath.steps.map((step) => [step.role, step.state, step.waitedMs, step.approvedBy])).toEqual([
      ['compliance', 'done', 51 * HOUR, [{ by: COMPLIANCE, at: NOW.toISOString() }]],
      ['brand', 'waiting', 0, []],
    ]);
    expect((await call('approval/give', BRAND, { role: 'brand' })).ok).toBe(true);
    const done = await path(BRAND);
    expect(done.approvalPath.steps.map((step) => step.state)).toEqual(['done', 'done']);
    expect(done.callerRoles).toEqual([{ role: 'brand', roleLabel: 'Brand', refusal: null, approved: true }]);
    expect(await gate()).toEqual({ result: true });
  });

  it('tells a member why they may not approve: the builder who is also in Brand wrote the copy', async () => {
    const { store, path } = setup();
    const stored = store.data.get(storageKeys.config) as { config: ReturnType<typeof config> };
    const roles = {
      ...stored.config.roles,
      approvers: stored.config.roles.approvers.map((role) => (role.key === 'brand' ? { ...role, members: [BRAND, BUILDER] } : role)),
    };
    store.data.set(storageKeys.config, { ...stored, config: { ...stored.config, roles } });
    expect((await path(BUILDER)).callerRoles).toEqual([
      { role: 'brand', roleLabel: 'Brand', refusal: expect.stringContaining('wrote or changed the copy'), approved: false },
    ]);
    // Nor is the builder asked to approve the brand step.
    expect((await path(BRAND)).approvalPath.steps[1]!.next).toEqual([BRAND]);
  });

  it('refuses the role approvals a person may not give: the requester in Brand, a role by another spelling, a role nobody configured', async () => {
    const { call, store, path } = setup();
    const stored = store.data.get(storageKeys.config) as { config: ReturnType<typeof config> };
    const roles = {
      ...stored.config.roles,
      approvers: stored.config.roles.approvers.map((role) => (role.key === 'brand' ? { ...role, members: [BRAND, REQUESTER] } : role)),
    };
    store.data.set(storageKeys.config, { ...stored, config: { ...stored.config, roles } });
    expect((await call('approval/compliance', COMPLIANCE)).ok).toBe(true);
    const own = await call('approval/give', REQUESTER, { role: 'brand' });
    expect(own.ok ? null : own.error.code).toBe('COMMAND.SEPARATION_OF_DUTIES');
    expect((await path(REQUESTER)).callerRoles).toEqual([
      { role: 'brand', roleLabel: 'Brand', refusal: expect.stringContaining('requester'), approved: false },
    ]);
    for (const role of ['Brand', 'marketing-vp']) {
      const answer = await call('approval/give', BRAND, { role });
      expect(answer.ok ? null : answer.error.code).toBe('COMMAND.NO_SUCH_ROLE');
    }
    // None of them moved the path on.
    expect((await path(BRAND)).approvalPath.steps.map((step) => step.state)).toEqual(['done', 'waiting']);
  });

  it('keeps the approvals made, their waits and the ones made stale for the quarterly audit', async () => {
    const { call, store, jira } = setup();
    expect((await call('approval/compliance', COMPLIANCE)).ok).toBe(true);
    expect((await call('approval/give', BRAND, { role: 'brand' })).ok).toBe(true);
    expect((await call('asset/update', BUILDER, { assetId: 'asset-1', copy: 'Earn 9% APY, the best rate in the market' })).ok).toBe(true);
    const events = [...store.data]
      .filter(([key]) => key.startsWith('approvalevent:2026-Q2:10001:'))
      .flatMap(([, value]) => (value as { events: unknown[] }).events);
    expect(events).toEqual([
      { key: 'MKT-1', kind: 'made', role: 'compliance', at: NOW.toISOString(), waitedMs: 51 * HOUR },
      { key: 'MKT-1', kind: 'made', role: 'brand', at: NOW.toISOString(), waitedMs: 0 },
      { key: 'MKT-1', kind: 'stale', role: 'compliance', at: NOW.toISOString(), waitedMs: null },
      { key: 'MKT-1', kind: 'stale', role: 'brand', at: NOW.toISOString(), waitedMs: null },
    ]);
    jira.admins.add('acc-admin');
    const audit = await adminHandlers(testDeps(jira, store, NOW))['audit/get']({
      payload: { quarter: '2026-Q2' },
      context: { accountId: 'acc-admin', extension: { type: 'jira:adminPage' } },
    });
    expect(audit).toMatchObject({
      ok: true,
      data: {
        audit: {
          current: {
            approvals: {
              made: 2,
              madeStale: 2,
              waitByRole: [
                { role: 'compliance', approvals: 1, medianHours: 51 },
                { role: 'brand', approvals: 1, medianHours: 0 },
              ],
              remindedRequests: 0,
              escalatedRequests: 0,
            },
          },
        },
      },
    });
  });

  it('keeps a copy change that makes 30 approvals stale within one storage transaction, and counts every one', async () => {
    // Each approval event was its own key in the record's commit: past 22 of them the commit went over the 25
    // operations a KVS transaction takes, and the copy could never be changed again (the request was frozen).
    const { call, store, jira } = setup();
    const stored = store.data.get(storageKeys.config) as { config: ReturnType<typeof config> };
    const approvers = Array.from({ length: 30 }, (_, n) => `acc-approver-${n}`);
    for (const approver of approvers) jira.grant(approver, '10001', 'edit');
    const roles = {
      ...stored.config.roles,
      approvers: stored.config.roles.approvers.map((role) => (role.key === 'compliance' ? { ...role, members: approvers } : role)),
    };
    store.data.set(storageKeys.config, { ...stored, config: { ...stored.config, roles } });
    for (const approver of approvers) expect((await call('approval/compliance', approver)).ok).toBe(true);
    const changed = await call('asset/update', BUILDER, { assetId: 'asset-1', copy: 'Join our summer webinar on finance operations.' });
    expect(changed).toMatchObject({ ok: true });
    const stale = [...store.data]
      .filter(([key]) => key.startsWith('approvalevent:2026-Q2:10001:'))
      .flatMap(([, value]) => (value as { events: { kind: string }[] }).events)
      .filter((event) => event.kind === 'stale');
    expect(stale).toHaveLength(30);
  });
});
