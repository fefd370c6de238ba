import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { FilterConditions, WhereConditions } from '@forge/kvs/out/conditions';
import { FilterBuilder } from '@forge/kvs/out/entity-query';
import { ForgeKvsAPIError } from '@forge/kvs/out/errors';
import { sandboxRuntime } from './runtime';

/**
 * Stand-in for `@forge/kvs`, the calls the app makes: values are kept in the sandbox's site file as JSON, so what the app
 * reads back went through a JSON round trip, as with Forge's storage. It refuses what Forge refuses, with Forge's error
 * codes, so a key or a value the real store would reject fails here first:
 * - keys: at most 500 characters, matching `/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/` (KEY_TOO_SHORT, KEY_TOO_LONG, INVALID_KEY);
 * - values: at most 240 KiB (MAX_SIZE) and 31 levels deep (MAX_DEPTH);
 * - batches: at most 25 keys and a 4 MB payload, no key twice;
 * - transactions: at most 25 operations, each key once, a 4 MB payload; `.check` and conditional `.set`/`.delete` only
 *   on custom entities the manifest declares, with the declared attribute types.
 * Sources: developer.atlassian.com/platform/forge/limits-kvs-ce/, …/storage-reference/handling-errors-kvs/,
 * …/storage-reference/batchops/, …/storage-reference/transactions/, …/storage-reference/transactions-entities/,
 * …/storage-reference/entities-manifest/.
 *
 * Each call can take time, as network I/O does (half before the store acts, half after), so that tests see the races a
 * real store has: `SANDBOX_KVS_LATENCY_MS` in the environment, or the runtime's `kvsLatencyMs`.
 */

const MAX_KEY_LENGTH = 500;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_DEPTH = 31;
const MAX_BATCH_KEYS = 25;
const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
/**
 * A query page's most. Atlassian's two pages disagree: the query reference says "up to a maximum of 20"
 * (developer.atlassian.com/platform/forge/js-api-reference/storage-api-query/, updated February 2026), the error list
 * answers LIST_QUERY_LIMIT_EXCEEDED "Limit for list query should be below 100" (storage-reference/handling-errors-kvs/).
 * The sandbox holds the app to the stricter, newer one.
 */
const MAX_QUERY_LIMIT = 20;
/** The Custom Entity Store's `integer` is a 32-bit signed integer. */
const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };

const runtime = () => sandboxRuntime();
const storage = (): Record<string, unknown> => runtime().store.data.appStorage;
const entityStorage = (entityName: string): Record<string, unknown> => {
  const data = runtime().store.data;
  data.appEntities ??= {};
  return (data.appEntities[entityName] ??= {});
};
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
// JSON.stringify(undefined) is undefined, not a string: an absent value takes no bytes.
const bytesOf = (value: unknown): number => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8'));

/** Refused as the Forge storage API refuses a request: a 400 with Forge's error code. */
const refused = (code: string, message: string): ForgeKvsAPIError =>
  new ForgeKvsAPIError({ status: 400, statusText: 'Bad Request' }, { code, message });

const latencyMs = (): number => {
  const configured = runtime().kvsLatencyMs ?? Number(process.env['SANDBOX_KVS_LATENCY_MS'] ?? 0);
  return Number.isFinite(configured) && configured > 0 ? configured : 0;
};
const pause = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

const TTL_MS = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;
type Ttl = { readonly value: number; readonly unit: keyof typeof TTL_MS };

/**
 * Values written with a TTL (`options.ttl`) are removed once it has passed. Forge removes them up to 48 hours late
 * (storage-reference/kvs-api, "Time-to-live"); the sandbox removes them when the store is next used after expiry,
 * so an app that relied on them being gone sooner than it checks their age itself would not be caught here.
 *
 * The site file keeps each key's expiry (`appExpiry`); beside it, in memory, a list sorted by time (latest first, so
 * the next due is at the end) lets a store call look only at what is due instead of every key with a TTL. An entry whose
 * key was written again since (a new TTL, or none) no longer matches the file and is passed over.
 */
const expiring = (): Record<string, number> => (runtime().store.data.appExpiry ??= {});

type Due = readonly [expiresAt: number, key: string];
/** Each site's expiries in time order, built from its file the first time a store call needs them. */
const dueLists = new WeakMap<Record<string, number>, Due[]>();

/** Puts `entry` in its place: after every later expiry, before every earlier one. */
const insertDue = (list: Due[], entry: Due): void => {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle]?.[0] ?? 0) > entry[0]) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, entry);
};

const dueListOf = (expiry: Record<string, number>): Due[] => {
  let list = dueLists.get(expiry);
  if (list === undefined) {
    list = Object.entries(expiry)
      .map(([key, expiresAt]): Due => [expiresAt, key])
      .sort((a, b) => b[0] - a[0]);
    dueLists.set(expiry, list);
  }
  return list;
};

const removeExpired = (): void => {
  const now = Date.now();
  const expiry = expiring();
  const list = dueListOf(expiry);
  for (let next = list.at(-1); next !== undefined && next[0] <= now; next = list.at(-1)) {
    list.pop();
    const [expiresAt, key] = next;
    if (expiry[key] !== expiresAt) continue;
    delete storage()[key];
    delete expiry[key];
  }
};
const noteExpiry = (key: string, ttl: Ttl | undefined): void => {
  const expiry = expiring();
  if (ttl === undefined) {
    delete expiry[key];
    return;
  }
  const expiresAt = Date.now() + ttl.value * TTL_MS[ttl.unit];
  expiry[key] = expiresAt;
  insertDue(dueListOf(expiry), [expiresAt, key]);
};

/** One round trip to the store: the request travels, the store acts at once, the answer travels back. */
const roundTrip = async <T>(act: () => T): Promise<T> => {
  const half = latencyMs() / 2;
  await pause(half);
  removeExpired();
  const answer = act();
  await pause(half);
  return answer;
};

const checkKey = (key: string): void => {
  if (typeof key !== 'string' || key.length === 0) throw refused('KEY_TOO_SHORT', 'The provided key needs to be more than one character.');
  if (key.length > MAX_KEY_LENGTH) throw refused('KEY_TOO_LONG', `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters.`);
  if (!KEY_PATTERN.test(key)) throw refused('INVALID_KEY', `The provided key does not match the regex: ${KEY_PATTERN}`);
};

const depthOf = (value: unknown): number =>
  typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;

const checkValue = (value: unknown): void => {
  if (value === undefined) throw refused('INVALID_VALUE', 'A value is required.');
  if (bytesOf(value) > MAX_VALUE_BYTES) throw refused('MAX_SIZE', 'The provided value has exceeded the maximum size limit.');
  if (depthOf(value) > MAX_DEPTH)
    throw refused('MAX_DEPTH', `The provided value has exceeded the maximum object depth (${MAX_DEPTH}) limit.`);
};

/** Several keys in one request: 1 to 25 of them, each once, within the payload limit. */
const checkBatch = (items: readonly { key: string; entityName?: string }[], limitName: string): void => {
  if (items.length === 0) throw refused('EMPTY_BATCH', `A ${limitName} needs at least one key.`);
  if (items.length > MAX_BATCH_KEYS)
    throw refused('TOO_MANY_KEYS', `A ${limitName} can contain a maximum of ${MAX_BATCH_KEYS} keys (${items.length} given).`);
  const seen = new Set<string>();
  for (const item of items) {
    checkKey(item.key);
    const identity = `${item.entityName ?? ''}\u0000${item.key}`;
    if (seen.has(identity)) throw refused('DUPLICATE_KEY', `Key "${item.key}" appears more than once in one ${limitName}.`);
    seen.add(identity);
  }
  if (bytesOf(items) > MAX_PAYLOAD_BYTES) throw refused('PAYLOAD_TOO_LARGE', `A ${limitName} is limited to a payload of 4MB.`);
};

// ---- Custom entities, as the manifest declares them ------------------------------------------------------------------

type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';
let declaredEntities: ReadonlyMap<string, Readonly<Record<string, AttributeType>>> | null = null;

/** The custom entities `manifest.yml` declares (`app.storage.entities`), read once. */
const entitiesDeclared = (): ReadonlyMap<string, Readonly<Record<string, AttributeType>>> => {
  if (declaredEntities === null) {
    const manifest = parse(readFileSync(path.resolve(__dirname, '..', '..', 'manifest.yml'), 'utf8')) as {
      app?: { storage?: { entities?: { name: string; attributes: Record<string, { type: AttributeType }> }[] } };
    };
    declaredEntities = new Map(
      (manifest.app?.storage?.entities ?? []).map((entity) => [
        entity.name,
        Object.fromEntries(Object.entries(entity.attributes).map(([name, { type }]) => [name, type])),
      ]),
    );
  }
  return declaredEntities;
};

const fitsType = (value: unknown, type: AttributeType): boolean => {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value.trim() !== '';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32.min && value <= INT32.max;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'any':
      return value !== null;
  }
};

const attributesOf = (entityName: string): Readonly<Record<string, AttributeType>> => {
  const attributes = entitiesDeclared().get(entityName);
  if (attributes === undefined)
    throw refused('INVALID_ENTITY_TYPE', `manifest.yml declares no custom entity "${entityName}" under app.storage.entities.`);
  return attributes;
};

/** The Custom Entity Store strictly enforces attribute types (…/storage-reference/entities-manifest/#values). */
const checkEntityValue = (entityName: string, value: unknown): void => {
  const attributes = attributesOf(entityName);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw refused('INVALID_ENTITY_VALUE', 'An entity value is an object of attributes.');
  for (const [name, attribute] of Object.entries(value)) {
    const type = attributes[name];
    if (type === undefined) throw refused('INVALID_ENTITY_VALUE', `Entity "${entityName}" has no attribute "${name}".`);
    if (!fitsType(attribute, type))
      throw refused('INVALID_ENTITY_VALUE', `Attribute "${name}" of entity "${entityName}" must be of type ${type}.`);
  }
};

/** A `Filter` built with the real package's builder, whatever entity type it was built for. */
interface Conditions {
  filters(): readonly unknown[];
  operator(): 'and' | 'or';
}

interface FilterItem {
  readonly property: string;
  readonly condition: string;
  readonly values: readonly unknown[];
}

const compare = (left: unknown, right: unknown): number | null => {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return null;
};

/** One filter condition on a stored entity (absent when the key holds nothing), as the entity query filters define them. */
const holds = (stored: Record<string, unknown> | undefined, item: FilterItem): boolean => {
  const value = stored?.[item.property];
  const [first, second] = item.values;
  const order = compare(value, first);
  switch (item.condition) {
    case 'EXISTS':
      return value !== undefined;
    case 'NOT_EXISTS':
      return value === undefined;
    case 'EQUAL_TO':
      return value !== undefined && value === first;
    case 'NOT_EQUAL_TO':
      return value !== first;
    case 'GREATER_THAN':
      return order !== null && order > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return order !== null && order >= 0;
    case 'LESS_THAN':
      return order !== null && order < 0;
    case 'LESS_THAN_EQUAL_TO':
      return order !== null && order <= 0;
    case 'BETWEEN':
      return order !== null && order >= 0 && (compare(value, second) ?? 1) <= 0;
    case 'BEGINS_WITH':
      return typeof value === 'string' && value.startsWith(String(first));
    case 'CONTAINS':
      return typeof value === 'string' ? value.includes(String(first)) : Array.isArray(value) && value.includes(first);
    case 'NOT_CONTAINS':
      return !(typeof value === 'string' ? value.includes(String(first)) : Array.isArray(value) && value.includes(first));
    default:
      throw refused('INVALID_FILTER_CONDITION', `The condition ${item.condition} is not supported for filters.`);
  }
};

const conditionsHold = (entityName: string, key: string, conditions: Conditions | undefined): boolean => {
  if (conditions === undefined) return true;
  const items = conditions.filters() as readonly FilterItem[];
  if (items.length === 0) throw refused('EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
  const stored = entityStorage(entityName)[key] as Record<string, unknown> | undefined;
  return conditions.operator() === 'and' ? items.every((item) => holds(stored, item)) : items.some((item) => holds(stored, item));
};

// ---- Queries -----------------------------------------------------------------------------------------------------------

interface KeyCondition {
  readonly condition: string;
  readonly values: readonly unknown[];
}

/** The query builder of `kvs.query()`: keys that begin with a prefix, in key order, a page of at most 20 at a time. */
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
    if (limit > MAX_QUERY_LIMIT) throw refused('LIST_QUERY_LIMIT_EXCEEDED', `Limit for list query should be at most ${MAX_QUERY_LIMIT}.`);
    this.pageSize = limit;
    return this;
  }

  getMany() {
    return roundTrip(() => {
      const keys = Object.keys(storage())
        .filter((key) => key.startsWith(this.prefix) && (this.after === undefined || key > this.after))
        .sort();
      const page = keys.slice(0, this.pageSize);
      const more = keys.length > page.length;
      return { results: page.map((key) => ({ key, value: copy(storage()[key]) })), ...(more ? { nextCursor: page.at(-1) } : {}) };
    });
  }
}

// ---- Transactions ------------------------------------------------------------------------------------------------------

interface EntityConditions {
  readonly entityName: string;
  readonly conditions?: Conditions;
}

type Operation =
  | { readonly kind: 'set'; readonly key: string; readonly value: unknown; readonly entity?: EntityConditions; readonly ttl?: Ttl }
  | { readonly kind: 'delete'; readonly key: string; readonly entity?: EntityConditions }
  | { readonly kind: 'check'; readonly key: string; readonly entity: EntityConditions };

/**
 * `kvs.transact()`: sets, deletes and checks that all commit or none do. Conditions (on `.set`, `.delete`, and the
 * mandatory ones of `.check`) apply to custom entities only; if one does not hold, nothing is written.
 */
class TransactionBuilder {
  private readonly operations: Operation[] = [];

  // A transaction's set takes a TTL as `kvs.set` does (@forge/kvs 1.6.5: `set(key, value, entity?, options?: SetOptions)`).
  set(key: string, value: unknown, entity?: EntityConditions, options?: { readonly ttl?: Ttl }): this {
    this.operations.push({ kind: 'set', key, value, ...(entity ? { entity } : {}), ...(options?.ttl ? { ttl: options.ttl } : {}) });
    return this;
  }

  delete(key: string, entity?: EntityConditions): this {
    this.operations.push({ kind: 'delete', key, ...(entity ? { entity } : {}) });
    return this;
  }

  // The app is JavaScript at run time: a check without an entity reaches here, and Forge refuses it.
  check(key: string, entity: EntityConditions | undefined): this {
    if (entity?.conditions === undefined) throw refused('INVALID_CHECK', 'A transaction check needs an entity and conditions.');
    this.operations.push({ kind: 'check', key, entity });
    return this;
  }

  async execute(): Promise<void> {
    const operations = [...this.operations];
    if (operations.length > MAX_BATCH_KEYS)
      throw refused(
        'TOO_MANY_OPERATIONS',
        `Each transaction can contain a maximum of ${MAX_BATCH_KEYS} operations (${operations.length} given).`,
      );
    checkBatch(
      operations.map((operation) => ({ key: operation.key })),
      'transaction',
    );
    for (const operation of operations) {
      if (operation.entity !== undefined) attributesOf(operation.entity.entityName);
      if (operation.kind !== 'set') continue;
      checkValue(operation.value);
      if (operation.entity !== undefined) checkEntityValue(operation.entity.entityName, operation.value);
    }
    await roundTrip(() => {
      const failed = operations.find(
        (operation) =>
          operation.entity !== undefined && !conditionsHold(operation.entity.entityName, operation.key, operation.entity.conditions),
      );
      // Forge documents that the whole transaction fails, not the error code it answers with.
      if (failed !== undefined)
        throw refused('CONDITION_FAILED', `The transaction's condition on key "${failed.key}" is not met; nothing was written.`);
      for (const operation of operations) {
        const target = operation.entity === undefined ? storage() : entityStorage(operation.entity.entityName);
        if (operation.kind === 'set') target[operation.key] = copy(operation.value);
        if (operation.kind === 'delete') delete target[operation.key];
        // Expiry is kept for app values only: an expiring guard entity stays here (harmless: its value is gone).
        if (operation.entity === undefined) noteExpiry(operation.key, operation.kind === 'set' ? operation.ttl : undefined);
      }
      runtime().store.changed();
    });
  }
}

export { FilterBuilder as Filter, FilterConditions, WhereConditions };

export const kvs = {
  query: () => new QueryBuilder(),
  transact: () => new TransactionBuilder(),
  async get<T>(key: string): Promise<T | undefined> {
    checkKey(key);
    return roundTrip(() => (key in storage() ? copy(storage()[key] as T) : undefined));
  },
  async set(key: string, value: unknown): Promise<void> {
    checkKey(key);
    checkValue(value);
    await roundTrip(() => {
      storage()[key] = copy(value);
      noteExpiry(key, undefined);
      runtime().store.changed();
    });
  },
  async delete(key: string): Promise<void> {
    checkKey(key);
    await roundTrip(() => {
      delete storage()[key];
      noteExpiry(key, undefined);
      runtime().store.changed();
    });
  },
  // Secrets: the same keys and values as the store, kept apart, never listed by a query
  // (developer.atlassian.com/platform/forge/storage-reference/kvs-api-secret/).
  async getSecret<T>(key: string): Promise<T | undefined> {
    checkKey(key);
    return roundTrip(() => {
      const secrets = (runtime().store.data.appSecrets ??= {});
      return key in secrets ? copy(secrets[key] as T) : undefined;
    });
  },
  async setSecret(key: string, value: unknown): Promise<void> {
    checkKey(key);
    checkValue(value);
    await roundTrip(() => {
      (runtime().store.data.appSecrets ??= {})[key] = copy(value);
      runtime().store.changed();
    });
  },
  async batchGet(items: readonly { key: string; entityName?: string }[]) {
    checkBatch(items, 'batch');
    for (const item of items) if (item.entityName !== undefined) attributesOf(item.entityName);
    return roundTrip(() => {
      const successfulKeys = items.flatMap(({ key, entityName }) => {
        const source = entityName === undefined ? storage() : entityStorage(entityName);
        return key in source ? [{ key, ...(entityName === undefined ? {} : { entityName }), value: copy(source[key]) }] : [];
      });
      return { successfulKeys, failedKeys: [] as { key: string; error: { code: string; message: string } }[] };
    });
  },
  async batchSet(items: readonly { key: string; value: unknown; options?: { ttl?: Ttl } }[]) {
    checkBatch(items, 'batch');
    // Forge answers a value over its limits as a failed key; the others are written.
    const failedKeys = items.flatMap(({ key, value }) => {
      try {
        checkValue(value);
        return [];
      } catch (error) {
        const { code, message } = error as ForgeKvsAPIError;
        return [{ key, error: { code, message } }];
      }
    });
    const failed = new Set(failedKeys.map(({ key }) => key));
    return roundTrip(() => {
      for (const { key, value, options } of items) {
        if (failed.has(key)) continue;
        storage()[key] = copy(value);
        noteExpiry(key, options?.ttl);
      }
      runtime().store.changed();
      return { successfulKeys: items.filter(({ key }) => !failed.has(key)).map(({ key }) => ({ key })), failedKeys };
    });
  },
  async batchDelete(items: readonly { key: string; entityName?: string }[]) {
    checkBatch(items, 'batch');
    for (const item of items) if (item.entityName !== undefined) attributesOf(item.entityName);
    return roundTrip(() => {
      for (const { key, entityName } of items) {
        delete (entityName === undefined ? storage() : entityStorage(entityName))[key];
        if (entityName === undefined) noteExpiry(key, undefined);
      }
      runtime().store.changed();
      return { successfulKeys: items.map(({ key }) => ({ key })), failedKeys: [] as { key: string }[] };
    });
  },
};
