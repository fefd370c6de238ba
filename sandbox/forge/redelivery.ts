import { DAY_MS } from '../../src/domain/durations';

/**
 * Retries Forge makes of an event whose handler asks for one: at most four for a product event
 * (developer.atlassian.com/platform/forge/events-reference/product_events/, "Retry Atlassian app events": "You can only
 * retry an event for a maximum of four times"). An async event is retried until delivered within its 24-hour retention
 * window (runtime-reference/async-events-api/, "Retries"); the sandbox retries at once rather than after `retryAfter`,
 * so it stops those after the same four, lest a handler that always asks spin it.
 */
export const MAX_RETRIES = 4;

/** An async event's retention window: 24 hours from when it was queued (runtime-reference/async-events-api/). */
const RETENTION_MS = DAY_MS;

/** What a handler answers to ask for a retry: `new InvocationError(options)` returns this shape (@forge/events 3.x). */
interface RetryRequest {
  readonly _retry: true;
  readonly retryOptions?: { readonly retryReason?: unknown; readonly retryData?: unknown };
}

const isRetryRequest = (answer: unknown): answer is RetryRequest =>
  typeof answer === 'object' && answer !== null && (answer as { _retry?: unknown })._retry === true;

/** When an async event was queued, and the sandbox's clock: its retry context then says how much of the window is left. */
export interface Retention {
  readonly queuedAt: Date;
  readonly now: () => Date;
}

/**
 * The `retryContext` a retried event carries: which retry it is, and the reason and data the app gave when it asked
 * ("retryReason and retryData will be populated with the same values as were given when requesting the retry with
 * InvocationError"). `retryData` only when it is an object: Forge does not send another kind (its bug ECO-734, as the
 * same page says). An async event's also says its retention window (`RetryContext.retentionWindow`, @forge/events types).
 */
const retryContextOf = (request: RetryRequest, retryCount: number, retention: Retention | undefined) => {
  const { retryReason, retryData } = request.retryOptions ?? {};
  return {
    retryCount,
    retryReason: typeof retryReason === 'string' ? retryReason : 'FUNCTION_RETRY_REQUEST',
    retryData: typeof retryData === 'object' && retryData !== null ? retryData : undefined,
    ...(retention === undefined
      ? {}
      : {
          retentionWindow: {
            startTime: retention.queuedAt.toISOString(),
            remainingTimeMs: Math.max(0, RETENTION_MS - (retention.now().getTime() - retention.queuedAt.getTime())),
          },
        }),
  };
};

/**
 * Delivers an event as Forge does: again while the handler answers an `InvocationError` (any other answer, or none, is
 * a delivery), each retry carrying its `retryContext`, up to `MAX_RETRIES`. Answers how many times it was delivered.
 */
export const deliverWithRetries = async (
  handle: (event: object) => Promise<unknown>,
  event: object,
  retention?: Retention,
): Promise<{ readonly deliveries: number; readonly dropped: boolean }> => {
  let delivered: object = event;
  for (let retryCount = 0; ; retryCount++) {
    const answer = await handle(delivered);
    if (!isRetryRequest(answer)) return { deliveries: retryCount + 1, dropped: false };
    if (retryCount === MAX_RETRIES) return { deliveries: retryCount + 1, dropped: true };
    delivered = { ...event, retryContext: retryContextOf(answer, retryCount + 1, retention) };
  }
};
