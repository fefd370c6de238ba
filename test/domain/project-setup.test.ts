import { describe, expect, it } from 'vitest';
import { BLUEPRINT_STATUSES, BLUEPRINT_TRANSITIONS, validatorKeyOf, WORKFLOW } from '../../src/domain/project-setup/blueprint';
import { nextStep } from '../../src/domain/project-setup/next-step';
import { planAll, setupDrift } from '../../src/domain/project-setup/plan';
import { missingGates, type SetupSnapshot } from '../../src/domain/project-setup/snapshot';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { intakeCreateRule, type IntakeCreateRule } from '../../src/domain/intake-create-expression';
import { codeLikeText } from '../browser/layout-checks';

/** A Create rule with this expression (its data does not matter to the plan). */
const rule = (expression: string) => ({ expression }) as IntakeCreateRule;

const ARI = (key: string) => `ari:cloud:ecosystem::extension/app-1/env-1/static/${key}`;
const RULES = Object.fromEntries(
  ['intake-gate-on-create', ...BLUEPRINT_TRANSITIONS.flatMap((transition) => validatorKeyOf(transition) ?? [])].map((key) => [
    key,
    { ruleKey: 'forge:expression-validator', id: ARI(key) },
  ]),
);

/** A company-managed project on a site where nothing of Flight Plan exists yet. */
const fresh = (overrides: Partial<SetupSnapshot> = {}): SetupSnapshot => ({
  project: { id: '10001', key: 'BRD', name: 'Brand Studio', companyManaged: true },
  statuses: { done: '10001' },
  issueTypeId: null,
  projectHasIssueType: false,
  issueTypeScheme: { id: '10001', name: 'BRD: Issue Type Scheme', isDefault: false, defaultIssueTypeId: '10002' },
  projectIssueTypeIds: ['10002'],
  ownIssueTypeSchemeId: null,
  workflow: null,
  forgeRules: RULES,
  workflowScheme: {
    id: '10000',
    name: 'Default Workflow Scheme',
    defaultWorkflow: 'jira',
    issueTypeMappings: { '10002': 'Task workflow' },
  },
  ownWorkflowSchemeId: null,
  projectHasIssues: false,
  currentTypeStatuses: [],
  screen: null,
  viewScreen: null,
  screenSchemeId: null,
  screenSchemeViewId: null,
  issueTypeScreenScheme: { id: '1', name: 'Default Issue Type Screen Scheme', mappings: [{ issueTypeId: 'default', screenSchemeId: '1' }] },
  ownIssueTypeScreenSchemeId: null,
  fieldConfiguration: null,
  fieldConfigurationScheme: {
    id: null,
    name: 'Default Field Configuration Scheme',
    mappings: [{ issueTypeId: 'default', fieldConfigurationId: '10000' }],
  },
  ownFieldConfigurationScheme: null,
  appFieldIds: {
    impact: 'customfield_1',
    confidence: 'customfield_2',
    effort: 'customfield_3',
    risk: 'customfield_4',
    successMetric: 'customfield_5',
    triageScore: 'customfield_6',
    tier: 'customfield_7',
  },
  createRule: rule('true'),
  ...overrides,
});

/** The Flight Plan workflow as Jira returns it after setup: every gate, and the Create rule with this configuration's expression. */
const gatedWorkflow = (createExpression = 'true') => ({
  id: 'wf',
  version: { id: 'v1', versionNumber: 1 },
  statuses: [{ statusReference: 's-intake', properties: {} }],
  statusDetails: [{ id: '501', name: 'Intake', statusCategory: 'TODO' as const, statusReference: 's-intake' }],
  transitions: [
    {
      id: '1',
      name: 'Create',
      type: 'INITIAL',
      toStatusReference: 's-intake',
      validators: [
        {
          ruleKey: 'forge:expression-validator',
          parameters: { key: ARI('intake-gate-on-create'), config: JSON.stringify(rule(createExpression)) },
        },
      ],
      validatorKeys: ['intake-gate-on-create'],
    },
    ...BLUEPRINT_TRANSITIONS.map((transition) => ({
      id: transition.id,
      name: transition.name,
      type: 'DIRECTED',
      validators: (validatorKeyOf(transition) ? [validatorKeyOf(transition)!] : []).map((key) => ({
        ruleKey: 'forge:expression-validator',
        parameters: { key: ARI(key) },
      })),
      validatorKeys: validatorKeyOf(transition) ? [validatorKeyOf(transition)!] : [],
    })),
  ],
});

/** The workflow with the QA gate taken off its Launch transition, as someone editing it by hand would. */
const stripQaGate = (workflow: ReturnType<typeof gatedWorkflow>) => ({
  ...workflow,
  transitions: workflow.transitions.map((transition) =>
    transition.name === 'Launch' ? { ...transition, validators: [], validatorKeys: [] } : transition,
  ),
});

describe('Set up project, planned', () => {
  it('plans a fresh project in order: issue type, workflow, scheme, screen, screen schemes', () => {
    const plan = planAll(fresh());
    expect(plan.blocked).toBeUndefined();
    expect(plan.steps.map((step) => step.kind)).toEqual([
      'create-issue-type',
      'create-issue-type-scheme',
      'assign-issue-type-scheme',
      'create-workflow',
      'create-workflow-scheme',
      'assign-workflow-scheme',
      'create-field-configuration',
      'set-field-configuration-items',
      'create-field-configuration-scheme',
      'map-field-configuration',
      'assign-field-configuration-scheme',
      'create-screen',
      ...Array(9).fill('add-screen-field'),
      'create-view-screen',
      ...Array(11).fill('add-view-screen-field'),
      'create-screen-scheme',
      'create-issue-type-screen-scheme',
      'assign-issue-type-screen-scheme',
    ]);
  });

  it('builds the workflow with every gate on its transition, the intake expression on Create, and existing statuses by id', () => {
    const issueTyped = fresh({ issueTypeId: '10050', projectHasIssueType: true, createRule: rule('issue.dueDate != null') });
    const next = nextStep(issueTyped);
    expect(next.kind).toBe('step');
    if (next.kind !== 'step') return;
    expect(next.step.validation?.route).toBe('validateWorkflowCreate');
    const body = next.step.request.body as {
      statuses: { id?: string; name: string; statusReference: string }[];
      workflows: {
        name: string;
        transitions: { name: string; type: string; validators: { ruleKey: string; parameters: { key: string; config?: string } }[] }[];
      }[];
    };
    expect(body.statuses).toHaveLength(BLUEPRINT_STATUSES.length);
    expect(body.statuses.find((status) => status.name === 'Done')).toMatchObject({ id: '10001' });
    expect(body.statuses.find((status) => status.name === 'Intake')?.id).toBeUndefined();
    const [workflow] = body.workflows;
    expect(workflow?.name).toBe(WORKFLOW.name);
    const create = workflow!.transitions.find((transition) => transition.type === 'INITIAL')!;
    expect(create.validators).toEqual([
      {
        ruleKey: 'forge:expression-validator',
        parameters: { key: ARI('intake-gate-on-create'), config: JSON.stringify(rule('issue.dueDate != null')) },
      },
    ]);
    for (const transition of BLUEPRINT_TRANSITIONS) {
      const sent = workflow!.transitions.find((candidate) => candidate.name === transition.name)!;
      expect(sent.validators.map((rule) => rule.parameters.key)).toEqual(
        transition.gate ? [ARI(`${transition.gate}-gate`)] : transition.decision ? [ARI(`${transition.decision}-decision`)] : [],
      );
    }
    // Wait and Decline carry the triage lead's decision check.
    expect(
      workflow!.transitions
        .filter((transition) => transition.validators.some((rule) => rule.parameters.key.endsWith('-decision')))
        .map((transition) => transition.name),
    ).toEqual(['Wait', 'Decline']);
  });

  it("copies the project's schemes with the Marketing Request added, leaving other issue types as they were", () => {
    const steps = planAll(fresh({ issueTypeId: '10050', projectHasIssueType: true })).steps;
    const scheme = steps.find((step) => step.kind === 'create-workflow-scheme')!.request.body;
    expect(scheme).toMatchObject({
      name: 'Flight Plan: BRD',
      defaultWorkflow: 'jira',
      issueTypeMappings: { '10002': 'Task workflow', '10050': WORKFLOW.name },
    });
    const screens = steps.find((step) => step.kind === 'create-issue-type-screen-scheme')!.request.body as { issueTypeMappings: unknown[] };
    expect(screens.issueTypeMappings).toEqual([
      { issueTypeId: 'default', screenSchemeId: '1' },
      { issueTypeId: '10050', screenSchemeId: '(new create-screen-scheme)' },
    ]);
  });

  it('switches the scheme of a project with issues, and assigns it outright to an empty one', () => {
    const gated = fresh({ issueTypeId: '10050', projectHasIssueType: true, workflow: gatedWorkflow(), ownWorkflowSchemeId: '20000' });
    expect(nextStep({ ...gated, projectHasIssues: true })).toMatchObject({
      step: {
        request: { route: 'switchWorkflowScheme', body: { projectId: '10001', targetSchemeId: '20000', mappingsByIssueTypeOverride: [] } },
      },
    });
    // Marketing Requests already in the project move to Flight Plan statuses: by name, else by category.
    const current = [
      { id: '1', name: 'To Do', category: 'TODO' as const },
      { id: '3', name: 'In Progress', category: 'IN_PROGRESS' as const },
      { id: '7', name: 'launch', category: 'IN_PROGRESS' as const },
      { id: '10001', name: 'Done', category: 'DONE' as const },
    ];
    const statuses = { intake: '501', build: '504', launch: '506', done: '10001' };
    expect(nextStep({ ...gated, statuses, projectHasIssues: true, currentTypeStatuses: current })).toMatchObject({
      step: {
        request: {
          body: {
            mappingsByIssueTypeOverride: [
              {
                issueTypeId: '10050',
                statusMappings: [
                  { oldStatusId: '1', newStatusId: '501' },
                  { oldStatusId: '3', newStatusId: '504' },
                  { oldStatusId: '7', newStatusId: '506' },
                ],
              },
            ],
          },
        },
      },
    });
    expect(nextStep(gated)).toMatchObject({
      step: { request: { route: 'assignWorkflowScheme', body: { projectId: '10001', workflowSchemeId: '20000' } } },
    });
  });

  it("stops with a reason a team-managed project, a site without the app's rules or fields, and a stripped workflow it cannot version", () => {
    expect(nextStep(fresh({ project: { id: '1', key: 'SOC', name: 'Social', companyManaged: false } }))).toMatchObject({
      kind: 'blocked',
      failure: { code: 'SETUP.TEAM_MANAGED' },
    });
    const withoutQa = Object.fromEntries(Object.entries(RULES).filter(([key]) => key !== 'qa-gate'));
    expect(nextStep(fresh({ issueTypeId: '1', projectHasIssueType: true, forgeRules: withoutQa }))).toMatchObject({
      kind: 'blocked',
      failure: { code: 'SETUP.RULES_UNAVAILABLE', message: expect.stringContaining('qa-gate') },
    });
    expect(nextStep(fresh({ appFieldIds: {} }))).toMatchObject({ kind: 'blocked', failure: { code: 'SETUP.FIELDS_UNAVAILABLE' } });
    const { version: _unreadable, ...unversioned } = stripQaGate(gatedWorkflow());
    expect(nextStep(fresh({ issueTypeId: '1', projectHasIssueType: true, workflow: unversioned }))).toMatchObject({
      kind: 'blocked',
      failure: { code: 'SETUP.WORKFLOW_DRIFT', message: expect.stringContaining('Launch (qa gate)') },
    });
  });

  it('repairs a workflow someone stripped of a gate, or whose Create expression is older than the configuration, changing nothing else', () => {
    const stripped = stripQaGate(gatedWorkflow());
    const otherAppRule = { ruleKey: 'connect:expression-validator', parameters: { key: 'other-app' } };
    const launch = stripped.transitions.find((transition) => transition.name === 'Launch')!;
    const workflow = {
      ...stripped,
      transitions: stripped.transitions.map((transition) =>
        transition === launch ? { ...launch, validators: [otherAppRule], actions: [{ ruleKey: 'system:update-field' }] } : transition,
      ),
    };
    expect(missingGates(workflow)).toEqual(['Launch (qa gate)']);
    const next = nextStep(fresh({ issueTypeId: '1', projectHasIssueType: true, workflow, createRule: rule('issue.dueDate != null') }));
    expect(next).toMatchObject({
      kind: 'step',
      step: { kind: 'repair-workflow', validation: { route: 'validateWorkflowUpdate' }, request: { route: 'updateWorkflows' } },
    });
    if (next.kind !== 'step') return;
    expect(next.step.summary).toContain(
      'put back the gates on Launch (qa gate); write the intake expression of the current configuration on Create',
    );
    const body = next.step.request.body as {
      statuses: unknown[];
      workflows: { id: string; version: unknown; statuses: unknown[]; transitions: Record<string, unknown>[] }[];
    };
    expect(body.statuses).toEqual([{ id: '501', name: 'Intake', statusCategory: 'TODO', statusReference: 's-intake' }]);
    const [sent] = body.workflows;
    expect(sent).toMatchObject({
      id: 'wf',
      version: { id: 'v1', versionNumber: 1 },
      statuses: [{ statusReference: 's-intake', properties: {} }],
    });
    // The other app's rule and the post function stay; the gate is added after them; validatorKeys is not Jira's.
    expect(sent!.transitions.find((transition) => transition['name'] === 'Launch')).toEqual({
      id: '51',
      name: 'Launch',
      type: 'DIRECTED',
      actions: [{ ruleKey: 'system:update-field' }],
      validators: [otherAppRule, { ruleKey: 'forge:expression-validator', parameters: { key: ARI('qa-gate') } }],
    });
    expect(sent!.transitions.find((transition) => transition['type'] === 'INITIAL')?.['validators']).toEqual([
      {
        ruleKey: 'forge:expression-validator',
        parameters: { key: ARI('intake-gate-on-create'), config: JSON.stringify(rule('issue.dueDate != null')) },
      },
    ]);
    // A workflow with every gate and the current expression needs nothing.
    expect(nextStep(fresh({ issueTypeId: '1', projectHasIssueType: true, workflow: gatedWorkflow('true') }))).toMatchObject({
      kind: 'step',
      step: { kind: 'create-workflow-scheme' },
    });
  });

  it('finds every way into a gated stage without its gate, naming the transition and where it goes, and puts the gate on each', () => {
    // As GET /rest/api/3/workflows/search gives it (OpenAPI `WorkflowTransitions`): statuses by reference, a global transition of type GLOBAL.
    const ref = (name: string) => `s-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const withValidators = (keys: readonly string[]) => ({
      validators: keys.map((key) => ({ ruleKey: 'forge:expression-validator', parameters: { key: ARI(key) } })),
      validatorKeys: keys,
    });
    const base = gatedWorkflow();
    const asSetUp = {
      ...base,
      statuses: BLUEPRINT_STATUSES.map((status) => ({ statusReference: ref(status.name), properties: {} })),
      statusDetails: BLUEPRINT_STATUSES.map((status, n) => ({
        id: String(501 + n),
        name: status.name,
        statusCategory: status.category,
        statusReference: ref(status.name),
      })),
      transitions: [
        base.transitions[0]!,
        ...BLUEPRINT_TRANSITIONS.map((transition) => ({
          id: transition.id,
          name: transition.name,
          type: 'DIRECTED',
          toStatusReference: ref(transition.to),
          links: transition.from.map((from) => ({ fromStatusReference: ref(from), fromPort: 0, toPort: 1 })),
          ...withValidators(validatorKeyOf(transition) ? [validatorKeyOf(transition)!] : []),
        })),
      ],
    };
    // The workflow setup makes, rework loops and Resume triage included, lacks nothing.
    expect(missingGates(asSetUp)).toEqual([]);
    const added = (...transitions: Parameters<typeof missingGates>[0]['transitions']) => ({
      ...asSetUp,
      transitions: [...asSetUp.transitions, ...transitions],
    });
    const move = (id: string, name: string, from: readonly string[], to: string, keys: readonly string[] = []) => ({
      id,
      name,
      type: 'DIRECTED',
      toStatusReference: ref(to),
      links: from.map((status) => ({ fromStatusReference: ref(status) })),
      ...withValidators(keys),
    });
    expect(missingGates(added(move('99', 'Fast track', ['Build'], 'Launch')))).toEqual(['"Fast track" from Build to Launch (qa gate)']);
    expect(
      missingGates(added({ id: '98', name: 'Done', type: 'GLOBAL', toStatusReference: ref('Done'), links: [], ...withValidators([]) })),
    ).toEqual(['"Done" from any status to Done (measure gate)']);
    expect(missingGates(added(move('97', 'Launch', ['Build'], 'Launch')))).toEqual(['"Launch" from Build to Launch (qa gate)']);
    const retargeted = {
      ...asSetUp,
      transitions: asSetUp.transitions.map((transition) =>
        transition.name === 'Resume triage' ? { ...transition, toStatusReference: ref('Planning') } : transition,
      ),
    };
    expect(missingGates(retargeted)).toEqual(['"Resume triage" from Waiting to Planning (triage gate)']);
    // A way in that carries the stage's gate, an added move back the blueprint makes ungated, and a move into Intake are fine.
    expect(
      missingGates(
        added(
          move('96', 'Fast track', ['Build'], 'Launch', ['qa-gate']),
          move('95', 'Rework', ['Launch'], 'Build'),
          move('94', 'Restart', ['Triage'], 'Intake'),
        ),
      ),
    ).toEqual([]);
    // An ungated move back from somewhere the blueprint never moves back from is a way past the gate.
    expect(missingGates(added(move('93', 'Reopen', ['Done'], 'Planning')))).toEqual(['"Reopen" from Done to Planning (triage gate)']);

    // Setup puts the stage's gate on each of them, leaving the rest of the workflow as it was.
    const drifted = added(move('99', 'Fast track', ['Build'], 'Launch'), {
      id: '98',
      name: 'Done',
      type: 'GLOBAL',
      toStatusReference: ref('Done'),
      links: [],
      ...withValidators([]),
    });
    const next = nextStep(fresh({ issueTypeId: '1', projectHasIssueType: true, workflow: drifted }));
    expect(next).toMatchObject({ kind: 'step', step: { kind: 'repair-workflow' } });
    if (next.kind !== 'step') return;
    expect(next.step.summary).toContain(
      'put back the gates on "Fast track" from Build to Launch (qa gate), "Done" from any status to Done (measure gate).',
    );
    const sent = (next.step.request.body as { workflows: { transitions: Record<string, unknown>[] }[] }).workflows[0]!.transitions;
    expect(sent.find((transition) => transition['id'] === '99')?.['validators']).toEqual([
      { ruleKey: 'forge:expression-validator', parameters: { key: ARI('qa-gate') } },
    ]);
    expect(sent.find((transition) => transition['id'] === '98')?.['validators']).toEqual([
      { ruleKey: 'forge:expression-validator', parameters: { key: ARI('measure-gate') } },
    ]);
    expect(sent.find((transition) => transition['id'] === '51')?.['validators']).toEqual([
      { ruleKey: 'forge:expression-validator', parameters: { key: ARI('qa-gate') } },
    ]);
    // The audit's set-up check says the same.
    expect(setupDrift(fresh({ issueTypeId: '1', projectHasIssueType: true, workflow: drifted }))).toEqual([
      'gate validator missing on "Fast track" from Build to Launch (qa gate)',
      'gate validator missing on "Done" from any status to Done (measure gate)',
    ]);
  });

  it("keeps the Create rule's configuration, the generated intake expression and its data, under the 32 KB the workflow editor allows", () => {
    const createRule = intakeCreateRule(DEFAULT_CONFIG, {
      successMetric: 'customfield_10056',
      impact: 'customfield_10050',
      risk: 'customfield_10053',
    });
    const next = nextStep(fresh({ issueTypeId: '1', projectHasIssueType: true, createRule }));
    const body =
      next.kind === 'step'
        ? (next.step.request.body as {
            workflows: { transitions: { type: string; validators: { parameters: { config?: string } }[] }[] }[];
          })
        : null;
    const config =
      body?.workflows[0]?.transitions.find((transition) => transition.type === 'INITIAL')?.validators[0]?.parameters.config ?? '';
    expect(JSON.parse(config)).toEqual(createRule);
    expect(new TextEncoder().encode(config).byteLength).toBeLessThan(32 * 1024);
  });

  it("copies an issue type scheme other projects may share, and edits only the project's own copy", () => {
    const steps = planAll(fresh({ issueTypeId: '10050' })).steps;
    expect(steps.find((step) => step.kind === 'create-issue-type-scheme')?.request).toEqual({
      route: 'createIssueTypeScheme',
      body: {
        name: 'Flight Plan: BRD',
        description: 'Brand Studio: "BRD: Issue Type Scheme" with Marketing Request. Set up by the Flight Plan app.',
        issueTypeIds: ['10002', '10050'],
        defaultIssueTypeId: '10002',
      },
    });
    expect(steps.find((step) => step.kind === 'assign-issue-type-scheme')?.request).toEqual({
      route: 'assignIssueTypeScheme',
      body: { issueTypeSchemeId: '(new create-issue-type-scheme)', projectId: '10001' },
    });
    expect(steps.map((step) => step.kind)).not.toContain('add-issue-type-to-scheme');
    // A copy made by an earlier run is assigned, not made again; the project's own copy is edited in place.
    expect(nextStep(fresh({ issueTypeId: '10050', ownIssueTypeSchemeId: '20100' }))).toMatchObject({
      step: { kind: 'assign-issue-type-scheme', request: { body: { issueTypeSchemeId: '20100' } } },
    });
    expect(
      nextStep(fresh({ issueTypeId: '10050', issueTypeScheme: { id: '20100', name: 'Flight Plan: BRD', isDefault: false } })),
    ).toMatchObject({
      step: { kind: 'add-issue-type-to-scheme', request: { route: 'addIssueTypesToScheme', params: { issueTypeSchemeId: '20100' } } },
    });
  });

  it('says each change in words: fields by their names, never an id or a REST path', () => {
    const summaries = planAll(fresh()).steps.map((step) => step.summary);
    expect(summaries.flatMap(codeLikeText)).toEqual([]);
    expect(summaries).toContain('Add the field Success metric to the screen "Flight Plan: Marketing Request".');
    expect(summaries).toContain(
      'In the field configuration "Flight Plan: Marketing Request", mark Description, Due date and Success metric as required, ' +
        'as the intake gate on Create checks them; put a line under Impact, Confidence, Effort and Risk explaining the 1–5 scale.',
    );
  });

  it('puts the triage score and tier on the view screen only, and gives an older screen scheme that view screen', () => {
    const steps = planAll(fresh()).steps;
    const onScreen = (kind: string) =>
      steps.filter((step) => step.kind === kind).map((step) => (step.request.body as { fieldId: string }).fieldId);
    expect(onScreen('add-screen-field')).not.toContain('customfield_6');
    expect(onScreen('add-view-screen-field')).toEqual([
      'summary',
      'description',
      'duedate',
      'assignee',
      'customfield_5',
      'customfield_1',
      'customfield_2',
      'customfield_3',
      'customfield_4',
      'customfield_6',
      'customfield_7',
    ]);
    expect(steps.find((step) => step.kind === 'create-screen-scheme')?.request.body).toMatchObject({
      screens: { default: '(new create-screen)', view: '(new create-view-screen)' },
    });
    // "Nothing to do once set up" and "an older screen scheme gets the view screen" are proved on the sandbox's Jira
    // (test/use-cases/set-up-project.test.ts), not on a state this plan's own fold would build.
  });

  it('needs no scheme step when a new issue type lands in the default scheme', () => {
    const onDefault = fresh({ issueTypeScheme: { id: '10000', name: 'Default Issue Type Scheme', isDefault: true } });
    expect(planAll(onDefault).steps.map((step) => step.kind)).not.toContain('add-issue-type-to-scheme');
    expect(planAll(onDefault).steps.map((step) => step.kind)).not.toContain('create-issue-type-scheme');
  });

  it("marks what the intake gate on Create checks as required, explains the four scores, and keeps the project's other mappings", () => {
    const steps = planAll(fresh()).steps;
    const body = (kind: string) => steps.find((step) => step.kind === kind)?.request.body;
    const items = (
      body('set-field-configuration-items') as { fieldConfigurationItems: { id: string; isRequired?: boolean; description?: string }[] }
    ).fieldConfigurationItems;
    // The intake expression refuses a request without a description, a success metric, a due date or an assignee; a
    // field configuration cannot make Assignee required (the site's "Allow unassigned issues" does), so it is not asked.
    expect(items.filter((item) => item.isRequired === true).map((item) => item.id)).toEqual(['description', 'duedate', 'customfield_5']);
    const described = items.filter((item) => item.description !== undefined);
    expect(described.map((item) => item.id)).toEqual(['customfield_1', 'customfield_2', 'customfield_3', 'customfield_4']);
    for (const item of described) expect(item.description).toMatch(/1 \(.+\) to 5 \(.+\)/);
    // The copy keeps the default mapping of the scheme the project had, and adds the Marketing Request's.
    expect(body('map-field-configuration')).toEqual({
      mappings: [
        { issueTypeId: 'default', fieldConfigurationId: '10000' },
        { issueTypeId: '(new create-issue-type)', fieldConfigurationId: '(new create-field-configuration)' },
      ],
    });
    expect(steps.find((step) => step.kind === 'assign-field-configuration-scheme')?.request).toMatchObject({
      route: 'assignFieldConfigurationScheme',
      body: { fieldConfigurationSchemeId: '(new create-field-configuration-scheme)', projectId: '10001' },
    });
  });

  it("sets only the field items someone changed back, and maps into the project's own scheme without copying again", () => {
    const items = [
      ...['description', 'duedate', 'customfield_5'].map((id) => ({ id, isRequired: true, description: '' })),
      ...planAll(fresh())
        .steps.flatMap((step) =>
          step.kind === 'set-field-configuration-items'
            ? (step.request.body as { fieldConfigurationItems: { id: string; description?: string }[] }).fieldConfigurationItems
            : [],
        )
        .filter((item) => item.description !== undefined)
        .map((item) => ({ id: item.id, isRequired: false, description: item.description ?? '' })),
    ];
    const setUp = fresh({
      issueTypeId: '10050',
      projectHasIssueType: true,
      workflow: gatedWorkflow(),
      workflowScheme: { id: '20', name: 'Flight Plan: BRD', defaultWorkflow: 'jira', issueTypeMappings: { '10050': WORKFLOW.name } },
      fieldConfiguration: { id: '30', items: items.map((item) => (item.id === 'duedate' ? { ...item, isRequired: false } : item)) },
      fieldConfigurationScheme: {
        id: '31',
        name: 'Flight Plan: BRD',
        mappings: [{ issueTypeId: 'default', fieldConfigurationId: '10000' }],
      },
    });
    const steps = planAll(setUp).steps.filter((step) => step.kind.includes('field-configuration'));
    expect(steps.map((step) => [step.kind, step.request.body])).toEqual([
      ['set-field-configuration-items', { fieldConfigurationItems: [{ id: 'duedate', isRequired: true }] }],
      ['map-field-configuration', { mappings: [{ issueTypeId: '10050', fieldConfigurationId: '30' }] }],
    ]);
    const done = fresh({
      ...setUp,
      fieldConfiguration: { id: '30', items },
      fieldConfigurationScheme: { ...setUp.fieldConfigurationScheme, mappings: [{ issueTypeId: '10050', fieldConfigurationId: '30' }] },
    });
    expect(planAll(done).steps.filter((step) => step.kind.includes('field-configuration'))).toEqual([]);
  });
});
