import { describe, expect, it } from 'vitest';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, completeRecord } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';

/**
 * Issue 12: an unreadable configuration or record blocks every gate it governs (rightly), and until now nothing in the
 * app could repair it: `config/save` with a valid configuration failed too, and a corrupt record stayed corrupt. A Jira
 * admin now replaces either, and the unreadable value is kept beside the commit that replaced it.
 */
const ADMIN = 'acc-admin';
const adminContext = (accountId = ADMIN) => ({ accountId, extension: { type: 'jira:adminPage' } });
const panelContext = (accountId: string) => ({ accountId, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } });

const setup = () => {
  const w = world(completeRecord('regulated'));
  w.jira.admins.add(ADMIN);
  for (const who of [ADMIN, ASSIGNEE]) {
    w.jira.grant(who, '10001', 'browse');
    w.jira.grant(who, '10001', 'edit');
  }
  const admin = adminHandlers(w.deps);
  const gate = () => gateValidator('qa', w.deps)({ issue: { key: 'MKT-1' }, transition: { modifiedFields: {} } });
  return { ...w, admin, gate };
};

describe('an unreadable configuration, replaced by a Jira admin', () => {
  const corrupt = { schemaVersion: 2, revision: 7, config: { statusMap: 'not a map' } };

  it('is offered as the defaults at its revision, marked unreadable, and saving replaces it with the old value kept', async () => {
    const { admin, store, gate } = setup();
    store.data.set(storageKeys.config, corrupt);
    expect((await gate()).result).toBe(false);

    const loaded = await admin['config/get']({ context: adminContext() });
    expect(loaded).toMatchObject({ ok: true, data: { unreadable: true, stored: { revision: 7, config: DEFAULT_CONFIG } } });

    const saved = await admin['config/save']({ payload: { config: DEFAULT_CONFIG, expectedRevision: 7 }, context: adminContext() });
    expect(saved).toMatchObject({ ok: true, data: { stored: { revision: 8 } } });
    expect(saved.ok && 'unreadable' in (saved.data as object)).toBe(false);
    expect(store.data.get(storageKeys.config)).toMatchObject({ revision: 8, config: DEFAULT_CONFIG });
    expect(store.data.get(storageKeys.unreadableKept(storageKeys.config, 7))).toEqual(corrupt);
    expect(store.data.get(storageKeys.configAudit)).toEqual([
      {
        at: expect.any(String),
        by: ADMIN,
        revision: 8,
        changed: ['the whole configuration, replacing one that could not be read (it is kept)'],
      },
    ]);
    // The gates read a configuration again.
    expect((await gate()).errorMessage ?? '').not.toContain('configuration');
  });

  it('is replaced only from the revision the admin was shown, and only by a Jira admin', async () => {
    const { admin, store } = setup();
    store.data.set(storageKeys.config, corrupt);
    expect(await admin['config/save']({ payload: { config: DEFAULT_CONFIG, expectedRevision: 6 }, context: adminContext() })).toMatchObject(
      {
        ok: false,
        error: { code: 'CONFIG.STALE' },
      },
    );
    expect(
      await admin['config/save']({ payload: { config: DEFAULT_CONFIG, expectedRevision: 7 }, context: adminContext('acc-someone') }),
    ).toMatchObject({ ok: false, error: { code: 'PERMISSION.NOT_ADMIN' } });
    expect(store.data.get(storageKeys.config)).toEqual(corrupt);
  });

  it('keeps the readable entries of a configuration audit with one bad entry, instead of dropping them all on the next save', async () => {
    const { admin, store } = setup();
    const earlier = { at: '2026-06-01T09:00:00.000Z', by: ADMIN, revision: 1, changed: ['intake'] };
    store.data.set(storageKeys.configAudit, [earlier, { revision: 'two' }]);
    const tighter = {
      ...DEFAULT_CONFIG,
      intake: { ...DEFAULT_CONFIG.intake, minDescriptionLength: DEFAULT_CONFIG.intake.minDescriptionLength + 1 },
    };
    const stored = store.data.get(storageKeys.config) as { revision: number };
    expect(
      await admin['config/save']({ payload: { config: tighter, expectedRevision: stored.revision }, context: adminContext() }),
    ).toMatchObject({ ok: true });
    expect(store.data.get(storageKeys.configAudit)).toEqual([earlier, expect.objectContaining({ revision: stored.revision + 1 })]);
  });
});

describe('a configuration saved by a newer version of the app', () => {
  // it was taken for an unreadable one, offered as the defaults and replaced by them on
  // the admin's next save, losing what the newer version had configured (records were already refused as newer).
  const newer = { schemaVersion: CURRENT_CONFIG_VERSION + 1, revision: 9, config: { ...DEFAULT_CONFIG, aGateItemFromLater: true } };
  const NEWER_WORDS = 'saved by a newer version of Flight Plan than the one running now, so it is left as it is until the app is updated';

  it('is refused to the admin, never offered as the defaults, and a save leaves it and the audit as they were', async () => {
    const { admin, store } = setup();
    store.data.set(storageKeys.config, newer);
    expect(await admin['config/get']({ context: adminContext() })).toEqual({
      ok: false,
      error: { code: 'CONFIG.FUTURE_VERSION', message: expect.stringContaining(NEWER_WORDS) },
    });
    for (const expectedRevision of [0, 9])
      expect(await admin['config/save']({ payload: { config: DEFAULT_CONFIG, expectedRevision }, context: adminContext() })).toMatchObject({
        ok: false,
        error: { code: 'CONFIG.FUTURE_VERSION' },
      });
    expect(store.data.get(storageKeys.config)).toEqual(newer);
    expect(store.data.has(storageKeys.configAudit)).toBe(false);
    expect([...store.data.keys()].some((key) => key.startsWith('unreadable:'))).toBe(false);
  });

  it('holds every gate, saying why in plain words', async () => {
    const { store, gate } = setup();
    store.data.set(storageKeys.config, newer);
    expect(await gate()).toEqual({ result: false, errorMessage: expect.stringContaining(NEWER_WORDS) });
  });
});

describe('an unreadable Flight Plan record, reset by a Jira admin', () => {
  const corrupt = { ...completeRecord('regulated'), revision: 5, assets: 'broken' };

  it('starts the request again from an empty record, keeps the old value and says so in the trail', async () => {
    const { admin, store, deps } = setup();
    store.data.set(storageKeys.record('10001'), corrupt);
    const panel = panelHandlers(deps);
    // Before, the panel showed the parser's words: "the Flight Plan record of issue 10001 is corrupt (assets: Invalid input…)".
    const unreadable = await panel['record/get']({ context: panelContext(ASSIGNEE) });
    expect(unreadable).toMatchObject({
      ok: false,
      error: { code: 'RECORD.CORRUPT', message: expect.stringContaining('Repair a request') },
    });
    expect(JSON.stringify(unreadable)).not.toMatch(/10001|assets|Invalid input|corrupt/);

    expect(await admin['record/reset']({ payload: { issueKey: 'mkt-1' }, context: adminContext() })).toEqual({
      ok: true,
      data: { issueKey: 'MKT-1', revision: 6 },
    });
    expect(store.data.get(storageKeys.unreadableKept(storageKeys.record('10001'), 5))).toEqual(corrupt);
    expect(await panel['record/get']({ context: panelContext(ASSIGNEE) })).toMatchObject({
      ok: true,
      data: { record: { revision: 6, assets: [] } },
    });
    expect(await panel['record/audit']({ payload: { page: 0 }, context: panelContext(ASSIGNEE) })).toMatchObject({
      ok: true,
      data: { entries: [{ by: ADMIN, detail: expect.stringContaining('unreadable Flight Plan was replaced by an empty one') }] },
    });
    // The panel's next save commits from the reset's revision.
    expect(
      await panel['checklist/answer']({
        payload: { expectedRevision: 6, code: 'qa.forms-tested', done: true },
        context: panelContext(ASSIGNEE),
      }),
    ).toMatchObject({ ok: true, data: { record: { revision: 7 } } });
  });

  it('refuses to reset a record that reads, a stranger, a non-admin and a request the admin cannot see, changing nothing', async () => {
    const { admin, store, jira } = setup();
    const readable = store.data.get(storageKeys.record('10001'));
    expect(await admin['record/reset']({ payload: { issueKey: 'MKT-1' }, context: adminContext() })).toMatchObject({
      ok: false,
      error: { code: 'RECORD.READABLE', message: 'the Flight Plan of MKT-1 reads as it should, so it was not reset' },
    });
    store.data.set(storageKeys.record('10001'), corrupt);
    expect(await admin['record/reset']({ payload: { issueKey: 'MKT-1' }, context: adminContext(ASSIGNEE) })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.NOT_ADMIN' },
    });
    expect(await admin['record/reset']({ payload: { issueKey: 'MKT-404' }, context: adminContext() })).toMatchObject({
      ok: false,
      error: { code: 'RECORD.NO_SUCH_REQUEST' },
    });
    jira.admins.add('acc-admin-elsewhere');
    expect(await admin['record/reset']({ payload: { issueKey: 'MKT-1' }, context: adminContext('acc-admin-elsewhere') })).toMatchObject({
      ok: false,
      error: { code: 'RECORD.NO_SUCH_REQUEST' },
    });
    expect(await admin['record/reset']({ payload: { issueKey: ' ' }, context: adminContext() })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID' },
    });
    expect(store.data.get(storageKeys.record('10001'))).toEqual(corrupt);
    expect(readable).not.toEqual(corrupt);
    expect([...store.data.keys()].some((key) => key.startsWith('unreadable:'))).toBe(false);
  });

  it('leaves a record written by a newer version of the app alone', async () => {
    const { admin, store } = setup();
    const newer = { ...completeRecord('regulated'), schemaVersion: 99 };
    store.data.set(storageKeys.record('10001'), newer);
    expect(await admin['record/reset']({ payload: { issueKey: 'MKT-1' }, context: adminContext() })).toMatchObject({
      ok: false,
      error: { code: 'RECORD.FUTURE_VERSION' },
    });
    expect(store.data.get(storageKeys.record('10001'))).toEqual(newer);
  });
});
