import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { storageKeys } from '../../src/use-cases/ports';
import { FakeJira } from '../fakes/fake-jira';
import { MemoryStore } from '../fakes/memory-store';
import { NOW } from '../fakes/fixtures';
import { testDeps } from '../fakes/test-deps';

const setup = () => {
  const jira = new FakeJira();
  const store = new MemoryStore();
  jira.admins.add('acc-admin');
  jira.admins.add('acc-admin-2');
  const handlers = adminHandlers(testDeps(jira, store, NOW));
  const context = (accountId = 'acc-admin') => ({ accountId, extension: { type: 'jira:adminPage' } });
  return { jira, store, handlers, context };
};

describe('admin page resolvers', () => {
  it('answer only Jira admins, and only on the admin page', async () => {
    const { handlers, context, store } = setup();
    expect(await handlers['config/get']!({ context: context('acc-someone') })).toEqual({
      ok: false,
      error: { code: 'PERMISSION.NOT_ADMIN', message: 'only Jira admins can see and change the Flight Plan configuration' },
    });
    expect(await handlers['config/get']!({ context: { accountId: 'acc-admin', extension: { type: 'jira:issuePanel' } } })).toMatchObject({ ok: false, error: { code: 'CONTEXT.NOT_ADMIN_PAGE' } });
    expect(await handlers['config/save']!({ payload: { config: DEFAULT_CONFIG, expectedRevision: 0 }, context: context('acc-someone') })).toMatchObject({ ok: false, error: { code: 'PERMISSION.NOT_ADMIN' } });
    expect(store.writes).toBe(0);
  });

  it('finds people by name for the governance roles, for Jira admins only', async () => {
    const { handlers, context } = setup();
    expect(await handlers['people/search']!({ payload: { query: 'casey' }, context: context() })).toEqual({ ok: true, data: [{ accountId: 'acc-casey', displayName: 'Person casey' }] });
    expect(await handlers['people/search']!({ payload: { query: 'casey' }, context: context('acc-someone') })).toMatchObject({ ok: false, error: { code: 'PERMISSION.NOT_ADMIN' } });
    expect(await handlers['people/search']!({ payload: { query: 'c' }, context: context() })).toMatchObject({ ok: false, error: { code: 'PAYLOAD.INVALID', message: 'people/search: query: type at least 2 characters' } });
  });

  it('shows the defaults at revision 0 before anything is saved', async () => {
    const { handlers, context } = setup();
    expect(await handlers['config/get']!({ context: context() })).toEqual({ ok: true, data: { stored: { schemaVersion: 2, revision: 0, config: DEFAULT_CONFIG }, changes: [], people: {} } });
  });

  it('saves a valid change with the next revision and records who changed what', async () => {
    const { handlers, context, store } = setup();
    const config = { ...DEFAULT_CONFIG, holidays: ['2026-12-25'], roles: { ...DEFAULT_CONFIG.roles, triageLeads: ['acc-lead'] } };
    const answer = await handlers['config/save']!({ payload: { config, expectedRevision: 0 }, context: context() });
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

  it("refuses a second admin's stale save, and changes nothing", async () => {
    const { handlers, context, store } = setup();
    await handlers['config/save']!({ payload: { config: { ...DEFAULT_CONFIG, holidays: ['2026-12-25'] }, expectedRevision: 0 }, context: context() });
    const writes = store.writes;
    const stale = await handlers['config/save']!({ payload: { config: { ...DEFAULT_CONFIG, holidays: ['2026-12-26'] }, expectedRevision: 0 }, context: context('acc-admin-2') });
    expect(stale).toEqual({
      ok: false,
      error: { code: 'CONFIG.STALE', message: 'another admin saved the configuration since you opened it; reload it to see their change, then make yours again' },
    });
    expect(store.writes).toBe(writes);
    expect((store.data.get(storageKeys.config) as { config: { holidays: string[] } }).config.holidays).toEqual(['2026-12-25']);
  });

  it('gives admins the quarterly audit, and no one else', async () => {
    const { handlers, context, store } = setup();
    store.data.set('gateblock:2026-Q2:10001:1780000000000', { gate: 'qa', items: ['qa.utm-structured'] });
    expect(await handlers['audit/get']!({ payload: { quarter: '2026-Q2' }, context: context('acc-someone') })).toMatchObject({ ok: false, error: { code: 'PERMISSION.NOT_ADMIN' } });
    expect(await handlers['audit/get']!({ payload: { quarter: 'Q2 2026' }, context: context() })).toMatchObject({ ok: false, error: { code: 'PAYLOAD.INVALID' } });
    const answer = await handlers['audit/get']!({ payload: { quarter: '2026-Q2' }, context: context() });
    expect(answer).toMatchObject({ ok: true, data: { audit: { quarter: '2026-Q2', previousQuarter: '2026-Q1', current: { gateBlocks: 1, gateBlocksByItem: { 'qa.utm-structured': 1 } } }, unreadableEntries: 0 } });
  });

  it('lets admins review and remove request templates', async () => {
    const { handlers, context, store } = setup();
    const template = { id: 'MKT-9-1', name: 'Webinar kit', fromKey: 'MKT-9', by: 'acc-ops', at: NOW.toISOString(), plan: { dependencies: ['none'], events: [] }, assets: [], qaNotes: {} };
    store.data.set(storageKeys.templates, [template]);
    expect(await handlers['templates/list']!({ context: context('acc-someone') })).toMatchObject({ ok: false, error: { code: 'PERMISSION.NOT_ADMIN' } });
    expect(await handlers['templates/list']!({ context: context() })).toEqual({ ok: true, data: [template] });
    expect(await handlers['templates/remove']!({ payload: { templateId: 'nope' }, context: context() })).toMatchObject({ ok: false, error: { code: 'TEMPLATE.NOT_FOUND' } });
    expect(await handlers['templates/remove']!({ payload: { templateId: 'MKT-9-1' }, context: context() })).toEqual({ ok: true, data: [] });
    expect(store.data.get(storageKeys.templates)).toEqual([]);
  });

  it('names each invalid field, for showing beside it, and writes nothing', async () => {
    const { handlers, context, store } = setup();
    const config = {
      ...DEFAULT_CONFIG,
      slaBusinessDays: { ...DEFAULT_CONFIG.slaBusinessDays, qa: { ...DEFAULT_CONFIG.slaBusinessDays.qa, revenue: -1 } },
      naming: { ...DEFAULT_CONFIG.naming, pattern: '{campaign}-{asset}' },
    };
    const answer = await handlers['config/save']!({ payload: { config, expectedRevision: 0 }, context: context() });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIG.INVALID',
        fields: { 'slaBusinessDays.qa.revenue': 'Too small: expected number to be >=0', 'naming.pattern': 'the pattern must contain {n} (the version)' },
      },
    });
    expect(store.writes).toBe(0);
  });
});
