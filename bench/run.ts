/**
 * `npm run bench`: prints figures, never pass/fail.
 * - metrics engine throughput (status changes per second) and memory at 10k and 100k issues;
 * - gate evaluation time for one request (what a validator spends besides its I/O);
 * - Custom UI bundle sizes per module (gzip), from the last `npm run build:ui`;
 * - gadget loads (cold and warm) and a scheduled reminder run: Jira requests and storage reads;
 * - Set up project: Jira requests of a dry run, a first and a second project, and a run with nothing to do;
 * - launch forecasts: the time for 1,000 open requests, and the backtest's calibration (bench/forecast.ts);
 * - the metrics command's process on a 10,000-issue export, against the floor of reading and parsing it (bench/metrics-cli.ts).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG } from '../src/domain/app-config';
import { emptyRecord } from '../src/domain/flight-plan-record';
import { evaluateGate } from '../src/domain/gates/evaluate-gate';
import { GATES } from '../src/domain/gates/gate-items';
import type { IssueHistory, StatusChange } from '../src/domain/metrics/issue-metrics';
import { EMPTY_BUCKET, groupByBucket, withFreshHistories } from '../src/domain/metrics/history-buckets';
import { issueMetrics } from '../src/domain/metrics/issue-metrics';
import { stageLookup, workflowReport } from '../src/domain/metrics/workflow-metrics';
import { runRefreshPage, startRefresh } from '../src/use-cases/refresh-metrics';
import type { RefreshJob } from '../src/contracts/metrics-store.schema';
import { completeFacts, completeRecord, NOW } from '../test/fakes/fixtures';
import { MemoryStore } from '../test/fakes/memory-store';
import { testDeps } from '../test/fakes/jira-deps';
import { prepareTestJira, TestJira } from '../test/fakes/test-jira';
import { benchBundleSizes } from './bundle-sizes';
import { benchForecasts } from './forecast';
import { benchMetricsCommand } from './metrics-cli';
import { runRemindersPage, startReminders } from '../src/use-cases/run-reminders';
import type { ReminderJob } from '../src/contracts/reminders.schema';
import { gadgetHandlers } from '../src/handlers/resolvers/gadgets.resolver';
import { serializedSize, storageKeys } from '../src/use-cases/ports';
import type { JiraTransport } from '../src/adapters/jira-client';
import { planProjectSetup, type SetupDeps } from '../src/use-cases/set-up-project';
import { userByRole } from '../sandbox/catalogue';
import { isRead, runSetupToEnd, setupDepsOnSite } from '../sandbox/seed';
import { sandboxSite } from '../test/sandbox/sandbox-site';
import { present } from '../src/domain/present';

/** A small deterministic generator, so every run measures the same data. */
const random = (seed: number) => () => {
  seed = (seed * 1_664_525 + 1_013_904_223) >>> 0;
  return seed / 2 ** 32;
};

const TRACK = ['Intake', 'Triage', 'Planning', 'Build', 'QA + Governance', 'Launch', 'Measure + Improve', 'Done'];
const HOUR = 3_600_000;

/** Issues walking the track with ~8 status changes each: some rework loops, some parked. */
const synthetic = (count: number): IssueHistory[] => {
  const next = random(42);
  const start = Date.parse('2025-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const createdAt = start + Math.floor(next() * 365 * 24) * HOUR;
    const changes: StatusChange[] = [];
    let at = createdAt;
    let position = 0;
    while (changes.length < 8 && position < TRACK.length - 1) {
      at += Math.floor(1 + next() * 96) * HOUR;
      const back = position >= 3 && next() < 0.2;
      const to = back ? position - 1 : position + 1;
      changes.push({ at, fromStatus: TRACK[position] as string, toStatus: TRACK[to] as string });
      position = to;
    }
    return {
      id: String(10_000 + i),
      key: `MKT-${i + 1}`,
      createdAt,
      dueDate: '2025-09-30',
      currentStatus: TRACK[position] as string,
      changes,
    };
  });
};

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const benchEngine = (count: number): void => {
  const histories = synthetic(count);
  const changes = histories.reduce((total, h) => total + h.changes.length, 0);
  const now = Date.parse('2026-01-01T00:00:00Z');
  workflowReport(histories.slice(0, 1_000), DEFAULT_CONFIG.statusMap, now); // warm-up
  gc();
  const best = (run: () => void): number => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      run();
      times.push(performance.now() - started);
    }
    return Math.min(...times);
  };
  const stageOf = stageLookup(DEFAULT_CONFIG.statusMap);
  const core = best(() => {
    for (const history of histories) issueMetrics(history, stageOf, now);
  });
  const full = best(() => workflowReport(histories, DEFAULT_CONFIG.statusMap, now));
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const report = workflowReport(histories, DEFAULT_CONFIG.statusMap, now);
  const heapWithReport = process.memoryUsage().heapUsed;
  if (report.summary.count !== count) throw new Error('engine lost issues');
  const rate = (ms: number): string => Math.round(changes / (ms / 1_000)).toLocaleString('en');
  console.log(
    `metrics, ${count.toLocaleString('en')} issues, ${changes.toLocaleString('en')} status changes (best of 5):\n` +
      `  per-issue engine ${core.toFixed(0)} ms → ${rate(core)} status changes/s\n` +
      `  full report (engine + per-issue output + summary) ${full.toFixed(0)} ms → ${rate(full)} status changes/s\n` +
      `  memory: input ${mb(heapBefore)} heap, report ${mb(heapWithReport - heapBefore)} more, rss ${mb(process.memoryUsage().rss)}`,
  );
};

/** Stored size of the metrics history buckets at 100k issues, against the 240 KiB KVS value limit. */
const benchBuckets = (count: number): void => {
  const sizes = [...groupByBucket(synthetic(count)).values()].map((histories) =>
    Buffer.byteLength(JSON.stringify(withFreshHistories(EMPTY_BUCKET, histories)), 'utf8'),
  );
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(
    `history buckets, ${count.toLocaleString('en')} issues: ${sizes.length} buckets, ${mb(total)} in all, ` +
      `largest ${(Math.max(...sizes) / 1024).toFixed(0)} KiB of 240 KiB, ${(total / count).toFixed(0)} bytes an issue`,
  );
};

const benchGates = (): void => {
  const record = completeRecord('regulated');
  const facts = completeFacts();
  const iterations = 20_000;
  for (const [label, rec] of [
    ['complete regulated record', record],
    ['empty record', emptyRecord('1')],
  ] as const) {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) for (const gate of GATES) evaluateGate(gate, rec, facts, DEFAULT_CONFIG, NOW);
    const perGate = ((performance.now() - started) * 1_000) / (iterations * GATES.length);
    console.log(
      `gate evaluation, ${label}: ${perGate.toFixed(1)} µs per gate (mean of ${(iterations * GATES.length).toLocaleString('en')})`,
    );
  }
};

interface RefreshFigures {
  readonly msPerIssue: number;
}

/** An in-memory Jira with `count` issues of 8 status changes each, and a store with one Workflow health configuration asked for. */
const refreshWorld = (count: number) => {
  const jira = new TestJira();
  for (let i = 1; i <= count; i++) {
    const { id } = jira.addIssue({
      id: String(100_000 + i),
      key: `MKT-${i}`,
      status: TRACK[8 - (i % 3)] ?? 'Done',
      created: '2026-05-02T09:00:00.000+0000',
      duedate: '2026-06-30',
    });
    for (let h = 0; h < 8; h++)
      jira.addStatusChange(
        id,
        `2026-05-${String(3 + h * 3).padStart(2, '0')}T09:00:00.000+0000`,
        TRACK[h] ?? 'Intake',
        TRACK[h + 1] ?? 'Done',
      );
  }
  jira.browseProjects.set('acc-lead', new Set([jira.projectId('MKT')]));
  return { jira, store: new MemoryStore() };
};

/**
 * A backfill of N changed issues (8 status changes each), the real refresh path (the jobs a queue
 * would carry, one step each) on an in-memory Jira and store: Jira requests against the lower
 * bound (⌈N/5000⌉ search pages plus the bulkfetch pages the changelogs need), the storage bytes
 * written against the size finally stored (target at most 2×), and the time per issue.
 */
const benchRefresh = async (count: number, world = refreshWorld(count)): Promise<RefreshFigures> => {
  const { jira, store } = world;
  const deps = testDeps(jira, store, new Date('2026-06-30T00:00:00.000Z'))();
  gc();
  const bytesBefore = store.bytesWritten;
  const started = performance.now();
  let requests = 0;
  let job: RefreshJob | null = await startRefresh(deps, { metricsJql: 'project = MKT' });
  while (job !== null) {
    const outcome = await runRefreshPage(deps, job);
    if (!outcome.ok) throw new Error(outcome.error.message);
    requests += outcome.value.requests;
    job = outcome.value.next;
  }
  const elapsed = performance.now() - started;
  const written = store.bytesWritten - bytesBefore;
  const stored = [...store.data]
    .filter(([key]) => key.startsWith('metrics:bucket:'))
    .reduce((total, [, value]) => total + serializedSize(value), 0);
  let bulkPages = 0;
  for (let start = 0; start < count; start += 1_000) bulkPages += Math.ceil((Math.min(1_000, count - start) * 8) / 10_000);
  const bound = Math.ceil(count / 5_000) + bulkPages;
  const msPerIssue = elapsed / count;
  console.log(
    `backfill of ${count.toLocaleString('en')} changed issues: ${requests} Jira requests, lower bound ${bound} (${(requests / bound).toFixed(2)}×); ` +
      `storage written ${mb(written)} for ${mb(stored)} stored = ${(written / stored).toFixed(2)}× (target ≤ 2×); ` +
      `${elapsed.toFixed(0)} ms, ${(msPerIssue * 1_000).toFixed(1)} µs an issue, with the in-memory Jira and store`,
  );
  return { msPerIssue };
};

/**
 * A Workflow health gadget over N stored issues, its configuration already on a dashboard: the
 * first load after a refresh (cold) and the next (warm). Target: cold within 3× warm.
 */
const benchHealthGadget = async (count: number): Promise<void> => {
  const world = refreshWorld(count);
  const { jira, store } = world;
  let now = new Date('2026-06-30T00:00:00.000Z');
  const deps = () => {
    const runtime = testDeps(jira, store, now)();
    return { ...runtime, jiraAsUser: runtime.jira, enqueue: async () => undefined };
  };
  const handler = present(gadgetHandlers(deps)['health/get']);
  const context = { accountId: 'acc-lead', extension: { gadgetConfiguration: { projects: ['MKT'], periodDays: 90, tier: 'all' } } };
  const load = async (): Promise<{ ms: number; requests: number; reads: number; fromCache: boolean }> => {
    const requests = jira.requests.length;
    const reads = store.reads;
    const started = performance.now();
    const answer = await handler({ context });
    if (!answer.ok) throw new Error(answer.error.message);
    return {
      ms: performance.now() - started,
      requests: jira.requests.length - requests,
      reads: store.reads - reads,
      fromCache: (answer.data as { fromCache: boolean }).fromCache,
    };
  };
  await load(); // the dashboard has this configuration
  await benchRefresh(count, world);
  // Each round completes a refresh again (its last step, which computes the views), then loads twice.
  const rounds: { cold: Awaited<ReturnType<typeof load>>; warm: Awaited<ReturnType<typeof load>> }[] = [];
  for (let round = 0; round < 3; round++) {
    if (round > 0) {
      now = new Date(now.getTime() + 60_000);
      const completed = await runRefreshPage(deps(), { jql: 'project = MKT', startedAt: now.toISOString(), page: 0, step: 'views' });
      if (!completed.ok) throw new Error(completed.error.message);
    }
    // The viewer comes later than the refresh job: let the collector finish with the refresh's garbage first.
    gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cold = await load();
    rounds.push({ cold, warm: await load() });
  }
  const best = (pick: (r: (typeof rounds)[number]) => number): number => Math.min(...rounds.map(pick));
  const { cold, warm } = present(rounds[0]);
  const coldMs = best((r) => r.cold.ms);
  const warmMs = best((r) => r.warm.ms);
  const cached = present([...store.data.keys()].find((key) => key.startsWith('gadget:health:')));
  console.log(
    `Workflow health gadget, ${count.toLocaleString('en')} issues, first load after a refresh (best of 3 refreshes): cold ${coldMs.toFixed(1)} ms (${cold.fromCache ? 'a read' : 'computed'}), ${cold.requests} Jira requests, ${cold.reads} storage reads; ` +
      `warm ${warmMs.toFixed(1)} ms, ${warm.requests} Jira requests, ${warm.reads} storage read; cold ${(coldMs / warmMs).toFixed(1)}× warm (target ≤ 3×); cached view ${(serializedSize(store.data.get(cached)) / 1024).toFixed(0)} KiB`,
  );
};

/** One scheduled reminder run over `count` open requests, a tenth of them past their SLA: Jira requests and time. */
const benchReminders = async (count: number): Promise<void> => {
  const jira = new TestJira();
  const store = new MemoryStore();
  const now = new Date('2026-06-10T12:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const id = String(20_000 + i);
    jira.addIssue({ id, key: `MKT-${i + 1}`, status: 'Build', assignee: 'acc-builder' });
    // Build allows 10 business days; every tenth request entered it 12 business days ago.
    const at = i % 10 === 0 ? '2026-05-25T09:00:00.000Z' : '2026-06-08T09:00:00.000Z';
    store.data.set(storageKeys.stageLog(id), [
      { at, fromStatus: 'Planning', toStatus: 'Build', fromStage: 'planning', toStage: 'build', by: null },
    ]);
  }
  const deps = testDeps(jira, store, now)();
  const run = async (): Promise<{ requests: number; posted: number; deferred: number; pages: number }> => {
    let job: ReminderJob | null = startReminders(DEFAULT_CONFIG, now);
    const totals = { requests: 0, posted: 0, deferred: 0, pages: 0 };
    while (job !== null) {
      const outcome = await runRemindersPage(deps, DEFAULT_CONFIG, job);
      if (!outcome.ok) throw new Error(outcome.error.message);
      totals.requests += outcome.value.requests;
      totals.posted += outcome.value.posted;
      totals.deferred += outcome.value.deferred;
      totals.pages++;
      job = outcome.value.next;
    }
    return totals;
  };
  const started = performance.now();
  const first = await run();
  const elapsed = performance.now() - started;
  const second = await run();
  console.log(
    `reminders over ${count.toLocaleString('en')} open requests (${count / 10} past their SLA): ${first.requests} Jira requests ` +
      `(${first.pages} searches, ${first.posted} comments), ${first.deferred} deferred, ${elapsed.toFixed(0)} ms; ` +
      `the next run: ${second.requests} requests, ${second.posted} comments`,
  );
};

/**
 * Set up project on the sandbox site (Jira's REST as the sandbox emulates it): the Jira requests
 * of a dry run, of a first project on a fresh site, of a second project, and of a run with nothing to do.
 */
const benchSetup = async (): Promise<void> => {
  const { jira, store } = sandboxSite();
  const admin = userByRole('admin').accountId;
  const measure = async (label: string, run: (deps: () => SetupDeps) => Promise<string>) => {
    let reads = 0;
    let writes = 0;
    const count =
      (inner: JiraTransport): JiraTransport =>
      (requestPath, init) => {
        if (isRead(init.method, requestPath)) reads++;
        else writes++;
        return inner(requestPath, init);
      };
    const started = performance.now();
    const runs = await run(() => setupDepsOnSite(jira, admin, new MemoryStore(), new Date(), count));
    console.log(
      `set up project, ${label}: ${reads + writes} Jira requests (${reads} reads, ${writes} writes) in ${runs}, ${(performance.now() - started).toFixed(0)} ms on the sandbox`,
    );
  };
  const untilDone = (projectKey: string) => async (deps: () => SetupDeps) => {
    const runs = await runSetupToEnd(deps, admin, projectKey);
    if (!runs.ok) return `a refusal (${runs.error.code})`;
    return `${runs.value.length} run${runs.value.length === 1 ? '' : 's'} (${present(runs.value.at(-1)).outcome})`;
  };
  await measure('dry run of a fresh site', async (deps) => ((await planProjectSetup(deps(), 'MKT')).ok ? '1 plan' : 'a failed plan'));
  await measure('first project on a fresh site', untilDone('MKT'));
  await measure('second project', untilDone('BRD'));
  await measure('a set-up project again', untilDone('MKT'));
  store.flush();
};

console.log(
  `node ${process.version}, ${process.arch}${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for steadier memory figures)'}`,
);
benchEngine(10_000);
benchEngine(100_000);
benchBuckets(100_000);
benchGates();
benchMetricsCommand(path.resolve(__dirname, '..'), synthetic(10_000));
benchBundleSizes(path.resolve(__dirname, '..'), {
  'issue-panel': { 'flight-plan-panel': 'src/Panel.tsx', 'flight-plan-badge': 'src/Badge.tsx' },
  gadgets: {
    'workflow-health-gadget': 'src/HealthGadget.tsx',
    'triage-queue-gadget': 'src/TriageGadget.tsx',
    'gadget edit view': 'src/GadgetEdit.tsx',
  },
  admin: { 'flight-plan-admin': 'index.html' },
});
void (async () => {
  await prepareTestJira();
  const small = await benchRefresh(10_000);
  await benchRefresh(50_000);
  const large = await benchRefresh(100_000);
  console.log(`backfill time per issue at 100,000 against 10,000: ${(large.msPerIssue / small.msPerIssue).toFixed(2)}× (target ≤ 1.2×)`);
  for (const count of [10_000, 100_000]) await benchHealthGadget(count);
  await benchReminders(1_000);
  await benchSetup();
  await benchForecasts();
})();
