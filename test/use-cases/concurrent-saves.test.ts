import { beforeEach, describe, expect, it, vi } from 'vitest';
import { kvsStore } from '../../src/adapters/kvs-store';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { storageKeys } from '../../src/use-cases/ports';
import { campaignRequestsKey } from '../../src/contracts/crm-figures.schema';
import { parseStageLog } from '../../src/contracts/stage-log.schema';
import { issueChangedHandler } from '../../src/handlers/triggers/issue-changed.trigger';
import { setSandboxRuntime } from '../../sandbox/forge/runtime';
import type { JiraSite } from '../../sandbox/jira/rest';
import { emptySite, SiteStore } from '../../sandbox/jira/site-state';
import { ASSIGNEE, completeRecord, config, NOW } from '../fakes/fixtures';
import { TestJira } from '../fakes/test-jira';
import { emptyRecord } from '../../src/domain/flight-plan-record';
import { runRemindersPage, startReminders } from '../../src/use-cases/run-reminders';
import { testDeps, world } from '../fakes/site-deps';
import { scratchDir } from '../fakes/scratch-dir';
import { MAX_TEMPLATES, MAX_TEMPLATES_PER_PERSON, templateFrom } from '../../src/domain/templates';

// Real concurrency: both calls in flight at once on the sandbox's KVS, each storage call taking 5 ms as real I/O does.
vi.mock('@forge/kvs', () => import('../../sandbox/forge/kvs'));
const STORE_LATENCY_MS = 5;

let site: SiteStore;
beforeEach(() => {
  site = new SiteStore(scratchDir('races-'), emptySite());
  setSandboxRuntime({ site: {} as JiraSite, store: site, enqueue: () => undefined, kvsLatencyMs: STORE_LATENCY_MS });
});

const panelContext = { accountId: ASSIGNEE, extension: { type: 'jira:issuePanel', issue: { id: '10001' } } };
const adminContext = (accountId: string) => ({ accountId, extension: { type: 'jira:adminPage' } });

describe('two saves from the same revision, both in flight, on a store with latency', () => {
  it('asset/add: one is saved, the other is told someone saved since, and no asset is lost', async () => {
    const { jira } = world(null);
    jira.grant(ASSIGNEE, '10001', 'browse');
    jira.grant(ASSIGNEE, '10001', 'edit');
    const record = completeRecord('regulated');
    site.data.appStorage[storageKeys.record('10001')] = record;
    const handlers = panelHandlers(testDeps(jira, kvsStore));
    const add = (name: string) =>
      handlers['asset/add']({
        payload: { type: 'email', spec: 'one email', name, expectedRevision: record.revision },
        context: panelContext,
      });

    const answers = await Promise.all([add('EM_Spring_Invite_v1'), add('EM_Spring_Reminder_v1')]);

    const [saved, refused] = answers[0].ok ? answers : [answers[1], answers[0]];
    expect(saved.ok).toBe(true);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'RECORD.STALE',
        message: 'someone saved this Flight Plan since you opened it; reload to see their change, then make yours again',
      },
    });
    const stored = site.data.appStorage[storageKeys.record('10001')] as typeof record;
    expect(stored.revision).toBe(record.revision + 1);
    expect(stored.assets).toHaveLength(record.assets.length + 1);
    expect(saved.ok && saved.data.record.assets.at(-1)?.name).toBe(stored.assets.at(-1)?.name);

    // The refused editor reloads and saves again: both assets are kept.
    const again = await handlers['asset/add']({
      payload: { type: 'email', spec: 'one email', name: 'EM_Spring_Second_v1', expectedRevision: stored.revision },
      context: panelContext,
    });
    expect(again.ok && again.data.record.assets).toHaveLength(record.assets.length + 2);
  });

  it('config/save: one admin saves, the other is told another admin saved since, and the first change stays', async () => {
    const { jira } = world(null);
    jira.admins.add('acc-admin-1');
    jira.admins.add('acc-admin-2');
    const handlers = adminHandlers(testDeps(jira, kvsStore));
    const save = (accountId: string, minDescriptionLength: number) =>
      handlers['config/save']({
        payload: { config: { ...config(), intake: { ...config().intake, minDescriptionLength } }, expectedRevision: 0 },
        context: adminContext(accountId),
      });

    const answers = await Promise.all([save('acc-admin-1', 80), save('acc-admin-2', 120)]);

    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.find((answer) => !answer.ok)).toMatchObject({ ok: false, error: { code: 'CONFIG.STALE' } });
    const winner = answers[0].ok ? 80 : 120;
    expect(site.data.appStorage[storageKeys.config]).toMatchObject({ revision: 1, config: { intake: { minDescriptionLength: winner } } });
    expect(site.data.appStorage[storageKeys.configAudit]).toHaveLength(1);
  });
});

describe('two requests joining one campaign at once, on a store with latency', () => {
  it('both save, and the campaign lists both: neither is told someone saved its Flight Plan', async () => {
    const jira = new TestJira();
    const planned = completeRecord('revenue');
    for (const id of ['1', '2']) {
      jira.addIssue({ id, key: `MKT-${id}`, status: 'Planning', assignee: ASSIGNEE });
      // Both in MKT, both hers: each may be judged on the campaign the other names (Jira gives no edit without browse).
      jira.grant(ASSIGNEE, id, 'browse');
      jira.grant(ASSIGNEE, id, 'edit');
      site.data.appStorage[storageKeys.record(id)] = { ...planned, issueId: id };
    }
    const handlers = panelHandlers(testDeps(jira, kvsStore));
    const join = (id: string) =>
      handlers['plan/update']({
        payload: { tracking: { ...planned.plan.tracking, campaignKey: 'fall26-launch' }, expectedRevision: planned.revision },
        context: { accountId: ASSIGNEE, extension: { type: 'jira:issuePanel', issue: { id } } },
      });

    const answers = await Promise.all([join('1'), join('2')]);

    expect(answers.map((answer) => answer.ok)).toEqual([true, true]);
    const list = site.data.appStorage[campaignRequestsKey('fall26-launch')] as { issueIds: string[] };
    expect([...list.issueIds].sort()).toEqual(['1', '2']);
    for (const id of ['1', '2'])
      expect(site.data.appStorage[storageKeys.record(id)]).toMatchObject({
        campaignListed: 'fall26-launch',
        revision: planned.revision + 1,
      });
  });
});

describe('two finished requests saved as templates at once, on a store with latency', () => {
  /** Finished requests 1 to `count`, each saved as a template by its editor. */
  const finishedRequests = (count = 2, editorOf = (_id: string) => ASSIGNEE) => {
    const jira = new TestJira();
    const finished = { ...completeRecord('revenue'), retrospective: { template: 'The invite and its reminder cadence.' } };
    for (let n = 1; n <= count; n++) {
      const id = String(n);
      jira.addIssue({ id, key: `MKT-${id}`, status: 'Measure + Improve', assignee: ASSIGNEE });
      jira.grant(editorOf(id), id, 'browse');
      jira.grant(editorOf(id), id, 'edit');
      site.data.appStorage[storageKeys.record(id)] = { ...finished, issueId: id };
    }
    const handlers = panelHandlers(testDeps(jira, kvsStore));
    const save = (id: string, name: string) =>
      handlers['template/save']({
        payload: { name, expectedRevision: finished.revision },
        context: { accountId: editorOf(id), extension: { type: 'jira:issuePanel', issue: { id } } },
      });
    const templatesStored = () => Object.keys(site.data.appStorage).filter((key) => key.startsWith(storageKeys.templatesPrefix));
    return { finished, save, templatesStored };
  };

  it('keeps one person to ten: with nine kept, one save is stored and the other refused, not both', async () => {
    const { finished, save, templatesStored } = finishedRequests();
    for (let n = 1; n < MAX_TEMPLATES_PER_PERSON; n++)
      site.data.appStorage[storageKeys.template(`MKT-9-${String(n)}`)] = templateFrom(finished, {
        id: `MKT-9-${String(n)}`,
        name: `Kept ${String(n)}`,
        fromKey: 'MKT-9',
        by: ASSIGNEE,
        at: '2026-05-01T00:00:00.000Z',
      });

    const answers = await Promise.all([save('1', 'Webinar invite'), save('2', 'Webinar reminder')]);

    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.find((answer) => !answer.ok)).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE.TOO_MANY', message: expect.stringContaining('you already keep 10 templates') as string },
    });
    expect(templatesStored()).toHaveLength(MAX_TEMPLATES_PER_PERSON);
  });

  it('answers each of six people saving at once with room for four: four saved, two told the site is full, none told to reload', async () => {
    const { finished, save, templatesStored } = finishedRequests(6, (id) => `acc-editor-${id}`);
    for (let n = 1; n <= MAX_TEMPLATES - 4; n++)
      site.data.appStorage[storageKeys.template(`OLD-${String(n)}`)] = templateFrom(finished, {
        id: `OLD-${String(n)}`,
        name: `Kept ${String(n)}`,
        fromKey: `OLD-${String(n)}`,
        by: `acc-former-${String(n % 5)}`,
        at: '2026-05-01T00:00:00.000Z',
      });

    const answers = await Promise.all(['1', '2', '3', '4', '5', '6'].map((id) => save(id, `Launch kit ${id}`)));

    expect(answers.filter((answer) => answer.ok)).toHaveLength(4);
    expect(answers.flatMap((answer) => (answer.ok ? [] : [answer.error.code]))).toEqual(['TEMPLATE.TOO_MANY', 'TEMPLATE.TOO_MANY']);
    expect(templatesStored()).toHaveLength(MAX_TEMPLATES);
  });

  it('keeps names unique: two saves of one name at once store one template, and the other is told the name is taken', async () => {
    const { save, templatesStored } = finishedRequests();

    const answers = await Promise.all([save('1', 'Webinar invite'), save('2', 'webinar INVITE')]);

    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.find((answer) => !answer.ok)).toMatchObject({ ok: false, error: { code: 'TEMPLATE.NAME_TAKEN' } });
    expect(templatesStored()).toHaveLength(1);
  });
});

describe('two status changes of one request handled at once, on a store with latency', () => {
  it('keeps both in the stage log: neither append overwrites the other', async () => {
    const { jira } = world(null, 'Build');
    const handle = issueChangedHandler(testDeps(jira, kvsStore));
    const move = (from: string, to: string, timestamp: number) =>
      handle({
        eventType: 'avi:jira:updated:issue',
        timestamp,
        atlassianId: 'acc-ops',
        issue: { id: '10001', key: 'MKT-1' },
        changelog: { items: [{ field: 'status', fieldId: 'status', fromString: from, toString: to }] },
      });

    const answers = await Promise.all([move('Triage', 'Planning', 1_780_000_000_000), move('Planning', 'Build', 1_780_000_060_000)]);

    expect(answers).toEqual([undefined, undefined]);
    const stored = parseStageLog(site.data.appStorage[storageKeys.stageLog('10001')]);
    expect(stored?.log.changes.map((change) => change.toStatus)).toEqual(['Planning', 'Build']);
    expect(stored?.revision).toBe(2);
  });
});

describe('two reminder runs over the same page at once, on a store with latency', () => {
  it('post each reminder once: only the run that claimed it in the ledger posts it', async () => {
    // A redelivered queue event, or the next hour's run while this one is still going: both read the ledger, found the
    // reminder unposted, and with a plain write both claimed it, so both posted it.
    const jira = new TestJira();
    jira.addIssue({ id: '1', key: 'MKT-1', status: 'QA + Governance', assignee: ASSIGNEE });
    site.data.appStorage[storageKeys.record('1')] = { ...emptyRecord('1'), tier: 'revenue' };
    site.data.appStorage[storageKeys.stageLog('1')] = [
      { at: '2026-06-04T09:00:00.000Z', fromStatus: 'Build', toStatus: 'QA + Governance', fromStage: 'build', toStage: 'qa', by: ASSIGNEE },
    ];
    const deps = testDeps(jira, kvsStore);
    const run = () => runRemindersPage(deps(), config(), startReminders(config(), NOW));

    const answers = await Promise.all([run(), run()]);

    expect(answers.map((answer) => (answer.ok ? answer.value.posted : null)).sort()).toEqual([0, 1]);
    expect(jira.comments('1')).toHaveLength(1);
    expect(site.data.appStorage[storageKeys.reminders('1')]).toEqual({ revision: 1, keys: ['sla:qa@2026-06-04T09:00:00.000Z'] });
  });
});

describe('a write without the revision its editor opened', () => {
  it('is refused before anything is read or written', async () => {
    const { jira, store, deps } = world();
    jira.grant(ASSIGNEE, '10001', 'edit');
    const answer = await panelHandlers(deps)['asset/add']({
      payload: { type: 'email', spec: 'one email', name: 'EM_Spring_Invite_v1' },
      context: panelContext,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'PAYLOAD.INVALID' } });
    expect(answer.ok || answer.error.message).toContain('the revision you opened is required');
    expect(store.writes).toBe(0);
  });
});
