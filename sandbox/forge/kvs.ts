import { sandboxRuntime } from './runtime';

/**
 * Stand-in for `@forge/kvs`: values are kept in the sandbox's site file as JSON, so what the app
 * reads back went through a JSON round trip, as with Forge's storage.
 */
const storage = (): Record<string, unknown> => sandboxRuntime().store.data.appStorage;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const kvs = {
  async get<T>(key: string): Promise<T | undefined> {
    const value = storage()[key];
    return value === undefined ? undefined : copy(value as T);
  },
  async set(key: string, value: unknown): Promise<void> {
    storage()[key] = copy(value);
    sandboxRuntime().store.changed();
  },
  async delete(key: string): Promise<void> {
    delete storage()[key];
    sandboxRuntime().store.changed();
  },
  async batchGet<T>(items: readonly { key: string }[]) {
    const successfulKeys = items.filter(({ key }) => key in storage()).map(({ key }) => ({ key, value: copy(storage()[key] as T) }));
    return { successfulKeys, failedKeys: [] as { key: string }[] };
  },
  async batchSet(items: readonly { key: string; value: unknown }[]) {
    for (const { key, value } of items) storage()[key] = copy(value);
    sandboxRuntime().store.changed();
    return { successfulKeys: items.map(({ key }) => ({ key })), failedKeys: [] as { key: string }[] };
  },
};
