import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { answering, DEFECT_MESSAGE, STORAGE_REFUSED_MESSAGE, STORAGE_UNAVAILABLE_MESSAGE } from '../../src/handlers/resolvers/answer';
import { gadgetHandlers } from '../../src/handlers/resolvers/gadgets.resolver';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { StorageError, type AppStore, type SecretStore } from '../../src/use-cases/ports';
import { userByRole } from '../../sandbox/catalogue';
import { setupDepsOnSite } from '../../sandbox/seed';
import { TestJira } from '../fakes/test-jira';
import { REQUESTER } from '../fakes/fixtures';
import { handlerOf } from '../fakes/resolver-calls';
import { testDeps, world } from '../fakes/site-deps';
import { sandboxSite, SITE_NOW } from '../sandbox/sandbox-site';

/** App storage that is down: every read and write throws, as the KVS adapter does when KVS cannot be reached. */
const down = {
  get: () => () => Promise.reject(new StorageError('app storage could not read: KVS: 503 Service Unavailable', false)),
};
const downStore = (): AppStore => new Proxy({} as AppStore, down);
const downSecrets = (): SecretStore => new Proxy({} as SecretStore, down);

const unavailable = { ok: false, error: { code: 'STORAGE.UNAVAILABLE', message: STORAGE_UNAVAILABLE_MESSAGE } };

describe('a resolver whose storage fails', () => {
  // Issue 12: storage errors escaped record/get, the commands, template/save, config/get, audit/get and health/get as raw exceptions.
  it('answers every issue panel key with the error envelope in plain words, never an exception', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { jira } = world();
    jira.grant(REQUESTER, '10001', 'browse');
    jira.grant(REQUESTER, '10001', 'edit');
    const deps = testDeps(jira, downStore());
    const context = { accountId: REQUESTER, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } };
    const handlers = panelHandlers(deps);
    // A valid payload for each key, so the call gets past validation to the store.
    const payloads: Readonly<Record<string, unknown>> = {
      'record/get': {},
      'checklist/answer': { code: 'qa.events-firing', done: true, expectedRevision: 1 },
      'triage/decide': { decision: 'accept', scores: { impact: 4, confidence: 4, effort: 2, risk: 2 }, expectedRevision: 1 },
      'asset/add': { type: 'Email', spec: 'Nurture 1', name: 'email-nurture-v1', expectedRevision: 1 },
      'launch/observe': { checkpoint: '24h', note: 'Fine', expectedRevision: 1 },
      'template/save': { name: 'Webinar', expectedRevision: 1 },
      'template/apply': { templateId: 't1', expectedRevision: 1 },
    };
    for (const [key, payload] of Object.entries(payloads)) {
      expect({ key, answer: await handlerOf(handlers, key)({ payload, context }) }).toEqual({ key, answer: unavailable });
    }
    expect(console.error).toHaveBeenCalledWith('resolver record/get failed', expect.any(Error));
  });

  it('answers every admin page key with the error envelope', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const admin = userByRole('admin').accountId;
    const site = sandboxSite();
    const store = downStore();
    const jira = new TestJira();
    jira.admins.add(admin);
    // A request for the reset to find before it reads storage.
    jira.addIssue({ id: '10001', key: 'MKT-1' });
    jira.grant(admin, '10001', 'browse');
    const handlers = adminHandlers(
      testDeps(jira, store),
      () => setupDepsOnSite(site.jira, admin, store, SITE_NOW),
      () => ({ ...testDeps(jira, store)(), secrets: downSecrets(), webTriggerUrl: async () => 'https://example.test/x1' }),
    );
    const context = { accountId: admin, extension: { type: 'jira:adminPage' } };
    for (const [key, handler] of Object.entries(handlers)) {
      if (key === 'people/search') continue; // reads Jira only: nothing stored
      expect({
        key,
        answer: await handler({
          payload: {
            quarter: '2026-Q2',
            projectKey: 'MKT',
            templateId: 't1',
            issueKey: 'MKT-1',
            config: DEFAULT_CONFIG,
            csv: 'campaign,date,leads\nspring,2026-06-01,4\n',
            format: 'flight-plan',
            previewed: 'A'.repeat(43),
            expectedRevision: 1,
          },
          context,
        }),
      }).toEqual({ key, answer: unavailable });
    }
  });

  it('answers every gadget key with the error envelope', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const jira = new TestJira();
    const runtime = testDeps(jira, downStore())();
    const handlers = gadgetHandlers(() => ({ ...runtime, jiraAsUser: runtime.jira, enqueue: async () => undefined }));
    const context = {
      accountId: REQUESTER,
      extension: { type: 'jira:dashboardGadget', gadgetConfiguration: { projects: ['MKT'], periodDays: 90 } },
    };
    // The edit view's project search and JQL check ask Jira only: no storage to be down.
    const jiraOnly = new Set(['projects/search', 'jql/check']);
    for (const [key, handler] of Object.entries(handlers).filter(([key]) => !jiraOnly.has(key)))
      expect({ key, answer: await handler({ context }) }).toEqual({ key, answer: unavailable });
  });
});

describe('a resolver whose request app storage refused', () => {
  // a refusal (a 4xx other than 429, as a value over the size limit or a revision past
  // what a guard holds) was answered "try again in a moment", and the same request was refused again every time.
  it('says trying again will not help, not that storage is down', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const refusal = new StorageError('app storage could not commit: 400 Bad Request', true);
    const answer = await answering('config/save', () => Promise.reject(refusal));
    expect(answer).toEqual({ ok: false, error: { code: 'STORAGE.REFUSED', message: STORAGE_REFUSED_MESSAGE } });
    expect(STORAGE_REFUSED_MESSAGE).toMatch(/Trying again will not help/);
    expect(STORAGE_REFUSED_MESSAGE).not.toMatch(/try again in a moment/i);
    expect(logged).toHaveBeenCalledWith('resolver config/save failed', refusal);
  });
});

describe('a resolver whose use case throws anything but a storage failure', () => {
  it('says it is a defect, not an outage to wait out, and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await answering('outcome/record-figure', () => Promise.reject(new TypeError('Cannot read properties of undefined')));
    expect(answer).toEqual({ ok: false, error: { code: 'APP.DEFECT', message: DEFECT_MESSAGE } });
    expect(logged).toHaveBeenCalledWith('resolver outcome/record-figure failed', expect.any(TypeError));
  });
});
