import { invoke as bridgeInvoke } from '@forge/bridge';

/**
 * Calls one of the app's resolvers and answers what it returned. @forge/bridge 6+ types `invoke`'s answer
 * as the body or `{ body, metadata }`; the second shape comes only when the caller asks for metadata
 * (rate-limit properties), which the app never does, so the answer is the resolver's own value.
 */
export const invoke = <Answer>(functionKey: string, payload?: Record<string, unknown>): Promise<Answer> =>
  bridgeInvoke<Answer>(functionKey, payload) as Promise<Answer>;
