import { describe, expect, it } from 'vitest';
import { scheduledRefreshHandler } from '../../src/handlers/scheduled/metrics-refresh.scheduled';
import type { RefreshJob } from '../../src/contracts/metrics-store.schema';
import { storageKeys } from '../../src/use-cases/ports';
import { removeUnreadKeys } from '../../src/use-cases/remove-unread-keys';
import { testDeps, world } from '../fakes/site-deps';

/** What an old site still holds under keys nothing reads: the deletion count (guarded) and the figures-changed stamp. */
const oldSite = () => {
  const w = world();
  w.store.data.set('metrics:deletions', { revision: 12 });
  w.store.revisions.set('metrics:deletions', 12);
  w.store.data.set('crmchanged', '2026-05-01T10:00:00.000Z crm:SPRING-WEBINAR');
  return w;
};

describe('keys earlier versions left that nothing reads', () => {
  it('are removed by the hourly upkeep, value and guard, and nothing else is', async () => {
    // Before, an old site kept both for good.
    const { store, jira } = oldSite();
    const others = [...store.data.keys()].filter((key) => !(storageKeys.unreadKeys as readonly string[]).includes(key));
    const queued: RefreshJob[] = [];
    await scheduledRefreshHandler(() => ({ ...testDeps(jira, store)(), enqueue: async (job: RefreshJob) => void queued.push(job) }))();
    expect(store.data.has('metrics:deletions') || store.data.has('crmchanged')).toBe(false);
    expect(store.revisions.has('metrics:deletions')).toBe(false);
    for (const key of others) expect(store.data.has(key)).toBe(true);
    expect(queued).toHaveLength(1);
  });

  it('costs one read of each kind an hour once they are gone, and writes nothing', async () => {
    const { store } = oldSite();
    expect(await removeUnreadKeys(store)).toBe(2);
    const { reads, writes } = store;
    expect(await removeUnreadKeys(store)).toBe(0);
    expect(store.reads - reads).toBe(2);
    expect(store.writes).toBe(writes);
  });

  it('removes a guard left without its value', async () => {
    const { store } = world();
    store.revisions.set('metrics:deletions', 3);
    expect(await removeUnreadKeys(store)).toBe(1);
    expect(store.revisions.has('metrics:deletions')).toBe(false);
  });
});
