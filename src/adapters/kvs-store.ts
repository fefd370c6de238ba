import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import {
  KEYS_PER_BATCH,
  MAX_COMMIT_OPERATIONS,
  MAX_QUERY_PAGE,
  mayCommitOver,
  operationsOf,
  RETIRED_REVISION,
  StorageError,
  type AppStore,
  type Commit,
  type SecretStore,
  type StorePage,
} from '../use-cases/ports';
import { GUARD_ENTITY, guardKey } from './revision-guard';

/** KVS limits on batch operations: KEYS_PER_BATCH keys each, and 4 MB per batchSet payload. */
const BATCH_SET_BYTES = 4 * 1024 * 1024;
/**
 * KVS query pages hold at most 20 results: the query reference's "up to a maximum of 20"
 * (developer.atlassian.com/platform/forge/js-api-reference/storage-api-query/), stricter than the error list's "below 100".
 */
const QUERY_PAGE = MAX_QUERY_PAGE;

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

interface Guard {
  readonly revision: number;
}

/**
 * Nobody committed past the revision read: the guard is at or below it, or there is none yet (a value written before
 * guards existed, or nothing stored). Two writers from the same revision cannot both pass: the first moves the guard.
 * A retired guard passes no writer (`mayCommitOver`).
 */
const unchangedSince = (readRevision: number) =>
  new Filter<Guard>()
    .or('revision', FilterConditions.lessThanEqualTo(Math.min(readRevision, RETIRED_REVISION - 1)))
    .or('revision', FilterConditions.notExists());

const readGuards = async (keys: readonly string[]): Promise<Map<string, number>> => {
  const revisions = new Map<string, number>(keys.map((key) => [key, 0]));
  for (const batch of batchesOf(keys, () => 0)) {
    const result = await kvs.batchGet<Guard>(batch.map((key) => ({ key: guardKey(key), entityName: GUARD_ENTITY })));
    if (result.failedKeys.length > 0)
      throw new StorageError(
        `app storage could not read the revisions of ${result.failedKeys.map((failed) => failed.key).join(', ')}`,
        false,
      );
    for (const item of result.successfulKeys) revisions.set(item.key.slice(guardKey('').length), item.value.revision);
  }
  return revisions;
};

const transactionOf = (commit: Commit) => {
  const { guarded, plain = new Map<string, unknown>(), deletes = [] } = commit;
  const operations = operationsOf(commit);
  if (operations > MAX_COMMIT_OPERATIONS)
    throw new Error(`a commit of ${operations} operations is over the ${MAX_COMMIT_OPERATIONS} a KVS transaction takes`);
  let transaction = kvs.transact();
  for (const write of guarded) {
    if (write.revision <= write.readRevision)
      throw new Error(`a guarded write of ${write.key} must move its revision past ${write.readRevision}`);
    // An expiring value's guard expires with it, so neither outlives the other for good.
    const options = write.expireAfterDays === undefined ? undefined : { ttl: { value: write.expireAfterDays, unit: 'DAYS' as const } };
    transaction = transaction
      .set(write.key, write.value, undefined, options)
      .set<Guard>(
        guardKey(write.key),
        { revision: write.revision },
        { entityName: GUARD_ENTITY, conditions: unchangedSince(write.readRevision) },
        options,
      );
  }
  for (const [key, value] of plain) transaction = transaction.set(key, value);
  for (const key of deletes) transaction = transaction.delete(key);
  for (const key of commit.retire ?? [])
    transaction = transaction.set<Guard>(guardKey(key), { revision: RETIRED_REVISION }, { entityName: GUARD_ENTITY });
  return transaction;
};

/**
 * KVS answered the request itself with a 4xx other than 429 or 409 (a value over the size limit, say): no retry mends it.
 * 409 Conflict is HTTP's answer for a request that met another at once, which waiting mends: Forge does not document
 * what a transaction meeting another on the same key answers (developer.atlassian.com/platform/forge/storage-reference/
 * kvs-transactions/ lists its limits, not that), and every figures write sets one shared key in its transaction.
 */
export const refusedByStore = (error: unknown): boolean => {
  if (error instanceof StorageError) return error.refused;
  const status = (error as { responseDetails?: { status?: unknown } } | null)?.responseDetails?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 429 && status !== 409;
};

/** Runs a KVS call, turning whatever it throws into a StorageError, so a resolver can tell storage down from a defect. */
const reaching = async <R>(what: string, run: () => Promise<R>): Promise<R> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError(
      `app storage could not ${what}: ${error instanceof Error ? error.message : String(error)}`,
      refusedByStore(error),
      { cause: error },
    );
  }
};

const batchDelete = async (items: readonly { key: string; entityName?: string }[]): Promise<void> => {
  for (const batch of batchesOf(items, () => 0)) {
    const result = await kvs.batchDelete(batch);
    if (result.failedKeys.length > 0) {
      throw new StorageError(`app storage could not delete ${result.failedKeys.map((failed) => failed.key).join(', ')}`, false);
    }
  }
};

/**
 * One page of a key-prefix query (developer.atlassian.com/platform/forge/js-api-reference/storage-api-query/: at most 20
 * results a page, and a `nextCursor` while more remain).
 */
const queryPage = async (prefix: string, limit: number, cursor: string | null): Promise<StorePage> => {
  const query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(Math.min(limit, QUERY_PAGE));
  const page = await (cursor === null ? query : query.cursor(cursor)).getMany<unknown>();
  return { entries: new Map(page.results.map((item) => [item.key, item.value])), next: page.nextCursor ?? null };
};

/** A transaction that failed with no guard moved runs twice at most, this long apart: see `commit`. */
const COMMIT_ATTEMPTS = 2;
const COMMIT_RETRY_PAUSE_MS = 100;

/** App storage on Forge KVS, reading and writing in as few batch operations as its limits allow. */
export const kvsStore: AppStore = {
  getMany: (keys) =>
    reaching('read', async () => {
      const found = new Map<string, unknown>();
      for (const batch of batchesOf(keys, () => 0)) {
        const result = await kvs.batchGet<unknown>(batch.map((key) => ({ key })));
        if (result.failedKeys.length > 0) {
          throw new StorageError(`app storage could not read ${result.failedKeys.map((failed) => failed.key).join(', ')}`, false);
        }
        for (const item of result.successfulKeys) found.set(item.key, item.value);
      }
      return found;
    }),
  set: (key, value) => reaching(`write ${key}`, () => kvs.set(key, value)),
  list: (prefix) =>
    reaching(`list ${prefix}`, async () => {
      const found = new Map<string, unknown>();
      let cursor: string | null = null;
      do {
        const page = await queryPage(prefix, QUERY_PAGE, cursor);
        for (const [key, value] of page.entries) found.set(key, value);
        cursor = page.next;
      } while (cursor !== null);
      return found;
    }),
  listPage: (prefix, limit, cursor) => reaching(`list ${prefix}`, () => queryPage(prefix, limit, cursor)),
  deleteMany: (keys) => reaching('delete', () => batchDelete(keys.map((key) => ({ key })))),
  // A batch deletes custom-entity values beside plain ones (developer.atlassian.com/platform/forge/storage-reference/
  // batchops-entities/, kvs.batchDelete): each key's guard goes in the same batches as its value.
  deleteWithRevisions: (keys) =>
    reaching('delete', () => batchDelete(keys.flatMap((key) => [{ key }, { key: guardKey(key), entityName: GUARD_ENTITY }]))),
  setMany: (entries, options) =>
    reaching('write', async () => {
      const ttl = options === undefined ? {} : { options: { ttl: { value: options.expireAfterDays, unit: 'DAYS' as const } } };
      const items = [...entries].map(([key, value]) => ({ key, value, ...ttl }));
      for (const batch of batchesOf(items, (item) => Buffer.byteLength(JSON.stringify(item), 'utf8'), BATCH_SET_BYTES)) {
        const result = await kvs.batchSet(batch);
        if (result.failedKeys.length > 0) {
          throw new StorageError(`app storage could not write ${result.failedKeys.map((failed) => failed.key).join(', ')}`, false);
        }
      }
    }),
  async commit(commit) {
    // A commit over a transaction's limits is the app's defect, not storage's: built (and thrown) outside `reaching`.
    let transaction = transactionOf(commit);
    return reaching('commit', async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await transaction.execute();
          return 'committed';
        } catch (error) {
          // Forge documents that a failed condition fails the whole transaction, not the code it answers with: a guard
          // that moved past the revision read is a conflict; anything else is the store's own failure.
          const guards =
            commit.guarded.length === 0 ? new Map<string, number>() : await readGuards(commit.guarded.map((write) => write.key));
          if (commit.guarded.some((write) => !mayCommitOver(guards.get(write.key) ?? 0, write.readRevision))) return 'conflict';
          // A failed transaction wrote nothing, so with every guard still where it was read it runs again, once, a moment
          // later: a transaction that met another on a key both set (the figures-written mark) commits then.
          if (attempt === COMMIT_ATTEMPTS || refusedByStore(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, COMMIT_RETRY_PAUSE_MS));
          transaction = transactionOf(commit);
        }
      }
    });
  },
  committedRevisions: (keys) => reaching('read revisions', () => readGuards(keys)),
};

/** Secrets in KVS's encrypted store (developer.atlassian.com/platform/forge/storage-reference/kvs-api-secret/): never listed or queried. */
export const kvsSecrets: SecretStore = {
  get: (key) => reaching('read a secret', () => kvs.getSecret<string>(key)),
  set: (key, value) => reaching('write a secret', () => kvs.setSecret(key, value)),
};
