import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { storageKeys } from '../../src/use-cases/ports';
import { COMMAND_KEYS, resolver, type CommandKey } from '../../src/contracts/resolver-contract';
import { ADMIN, PANEL, type AdminCode } from '../../src/contracts/resolvers';
import { ok } from '../../src/domain/result';
import { adminHandlers, adminOnlyHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import type { SetupApi } from '../../src/use-cases/setup-port';
import { TestJira } from '../fakes/test-jira';
import { ASSIGNEE, config, NOW, ROLES } from '../fakes/fixtures';
import { MemoryStore } from '../fakes/memory-store';
import { handlerOf } from '../fakes/resolver-calls';
import { testDeps, world } from '../fakes/site-deps';

/**
 * Who may do what, for every resolver there is: each panel command and each admin resolver is called with a payload
 * it accepts, by someone it must refuse. Both lists must name every resolver, so a new one is refused here or fails.
 */

/** A payload each panel write accepts, so that the refusal below comes from the permission check and nothing else. */
const COMMAND_PAYLOADS: Readonly<Record<CommandKey, Record<string, unknown>>> = {
  'checklist/answer': { code: 'qa.forms-tested', done: true },
  'triage/decide': { decision: 'accept', scores: { impact: 4, confidence: 4, effort: 2, risk: 2 } },
  'triage/set-tier': { tier: 'revenue' },
  'plan/update': { dependencies: ['Webinar platform licence'] },
  'asset/add': { type: 'email', spec: 'Invitation', name: 'invite-v1' },
  'asset/update': { assetId: 'a1', name: 'invite-v2' },
  'asset/retire': { assetId: 'a1' },
  'asset/restore': { assetId: 'a1' },
  'approval/compliance': {},
  'approval/give': { role: 'brand' },
  'lexicon/resolve': { source: 'description', term: 'guarantee*', justification: 'Approved claim' },
  'launch/update': { anomalyPlan: 'Pause the send' },
  'launch/observe': { checkpoint: '1h', note: 'Opens as expected' },
  'launch/waive-observations': { reason: 'Internal only' },
  'retro/answer': { slowedDown: 'Legal review' },
};
const PANEL_WRITES: Readonly<Record<string, Record<string, unknown>>> = {
  ...COMMAND_PAYLOADS,
  'template/save': { name: 'Webinar' },
  'template/apply': { templateId: 'MKT-9-1' },
};
const PANEL_READS = ['record/get'];

const panelContext = (accountId: string) => ({ accountId, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } });

describe('issue panel: every resolver asks who may do this', () => {
  const setup = () => {
    const w = world();
    w.jira.grant('acc-viewer', '10001', 'browse');
    for (const permission of ['browse', 'edit'] as const) w.jira.grant(ASSIGNEE, '10001', permission);
    return { ...w, handlers: panelHandlers(w.deps) };
  };

  it('has a sample payload for every record command', () => {
    expect(Object.keys(COMMAND_PAYLOADS).sort()).toEqual([...COMMAND_KEYS].sort());
  });

  it.each(COMMAND_KEYS)('%s: the sample payload is one the command accepts', (key) => {
    expect(PANEL.resolvers[key].payload.safeParse({ ...COMMAND_PAYLOADS[key], expectedRevision: 0 })).toMatchObject({ success: true });
  });

  it.each(Object.keys(PANEL_WRITES))(
    '%s: refuses a caller who may only browse, and one who cannot see the issue, writing nothing',
    async (key) => {
      const { handlers, store, jira } = setup();
      const writesBefore = store.writes;
      const payload = { ...PANEL_WRITES[key], expectedRevision: 0 };
      expect(await handlerOf(handlers, key)({ payload, context: panelContext('acc-viewer') })).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION.DENIED' },
      });
      expect(await handlerOf(handlers, key)({ payload, context: panelContext('acc-stranger') })).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION.DENIED' },
      });
      expect(store.writes).toBe(writesBefore);
      expect(jira.requests.filter((request) => request.method === 'PUT' || request.method === 'DELETE')).toEqual([]);
    },
  );

  it.each([...PANEL_READS, ...Object.keys(PANEL_WRITES)])('%s: answers only on an issue, whatever the payload says', async (key) => {
    const { handlers } = setup();
    const answer = await handlerOf(
      handlers,
      key,
    )({
      payload: { ...PANEL_WRITES[key], expectedRevision: 0, issueId: '10001' },
      context: { accountId: ASSIGNEE },
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONTEXT.NO_ISSUE' } });
  });

  // The panel's other resolvers (reads, and the owner's outcome figure) sit beside the view-answering ones.
  const OTHER_READS: Readonly<Record<string, Record<string, unknown>>> = {
    'people/search': { query: 'casey' },
    'record/audit': { page: 0 },
    'forecast/get': {},
    'outcome/get': {},
    'dependency/get': {},
    'dependency/search': { query: 'pricing' },
  };
  const OTHER_WRITES: Readonly<Record<string, Record<string, unknown>>> = {
    'outcome/record-figure': { key: 'leads', value: 12, date: '2026-11-20', source: 'CRM export' },
    'outcome/start-iteration': { dueDate: '2026-12-20' },
    'dependency/add': { key: 'MKT-2' },
    'dependency/remove': { linkId: '20000' },
    'dependency/confirm-unlinked': { issueId: '20000' },
  };

  it("outcome/record-figure: refuses the request's owner, who may edit it, unless an admin named them in the Outcome figures role", async () => {
    const { store, jira } = setup();
    const roles = { ...ROLES, figureReporters: [] };
    store.data.set(storageKeys.config, { schemaVersion: CURRENT_CONFIG_VERSION, revision: 2, config: config({ roles }) });
    const handler = handlerOf(panelHandlers(testDeps(jira, store)), 'outcome/record-figure');
    const writesBefore = store.writes;
    expect(await handler({ payload: OTHER_WRITES['outcome/record-figure'], context: panelContext(ASSIGNEE) })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.DENIED' },
    });
    expect(store.writes).toBe(writesBefore);
  });

  it('lists every resolver the panel app defines here', () => {
    const all = panelHandlers(setup().deps);
    expect(Object.keys(all).sort()).toEqual(
      [...PANEL_READS, ...Object.keys(PANEL_WRITES), ...Object.keys(OTHER_READS), ...Object.keys(OTHER_WRITES)].sort(),
    );
  });

  it.each([...PANEL_READS, ...Object.keys(OTHER_READS)])('%s: refuses a caller who cannot see the issue', async (key) => {
    const { deps } = setup();
    const handler = handlerOf(panelHandlers(deps), key);
    expect(await handler({ payload: OTHER_READS[key] ?? {}, context: panelContext('acc-stranger') })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.DENIED' },
    });
  });

  it.each(Object.keys(OTHER_WRITES))(
    '%s: refuses a caller who may only browse, and one who cannot see the issue, writing nothing',
    async (key) => {
      const { deps, store, jira } = setup();
      const handler = handlerOf(panelHandlers(deps), key);
      const writesBefore = store.writes;
      expect(await handler({ payload: OTHER_WRITES[key], context: panelContext('acc-viewer') })).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION.DENIED' },
      });
      expect(await handler({ payload: OTHER_WRITES[key], context: panelContext('acc-stranger') })).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION.DENIED' },
      });
      expect(store.writes).toBe(writesBefore);
      // Nor anything written to Jira (a dependency is an issue link).
      expect(jira.requests.filter((request) => request.method !== 'GET' && !/permissions\/check|search\/jql/.test(request.path))).toEqual(
        [],
      );
    },
  );
});

/** A payload each admin resolver accepts; the resolvers that take none get none. */
const ADMIN_PAYLOADS: Readonly<Record<string, unknown>> = {
  'config/get': undefined,
  'config/save': { config: DEFAULT_CONFIG, expectedRevision: 0 },
  'audit/get': { quarter: '2026-Q2' },
  'people/search': { query: 'casey' },
  'templates/list': undefined,
  'templates/remove': { templateId: 'MKT-9-1' },
  'record/reset': { issueKey: 'MKT-1' },
  'setup/plan': { projectKey: 'MKT' },
  'setup/apply': { projectKey: 'MKT' },
  'setup/check': undefined,
  'crm/preview': { csv: 'campaign,date,leads\nspring,2026-06-01,4\n', format: 'flight-plan' },
  'crm/import': { csv: 'campaign,date,leads\nspring,2026-06-01,4\n', format: 'flight-plan', previewed: 'A'.repeat(43) },
  'crm/webtrigger': undefined,
  'crm/rotate-secret': undefined,
};

describe('admin page: every resolver answers Jira admins only, on the admin page only', () => {
  const setup = () => {
    const jira = new TestJira();
    const store = new MemoryStore();
    jira.admins.add('acc-admin');
    const deps = testDeps(jira, store, NOW);
    // Setup's own Jira requests must never start for a caller who is refused.
    const setup = new Proxy({} as SetupApi, {
      get: (_, name) => () => {
        throw new Error(`setup.${String(name)} was called for a refused caller`);
      },
    });
    // Nor are the web trigger's secret or address read or written for one.
    const secrets = {
      get: () => Promise.reject(new Error('the web trigger secret was read for a refused caller')),
      set: () => Promise.reject(new Error('the web trigger secret was written for a refused caller')),
    };
    const handlers = adminHandlers(
      deps,
      () => ({ ...deps(), setup, install: { appId: 'app', environmentId: 'env' } }),
      () => ({ ...deps(), secrets, webTriggerUrl: () => Promise.reject(new Error('the web trigger URL was asked for a refused caller')) }),
    );
    return { jira, store, handlers };
  };

  it('lists every admin resolver here', () => {
    expect(Object.keys(setup().handlers).sort()).toEqual(Object.keys(ADMIN_PAYLOADS).sort());
  });

  it.each(Object.keys(ADMIN_PAYLOADS))(
    '%s: refuses someone who is not a Jira admin, and an admin outside the admin page, writing nothing',
    async (key) => {
      const { handlers, store, jira } = setup();
      const payload = ADMIN_PAYLOADS[key];
      expect(
        await handlerOf(handlers, key)({ payload, context: { accountId: 'acc-someone', extension: { type: 'jira:adminPage' } } }),
      ).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION.NOT_ADMIN' },
      });
      expect(
        await handlerOf(handlers, key)({ payload, context: { accountId: 'acc-admin', extension: { type: 'jira:issuePanel' } } }),
      ).toMatchObject({
        ok: false,
        error: { code: 'CONTEXT.NOT_ADMIN_PAGE' },
      });
      expect(store.writes).toBe(0);
      expect(
        jira.requests.filter((request) => request.method !== 'GET' && !request.path.startsWith('/rest/api/3/permissions/check')),
      ).toEqual([]);
    },
  );

  it('refuses a non-admin on a key added to the admin page with no check of its own, before reading its payload', async () => {
    const { jira, store } = setup();
    let runs = 0;
    // A new admin resolver whose use case checks nothing: the admin check comes from how admin resolvers are wired.
    const withNewKey = { ...ADMIN, resolvers: { 'new/thing': resolver(z.object({ count: z.number() })).answers<string, AdminCode>() } };
    const handlers = adminOnlyHandlers(withNewKey, testDeps(jira, store, NOW), {
      'new/thing': () => {
        runs += 1;
        return Promise.resolve(ok('done'));
      },
    });
    const onAdminPage = (accountId: string) => ({ accountId, extension: { type: 'jira:adminPage' } });
    for (const payload of [{ count: 1 }, { count: 'not a number' }])
      expect(await handlers['new/thing']({ payload, context: onAdminPage('acc-someone') })).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION.NOT_ADMIN' },
      });
    expect(runs).toBe(0);
    expect(await handlers['new/thing']({ payload: { count: 'not a number' }, context: onAdminPage('acc-admin') })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID' },
    });
    expect(await handlers['new/thing']({ payload: { count: 1 }, context: onAdminPage('acc-admin') })).toEqual({ ok: true, data: 'done' });
    expect(runs).toBe(1);
  });
});
