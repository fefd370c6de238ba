import type { AppStore } from '../../src/use-cases/ports';

/**
 * App storage in a Map, counting round trips and writes so tests can assert "nothing was written".
 * Values go through JSON like KVS's do, so `undefined` properties vanish as they would there.
 */
export class MemoryStore implements AppStore {
  readonly data = new Map<string, unknown>();
  reads = 0;
  writes = 0;

  async getMany(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>> {
    this.reads++;
    const found = new Map<string, unknown>();
    for (const key of keys) if (this.data.has(key)) found.set(key, JSON.parse(JSON.stringify(this.data.get(key))));
    return found;
  }

  async setMany(entries: ReadonlyMap<string, unknown>): Promise<void> {
    this.writes++;
    for (const [key, value] of entries) this.data.set(key, JSON.parse(JSON.stringify(value)));
  }

  async list(prefix: string): Promise<ReadonlyMap<string, unknown>> {
    this.reads++;
    return new Map([...this.data].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key, JSON.parse(JSON.stringify(value))]));
  }

  async set(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}
