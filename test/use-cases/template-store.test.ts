import { beforeEach, describe, expect, it, vi } from 'vitest';
import { kvsStore } from '../../src/adapters/kvs-store';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { storageKeys } from '../../src/use-cases/ports';
import { setSandboxRuntime } from '../../sandbox/forge/runtime';
import type { JiraSite } from '../../sandbox/jira/rest';
import { emptySite, SiteStore } from '../../sandbox/jira/site-state';
import { completeRecord } from '../fakes/fixtures';
import { emptyRecord } from '../../src/domain/flight-plan-record';
import { testDeps, world } from '../fakes/site-deps';
import { scratchDir } from '../fakes/scratch-dir';

// The sandbox's KVS refuses what Forge refuses, a value over 240 KiB included.
vi.mock('@forge/kvs', () => import('../../sandbox/forge/kvs'));

let site: SiteStore;
beforeEach(() => {
  site = new SiteStore(scratchDir('templates-'), emptySite());
  setSandboxRuntime({ site: {} as JiraSite, store: site, enqueue: () => undefined, kvsLatencyMs: 0 });
});

const OPS = 'acc-ops';
const panelContext = (issueId: string) => ({ accountId: OPS, extension: { type: 'jira:issuePanel', issue: { id: issueId } } });
const template = (id: string, at: string) => ({
  id,
  name: `Kit ${id}`,
  fromKey: 'MKT-9',
  by: OPS,
  at,
  plan: { dependencies: ['none'], events: [] },
  assets: [],
  qaNotes: {},
});

/** Finished requests MKT-1…MKT-n whose plans are large (a long definition of done), in Measure + Improve. */
const finishedRequests = (count: number, definitionOfDone: string) => {
  const { jira } = world(null, 'Measure + Improve');
  for (let n = 1; n <= count; n++) {
    const id = String(10_000 + n);
    if (n > 1) jira.addIssue({ id, key: `MKT-${n}`, status: 'Measure + Improve' });
    jira.grant(OPS, id, 'browse');
    jira.grant(OPS, id, 'edit');
    const record = completeRecord('revenue');
    site.data.appStorage[storageKeys.record(id)] = { ...record, issueId: id, plan: { ...record.plan, definitionOfDone } };
  }
  return panelHandlers(testDeps(jira, kvsStore));
};

describe('request templates, one key each', () => {
  it('saves template after template however large they are together: no shared value to outgrow', async () => {
    // Three templates of about 100 KB: the one shared list of before failed on the third (over 240 KiB) after the
    // record's audit trail already said it was saved.
    const handlers = finishedRequests(3, 'Done when '.padEnd(100_000, 'x'));
    for (const n of [1, 2, 3]) {
      const saved = await handlers['template/save']({
        payload: { expectedRevision: 0, name: `Kit ${n}` },
        context: panelContext(String(10_000 + n)),
      });
      expect(saved.ok).toBe(true);
      expect(Object.keys(site.data.appStorage).filter((key) => key.startsWith(storageKeys.templatesPrefix))).toHaveLength(n);
    }
  });

  it('drops only an unreadable entry: the others are still listed, and saving another keeps them all', async () => {
    const handlers = finishedRequests(2, 'Done when the invite is sent');
    // MKT-2's plan is still empty: the templates are offered on it.
    site.data.appStorage[storageKeys.record('10002')] = emptyRecord('10002');
    site.data.appStorage[storageKeys.template('MKT-7-1')] = template('MKT-7-1', '2026-05-01T00:00:00.000Z');
    site.data.appStorage[storageKeys.template('MKT-8-1')] = { id: 'MKT-8-1', name: 42 };
    site.data.appStorage[storageKeys.legacyTemplates] = [template('MKT-5-1', '2026-04-01T00:00:00.000Z'), 'not a template'];
    const offered = async () => {
      const read = await handlers['record/get']({ payload: {}, context: panelContext('10002') });
      return read.ok ? read.data.templates.map((listed) => listed.name) : [];
    };

    // The old `.catch([])` read the whole list as none when one entry was bad.
    expect(await offered()).toEqual(['Kit MKT-5-1', 'Kit MKT-7-1']);
    const saved = await handlers['template/save']({ payload: { expectedRevision: 0, name: 'Webinar' }, context: panelContext('10001') });
    expect(saved.ok).toBe(true);
    expect(await offered()).toEqual(['Kit MKT-5-1', 'Kit MKT-7-1', 'Webinar']);
    expect(site.data.appStorage[storageKeys.legacyTemplates]).toHaveLength(2);
    expect(site.data.appStorage[storageKeys.template('MKT-8-1')]).toEqual({ id: 'MKT-8-1', name: 42 });
  });

  it('stores no template when the record cannot be saved', async () => {
    const handlers = finishedRequests(1, 'Done when the invite is sent');
    const stale = await handlers['template/save']({ payload: { expectedRevision: 3, name: 'Webinar' }, context: panelContext('10001') });
    expect(stale).toMatchObject({ ok: false, error: { code: 'RECORD.STALE' } });
    expect(Object.keys(site.data.appStorage).filter((key) => key.startsWith(storageKeys.templatesPrefix))).toEqual([]);
  });

  it('lets an admin remove a template from its own key or from the older list, keeping every other entry', async () => {
    const { jira } = world(null);
    jira.admins.add('acc-admin');
    const handlers = adminHandlers(testDeps(jira, kvsStore));
    const context = { accountId: 'acc-admin', extension: { type: 'jira:adminPage' } };
    site.data.appStorage[storageKeys.template('MKT-7-1')] = template('MKT-7-1', '2026-05-01T00:00:00.000Z');
    site.data.appStorage[storageKeys.legacyTemplates] = [template('MKT-5-1', '2026-04-01T00:00:00.000Z'), 'not a template'];

    expect(await handlers['templates/remove']({ payload: { templateId: 'MKT-7-1' }, context })).toMatchObject({
      ok: true,
      data: [{ id: 'MKT-5-1' }],
    });
    expect(site.data.appStorage[storageKeys.template('MKT-7-1')]).toBeUndefined();
    expect(await handlers['templates/remove']({ payload: { templateId: 'MKT-5-1' }, context })).toEqual({ ok: true, data: [] });
    expect(site.data.appStorage[storageKeys.legacyTemplates]).toEqual(['not a template']);
  });
});

describe('removing templates', () => {
  const adminContext = { accountId: 'acc-admin', extension: { type: 'jira:adminPage' } };
  const admin = () => {
    const { jira } = world(null);
    jira.admins.add('acc-admin');
    return adminHandlers(testDeps(jira, kvsStore));
  };

  it('removes a template whose key and id disagree, by the id the list shows', async () => {
    site.data.appStorage[storageKeys.template('MKT-7-1')] = template('MKT-7-2', '2026-05-01T00:00:00.000Z');
    expect(await admin()['templates/remove']({ payload: { templateId: 'MKT-7-2' }, context: adminContext })).toEqual({
      ok: true,
      data: [],
    });
    expect(site.data.appStorage[storageKeys.template('MKT-7-1')]).toBeUndefined();
  });

  it('keeps both removals when two admins remove two templates of the older list at once', async () => {
    setSandboxRuntime({ site: {} as JiraSite, store: site, enqueue: () => undefined, kvsLatencyMs: 5 });
    site.data.appStorage[storageKeys.legacyTemplates] = [
      template('MKT-5-1', '2026-04-01T00:00:00.000Z'),
      template('MKT-6-1', '2026-04-02T00:00:00.000Z'),
      template('MKT-7-1', '2026-04-03T00:00:00.000Z'),
    ];
    const handlers = admin();
    const remove = (templateId: string) => handlers['templates/remove']({ payload: { templateId }, context: adminContext });

    const answers = await Promise.all([remove('MKT-5-1'), remove('MKT-6-1')]);

    expect(answers.map((answer) => answer.ok)).toEqual([true, true]);
    expect(site.data.appStorage[storageKeys.legacyTemplates]).toEqual([template('MKT-7-1', '2026-04-03T00:00:00.000Z')]);
  });
});
