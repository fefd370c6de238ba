import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JIRA_ROUTES } from '../../src/contracts/jira-routes';
import { gadgetHandlers } from '../../src/handlers/resolvers/gadgets.resolver';
import { remindersHandler } from '../../src/handlers/consumers/reminders.consumer';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { startReminders } from '../../src/use-cases/run-reminders';
import { checkGadgetJql, projectChoices } from '../../src/use-cases/gadgets';
import { storageKeys } from '../../src/use-cases/ports';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { campaignStorageKey } from '../../src/contracts/crm-figures.schema';
import { storedStageLog } from '../../src/contracts/stage-log.schema';
import { stageLogOf } from '../../src/domain/stage-log';
import { issueChangedHandler } from '../../src/handlers/triggers/issue-changed.trigger';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { GATES } from '../../src/domain/gates/gate-items';
import { ASSIGNEE, COMPLIANCE, completeRecord, config, NOW, SCORES } from '../fakes/fixtures';
import { storedRevision, world } from '../fakes/site-deps';
import { fetchAllPages } from '../fakes/fetch-all-pages';
import { loadJiraSpec } from '../../scripts/jira-openapi';
import type { JiraTransport } from '../../src/adapters/jira-client';
import { present } from '../../src/domain/present';
import { planProjectSetup } from '../../src/use-cases/set-up-project';
import { userByRole } from '../../sandbox/catalogue';
import { runSetupToEnd, setUpProject, setupDepsOnSite } from '../../sandbox/seed';
import { MemoryStore } from '../fakes/memory-store';
import { sandboxSite, stripFlightPlanWorkflow } from '../sandbox/sandbox-site';

const manifest = parse(readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8')) as {
  permissions: { scopes: Record<string, { allowImpersonation?: boolean }> };
};
/** The scopes declared: the keys of the manifest's map (a map, so one may allow offline user impersonation). */
const declaredScopes = Object.keys(manifest.permissions.scopes);

/** Scopes the code needs for something other than a Jira REST call. */
const NON_REST_SCOPES: Record<string, string> = {
  'storage:app': '@forge/kvs (records, config, stage logs)',
  'read:jira-work': 'the issue events the trigger subscribes to, and modifiedFields in validators',
};

/** Drives every handler through a scenario that makes each kind of Jira request the app makes. */
const recordAllRequests = async () => {
  const { jira, deps, store } = world({ ...completeRecord('low-risk'), approvals: [], triage: undefined });
  for (const who of ['acc-ops', COMPLIANCE]) {
    jira.grant(who, '10001', 'browse');
    jira.grant(who, '10001', 'edit');
  }
  const handlers = panelHandlers(deps);
  const context = (accountId: string) => ({ accountId, extension: { issue: { id: '10001' } } });
  await handlers['record/get']({ payload: {}, context: context('acc-ops') });
  await handlers['triage/set-tier']({
    payload: { tier: 'regulated', expectedRevision: storedRevision(store) },
    context: context('acc-ops'),
  });
  await handlers['approval/compliance']({ payload: { expectedRevision: storedRevision(store) }, context: context(COMPLIANCE) });
  await panelHandlers(deps)['people/search']({ payload: { query: 'casey' }, context: context('acc-ops') });
  // Routing on accept: the rule sends email work to the lifecycle owner.
  const stored = store.data.get(storageKeys.config);
  store.data.set(storageKeys.config, {
    schemaVersion: 2,
    revision: 1,
    config: { ...config(), routing: [{ assetType: 'email', assigneeId: 'acc-lifecycle' }] },
  });
  jira.addPerson('acc-lifecycle');
  await handlers['triage/decide']({
    payload: { decision: 'accept', scores: SCORES, expectedRevision: storedRevision(store) },
    context: context('acc-ops'),
  });
  store.data.set(storageKeys.config, stored);
  // A triage lead's wait from the panel: the move (transitions read, then taken) and the comment to the requester.
  const status = jira.statusOf('10001');
  jira.setStatus('10001', 'Triage');
  await handlers['triage/decide']({
    payload: { decision: 'wait', reason: 'Capacity is booked until next month', scores: SCORES, expectedRevision: storedRevision(store) },
    context: context('acc-ops'),
  });
  jira.setStatus('10001', status);
  for (const gate of GATES) await gateValidator(gate, deps)({ issue: { key: 'MKT-1' }, transition: { modifiedFields: {} } });
  await issueChangedHandler(deps)({
    eventType: 'avi:jira:updated:issue',
    issue: { id: '10001', key: 'MKT-1' },
    changelog: { items: [{ fieldId: 'status', fromString: 'Build', toString: 'QA + Governance' }] },
  });
  await fetchAllPages(deps().jira, 'project = MKT ORDER BY created');
  jira.browseProjects.set('acc-ops', new Set([jira.projectId('MKT')]));
  const gadgets = gadgetHandlers(() => ({ ...deps(), jiraAsUser: deps().jira, enqueue: async () => undefined }));
  const gadgetContext = (gadgetConfiguration: unknown) => ({ accountId: 'acc-ops', extension: { gadgetConfiguration } });
  await gadgets['health/get']({ context: gadgetContext({ projects: ['MKT'] }) });
  await gadgets['triage/get']({ context: gadgetContext({ projects: ['MKT'] }) });
  await gadgets['health/get']({ context: gadgetContext({ jql: 'project = MKT AND summary ~ webinar' }) });
  // A gadget's edit view: the projects to pick from, and Jira's check of a query before it is saved.
  await projectChoices({ jiraAsUser: deps().jira }, 'mark');
  await checkGadgetJql({ jiraAsUser: deps().jira }, 'project = MKT AND summary ~ webinar');
  jira.admins.add('acc-ops');
  await adminHandlers(deps)['config/get']({ context: { accountId: 'acc-ops', extension: { type: 'jira:adminPage' } } });
  // An SLA reminder: MKT-1 has been in QA long enough to be owed one.
  store.data.set(storageKeys.stageLog('10001'), [
    { at: '2026-05-01T09:00:00.000Z', fromStatus: 'Build', toStatus: 'QA + Governance', fromStage: 'build', toStage: 'qa', by: null },
  ]);
  // Its comment is posted but the answer is lost: the run reads the issue's comments to find it.
  jira.loseNextCommentAnswer();
  await remindersHandler(() => ({ ...deps(), enqueue: async () => undefined }))({ body: startReminders(DEFAULT_CONFIG, NOW) });
  // A dependency: MKT-1 is blocked by MKT-2, then the link is removed.
  jira.addIssue({ id: '10002', key: 'MKT-2' });
  await deps().jira.linkIssues('Blocks', 'MKT-2', 'MKT-1');
  await deps().jira.deleteIssueLink(present(jira.store.data.issueLinks?.[0]).id);
  // The metrics refresh mirrors a forecast's on-time band, and deletes it once the request launched.
  await deps().jira.setForecastProperty('10001', { onTime: 'at-risk', onTimeChance: 20 });
  await deps().jira.setForecastProperty('10001', null);
  // Start an iteration: MKT-1 launched on 1 May and missed its 120 MQLs; its owner files a related request.
  jira.setStatus('10001', 'Measure + Improve');
  jira.addStatusChange('10001', '2026-05-01T10:00:00.000+0000', 'QA + Governance', 'Launch');
  jira.issue('10001').summary = 'Spring webinar series';
  // The accept above routed it to the lifecycle owner; its owner now is the assignee again.
  jira.issue('10001').assigneeId = ASSIGNEE;
  store.data.set(
    storageKeys.stageLog('10001'),
    storedStageLog(
      stageLogOf([
        { at: '2026-05-01T10:00:00.000Z', fromStatus: 'QA + Governance', toStatus: 'Launch', fromStage: 'qa', toStage: 'launch', by: null },
      ]),
      1,
    ),
  );
  const campaign = completeRecord().plan.tracking.campaignKey!;
  store.data.set(campaignStorageKey(campaign), {
    campaign,
    revision: 1,
    entries: [{ date: '2026-05-31', values: { mqls: 50 }, source: 'import', at: NOW.toISOString() }],
  });
  jira.grant(ASSIGNEE, '10001', 'browse');
  jira.grant(ASSIGNEE, '10001', 'edit');
  const iteration = await panelHandlers(deps)['outcome/start-iteration']({
    payload: { dueDate: '2026-07-15' },
    context: context(ASSIGNEE),
  });
  expect(iteration).toMatchObject({ ok: true });
  return jira.requests;
};

/** Set up project's requests on sandbox sites: a fresh project, one with issues (with and without Marketing Requests), a stripped workflow, one with its own screen scheme. */
const recordSetupRequests = async () => {
  const requests: { method: string; path: string; body?: unknown; answer: { status: number; body: unknown } }[] = [];
  const admin = userByRole('admin').accountId;
  const setUp = async (prepare: (site: ReturnType<typeof sandboxSite>) => Promise<unknown>, projectKey: string) => {
    const site = sandboxSite();
    await prepare(site);
    const record =
      (inner: JiraTransport): JiraTransport =>
      async (requestPath, init) => {
        const response = await inner(requestPath, init);
        const text = await response.text();
        requests.push({
          method: init.method,
          path: requestPath,
          ...(init.body === undefined ? {} : { body: JSON.parse(init.body) as unknown }),
          answer: { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) },
        });
        return { ...response, text: async () => text };
      };
    const deps = () => setupDepsOnSite(site.jira, admin, new MemoryStore(), NOW, record);
    await planProjectSetup(deps(), projectKey);
    const runs = await runSetupToEnd(deps, admin, projectKey);
    expect(runs.ok && runs.value.at(-1)?.outcome, JSON.stringify(runs)).toMatch(/^(set-up|unchanged)$/);
  };
  await setUp(async () => undefined, 'MKT');
  await setUp(
    (site) => site.call('POST', '/issue', { fields: { project: { key: 'BRD' }, issuetype: { name: 'Task' }, summary: 'Logo refresh' } }),
    'BRD',
  );
  // A project that already has Marketing Requests on another workflow: the switch maps their statuses.
  await setUp(async (site) => {
    await setUpProject(site.jira, site.store, 'MKT', NOW);
    const typeId = site.store.data.config.issueTypes.find((type) => type.name === 'Marketing Request')!.id;
    await site.call('PUT', '/issuetypescheme/10001/issuetype', { issueTypeIds: [typeId] });
    await site.call('POST', '/issue', { fields: { project: { key: 'BRD' }, issuetype: { id: typeId }, summary: 'Old request' } });
  }, 'BRD');
  // A set-up workflow someone stripped of a gate, with an old Create expression: setup updates it.
  await setUp(async (site) => {
    await setUpProject(site.jira, site.store, 'MKT', NOW);
    stripFlightPlanWorkflow(site.store.data);
  }, 'MKT');
  // A project already on its own issue type scheme: setup adds the type to it. A screen scheme from before the view screen gets it.
  await setUp(async (site) => {
    await setUpProject(site.jira, site.store, 'MKT', NOW);
    delete site.store.data.config.screenSchemes.find((scheme) => scheme.name === 'Flight Plan: Marketing Request')!.viewScreenId;
    const own = await site.call('POST', '/issuetypescheme', { name: 'Flight Plan: BRD', issueTypeIds: ['10002'] });
    await site.call('PUT', '/issuetypescheme/project', {
      issueTypeSchemeId: (own.body as { issueTypeSchemeId: string }).issueTypeSchemeId,
      projectId: '10001',
    });
  }, 'BRD');
  await setUp(async (site) => {
    const own = await site.call('POST', '/issuetypescreenscheme', {
      name: 'Flight Plan: BRD',
      issueTypeMappings: [{ issueTypeId: 'default', screenSchemeId: '1' }],
    });
    await site.call('PUT', '/issuetypescreenscheme/project', {
      issueTypeScreenSchemeId: (own.body as { id: string }).id,
      projectId: '10001',
    });
  }, 'BRD');
  return requests;
};

describe("Jira calls against Atlassian's OpenAPI spec", () => {
  const api = loadJiraSpec();

  it.each(Object.entries(JIRA_ROUTES))('route %s exists in the spec with its method', (_, route) => {
    expect(api.operation(route.method, route.path), `${route.method} ${route.path}`).toBeDefined();
  });

  it('sends only requests whose path, method, query and body the spec accepts', async () => {
    const requests = [...(await recordAllRequests()), ...(await recordSetupRequests())];
    const routesSeen = new Set<string>();
    for (const request of requests) {
      const url = new URL(request.path, 'https://site.example');
      const template = api.templateOf(url.pathname);
      expect(template, request.path).toBeDefined();
      const operation = api.operation(request.method, template!);
      expect(operation, `${request.method} ${template}`).toBeDefined();
      routesSeen.add(`${request.method} ${template}`);
      const known = new Set((operation!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      for (const name of url.searchParams.keys()) expect(known.has(name), `${request.method} ${template} ?${name}`).toBe(true);
      const validate = api.bodyValidator(request.method, template!);
      if (validate !== null && request.body !== undefined) {
        expect(validate(request.body), `${request.method} ${template}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
    // The scenario covers every route the app declares, so none goes unchecked.
    expect([...routesSeen].sort()).toEqual(
      Object.values(JIRA_ROUTES)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    );
  });

  it("gets the sandbox's answers to Set up project in the shapes the spec gives Jira's", async () => {
    const answered = new Set<string>();
    for (const request of await recordSetupRequests()) {
      const template = api.templateOf(new URL(request.path, 'https://site.example').pathname)!;
      expect(request.answer.status, `${request.method} ${request.path}: ${JSON.stringify(request.answer.body)}`).toBeLessThan(400);
      const validate = api.responseValidator(request.method, template, request.answer.status);
      if (validate === null || request.answer.body === undefined) continue;
      if (`${request.method} ${template}` === 'GET /rest/api/3/fieldconfiguration') {
        // The spec's schema here (FieldConfigurationDetails) is the create body, write-only with no id; its own example
        // answers `{ id, name, description, isDefault }` per configuration, which the sandbox is held to instead.
        const example = JSON.parse(
          (api.operation('GET', template) as { responses: Record<string, { content: Record<string, { example: string }> }> }).responses[
            '200'
          ]!.content['application/json']!.example,
        ) as { values: Record<string, unknown>[] };
        const keys = new Set(example.values.flatMap((value) => Object.keys(value)));
        for (const value of (request.answer.body as { values: Record<string, unknown>[] }).values)
          expect(Object.keys(value).every((key) => keys.has(key)) && typeof value['id'] === 'number', JSON.stringify(value)).toBe(true);
        answered.add(`${request.method} ${template}`);
        continue;
      }
      expect(validate(request.answer.body), `${request.method} ${template}: ${JSON.stringify(validate.errors)}`).toBe(true);
      answered.add(`${request.method} ${template}`);
    }
    // Exactly these: every read setup makes and every write that answers with a body (the PUTs answer 204). A route
    // added to or dropped from setup shows here by name.
    expect([...answered].sort()).toEqual([
      'GET /rest/api/3/field',
      'GET /rest/api/3/fieldconfiguration',
      'GET /rest/api/3/fieldconfiguration/{id}/fields',
      'GET /rest/api/3/fieldconfigurationscheme',
      'GET /rest/api/3/fieldconfigurationscheme/mapping',
      'GET /rest/api/3/fieldconfigurationscheme/project',
      'GET /rest/api/3/issuetype',
      'GET /rest/api/3/issuetypescheme',
      'GET /rest/api/3/issuetypescheme/project',
      'GET /rest/api/3/issuetypescreenscheme',
      'GET /rest/api/3/issuetypescreenscheme/mapping',
      'GET /rest/api/3/issuetypescreenscheme/project',
      'GET /rest/api/3/project/{projectIdOrKey}',
      'GET /rest/api/3/screens',
      'GET /rest/api/3/screens/{screenId}/tabs',
      'GET /rest/api/3/screens/{screenId}/tabs/{tabId}/fields',
      'GET /rest/api/3/screenscheme',
      'GET /rest/api/3/statuses/search',
      'GET /rest/api/3/task/{taskId}',
      'GET /rest/api/3/workflows/capabilities',
      'GET /rest/api/3/workflows/search',
      'GET /rest/api/3/workflowscheme',
      'GET /rest/api/3/workflowscheme/project',
      'POST /rest/api/3/expression/analyse',
      'POST /rest/api/3/fieldconfiguration',
      'POST /rest/api/3/fieldconfigurationscheme',
      'POST /rest/api/3/issuetype',
      'POST /rest/api/3/issuetypescheme',
      'POST /rest/api/3/issuetypescreenscheme',
      'POST /rest/api/3/screens',
      'POST /rest/api/3/screens/{screenId}/tabs/{tabId}/fields',
      'POST /rest/api/3/screenscheme',
      'POST /rest/api/3/search/jql',
      'POST /rest/api/3/workflows/create',
      'POST /rest/api/3/workflows/create/validation',
      'POST /rest/api/3/workflows/update',
      'POST /rest/api/3/workflows/update/validation',
      'POST /rest/api/3/workflowscheme',
      'POST /rest/api/3/workflowscheme/project/switch',
    ]);
  });

  it('catches a body the spec refuses', () => {
    const validate = api.bodyValidator('POST', '/rest/api/3/permissions/check');
    expect(validate?.({ accountId: 'a', projectPermissions: [{ issues: ['not-a-number'] }] })).toBe(false);
  });

  it('declares the classic scope of every route it calls', () => {
    for (const route of Object.values(JIRA_ROUTES)) {
      const needed = api.classicScopes(api.operation(route.method, route.path)!);
      for (const scope of needed) expect(declaredScopes, `${route.method} ${route.path}`).toContain(scope);
    }
  });

  it('declares no scope that no call needs', () => {
    const used = new Set(Object.values(JIRA_ROUTES).flatMap((route) => api.allScopes(api.operation(route.method, route.path)!)));
    for (const scope of declaredScopes) {
      expect(used.has(scope) || scope in NON_REST_SCOPES, `${scope} is declared but unused`).toBe(true);
    }
  });
});
