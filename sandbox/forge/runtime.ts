import { AsyncLocalStorage } from 'node:async_hooks';
import type { JiraSite } from '../jira/rest';
import type { SiteStore } from '../jira/site-state';
import type { ImpersonationRule } from './impersonation';

/**
 * What the Forge stand-ins reach: the emulated site, the app's storage and the queues. Set once
 * by the host before the app's code runs; the app itself never imports this module.
 */
interface SandboxRuntime {
  readonly site: JiraSite;
  readonly store: SiteStore;
  readonly enqueue: (queueKey: string, body: unknown) => void;
  /** Time each app storage call takes, as real I/O does; overrides `SANDBOX_KVS_LATENCY_MS`. */
  readonly kvsLatencyMs?: number;
  /**
   * Which requests the app may make as another account (`asUser(accountId)`), from `manifest.yml`: set by the app host.
   * Without it such a request is a defect of the sandbox's wiring, not a request Forge would let through.
   */
  readonly impersonation?: ImpersonationRule;
  /** Where the sandbox serves web triggers (`<origin>/x1/<module key>`); set once the server listens. */
  webTriggerOrigin?: string;
}

let current: SandboxRuntime | null = null;

export const setSandboxRuntime = (runtime: SandboxRuntime): void => {
  current = runtime;
};

export const sandboxRuntime = (): SandboxRuntime => {
  if (current === null) throw new Error('the sandbox runtime is not set: start the app through sandbox/server.ts');
  return current;
};

/** The account an invocation runs for (the resolver's caller), as Forge knows it for `asUser()`. */
export const invocationUser = new AsyncLocalStorage<string>();
