import { describe, expect, it, vi } from 'vitest';
import type { RefreshJob } from '../../src/contracts/metrics-store.schema';
import { metricsRefreshHandler } from '../../src/handlers/consumers/metrics-refresh.consumer';
import { scheduledRefreshHandler } from '../../src/handlers/scheduled/metrics-refresh.scheduled';
import { storageKeys } from '../../src/use-cases/ports';
import { ForgeKvsAPIError } from '@forge/kvs/out/errors';
import { TestJira } from '../fakes/test-jira';
import { MemoryStore } from '../fakes/memory-store';
import { testDeps } from '../fakes/site-deps';

const setup = (issues: number) => {
  const jira = new TestJira();
  jira.searchPageCap = 2;
  for (let i = 1; i <= issues; i++) jira.addIssue({ id: String(30_000 + i) });
  const store = new MemoryStore();
  const queued: RefreshJob[] = [];
  const now = new Date('2026-06-30T00:00:00.000Z');
  const deps = () => ({ ...testDeps(jira, store, now)(), enqueue: async (job: RefreshJob) => void queued.push(job) });
  return { jira, store, queued, deps };
};

describe('metrics refresh handlers', () => {
  it('the schedule queues the first page; each consumed page queues the next until the last', async () => {
    const { store, queued, deps } = setup(5);
    await scheduledRefreshHandler(deps)();
    expect(queued).toHaveLength(1);
    const consume = metricsRefreshHandler(deps);
    for (let i = 0; i < queued.length; i++) expect(await consume({ body: queued[i] })).toBeUndefined();
    expect(queued.filter((job) => job.step === undefined).map((job) => job.page)).toEqual([0, 1, 2]);
    expect(queued.at(-1)?.step).toBe('views');
    expect(store.data.get(storageKeys.metricsState)).toMatchObject({ watermark: '2026-06-30T00:00:00.000Z' });
  });

  it('the schedule starts no second refresh while one is under way', async () => {
    const { queued, deps } = setup(5);
    await scheduledRefreshHandler(deps)();
    await scheduledRefreshHandler(deps)();
    expect(queued).toHaveLength(1);
  });

  it('hands a rate-limited page back for retry at the same page', async () => {
    const { jira, queued, deps } = setup(3);
    (jira as { transport: TestJira['transport'] }).transport = async () => ({
      status: 429,
      headers: { get: () => '30' },
      text: async () => '',
    });
    const result = await metricsRefreshHandler(deps)({
      body: { jql: 'project = MKT', startedAt: '2026-06-30T00:00:00.000Z', page: 4, pageToken: 'abc' },
    });
    expect(result).toMatchObject({ retryOptions: { retryAfter: 30, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' } });
    expect(queued).toEqual([]);
  });

  it('hands a page back for retry when app storage fails, and not when the store refuses the request itself', async () => {
    const { store, queued, deps } = setup(3);
    const job = { jql: 'project = MKT', startedAt: '2026-06-30T00:00:00.000Z', page: 0 };
    let failure: Error = new Error('app storage could not write metrics:bucket:7');
    const failing = Object.assign(Object.create(store) as MemoryStore, {
      setMany: async () => {
        throw failure;
      },
    });
    const consume = metricsRefreshHandler(() => ({ ...deps(), store: failing }));
    expect(await consume({ body: job })).toMatchObject({ retryOptions: { retryReason: 'FUNCTION_RETRY_REQUEST' } });
    failure = new ForgeKvsAPIError(
      { status: 400, statusText: 'Bad Request' },
      { code: 'MAX_SIZE', message: 'The provided value has exceeded the maximum size limit.' },
    );
    expect(await consume({ body: job })).toBeUndefined();
    expect(queued).toEqual([]);
  });

  it("says once per refresh which Workflow health views by JQL are left to their viewers' loads, and completes", async () => {
    const { jira, store, queued, deps } = setup(1);
    const byJql = (viewer: string) => ({
      config: { projects: [], jql: 'project = MKT', tier: 'all', periodDays: 30, period: 'days' },
      askedAt: Date.parse('2026-06-29T00:00:00.000Z'),
      viewer,
    });
    store.data.set(storageKeys.healthConfigs, [byJql('acc-a'), byJql('acc-b')]);
    jira.searchStatus = 400;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const consume = metricsRefreshHandler(deps);
      expect(
        await consume({ body: { jql: 'project = MKT', startedAt: '2026-06-30T00:00:00.000Z', page: 1, step: 'views' } }),
      ).toBeUndefined();
      // The refresh is complete; the views by JQL come after it, a few per event.
      expect(store.data.get(storageKeys.metricsState)).toMatchObject({ lastCompletedAt: '2026-06-30T00:00:00.000Z' });
      expect(queued).toMatchObject([{ step: 'viewer-views', completedAt: '2026-06-30T00:00:00.000Z' }]);
      expect(await consume({ body: queued[0] })).toBeUndefined();
      expect(warn.mock.calls).toEqual([
        [
          "metrics refresh left 2 Workflow health views by JQL to their viewers' next load: " +
            "Jira could not run the gadget's JQL: The search failed.; Jira could not run the gadget's JQL: The search failed.",
        ],
      ]);
      expect(queued).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('goes on past a viewer whose search fails, and hands a views-by-JQL event back only when app storage fails', async () => {
    const { jira, store, queued, deps } = setup(1);
    jira.addPerson('acc-a');
    store.data.set(storageKeys.healthConfigs, [
      {
        config: { projects: [], jql: 'project = MKT', tier: 'all', periodDays: 30, period: 'days' },
        askedAt: Date.parse('2026-06-29T00:00:00.000Z'),
        viewer: 'acc-a',
      },
    ]);
    const consume = metricsRefreshHandler(deps);
    await consume({ body: { jql: 'project = MKT', startedAt: '2026-06-30T00:00:00.000Z', page: 1, step: 'views' } });
    const viewerViews = queued[0];
    expect(viewerViews).toMatchObject({ step: 'viewer-views' });
    // Jira stays unavailable through the client's retries: the view is left to the viewer's load, the event is done.
    jira.searchStatus = 503;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(await consume({ body: viewerViews })).toBeUndefined();
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
    // App storage fails while the view is stored: the event goes back, to store it on a later delivery.
    jira.searchStatus = 200;
    const failing = Object.assign(Object.create(store) as MemoryStore, {
      setMany: async () => {
        throw new Error('app storage could not write the view');
      },
    });
    const consumeFailing = metricsRefreshHandler(() => ({ ...deps(), store: failing }));
    expect(await consumeFailing({ body: viewerViews })).toMatchObject({ retryOptions: { retryReason: 'FUNCTION_RETRY_REQUEST' } });
  });

  it('drops an unreadable job without touching Jira', async () => {
    const { jira, deps } = setup(1);
    expect(await metricsRefreshHandler(deps)({ body: { jql: '' } })).toBeUndefined();
    expect(jira.requests).toEqual([]);
  });

  it('does not start a refresh on an unreadable configuration, and still does the upkeep, which needs none', async () => {
    const { store, queued, deps } = setup(1);
    store.data.set(storageKeys.config, { broken: true });
    await scheduledRefreshHandler(deps)();
    expect(queued).toEqual([]);
    expect(store.data.get(storageKeys.campaignListProgress)).toEqual({ pending: [] });
  });

  it('still does the upkeep when the refresh cannot be queued, and says so', async () => {
    const { store, deps } = setup(1);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failingQueue = () => ({
      ...deps(),
      enqueue: async () => {
        throw new Error('the queue did not take the event');
      },
    });
    await expect(scheduledRefreshHandler(failingQueue)()).resolves.toBeUndefined();
    expect(store.data.get(storageKeys.campaignListProgress)).toEqual({ pending: [] });
    expect(store.data.get(storageKeys.trailMoveProgress)).toEqual({ pending: [] });
    expect(errors).toHaveBeenCalledWith('queueing the metrics refresh failed; the next hourly run tries again', expect.any(Error));
    errors.mockRestore();
  });
});
