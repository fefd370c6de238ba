import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { storageKeys } from '../../src/use-cases/ports';
import { TestJira } from '../fakes/test-jira';
import { MemoryStore } from '../fakes/memory-store';
import { NOW } from '../fakes/fixtures';
import { testDeps } from '../fakes/site-deps';
import { APP_ACCOUNT } from '../../sandbox/catalogue';

const setup = () => {
  const jira = new TestJira();
  const store = new MemoryStore();
  jira.admins.add('acc-admin');
  jira.admins.add('acc-admin-2');
  jira.addPerson('acc-casey', 'Casey Compliance');
  jira.addPerson('acc-lead');
  const handlers = adminHandlers(testDeps(jira, store, NOW));
  const context = (accountId = 'acc-admin') => ({ accountId, extension: { type: 'jira:adminPage' } });
  return { jira, store, handlers, context };
};

describe('admin page resolvers', () => {
  it('answer only Jira admins, and only on the admin page', async () => {
    const { handlers, context, store } = setup();
    expect(await handlers['config/get']({ context: context('acc-someone') })).toEqual({
      ok: false,
      error: { code: 'PERMISSION.NOT_ADMIN', message: 'only Jira admins can see and change the Flight Plan configuration' },
    });
    expect(await handlers['config/get']({ context: { accountId: 'acc-admin', extension: { type: 'jira:issuePanel' } } })).toMatchObject({
      ok: false,
      error: { code: 'CONTEXT.NOT_ADMIN_PAGE' },
    });
    expect(
      await handlers['config/save']({ payload: { config: DEFAULT_CONFIG, expectedRevision: 0 }, context: context('acc-someone') }),
    ).toMatchObject({ ok: false, error: { code: 'PERMISSION.NOT_ADMIN' } });
    expect(store.writes).toBe(0);
  });

  it('finds people by name for the governance roles, for Jira admins only', async () => {
    const { handlers, context } = setup();
    expect(await handlers['people/search']({ payload: { query: 'casey' }, context: context() })).toEqual({
      ok: true,
      data: [{ accountId: 'acc-casey', displayName: 'Casey Compliance' }],
    });
    expect(await handlers['people/search']({ payload: { query: 'casey' }, context: context('acc-someone') })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.NOT_ADMIN' },
    });
    expect(await handlers['people/search']({ payload: { query: 'c' }, context: context() })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: 'Type at least 2 letters of a name' },
    });
  });

  it('refuses a project key that is not one before setup reads anything, in words without the resolver key', async () => {
    const { handlers, context } = setup();
    expect(await handlers['setup/plan']({ payload: { projectKey: 'MKT; DROP' }, context: context() })).toEqual({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: 'The project key must be a Jira project key, like MKT' },
    });
  });

  it('shows the defaults at revision 0 before anything is saved', async () => {
    const { handlers, context } = setup();
    expect(await handlers['config/get']({ context: context() })).toEqual({
      ok: true,
      data: { stored: { schemaVersion: 2, revision: 0, config: DEFAULT_CONFIG }, changes: [], people: {} },
    });
  });

  it('saves a valid change with the next revision and records who changed what', async () => {
    const { handlers, context, store } = setup();
    const config = { ...DEFAULT_CONFIG, holidays: ['2026-12-25'], roles: { ...DEFAULT_CONFIG.roles, triageLeads: ['acc-lead'] } };
    const answer = await handlers['config/save']({ payload: { config, expectedRevision: 0 }, context: context() });
    expect(answer).toEqual({
      ok: true,
      data: {
        stored: { schemaVersion: 2, revision: 1, config },
        changes: [{ at: NOW.toISOString(), by: 'acc-admin', revision: 1, changed: ['holidays', 'roles'] }],
        // Who changed it, and the people the configuration names, by name.
        people: { 'acc-admin': 'Name of acc-admin', 'acc-lead': 'Name of acc-lead' },
      },
    });
    expect(store.data.get(storageKeys.config)).toEqual({ schemaVersion: 2, revision: 1, config });
  });

  it('asks Jira about a changed metrics query before saving it, and refuses one it cannot run beside the field', async () => {
    const { handlers, context, store } = setup();
    // The refresh and the reminders run this query every hour: a broken one stopped them with nothing said here.
    const broken = { ...DEFAULT_CONFIG, metricsJql: 'issuetype = "Marketing Request" AND (' };
    const refused = await handlers['config/save']({ payload: { config: broken, expectedRevision: 0 }, context: context() });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFIG.INVALID', fields: { metricsJql: expect.stringMatching(/^Jira cannot run this query: /) as string } },
    });
    expect(store.data.has(storageKeys.config)).toBe(false);
    const fixed = { ...DEFAULT_CONFIG, metricsJql: 'project = MKT ORDER BY created DESC' };
    expect(await handlers['config/save']({ payload: { config: fixed, expectedRevision: 0 }, context: context() })).toMatchObject({
      ok: true,
    });
  });

  it("refuses a second admin's stale save, and changes nothing", async () => {
    const { handlers, context, store } = setup();
    await handlers['config/save']({
      payload: { config: { ...DEFAULT_CONFIG, holidays: ['2026-12-25'] }, expectedRevision: 0 },
      context: context(),
    });
    const writes = store.writes;
    const stale = await handlers['config/save']({
      payload: { config: { ...DEFAULT_CONFIG, holidays: ['2026-12-26'] }, expectedRevision: 0 },
      context: context('acc-admin-2'),
    });
    expect(stale).toEqual({
      ok: false,
      error: {
        code: 'CONFIG.STALE',
        message: 'another admin saved the configuration since you opened it; reload it to see their change, then make yours again',
      },
    });
    expect(store.writes).toBe(writes);
    expect((store.data.get(storageKeys.config) as { config: { holidays: string[] } }).config.holidays).toEqual(['2026-12-25']);
  });

  it('gives admins the quarterly audit, and no one else', async () => {
    const { handlers, context, store } = setup();
    store.data.set('gateblock:2026-Q2:10001:1780000000000:qa_qa.utm-structured', { gate: 'qa', items: ['qa.utm-structured'] });
    store.data.set(storageKeys.libraryUse('2026-Q2', '10001', 1_780_000_000_000), { key: 'MKT-1', claimIds: ['claim-1'], hitsResolved: 2 });
    store.data.set(storageKeys.libraryUse('2026-Q2', '10002', 1_780_000_000_000), { key: 'MKT-2', claimIds: 'claim-1' });
    expect(await handlers['audit/get']({ payload: { quarter: '2026-Q2' }, context: context('acc-someone') })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.NOT_ADMIN' },
    });
    expect(await handlers['audit/get']({ payload: { quarter: 'Q2 2026' }, context: context() })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID' },
    });
    const answer = await handlers['audit/get']({ payload: { quarter: '2026-Q2' }, context: context() });
    expect(answer).toMatchObject({
      ok: true,
      data: {
        audit: {
          quarter: '2026-Q2',
          previousQuarter: '2026-Q1',
          current: {
            gateBlocks: 1,
            gateBlocksByItem: { 'qa.utm-structured': 1 },
            library: { launches: 1, claimsReused: 1, approvalsSaved: 2 },
          },
        },
        unreadableEntries: 1,
      },
    });
  });

  it('lets admins review and remove request templates', async () => {
    const { handlers, context, store } = setup();
    const template = {
      id: 'MKT-9-1',
      name: 'Webinar kit',
      fromKey: 'MKT-9',
      by: 'acc-ops',
      at: NOW.toISOString(),
      plan: { dependencies: ['none'], events: [] },
      assets: [],
      qaNotes: {},
    };
    store.data.set(storageKeys.legacyTemplates, [template]);
    expect(await handlers['templates/list']({ context: context('acc-someone') })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.NOT_ADMIN' },
    });
    expect(await handlers['templates/list']({ context: context() })).toEqual({ ok: true, data: [template] });
    expect(await handlers['templates/remove']({ payload: { templateId: 'nope' }, context: context() })).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE.NOT_FOUND' },
    });
    expect(await handlers['templates/remove']({ payload: { templateId: 'MKT-9-1' }, context: context() })).toEqual({ ok: true, data: [] });
    expect(store.data.get(storageKeys.legacyTemplates)).toEqual([]);
  });

  it('names each invalid field, for showing beside it, and writes nothing', async () => {
    const { handlers, context, store } = setup();
    const config = {
      ...DEFAULT_CONFIG,
      slaBusinessDays: { ...DEFAULT_CONFIG.slaBusinessDays, qa: { ...DEFAULT_CONFIG.slaBusinessDays.qa, revenue: -1 } },
      naming: { ...DEFAULT_CONFIG.naming, pattern: '{campaign}-{asset}' },
    };
    const answer = await handlers['config/save']({ payload: { config, expectedRevision: 0 }, context: context() });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIG.INVALID',
        fields: {
          'slaBusinessDays.qa.revenue': 'must be at least 0',
          'naming.pattern': 'must contain {n} (the version)',
        },
      },
    });
    expect(store.writes).toBe(0);
  });

  it('refuses a person Jira does not know in a role or a routing rule, by the field naming them, and writes nothing', async () => {
    const { handlers, context, store, jira } = setup();
    const approvers = DEFAULT_CONFIG.roles.approvers.map((role, index) =>
      index === 0 ? { ...role, members: ['acc-casey', 'zzz-gone'] } : role,
    );
    const config = {
      ...DEFAULT_CONFIG,
      routing: [{ assigneeId: 'acc-lead', alternates: ['zzz-nobody'] }],
      roles: { ...DEFAULT_CONFIG.roles, triageLeads: ['acc-lead', 'zzz-nobody'], approvers, figureReporters: [APP_ACCOUNT.accountId] },
    };
    const answer = await handlers['config/save']({ payload: { config, expectedRevision: 0 }, context: context() });
    const unknown = (id: string) => `"${id}" is not a person's account on this Jira site; pick people by name`;
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'CONFIG.INVALID',
        message:
          `The triage leads: ${unknown('zzz-nobody')}. Approver role 1: ${unknown('zzz-gone')}. ` +
          `The people who enter outcome figures: ${unknown(APP_ACCOUNT.accountId)}. The people sharing routing rule 1: ${unknown('zzz-nobody')}.`,
        fields: {
          'roles.triageLeads.1': unknown('zzz-nobody'),
          'roles.approvers.0.members.1': unknown('zzz-gone'),
          'roles.figureReporters.0': unknown(APP_ACCOUNT.accountId),
          'routing.0.alternates.0': unknown('zzz-nobody'),
        },
      },
    });
    expect(store.writes).toBe(0);
    // Asked of Jira once for the five accounts: each once.
    expect(jira.requests.filter((request) => request.path.split('?')[0]?.endsWith('/user/bulk'))).toHaveLength(1);
    // The same people, all known, save; someone who has left the site since stays until an admin removes them.
    const known = {
      ...config,
      roles: {
        ...config.roles,
        triageLeads: ['acc-lead'],
        figureReporters: ['acc-lead'],
        approvers: DEFAULT_CONFIG.roles.approvers.map((role, index) => (index === 0 ? { ...role, members: ['acc-casey'] } : role)),
      },
      routing: [{ assigneeId: 'acc-lead' }],
    };
    expect(await handlers['config/save']({ payload: { config: known, expectedRevision: 0 }, context: context() })).toMatchObject({
      ok: true,
    });
    jira.removePerson('acc-casey');
    const later = { ...known, atRiskBelowPercent: DEFAULT_CONFIG.atRiskBelowPercent + 1 };
    expect(await handlers['config/save']({ payload: { config: later, expectedRevision: 1 }, context: context() })).toMatchObject({
      ok: true,
    });
  });

  it("says each problem in the admin page's words: the field's name, never its path or the validator's wording", async () => {
    const { handlers, context, store } = setup();
    const config = {
      ...DEFAULT_CONFIG,
      intake: { ...DEFAULT_CONFIG.intake, leadTimeBusinessDays: { ...DEFAULT_CONFIG.intake.leadTimeBusinessDays, regulated: 2.5 } },
      triage: { ...DEFAULT_CONFIG.triage, declineBelow: 200 },
      slaBusinessDays: { ...DEFAULT_CONFIG.slaBusinessDays, qa: { ...DEFAULT_CONFIG.slaBusinessDays.qa, revenue: -1 } },
      approvalSlaBusinessDays: Number.NaN,
      routing: [{ assigneeId: ' ' }],
    };
    const answer = await handlers['config/save']({ payload: { config, expectedRevision: 0 }, context: context() });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIG.INVALID',
        message:
          'The lead time for Regulated: must be a whole number. The score to decline below: must not be above the score to accept at. ' +
          'The SLA of QA + Governance for Revenue: must be at least 0. The assignee of routing rule 1: must not be blank. The approval time: must be a number.',
        fields: {
          'intake.leadTimeBusinessDays.regulated': 'must be a whole number',
          'triage.declineBelow': 'must not be above the score to accept at',
          'slaBusinessDays.qa.revenue': 'must be at least 0',
          'routing.0.assigneeId': 'must not be blank',
          approvalSlaBusinessDays: 'must be a number',
        },
      },
    });
    expect(store.writes).toBe(0);
  });

  describe('the messaging library', () => {
    const claim = {
      text: 'Your rate is guaranteed for 12 months',
      evidence: 'Rate sheet RS-2026-04',
      tiers: ['regulated'],
      channels: ['email'],
      expiresOn: '2026-12-31',
    };

    it('refuses anyone but a Jira admin, and writes nothing', async () => {
      const { handlers, context, store } = setup();
      const answer = await handlers['config/save']({
        payload: { config: { ...DEFAULT_CONFIG, messagingLibrary: [claim] }, expectedRevision: 0 },
        context: context('acc-someone'),
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'PERMISSION.NOT_ADMIN' } });
      expect(store.writes).toBe(0);
    });

    it('records the admin who saved a claim as its approver, whatever the payload says, and audits the change', async () => {
      const { handlers, context, store } = setup();
      const forged = { ...claim, id: 'claim-7', approvedBy: 'acc-someone', approvedAt: '2020-01-01T00:00:00.000Z' };
      const answer = await handlers['config/save']({
        payload: { config: { ...DEFAULT_CONFIG, messagingLibrary: [forged] }, expectedRevision: 0 },
        context: context(),
      });
      const saved = { ...claim, id: 'claim-1', approvedBy: 'acc-admin', approvedAt: NOW.toISOString() };
      expect(answer).toMatchObject({
        ok: true,
        data: {
          stored: { revision: 1, config: { messagingLibrary: [saved] } },
          changes: [{ by: 'acc-admin', revision: 1, changed: ['messagingLibrary'] }],
        },
      });
      // A second admin saving something else leaves the claim approved by the first.
      const next = { ...DEFAULT_CONFIG, holidays: ['2026-12-25'], messagingLibrary: [{ ...saved, approvedBy: 'acc-admin-2' }] };
      await handlers['config/save']({ payload: { config: next, expectedRevision: 1 }, context: context('acc-admin-2') });
      expect((store.data.get(storageKeys.config) as { config: { messagingLibrary: unknown[] } }).config.messagingLibrary).toEqual([saved]);
    });

    it('names each bad claim field, and writes nothing', async () => {
      const { handlers, context, store } = setup();
      const bad = [
        { ...claim, text: ' ', evidence: 'x'.repeat(1_001) },
        { ...claim, tiers: [], channels: [], expiresOn: '2026-02-30' },
        claim,
        claim,
      ];
      const answer = await handlers['config/save']({
        payload: { config: { ...DEFAULT_CONFIG, messagingLibrary: bad }, expectedRevision: 0 },
        context: context(),
      });
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'CONFIG.INVALID',
          fields: {
            'messagingLibrary.0.text': 'must not be blank',
            'messagingLibrary.0.evidence': 'must be at most 1000 characters',
            'messagingLibrary.1.tiers': 'pick at least one tier',
            'messagingLibrary.1.channels': 'name at least one channel',
            'messagingLibrary.1.expiresOn': 'the last day must be a real date between 2000 and 2100, as YYYY-MM-DD',
            'messagingLibrary.3.text': 'the same claim is in the library twice',
          },
        },
      });
      expect(store.writes).toBe(0);
    });

    it('holds at most 50 claims', async () => {
      const { handlers, context, store } = setup();
      const many = Array.from({ length: 51 }, (_, index) => ({ ...claim, text: `Claim number ${index}` }));
      const answer = await handlers['config/save']({
        payload: { config: { ...DEFAULT_CONFIG, messagingLibrary: many }, expectedRevision: 0 },
        context: context(),
      });
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'CONFIG.INVALID', fields: { messagingLibrary: 'the library holds at most 50 claims' } },
      });
      expect(store.writes).toBe(0);
    });

    it('reads a configuration stored before the library existed as an empty library', async () => {
      const { handlers, context, store } = setup();
      const { messagingLibrary: _, ...older } = DEFAULT_CONFIG;
      store.data.set(storageKeys.config, { schemaVersion: 1, revision: 4, config: older });
      expect(await handlers['config/get']({ context: context() })).toMatchObject({
        ok: true,
        data: { stored: { revision: 4, config: { messagingLibrary: [] } } },
      });
    });
  });
});
