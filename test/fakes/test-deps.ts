import { createJiraApi } from '../../src/adapters/jira-api';
import { createJiraClient } from '../../src/adapters/jira-client';
import type { PanelRuntimeDeps } from '../../src/adapters/forge-runtime';
import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { storageKeys, type AppStore } from '../../src/use-cases/ports';
import { FakeJira, FIELD_IDS } from './fake-jira';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import { ASSIGNEE, completeRecord, config, NOW, REQUESTER } from './fixtures';
import { MemoryStore } from './memory-store';

export const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: text.split('\n').map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
});

/** The production use cases over a fake Jira and an in-memory store, on a fixed clock. */
export const testDeps =
  (jira: FakeJira, store: AppStore, now: Date = NOW): (() => PanelRuntimeDeps) =>
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
    // The fake Jira answers the app and the user alike: tests check who may act through the app's own checks.
    return { jira: api, jiraAsUser: api, store, now };
  };

/** A Jira with one marketing request, MKT-1 (id 10001), in QA, filed by REQUESTER, assigned to ASSIGNEE; the tests' roles configured. */
export const world = (record: FlightPlanRecord | null = completeRecord('regulated'), status = 'QA + Governance') => {
  const jira = new FakeJira();
  const store = new MemoryStore();
  jira.addIssue({
    id: '10001',
    key: 'MKT-1',
    fields: {
      status: { name: status },
      created: '2026-06-01T09:00:00.000+0000',
      duedate: '2026-07-31',
      assignee: { accountId: ASSIGNEE },
      reporter: { accountId: REQUESTER },
      description: adf('Launch the spring webinar series to mid-market finance leads in EMEA, with nurture follow-up.'),
      [FIELD_IDS.successMetric]: '120 MQLs within 30 days of launch',
      [FIELD_IDS.impact]: 4,
      [FIELD_IDS.confidence]: 4,
      [FIELD_IDS.effort]: 2,
      [FIELD_IDS.risk]: 2,
    },
  });
  if (record) store.data.set(storageKeys.record('10001'), record);
  store.data.set(storageKeys.config, { schemaVersion: CURRENT_CONFIG_VERSION, revision: 1, config: config() });
  return { jira, store, deps: testDeps(jira, store) };
};

/** The revision of the record stored for an issue (0 when none): what the panel would have read before a write. */
export const storedRevision = (store: MemoryStore, issueId = '10001'): number =>
  (store.data.get(storageKeys.record(issueId)) as { revision?: number } | undefined)?.revision ?? 0;
