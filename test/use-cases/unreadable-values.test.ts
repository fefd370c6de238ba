import { beforeEach, describe, expect, it, vi } from 'vitest';
import { kvsStore } from '../../src/adapters/kvs-store';
import { parseStageLog } from '../../src/contracts/stage-log.schema';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { issueChangedHandler } from '../../src/handlers/triggers/issue-changed.trigger';
import { RETIRED_REVISION, storageKeys } from '../../src/use-cases/ports';
import { setSandboxRuntime } from '../../sandbox/forge/runtime';
import type { JiraSite } from '../../sandbox/jira/rest';
import { emptySite, SiteStore } from '../../sandbox/jira/site-state';
import { testDeps, world } from '../fakes/site-deps';
import { scratchDir } from '../fakes/scratch-dir';

/**
 * an unreadable value was replaced from the revision it stated when that was above its
 * guard's. A value stating 2^31 − 1 (or more) made the repair commit past the most a guard holds: the sandbox's KVS, as
 * Forge's custom entities, keeps a guard's revision as a 32-bit integer and refused it, and the admin was told "try again
 * in a moment" for ever. Run on the sandbox's KVS, which holds the guard to that type.
 */
vi.mock('@forge/kvs', () => import('../../sandbox/forge/kvs'));

let site: SiteStore;
beforeEach(() => {
  site = new SiteStore(scratchDir('unreadable-'), emptySite());
  setSandboxRuntime({ site: {} as JiraSite, store: site, enqueue: () => undefined });
});

const ADMIN = 'acc-admin';
const adminContext = { accountId: ADMIN, extension: { type: 'jira:adminPage' } };
/** Revisions a corrupt value may state that no replacement can commit from: the last below the bound, the bound, past it. */
const UNUSABLE_REVISIONS = [RETIRED_REVISION - 1, RETIRED_REVISION, 3_000_000_000];

const adminWorld = () => {
  const { jira } = world(null, 'Planning');
  jira.admins.add(ADMIN);
  jira.grant(ADMIN, '10001', 'browse');
  return { jira, admin: adminHandlers(testDeps(jira, kvsStore)) };
};

describe('an unreadable value stating a revision a guard cannot hold', () => {
  it.each(UNUSABLE_REVISIONS)('is a configuration the admin still replaces (stated revision %i)', async (revision) => {
    const { admin } = adminWorld();
    const corrupt = { schemaVersion: 2, revision, config: 'broken' };
    site.data.appStorage[storageKeys.config] = corrupt;
    const loaded = await admin['config/get']({ context: adminContext });
    expect(loaded).toMatchObject({ ok: true, data: { unreadable: true, stored: { revision: 0 } } });
    const saved = await admin['config/save']({ payload: { config: DEFAULT_CONFIG, expectedRevision: 0 }, context: adminContext });
    expect(saved).toMatchObject({ ok: true, data: { stored: { revision: 1 } } });
    expect(site.data.appStorage[storageKeys.unreadableKept(storageKeys.config, 0)]).toEqual(corrupt);
  });

  it.each(UNUSABLE_REVISIONS)('is a record the admin still resets (stated revision %i)', async (revision) => {
    const { admin } = adminWorld();
    site.data.appStorage[storageKeys.record('10001')] = { revision, assets: 'x' };
    expect(await admin['record/reset']({ payload: { issueKey: 'MKT-1' }, context: adminContext })).toEqual({
      ok: true,
      data: { issueKey: 'MKT-1', revision: 1 },
    });
  });

  it('is a stage log the trigger starts again, keeping the unreadable one', async () => {
    const { jira } = world(null, 'Planning');
    const corrupt = { schemaVersion: 2, revision: RETIRED_REVISION, changes: 'torn' };
    site.data.appStorage[storageKeys.stageLog('10001')] = corrupt;
    const answer = await issueChangedHandler(testDeps(jira, kvsStore))({
      eventType: 'avi:jira:updated:issue',
      timestamp: 1_780_000_000_000,
      issue: { id: '10001', key: 'MKT-1' },
      changelog: { items: [{ field: 'status', fieldId: 'status', fromString: 'Triage', toString: 'Planning' }] },
    });
    expect(answer).toBeUndefined();
    expect(parseStageLog(site.data.appStorage[storageKeys.stageLog('10001')])).toMatchObject({
      revision: 1,
      log: { changes: [{ toStage: 'planning' }] },
    });
    expect(site.data.appStorage[storageKeys.unreadableKept(storageKeys.stageLog('10001'), 0)]).toEqual(corrupt);
  });

  it('is still replaced from the revision it states when that is below the bound', async () => {
    const { admin } = adminWorld();
    site.data.appStorage[storageKeys.config] = { schemaVersion: 2, revision: 1_000_000, config: 'broken' };
    const saved = await admin['config/save']({
      payload: { config: DEFAULT_CONFIG, expectedRevision: 1_000_000 },
      context: adminContext,
    });
    expect(saved).toMatchObject({ ok: true, data: { stored: { revision: 1_000_001 } } });
  });
});
