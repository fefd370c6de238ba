import { present } from '../../src/domain/present';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import type { RefreshJob } from '../../src/contracts/metrics-store.schema';
import { bucketOf, MERGE_GROUPS } from '../../src/domain/metrics/history-buckets';
import { workflowReport } from '../../src/domain/metrics/workflow-metrics';
import { RETIRED_REVISION, storageKeys } from '../../src/use-cases/ports';
import { issueDeletedHandler } from '../../src/handlers/triggers/issue-deleted.trigger';
import { readAllHistories, requestRefresh, runRefreshPage, startRefresh, type RefreshStepDeps } from '../../src/use-cases/refresh-metrics';
import { TestJira } from '../fakes/test-jira';
import { fetchAllPages } from '../fakes/fetch-all-pages';
import { MemoryStore } from '../fakes/memory-store';
import { testDeps } from '../fakes/site-deps';

const TRACK = ['Intake', 'Triage', 'Planning', 'Build', 'QA + Governance', 'Launch'];

const seeded = (count: number) => {
  const jira = new TestJira();
  jira.searchPageCap = 40;
  for (let i = 1; i <= count; i++) {
    const moves = 1 + (i % 5);
    const { id } = jira.addIssue({ id: String(20_000 + i), key: `MKT-${i}`, status: present(TRACK[moves]), duedate: '2026-06-20' });
    for (let m = 0; m < moves; m++)
      jira.addStatusChange(id, `2026-06-0${m + 2}T09:00:00.000+0000`, present(TRACK[m]), present(TRACK[m + 1]));
  }
  return jira;
};

/** Runs a whole refresh the way the queue would: one page per event until there is no next job. */
const refreshAll = async (deps: RefreshStepDeps) => {
  let job: Awaited<ReturnType<typeof startRefresh>> | null = await startRefresh(deps, DEFAULT_CONFIG);
  const jobs = [];
  while (job !== null) {
    jobs.push(job);
    const outcome = await runRefreshPage(deps, job);
    if (!outcome.ok) throw new Error(outcome.error.message);
    job = outcome.value.next;
  }
  return jobs;
};

describe('metrics refresh', () => {
  const now = new Date('2026-06-30T00:00:00.000Z');

  it('backfills every page into the buckets and reports exactly what a direct fetch reports', async () => {
    const jira = seeded(100);
    const store = new MemoryStore();
    const deps = testDeps(jira, store, now)();
    const jobs = await refreshAll(deps);
    // Three search pages staged, merged a group of buckets at a time, then the views and the watermark.
    expect(jobs.map((job) => job.step ?? 'fetch')).toEqual([
      'fetch',
      'fetch',
      'fetch',
      ...Array<string>(MERGE_GROUPS).fill('merge'),
      'views',
    ]);
    expect(jobs.filter((job) => job.step === undefined).map((job) => job.page)).toEqual([0, 1, 2]);
    expect(jobs[0]?.jql).toBe(DEFAULT_CONFIG.metricsJql);
    expect([...store.data.keys()].filter((key) => key.startsWith('metrics:staged:'))).toEqual([]);

    const stored = await readAllHistories(store);
    const direct = await fetchAllPages(deps.jira, DEFAULT_CONFIG.metricsJql);
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(workflowReport([...stored].sort(byKey), DEFAULT_CONFIG.statusMap, now.getTime())).toEqual(
      workflowReport([...direct.histories].sort(byKey), DEFAULT_CONFIG.statusMap, now.getTime()),
    );
    expect(store.data.get(storageKeys.metricsState)).toEqual({
      schemaVersion: 1,
      watermark: now.toISOString(),
      lastCompletedAt: now.toISOString(),
      lastStartedAt: now.toISOString(),
    });
  });

  it('refreshes the rest of a page when the data of one issue does not read, and names the one left out', async () => {
    const jira = seeded(100);
    // A history with no real instant: the whole page, and so the whole refresh, used to stop on it.
    const histories = jira.issue('20007').histories;
    histories[0] = { ...present(histories[0]), created: 'yesterday' };
    const store = new MemoryStore();
    const deps = testDeps(jira, store, now)();
    const first = await runRefreshPage(deps, await startRefresh(deps, DEFAULT_CONFIG));
    expect(first.ok && first.value.skipped).toEqual([
      expect.stringMatching(/^issues\[\d+\] \(MKT-7\): its status history does not read: changelogs\[6\]/),
    ]);
    await refreshAll(deps);
    const stored = await readAllHistories(store);
    expect(stored).toHaveLength(99);
    expect(stored.some((history) => history.key === 'MKT-7')).toBe(false);
  });

  it('keeps the status history of an issue whose summary property does not read, and names it as counted, not left out', async () => {
    const jira = seeded(100);
    // Anyone who can edit an issue can write its properties over REST.
    jira.issue('20007').properties['flight-plan-summary'] = { tier: 'revenue', campaign: ' ' };
    const store = new MemoryStore();
    const deps = testDeps(jira, store, now)();
    const first = await runRefreshPage(deps, await startRefresh(deps, DEFAULT_CONFIG));
    // Before, MKT-7 was named among the issues left out, and counted all the same.
    expect(first.ok && first.value.skipped).toEqual([]);
    expect(first.ok && first.value.partlyRead).toEqual([expect.stringContaining('MKT-7')]);
    await refreshAll(deps);
    const stored = await readAllHistories(store);
    expect(stored).toHaveLength(100);
    expect(stored.find((history) => history.key === 'MKT-7')?.changes.length).toBeGreaterThan(0);
  });

  it('writes each bucket once per backfill: storage written stays within twice what is finally stored', async () => {
    const jira = seeded(3_000);
    jira.searchPageCap = 300;
    const store = new MemoryStore();
    const jobs = await refreshAll(testDeps(jira, store, now)());
    expect(jobs.filter((job) => job.step === undefined)).toHaveLength(10);
    const sizeOf = (prefix: string) =>
      [...store.data].filter(([key]) => key.startsWith(prefix)).reduce((total, [, value]) => total + JSON.stringify(value).length, 0);
    const stored = sizeOf('metrics:bucket:');
    // Rewriting every bucket after each of the 10 pages wrote about 5 times the final size. The
    // forecasts the last step stores are written once, beside the buckets.
    expect(store.bytesWritten - sizeOf('forecast:')).toBeLessThanOrEqual(2 * stored);
    expect((await readAllHistories(store)).length).toBe(3_000);
  });

  it('merges a retried step again without harm, and deletes what a stopped refresh staged', async () => {
    const jira = seeded(100);
    const store = new MemoryStore();
    const deps = testDeps(jira, store, now)();
    const stopped = storageKeys.metricsStaged(0, Date.parse('2026-06-28T00:00:00.000Z').toString(36), 0, 0);
    store.data.set(stopped, { buckets: {} });
    const jobs: RefreshJob[] = [];
    let job: RefreshJob | null = await startRefresh(deps, DEFAULT_CONFIG);
    while (job !== null) {
      jobs.push(job);
      const outcome = await runRefreshPage(deps, job);
      if (!outcome.ok) throw new Error(outcome.error.message);
      if (job.step === 'merge' && job.group === 0) {
        const again = await runRefreshPage(deps, job);
        expect(again.ok).toBe(true);
      }
      job = outcome.value.next;
    }
    expect(store.data.has(stopped)).toBe(false);
    expect((await readAllHistories(store)).length).toBe(100);
  });

  it('asks only for what changed since the watermark on the next refresh', async () => {
    const jira = seeded(5);
    const store = new MemoryStore();
    await refreshAll(testDeps(jira, store, now)());
    const later = new Date(now.getTime() + 60 * 60_000);
    const [job] = await refreshAll(testDeps(jira, store, later)());
    expect(job?.jql).toBe('(issuetype = "Marketing Request") AND updated >= "-65m" ORDER BY created ASC');
  });

  it('is idempotent: a retried page writes the same buckets again', async () => {
    const jira = seeded(30);
    const store = new MemoryStore();
    const deps = testDeps(jira, store, now)();
    const job = await startRefresh(deps, DEFAULT_CONFIG);
    await runRefreshPage(deps, job);
    const first = JSON.stringify([...store.data].sort());
    await runRefreshPage(deps, job);
    expect(JSON.stringify([...store.data].sort())).toBe(first);
  });

  it('rebuilds a corrupt bucket and forces a full backfill next time', async () => {
    const jira = seeded(10);
    const store = new MemoryStore();
    const deps = testDeps(jira, store, now)();
    store.data.set(storageKeys.metricsBucket(bucketOf('20001')), {
      statuses: [],
      issues: { '20001': { key: 'MKT-1', createdAt: 'yesterday' } },
    });
    await refreshAll(deps);
    expect(store.data.get(storageKeys.metricsState)).toEqual({
      schemaVersion: 1,
      watermark: null,
      lastCompletedAt: now.toISOString(),
      lastStartedAt: now.toISOString(),
    });
    expect((await readAllHistories(store)).map((h) => h.key)).toContain('MKT-1');
    expect((await startRefresh(deps, DEFAULT_CONFIG)).jql).toBe(DEFAULT_CONFIG.metricsJql);
  });

  it('spreads issue ids evenly over the buckets', () => {
    const counts = new Array<number>(256).fill(0);
    for (let id = 10_000; id < 110_000; id++) counts[bucketOf(String(id))]! += 1;
    expect(Math.max(...counts)).toBeLessThan(2 * (100_000 / 256));
    expect(Math.min(...counts)).toBeGreaterThan(0.5 * (100_000 / 256));
  });

  describe('a request Jira deleted', () => {
    const DELETED = '20003';
    /** Jira deletes the issue, then runs the app's issue-deleted trigger, as on a site. */
    const deleteIssue = async (jira: TestJira, store: MemoryStore, at: Date) => {
      const issues = jira.store.data.issues;
      issues.splice(
        issues.findIndex((issue) => issue.id === DELETED),
        1,
      );
      expect(
        await issueDeletedHandler(() => ({ store, now: at }))({
          eventType: 'avi:jira:deleted:issue',
          issue: { id: DELETED, key: 'MKT-3' },
        }),
      ).toBeUndefined();
    };
    const bucketHolds = (store: MemoryStore, id: string) =>
      Object.hasOwn((store.data.get(storageKeys.metricsBucket(bucketOf(id))) as { issues: object }).issues, id);
    const forecastGroupsHold = (store: MemoryStore, id: string) =>
      [...store.data]
        .filter(([key]) => key.startsWith('forecast:group:'))
        .some(([, group]) => Object.hasOwn((group as { forecasts: object }).forecasts, id));

    it('counts in no history or forecast once the trigger ran, and the next refresh takes it out of its bucket', async () => {
      // Before, its history stayed in its bucket for good: every report, forecast and backtest still counted it.
      // Sixty requests, twelve of them launched: enough for forecasts (MIN_FORECAST_BASIS).
      const jira = seeded(60);
      const store = new MemoryStore();
      await refreshAll(testDeps(jira, store, now)());
      expect(bucketHolds(store, DELETED)).toBe(true);
      expect(forecastGroupsHold(store, DELETED)).toBe(true);

      await deleteIssue(jira, store, now);
      expect(store.revisions.get(storageKeys.record(DELETED))).toBe(RETIRED_REVISION);
      // Before any refresh: a gadget computing now reads no history of it.
      expect((await readAllHistories(store)).map((history) => history.id)).not.toContain(DELETED);
      expect(await readAllHistories(store)).toHaveLength(59);

      // The hourly refresh two hours on (nothing changed, so no page names it) rewrites its bucket without it.
      const later = new Date(now.getTime() + 2 * 60 * 60_000);
      await refreshAll(testDeps(jira, store, later)());
      expect(bucketHolds(store, DELETED)).toBe(false);
      expect(forecastGroupsHold(store, DELETED)).toBe(false);
      expect(Object.keys((store.data.get(storageKeys.forecastSummary) as { ifAccepted: object }).ifAccepted)).not.toContain(DELETED);
      // Its mark is gone too: no refresh started before the deletion can still merge, so the store keeps nothing of it.
      expect(store.data.has(storageKeys.deletedIssue(DELETED))).toBe(false);
      expect([...store.data.keys()].filter((key) => key.endsWith(`:${DELETED}`))).toEqual([]);
      // And the guards the deletion retired (so no write read before it could store its record again) are released.
      expect([...store.revisions.keys()].filter((key) => key.endsWith(`:${DELETED}`))).toEqual([]);
    });

    it('is not brought back by a page a running backfill fetched before the deletion', async () => {
      const jira = seeded(100);
      const store = new MemoryStore();
      const deps = testDeps(jira, store, now)();
      // Started as the schedule and the gadgets start one, so the store says a refresh is under way.
      const queued: RefreshJob[] = [];
      await requestRefresh({ ...deps, enqueue: async (first) => void queued.push(first) }, DEFAULT_CONFIG, 'schedule');
      let job: RefreshJob | null = queued[0] ?? null;
      // The backfill stages its three search pages (the request among them)…
      while (job !== null && job.step !== 'merge') {
        const outcome = await runRefreshPage(deps, job);
        if (!outcome.ok) throw new Error(outcome.error.message);
        job = outcome.value.next;
      }
      expect([...store.data.keys()].some((key) => key.startsWith('metrics:staged:'))).toBe(true);
      // …then Jira deletes it, and the merges run after.
      await deleteIssue(jira, store, now);
      while (job !== null) {
        const outcome = await runRefreshPage(deps, job);
        if (!outcome.ok) throw new Error(outcome.error.message);
        job = outcome.value.next;
      }
      expect(store.data.has(storageKeys.metricsBucket(bucketOf(DELETED)))).toBe(true);
      expect(bucketHolds(store, DELETED)).toBe(false);
      expect(await readAllHistories(store)).toHaveLength(99);
      // A refresh that started before the deletion could still be merging: the mark stays until none can.
      expect(store.data.has(storageKeys.deletedIssue(DELETED))).toBe(true);
    });
  });
});
