import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { Failure } from '../domain/result';

/** Jira's rate limits, outages and timeouts; app storage that failed to read or write (the adapters throw nothing else). */
const TRANSIENT = new Set(['JIRA.RATE_LIMITED', 'JIRA.UNAVAILABLE', 'JIRA.TIMEOUT', 'STORAGE.UNAVAILABLE']);
const DEFAULT_WAIT_MS = 60_000;

/**
 * For an event handler: the platform retry to ask for when a failure is transient (rate limit,
 * outage, timeout), honouring Jira's wait; null when retrying cannot help.
 */
export const retryLaterFor = (error: Failure & { readonly retryAfterMs?: number }): InvocationError | null => {
  if (!TRANSIENT.has(error.code)) return null;
  const waitMs = typeof error.retryAfterMs === 'number' ? error.retryAfterMs : DEFAULT_WAIT_MS;
  return new InvocationError({
    // The platform accepts 1–900 seconds.
    retryAfter: Math.min(900, Math.max(1, Math.ceil(waitMs / 1_000))),
    retryReason: error.code === 'JIRA.RATE_LIMITED' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
  });
};
