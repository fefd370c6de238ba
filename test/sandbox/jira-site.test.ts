import { describe, expect, it } from 'vitest';
import { APP_FIELD_IDS, userByRole } from '../../sandbox/catalogue';
import type { RestCaller, SiteHooks } from '../../sandbox/jira/rest-shapes';
import { issueDeletedHandler } from '../../src/handlers/triggers/issue-deleted.trigger';
import { storageKeys } from '../../src/use-cases/ports';
import { completeRecord } from '../fakes/fixtures';
import { MemoryStore } from '../fakes/memory-store';
import { ADMIN, REQUIRED_BRIEF, setUpSite, SITE_NOW } from './sandbox-site';

const EXECUTIVE: RestCaller = { kind: 'user', accountId: userByRole('executive').accountId };
const APP: RestCaller = { kind: 'app' };
const ADMIN_ID = (ADMIN as RestCaller & { kind: 'user' }).accountId;

/** A site with MKT set up and no issues; validators and the create check answer as the test says. */
const site = async (hooks: Partial<SiteHooks> = {}) => {
  const made = await setUpSite(hooks);
  const create = async (summary: string, fields: Record<string, unknown> = {}) => {
    const answer = await made.call('POST', '/issue', {
      fields: { project: { key: 'MKT' }, issuetype: { name: 'Marketing Request' }, summary, ...REQUIRED_BRIEF, ...fields },
    });
    expect(answer.status).toBe(201);
    return answer.body as { id: string; key: string };
  };
  return { ...made, create };
};

describe('the sandbox Jira site', () => {
  it("creates an issue in Intake, fires avi:jira:created:issue, and shows it in Jira's shapes", async () => {
    const { call, create, events } = await site();
    const { key } = await create('Webinar', { duedate: '2026-07-01', [APP_FIELD_IDS.impact]: 4 });
    expect(key).toBe('MKT-1');
    const issue = (await call('GET', `/issue/${key}?expand=schema`)).body as {
      fields: Record<string, unknown>;
      schema: Record<string, { custom?: string }>;
    };
    expect(issue.fields['status']).toMatchObject({ name: 'Intake', statusCategory: { key: 'new' } });
    expect(issue.fields['created']).toBe('2026-06-10T12:00:00.000+0000');
    expect(issue.fields[APP_FIELD_IDS.impact]).toBe(4);
    expect(issue.schema[APP_FIELD_IDS.impact]?.custom).toMatch(/\/static\/fp-impact$/);
    expect(events.map((event) => event.eventType)).toEqual(['avi:jira:created:issue']);
  });

  it('refuses a create as Jira does: field errors keyed by field id, a validator refusal as an error message', async () => {
    const { call } = await site({ validateCreate: async () => 'Intake gate: success metric missing' });
    const base = { project: { key: 'MKT' }, issuetype: { name: 'Marketing Request' } };
    expect(await call('POST', '/issue', { fields: { ...base, summary: 'x', ...REQUIRED_BRIEF, [APP_FIELD_IDS.risk]: 9 } })).toEqual({
      status: 400,
      body: { errorMessages: [], errors: { [APP_FIELD_IDS.risk]: 'Risk must be a whole number from 1 to 5.' } },
    });
    expect(
      await call('POST', '/issue', { fields: { ...base, summary: 'x', ...REQUIRED_BRIEF, [APP_FIELD_IDS.triageScore]: 100 } }),
    ).toMatchObject({
      status: 400,
      body: { errors: { [APP_FIELD_IDS.triageScore]: expect.stringContaining('cannot be set') } },
    });
    expect(await call('POST', '/issue', { fields: { ...base, summary: 'x', ...REQUIRED_BRIEF } })).toEqual({
      status: 400,
      body: { errorMessages: ['Intake gate: success metric missing'], errors: {} },
    });
  });

  it('refuses a create without a field the field configuration marks required, naming each, before any validator runs', async () => {
    let validated = 0;
    const { call } = await site({ validateCreate: async () => (validated++, null) });
    const base = { project: { key: 'MKT' }, issuetype: { name: 'Marketing Request' }, summary: 'Webinar' };
    expect(await call('POST', '/issue', { fields: { ...base, duedate: null } })).toEqual({
      status: 400,
      body: {
        errorMessages: [],
        errors: {
          description: 'Description is required.',
          duedate: 'Due date is required.',
          [APP_FIELD_IDS.successMetric]: 'Success metric is required.',
        },
      },
    });
    expect(validated).toBe(0);
    // A Task in the same project is on Jira's default field configuration: nothing but Summary is required.
    expect((await call('POST', '/issue', { fields: { ...base, issuetype: { name: 'Task' } } })).status).toBe(201);
  });

  it("runs a transition's validator with the Forge payload, and answers a refusal with HTTP 400 and the message", async () => {
    let verdict = { result: false, errorMessage: 'Intake gate: accountable owner missing' };
    const payloads: unknown[] = [];
    const { call, create, events } = await site({
      validate: async (moduleKey, payload, transitionerId) => {
        payloads.push({ moduleKey, payload, transitionerId });
        return verdict;
      },
    });
    const { id, key } = await create('Webinar');
    expect(await call('POST', `/issue/${key}/transitions`, { transition: { id: '11' } })).toEqual({
      status: 400,
      body: { errorMessages: ['Intake gate: accountable owner missing'], errors: {} },
    });
    expect(((await call('GET', `/issue/${key}`)).body as { fields: { status: { name: string } } }).fields.status.name).toBe('Intake');

    verdict = { result: true, errorMessage: '' };
    expect(await call('POST', `/issue/${key}/transitions`, { transition: { id: '11' } })).toEqual({ status: 204 });
    const changelog = (await call('POST', '/changelog/bulkfetch', { issueIdsOrKeys: [key], fieldIds: ['status'] })).body as {
      issueChangeLogs: { issueId: string; changeHistories: { items: unknown[] }[] }[];
    };
    expect(changelog.issueChangeLogs).toEqual([
      {
        issueId: id,
        changeHistories: [
          expect.objectContaining({ items: [expect.objectContaining({ fieldId: 'status', fromString: 'Intake', toString: 'Triage' })] }),
        ],
      },
    ]);
    expect(events.at(-1)?.changelog?.items[0]).toMatchObject({ field: 'status', toString: 'Triage' });
    const statuses = (await call('GET', '/status')).body as { id: string; name: string }[];
    const idOf = (name: string) => statuses.find((status) => status.name === name)!.id;
    expect(payloads[0]).toEqual({
      moduleKey: 'intake-gate',
      payload: {
        issue: { id, key },
        transition: { id: 11, name: 'Send to triage', from: { id: idOf('Intake') }, to: { id: idOf('Triage') }, modifiedFields: {} },
        configuration: {},
      },
      // Forge names the person pressing the transition as the invocation's principal: the refusal is shown to them.
      transitionerId: userByRole('admin').accountId,
    });
  });

  it('refuses a transition that does not leave the current status', async () => {
    const { call, create } = await site();
    const { key } = await create('Webinar');
    expect(await call('POST', `/issue/${key}/transitions`, { transition: { id: '51' } })).toEqual({
      status: 400,
      body: { errorMessages: ["Transition id '51' is not valid for this issue."], errors: {} },
    });
  });

  it('lets a read-only user browse but not edit, transition or create', async () => {
    const { call, create } = await site();
    const { key } = await create('Webinar');
    expect((await call('GET', `/issue/${key}`, undefined, EXECUTIVE)).status).toBe(200);
    expect((await call('PUT', `/issue/${key}`, { fields: { summary: 'new' } }, EXECUTIVE)).status).toBe(403);
    expect((await call('POST', `/issue/${key}/transitions`, { transition: { id: '11' } }, EXECUTIVE)).status).toBe(403);
    const checked = (
      await call(
        'POST',
        '/permissions/check',
        { accountId: EXECUTIVE.accountId, projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], issues: [10001] }] },
        APP,
      )
    ).body;
    expect(checked).toEqual({
      globalPermissions: [],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', issues: [10001], projects: [] },
        { permission: 'EDIT_ISSUES', issues: [], projects: [] },
      ],
    });
  });

  it('deletes an issue for a person who may delete it, with its links, and fires avi:jira:deleted:issue', async () => {
    // Before, the sandbox had no issue deletion: the app's issue-deleted trigger ran in the unit tests only.
    const { call, create, events, store } = await site();
    const { key } = await create('Webinar');
    const other = await create('Pricing page');
    expect(
      (await call('POST', '/issueLink', { type: { name: 'Blocks' }, outwardIssue: { key: other.key }, inwardIssue: { key } })).status,
    ).toBe(201);
    // Browse projects and Delete issues are both needed (DELETE /rest/api/3/issue/{issueIdOrKey}).
    expect((await call('DELETE', `/issue/${key}`, undefined, EXECUTIVE)).status).toBe(403);
    expect((await call('DELETE', `/issue/${key}`)).status).toBe(204);
    expect((await call('GET', `/issue/${key}`)).status).toBe(404);
    expect((await call('DELETE', `/issue/${key}`)).status).toBe(404);
    expect(store.data.issueLinks ?? []).toEqual([]);
    expect(events.at(-1)).toMatchObject({
      eventType: 'avi:jira:deleted:issue',
      atlassianId: ADMIN_ID,
      issue: { key, fields: { issuetype: { name: 'Marketing Request' } } },
    });
  });

  it("hands the app's issue-deleted trigger an event it reads, and the request's stored values go", async () => {
    const { call, create, events } = await site();
    const { id, key } = await create('Webinar');
    const store = new MemoryStore();
    store.data.set(storageKeys.record(id), { ...completeRecord('regulated'), issueId: id });
    await call('DELETE', `/issue/${key}`);
    const deleted = events.find((event) => event.eventType === 'avi:jira:deleted:issue');
    expect(await issueDeletedHandler(() => ({ store, now: SITE_NOW }))(deleted)).toBeUndefined();
    expect(store.data.has(storageKeys.record(id))).toBe(false);
    expect(store.data.has(storageKeys.deletedIssue(id))).toBe(true);
  });

  it("records edits in the changelog and fires an update, but never for the app's own changes", async () => {
    const { call, create, events } = await site();
    const { id, key } = await create('Webinar');
    expect(await call('PUT', `/issue/${key}`, { fields: { [APP_FIELD_IDS.impact]: 5 } })).toEqual({ status: 204 });
    expect(events.at(-1)?.changelog?.items).toEqual([
      { field: 'Impact', fieldtype: 'custom', fieldId: APP_FIELD_IDS.impact, from: null, fromString: null, to: '5', toString: '5' },
    ]);
    const before = events.length;
    expect(
      await call('PUT', `/app/field/${APP_FIELD_IDS.triageScore}/value`, { updates: [{ issueIds: [Number(id)], value: 80 }] }, APP),
    ).toEqual({ status: 204 });
    expect(await call('PUT', `/issue/${key}/properties/flight-plan-summary`, { stage: 'intake' }, APP)).toEqual({ status: 201 });
    expect(events).toHaveLength(before);
    expect(
      (await call('PUT', `/app/field/${APP_FIELD_IDS.triageScore}/value`, { updates: [{ issueIds: [Number(id)], value: 1 }] })).status,
    ).toBe(403);
  });

  it('pages search/jql with nextPageToken and returns the properties asked for', async () => {
    const { call, create } = await site();
    for (let index = 0; index < 5; index++) await create(`Request ${index}`);
    await call('PUT', '/issue/MKT-3/properties/flight-plan-summary', { stage: 'qa', missingCount: 2 }, APP);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = (
        await call('POST', '/search/jql', {
          jql: 'project = MKT ORDER BY key DESC',
          fields: ['summary'],
          maxResults: 2,
          ...(token ? { nextPageToken: token } : {}),
        })
      ).body as { issues: { key: string }[]; nextPageToken?: string; isLast: boolean };
      keys.push(...page.issues.map((issue) => issue.key));
      token = page.nextPageToken;
      expect(page.isLast).toBe(token === undefined);
    } while (token);
    expect(keys).toEqual(['MKT-5', 'MKT-4', 'MKT-3', 'MKT-2', 'MKT-1']);
    const found = (
      await call('POST', '/search/jql', { jql: 'flightPlanStage = qa AND flightPlanMissing > 1', properties: ['flight-plan-summary'] })
    ).body as { issues: { key: string; properties: unknown }[] };
    expect(found.issues).toEqual([
      expect.objectContaining({ key: 'MKT-3', properties: { 'flight-plan-summary': { stage: 'qa', missingCount: 2 } } }),
    ]); // The forecast property's aliases (the manifest's second index) read that property, not the summary.
    await call('PUT', '/issue/MKT-4/properties/flight-plan-forecast', { onTime: 'at-risk', onTimeChance: 20 }, APP);
    await call('PUT', '/issue/MKT-5/properties/flight-plan-forecast', { onTime: 'likely', onTimeChance: 90 }, APP);
    const atRisk = (await call('POST', '/search/jql', { jql: 'flightPlanOnTime = at-risk OR flightPlanOnTimeChance < 10' })).body as {
      issues: { key: string }[];
    };
    expect(atRisk.issues.map((issue) => issue.key)).toEqual(['MKT-4']);
    const likely = (await call('POST', '/search/jql', { jql: 'flightPlanOnTimeChance >= 50' })).body as { issues: { key: string }[] };
    expect(likely.issues.map((issue) => issue.key)).toEqual(['MKT-5']);
    // The attainment property's alias (the manifest's third index) reads that property.
    await call('PUT', '/issue/MKT-5/properties/flight-plan-attainment', { result: 'missed' }, APP);
    const missed = (await call('POST', '/search/jql', { jql: 'flightPlanAttainment = missed' })).body as { issues: { key: string }[] };
    expect(missed.issues.map((issue) => issue.key)).toEqual(['MKT-5']);
  });

  it('answers a project by key, and field schemas with a search that expands them', async () => {
    const { call, create } = await site();
    await create('Webinar');
    expect(await call('GET', '/project/MKT')).toMatchObject({ status: 200, body: { id: '10000', key: 'MKT' } });
    expect((await call('GET', '/project/NOPE')).status).toBe(404);
    const found = (await call('POST', '/search/jql', { jql: 'project = MKT', fields: ['summary'], expand: 'schema' })).body as {
      schema: Record<string, { custom?: string }>;
    };
    expect(found.schema[APP_FIELD_IDS.tier]?.custom).toMatch(/\/static\/fp-governance-tier$/);
  });

  it("answers JQL it cannot read with Jira's 400 and a message naming the problem", async () => {
    const { call } = await site();
    expect(await call('POST', '/search/jql', { jql: 'colour = red' })).toEqual({
      status: 400,
      body: { errorMessages: ["Field 'colour' does not exist or you do not have permission to view it."], errors: {} },
    });
    expect(await call('POST', '/search/jql', { jql: 'status = "Build" AND' })).toEqual({
      status: 400,
      body: { errorMessages: ["Error in the JQL Query: expecting a field name but got 'end of query'."], errors: {} },
    });
    expect(await call('POST', '/search/jql', { jql: 'updated >= "last week"' })).toMatchObject({ status: 400 });
  });

  it("refuses a request body Jira would refuse, per Atlassian's OpenAPI spec", async () => {
    const { call } = await site();
    const answer = await call('POST', '/search/jql', { jql: 'project = MKT', maxResults: 'fifty' });
    expect(answer.status).toBe(400);
    expect((answer.body as { errorMessages: string[] }).errorMessages[0]).toBe(
      'Jira would refuse this request: /maxResults must be integer',
    );
    expect((await call('POST', '/issue/MKT-1/transitions', { transition: { id: 11 } })).status).toBe(400);
  });
});
