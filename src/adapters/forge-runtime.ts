import api, { assumeTrustedRoute, getAppContext, webTrigger } from '@forge/api';
import { Queue } from '@forge/events';
import type { RefreshJob } from '../contracts/metrics-store.schema';
import type { ReminderJob } from '../contracts/reminders.schema';
import type { AppInstall } from '../domain/app-fields';
import type { AppStore, SecretStore } from '../use-cases/ports';
import { createJiraApi } from './jira-api';
import { createSetupApi } from './jira-setup-api';
import { createJiraClient, SYNC_FUNCTION_POLICY, type JiraHttpResponse, type JiraTransport, type RetryPolicy } from './jira-client';
import { kvsSecrets, kvsStore } from './kvs-store';
import type { JiraApi } from '../use-cases/jira-port';
import type { SetupApi } from '../use-cases/setup-port';

/** Jira as the app. Paths come only from `buildJiraPath`, which encodes every parameter. */
const asAppTransport: JiraTransport = (path, init) => api.asApp().requestJira(assumeTrustedRoute(path), init);

/** Jira as the user who invoked a resolver: Jira applies that user's permissions (searches by JQL). */
const asUserTransport: JiraTransport = (path, init) => api.asUser().requestJira(assumeTrustedRoute(path), init);

/**
 * What `requestJira` throws when Forge itself will not act as the account, before Jira sees the request (`@forge/api`
 * out/api/fetch.js `handleProxyResponseErrors`: a `forge-proxy-error` header becomes `NeedsAuthenticationError`, or
 * `ProxyRequestError`; their names in out/api/errors.js, which the package's index does not export): the viewer never allowed the app
 * to act for them, or has left the site. Asking again does not change that, so it is a refusal (403), not a network
 * failure the client would retry for its whole budget and the refresh would take as Jira being briefly down.
 */
const FORGE_REFUSALS: ReadonlySet<string> = new Set(['NEEDS_AUTHENTICATION_ERR', 'PROXY_ERR']);
const refusedByForge: JiraHttpResponse = {
  status: 403,
  headers: { get: () => null },
  text: () => Promise.resolve(JSON.stringify({ errorMessages: ['Forge could not act as this account in Jira.'] })),
};

/**
 * Jira as a given account where no user invoked the function (a queue consumer): Forge's offline user impersonation,
 * which needs `allowImpersonation: true` on the scope used (manifest `permissions.scopes`,
 * developer.atlassian.com/platform/forge/manifest-reference/permissions/). Only the metrics refresh uses it, to run a
 * Workflow health gadget's JQL as each viewer who loaded it, with that viewer's permissions.
 */
const impersonatingTransport =
  (accountId: string): JiraTransport =>
  async (path, init) => {
    try {
      return await api.asUser(accountId).requestJira(assumeTrustedRoute(path), init);
    } catch (error) {
      if (error instanceof Error && FORGE_REFUSALS.has(error.name)) return refusedByForge;
      throw error;
    }
  };

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

/** The issue panel: the runtime wiring, plus Jira as the person using the panel (their moves are theirs). */
export interface PanelRuntimeDeps extends RuntimeDeps {
  readonly jiraAsUser: JiraApi;
}

export const forgePanelDeps = (): PanelRuntimeDeps => ({
  ...forgeRuntimeDeps(),
  jiraAsUser: createJiraApi(
    createJiraClient({ transport: asUserTransport, sleep, now: Date.now, random: Math.random, policy: SYNC_FUNCTION_POLICY }),
  ),
});

/** The metrics refresh queue's key, as in the manifest's `consumer` module. */
const METRICS_REFRESH_QUEUE = 'metrics-refresh';

/** Queue consumers run up to `timeoutSeconds` (300 in the manifest): room for long Jira waits. */
const CONSUMER_POLICY: RetryPolicy = { budgetMs: 120_000, baseDelayMs: 500, maxDelayMs: 15_000, attemptTimeoutMs: 20_000 };

/**
 * The searches a refresh makes as each viewer of a JQL gadget: short, so that an event's four viewers, four pages each,
 * take at most 4 × 4 × 10 s = 160 s even when Jira stays down, and the last event computes every view within the
 * consumer's 300 s. A search that runs out leaves its view to the viewer's own load, which says so.
 */
const VIEWER_SEARCH_POLICY: RetryPolicy = { budgetMs: 10_000, baseDelayMs: 500, maxDelayMs: 4_000, attemptTimeoutMs: 8_000 };

/** The automation queue's key (SLA reminders and the launch watch), as in the manifest. */
const AUTOMATION_QUEUE = 'automation';

/** Dependencies of work that runs a page per queue event and queues its next page. */
export interface QueueDeps<Job> extends RuntimeDeps {
  readonly enqueue: (job: Job) => Promise<void>;
}
export type MetricsDeps = QueueDeps<RefreshJob>;
/** The metrics refresh's steps: also Jira as a viewer, for the views of JQL gadgets. */
export interface MetricsConsumerDeps extends MetricsDeps {
  readonly jiraAs: (accountId: string) => JiraApi;
}
export type AutomationDeps = QueueDeps<ReminderJob>;

const queueDeps = <Job extends Record<string, unknown>>(queueKey: string): QueueDeps<Job> => ({
  ...forgeRuntimeDeps(CONSUMER_POLICY),
  async enqueue(job) {
    // One run at a time per site: a duplicated schedule cannot run two side by side.
    await new Queue({ key: queueKey }).push({ body: { ...job }, concurrency: { key: queueKey, limit: 1 } });
  },
});

export const forgeMetricsDeps = (): MetricsDeps => queueDeps<RefreshJob>(METRICS_REFRESH_QUEUE);

export const forgeMetricsConsumerDeps = (): MetricsConsumerDeps => ({
  ...forgeMetricsDeps(),
  jiraAs: (accountId) =>
    createJiraApi(
      createJiraClient({
        transport: impersonatingTransport(accountId),
        sleep,
        now: Date.now,
        random: Math.random,
        policy: VIEWER_SEARCH_POLICY,
      }),
    ),
});

/** The dashboard gadgets: the metrics wiring, plus Jira as the viewer for their JQL. */
export interface GadgetRuntimeDeps extends MetricsDeps {
  readonly jiraAsUser: JiraApi;
}

export const forgeGadgetDeps = (): GadgetRuntimeDeps => ({
  ...forgeMetricsDeps(),
  jiraAsUser: createJiraApi(
    createJiraClient({ transport: asUserTransport, sleep, now: Date.now, random: Math.random, policy: SYNC_FUNCTION_POLICY }),
  ),
});
export const forgeAutomationDeps = (): AutomationDeps => queueDeps<ReminderJob>(AUTOMATION_QUEUE);

/** The admin page's Set up project: Jira as the admin who asked, and the app install running. */
export interface SetupRuntimeDeps extends RuntimeDeps {
  readonly setup: SetupApi;
  readonly install: AppInstall;
}

export const forgeSetupDeps = (): SetupRuntimeDeps => ({
  ...forgeRuntimeDeps(),
  setup: createSetupApi(
    createJiraClient({ transport: asUserTransport, sleep, now: Date.now, random: Math.random, policy: SYNC_FUNCTION_POLICY }),
    sleep,
  ),
  install: { appId: getAppContext().appAri.appId, environmentId: getAppContext().environmentAri.environmentId },
});

/** The CRM web trigger's module key, as in the manifest's `webtrigger` module. */
const CRM_WEBTRIGGER_KEY = 'crm-figures';

/** The CRM web trigger: app storage, its secrets and the clock; no Jira (a web trigger runs for no user). */
export const forgeWebTriggerDeps = () => ({ store: kvsStore, secrets: kvsSecrets, now: new Date() });

/** The admin page's web trigger part: the runtime wiring, the secrets, and the trigger's URL on this site. */
export interface WebTriggerAdminRuntimeDeps extends RuntimeDeps {
  readonly secrets: SecretStore;
  readonly webTriggerUrl: () => Promise<string>;
}

export const forgeWebTriggerAdminDeps = (): WebTriggerAdminRuntimeDeps => ({
  ...forgeRuntimeDeps(),
  secrets: kvsSecrets,
  // The URL is stable per module, app, site and environment (developer.atlassian.com/platform/forge/runtime-reference/web-trigger-api/).
  webTriggerUrl: () => webTrigger.getUrl(CRM_WEBTRIGGER_KEY),
});
