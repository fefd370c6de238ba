import { createJiraApi } from '../../src/adapters/jira-api';
import { createJiraClient, type JiraTransport } from '../../src/adapters/jira-client';
import type { PanelRuntimeDeps } from '../../src/adapters/forge-runtime';
import type { AppStore } from '../../src/use-cases/ports';
import type { JiraApi } from '../../src/use-cases/jira-port';
import { NOW } from './fixtures';

// Apart from the test site (which registers a vitest hook), so the bench can build the same deps outside vitest.
/** The production use cases over a test site of the sandbox's Jira and an in-memory store, on a fixed clock. */
export const testDeps =
  (
    jira: { readonly transport: JiraTransport; transportAs(accountId: string): JiraTransport },
    store: AppStore,
    now: Date = NOW,
  ): (() => PanelRuntimeDeps & { readonly jiraAs: (accountId: string) => JiraApi }) =>
  () => {
    // A virtual clock: backoff sleeps advance it at once, so retry budgets run out without waiting.
    let clock = 0;
    const over = (transport: JiraTransport) =>
      createJiraApi(
        createJiraClient({
          transport,
          now: () => clock,
          random: () => 0.5,
          sleep: async (ms) => {
            clock += ms;
          },
          policy: { budgetMs: 1_000, baseDelayMs: 10, maxDelayMs: 100, attemptTimeoutMs: 1_000 },
        }),
      );
    const api = over((path, init) => jira.transport(path, init));
    // The user's calls go as the app too: tests check who may act through the app's own permission checks. The refresh's
    // impersonated calls (a JQL gadget's search as its viewer) go as that person, whose permissions the test grants.
    return { jira: api, jiraAsUser: api, jiraAs: (accountId) => over(jira.transportAs(accountId)), store, now };
  };
