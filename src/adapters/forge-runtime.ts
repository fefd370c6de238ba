import api, { assumeTrustedRoute } from '@forge/api';
import type { AppStore } from '../use-cases/ports';
import { createJiraApi, type JiraApi } from './jira-api';
import { createJiraClient, SYNC_FUNCTION_POLICY, type JiraTransport } from './jira-client';
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
export const forgeRuntimeDeps = (): RuntimeDeps => ({
  jira: createJiraApi(
    createJiraClient({ transport: asAppTransport, sleep, now: Date.now, random: Math.random, policy: SYNC_FUNCTION_POLICY }),
  ),
  store: kvsStore,
  now: new Date(),
});
