import { describe, expect, it, vi } from 'vitest';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { issueDeletedHandler } from '../../src/handlers/triggers/issue-deleted.trigger';
import { scheduledRefreshHandler } from '../../src/handlers/scheduled/metrics-refresh.scheduled';
import { moveEmbeddedTrails } from '../../src/use-cases/move-embedded-trails';
import { StorageError, storageKeys, type Commit } from '../../src/use-cases/ports';
import { ASSIGNEE, completeRecord } from '../fakes/fixtures';
import { testDeps, world } from '../fakes/site-deps';
import type { RefreshJob } from '../../src/contracts/metrics-store.schema';
import type { MemoryStore } from '../fakes/memory-store';

const entry = (id: number, n: number) => ({
  by: 'acc-ops',
  at: '2026-06-01T10:00:00.000Z',
  action: 'tier.set',
  detail: `${id} change ${n}`,
});

/** The trail of a record as its pages hold it, oldest first. */
const pagedTrail = (store: MemoryStore, id: string): unknown[] =>
  [...store.data]
    .filter(([key]) => key.startsWith(storageKeys.auditPagesOf(id)))
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([, page]) => (page as { entries: unknown[] }).entries);

/**
 * A site of 2,500 requests (ids 10000–12499, stored in no particular order): every third still carries its trail
 * inside its record, as records did before the trail moved out (1 to 40 entries; some empty, some with an entry that
 * does not read), one such record does not read at all, and the rest are of today's shape with their trail in pages.
 */
const oldSite = () => {
  const w = world(null);
  const ids = Array.from({ length: 2_500 }, (_, n) => 10_000 + ((n * 7_919) % 2_500));
  const trails = new Map<string, unknown[]>();
  const revisions = new Map<string, number>();
  for (const id of ids) {
    const key = storageKeys.record(String(id));
    if (id % 3 !== 0) {
      w.store.data.set(key, { ...completeRecord('regulated'), issueId: String(id), revision: 2 });
      w.store.data.set(storageKeys.auditPage(String(id), 2), { entries: [entry(id, 0)] });
      continue;
    }
    const count = id % 41;
    const trail: unknown[] = Array.from({ length: count }, (_, n) => entry(id, n));
    if (id % 100 === 3) trail.splice(1, 0, { by: 42, detail: 'an entry an old version wrote badly' });
    trails.set(String(id), trail);
    revisions.set(String(id), Math.max(1, count));
    w.store.data.set(key, { ...completeRecord('regulated'), issueId: String(id), revision: Math.max(1, count), audit: trail });
  }
  w.store.data.set(storageKeys.record('13000'), { revision: 'torn', audit: [entry(13_000, 0)] });
  return { ...w, trails, revisions };
};

/** The hourly run, until the walk is done: the runs it took, and what each read and moved. */
const runUntilDone = async (store: MemoryStore) => {
  const runs = [];
  for (let hour = 0; hour < 200; hour++) {
    const run = await moveEmbeddedTrails(store);
    runs.push(run);
    if (!run.remaining) return runs;
  }
  throw new Error('the move never ended');
};

describe('the hourly move of audit trails out of older records', () => {
  it('moves every record nobody opens, in bounded runs, nothing lost, and then reads one value an hour', async () => {
    // Before, a record nobody opened or wrote kept its whole trail inside it for good.
    const { store, trails, revisions } = oldSite();
    const untouched = [...store.data].filter(([key, value]) => key.startsWith('record:') && !Object.hasOwn(value as object, 'audit'));
    const torn = store.data.get(storageKeys.record('13000'));

    const runs = await runUntilDone(store);

    // 2,500 records, 833 to move: twelve hourly runs here.
    expect(runs.length).toBeLessThanOrEqual(15);
    // Bounded: no run moved more than 100 records or read more than 1,000 (plus the exact keys of split prefixes).
    for (const run of runs) {
      expect(run.moved).toBeLessThanOrEqual(100);
      expect(run.read).toBeLessThanOrEqual(1_000);
    }
    expect(runs.reduce((sum, run) => sum + run.moved, 0)).toBe(trails.size);
    for (const [id, trail] of trails) {
      const record = store.data.get(storageKeys.record(id)) as { revision: number };
      expect(record).not.toHaveProperty('audit');
      const read = revisions.get(id) ?? 0;
      expect(record.revision).toBe(read + 1);
      const readable = trail.filter((item) => typeof (item as { by: unknown }).by === 'string');
      expect(pagedTrail(store, id)).toEqual(readable);
      // An entry that did not read is not lost: the record as it was is kept beside.
      const kept = store.data.get(storageKeys.unreadableKept(storageKeys.record(id), read));
      expect(kept === undefined ? undefined : (kept as { audit: unknown }).audit).toEqual(
        readable.length < trail.length ? trail : undefined,
      );
    }
    // Records of today's shape, and one that does not read (an admin's repair keeps it whole), are left as they were.
    for (const [key, value] of untouched) expect(store.data.get(key)).toEqual(value);
    expect(store.data.get(storageKeys.record('13000'))).toEqual(torn);

    // Done: an hour later the run reads its progress and writes nothing.
    const [reads, writes] = [store.reads, store.writes];
    expect(await moveEmbeddedTrails(store)).toEqual({ read: 0, moved: 0, remaining: false });
    expect([store.reads - reads, store.writes - writes]).toEqual([1, 0]);
  });

  it('yields to a panel write made between its read and its commit, and the trail is still whole', async () => {
    const { store, deps, jira } = world();
    store.data.set(storageKeys.record('10001'), {
      ...completeRecord('regulated'),
      revision: 3,
      audit: [entry(1, 0), entry(1, 1), entry(1, 2)],
    });
    jira.grant(ASSIGNEE, '10001', 'browse');
    jira.grant(ASSIGNEE, '10001', 'edit');
    const commit = store.commit.bind(store);
    let raced = false;
    store.commit = async (change: Commit) => {
      if (!raced && change.guarded[0]?.key === storageKeys.record('10001') && change.guarded[0].readRevision === 3) {
        raced = true;
        // The assignee ticks a check from the revision the move read, and commits first.
        const answer = await panelHandlers(deps)['checklist/answer']({
          payload: { expectedRevision: 3, code: 'qa.forms-tested', done: true },
          context: { accountId: ASSIGNEE, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } },
        });
        expect(answer).toMatchObject({ ok: true });
      }
      return commit(change);
    };

    expect(await moveEmbeddedTrails(store)).toMatchObject({ moved: 0, remaining: false });

    const record = store.data.get(storageKeys.record('10001')) as { revision: number };
    expect(record.revision).toBe(4);
    expect(record).not.toHaveProperty('audit');
    expect(pagedTrail(store, '10001')).toEqual([entry(1, 0), entry(1, 1), entry(1, 2), expect.objectContaining({ by: ASSIGNEE })]);
  });

  for (const mover of ['the hourly move', 'the panel opening it', 'a panel save'] as const)
    it(`keeps an entry of the old trail that does not read when ${mover} moves the trail out`, async () => {
      // Before, the panel's open and its saves moved the trail without it: the entry was dropped, no copy kept.
      const { store, deps, jira } = world();
      const unreadable = { by: 42, detail: 'an entry an old version wrote badly' };
      store.data.set(storageKeys.record('10001'), {
        ...completeRecord('regulated'),
        revision: 3,
        audit: [entry(1, 0), unreadable, entry(1, 1)],
      });
      jira.grant(ASSIGNEE, '10001', 'browse');
      jira.grant(ASSIGNEE, '10001', 'edit');
      const context = { accountId: ASSIGNEE, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } };
      if (mover === 'the hourly move') await moveEmbeddedTrails(store);
      else if (mover === 'the panel opening it')
        expect(await panelHandlers(deps)['record/get']({ payload: {}, context })).toMatchObject({ ok: true });
      else
        expect(
          await panelHandlers(deps)['checklist/answer']({ payload: { expectedRevision: 3, code: 'qa.forms-tested', done: true }, context }),
        ).toMatchObject({ ok: true });

      expect(store.data.get(storageKeys.record('10001'))).not.toHaveProperty('audit');
      expect(pagedTrail(store, '10001').slice(0, 2)).toEqual([entry(1, 0), entry(1, 1)]);
      const kept = store.data.get(storageKeys.unreadableKept(storageKeys.record('10001'), 3)) as { audit: unknown[] };
      expect(kept.audit).toContainEqual(unreadable);
    });

  it('does not bring back a request Jira deleted between the run reading its record and moving its trail', async () => {
    // Before, the deletion removed the record's revision guard, so the move's guarded write found nothing in its way and
    // stored the record and its trail page again, for good.
    const { store, deps } = world(null);
    for (const id of ['30001', '30002', '30003'])
      store.data.set(storageKeys.record(id), {
        ...completeRecord('regulated'),
        issueId: id,
        revision: 3,
        audit: [entry(1, 1), entry(1, 2)],
      });
    const listPage = store.listPage.bind(store);
    // Jira deletes MKT-3 once the run read the page its record is on (each move then commits in turn).
    store.listPage = async (...args) => {
      const page = await listPage(...args);
      expect(
        await issueDeletedHandler(deps)({ eventType: 'avi:jira:deleted:issue', issue: { id: '30003', key: 'MKT-3' } }),
      ).toBeUndefined();
      return page;
    };
    expect(await moveEmbeddedTrails(store)).toMatchObject({ moved: 2 });
    expect([...store.data.keys()].filter((key) => key.includes('30003'))).toEqual([storageKeys.deletedIssue('30003')]);
    expect(pagedTrail(store, '30001')).toEqual([entry(1, 1), entry(1, 2)]);
  });

  it('leaves a record whose move the store refuses with its trail, and moves the others', async () => {
    const { store } = world(null);
    for (const id of ['20001', '20002', '20003'])
      store.data.set(storageKeys.record(id), { ...completeRecord('regulated'), issueId: id, revision: 1, audit: [entry(Number(id), 0)] });
    const commit = store.commit.bind(store);
    store.commit = async (change: Commit) => {
      if (change.guarded[0]?.key === storageKeys.record('20002')) throw new StorageError('value too large', true);
      return commit(change);
    };
    expect(await moveEmbeddedTrails(store)).toEqual({ read: 3, moved: 2, remaining: false });
    expect(store.data.get(storageKeys.record('20002'))).toHaveProperty('audit');
    expect(store.data.get(storageKeys.record('20003'))).not.toHaveProperty('audit');
  });

  it('gets past a hundred refused records that come first, and moves the ones after them', async () => {
    const { store } = world(null);
    // 10000–10099 refused on every run (the budget's worth of commits), 10100–10149 movable, all under one prefix.
    const ids = Array.from({ length: 150 }, (_, n) => String(10_000 + n));
    for (const id of ids)
      store.data.set(storageKeys.record(id), { ...completeRecord('regulated'), issueId: id, revision: 1, audit: [entry(Number(id), 0)] });
    const commit = store.commit.bind(store);
    store.commit = async (change: Commit) => {
      if (Number(change.guarded[0]?.key.slice(storageKeys.recordsPrefix.length)) < 10_100) throw new StorageError('value too large', true);
      return commit(change);
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const runs = await runUntilDone(store);
    errors.mockRestore();
    expect(runs.reduce((moved, run) => moved + run.moved, 0)).toBe(50);
    expect(ids.filter((id) => Object.hasOwn(store.data.get(storageKeys.record(id)) as object, 'audit'))).toEqual(ids.slice(0, 100));
    expect(runs.length).toBeLessThan(20);
  });

  it('runs in the hourly metrics schedule, after the refresh is queued, and a failure of it stops nothing else', async () => {
    const { store, jira } = oldSite();
    const queued: RefreshJob[] = [];
    const hourly = scheduledRefreshHandler(() => ({
      ...testDeps(jira, store)(),
      enqueue: async (job: RefreshJob) => void queued.push(job),
    }));
    await hourly();
    expect(queued).toHaveLength(1);
    expect([...store.data.values()].filter((value) => Object.hasOwn(value as object, 'audit')).length).toBeLessThan(835);

    store.listPage = () => Promise.reject(new StorageError('storage is down', false));
    await hourly();
    expect(store.data.get(storageKeys.metricsState)).toMatchObject({ lastStartedAt: expect.any(String) });
  });
});
