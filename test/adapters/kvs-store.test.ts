import { afterEach, describe, expect, it, vi } from 'vitest';
import { kvs } from '@forge/kvs';
import { ForgeKvsAPIError } from '@forge/kvs/out/errors';
import { batchesOf, kvsStore } from '../../src/adapters/kvs-store';
import { RETIRED_REVISION, StorageError } from '../../src/use-cases/ports';
import { setSandboxRuntime } from '../../sandbox/forge/runtime';
import type { JiraSite } from '../../sandbox/jira/rest';
import { emptySite, SiteStore } from '../../sandbox/jira/site-state';
import { scratchDir } from '../fakes/scratch-dir';

// The adapter runs against the sandbox's KVS, which holds it to Forge's limits and transaction semantics.
vi.mock('@forge/kvs', () => import('../../sandbox/forge/kvs'));

describe('batchesOf', () => {
  it('puts at most 25 keys in a batch', () => {
    const batches = batchesOf(
      Array.from({ length: 60 }, (_, i) => i),
      () => 1,
    );
    expect(batches.map((batch) => batch.length)).toEqual([25, 25, 10]);
  });

  it('starts a new batch before the payload limit, and keeps an oversized item alone', () => {
    expect(batchesOf([3, 3, 3, 9, 1], (size) => size, 7)).toEqual([[3, 3], [3], [9], [1]]);
  });

  it('makes no batch for no items', () => {
    expect(batchesOf([], () => 1)).toEqual([]);
  });
});

describe('kvsStore.commit on the sandbox store (Forge KVS transactions with a revision guard)', () => {
  afterEach(() => vi.restoreAllMocks());
  const useStore = (kvsLatencyMs = 0) => {
    const site = new SiteStore(scratchDir('kvs-store-'), emptySite());
    setSandboxRuntime({ site: {} as JiraSite, store: site, enqueue: () => undefined, kvsLatencyMs });
    return site;
  };
  const save = (value: string, readRevision: number) =>
    kvsStore.commit({ guarded: [{ key: 'record:1', value, readRevision, revision: readRevision + 1 }] });

  it('commits a write from the revision last committed, and refuses one from an older revision, writing nothing', async () => {
    const site = useStore();
    expect(await save('first', 0)).toBe('committed');
    expect(await save('second', 1)).toBe('committed');
    expect(await save('stale', 1)).toBe('conflict');
    expect(site.data.appStorage['record:1']).toBe('second');
    expect(await kvsStore.committedRevisions(['record:1', 'record:2'])).toEqual(
      new Map([
        ['record:1', 2],
        ['record:2', 0],
      ]),
    );
  });

  it('guards a value stored before guards existed from its first guarded write on', async () => {
    const site = useStore();
    site.data.appStorage['record:1'] = 'legacy at revision 7';
    expect(await save('eighth', 7)).toBe('committed');
    expect(await save('also eighth', 7)).toBe('conflict');
  });

  it('lets no guarded write commit over a retired key, from any revision read, until its guard is released', async () => {
    const site = useStore();
    site.data.appStorage['record:1'] = 'legacy at revision 7, never guarded';
    expect(await kvsStore.commit({ guarded: [], deletes: ['record:1'], retire: ['record:1'] })).toBe('committed');
    for (const readRevision of [0, 7, RETIRED_REVISION]) expect(await save('back again', readRevision)).toBe('conflict');
    expect(site.data.appStorage['record:1']).toBeUndefined();
    expect(await kvsStore.committedRevisions(['record:1'])).toEqual(new Map([['record:1', RETIRED_REVISION]]));
    await kvsStore.deleteWithRevisions(['record:1']);
    expect(await save('new', 0)).toBe('committed');
  });

  it('commits plain writes and deletes with the guarded ones, or none of them', async () => {
    const site = useStore();
    site.data.appStorage['gone'] = 1;
    await save('first', 0);
    const commit = (readRevision: number) =>
      kvsStore.commit({
        guarded: [{ key: 'record:1', value: 'next', readRevision, revision: readRevision + 1 }],
        plain: new Map([['audit:1', 'entry']]),
        deletes: ['gone'],
      });
    expect(await commit(0)).toBe('conflict');
    expect(site.data.appStorage).toEqual({ 'record:1': 'first', gone: 1 });
    expect(await commit(1)).toBe('committed');
    expect(site.data.appStorage).toEqual({ 'record:1': 'next', 'audit:1': 'entry' });
  });

  it("deletes values with their revision guards, leaving other keys' guards alone", async () => {
    const site = useStore();
    expect(await save('first', 0)).toBe('committed');
    expect(await kvsStore.commit({ guarded: [{ key: 'record:2', value: 'other', readRevision: 0, revision: 1 }] })).toBe('committed');
    await kvsStore.deleteWithRevisions(['record:1', 'stagelog:1']);
    expect(site.data.appStorage['record:1']).toBeUndefined();
    expect(await kvsStore.committedRevisions(['record:1', 'record:2'])).toEqual(
      new Map([
        ['record:1', 0],
        ['record:2', 1],
      ]),
    );
  });

  it('lists a prefix a page at a time, at most 20 a page whatever is asked, until the page with no next cursor', async () => {
    const site = useStore();
    for (let n = 0; n < 230; n++) site.data.appStorage[`record:${10_000 + n}`] = { n };
    site.data.appStorage['recordless'] = { n: -1 };
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await kvsStore.listPage('record:', 500, cursor);
      sizes.push(page.entries.size);
      seen.push(...page.entries.keys());
      cursor = page.next;
    } while (cursor !== null);
    expect(sizes).toEqual([...Array.from({ length: 11 }, () => 20), 10]);
    expect(new Set(seen).size).toBe(230);
    expect((await kvsStore.listPage('record:', 15, null)).entries.size).toBe(15);
  });

  it('writes values with the expiry asked for as a KVS TTL in days, and others without one', async () => {
    const site = useStore();
    await kvsStore.setMany(new Map([['gadget:outcomes:viewer.a', 1]]), { expireAfterDays: 1 });
    await kvsStore.setMany(new Map([['config', 2]]));
    expect(Object.keys(site.data.appExpiry ?? {})).toEqual(['gadget:outcomes:viewer.a']);
  });

  it('gives a guarded write the expiry asked for as a TTL in the transaction, and a write without one keeps it for good', async () => {
    // A transaction's set takes SetOptions' ttl as kvs.set does (@forge/kvs 1.6.5, TransactionBuilder.set's 4th argument).
    const site = useStore();
    const expiring = { key: 'templatechoice:acc-1', value: 'chosen', readRevision: 0, revision: 1, expireAfterDays: 1 };
    expect(await kvsStore.commit({ guarded: [expiring] })).toBe('committed');
    expect(Object.keys(site.data.appExpiry ?? {})).toEqual(['templatechoice:acc-1']);
    expect(await kvsStore.commit({ guarded: [{ key: 'templatechoice:acc-1', value: 'used', readRevision: 1, revision: 2 }] })).toBe(
      'committed',
    );
    expect(Object.keys(site.data.appExpiry ?? {})).toEqual([]);
  });

  it('throws the store refusal that is not a conflict (a value over 240 KiB) as a storage error no retry mends', async () => {
    useStore();
    const refusal = await save('x'.repeat(241 * 1024), 0).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StorageError);
    expect(refusal).toMatchObject({ refused: true, cause: { code: 'MAX_SIZE' } });
  });

  /**
   * Forge does not document what a transaction answers when another sets the same key at once
   * (developer.atlassian.com/platform/forge/storage-reference/kvs-transactions/ lists its limits only), and every figures
   * write sets the shared figures-written mark in its transaction. Here the store fails `failures` transactions so, with
   * HTTP's 409 Conflict, before it runs them.
   */
  const failingTransactions = (failures: number) => {
    const transact = kvs.transact.bind(kvs);
    let left = failures;
    return vi.spyOn(kvs, 'transact').mockImplementation(() => {
      const builder = transact();
      if (left-- <= 0) return builder;
      const conflict = new ForgeKvsAPIError(
        { status: 409, statusText: 'Conflict' },
        { code: 'CONFLICT', message: 'a transaction met another' },
      );
      return Object.assign(builder, { execute: () => Promise.reject(conflict) });
    });
  };
  const figuresWrite = (readRevision: number) =>
    kvsStore.commit({
      guarded: [{ key: 'outcomes:campaign:spring', value: { revision: readRevision + 1 }, readRevision, revision: readRevision + 1 }],
      plain: new Map([['outcomes:figures-written', `spring@${readRevision + 1}`]]),
    });

  it('runs a transaction again, once, when it failed with no guard moved: one that met another on the shared mark commits', async () => {
    const site = useStore();
    const transactions = failingTransactions(1);
    expect(await figuresWrite(0)).toBe('committed');
    expect(transactions).toHaveBeenCalledTimes(2);
    expect(site.data.appStorage).toMatchObject({ 'outcomes:campaign:spring': { revision: 1 }, 'outcomes:figures-written': 'spring@1' });
    // A write from a revision no longer current is a conflict for its writer to read again, not run twice.
    transactions.mockClear();
    expect(await figuresWrite(0)).toBe('conflict');
    expect(transactions).toHaveBeenCalledTimes(1);
  });

  it('throws a transaction that fails twice as storage unavailable, which trying again mends, having written nothing', async () => {
    const site = useStore();
    failingTransactions(2);
    const thrown = await figuresWrite(0).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(StorageError);
    expect(thrown).toMatchObject({ refused: false, cause: { code: 'CONFLICT' } });
    expect(site.data.appStorage).toEqual({});
  });

  it('throws a commit over the 25 operations a transaction takes as a defect, not as storage being down', async () => {
    useStore();
    const guarded = Array.from({ length: 13 }, (_, index) => ({ key: `record:${index}`, value: 'v', readRevision: 0, revision: 1 }));
    const thrown = await kvsStore.commit({ guarded }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(StorageError);
  });

  it('lets exactly one of two writes in flight from the same revision commit, with store latency', async () => {
    const site = useStore(5);
    await save('base', 0);
    const outcomes = await Promise.all([save('from Alex', 1), save('from Sam', 1)]);
    expect(outcomes.sort()).toEqual(['committed', 'conflict']);
    expect(['from Alex', 'from Sam']).toContain(site.data.appStorage['record:1']);
  });
});
