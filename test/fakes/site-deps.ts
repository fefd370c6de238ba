import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { storageKeys } from '../../src/use-cases/ports';
import { beforeAll } from 'vitest';
import { prepareTestJira, TestJira } from './test-jira';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import { adf, ASSIGNEE, completeRecord, config, REQUESTER } from './fixtures';
import { MemoryStore } from './memory-store';

export { adf, storedRevision } from './fixtures';
export { testDeps } from './jira-deps';
import { testDeps } from './jira-deps';

// Every test file that uses a TestJira uses these helpers: the site is set up before its tests run.
beforeAll(prepareTestJira);

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
  // A site whose older records the hourly walk has listed on their campaigns' lists (a test that needs it lists its own).
  store.data.set(storageKeys.campaignListProgress, { pending: [] });
  return { jira, store, deps: testDeps(jira, store) };
};
