import { InvocationError, InvocationErrorCode } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { deliverWithRetries, MAX_RETRIES } from '../../sandbox/forge/redelivery';
import { isLastDelivery } from '../../src/handlers/retry-later';

/** A handler that records each event it is given and answers as `answer` says for that delivery. */
const recording = (answer: (delivery: number) => unknown) => {
  const events: Record<string, unknown>[] = [];
  const handle = async (event: object) => {
    events.push(event as Record<string, unknown>);
    return answer(events.length);
  };
  return { events, handle };
};

describe("the sandbox delivers an event again as Forge does, with the retry's context", () => {
  it('retries a product event at most four times, each retry saying which it is and why, as the app asked', async () => {
    const { events, handle } = recording(
      () =>
        new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED, retryData: { page: 2 } }),
    );
    const event = { eventType: 'avi:jira:updated:issue', issue: { id: '10001', key: 'MKT-1' } };
    expect(await deliverWithRetries(handle, event)).toEqual({ deliveries: 5, dropped: true });
    expect(MAX_RETRIES).toBe(4);
    // The first delivery carries none (Forge adds it "for a retry"); each retry counts up to 4.
    expect(events[0]).toEqual(event);
    expect(events.slice(1).map((delivered) => delivered['retryContext'])).toEqual(
      [1, 2, 3, 4].map((retryCount) => ({ retryCount, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { page: 2 } })),
    );
    // The app's own rule then sees its last delivery, and asks no more (issue-changed.trigger.ts).
    expect(events.map((delivered) => isLastDelivery(delivered))).toEqual([false, false, false, false, true]);
  });

  it('stops at the first delivery that asks for nothing, and reads any other answer as delivered', async () => {
    const twice = recording((delivery) => (delivery === 1 ? new InvocationError() : undefined));
    expect(await deliverWithRetries(twice.handle, { body: {} })).toEqual({ deliveries: 2, dropped: false });
    expect(twice.events[1]!['retryContext']).toMatchObject({ retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST' });
    const answered = recording(() => ({ statusCode: 200 }));
    expect(await deliverWithRetries(answered.handle, { body: {} })).toEqual({ deliveries: 1, dropped: false });
  });

  it("sends retryData only when it is an object, and an async event's retention window", async () => {
    let now = new Date('2026-06-10T12:00:00.000Z');
    const queuedAt = now;
    const { events, handle } = recording((delivery) => {
      now = new Date(now.getTime() + 60_000);
      return delivery === 1
        ? new InvocationError({ retryAfter: 1, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: 'page 2' })
        : undefined;
    });
    await deliverWithRetries(handle, { body: { job: 'refresh' }, queueName: 'metrics-refresh' }, { queuedAt, now: () => now });
    expect(events[1]).toEqual({
      body: { job: 'refresh' },
      queueName: 'metrics-refresh',
      retryContext: {
        retryCount: 1,
        retryReason: 'FUNCTION_RETRY_REQUEST',
        retryData: undefined,
        retentionWindow: { startTime: '2026-06-10T12:00:00.000Z', remainingTimeMs: 24 * 3_600_000 - 60_000 },
      },
    });
  });
});
