import { describe, expect, it, vi } from 'vitest';
import { gadgetHandlers } from '../../src/handlers/resolvers/gadgets.resolver';
import { issueDeletedHandler } from '../../src/handlers/triggers/issue-deleted.trigger';
import type { GadgetRuntimeDeps } from '../../src/adapters/forge-runtime';
import { EMPTY_BUCKET, groupByBucket, withFreshHistories } from '../../src/domain/metrics/history-buckets';
import type { IssueHistory } from '../../src/domain/metrics/issue-metrics';
import { ACCESS_TTL_MS, triageQueueJql } from '../../src/use-cases/gadgets';
import { jqlHealthViewKey, withHealthConfigAsked } from '../../src/use-cases/gadget-views';
import { healthGadgetConfigSchema, type HealthGadgetConfig } from '../../src/contracts/gadget.schema';
import { MANUAL_REFRESH_INTERVAL_MS, REFRESH_RUN_TIMEOUT_MS, runRefreshPage } from '../../src/use-cases/refresh-metrics';
import { storageKeys } from '../../src/use-cases/ports';
import type { RefreshJob } from '../../src/contracts/metrics-store.schema';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { TestJira } from '../fakes/test-jira';
import { present } from '../../src/domain/present';
import { MemoryStore } from '../fakes/memory-store';
import { testDeps } from '../fakes/site-deps';

const NOW = new Date('2026-06-30T00:00:00.000Z');
const VIEWER = 'acc-lead';
const day = (iso: string): number => Date.parse(`${iso}T00:00:00.000Z`);

const launched = (key: string, created: string, launch: string): IssueHistory => ({
  id: key.replace('MKT-', '100'),
  key,
  tier: 'revenue',
  createdAt: day(created),
  dueDate: null,
  currentStatus: 'Launch',
  changes: [{ at: day(launch), fromStatus: 'Intake', toStatus: 'Launch' }],
});

const setup = () => {
  const jira = new TestJira();
  const store = new MemoryStore();
  jira.browseProjects.set(VIEWER, new Set([jira.projectId('MKT')]));
  for (const [bucket, histories] of groupByBucket([
    launched('MKT-1', '2026-06-01', '2026-06-11'),
    launched('MKT-2', '2026-06-10', '2026-06-14'),
  ])) {
    store.data.set(storageKeys.metricsBucket(bucket), withFreshHistories(EMPTY_BUCKET, histories));
  }
  store.data.set(storageKeys.metricsState, {
    schemaVersion: 1,
    watermark: '2026-06-29T23:00:00.000Z',
    lastCompletedAt: '2026-06-29T23:00:00.000Z',
  });
  const queued: RefreshJob[] = [];
  let now = NOW;
  const deps = (): GadgetRuntimeDeps => {
    const runtime = testDeps(jira, store, now)();
    return { ...runtime, jiraAsUser: runtime.jira, enqueue: async (job) => void queued.push(job) };
  };
  const handlers = gadgetHandlers(deps);
  const context = (gadgetConfiguration: unknown, accountId = VIEWER) => ({
    accountId,
    extension: { type: 'jira:dashboardGadget', gadgetConfiguration },
  });
  return { jira, store, handlers, context, queued, setNow: (next: Date) => (now = next) };
};

const HEALTH = { projects: ['MKT'], tier: 'all', periodDays: 30 };

describe('the Workflow health gadget resolver', () => {
  it('asks for a configuration before showing anything', async () => {
    const { handlers, context } = setup();
    expect(await handlers['health/get']({ context: context(undefined) })).toEqual({
      ok: false,
      error: {
        code: 'GADGET.NOT_CONFIGURED',
        message: 'configure this gadget: projects: choose at least one project, or write a JQL query (not both)',
      },
    });
    expect((await handlers['health/get']({ context: context({ ...HEALTH, periodDays: 45 }) })).ok).toBe(false);
  });

  it('refuses a viewer who cannot browse a project it reports on, and shows nothing', async () => {
    const { handlers, context } = setup();
    expect(await handlers['health/get']({ context: context(HEALTH, 'acc-outsider') })).toEqual({
      ok: false,
      error: { code: 'PERMISSION.DENIED', message: 'you cannot browse MKT, which this gadget reports on' },
    });
    expect(await handlers['health/get']({ context: context({ ...HEALTH, projects: ['NOPE'] }) })).toMatchObject({
      ok: false,
      error: { code: 'GADGET.NO_SUCH_PROJECT' },
    });
  });

  it('computes the report once, then serves warm loads from storage with no Jira request and one storage read', async () => {
    const { handlers, context, jira, store } = setup();
    const cold = await handlers['health/get']({ context: context(HEALTH) });
    expect(cold).toMatchObject({ ok: true, data: { fromCache: false, refreshedAt: '2026-06-29T23:00:00.000Z' } });
    if (!cold.ok) return;
    const { report } = cold.data;
    expect(report.launches.map((launch) => launch.key)).toEqual(['MKT-1', 'MKT-2']);
    expect(report.current.cycleTimeDays.median).toBe(7);
    expect(jira.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /rest/api/3/project/MKT',
      'POST /rest/api/3/permissions/check',
    ]);

    const requestsBefore = jira.requests.length;
    const readsBefore = store.reads;
    const warm = await handlers['health/get']({ context: context(HEALTH) });
    expect(warm).toMatchObject({ ok: true, data: { fromCache: true } });
    expect(jira.requests.length - requestsBefore).toBe(0);
    expect(store.reads - readsBefore).toBe(1);
    expect(warm.ok && JSON.stringify((warm.data as { report: unknown }).report)).toBe(JSON.stringify(report));
  });

  it('recomputes after a metrics refresh, and checks access again after a while', async () => {
    const { handlers, context, jira, store, setNow } = setup();
    await handlers['health/get']({ context: context(HEALTH) });
    store.data.set(storageKeys.metricsState, {
      schemaVersion: 1,
      watermark: '2026-06-30T00:00:00.000Z',
      lastCompletedAt: '2026-06-30T00:00:00.000Z',
    });
    expect(await handlers['health/get']({ context: context(HEALTH) })).toMatchObject({ ok: true, data: { fromCache: false } });
    const requests = jira.requests.length;
    setNow(new Date(NOW.getTime() + ACCESS_TTL_MS + 1));
    await handlers['health/get']({ context: context(HEALTH) });
    expect(jira.requests.length - requests).toBe(2);
  });

  it('queues one refresh however often viewers ask, and none within five minutes of the last', async () => {
    const { handlers, context, queued, setNow, store, jira } = setup();
    // Twenty clicks side by side: one claims the refresh, the others see it under way.
    const answers = await Promise.all(Array.from({ length: 20 }, () => handlers['health/refresh']({ context: context(HEALTH) })));
    expect(queued).toHaveLength(1);
    expect(answers.filter((answer) => answer.ok && (answer.data as { queued: boolean }).queued)).toHaveLength(1);
    expect(answers.at(-1)).toEqual({ ok: true, data: { queued: false, reason: 'a refresh is under way' } });
    for (let click = 0; click < 5; click++)
      expect(await handlers['health/refresh']({ context: context(HEALTH) })).toMatchObject({ ok: true, data: { queued: false } });
    expect(queued).toHaveLength(1);

    // The refresh runs and completes; a viewer may ask again five minutes after it completed.
    const deps = testDeps(jira, store, NOW)();
    for (let job: RefreshJob | null = queued[0]!; job !== null;) {
      const outcome = await runRefreshPage(deps, job);
      if (!outcome.ok) throw new Error(outcome.error.message);
      job = outcome.value.next;
    }
    setNow(new Date(NOW.getTime() + MANUAL_REFRESH_INTERVAL_MS - 1));
    expect(await handlers['health/refresh']({ context: context(HEALTH) })).toEqual({
      ok: true,
      data: { queued: false, reason: 'the metrics were refreshed less than 5 minutes ago' },
    });
    setNow(new Date(NOW.getTime() + MANUAL_REFRESH_INTERVAL_MS));
    expect(await handlers['health/refresh']({ context: context(HEALTH) })).toEqual({ ok: true, data: { queued: true } });
    expect(queued).toHaveLength(2);
  });

  it('lets a viewer ask again once a refresh that never completed is an hour old', async () => {
    const { handlers, context, queued, setNow } = setup();
    await handlers['health/refresh']({ context: context(HEALTH) });
    setNow(new Date(NOW.getTime() + REFRESH_RUN_TIMEOUT_MS - 1));
    expect(await handlers['health/refresh']({ context: context(HEALTH) })).toMatchObject({ ok: true, data: { queued: false } });
    setNow(new Date(NOW.getTime() + REFRESH_RUN_TIMEOUT_MS));
    expect(await handlers['health/refresh']({ context: context(HEALTH) })).toEqual({ ok: true, data: { queued: true } });
    expect(queued).toHaveLength(2);
  });

  it("refuses a refresh to a viewer who cannot browse the gadget's projects", async () => {
    const { handlers, context, queued } = setup();
    expect(await handlers['health/refresh']({ context: context(HEALTH, 'acc-outsider') })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.DENIED' },
    });
    expect(queued).toEqual([]);
  });

  it('computes the view of every configuration a dashboard has in the refresh, so the next load only reads', async () => {
    const { handlers, context, queued, store, jira } = setup();
    await handlers['health/get']({ context: context(HEALTH) });
    await handlers['health/get']({ context: context({ ...HEALTH, tier: 'revenue' }) });
    expect(await handlers['health/refresh']({ context: context(HEALTH) })).toEqual({ ok: true, data: { queued: true } });
    const later = new Date(NOW.getTime() + 60_000);
    const deps = testDeps(jira, store, later)();
    for (let job: RefreshJob | null = queued[0]!; job !== null;) {
      const outcome = await runRefreshPage(deps, job);
      if (!outcome.ok) throw new Error(outcome.error.message);
      job = outcome.value.next;
    }
    expect(store.data.get(storageKeys.metricsState)).toMatchObject({ lastCompletedAt: later.toISOString() });
    for (const configuration of [HEALTH, { ...HEALTH, tier: 'revenue' }]) {
      const reads = store.reads;
      expect(await handlers['health/get']({ context: context(configuration) })).toMatchObject({
        ok: true,
        data: { fromCache: true, refreshedAt: later.toISOString() },
      });
      expect(store.reads - reads).toBe(1);
    }
  });

  describe('a gadget set up by JQL', () => {
    const BY_JQL = { jql: 'project = MKT', tier: 'all', periodDays: 30 };
    const BY_JQL_CONFIG = healthGadgetConfigSchema.parse(BY_JQL);
    /** The requests the stored histories hold, on the site, so a search finds them; the viewer may browse both. */
    const onSite = (jira: TestJira) => {
      for (const [id, key] of [
        ['1001', 'MKT-1'],
        ['1002', 'MKT-2'],
      ] as const) {
        jira.addIssue({ id, key });
        jira.grant(VIEWER, id, 'browse');
      }
    };
    /** `count` viewers who may browse both requests, each with this gadget on their dashboard, loaded once. */
    const onDashboards = async ({ jira, handlers, context }: ReturnType<typeof setup>, count: number): Promise<string[]> => {
      onSite(jira);
      const viewers = Array.from({ length: count }, (_, index) => `acc-viewer-${index}`);
      for (const viewer of viewers) {
        jira.addPerson(viewer);
        for (const id of ['1001', '1002']) jira.grant(viewer, id, 'browse');
        await handlers['health/get']({ context: context(BY_JQL, viewer) });
      }
      return viewers;
    };
    /** A whole refresh, the way the queue runs it, at `at`: the outcome of its last step, or of the one that failed. `beforeViews` runs before the views. */
    const refreshAt = async (world: ReturnType<typeof setup>, at: Date, beforeViews = () => {}) => {
      const { handlers, context, queued, store, jira } = world;
      expect(await handlers['health/refresh']({ context: context(HEALTH) })).toEqual({ ok: true, data: { queued: true } });
      const deps = testDeps(jira, store, at)();
      let last;
      for (let job: RefreshJob | null = queued.at(-1)!; job !== null;) {
        if (job.step === 'views') beforeViews();
        last = await runRefreshPage(deps, job);
        if (!last.ok) break;
        job = last.value.next;
      }
      return present(last);
    };
    const launchKeysOf = (answer: { ok: boolean; data?: unknown }) =>
      (answer.data as { report: { launches: readonly { key: string }[] } }).report.launches.map((launch) => launch.key);

    it('is computed by the refresh as its viewer, so the first load after it is one storage read and no search', async () => {
      // Before, the refresh computed the views of gadgets set up by projects only: a JQL gadget's first load after each
      // refresh searched Jira and read every history bucket while its viewer waited (about 200× a warm load at 10,000).
      const world = setup();
      const { handlers, context, jira, store } = world;
      onSite(jira);
      const onLoad = await handlers['health/get']({ context: context(BY_JQL) });
      expect(onLoad).toMatchObject({ ok: true, data: { fromCache: false } });
      const later = new Date(NOW.getTime() + 60_000);
      expect(await refreshAt(world, later)).toEqual({
        ok: true,
        value: expect.not.objectContaining({ viewsLeftToLoad: expect.anything() }),
      });
      const searchedAs = jira.requests.filter((request) => request.path === '/rest/api/3/search/jql').at(-1);
      expect(searchedAs?.body).toMatchObject({ jql: 'project = MKT' });

      const requests = jira.requests.length;
      const reads = store.reads;
      const first = await handlers['health/get']({ context: context(BY_JQL) });
      expect(first).toMatchObject({ ok: true, data: { fromCache: true, refreshedAt: later.toISOString(), report: { requests: 2 } } });
      expect(jira.requests.length - requests).toBe(0);
      expect(store.reads - reads).toBe(1);
      expect(launchKeysOf(first)).toEqual(launchKeysOf(onLoad));
    });

    it("holds only what the viewer's own search finds: the refresh searches as each viewer", async () => {
      const world = setup();
      const { handlers, context, jira } = world;
      onSite(jira);
      // On load the tests' Jira answers every viewer as the app; the refresh's search goes as the person, with their permissions.
      jira.addPerson('acc-outsider');
      await handlers['health/get']({ context: context(BY_JQL) });
      await handlers['health/get']({ context: context(BY_JQL, 'acc-outsider') });
      await refreshAt(world, new Date(NOW.getTime() + 60_000));
      const outsider = await handlers['health/get']({ context: context(BY_JQL, 'acc-outsider') });
      expect(outsider).toMatchObject({ ok: true, data: { fromCache: true, report: { requests: 0 } } });
      expect(launchKeysOf(outsider)).toEqual([]);
      const viewer = await handlers['health/get']({ context: context(BY_JQL) });
      expect(viewer).toMatchObject({ ok: true, data: { fromCache: true, report: { requests: 2 } } });
    });

    /** A JQL gadget on a dashboard, then a refresh whose searches as the viewer Jira answers with `status`. */
    const refreshWithSearchFailing = async (status: number) => {
      const world = setup();
      onSite(world.jira);
      await world.handlers['health/get']({ context: world.context(BY_JQL) });
      const later = new Date(NOW.getTime() + 60_000);
      const last = await refreshAt(world, later, () => (world.jira.searchStatus = status));
      return { ...world, later, last };
    };

    // A search Jira refuses (400), or one that stays unavailable through the client's retries (503; before, such a
    // failure handed the whole event back, so the views after it waited on the platform's retries).
    it.each([
      [400, "Jira could not run the gadget's JQL: The search failed."],
      [503, "Jira did not run the gadget's search just now; try again in a moment"],
    ])(
      "is left to the viewer's next load when their search answers %i in the refresh, and the refresh still completes",
      async (status, why) => {
        const { handlers, context, jira, store, later, last } = await refreshWithSearchFailing(status);
        expect(last).toMatchObject({ ok: true, value: { next: null, viewsLeftToLoad: [why] } });
        expect(store.data.get(storageKeys.metricsState)).toMatchObject({ lastCompletedAt: later.toISOString() });
        jira.searchStatus = 200;
        expect(await handlers['health/get']({ context: context(BY_JQL) })).toMatchObject({ ok: true, data: { fromCache: false } });
        expect(await handlers['health/get']({ context: context(BY_JQL) })).toMatchObject({ ok: true, data: { fromCache: true } });
      },
    );

    it('computes the views by JQL four per event after the refresh completed, and none once a newer refresh completed', async () => {
      const world = setup();
      const { handlers, context, jira, store, queued } = world;
      onSite(jira);
      const viewers = Array.from({ length: 6 }, (_, index) => `acc-viewer-${index}`);
      for (const viewer of viewers) {
        jira.addPerson(viewer);
        await handlers['health/get']({ context: context(BY_JQL, viewer) });
      }
      const later = new Date(NOW.getTime() + 60_000);
      await handlers['health/refresh']({ context: context(HEALTH) });
      const deps = testDeps(jira, store, later)();
      const steps: RefreshJob[] = [];
      for (let job: RefreshJob | null = queued.at(-1)!; job !== null;) {
        steps.push(job);
        const outcome = await runRefreshPage(deps, job);
        if (!outcome.ok) throw new Error(outcome.error.message);
        job = outcome.value.next;
      }
      const viewerSteps = steps.filter((job) => job.step === 'viewer-views');
      expect(viewerSteps.map((job) => job.viewsAfter === undefined)).toEqual([true, false]);
      for (const viewer of viewers)
        expect(await handlers['health/get']({ context: context(BY_JQL, viewer) })).toMatchObject({ ok: true, data: { fromCache: true } });

      // A viewer-views event that comes after another refresh completed computes nothing: that refresh's own steps do.
      store.data.set(storageKeys.metricsState, { schemaVersion: 1, watermark: null, lastCompletedAt: '2026-06-30T01:00:00.000Z' });
      const searches = jira.queries.length;
      expect(await runRefreshPage(deps, present(viewerSteps[0]))).toMatchObject({ ok: true, value: { next: null } });
      expect(jira.queries.length).toBe(searches);
    });

    // Each viewer-views event read every history bucket again: with 20 views by JQL, five full reads after the views step's.
    it('reads the history buckets once for 20 views by JQL, in the last of the events that search as their viewers', async () => {
      const world = setup();
      const { handlers, context, jira, store, queued } = world;
      onSite(jira);
      const viewers = Array.from({ length: 20 }, (_, index) => `acc-viewer-${String(index).padStart(2, '0')}`);
      for (const [index, viewer] of viewers.entries()) {
        jira.addPerson(viewer);
        // Each sees what Jira lets them: the even ones both requests, the odd ones MKT-2 only.
        for (const id of index % 2 === 0 ? ['1001', '1002'] : ['1002']) jira.grant(viewer, id, 'browse');
        await handlers['health/get']({ context: context(BY_JQL, viewer) });
      }
      const later = new Date(NOW.getTime() + 60_000);
      await handlers['health/refresh']({ context: context(HEALTH) });
      const deps = testDeps(jira, store, later)();
      const reads = vi.spyOn(store, 'getMany');
      const bucketReadsByStep: [string, number][] = [];
      for (let job: RefreshJob | null = queued.at(-1)!; job !== null;) {
        const before = reads.mock.calls.length;
        const outcome = await runRefreshPage(deps, job);
        if (!outcome.ok) throw new Error(outcome.error.message);
        const bucketReads = reads.mock.calls.slice(before).filter(([keys]) => keys.includes(storageKeys.metricsBucket(0))).length;
        bucketReadsByStep.push([job.step ?? 'fetch', bucketReads]);
        job = outcome.value.next;
      }
      reads.mockRestore();
      expect(bucketReadsByStep.filter(([step]) => step === 'viewer-views')).toEqual([
        ['viewer-views', 0],
        ['viewer-views', 0],
        ['viewer-views', 0],
        ['viewer-views', 0],
        ['viewer-views', 1],
      ]);
      // Each view is its viewer's own, computed in this refresh, and the ids kept between the events are gone.
      for (const [index, viewer] of viewers.entries()) {
        const view = await handlers['health/get']({ context: context(BY_JQL, viewer) });
        expect(view).toMatchObject({ ok: true, data: { fromCache: true, report: { requests: index % 2 === 0 ? 2 : 1 } } });
        expect((store.data.get(jqlHealthViewKey(viewer, BY_JQL_CONFIG)) as { computedAt: number }).computedAt).toBe(later.getTime());
      }
      expect([...store.data.keys()].filter((key) => key.startsWith('metrics:found:'))).toEqual([]);
    });

    it('computes the views it searched when the last pending viewer leaves the registry between two of its events', async () => {
      // an event that found no viewer left after the last one searched returned before the
      // last event's work, so none of the views searched was computed and their ids stayed stored until they expired.
      const world = setup();
      const { handlers, context, jira, store, queued, setNow } = world;
      const viewers = await onDashboards(world, 5);
      const later = new Date(NOW.getTime() + 60_000);
      const keyOf = (viewer: string) => jqlHealthViewKey(viewer, BY_JQL_CONFIG);
      // The viewer whose view sorts last, the fifth (four are searched per event), was last asked for a hair under the
      // 30 days a registry entry is kept before this refresh completes.
      const lastViewer = present([...viewers].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1)).at(-1));
      const registry = store.data.get(storageKeys.healthConfigs) as { viewer?: string; askedAt: number }[];
      for (const entry of registry) if (entry.viewer === lastViewer) entry.askedAt = later.getTime() - 30 * 86_400_000 + 1_000;
      await handlers['health/refresh']({ context: context(HEALTH) });
      const deps = testDeps(jira, store, later)();
      let viewerEvents = 0;
      for (let job: RefreshJob | null = queued.at(-1)!; job !== null;) {
        const outcome = await runRefreshPage(deps, job);
        if (!outcome.ok) throw new Error(outcome.error.message);
        if (job.step === 'viewer-views' && ++viewerEvents === 1) {
          // Between the two events a dashboard loads a gadget by projects whose configuration was not noted today: its
          // note of the registry drops the entry now past the 30 days.
          setNow(new Date(later.getTime() + 2_000));
          expect(await handlers['health/get']({ context: context({ ...HEALTH, periodDays: 90 }) })).toMatchObject({ ok: true });
        }
        job = outcome.value.next;
      }
      expect(viewerEvents).toBe(2);
      const computedNow = viewers.filter(
        (viewer) => (store.data.get(keyOf(viewer)) as { computedAt?: number }).computedAt === later.getTime(),
      );
      expect(computedNow).toEqual(viewers.filter((viewer) => viewer !== lastViewer));
      expect([...store.data.keys()].filter((key) => key.startsWith('metrics:found:'))).toEqual([]);
    });

    it("computes every other viewer's view when Jira (or Forge) cannot search as one of them", async () => {
      // one viewer whose search always failed (Forge cannot act as them) handed every event back,
      // so the viewers whose keys sort after theirs were never computed, every hour for as long as the entry is kept.
      const world = setup();
      const { handlers, context, jira, store } = world;
      const viewers = await onDashboards(world, 6);
      const [gone] = [...viewers].sort((a, b) => (jqlHealthViewKey(a, BY_JQL_CONFIG) < jqlHealthViewKey(b, BY_JQL_CONFIG) ? -1 : 1));
      const transportAs = jira.transportAs.bind(jira);
      jira.transportAs = (accountId) =>
        accountId === gone ? () => Promise.reject(new Error('the connection to Jira was lost')) : transportAs(accountId);
      const later = new Date(NOW.getTime() + 60_000);
      const outcomes = [];
      await handlers['health/refresh']({ context: context(HEALTH) });
      const deps = testDeps(jira, store, later)();
      for (let job: RefreshJob | null = world.queued.at(-1)!; job !== null;) {
        const outcome = await runRefreshPage(deps, job);
        outcomes.push(outcome);
        job = outcome.ok ? outcome.value.next : null;
      }
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      const computedNow = viewers.filter(
        (viewer) =>
          (store.data.get(jqlHealthViewKey(viewer, BY_JQL_CONFIG)) as { computedAt?: number } | undefined)?.computedAt === later.getTime(),
      );
      expect(computedNow).toEqual(viewers.filter((viewer) => viewer !== gone));
      // The ids kept between the events for the last one are gone with it.
      expect([...store.data.keys()].filter((key) => key.startsWith('metrics:found:'))).toEqual([]);
    });

    it('shows a failed search in plain words on the gadget: never the REST path or the status', async () => {
      const { handlers, context, jira } = setup();
      onSite(jira);
      const messages: Record<number, unknown> = {};
      for (const status of [401, 403, 404, 500, 503]) {
        jira.searchStatus = status;
        const answer = await handlers['health/get']({ context: context(BY_JQL) });
        expect(answer).toMatchObject({ ok: false });
        messages[status] = (answer as { error: { message: string } }).error.message;
        expect(messages[status]).not.toMatch(/\/rest\/|search\/jql|\d{3}|attempts/);
      }
      expect(messages).toEqual({
        401: 'Jira did not let the gadget search as you; ask your Jira admin whether you may still browse the requests it reports on',
        403: 'Jira did not let the gadget search as you; ask your Jira admin whether you may still browse the requests it reports on',
        404: "Jira could not run the gadget's search; try again later, and tell your Jira admin if this goes on",
        500: "Jira did not run the gadget's search just now; try again in a moment",
        503: "Jira did not run the gadget's search just now; try again in a moment",
      });
    });

    it('keeps the most recently asked 20 by JQL apart from the 20 by projects, and drops one not asked for 30 days', () => {
      let registry: unknown = undefined;
      const ask = (config: HealthGadgetConfig, viewer: string, at: number) => {
        registry = withHealthConfigAsked(registry, config, viewer, at) ?? registry;
      };
      const byProjects = (tier: 'all' | 'revenue', periodDays: 7 | 14 | 30 | 90 | 180 | 365): HealthGadgetConfig => ({
        projects: ['MKT'],
        tier,
        periodDays,
        period: 'days',
      });
      const byJql = (viewer: number): HealthGadgetConfig => ({
        projects: [],
        jql: `assignee = acc-${viewer}`,
        tier: 'all',
        periodDays: 30,
        period: 'days',
      });
      ask(byProjects('all', 7), VIEWER, day('2026-05-01'));
      for (const [index, days] of ([14, 30, 90, 180, 365] as const).entries())
        ask(byProjects('revenue', days), VIEWER, day('2026-06-01') + index);
      for (let viewer = 0; viewer < 25; viewer++) ask(byJql(viewer), `acc-${viewer}`, day('2026-06-02') + viewer);
      // The same query by another viewer is another view (their search), so another entry.
      ask(byJql(24), 'acc-other', day('2026-06-03'));
      const entries = registry as { config: HealthGadgetConfig; viewer?: string }[];
      const jqlViewers = entries.filter((entry) => entry.config.jql).map((entry) => entry.viewer);
      expect(jqlViewers).toHaveLength(20);
      expect(jqlViewers.slice(0, 2)).toEqual(['acc-other', 'acc-24']);
      expect(jqlViewers).not.toContain('acc-0');
      // The five by projects asked in June stay; the one last asked on 1 May is over 30 days old by then.
      expect(entries.filter((entry) => !entry.config.jql)).toHaveLength(5);
    });
  });

  describe('a request Jira deleted', () => {
    const deleteMkt1 = (store: MemoryStore, at = NOW) =>
      issueDeletedHandler(() => ({ store, now: at }))({ eventType: 'avi:jira:deleted:issue', issue: { id: '1001', key: 'MKT-1' } });
    const launchKeys = (answer: Awaited<ReturnType<ReturnType<typeof setup>['handlers']['health/get']>>) =>
      answer.ok
        ? (answer.data as { report: { launches: readonly { key: string }[] } }).report.launches.map((launch) => launch.key)
        : answer;

    it('leaves the cached view on the next load, not the next refresh', async () => {
      // Before, the view cached until the next hourly refresh still showed a request Jira had deleted.
      const { handlers, context, store } = setup();
      expect(launchKeys(await handlers['health/get']({ context: context(HEALTH) }))).toEqual(['MKT-1', 'MKT-2']);
      expect(await deleteMkt1(store)).toBeUndefined();
      const next = await handlers['health/get']({ context: context(HEALTH) });
      expect(next).toMatchObject({ ok: true, data: { fromCache: false, report: { current: { cycleTimeDays: { median: 4 } } } } });
      expect(launchKeys(next)).toEqual(['MKT-2']);
      // Computed once: the load after reads the view again.
      expect(await handlers['health/get']({ context: context(HEALTH) })).toMatchObject({ ok: true, data: { fromCache: true } });
    });

    it('keeps the cached view when Jira deletes an issue the app never held', async () => {
      // Before, deleting any issue on the site (a Task in another project) stamped a new last deletion: the next load
      // of every cached view computed it again over every bucket.
      const { handlers, context, store } = setup();
      await handlers['health/get']({ context: context(HEALTH) });
      expect(
        await issueDeletedHandler(() => ({ store, now: NOW }))({
          eventType: 'avi:jira:deleted:issue',
          issue: { id: '770001', key: 'OPS-1' },
        }),
      ).toBeUndefined();
      expect(store.data.has(storageKeys.lastDeletion)).toBe(false);
      expect(await handlers['health/get']({ context: context(HEALTH) })).toMatchObject({ ok: true, data: { fromCache: true } });
    });

    it('leaves a view the refresh computed, and the views of JQL viewers', async () => {
      const { handlers, context, queued, store, jira } = setup();
      jira.addIssue({ id: '1001', key: 'MKT-1' });
      const byJql = { jql: 'project = MKT', periodDays: 30 };
      await handlers['health/get']({ context: context(HEALTH) });
      await handlers['health/refresh']({ context: context(HEALTH) });
      const deps = testDeps(jira, store, NOW)();
      for (let job: RefreshJob | null = queued[0]!; job !== null;) {
        const outcome = await runRefreshPage(deps, job);
        if (!outcome.ok) throw new Error(outcome.error.message);
        job = outcome.value.next;
      }
      expect(await handlers['health/get']({ context: context(HEALTH) })).toMatchObject({ ok: true, data: { fromCache: true } });
      expect(launchKeys(await handlers['health/get']({ context: context(byJql) }))).toEqual(['MKT-1']);
      expect(await deleteMkt1(store)).toBeUndefined();
      for (const configuration of [HEALTH, byJql]) {
        const next = await handlers['health/get']({ context: context(configuration) });
        expect(next).toMatchObject({ ok: true, data: { fromCache: false } });
        expect(launchKeys(next)).not.toContain('MKT-1');
      }
    });

    it('marks two deletions made at once, and a view cached before them is computed again', async () => {
      const { handlers, context, store } = setup();
      await handlers['health/get']({ context: context(HEALTH) });
      expect(await handlers['health/get']({ context: context(HEALTH) })).toMatchObject({ ok: true, data: { fromCache: true } });
      const answers = await Promise.all([
        deleteMkt1(store),
        issueDeletedHandler(() => ({ store, now: NOW }))({ eventType: 'avi:jira:deleted:issue', issue: { id: '1002', key: 'MKT-2' } }),
      ]);
      expect(answers).toEqual([undefined, undefined]);
      expect(store.data.has(storageKeys.deletedIssue('1001')) && store.data.has(storageKeys.deletedIssue('1002'))).toBe(true);
      expect(await handlers['health/get']({ context: context(HEALTH) })).toMatchObject({ ok: true, data: { fromCache: false } });
    });

    it('computes every load afresh while the last deletion does not read, until the next deletion replaces it', async () => {
      const { handlers, context, store } = setup();
      store.data.set(storageKeys.lastDeletion, 'torn');
      await handlers['health/get']({ context: context(HEALTH) });
      expect(await handlers['health/get']({ context: context(HEALTH) })).toMatchObject({ ok: true, data: { fromCache: false } });
      expect(await deleteMkt1(store)).toBeUndefined();
      expect(store.data.get(storageKeys.lastDeletion)).toEqual({ issueId: '1001', at: NOW.toISOString() });
      await handlers['health/get']({ context: context(HEALTH) });
      expect(await handlers['health/get']({ context: context(HEALTH) })).toMatchObject({ ok: true, data: { fromCache: true } });
    });
  });

  it('reports on what a JQL query finds for the viewer, cached per viewer and query', async () => {
    const { handlers, context, jira } = setup();
    jira.addIssue({ id: '1001', key: 'MKT-1', summary: 'Spring webinar' });
    // Jira runs the query: a request it does not find is not reported.
    jira.addIssue({ id: '1002', key: 'MKT-2', summary: 'Pricing page' });
    const byJql = { jql: 'project = MKT AND summary ~ webinar', periodDays: 30 };
    const cold = await handlers['health/get']({ context: context(byJql, 'acc-anyone') });
    expect(cold).toMatchObject({
      ok: true,
      data: {
        fromCache: false,
        report: { scope: { jql: 'project = MKT AND summary ~ webinar' }, requests: 1, launches: [{ key: 'MKT-1' }] },
      },
    });
    expect(jira.queries.at(-1)).toBe('project = MKT AND summary ~ webinar');
    const searches = jira.requests.length;
    expect(await handlers['health/get']({ context: context(byJql, 'acc-anyone') })).toMatchObject({ ok: true, data: { fromCache: true } });
    expect(jira.requests.length).toBe(searches);
    // Another viewer's search may find other requests: their view is their own.
    expect(await handlers['health/get']({ context: context(byJql, 'acc-other') })).toMatchObject({ ok: true, data: { fromCache: false } });
  });

  it('wants projects or a JQL query, not both', async () => {
    const { handlers, context } = setup();
    expect(await handlers['health/get']({ context: context({ projects: ['MKT'], jql: 'project = MKT' }) })).toMatchObject({
      ok: false,
      error: {
        code: 'GADGET.NOT_CONFIGURED',
        message: 'configure this gadget: projects: choose at least one project, or write a JQL query (not both)',
      },
    });
  });

  it('runs only in a gadget', async () => {
    const { handlers } = setup();
    expect(await handlers['health/get']({ context: { extension: {} } })).toMatchObject({
      ok: false,
      error: { code: 'CONTEXT.NO_GADGET' },
    });
  });
});

describe('the Triage queue gadget resolver', () => {
  const queueSetup = () => {
    const world = setup();
    const add = (id: string, key: string, status: string, scores: [number, number, number, number] | null) =>
      world.jira.addIssue({
        id,
        key,
        summary: `Request ${key}`,
        status,
        created: '2026-06-20T09:00:00.000+0000',
        ...(scores ? { app: { impact: scores[0], confidence: scores[1], effort: scores[2], risk: scores[3] } } : {}),
      });
    add('20001', 'MKT-11', 'Triage', [2, 2, 4, 1]);
    add('20002', 'MKT-12', 'Triage', [5, 4, 2, 4]);
    add('20003', 'MKT-13', 'Waiting', null);
    world.store.data.set(storageKeys.stageLog('20002'), [
      { at: '2026-06-22T09:00:00.000Z', fromStatus: 'Intake', toStatus: 'Triage', fromStage: 'intake', toStage: 'triage', by: 'acc-ops' },
    ]);
    return world;
  };

  it('ranks the requests awaiting a decision, with score, recommendation, tier, age and SLA', async () => {
    const { handlers, context, jira } = queueSetup();
    const answer = await handlers['triage/get']({ context: context({ projects: ['MKT'] }) });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const { entries } = answer.data;
    expect(entries.map((entry) => [entry.key, entry.score, entry.recommendation, entry.tier])).toEqual([
      ['MKT-12', 80, 'accept', 'regulated'],
      ['MKT-11', 8, 'decline', 'low-risk'],
      ['MKT-13', null, null, null],
    ]);
    // In triage since 2026-06-22 09:00 (the stage log), eight days ago; 6 business days against a budget of 3.
    expect(entries[0]!.ageDays).toBeCloseTo(7 + 15 / 24, 10);
    expect(entries[0]!.sla).toEqual({ state: 'escalated', budget: 3, used: 6 });
    expect(entries[2]!.sla).toBeNull();
    expect(jira.queries.at(-1)).toBe('project in (MKT) AND status in ("Triage", "Waiting") ORDER BY created ASC');
  });

  it("shows each request's launch date if accepted today, from the last refresh, against the date asked for", async () => {
    const { handlers, context, jira, store } = queueSetup();
    jira.issue('20002').duedate = '2026-07-20';
    store.data.set(storageKeys.forecastSummary, {
      version: 1,
      computedAt: '2026-06-30T00:00:00.000Z',
      basis: 40,
      throughputNext4Weeks: null,
      backtest: null,
      atRisk: [],
      ifAccepted: { '20002': ['2026-07-24', 0.6] },
    });
    const answer = await handlers['triage/get']({ context: context({ projects: ['MKT'] }) });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.data.entries.map(({ key, dueDate, ifAccepted }) => ({ key, dueDate, ifAccepted }))).toEqual([
      { key: 'MKT-12', dueDate: '2026-07-20', ifAccepted: { launchP85: '2026-07-24', onTimeProbability: 0.6 } },
      { key: 'MKT-11', dueDate: null, ifAccepted: null },
      { key: 'MKT-13', dueDate: null, ifAccepted: null },
    ]);
  });

  it('serves the queue from a short cache, and fresh on request', async () => {
    const { handlers, context, jira } = queueSetup();
    await handlers['triage/get']({ context: context({ projects: ['MKT'] }) });
    const searches = () => jira.requests.filter((request) => request.path === '/rest/api/3/search/jql').length;
    expect(await handlers['triage/get']({ context: context({ projects: ['MKT'] }) })).toMatchObject({
      ok: true,
      data: { fromCache: true },
    });
    expect(searches()).toBe(1);
    expect(await handlers['triage/get']({ payload: { fresh: true }, context: context({ projects: ['MKT'] }) })).toMatchObject({
      ok: true,
      data: { fromCache: false },
    });
    expect(searches()).toBe(2);
  });

  it('quotes status names in its JQL', () => {
    expect(triageQueueJql(['MKT', 'OPS'], { ...DEFAULT_CONFIG.statusMap, triage: ['Triage "new"'], waiting: ['On Hold'] })).toBe(
      'project in (MKT, OPS) AND status in ("Triage \\"new\\"", "On Hold") ORDER BY created ASC',
    );
  });
});
