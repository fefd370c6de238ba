import { describe, expect, it } from 'vitest';
import type { JiraTransport } from '../../src/adapters/jira-client';
import { WORKFLOW } from '../../src/domain/project-setup/blueprint';
import { storageKeys } from '../../src/use-cases/ports';
import { applyProjectSetup, checkSetUpProjects, planProjectSetup, STEPS_PER_RUN } from '../../src/use-cases/set-up-project';
import { userByRole } from '../../sandbox/catalogue';
import { isRead, runSetupToEnd, setupDepsOnSite } from '../../sandbox/seed';
import { MemoryStore } from '../fakes/memory-store';
import { REQUIRED_BRIEF, sandboxSite, SITE_NOW, stripFlightPlanWorkflow } from '../sandbox/sandbox-site';
import { forgeRulesOf, readManifest } from '../../sandbox/app-host';
import { APP_FIELD_IDS, ENVIRONMENT_ID } from '../../sandbox/catalogue';
import type { SiteHooks } from '../../sandbox/jira/rest-shapes';
import { ownModuleKey } from '../../src/domain/app-fields';
import type { SetupRunView } from '../../src/contracts/views/admin';

const ADMIN_ID = userByRole('admin').accountId;

/** Set up project against a fresh sandbox site, with every request recorded and one refusal on demand. */
const harness = (hooks: Partial<SiteHooks> = {}) => {
  const site = sandboxSite(hooks);
  const store = new MemoryStore();
  const sent: { method: string; path: string; body?: unknown }[] = [];
  let refuse: ((method: string, path: string) => boolean) | null = null;
  /** Errors Jira's analyse gives the Create rule's expression, when the test says so. */
  let analyseErrors: readonly string[] | null = null;
  const recordAndRefuse =
    (inner: JiraTransport): JiraTransport =>
    async (path, init) => {
      sent.push({ method: init.method, path, ...(init.body === undefined ? {} : { body: JSON.parse(init.body) as unknown }) });
      if (analyseErrors !== null && path.startsWith('/rest/api/3/expression/analyse')) {
        const [expression] = (JSON.parse(init.body ?? '{}') as { expressions: string[] }).expressions;
        return {
          status: 200,
          headers: { get: () => null },
          text: async () =>
            JSON.stringify({
              results: [{ expression, valid: false, errors: analyseErrors!.map((message) => ({ message, type: 'other' })) }],
            }),
        };
      }
      if (refuse?.(init.method, path)) {
        refuse = null;
        return {
          status: 400,
          headers: { get: () => null },
          text: async () => JSON.stringify({ errorMessages: ['Refused by the test'], errors: {} }),
        };
      }
      return inner(path, init);
    };
  const asUser = (accountId: string) => setupDepsOnSite(site.jira, accountId, store, SITE_NOW, recordAndRefuse);
  const writes = () => sent.filter((request) => !isRead(request.method, request.path)).length;
  const apply = async (projectKey: string): Promise<SetupRunView[]> => {
    const runs = await runSetupToEnd(() => asUser(ADMIN_ID), ADMIN_ID, projectKey);
    if (!runs.ok) throw new Error(runs.error.message);
    return runs.value;
  };
  return {
    site,
    store,
    sent,
    writes,
    asUser,
    apply,
    refuseNext: (test: (method: string, path: string) => boolean) => (refuse = test),
    jiraSays: (errors: readonly string[] | null) => (analyseErrors = errors),
  };
};

const namedCount = (items: readonly { name: string }[], name: string) => items.filter((item) => item.name === name).length;

describe('Set up project on the sandbox site', () => {
  it('shows a dry run that changes nothing, then sets up a fresh project in runs the page repeats', async () => {
    const { site, writes, asUser, apply } = harness();
    const before = JSON.stringify(site.store.data.config);
    const plan = await planProjectSetup(asUser(ADMIN_ID), 'mkt');
    expect(plan.ok && plan.value.steps.length).toBe(34);
    expect(plan.ok && plan.value.steps[0]).toMatchObject({ kind: 'create-issue-type', method: 'POST', path: '/rest/api/3/issuetype' });
    expect(JSON.stringify(site.store.data.config)).toBe(before);
    expect(writes()).toBe(0);

    const runs = await apply('MKT');
    expect(runs.map((run) => run.outcome)).toEqual(['partial', 'partial', 'set-up']);
    expect(runs[0]!.done).toHaveLength(STEPS_PER_RUN);
    expect(runs.flatMap((run) => run.done).map((step) => step.kind)).toEqual(plan.ok ? plan.value.steps.map((step) => step.kind) : []);
    const config = site.store.data.config;
    expect(namedCount(config.workflows, WORKFLOW.name)).toBe(1);
    expect(config.projects.find((project) => project.key === 'MKT')?.workflowSchemeId).toBe(
      config.workflowSchemes.find((scheme) => scheme.name === 'Flight Plan: MKT')?.id,
    );

    // A request now starts in Intake and moves through the gated workflow.
    const created = await site.call('POST', '/issue', {
      fields: { project: { key: 'MKT' }, issuetype: { name: 'Marketing Request' }, summary: 'Spring webinar', ...REQUIRED_BRIEF },
    });
    expect(created.status).toBe(201);
    const issue = (await site.call('GET', `/issue/${(created.body as { key: string }).key}?expand=transitions`)).body as {
      fields: { status: { name: string } };
      transitions: { name: string }[];
    };
    expect(issue.fields.status.name).toBe('Intake');
    expect(issue.transitions.map((transition) => transition.name)).toEqual(['Send to triage']);
  });

  it('sets up a project on the Default Workflow Scheme, which Jira shows without an id, and the audit reads it', async () => {
    const { site, apply, asUser } = harness();
    // As Jira: "If the project is associated with the Default Workflow Scheme no ID is returned" (OpenAPI).
    const scheme = (await site.call('GET', '/workflowscheme/project?projectId=10000')).body as {
      values: { workflowScheme: Record<string, unknown> }[];
    };
    expect(scheme.values[0]!.workflowScheme).toMatchObject({ name: 'Default Workflow Scheme', defaultWorkflow: 'jira' });
    expect(scheme.values[0]!.workflowScheme).not.toHaveProperty('id');

    const plan = await planProjectSetup(asUser(ADMIN_ID), 'MKT');
    expect(plan.ok && plan.value.steps.find((step) => step.kind === 'create-workflow-scheme')?.body).toMatchObject({
      name: 'Flight Plan: MKT',
      defaultWorkflow: 'jira',
    });
    expect((await apply('MKT')).at(-1)?.outcome).toBe('set-up');
    const config = site.store.data.config;
    expect(config.workflowSchemes.find((candidate) => candidate.isDefault)?.issueTypeMappings).toEqual({});
    const checked = await checkSetUpProjects(asUser(ADMIN_ID));
    expect(checked.ok && checked.value.projects.map((project) => project.findings)).toEqual([[]]);
  });

  it("gives Marketing Requests a field configuration through the project's own scheme, which a second run leaves as it is", async () => {
    const { site, apply, writes } = harness();
    await apply('MKT');
    // What Jira's REST API answers about the project's field configuration after setup.
    const projectSchemes = (await site.call('GET', '/fieldconfigurationscheme/project?projectId=10000')).body as {
      values: { fieldConfigurationScheme?: { id: string; name: string } }[];
    };
    const scheme = projectSchemes.values[0]!.fieldConfigurationScheme!;
    expect(scheme.name).toBe('Flight Plan: MKT');
    const mappings = (await site.call('GET', `/fieldconfigurationscheme/mapping?fieldConfigurationSchemeId=${scheme.id}`)).body as {
      values: { issueTypeId: string; fieldConfigurationId: string }[];
    };
    const typeId = site.store.data.config.issueTypes.find((type) => type.name === 'Marketing Request')!.id;
    // The copy keeps the default mapping the project had (the Default Field Configuration) for its other issue types.
    expect(mappings.values.map((mapping) => mapping.issueTypeId).sort()).toEqual(['default', typeId].sort());
    const configurationId = mappings.values.find((mapping) => mapping.issueTypeId === typeId)!.fieldConfigurationId;
    const items = (await site.call('GET', `/fieldconfiguration/${configurationId}/fields`)).body as {
      values: { id: string; isRequired: boolean; description: string }[];
    };
    expect(items.values.filter((item) => item.isRequired).map((item) => item.id)).toEqual([
      'description',
      'duedate',
      APP_FIELD_IDS.successMetric,
    ]);
    expect(items.values.find((item) => item.id === APP_FIELD_IDS.risk)?.description).toMatch(/^How much could go wrong/);

    const before = writes();
    const again = await apply('MKT');
    expect(again.map((run) => run.outcome)).toEqual(['unchanged']);
    expect(writes()).toBe(before);
  });

  it('shows the triage score and governance tier on the view screen, and keeps them off the create screen', async () => {
    const { site, apply } = harness();
    await apply('MKT');
    const config = site.store.data.config;
    const screenNamed = (name: string) => config.screens.find((screen) => screen.name === name)!;
    const form = screenNamed('Flight Plan: Marketing Request');
    const view = screenNamed('Flight Plan: Marketing Request (view)');
    expect(config.screenSchemes.find((scheme) => scheme.name === 'Flight Plan: Marketing Request')).toMatchObject({
      defaultScreenId: form.id,
      viewScreenId: view.id,
    });
    const readOnly = [APP_FIELD_IDS.triageScore, APP_FIELD_IDS.tier];
    expect(view.tabs[0]!.fieldIds).toEqual(expect.arrayContaining([...form.tabs[0]!.fieldIds, ...readOnly]));
    expect(form.tabs[0]!.fieldIds).not.toEqual(expect.arrayContaining([APP_FIELD_IDS.triageScore]));
    expect(form.tabs[0]!.fieldIds).not.toEqual(expect.arrayContaining([APP_FIELD_IDS.tier]));
  });

  it('gives a screen scheme set up before view screens existed its view screen, and changes nothing else', async () => {
    const { site, apply } = harness();
    await apply('MKT');
    const scheme = site.store.data.config.screenSchemes.find((candidate) => candidate.name === 'Flight Plan: Marketing Request')!;
    const viewScreenId = scheme.viewScreenId;
    delete scheme.viewScreenId;
    const again = await apply('MKT');
    expect(again.flatMap((run) => run.done.map((step) => step.kind))).toEqual(['set-view-screen']);
    expect(site.store.data.config.screenSchemes.find((candidate) => candidate.id === scheme.id)?.viewScreenId).toBe(viewScreenId);
  });

  it('changes nothing the second time', async () => {
    const { writes, apply, store } = harness();
    await apply('MKT');
    const written = writes();
    const again = await apply('MKT');
    expect(again).toEqual([expect.objectContaining({ outcome: 'unchanged', done: [], remaining: [] })]);
    expect(writes()).toBe(written);
    expect(store.data.get(storageKeys.setUpProject('MKT'))).toEqual({ projectId: '10000', at: SITE_NOW.toISOString(), by: ADMIN_ID });
  });

  it('reports what it did when Jira refuses a step, and finishes from there when run again', async () => {
    const { site, apply, refuseNext } = harness();
    refuseNext((method, path) => method === 'POST' && path === '/rest/api/3/workflowscheme');
    const [stopped] = await apply('BRD');
    expect(stopped).toMatchObject({
      outcome: 'stopped',
      failed: { step: { kind: 'create-workflow-scheme' }, message: expect.stringContaining('Refused by the test') },
    });
    expect(stopped!.done.map((step) => step.kind)).toEqual([
      'create-issue-type',
      'create-issue-type-scheme',
      'assign-issue-type-scheme',
      'create-workflow',
    ]);
    expect(stopped!.remaining[0]?.kind).toBe('create-workflow-scheme');

    const resumed = await apply('BRD');
    expect(resumed.at(-1)?.outcome).toBe('set-up');
    expect(resumed[0]!.done[0]?.kind).toBe('create-workflow-scheme');
    const config = site.store.data.config;
    expect(namedCount(config.issueTypes, 'Marketing Request')).toBe(1);
    expect(namedCount(config.workflows, WORKFLOW.name)).toBe(1);
    // BRD's own issue type scheme is a copy with the Marketing Request; the scheme it had is as it was.
    expect(config.issueTypeSchemes.find((scheme) => scheme.id === '10001')?.issueTypeIds).toHaveLength(1);
    const copy = config.issueTypeSchemes.find((scheme) => scheme.name === 'Flight Plan: BRD')!;
    expect(copy.issueTypeIds).toHaveLength(2);
    expect(config.projects.find((project) => project.key === 'BRD')?.issueTypeSchemeId).toBe(copy.id);
  });

  it('does not send a write again when Jira applied it and the answer was lost: the next run finds it by name', async () => {
    const { site, apply, sent } = harness();
    site.jira.faults.applyThenTimeOut((method, pathname) => method === 'POST' && pathname === '/rest/api/3/workflowscheme');
    site.jira.faults.applyThenTimeOut((method, pathname) => method === 'POST' && pathname.endsWith('/fields'));
    const first = await apply('MKT');
    expect(first.at(-1)).toMatchObject({
      outcome: 'stopped',
      failed: {
        step: { kind: 'create-workflow-scheme' },
        message: expect.stringContaining('Jira did not answer in time, and may have made this change'),
      },
    });
    expect(sent.filter((request) => request.method === 'POST' && request.path === '/rest/api/3/workflowscheme')).toHaveLength(1);
    const second = await apply('MKT');
    expect(second.at(-1)).toMatchObject({ outcome: 'stopped', failed: { step: { kind: 'add-screen-field' } } });
    expect(second[0]!.done.map((step) => step.kind)).not.toContain('create-workflow-scheme');
    expect((await apply('MKT')).at(-1)?.outcome).toBe('set-up');
    const config = site.store.data.config;
    expect(namedCount(config.workflowSchemes, 'Flight Plan: MKT')).toBe(1);
    const fieldIds = config.screens.find((screen) => screen.name === 'Flight Plan: Marketing Request')!.tabs[0]!.fieldIds;
    expect(new Set(fieldIds).size).toBe(fieldIds.length);
  });

  it('switches a project that has issues, and its issues keep their workflow and status', async () => {
    const { site, apply } = harness();
    const task = await site.call('POST', '/issue', {
      fields: { project: { key: 'BRD' }, issuetype: { name: 'Task' }, summary: 'Logo refresh' },
    });
    const taskKey = (task.body as { key: string }).key;
    const runs = await apply('BRD');
    expect(runs.flatMap((run) => run.done).filter((step) => step.kind === 'assign-workflow-scheme')).toEqual([
      expect.objectContaining({ path: '/rest/api/3/workflowscheme/project/switch' }),
    ]);
    expect(runs.at(-1)?.outcome).toBe('set-up');
    const after = (await site.call('GET', `/issue/${taskKey}?expand=transitions`)).body as {
      fields: { status: { name: string } };
      transitions: { name: string }[];
    };
    expect(after.fields.status.name).toBe('To Do');
    expect(after.transitions.map((transition) => transition.name)).toContain('In Progress');
  });

  it('moves Marketing Requests a project already had onto Flight Plan statuses when it switches the scheme', async () => {
    const { site, apply } = harness();
    await apply('MKT');
    // BRD used the type before setup, on Jira's default workflow: one request to do, one in progress.
    const typeId = site.store.data.config.issueTypes.find((type) => type.name === 'Marketing Request')!.id;
    expect((await site.call('PUT', '/issuetypescheme/10001/issuetype', { issueTypeIds: [typeId] })).status).toBe(204);
    const keys: string[] = [];
    for (const summary of ['Old request', 'Request in flight']) {
      const created = await site.call('POST', '/issue', { fields: { project: { key: 'BRD' }, issuetype: { id: typeId }, summary } });
      keys.push((created.body as { key: string }).key);
    }
    expect((await site.call('POST', `/issue/${keys[1]}/transitions`, { transition: { id: '21' } })).status).toBe(204);

    const runs = await apply('BRD');
    expect(runs.at(-1)?.outcome).toBe('set-up');
    const switched = runs.flatMap((run) => run.done).find((step) => step.path.endsWith('/switch'))!;
    expect(
      (switched.body as { mappingsByIssueTypeOverride: { statusMappings: unknown[] }[] }).mappingsByIssueTypeOverride[0]!.statusMappings,
    ).toHaveLength(2);
    const statusOf = async (key: string) =>
      ((await site.call('GET', `/issue/${key}`)).body as { fields: { status: { name: string } } }).fields.status.name;
    expect([await statusOf(keys[0]!), await statusOf(keys[1]!)]).toEqual(['Intake', 'Build']);
  });

  it("takes the scheme switch's 303 as a started task and polls it until Jira has switched", async () => {
    const { site, sent, apply } = harness();
    await site.call('POST', '/issue', { fields: { project: { key: 'BRD' }, issuetype: { name: 'Task' }, summary: 'Logo refresh' } });
    const runs = await apply('BRD');
    expect(runs.at(-1)?.outcome).toBe('set-up');
    const switchAt = sent.findIndex((request) => request.path.endsWith('/workflowscheme/project/switch'));
    // The sandbox's task finishes on its second poll, as Jira's may after a moment.
    expect(sent.slice(switchAt + 1, switchAt + 3).map((request) => `${request.method} ${request.path.replace(/\d+$/, '{id}')}`)).toEqual([
      'GET /rest/api/3/task/{id}',
      'GET /rest/api/3/task/{id}',
    ]);
  });

  it("reports a failed scheme switch in Jira's words, and changes nothing", async () => {
    const { site, apply } = harness();
    await site.call('POST', '/issue', { fields: { project: { key: 'BRD' }, issuetype: { name: 'Task' }, summary: 'Logo refresh' } });
    site.jira.faults.switchTaskFailure = 'Issues of BRD could not be migrated.';
    const runs = await apply('BRD');
    expect(runs.at(-1)).toMatchObject({
      outcome: 'stopped',
      failed: {
        step: { kind: 'assign-workflow-scheme' },
        message: "Jira refused it: Jira's workflow scheme switch failed: Issues of BRD could not be migrated.",
      },
    });
    expect(site.store.data.config.projects.find((project) => project.key === 'BRD')?.workflowSchemeId).toBe('10000');
    // Run again, setup tries the switch again, and this time Jira switches.
    expect((await apply('BRD')).at(-1)?.outcome).toBe('set-up');
  });

  it('says a switch Jira is still running will finish, and carries on from there the next time', async () => {
    const { site, apply } = harness();
    await site.call('POST', '/issue', { fields: { project: { key: 'BRD' }, issuetype: { name: 'Task' }, summary: 'Logo refresh' } });
    site.jira.faults.switchTaskPolls = 100;
    const still = {
      outcome: 'stopped',
      failed: { step: { kind: 'assign-workflow-scheme' }, message: expect.stringContaining('Jira is still switching the workflow scheme') },
    };
    expect((await apply('BRD')).at(-1)).toMatchObject(still);
    // A run while the task runs: Jira answers the new switch with 409, and setup says the same.
    const during = await apply('BRD');
    expect(during).toHaveLength(1);
    expect(during[0]).toMatchObject(still);
    site.jira.finishRunningTasks();
    const after = await apply('BRD');
    expect(after.at(-1)?.outcome).toBe('set-up');
    expect(after.flatMap((run) => run.done).map((step) => step.kind)).not.toContain('assign-workflow-scheme');
  });

  it("adds the mapping to the project's own screen scheme when it already has one", async () => {
    const { site, apply } = harness();
    const own = await site.call('POST', '/issuetypescreenscheme', {
      name: 'Flight Plan: BRD',
      issueTypeMappings: [{ issueTypeId: 'default', screenSchemeId: '1' }],
    });
    await site.call('PUT', '/issuetypescreenscheme/project', {
      issueTypeScreenSchemeId: (own.body as { id: string }).id,
      projectId: '10001',
    });
    const runs = await apply('BRD');
    const kinds = runs.flatMap((run) => run.done).map((step) => step.kind);
    expect(kinds).toContain('map-issue-type-screen-scheme');
    expect(kinds).not.toContain('create-issue-type-screen-scheme');
    expect(runs.at(-1)?.outcome).toBe('set-up');
  });

  it("attaches its own environment's validators on a site where another environment of the app is installed too", async () => {
    const rules = forgeRulesOf(readManifest());
    const development = rules.map((rule) => ({ ...rule, id: rule.id.replace(`/${ENVIRONMENT_ID}/`, '/development/') }));
    const { site, apply } = harness({ forgeRules: () => [...rules, ...development] });
    expect((await apply('MKT')).at(-1)?.outcome).toBe('set-up');
    const keys = site.store.data.config.workflows
      .find((workflow) => workflow.name === WORKFLOW.name)!
      .transitions.flatMap((transition) => transition.validators.map((rule) => String(rule.parameters['key'])));
    expect(keys.length).toBeGreaterThanOrEqual(8);
    expect(keys.every((key) => key.includes(`/${ENVIRONMENT_ID}/static/`))).toBe(true);
  });

  it('tells its own extensions by app and environment', () => {
    const install = { appId: 'app-1', environmentId: 'env-prod' };
    expect(ownModuleKey('ari:cloud:ecosystem::extension/app-1/env-prod/static/fp-impact', install)).toBe('fp-impact');
    expect(ownModuleKey('ari:cloud:ecosystem::extension/app-1/env-dev/static/fp-impact', install)).toBeNull();
    expect(ownModuleKey('ari:cloud:ecosystem::extension/app-2/env-prod/static/fp-impact', install)).toBeNull();
    expect(ownModuleKey('com.example:fp-impact', install)).toBeNull();
  });

  // Who may run setup (Jira admins only) is checked where the admin resolvers are wired: test/handlers/permissions.test.ts.
  it('refuses an unknown project', async () => {
    const { asUser, writes } = harness();
    expect(await planProjectSetup(asUser(ADMIN_ID), 'NOPE')).toMatchObject({
      ok: false,
      error: { code: 'SETUP.PROJECT_NOT_FOUND' },
    });
    expect(writes()).toBe(0);
  });

  it('explains why a team-managed project cannot be set up', async () => {
    const { apply } = harness();
    const [run] = await apply('SOC');
    expect(run).toMatchObject({ outcome: 'stopped', done: [], blocked: { code: 'SETUP.TEAM_MANAGED' } });
  });

  it('puts back a gate someone removed and rewrites an old Create expression, keeping the rest of the workflow', async () => {
    const { site, apply, writes } = harness();
    await apply('MKT');
    const workflow = () => site.store.data.config.workflows.find((candidate) => candidate.name === WORKFLOW.name)!;
    const before = stripFlightPlanWorkflow(site.store.data);

    const [run] = await apply('MKT');
    expect(run).toMatchObject({ outcome: 'set-up', done: [{ kind: 'repair-workflow', path: '/rest/api/3/workflows/update' }] });
    expect(workflow().versionNumber).toBe(before.versionNumber + 1);
    expect(workflow().transitions).toEqual(before.transitions);
    const written = writes();
    expect(await apply('MKT')).toEqual([expect.objectContaining({ outcome: 'unchanged' })]);
    expect(writes()).toBe(written);
  });

  it('tells the audit when a set-up workflow has lost a gate validator, or the project no longer uses it', async () => {
    const { site, apply, asUser } = harness();
    await apply('MKT');
    await apply('BRD');
    const clean = await checkSetUpProjects(asUser(ADMIN_ID));
    // Set up at the same moment: in project key order.
    expect(clean.ok && clean.value.projects).toEqual([
      { projectKey: 'BRD', setUpAt: SITE_NOW.toISOString(), setUpBy: ADMIN_ID, findings: [] },
      { projectKey: 'MKT', setUpAt: SITE_NOW.toISOString(), setUpBy: ADMIN_ID, findings: [] },
    ]);
    // Someone removes the QA gate in the workflow editor, and points BRD back at the default scheme.
    const workflow = site.store.data.config.workflows.find((candidate) => candidate.name === WORKFLOW.name)! as unknown as {
      transitions: { name: string; validators: unknown[] }[];
    };
    const launch = workflow.transitions.find((transition) => transition.name === 'Launch')!;
    const gate = launch.validators;
    launch.validators = [];
    site.store.data.config.projects.find((project) => project.key === 'BRD')!.workflowSchemeId = '10000';
    const drifted = await checkSetUpProjects(asUser(ADMIN_ID));
    const findingsOf = (result: typeof drifted) =>
      result.ok ? Object.fromEntries(result.value.projects.map((check) => [check.projectKey, check.findings])) : {};
    expect(findingsOf(drifted)).toEqual({
      MKT: ['gate validator missing on Launch (qa gate)'],
      BRD: ['gate validator missing on Launch (qa gate)'],
    });

    // With the gate back, MKT is clean, and BRD's lost scheme shows as what setup would do again.
    launch.validators = gate;
    expect(findingsOf(await checkSetUpProjects(asUser(ADMIN_ID)))).toEqual({
      MKT: [],
      BRD: ['setup would change it again: Use the workflow scheme "Flight Plan: BRD" in BRD.'],
    });
  });

  it("asks Jira about the Create rule before writing it, and writes nothing Jira would refuse, naming Jira's error", async () => {
    const { sent, writes, asUser, apply, jiraSays } = harness();
    const plan = await planProjectSetup(asUser(ADMIN_ID), 'MKT');
    expect(plan.ok && plan.value.blocked).toBeUndefined();
    const [asked] = sent.filter((request) => request.path.startsWith('/rest/api/3/expression/analyse'));
    expect(asked).toMatchObject({
      method: 'POST',
      path: '/rest/api/3/expression/analyse?check=type',
      body: {
        expressions: [expect.stringContaining('config.tierOf')],
        contextVariables: { config: expect.stringContaining('leadDays: List<List<Number>>') },
      },
    });

    jiraSays(['Jira expression has too many nodes (150), limit: 100 leaves']);
    const refused = await planProjectSetup(asUser(ADMIN_ID), 'MKT');
    expect(refused.ok && refused.value.blocked).toMatchObject({
      code: 'SETUP.EXPRESSION_REFUSED',
      message: expect.stringContaining('Jira expression has too many nodes (150), limit: 100 leaves'),
    });
    const run = await applyProjectSetup(asUser(ADMIN_ID), ADMIN_ID, 'MKT');
    expect(run.ok && run.value).toMatchObject({ outcome: 'stopped', done: [], blocked: { code: 'SETUP.EXPRESSION_REFUSED' } });
    expect(writes()).toBe(0);

    // Set up while Jira accepts it, the audit names Jira's error once Jira would refuse the rule.
    jiraSays(null);
    await apply('MKT');
    jiraSays(['Jira expression is too long (1040), limit: 1000 characters']);
    const audit = await checkSetUpProjects(asUser(ADMIN_ID));
    expect(audit.ok && audit.value.projects[0]?.findings).toEqual([
      expect.stringMatching(/^Jira would refuse the intake rule on Create: Jira expression is too long \(1040\)/),
    ]);
  });
});

describe('the projects Set up project remembers for the audit', () => {
  // they were one shared map, read then written whole, and parsed with `.catch({})`: two
  // setups finishing at once kept only one project, and one corrupt entry made the map read as empty, so the next setup
  // wrote a map of its one project over all the others. The audit's workflow check then never looked at them again.
  const checkedProjects = async (check: ReturnType<typeof checkSetUpProjects>) => {
    const checked = await check;
    return checked.ok ? checked.value.projects.map((project) => project.projectKey) : checked.error.code;
  };

  it('keeps both of two setups that finish at once, on a store with latency', async () => {
    const { apply, asUser, store, site } = harness();
    await apply('MKT');
    await apply('BRD');
    for (const key of [...store.data.keys()].filter((key) => key.startsWith('setup:'))) store.data.delete(key);
    // Every storage call takes 5 ms, as real I/O does: both runs read and write while the other is in flight.
    const slow = async <T>(run: () => Promise<T>): Promise<T> => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return run();
    };
    const latent = Object.assign(Object.create(store) as MemoryStore, {
      getMany: (keys: readonly string[]) => slow(() => store.getMany(keys)),
      set: (key: string, value: unknown) => slow(() => store.set(key, value)),
    });
    const runs = await Promise.all(
      ['MKT', 'BRD'].map((projectKey) => applyProjectSetup(setupDepsOnSite(site.jira, ADMIN_ID, latent, SITE_NOW), ADMIN_ID, projectKey)),
    );
    expect(runs.map((run) => run.ok && run.value.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(await checkedProjects(checkSetUpProjects(asUser(ADMIN_ID)))).toEqual(['BRD', 'MKT']);
  });

  it("reads an earlier version's map entry by entry: a corrupt entry or value loses only itself, and a setup drops none", async () => {
    const { apply, asUser, store } = harness();
    await apply('MKT');
    await apply('BRD');
    const mkt = store.data.get(storageKeys.setUpProject('MKT'));
    store.data.delete(storageKeys.setUpProject('MKT'));
    // As an earlier version left it: MKT in the one map, beside an entry that does not read.
    store.data.set(storageKeys.legacySetUpProjects, { MKT: mkt, OPS: { projectId: 7 } });
    store.data.set(storageKeys.setUpProject('WEB'), 'torn');
    expect(await checkedProjects(checkSetUpProjects(asUser(ADMIN_ID)))).toEqual(['BRD', 'MKT']);
    // Set up again, MKT is remembered under its own key; the earlier map is never written.
    await apply('MKT');
    expect(store.data.get(storageKeys.setUpProject('MKT'))).toEqual(mkt);
    expect(store.data.get(storageKeys.legacySetUpProjects)).toEqual({ MKT: mkt, OPS: { projectId: 7 } });
    expect(await checkedProjects(checkSetUpProjects(asUser(ADMIN_ID)))).toEqual(['BRD', 'MKT']);
  });
});
