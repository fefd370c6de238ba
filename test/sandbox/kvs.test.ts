import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Filter, FilterConditions, kvs, WhereConditions } from '../../sandbox/forge/kvs';
import { setSandboxRuntime } from '../../sandbox/forge/runtime';
import type { JiraSite } from '../../sandbox/jira/rest';
import { emptySite, SiteStore } from '../../sandbox/jira/site-state';
import { scratchDir } from '../fakes/scratch-dir';

/** The sandbox's app storage holds the app to Forge's documented limits (developer.atlassian.com/platform/forge/limits-kvs-ce/). */
let store: SiteStore;
const useStore = (kvsLatencyMs?: number) => {
  store = new SiteStore(scratchDir('kvs-'), emptySite());
  setSandboxRuntime({ site: {} as JiraSite, store, enqueue: () => undefined, ...(kvsLatencyMs === undefined ? {} : { kvsLatencyMs }) });
};
const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error as { code?: string }).code ?? (error instanceof Error ? error.message : 'no code'),
  );

describe('sandbox app storage limits', () => {
  beforeEach(() => useStore());
  afterEach(() => store.flush());

  it('refuses keys Forge refuses: empty, over 500 characters, outside the documented pattern', async () => {
    expect(await codeOf(kvs.set('', 1))).toBe('KEY_TOO_SHORT');
    expect(await codeOf(kvs.set('k'.repeat(501), 1))).toBe('KEY_TOO_LONG');
    expect(await codeOf(kvs.set('k'.repeat(500), 1))).toBe('ok');
    expect(await codeOf(kvs.set('record/10001', 1))).toBe('INVALID_KEY');
    expect(await codeOf(kvs.set('   ', 1))).toBe('INVALID_KEY');
    expect(await codeOf(kvs.set('gadget:health:MKT.low-risk_30 #2', 1))).toBe('ok');
  });

  // developer.atlassian.com/platform/forge/storage-reference/kvs-api/, "Time-to-live": a relative TTL from the write.
  it('removes a value written with a TTL once it has passed, and keeps one written again without', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-10T12:00:00Z'), toFake: ['Date'] });
    try {
      await kvs.batchSet([
        { key: 'view-a', value: 1, options: { ttl: { value: 1, unit: 'DAYS' } } },
        { key: 'view-b', value: 2, options: { ttl: { value: 1, unit: 'DAYS' } } },
      ]);
      await kvs.set('view-b', 3);
      vi.setSystemTime(new Date('2026-06-11T11:59:00Z'));
      expect(await kvs.get('view-a')).toBe(1);
      vi.setSystemTime(new Date('2026-06-11T12:00:01Z'));
      expect(await kvs.get('view-a')).toBeUndefined();
      expect(await kvs.get('view-b')).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a value whose TTL was renewed past its first expiry, and drops it at the renewed one', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-10T12:00:00Z'), toFake: ['Date'] });
    try {
      await kvs.batchSet([{ key: 'cache', value: 1, options: { ttl: { value: 1, unit: 'HOURS' } } }]);
      vi.setSystemTime(new Date('2026-06-10T12:30:00Z'));
      await kvs.batchSet([{ key: 'cache', value: 2, options: { ttl: { value: 1, unit: 'HOURS' } } }]);
      vi.setSystemTime(new Date('2026-06-10T13:10:00Z'));
      expect(await kvs.get('cache')).toBe(2);
      vi.setSystemTime(new Date('2026-06-10T13:31:00Z'));
      expect(await kvs.get('cache')).toBeUndefined();
      expect(store.data.appExpiry).toEqual({});
    } finally {
      vi.useRealTimers();
    }
  });

  it('looks only at what is due on each call, not at every key with a TTL', async () => {
    const expiry: Record<string, number> = {};
    for (let index = 0; index < 1_000; index++) {
      store.data.appStorage[`view-${index}`] = index;
      expiry[`view-${index}`] = Date.now() + 86_400_000;
    }
    // Counts each walk over all the keys with a TTL (Object.entries and for…in list the keys).
    let walks = 0;
    store.data.appExpiry = new Proxy(expiry, {
      ownKeys: (target) => {
        walks++;
        return Reflect.ownKeys(target);
      },
    });
    await kvs.get('view-1');
    const afterFirst = walks;
    for (let index = 0; index < 50; index++) await kvs.get(`view-${index}`);
    expect(walks - afterFirst).toBe(0);
    expect(await kvs.get('view-999')).toBe(999);
  });

  it('refuses a value over 240 KiB or deeper than 31 levels, and writes nothing', async () => {
    const big = 'x'.repeat(240 * 1024);
    expect(await codeOf(kvs.set('big', big))).toBe('MAX_SIZE');
    expect(store.data.appStorage).not.toHaveProperty('big');
    expect(await codeOf(kvs.set('fits', 'x'.repeat(240 * 1024 - 2)))).toBe('ok');
    let deep: unknown = 1;
    for (let level = 0; level < 32; level++) deep = [deep];
    expect(await codeOf(kvs.set('deep', deep))).toBe('MAX_DEPTH');
  });

  // The query reference: "Limit the result size to 10 values, up to a maximum of 20"
  // (developer.atlassian.com/platform/forge/js-api-reference/storage-api-query/); the error list's looser "below 100"
  // (storage-reference/handling-errors-kvs/) is not what the sandbox holds the app to.
  it('refuses a query page over 20 results, and answers one of 20 with the cursor of the next', async () => {
    for (let n = 0; n < 25; n++) await kvs.set(`record:${10_000 + n}`, n);
    const query = () => kvs.query().where('key', WhereConditions.beginsWith('record:'));
    expect(await codeOf(Promise.resolve().then(() => query().limit(21).getMany()))).toBe('LIST_QUERY_LIMIT_EXCEEDED');
    const page = await query().limit(20).getMany();
    expect(page.results).toHaveLength(20);
    expect(page.nextCursor).toBe('record:10019');
  });

  it('refuses batches of more than 25 keys or over 4 MB, and a key twice', async () => {
    const items = (count: number, value: unknown = 1) => Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value }));
    expect(await codeOf(kvs.batchSet(items(26)))).toBe('TOO_MANY_KEYS');
    expect(await codeOf(kvs.batchGet(items(26)))).toBe('TOO_MANY_KEYS');
    expect(await codeOf(kvs.batchSet(items(25)))).toBe('ok');
    expect(await codeOf(kvs.batchSet(items(20, 'x'.repeat(230 * 1024))))).toBe('PAYLOAD_TOO_LARGE');
    expect(
      await codeOf(
        kvs.batchSet([
          { key: 'a', value: 1 },
          { key: 'a', value: 2 },
        ]),
      ),
    ).toBe('DUPLICATE_KEY');
  });

  it('answers an oversized value in a batch as a failed key, writing the others', async () => {
    const result = await kvs.batchSet([
      { key: 'small', value: 1 },
      { key: 'big', value: 'x'.repeat(241 * 1024) },
    ]);
    expect(result.failedKeys).toEqual([{ key: 'big', error: expect.objectContaining({ code: 'MAX_SIZE' }) }]);
    expect(store.data.appStorage).toEqual({ small: 1 });
  });
});

describe('sandbox kvs.transact()', () => {
  beforeEach(() => useStore());
  const atRevision = (revision: number) => ({
    entityName: 'revision-guard',
    conditions: new Filter<{ revision: number }>().and('revision', FilterConditions.equalTo(revision)),
  });

  it('commits every set and delete together', async () => {
    await kvs.set('old', 1);
    await kvs.transact().set('a', 1).set('b', { c: 2 }).delete('old').set('g', { revision: 1 }, { entityName: 'revision-guard' }).execute();
    expect(store.data.appStorage).toEqual({ a: 1, b: { c: 2 } });
    expect(store.data.appEntities).toEqual({ 'revision-guard': { g: { revision: 1 } } });
  });

  it('writes nothing when a condition does not hold, nor when a check fails', async () => {
    await kvs.transact().set('g', { revision: 3 }, { entityName: 'revision-guard' }).execute();
    expect(await codeOf(kvs.transact().set('a', 1).set('g', { revision: 4 }, atRevision(2)).execute())).toBe('CONDITION_FAILED');
    expect(await codeOf(kvs.transact().set('a', 1).check('g', atRevision(2)).execute())).toBe('CONDITION_FAILED');
    expect(store.data.appStorage).toEqual({});
    expect(await codeOf(kvs.transact().set('a', 1).check('g', atRevision(3)).execute())).toBe('ok');
    expect(store.data.appStorage).toEqual({ a: 1 });
  });

  it('evaluates a condition on a key that holds nothing: only notExists holds', async () => {
    const none = {
      entityName: 'revision-guard',
      conditions: new Filter<{ revision: number }>().and('revision', FilterConditions.notExists()),
    };
    expect(await codeOf(kvs.transact().set('fresh', { revision: 1 }, atRevision(0)).execute())).toBe('CONDITION_FAILED');
    expect(await codeOf(kvs.transact().set('fresh', { revision: 1 }, none).execute())).toBe('ok');
    expect(await codeOf(kvs.transact().set('fresh', { revision: 2 }, none).execute())).toBe('CONDITION_FAILED');
  });

  it('holds a transaction to 25 operations, each key once, values within limits, declared entities with their types', async () => {
    const many = Array.from({ length: 26 }, (_, i) => `k${i}`).reduce((tx, key) => tx.set(key, 1), kvs.transact());
    expect(await codeOf(many.execute())).toBe('TOO_MANY_OPERATIONS');
    expect(await codeOf(kvs.transact().set('a', 1).delete('a').execute())).toBe('DUPLICATE_KEY');
    expect(
      await codeOf(
        kvs
          .transact()
          .set('a', 'x'.repeat(241 * 1024))
          .execute(),
      ),
    ).toBe('MAX_SIZE');
    expect(await codeOf(kvs.transact().set('a', { n: 1 }, { entityName: 'employee' }).execute())).toBe('INVALID_ENTITY_TYPE');
    expect(await codeOf(kvs.transact().set('g', { revision: 'one' }, { entityName: 'revision-guard' }).execute())).toBe(
      'INVALID_ENTITY_VALUE',
    );
    expect(
      await codeOf(
        kvs
          .transact()
          .set('g', { revision: 2 ** 31 }, { entityName: 'revision-guard' })
          .execute(),
      ),
    ).toBe('INVALID_ENTITY_VALUE');
    expect(store.data.appStorage).toEqual({});
  });
});

describe('sandbox app storage latency', () => {
  afterEach(() => useStore());

  it('lets two read-then-write calls in flight interleave, losing one write, as a real store would', async () => {
    useStore(10);
    await kvs.set('list', []);
    const append = async (item: string) => {
      const list = (await kvs.get<string[]>('list')) ?? [];
      await kvs.set('list', [...list, item]);
    };
    await Promise.all([append('first'), append('second')]);
    expect(store.data.appStorage['list']).toHaveLength(1);
  });

  it('lets exactly one of two conditional transactions in flight commit', async () => {
    useStore(10);
    const write = (value: string) =>
      kvs
        .transact()
        .set('value', value)
        .set(
          'g',
          { revision: 1 },
          { entityName: 'revision-guard', conditions: new Filter<{ revision: number }>().and('revision', FilterConditions.notExists()) },
        )
        .execute()
        .then(
          () => 'committed',
          (error: unknown) => (error as { code: string }).code,
        );
    expect((await Promise.all([write('a'), write('b')])).sort()).toEqual(['CONDITION_FAILED', 'committed']);
  });

  it('reads the latency from SANDBOX_KVS_LATENCY_MS when the runtime sets none', async () => {
    useStore();
    process.env['SANDBOX_KVS_LATENCY_MS'] = '30';
    vi.useFakeTimers();
    try {
      let answered = false;
      const read = kvs.get('anything').then(() => (answered = true));
      await vi.advanceTimersByTimeAsync(29);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await read;
      expect(answered).toBe(true);
    } finally {
      vi.useRealTimers();
      delete process.env['SANDBOX_KVS_LATENCY_MS'];
    }
  });
});
