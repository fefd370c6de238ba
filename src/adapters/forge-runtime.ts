import api, { assumeTrustedRoute } from '@forge/api';
import { Queue } from '@forge/events';
import type { RefreshJob } from '../contracts/metrics-store.schema';
import type { AppStore } from '../use-cases/ports';
import { createJiraApi, type JiraApi } from './jira-api';
import { createJiraClient, SYNC_FUNCTION_POLICY, type JiraTransport, type RetryPolicy } from './jira-client';
import { kvsStore } from './kvs-store';

/** Jira as the app. Paths come only from `buildJiraPath`, which encodes every parameter. */
const asAppTransport: JiraTransport = (path, init) => api.asApp().requestJira(assumeTrustedRoute(path), init);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RuntimeDeps {
  readonly jira: JiraApi;
  readonly store: AppStore;
  readonly now: Date;
}

/**
 * The production wiring, built per invocation: `now` is read once here, the only clock the
 * use cases see, and nothing survives between warm invocations.
 */
export const forgeRuntimeDeps = (policy: RetryPolicy = SYNC_FUNCTION_POLICY): RuntimeDeps => ({
  jira: createJiraApi(createJiraClient({ transport: asAppTransport, sleep, now: Date.now, random: Math.random, policy })),
  store: kvsStore,
  now: new Date(),
});

/** The metrics refresh queue's key, as in the manifest's `consumer` module. */
export const METRICS_REFRESH_QUEUE = 'metrics-refresh';

/** Queue consumers run up to `timeoutSeconds` (300 in the manifest): room for long Jira waits. */
const CONSUMER_POLICY: RetryPolicy = { budgetMs: 120_000, baseDelayMs: 500, maxDelayMs: 15_000, attemptTimeoutMs: 20_000 };

export interface MetricsDeps extends RuntimeDeps {
  readonly enqueue: (job: RefreshJob) => Promise<void>;
}

export const forgeMetricsDeps = (): MetricsDeps => ({
  ...forgeRuntimeDeps(CONSUMER_POLICY),
  async enqueue(job) {
    // One refresh at a time per site: a duplicated schedule cannot run two refreshes side by side.
    await new Queue({ key: METRICS_REFRESH_QUEUE }).push({ body: { ...job }, concurrency: { key: 'metrics-refresh', limit: 1 } });
  },
});
