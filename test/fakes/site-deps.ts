import { createJiraApi } from '../../src/adapters/jira-api';
import { createJiraClient, type JiraTransport } from '../../src/adapters/jira-client';
import type { PanelRuntimeDeps } from '../../src/adapters/forge-runtime';
import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { storageKeys, type AppStore } from '../../src/use-cases/ports';
import { TestJira } from './test-jira';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import { adf, ASSIGNEE, completeRecord, config, NOW, REQUESTER } from './fixtures';
import { MemoryStore } from './memory-store';

export { adf, storedRevision } from './fixtures';

/** The production use cases over a test site of the sandbox's Jira and an in-memory store, on a fixed clock. */
export const testDeps =
  (jira: { readonly transport: JiraTransport }, store: AppStore, now: Date = NOW): (() => PanelRuntimeDeps) =>
  () => {
    // A virtual clock: backoff sleeps advance it at once, so retry budgets run out without waiting.
    let clock = 0;
    const api = createJiraApi(
      createJiraClient({
        transport: (path, init) => jira.transport(path, init),
        now: () => clock,
        random: () => 0.5,
        sleep: async (ms) => {
          clock += ms;
        },
        policy: { budgetMs: 1_000, baseDelayMs: 10, maxDelayMs: 100, attemptTimeoutMs: 1_000 },
      }),
    );
    // The user's calls go as the app too: tests check who may act through the app's own permission checks.
    return { jira: api, jiraAsUser: api, store, now };
  };

/** A sandbox Jira with MKT set up and one marketing request, MKT-1 (id 10001), in QA, filed by REQUESTER, assigned to ASSIGNEE; the tests' roles configured. */
export const world = (record: FlightPlanRecord | null = completeRecord('regulated'), status = 'QA + Governance') => {
  const jira = new TestJira();
  const store = new MemoryStore();
  jira.addIssue({
    id: '10001',
    key: 'MKT-1',
    summary: 'Spring webinar',
    status,
    created: '2026-06-01T09:00:00.000+0000',
    duedate: '2026-07-31',
    assignee: ASSIGNEE,
    reporter: REQUESTER,
    description: adf('Launch the spring webinar series to mid-market finance leads in EMEA, with nurture follow-up.'),
    app: { successMetric: '120 MQLs within 30 days of launch', impact: 4, confidence: 4, effort: 2, risk: 2 },
  });
  if (record) store.data.set(storageKeys.record('10001'), record);
  store.data.set(storageKeys.config, { schemaVersion: CURRENT_CONFIG_VERSION, revision: 1, config: config() });
  return { jira, store, deps: testDeps(jira, store) };
};
