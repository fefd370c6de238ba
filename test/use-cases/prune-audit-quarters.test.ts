import { describe, expect, it } from 'vitest';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import type { RefreshJob } from '../../src/contracts/metrics-store.schema';
import { scheduledRefreshHandler } from '../../src/handlers/scheduled/metrics-refresh.scheduled';
import type { JiraApi } from '../../src/use-cases/jira-port';
import { storageKeys } from '../../src/use-cases/ports';
import { pruneOldAuditQuarters } from '../../src/use-cases/quarterly-audit';
import { config } from '../fakes/fixtures';
import { MemoryStore } from '../fakes/memory-store';

const NOW = new Date('2026-06-30T00:00:00.000Z'); // 2026-Q2: the quarters kept are 2024-Q3 … 2026-Q2

/** One entry of each of the audit's four key families, in `quarter`, for request `issueId`. */
const entriesIn = (store: MemoryStore, quarter: string, issueId: string): void => {
  store.data.set(storageKeys.gateBlock(quarter, issueId, 1, 'qa', ['qa.forms-tested']), { gate: 'qa', items: ['qa.forms-tested'] });
  store.data.set(storageKeys.governance(quarter, issueId, 1), { key: 'MKT-1', by: 'a', at: 'x', action: 'waiver', detail: '' });
  store.data.set(storageKeys.libraryUse(quarter, issueId, 1), { key: 'MKT-1', claimIds: [], hitsResolved: 0 });
  store.data.set(storageKeys.approvalEvent(quarter, issueId, 'r1'), { events: [] });
};

const AUDIT_FAMILIES = /^(gateblock|governance|libraryuse|approvalevent):/;
const quartersHeld = (store: MemoryStore): string[] =>
  [...new Set([...store.data.keys()].filter((key) => AUDIT_FAMILIES.test(key)).map((key) => key.split(':')[1] ?? ''))].sort();

describe('pruning the quarterly audit', () => {
  it('deletes every entry of the quarters past the eight kept, keeps the kept ones, and remembers where it got to', async () => {
    // Before, every refusal, decision, library use and approval event stayed for ever: the key families only grew.
    const store = new MemoryStore();
    for (const quarter of ['2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3', '2025-Q1', '2026-Q2']) entriesIn(store, quarter, '10001');
    expect(await pruneOldAuditQuarters(store, NOW)).toBe(12);
    expect(quartersHeld(store)).toEqual(['2024-Q3', '2025-Q1', '2026-Q2']);
    expect(store.data.get(storageKeys.auditPrunedThrough)).toBe('2024-Q2');

    // The next run reads the mark and lists nothing more until another quarter falls out.
    const reads = store.reads;
    expect(await pruneOldAuditQuarters(store, NOW)).toBe(0);
    expect(store.reads - reads).toBe(1);
    expect(await pruneOldAuditQuarters(store, new Date('2026-07-01T00:00:00.000Z'))).toBe(4);
    expect(quartersHeld(store)).toEqual(['2025-Q1', '2026-Q2']);
  });

  it('deletes at most 250 keys a run, and marks a quarter pruned only once it is empty', async () => {
    const store = new MemoryStore();
    for (let n = 0; n < 70; n++) entriesIn(store, '2024-Q1', String(20_000 + n));
    entriesIn(store, '2024-Q2', '10001');
    expect(await pruneOldAuditQuarters(store, NOW)).toBe(250);
    expect(store.data.get(storageKeys.auditPrunedThrough)).toBe('2023-Q4');
    expect(await pruneOldAuditQuarters(store, NOW)).toBe(34);
    expect(quartersHeld(store)).toEqual([]);
    expect(store.data.get(storageKeys.auditPrunedThrough)).toBe('2024-Q2');
  });

  it('runs with the hourly metrics schedule, after the refresh is queued, which a failed prune does not hold up', async () => {
    const store = new MemoryStore();
    store.data.set(storageKeys.config, { schemaVersion: CURRENT_CONFIG_VERSION, revision: 1, config: config() });
    entriesIn(store, '2023-Q1', '10001');
    const queued: RefreshJob[] = [];
    const deps = () => ({ jira: {} as JiraApi, store, now: NOW, enqueue: async (job: RefreshJob) => void queued.push(job) });
    await scheduledRefreshHandler(deps)();
    expect(queued).toHaveLength(1);
    expect(quartersHeld(store)).toEqual([]);

    const failing = new MemoryStore();
    failing.data.set(storageKeys.config, store.data.get(storageKeys.config));
    failing.list = () => Promise.reject(new Error('storage is down'));
    await scheduledRefreshHandler(() => ({ ...deps(), store: failing }))();
    expect(queued).toHaveLength(2);
  });
});
