/** App storage as the use cases need it: several keys in one round trip, one key written at a time. */
export interface AppStore {
  /** Values by key; a key with nothing stored is absent from the answer. */
  getMany(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>>;
  set(key: string, value: unknown): Promise<void>;
}

export const storageKeys = {
  config: 'config',
  record: (issueId: string) => `record:${issueId}`,
  stageLog: (issueId: string) => `stagelog:${issueId}`,
} as const;

/** KVS refuses values over 240 KiB; a record that large is refused before the write, not half-written. */
export const MAX_VALUE_BYTES = 240 * 1024;

export const serializedSize = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');
