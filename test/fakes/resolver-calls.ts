import type { Envelope } from '../../src/contracts/resolver-contract';

/** A resolver as a test calls it when it loops over keys it holds as strings. */
type AnyHandler = (request: { readonly payload?: unknown; readonly context?: unknown }) => Promise<Envelope<unknown>>;

/** The handler a test names by a string key (from a list it loops over); a key the app does not define fails the test. */
export const handlerOf = (handlers: object, key: string): AnyHandler => {
  const handler = (handlers as Readonly<Record<string, AnyHandler | undefined>>)[key];
  if (handler === undefined) throw new Error(`no resolver ${key}`);
  return handler;
};
