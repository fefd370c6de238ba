import { sandboxRuntime } from './runtime';

/**
 * Stand-in for `@forge/events`: `Queue.push` hands events to the sandbox's queue runner; the
 * error types are the real package's, so the app's retry answers mean what they mean on Forge.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const real = require(require.resolve('@forge/events')) as typeof import('@forge/events');

export const InvocationError = real.InvocationError;
export const InvocationErrorCode = real.InvocationErrorCode;

interface PushEvent {
  readonly body: unknown;
}

export class Queue {
  constructor(private readonly options: { key: string }) {}

  async push(events: PushEvent | readonly PushEvent[]): Promise<void> {
    for (const event of Array.isArray(events) ? events : [events]) sandboxRuntime().enqueue(this.options.key, (event as PushEvent).body);
  }
}
