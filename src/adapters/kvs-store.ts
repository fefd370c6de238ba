import { kvs, WhereConditions } from '@forge/kvs';
import type { AppStore } from '../use-cases/ports';

/** KVS limits on batch operations: 25 keys each, and 4 MB per batchSet payload. */
const KEYS_PER_BATCH = 25;
const BATCH_SET_BYTES = 4 * 1024 * 1024;
/** KVS query pages hold at most 100 results. */
const QUERY_PAGE = 100;

/** Splits items into batches that respect both the key count and the payload size. */
export const batchesOf = <T>(items: readonly T[], sizeOf: (item: T) => number, maxBytes = Number.POSITIVE_INFINITY): T[][] => {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length === KEYS_PER_BATCH || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
};

/** App storage on Forge KVS, reading and writing in as few batch operations as its limits allow. */
export const kvsStore: AppStore = {
  async getMany(keys) {
    const found = new Map<string, unknown>();
    for (const batch of batchesOf(keys, () => 0)) {
      const result = await kvs.batchGet<unknown>(batch.map((key) => ({ key })));
      if (result.failedKeys.length > 0) {
        throw new Error(`app storage could not read ${result.failedKeys.map((failed) => failed.key).join(', ')}`);
      }
      for (const item of result.successfulKeys) found.set(item.key, item.value);
    }
    return found;
  },
  set: (key, value) => kvs.set(key, value),
  async list(prefix) {
    const found = new Map<string, unknown>();
    let cursor: string | undefined;
    do {
      const query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(QUERY_PAGE);
      const page = await (cursor === undefined ? query : query.cursor(cursor)).getMany<unknown>();
      for (const item of page.results) found.set(item.key, item.value);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return found;
  },
  async setMany(entries) {
    const items = [...entries].map(([key, value]) => ({ key, value }));
    for (const batch of batchesOf(items, (item) => Buffer.byteLength(JSON.stringify(item), 'utf8'), BATCH_SET_BYTES)) {
      const result = await kvs.batchSet(batch);
      if (result.failedKeys.length > 0) {
        throw new Error(`app storage could not write ${result.failedKeys.map((failed) => failed.key).join(', ')}`);
      }
    }
  },
};
