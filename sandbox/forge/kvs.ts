import { sandboxRuntime } from './runtime';

/**
 * Stand-in for `@forge/kvs`, the calls the app makes: values are kept in the sandbox's site file as JSON, so what the app
 * reads back went through a JSON round trip, as with Forge's storage.
 */
const storage = (): Record<string, unknown> => sandboxRuntime().store.data.appStorage;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

interface KeyCondition {
  readonly condition: string;
  readonly values: readonly unknown[];
}

/** The query builder of `kvs.query()`: keys that begin with a prefix, in key order, a page at a time. */
class QueryBuilder {
  private prefix = '';
  private after: string | undefined;
  private pageSize = 10;

  where(_property: 'key', clause: KeyCondition): this {
    if (clause.condition !== 'BEGINS_WITH') throw new Error(`the sandbox's kvs.query only knows beginsWith, not ${clause.condition}`);
    this.prefix = String(clause.values[0]);
    return this;
  }

  cursor(cursor: string): this {
    this.after = cursor;
    return this;
  }

  limit(limit: number): this {
    this.pageSize = limit;
    return this;
  }

  async getMany<T>() {
    const keys = Object.keys(storage())
      .filter((key) => key.startsWith(this.prefix) && (this.after === undefined || key > this.after))
      .sort();
    const page = keys.slice(0, this.pageSize);
    const more = keys.length > page.length;
    return { results: page.map((key) => ({ key, value: copy(storage()[key] as T) })), ...(more ? { nextCursor: page.at(-1) } : {}) };
  }
}

export const WhereConditions = {
  beginsWith: (value: string): KeyCondition => ({ condition: 'BEGINS_WITH', values: [value] }),
};

export const kvs = {
  query: () => new QueryBuilder(),
  async set(key: string, value: unknown): Promise<void> {
    storage()[key] = copy(value);
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
