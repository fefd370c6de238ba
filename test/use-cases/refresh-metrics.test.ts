import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { bucketOf } from '../../src/domain/metrics/history-buckets';
import { workflowReport } from '../../src/domain/metrics/workflow-metrics';
import { storageKeys } from '../../src/use-cases/ports';
import { readAllHistories, runRefreshPage, startRefresh, type RefreshDeps } from '../../src/use-cases/refresh-metrics';
import { FakeJira } from '../fakes/fake-jira';
import { fetchAllPages } from '../fakes/fetch-all-pages';
import { MemoryStore } from '../fakes/memory-store';
import { testDeps } from '../fakes/test-deps';

const TRACK = ['Intake', 'Triage', 'Planning', 'Build', 'QA + Governance', 'Launch'];

const seeded = (count: number) => {
  const jira = new FakeJira();
  jira.searchPageCap = 40;
  for (let i = 1; i <= count; i++) {
    const moves = 1 + (i % 5);
    const issue = jira.addIssue({ id: String(20_000 + i), key: `MKT-${i}`, fields: { status: { name: TRACK[moves] }, duedate: '2026-06-20' } });
    for (let m = 0; m < moves; m++) {
      issue.histories.push({ id: String(i * 10 + m), created: `2026-06-0${m + 2}T09:00:00.000+0000`, items: [{ field: 'status', fieldId: 'status', fromString: TRACK[m], toString: TRACK[m + 1] }] });
    }
  }
  return jira;
};

/** Runs a whole refresh the way the queue would: one page per event until there is no next job. */
const refreshAll = async (deps: RefreshDeps) => {
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
    expect(jobs.map((job) => job.page)).toEqual([0, 1, 2]);
    expect(jobs[0]?.jql).toBe(DEFAULT_CONFIG.metricsJql);

    const stored = await readAllHistories(store);
    const direct = await fetchAllPages(deps.jira, 'all');
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(workflowReport([...stored].sort(byKey), DEFAULT_CONFIG.statusMap, now.getTime())).toEqual(
      workflowReport([...direct.histories].sort(byKey), DEFAULT_CONFIG.statusMap, now.getTime()),
    );
    expect(store.data.get(storageKeys.metricsState)).toEqual({ schemaVersion: 1, watermark: now.toISOString(), lastCompletedAt: now.toISOString() });
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
    store.data.set(storageKeys.metricsBucket(bucketOf('20001')), { statuses: [], issues: { '20001': { key: 'MKT-1', createdAt: 'yesterday' } } });
    await refreshAll(deps);
    expect(store.data.get(storageKeys.metricsState)).toEqual({ schemaVersion: 1, watermark: null, lastCompletedAt: null });
    expect((await readAllHistories(store)).map((h) => h.key)).toContain('MKT-1');
    expect((await startRefresh(deps, DEFAULT_CONFIG)).jql).toBe(DEFAULT_CONFIG.metricsJql);
  });

  it('spreads issue ids evenly over the buckets', () => {
    const counts = new Array<number>(256).fill(0);
    for (let id = 10_000; id < 110_000; id++) counts[bucketOf(String(id))]! += 1;
    expect(Math.max(...counts)).toBeLessThan(2 * (100_000 / 256));
    expect(Math.min(...counts)).toBeGreaterThan(0.5 * (100_000 / 256));
  });
});
