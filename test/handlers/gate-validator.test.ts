import { describe, expect, it } from 'vitest';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { storageKeys } from '../../src/use-cases/ports';
import { completeRecord, NOW } from '../fakes/fixtures';
import { testDeps, world } from '../fakes/site-deps';
import { FIELD_IDS } from '../fakes/test-jira';

const payload = (modifiedFields: Record<string, unknown> = {}) => ({
  issue: { key: 'MKT-1' },
  configuration: {},
  transition: { from: { id: '10010' }, to: { id: '10011' }, modifiedFields },
});

describe('gate validators', () => {
  it('lets a complete request through with two Jira requests made at once (the issue, who owned it) and one storage read', async () => {
    const { jira, store, deps } = world();
    expect(await gateValidator('qa', deps)(payload())).toEqual({ result: true });
    expect(jira.requests.map((request) => `${request.method} ${request.path.split('?')[0]}`)).toEqual([
      'GET /rest/api/3/issue/MKT-1',
      'POST /rest/api/3/changelog/bulkfetch',
    ]);
    expect(store.reads).toBe(1);
    expect(store.writes).toBe(0);
  });

  it('records a refusal for the quarterly audit, with the missing items', async () => {
    const { store, deps } = world({ ...completeRecord('regulated'), approvals: [] });
    expect((await gateValidator('qa', deps)(payload())).result).toBe(false);
    const blocks = [...store.data].filter(([key]) => key.startsWith('gateblock:'));
    expect(blocks).toEqual([
      [`gateblock:2026-Q2:10001:${NOW.getTime()}:qa_qa.compliance-approval`, { gate: 'qa', items: ['qa.compliance-approval'] }],
    ]);
  });

  it('counts the same refusal repeated within the hour once: 2,000 blocked transitions are not 2,000 keys', async () => {
    const { jira, store } = world({ ...completeRecord('regulated'), approvals: [] });
    const at = (minutes: number) => testDeps(jira, store, new Date(NOW.getTime() + minutes * 60_000));
    for (let attempt = 0; attempt < 2_000; attempt++)
      expect((await gateValidator('qa', at((attempt * 59) / 2_000))(payload())).result).toBe(false);
    const blocks = () => [...store.data.keys()].filter((key) => key.startsWith('gateblock:'));
    expect(blocks()).toHaveLength(1);
    // An hour on, the same refusal counts again; another refusal in the same hour counts on its own.
    await gateValidator('qa', at(61))(payload());
    store.data.set(storageKeys.record('10001'), {
      ...completeRecord('regulated'),
      approvals: [],
      checks: { ...completeRecord('regulated').checks, 'qa.links-functional': undefined },
    });
    await gateValidator('qa', at(62))(payload());
    expect(blocks()).toHaveLength(3);
  });

  it('blocks and names each missing item', async () => {
    const record = completeRecord('regulated');
    const { deps } = world({
      ...record,
      approvals: [],
      checks: { ...record.checks, 'qa.links-functional': undefined },
      assets: [{ ...record.assets[0]!, trackedUrls: ['https://acme.example/?utm_source=nl&utm_medium=email'] }],
    });
    expect(await gateValidator('qa', deps)(payload())).toEqual({
      result: false,
      errorMessage: `QA gate: UTMs not structured on 1 link: link 1 of ${record.assets[0]!.name} (acme.example); compliance approval missing; links functional not checked`,
    });
  });

  it('judges the values entered on the transition screen', async () => {
    const { deps } = world(null, 'Intake');
    const validate = gateValidator('intake', deps);
    expect(await validate(payload())).toEqual({ result: true });
    expect(await validate(payload({ duedate: null, [FIELD_IDS.successMetric]: 'more buzz' }))).toEqual({
      result: false,
      errorMessage:
        'Intake gate: success metric not measurable (write it like "400 registrations within 30 days of launch, from a baseline of 120, planned spend $5,000" (the baseline and the spend are optional), with one of: leads, MQLs, opportunities, pipeline, revenue, sign-ups, registrations, conversion rate); requested launch date missing',
    });
  });

  it('blocks past intake when no Flight Plan exists, and says so', async () => {
    const { deps } = world(null);
    const verdict = await gateValidator('planning', deps)(payload());
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toMatch(
      /^Planning gate: .* \(no Flight Plan has been filled in for MKT-1 yet: open its Flight Plan panel\)$/,
    );
  });

  it('fails closed on a corrupt record', async () => {
    const { store, deps } = world();
    store.data.set(storageKeys.record('10001'), { schemaVersion: 1, issueId: '10001', revision: 'two' });
    const verdict = await gateValidator('qa', deps)(payload());
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toBe(
      "QA gate could not check this transition: this request's Flight Plan cannot be read, so its gates hold it where it is. A Jira admin can repair it on the Flight Plan admin page (Apps → Manage apps → Flight Plan → Configure), under Repair a request.",
    );
  });

  it('fails closed on an unreadable configuration', async () => {
    const { store, deps } = world();
    store.data.set(storageKeys.config, { schemaVersion: 1, revision: 1, config: { nonsense: true } });
    const verdict = await gateValidator('build', deps)(payload());
    expect(verdict.errorMessage).toMatch(
      /^Build gate could not check this transition: the Flight Plan configuration in app storage is unreadable/,
    );
  });

  it('fails closed when Jira cannot return the issue', async () => {
    const { deps } = world();
    const verdict = await gateValidator('qa', deps)({ ...payload(), issue: { key: 'MKT-404' } });
    expect(verdict).toEqual({
      result: false,
      errorMessage:
        'QA gate could not check this transition: Jira did not return MKT-404 (GET /rest/api/3/issue/MKT-404?fields=*all&expand=schema was refused (404): Issue does not exist or you do not have permission to see it.)',
    });
  });

  it('blocks an unreadable payload, naming the field', async () => {
    const { deps } = world();
    expect(await gateValidator('qa', deps)({ issue: {} })).toEqual({
      result: false,
      errorMessage: 'QA gate received an unreadable request (issue.key: Invalid input: expected string, received undefined)',
    });
  });

  it('never throws, even when its dependencies do', async () => {
    const verdict = await gateValidator('launch', () => {
      throw new Error('storage offline');
    })(payload());
    expect(verdict).toEqual({ result: false, errorMessage: 'Launch gate could not check this transition (unexpected error); try again' });
  });
});
