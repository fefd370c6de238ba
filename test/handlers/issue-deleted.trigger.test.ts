import { describe, expect, it } from 'vitest';
import { issueDeletedHandler } from '../../src/handlers/triggers/issue-deleted.trigger';
import { issueChangedHandler } from '../../src/handlers/triggers/issue-changed.trigger';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { guardedKeysOf, RETIRED_REVISION, storageKeys } from '../../src/use-cases/ports';
import { bucketOf } from '../../src/domain/metrics/history-buckets';
import { REFRESH_RUN_TIMEOUT_MS } from '../../src/use-cases/refresh-metrics';
import { ASSIGNEE, completeRecord, NOW } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';

/** A refresh that started after the last completed, a minute before the deletion. */
const RUNNING = {
  schemaVersion: 1,
  watermark: null,
  lastCompletedAt: null,
  lastStartedAt: new Date(NOW.getTime() - 60_000).toISOString(),
};

describe('issue-deleted trigger', () => {
  it("forgets a deleted request's record, stage log, reminders, their revisions, audit trail and kept values, and nothing of another request", async () => {
    // Before, every per-issue key outlived its issue for good: the store only grew.
    const { store, deps, jira } = world(completeRecord('regulated'), 'QA + Governance');
    jira.grant(ASSIGNEE, '10001', 'edit');
    jira.grant(ASSIGNEE, '10001', 'browse');
    const panel = panelHandlers(deps);
    for (const done of [true, false, true])
      expect(
        await panel['checklist/answer']({
          payload: {
            expectedRevision: (store.data.get(storageKeys.record('10001')) as { revision: number }).revision,
            code: 'qa.forms-tested',
            done,
          },
          context: { accountId: ASSIGNEE, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } },
        }),
      ).toMatchObject({ ok: true });
    await issueChangedHandler(deps)({
      eventType: 'avi:jira:updated:issue',
      timestamp: 1_780_000_000_000,
      issue: { id: '10001', key: 'MKT-1' },
      changelog: { items: [{ field: 'status', fieldId: 'status', fromString: 'Build', toString: 'QA + Governance' }] },
    });
    store.data.set(storageKeys.reminders('10001'), { revision: 1, keys: ['sla:qa@2026-06-04T09:00:00.000Z'] });
    store.revisions.set(storageKeys.reminders('10001'), 1);
    store.revisions.set(storageKeys.record('10002'), 4);
    store.data.set(storageKeys.unreadableKept(storageKeys.record('10001'), 0), { torn: true });
    store.data.set(storageKeys.record('10002'), completeRecord('revenue'));
    store.data.set(storageKeys.auditPage('10002', 1), { entries: [] });
    const perIssue = (id: string) => [...store.data.keys()].filter((key) => key.includes(`:${id}:`) || key.endsWith(`:${id}`));
    expect(perIssue('10001').length).toBeGreaterThanOrEqual(7);
    expect([...store.revisions.keys()].filter((key) => key.endsWith(':10001'))).toEqual(
      expect.arrayContaining([storageKeys.record('10001'), storageKeys.stageLog('10001'), storageKeys.reminders('10001')]),
    );

    expect(await issueDeletedHandler(deps)({ eventType: 'avi:jira:deleted:issue', issue: { id: '10001', key: 'MKT-1' } })).toBeUndefined();

    // What stays is the quarter's account, and the mark that takes its history out of the metrics (pruned by the refresh).
    expect(perIssue('10001').filter((key) => !key.startsWith('approvalevent:') && !key.startsWith('governance:'))).toEqual([
      storageKeys.deletedIssue('10001'),
    ]);
    expect(perIssue('10002')).toEqual([storageKeys.record('10002'), storageKeys.auditPage('10002', 1)]);
    // Its guards are retired (the refresh releases them with the mark): a write read before the deletion commits nothing.
    for (const key of guardedKeysOf('10001')) expect(store.revisions.get(key)).toBe(RETIRED_REVISION);
    for (const readRevision of [0, 5, RETIRED_REVISION])
      expect(
        await store.commit({
          guarded: [{ key: storageKeys.record('10001'), value: completeRecord('regulated'), readRevision, revision: readRevision + 1 }],
          plain: new Map([[storageKeys.auditPage('10001', readRevision + 1), { entries: [] }]]),
        }),
      ).toBe('conflict');
    expect(perIssue('10001').filter((key) => !key.startsWith('approvalevent:') && !key.startsWith('governance:'))).toEqual([
      storageKeys.deletedIssue('10001'),
    ]);
    expect(store.revisions.get(storageKeys.record('10002'))).toBe(4);
    expect(store.data.has(storageKeys.config)).toBe(true);
  });

  it('forgets every request of a bulk delete of 40, each event delivered at most 5 times as Forge does', async () => {
    // Before, each deletion had to win a guarded write on one shared deletion count: it gave up after 5 tries and threw
    // before deleting anything, and the platform's retries met the same race, so 15 of 40 records stayed for good.
    const { store, deps } = world(null);
    const ids = Array.from({ length: 40 }, (_, n) => String(20_000 + n));
    for (const id of ids) {
      store.data.set(storageKeys.record(id), { ...completeRecord('regulated'), issueId: id, revision: 1 });
      store.revisions.set(storageKeys.record(id), 1);
      store.data.set(storageKeys.auditPage(id, 1), { entries: [] });
    }
    const handler = issueDeletedHandler(deps);
    let pending = ids;
    // An event is delivered once and retried at most 4 times (developer.atlassian.com/platform/forge/events-reference/
    // product_events/, "Retry product events").
    for (let delivery = 0; delivery < 5 && pending.length > 0; delivery++) {
      const answers = await Promise.all(
        pending.map(async (id) => [id, await handler({ eventType: 'avi:jira:deleted:issue', issue: { id, key: `MKT-${id}` } })] as const),
      );
      pending = answers.filter(([, answer]) => answer !== undefined).map(([id]) => id);
    }
    expect(ids.filter((id) => store.data.has(storageKeys.record(id)) || store.data.has(storageKeys.auditPage(id, 1)))).toEqual([]);
    expect(ids.filter((id) => !store.data.has(storageKeys.deletedIssue(id)))).toEqual([]);
  });

  describe('an issue the app may or may not hold', () => {
    const TASK = '30001';
    const deleteTask = (deps: ReturnType<typeof world>['deps']) =>
      issueDeletedHandler(deps)({ eventType: 'avi:jira:deleted:issue', issue: { id: TASK, key: 'OPS-7' } });
    /** The store with every key each getMany asks for recorded, and a snapshot of values and guards to compare with. */
    const watched = (store: ReturnType<typeof world>['store']) => {
      const keysRead: string[][] = [];
      const getMany = store.getMany.bind(store);
      store.getMany = (keys) => {
        keysRead.push([...keys]);
        return getMany(keys);
      };
      const snapshot = () => JSON.stringify([[...store.data], [...store.revisions]]);
      return { keysRead, before: snapshot(), snapshot };
    };
    const bucketsRead = (keysRead: readonly string[][]) => keysRead.flat().filter((key) => key.startsWith('metrics:bucket:'));

    it('writes nothing for a Task the app never held, and reads one bucket to be sure', async () => {
      // Before, any deletion on the site left a mark and a new last deletion: every cached gadget view was computed again.
      const { store, deps } = world(completeRecord('regulated'));
      store.data.set(storageKeys.lastDeletion, { issueId: '10009', at: '2026-06-01T00:00:00.000Z' });
      store.data.set(storageKeys.metricsBucket(bucketOf(TASK)), { statuses: [], issues: {} });
      const { keysRead, before, snapshot } = watched(store);
      const writes = store.writes;
      expect(await deleteTask(deps)).toBeUndefined();
      expect(snapshot()).toBe(before);
      expect(store.writes).toBe(writes);
      expect(bucketsRead(keysRead)).toEqual([storageKeys.metricsBucket(bucketOf(TASK))]);
      expect(keysRead).toHaveLength(2);
    });

    it.each([
      ['its record', storageKeys.record(TASK), { ...completeRecord('regulated'), issueId: TASK }],
      ['its stage log alone', storageKeys.stageLog(TASK), { revision: 1, entries: [] }],
      ['its notice ledger alone', storageKeys.reminders(TASK), { revision: 1, keys: [] }],
    ])('forgets an issue known by %s without reading its bucket', async (_, key, value) => {
      const { store, deps } = world(null);
      store.data.set(key, value);
      const { keysRead } = watched(store);
      expect(await deleteTask(deps)).toBeUndefined();
      expect(store.data.has(key)).toBe(false);
      expect(store.data.has(storageKeys.deletedIssue(TASK))).toBe(true);
      expect(store.data.get(storageKeys.lastDeletion)).toMatchObject({ issueId: TASK });
      expect(bucketsRead(keysRead)).toEqual([]);
    });

    it('marks an issue only its history bucket holds: the metrics count it', async () => {
      const { store, deps } = world(null);
      const bucket = bucketOf(TASK);
      store.data.set(storageKeys.metricsBucket(bucket), {
        statuses: ['To Do'],
        issues: { [TASK]: { key: 'OPS-7', createdAt: 0, dueDate: null, currentStatus: 0, changes: [] } },
      });
      expect(await deleteTask(deps)).toBeUndefined();
      expect(store.data.has(storageKeys.deletedIssue(TASK))).toBe(true);
      for (const key of guardedKeysOf(TASK)) expect(store.revisions.get(key)).toBe(RETIRED_REVISION);
    });

    it.each([
      ['a refresh is under way (its search may have fetched it before the deletion)', storageKeys.metricsState, RUNNING],
      ['the refresh state does not read', storageKeys.metricsState, 'torn'],
      ['its bucket does not read', storageKeys.metricsBucket(bucketOf(TASK)), { issues: 'torn' }],
    ])('marks an issue it cannot rule out: %s', async (_, key, value) => {
      const { store, deps } = world(null);
      store.data.set(key, value);
      expect(await deleteTask(deps)).toBeUndefined();
      expect(store.data.has(storageKeys.deletedIssue(TASK))).toBe(true);
    });

    it('writes nothing once a refresh under way has been taken as stopped', async () => {
      const { store, deps } = world(null);
      const stopped = new Date(NOW.getTime() - REFRESH_RUN_TIMEOUT_MS).toISOString();
      store.data.set(storageKeys.metricsState, { ...RUNNING, lastStartedAt: stopped });
      expect(await deleteTask(deps)).toBeUndefined();
      expect(store.data.has(storageKeys.deletedIssue(TASK))).toBe(false);
    });

    it('finishes on a retry what a delivery that failed half-way began, though the guarded values are gone', async () => {
      const { store, deps } = world(null);
      store.data.set(storageKeys.record(TASK), { ...completeRecord('regulated'), issueId: TASK });
      store.data.set(storageKeys.auditPage(TASK, 1), { entries: [] });
      const deleteMany = store.deleteMany.bind(store);
      // The first delivery's delete takes the record and fails before the trail page, as a batch delete may.
      store.deleteMany = async (keys) => {
        store.deleteMany = deleteMany;
        await deleteMany(keys.filter((key) => key === storageKeys.record(TASK)));
        throw new Error('storage is down');
      };
      expect(await deleteTask(deps)).toMatchObject({ retryOptions: { retryReason: 'FUNCTION_RETRY_REQUEST' } });
      expect(store.data.has(storageKeys.auditPage(TASK, 1))).toBe(true);
      expect(await deleteTask(deps)).toBeUndefined();
      expect(store.data.has(storageKeys.auditPage(TASK, 1))).toBe(false);
    });
  });

  it('asks the platform to retry when storage fails', async () => {
    const { store, deps } = world(completeRecord('regulated'));
    store.deleteMany = () => Promise.reject(new Error('storage is down'));
    expect(await issueDeletedHandler(deps)({ eventType: 'avi:jira:deleted:issue', issue: { id: '10001', key: 'MKT-1' } })).toMatchObject({
      retryOptions: { retryReason: 'FUNCTION_RETRY_REQUEST' },
    });
  });
});
