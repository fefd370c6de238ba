/**
 * The metrics refresh on an in-memory Jira and store: a backfill of N changed issues (`benchRefresh`), and the world it
 * runs on. `npm run bench` runs the backfills in a process of their own (`backfillsInOwnProcess`), or alone:
 * `node --expose-gc --max-semi-space-size=64 --import tsx bench/refresh.ts`; bench/health-gadget.ts loads a gadget on
 * the same world.
 *
 * Why their own process, with a 64 MB young generation: the app's time per issue includes the young-generation
 * collections that fall inside it, and here those grow with the harness: the in-memory Jira holds every issue and
 * scans them all for each search page (its own time is left out, and grows with N²). With `--trace-gc`, the 100,000
 * backfill's process spent 4.0 s in 742 scavenges against 0.18 s in 50 for 10,000 (world building included). Best
 * of 3, with V8's default young generation: 82.8 µs an issue at 100,000 against 63.9 µs at 10,000 (1.30×); with 64 MB,
 * 66.6 µs against 69.2 µs (0.96×). Run after the other benches in one process, the heap they left weighed on the
 * larger backfill too (1.23× for the single runs that gave 1.10× alone). A refresh job on Forge runs each page in an
 * invocation of its own, beside no in-memory Jira.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { RefreshJob } from '../src/contracts/metrics-store.schema';
import { runRefreshPage, startRefresh } from '../src/use-cases/refresh-metrics';
import { serializedSize } from '../src/use-cases/ports';
import { MemoryStore } from '../test/fakes/memory-store';
import { testDeps } from '../test/fakes/jira-deps';
import { prepareTestJira, TestJira } from '../test/fakes/test-jira';

/** The stages a synthetic request walks, in order. */
export const TRACK = ['Intake', 'Triage', 'Planning', 'Build', 'QA + Governance', 'Launch', 'Measure + Improve', 'Done'];

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** A full collection, when node runs with --expose-gc (the bench scripts pass it). */
export const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

export interface RefreshFigures {
  readonly msPerIssue: number;
}

/** An in-memory Jira with `count` issues of 8 status changes each, and a store with one Workflow health configuration asked for. */
export const refreshWorld = (count: number) => {
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
export const benchRefresh = async (count: number, world = refreshWorld(count)): Promise<RefreshFigures> => {
  const { jira, store } = world;
  const deps = testDeps(jira, store, new Date('2026-06-30T00:00:00.000Z'))();
  // The sandbox's Jira runs the JQL over every issue again for each page (it keeps no index, as Jira does), so its own
  // time grows with N²; the app's time per issue leaves out the time the site spends answering.
  const handle = jira.site.handle.bind(jira.site);
  let siteMs = 0;
  jira.site.handle = async (request) => {
    const answering = performance.now();
    try {
      return await handle(request);
    } finally {
      siteMs += performance.now() - answering;
    }
  };
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
  jira.site.handle = handle;
  const written = store.bytesWritten - bytesBefore;
  const stored = [...store.data]
    .filter(([key]) => key.startsWith('metrics:bucket:'))
    .reduce((total, [, value]) => total + serializedSize(value), 0);
  let bulkPages = 0;
  for (let start = 0; start < count; start += 1_000) bulkPages += Math.ceil((Math.min(1_000, count - start) * 8) / 10_000);
  const bound = Math.ceil(count / 5_000) + bulkPages;
  const msPerIssue = (elapsed - siteMs) / count;
  console.log(
    `backfill of ${count.toLocaleString('en')} changed issues: ${requests} Jira requests, lower bound ${bound} (${(requests / bound).toFixed(2)}×); ` +
      `storage written ${mb(written)} for ${mb(stored)} stored = ${(written / stored).toFixed(2)}× (target ≤ 2×); ` +
      `${elapsed.toFixed(0)} ms with the sandbox's Jira and the in-memory store, of which the app ${(elapsed - siteMs).toFixed(0)} ms, ` +
      `${(msPerIssue * 1_000).toFixed(1)} µs an issue`,
  );
  return { msPerIssue };
};

/**
 * Backfills of 10,000, 50,000 and 100,000 issues, and how the time per issue grows from the first to the last: each
 * end of that ratio is the best of 3 backfills, since one backfill's time per issue varied by a fifth from run to run
 * on the shared two-core machine (10,000 issues: 79–117 µs).
 */
const benchBackfills = async (): Promise<void> => {
  const best = async (count: number): Promise<number> => {
    let fastest = Infinity;
    for (let run = 0; run < 3; run++) fastest = Math.min(fastest, (await benchRefresh(count)).msPerIssue);
    return fastest;
  };
  const small = await best(10_000);
  await benchRefresh(50_000);
  const large = await best(100_000);
  console.log(
    `backfill time per issue at 100,000 against 10,000, best of 3 each: ${(large * 1_000).toFixed(1)} µs against ` +
      `${(small * 1_000).toFixed(1)} µs, ${(large / small).toFixed(2)}× (target ≤ 1.2×)`,
  );
};

/**
 * Runs a bench script in a node process of its own, with V8 flags its figures need and `--expose-gc`, and prints what it
 * printed: a process's heap and its collector's settings are then the script's alone.
 */
export const benchInOwnProcess = (script: string, v8Flags: readonly string[], args: readonly string[] = []): void => {
  const output = execFileSync(process.execPath, ['--expose-gc', ...v8Flags, '--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  process.stdout.write(output);
};

export const backfillsInOwnProcess = (): void => benchInOwnProcess(__filename, ['--max-semi-space-size=64']);

if (require.main === module) {
  void (async () => {
    await prepareTestJira();
    await benchBackfills();
  })();
}
