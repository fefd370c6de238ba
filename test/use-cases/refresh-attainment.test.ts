import { describe, expect, it } from 'vitest';
import { campaignStorageKey } from '../../src/contracts/crm-figures.schema';
import type { RefreshJob } from '../../src/contracts/metrics-store.schema';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { EMPTY_BUCKET, groupByBucket, withFreshHistories } from '../../src/domain/metrics/history-buckets';
import { metricsRefreshHandler } from '../../src/handlers/consumers/metrics-refresh.consumer';
import { ATTAINMENT_PROPERTY_KEY } from '../../src/use-cases/jira-port';
import { storageKeys } from '../../src/use-cases/ports';
import { mirrorAttainment } from '../../src/use-cases/refresh-attainment';
import { completeRecord } from '../fakes/fixtures';
import { testDeps, world } from '../fakes/site-deps';
import { FIELD_IDS, type TestJira } from '../fakes/test-jira';
import type { JiraTransport } from '../../src/adapters/jira-client';

const CAMPAIGN = completeRecord().plan.tracking.campaignKey!;
/** After MKT-2's window (launched 1 May, 30 days) has ended. */
const NOW = new Date('2026-06-10T12:00:00.000Z');

/**
 * MKT-2 (id 10002) launched on 2026-05-01 with "120 MQLs within 30 days", its campaign at 50 MQLs by 31 May: missed.
 * MKT-3 (id 10003) launched on 2026-06-01 with the same metric: its window runs until 1 July, so it is open.
 */
const attainmentWorld = () => {
  const { jira, store } = world(completeRecord('revenue'), 'Measure + Improve');
  const launched = [
    { id: '10002', key: 'MKT-2', at: '2026-05-01T10:00:00Z' },
    { id: '10003', key: 'MKT-3', at: '2026-06-01T10:00:00Z' },
  ];
  for (const { id, key } of launched) {
    const issue = jira.addIssue({ id, key, status: 'Measure + Improve', app: { successMetric: '120 MQLs within 30 days of launch' } });
    issue.properties['flight-plan-summary'] = { metric: { indicator: 'mqls', target: 120, windowDays: 30 } };
    store.data.set(storageKeys.record(id), { ...completeRecord('revenue'), issueId: id });
  }
  const histories = launched.map(({ id, key, at }) => ({
    id,
    key,
    tier: 'revenue' as const,
    createdAt: Date.parse('2026-04-01T00:00:00Z'),
    dueDate: null,
    currentStatus: 'Measure + Improve',
    changes: [{ at: Date.parse(at), fromStatus: 'QA + Governance', toStatus: 'Launch' }],
  }));
  for (const [bucket, inBucket] of groupByBucket(histories))
    store.data.set(storageKeys.metricsBucket(bucket), withFreshHistories(EMPTY_BUCKET, inBucket));
  const figures = (mqls: number) =>
    store.data.set(campaignStorageKey(CAMPAIGN), {
      campaign: CAMPAIGN,
      revision: 1,
      entries: [{ date: '2026-05-31', values: { mqls }, source: 'import', at: NOW.toISOString() }],
    });
  figures(50);
  const held = (id: string) => jira.issue(id).properties[ATTAINMENT_PROPERTY_KEY];
  const propertyWrites = () => jira.requests.filter((request) => request.path.includes(`/properties/${ATTAINMENT_PROPERTY_KEY}`)).length;
  return { jira, store, figures, held, propertyWrites, mirror: () => mirrorAttainment(testDeps(jira, store, NOW)()) };
};

describe('attainment mirrored to an issue property for JQL', () => {
  it('writes each launched request’s result: missed once its window ended short, open while it runs', async () => {
    const { mirror, held } = attainmentWorld();
    expect(await mirror()).toEqual({ written: 2, failed: 0 });
    expect(held('10002')).toEqual({ result: 'missed' });
    expect(held('10003')).toEqual({ result: 'open' });
    // A request that has not launched has no outcome to filter by.
    expect(held('10001')).toBeUndefined();
  });

  it('writes again only what changed: a figure that arrives with no issue event turns missed into attained', async () => {
    const { mirror, held, figures, propertyWrites } = attainmentWorld();
    await mirror();
    const before = propertyWrites();
    expect(await mirror()).toEqual({ written: 0, failed: 0 });
    expect(propertyWrites()).toBe(before);
    figures(130);
    expect(await mirror()).toEqual({ written: 1, failed: 0 });
    expect(held('10002')).toEqual({ result: 'attained' });
    expect(propertyWrites()).toBe(before + 1);
  });

  it('judges by the Success metric field: a summary property rewritten to a smaller target attains nothing', async () => {
    // Anyone who may edit the issue may rewrite its properties through Jira's REST API; the field is what intake checked.
    const { jira, mirror, held } = attainmentWorld();
    jira.issue('10002').properties['flight-plan-summary'] = { metric: { indicator: 'mqls', target: 40, windowDays: 30 } };
    await mirror();
    expect(held('10002')).toEqual({ result: 'missed' });
  });

  it('deletes the property of a request whose success metric was taken away', async () => {
    const { jira, mirror, held } = attainmentWorld();
    await mirror();
    jira.issue('10002').custom[FIELD_IDS.successMetric] = '';
    expect(await mirror()).toEqual({ written: 1, failed: 0 });
    expect(held('10002')).toBeUndefined();
  });

  it('tries a failed write again on the next refresh', async () => {
    const { jira, mirror, held } = attainmentWorld();
    jira.propertyStatus = 503;
    expect(await mirror()).toEqual({ written: 0, failed: 2 });
    expect(held('10002')).toBeUndefined();
    jira.propertyStatus = 200;
    expect(await mirror()).toEqual({ written: 2, failed: 0 });
    expect(held('10002')).toEqual({ result: 'missed' });
  });

  it('counts no failure for a request Jira deleted between the search and the write: there is nothing left to write', async () => {
    // Before, its 404 counted as a failed write, and the refresh logged an error for it.
    const { jira, mirror, held } = attainmentWorld();
    const send = jira.transport;
    Object.assign(jira, {
      transport: ((path, init) => {
        if (init.method === 'PUT' && path.includes(ATTAINMENT_PROPERTY_KEY) && jira.issues.some((issue) => issue.id === '10002'))
          jira.deleteIssue('10002');
        return send(path, init);
      }) satisfies JiraTransport,
    });
    expect(await mirror()).toEqual({ written: 1, failed: 0 });
    expect(held('10003')).toEqual({ result: 'open' });
  });

  it('leaves only the requests of a search Jira did not answer for the next refresh; the others are written', async () => {
    const { jira, store, mirror, held } = attainmentWorld();
    // 100 more launched requests, earlier than MKT-2 and MKT-3, so the app searches for them in a second search.
    const fillers = Array.from({ length: 100 }, (_, n) => ({ id: String(10_100 + n), key: `MKT-${100 + n}` }));
    for (const { id, key } of fillers) jira.addIssue({ id, key, status: 'Measure + Improve' });
    const histories = fillers.map(({ id, key }) => ({
      id,
      key,
      createdAt: Date.parse('2026-02-01T00:00:00Z'),
      dueDate: null,
      currentStatus: 'Measure + Improve',
      changes: [{ at: Date.parse('2026-03-02T10:00:00Z'), fromStatus: 'QA + Governance', toStatus: 'Launch' }],
    }));
    for (const [bucket, inBucket] of groupByBucket(histories)) {
      const stored = (store.data.get(storageKeys.metricsBucket(bucket)) ?? EMPTY_BUCKET) as typeof EMPTY_BUCKET;
      store.data.set(storageKeys.metricsBucket(bucket), withFreshHistories(stored, inBucket));
    }
    const answer = jira.transport.bind(jira);
    let refused = 0;
    (jira as { transport: TestJira['transport'] }).transport = async (path, init) => {
      // The second search, of fillers only: the first holds the two most recently launched.
      if (
        path.startsWith('/rest/api/3/search/jql') &&
        String(init.body).startsWith('{"jql":"id in (') &&
        !String(init.body).includes('10002')
      ) {
        refused++;
        return { status: 503, headers: { get: () => null }, text: async () => '' };
      }
      return answer(path, init);
    };
    expect(await mirror()).toEqual({ written: 2, failed: 0 });
    expect(refused).toBeGreaterThan(0);
    expect([held('10002'), held('10003')]).toEqual([{ result: 'missed' }, { result: 'open' }]);
  });

  it('is run by the refresh’s last step, and by no other', async () => {
    const { jira, store, held } = attainmentWorld();
    const handler = metricsRefreshHandler(() => ({ ...testDeps(jira, store, NOW)(), enqueue: async () => undefined }));
    const job = (step: RefreshJob['step']): RefreshJob => ({ jql: DEFAULT_CONFIG.metricsJql, startedAt: NOW.toISOString(), page: 1, step });
    await handler({ body: { ...job('merge'), group: 0 } });
    expect(held('10002')).toBeUndefined();
    await handler({ body: job('views') });
    expect(held('10002')).toEqual({ result: 'missed' });
  });
});
