import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { Failure } from '../domain/result';
import { refusedByStore } from '../adapters/kvs-store';
import { isTransient } from '../use-cases/ports';

const DEFAULT_WAIT_MS = 60_000;

/**
 * Retries the platform makes of a product event at most, however often the app asks
 * (developer.atlassian.com/platform/forge/events-reference/product_events/, "Retry product events"); a retried
 * event says which retry it is in `retryContext.retryCount`.
 */
const MAX_EVENT_RETRIES = 4;

/** Whether this delivery of a product event is the platform's last: asking it for another is in vain. */
export const isLastDelivery = (event: { readonly retryContext?: { readonly retryCount: number } | undefined }): boolean =>
  (event.retryContext?.retryCount ?? 0) >= MAX_EVENT_RETRIES;

/**
 * What a step that threw (app storage failed, say) leaves undone, as a failure: one a retry mends, unless the store refused
 * the request itself (a 4xx other than 429, as a value over the size limit), which no retry mends.
 */
export const failureOfThrow = (error: unknown): Failure => ({
  code: refusedByStore(error) ? 'STORAGE.REFUSED' : 'STORAGE.UNAVAILABLE',
  message: error instanceof Error ? error.message : String(error),
});

/**
 * For an event handler whose work threw: a retry unless no retry can mend it (`failureOfThrow`). Forge retries an event
 * so asked at most 4 times (developer.atlassian.com/platform/forge/events-reference/product_events/, "Retry").
 */
export const retryAfterThrow = (error: unknown): InvocationError | null => retryLaterFor(failureOfThrow(error));

/**
 * For an event handler: the platform retry to ask for when a failure is transient (rate limit,
 * outage, timeout), honouring Jira's wait; null when retrying cannot help.
 */
export const retryLaterFor = (error: Failure & { readonly retryAfterMs?: number }): InvocationError | null => {
  if (!isTransient(error)) return null;
  const waitMs = typeof error.retryAfterMs === 'number' ? error.retryAfterMs : DEFAULT_WAIT_MS;
  return new InvocationError({
    // The platform accepts 1–900 seconds.
    retryAfter: Math.min(900, Math.max(1, Math.ceil(waitMs / 1_000))),
    retryReason:
      error.code === 'JIRA.RATE_LIMITED' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
  });
};
