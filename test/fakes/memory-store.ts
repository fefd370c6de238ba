import {
  MAX_COMMIT_OPERATIONS,
  MAX_QUERY_PAGE,
  mayCommitOver,
  operationsOf,
  RETIRED_REVISION,
  type AppStore,
  type Commit,
  type CommitOutcome,
  type StorePage,
} from '../../src/use-cases/ports';

const copy = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * App storage in a Map, counting round trips and writes so tests can assert "nothing was written".
 * Values go through JSON like KVS's do, so `undefined` properties vanish as they would there. A commit checks and moves
 * each guarded key's revision as the KVS adapter's transaction does, and refuses one over a transaction's operations as KVS
 * does, so a use case that could build one fails here too.
 */
export class MemoryStore implements AppStore {
  readonly data = new Map<string, unknown>();
  /** The revision last committed under each guarded key. */
  readonly revisions = new Map<string, number>();
  reads = 0;
  writes = 0;
  /** Bytes of JSON written, for the bench's "storage written against the size stored" figure. */
  bytesWritten = 0;

  private put(key: string, value: unknown): void {
    const json = JSON.stringify(value);
    this.bytesWritten += Buffer.byteLength(json, 'utf8');
    this.data.set(key, JSON.parse(json));
  }

  async getMany(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>> {
    this.reads++;
    const found = new Map<string, unknown>();
    for (const key of keys) if (this.data.has(key)) found.set(key, copy(this.data.get(key)));
    return found;
  }

  /** Keys written with an expiry, and after how many days the store would remove them. */
  readonly expireAfterDays = new Map<string, number>();

  async setMany(entries: ReadonlyMap<string, unknown>, options?: { readonly expireAfterDays: number }): Promise<void> {
    this.writes++;
    for (const [key, value] of entries) {
      this.put(key, value);
      if (options === undefined) this.expireAfterDays.delete(key);
      else this.expireAfterDays.set(key, options.expireAfterDays);
    }
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    this.writes++;
    for (const key of keys) this.data.delete(key);
  }

  async deleteWithRevisions(keys: readonly string[]): Promise<void> {
    await this.deleteMany(keys);
    for (const key of keys) this.revisions.delete(key);
  }

  async list(prefix: string): Promise<ReadonlyMap<string, unknown>> {
    this.reads++;
    return new Map([...this.data].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key, copy(value)]));
  }

  /**
   * Pages in the order the keys were first written, not sorted (KVS's docs promise no order); the cursor is the last key
   * answered, good only while that key stays.
   */
  async listPage(prefix: string, limit: number, cursor: string | null): Promise<StorePage> {
    if (limit > MAX_QUERY_PAGE) throw new Error(`a query page of ${limit} is over the ${MAX_QUERY_PAGE} a KVS query answers`);
    this.reads++;
    const keys = [...this.data.keys()].filter((key) => key.startsWith(prefix));
    const from = cursor === null ? 0 : keys.indexOf(cursor) + 1;
    const page = keys.slice(from, from + limit);
    const next = from + limit < keys.length ? (page.at(-1) ?? null) : null;
    return { entries: new Map(page.map((key) => [key, copy(this.data.get(key))])), next };
  }

  async set(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.put(key, value);
  }

  async commit(commit: Commit): Promise<CommitOutcome> {
    const { guarded, plain = new Map<string, unknown>(), deletes = [], retire = [] } = commit;
    if (operationsOf(commit) > MAX_COMMIT_OPERATIONS)
      throw new Error(`a commit of ${operationsOf(commit)} operations is over the ${MAX_COMMIT_OPERATIONS} a KVS transaction takes`);
    if (guarded.some((write) => !mayCommitOver(this.revisions.get(write.key) ?? 0, write.readRevision))) return 'conflict';
    this.writes++;
    // As in KVS, a write keeps a value for good unless it gives an expiry itself.
    for (const write of guarded) {
      this.put(write.key, write.value);
      this.revisions.set(write.key, write.revision);
      if (write.expireAfterDays === undefined) this.expireAfterDays.delete(write.key);
      else this.expireAfterDays.set(write.key, write.expireAfterDays);
    }
    for (const [key, value] of plain) {
      this.put(key, value);
      this.expireAfterDays.delete(key);
    }
    for (const key of deletes) {
      this.data.delete(key);
      this.expireAfterDays.delete(key);
    }
    for (const key of retire) this.revisions.set(key, RETIRED_REVISION);
    return 'committed';
  }

  async committedRevisions(keys: readonly string[]): Promise<ReadonlyMap<string, number>> {
    this.reads++;
    return new Map(keys.map((key) => [key, this.revisions.get(key) ?? 0]));
  }
}
