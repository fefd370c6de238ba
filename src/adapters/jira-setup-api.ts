import { z } from 'zod';
import { APP_FIELDS, ownModuleKey, type AppFieldName } from '../domain/app-fields';
import {
  BLUEPRINT_STATUSES,
  ISSUE_TYPE,
  projectSchemeName,
  SCREEN,
  SCREEN_SCHEME,
  VIEW_SCREEN,
  WORKFLOW,
} from '../domain/project-setup/blueprint';
import type { ScreenState, SetupSnapshot } from '../domain/project-setup/snapshot';
import type { SetupRoute } from '../domain/project-setup/steps';
import { ok, type Result } from '../domain/result';
import type { JiraCall, JiraClient } from './jira-client';
import type { JiraRouteName } from '../contracts/jira-routes';
import type { JiraFailure } from '../use-cases/jira-port';
import type { SetupApi } from '../use-cases/setup-port';
import { scalarText } from '../contracts/scalar-text';

/** Every route the domain's plan names is one the client knows: checked here, at compile time. */
const SETUP_ROUTES: Readonly<Record<SetupRoute, JiraRouteName>> = {
  createIssueType: 'createIssueType',
  addIssueTypesToScheme: 'addIssueTypesToScheme',
  createIssueTypeScheme: 'createIssueTypeScheme',
  assignIssueTypeScheme: 'assignIssueTypeScheme',
  validateWorkflowCreate: 'validateWorkflowCreate',
  createWorkflows: 'createWorkflows',
  validateWorkflowUpdate: 'validateWorkflowUpdate',
  updateWorkflows: 'updateWorkflows',
  createWorkflowScheme: 'createWorkflowScheme',
  assignWorkflowScheme: 'assignWorkflowScheme',
  switchWorkflowScheme: 'switchWorkflowScheme',
  createScreen: 'createScreen',
  addScreenTabField: 'addScreenTabField',
  createScreenScheme: 'createScreenScheme',
  updateScreenScheme: 'updateScreenScheme',
  createIssueTypeScreenScheme: 'createIssueTypeScreenScheme',
  addIssueTypeScreenSchemeMappings: 'addIssueTypeScreenSchemeMappings',
  assignIssueTypeScreenScheme: 'assignIssueTypeScreenScheme',
};

const id = z.union([z.string(), z.number()]).transform(String);
const page = <T extends z.ZodType>(item: T) =>
  z.object({ values: z.array(item).default([]), isLast: z.boolean().optional(), total: z.number().optional() }).loose();

const issueTypeSchema = z.object({ id: z.string(), name: z.string(), scope: z.unknown().optional() }).loose();
const projectSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    style: z.string().optional(),
    simplified: z.boolean().optional(),
    issueTypes: z.array(issueTypeSchema).default([]),
  })
  .loose();
const fieldSchema = z.object({ id: z.string(), schema: z.object({ custom: z.string().optional() }).loose().optional() }).loose();
const statusSchema = z.object({ id: z.string(), name: z.string(), scope: z.object({ type: z.string() }).loose().optional() }).loose();
const ruleSchema = z.object({ ruleKey: z.string(), parameters: z.record(z.string(), z.unknown()).nullish() }).loose();
const workflowStatusSchema = z
  .object({ id: z.string(), name: z.string(), statusReference: z.string(), statusCategory: z.enum(['TODO', 'IN_PROGRESS', 'DONE']) })
  .loose();
const workflowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    version: z.object({ id: z.string().optional(), versionNumber: z.number().optional() }).loose().optional(),
    statuses: z.array(z.object({ statusReference: z.string() }).loose()).default([]),
    transitions: z
      .array(z.object({ id: id, name: z.string(), type: z.string().optional(), validators: z.array(ruleSchema).nullish() }).loose())
      .default([]),
  })
  .loose();
const capabilitiesSchema = z
  .object({ forgeRules: z.array(z.object({ ruleKey: z.string(), ruleType: z.string().optional(), id: z.string() }).loose()).default([]) })
  .loose();
/**
 * Jira gives the Default Workflow Scheme no id: "If the project is associated with the Default
 * Workflow Scheme no ID is returned" (OpenAPI, GET /rest/api/3/workflowscheme/project).
 */
const workflowSchemeSchema = z
  .object({
    id: id.optional(),
    name: z.string(),
    defaultWorkflow: z.string().default('jira'),
    issueTypeMappings: z.record(z.string(), z.string()).default({}),
  })
  .loose();
const namedSchema = z.object({ id: id, name: z.string() }).loose();
/** What a create answers: its id, which the issue type scheme names `issueTypeSchemeId` (OpenAPI `IssueTypeSchemeID`). */
const createdSchema = z.union([
  z
    .object({ id: id })
    .loose()
    .transform((created) => created.id),
  z
    .object({ issueTypeSchemeId: id })
    .loose()
    .transform((created) => created.issueTypeSchemeId),
]);
/** A screen scheme with the screens it uses; `view` only when it has a view screen of its own. */
const screenSchemeSchema = namedSchema.extend({ screens: z.object({ view: id.optional() }).loose().optional() });
const workflowsCreatedSchema = z.object({ workflows: z.array(z.object({ id: z.string() }).loose()).default([]) }).loose();
const validationSchema = z
  .object({ errors: z.array(z.object({ message: z.string(), level: z.string().optional() }).loose()).default([]) })
  .loose();
/** Jira's long-running task (`TaskProgressBeanObject`): `status` is one of the spec's values. */
const taskSchema = z
  .object({
    id: z.string(),
    status: z.enum(['ENQUEUED', 'RUNNING', 'COMPLETE', 'FAILED', 'CANCEL_REQUESTED', 'CANCELLED', 'DEAD']),
    message: z.string().optional(),
  })
  .loose();
type Task = z.infer<typeof taskSchema>;
const taskEnded = (task: Task): boolean =>
  task.status === 'COMPLETE' || task.status === 'FAILED' || task.status === 'CANCELLED' || task.status === 'DEAD';

/**
 * Waits between polls of a workflow scheme switch task: about 7 s in all, so a run that switches
 * still ends well inside a resolver's 25 s. A switch that takes longer is reported as still
 * running, and the next run finds it done (or Jira answers its switch with 409 while it runs).
 */
export const TASK_POLL_DELAYS_MS: readonly number[] = [250, 500, 1_000, 2_000, 3_000];
const analysisSchema = z
  .object({
    results: z.array(
      z
        .object({
          expression: z.string(),
          valid: z.boolean(),
          errors: z
            .array(z.object({ message: z.string(), line: z.number().optional(), column: z.number().optional() }).loose())
            .default([]),
        })
        .loose(),
    ),
  })
  .loose();

/** How many pages setup reads of a list before it stops: a site with more than this is not one we plan for. */
const MAX_PAGES = 20;

/** `sleep` waits between polls of a Jira task. */
export const createSetupApi = (client: JiraClient, sleep: (ms: number) => Promise<void>): SetupApi => {
  let sent = 0;
  const call = <T>(route: JiraRouteName, options: Omit<JiraCall<T>, 'route'>): Promise<Result<T, JiraFailure>> => {
    sent++;
    return client.call({ route, ...options });
  };

  /** Reads every page of a `startAt` list. */
  const allPages = async <T>(
    route: JiraRouteName,
    query: Record<string, string>,
    item: z.ZodType<T>,
  ): Promise<Result<T[], JiraFailure>> => {
    const values: T[] = [];
    for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
      const answer = await call(route, { query: { ...query, startAt: String(values.length) }, response: page(item) });
      if (!answer.ok) return answer;
      values.push(...answer.value.values);
      if (answer.value.isLast !== false || answer.value.values.length === 0) break;
    }
    return ok(values);
  };

  /** A screen's first tab and the fields on it; null when there is no screen (or, oddly, no tab). */
  const readScreen = async (screen: z.infer<typeof namedSchema> | undefined): Promise<Result<ScreenState | null, JiraFailure>> => {
    if (screen === undefined) return ok(null);
    const tabs = await call('getScreenTabs', { params: { screenId: screen.id }, response: z.array(namedSchema) });
    if (!tabs.ok) return tabs;
    const tab = tabs.value[0];
    if (tab === undefined) return ok(null);
    const onTab = await call('getScreenTabFields', {
      params: { screenId: screen.id, tabId: tab.id },
      response: z.array(z.object({ id: z.string() }).loose()),
    });
    return onTab.ok ? ok({ id: screen.id, tabId: tab.id, fieldIds: onTab.value.map((field) => field.id) }) : onTab;
  };

  /** The first item named exactly `name` in a `queryString` search. */
  const findByName = async (route: JiraRouteName, name: string): Promise<Result<z.infer<typeof namedSchema> | null, JiraFailure>> => {
    const found = await allPages(route, { queryString: name }, namedSchema);
    return found.ok ? ok(found.value.find((candidate) => candidate.name === name) ?? null) : found;
  };

  return {
    requests: () => sent,

    async analyseExpression(expression, contextVariables) {
      const answer = await call('analyseExpression', {
        query: { check: 'type' },
        body: { expressions: [expression], contextVariables },
        response: analysisSchema,
      });
      if (!answer.ok) return answer;
      const errors = answer.value.results.flatMap((result) => result.errors);
      return ok(
        errors.map((error) =>
          error.line === undefined ? error.message : `${error.message} (line ${error.line}, column ${error.column ?? 1})`,
        ),
      );
    },

    async readSnapshot(projectKey, install) {
      const project = await call('getProject', { params: { projectIdOrKey: projectKey }, response: projectSchema });
      if (!project.ok) return project;
      const projectId = project.value.id;
      const companyManaged = project.value.simplified !== true && project.value.style !== 'next-gen';

      const projectTypes = project.value.issueTypes;
      // Jira names a workflow's capabilities by a project and issue type pair; the app's rules are
      // the same for every issue type of a company-managed project, so any of the project's will do.
      const anyTypeId = projectTypes.find((type) => type.name === ISSUE_TYPE.name)?.id ?? projectTypes[0]?.id;
      const [fields, issueTypes, typeSchemes, statuses, capabilities] = await Promise.all([
        call('getFields', { response: z.array(fieldSchema) }),
        call('getIssueTypes', { response: z.array(issueTypeSchema) }),
        call('getProjectIssueTypeSchemes', {
          query: { projectId },
          response: page(
            z
              .object({
                issueTypeScheme: z
                  .object({ id: id, name: z.string(), isDefault: z.boolean().optional(), defaultIssueTypeId: z.string().optional() })
                  .loose(),
              })
              .loose(),
          ),
        }),
        allPages('searchStatuses', { maxResults: '200' }, statusSchema),
        call('getWorkflowCapabilities', {
          query: { projectId, ...(anyTypeId === undefined ? {} : { issueTypeId: anyTypeId }) },
          response: capabilitiesSchema,
        }),
      ]);
      if (!fields.ok) return fields;
      if (!issueTypes.ok) return issueTypes;
      if (!typeSchemes.ok) return typeSchemes;
      if (!statuses.ok) return statuses;
      if (!capabilities.ok) return capabilities;

      const appFieldIds: Partial<Record<AppFieldName, string>> = {};
      for (const [name, key] of Object.entries(APP_FIELDS) as [AppFieldName, string][]) {
        const field = fields.value.find((candidate) => ownModuleKey(candidate.schema?.custom ?? '', install) === key);
        if (field) appFieldIds[name] = field.id;
      }
      const issueType = issueTypes.value.find((candidate) => candidate.name === ISSUE_TYPE.name && candidate.scope === undefined) ?? null;
      const wantedStatuses = new Set(BLUEPRINT_STATUSES.map((status) => status.name.toLowerCase()));
      const globalStatuses = Object.fromEntries(
        statuses.value
          .filter((status) => (status.scope?.type ?? 'GLOBAL') === 'GLOBAL' && wantedStatuses.has(status.name.toLowerCase()))
          .map((status) => [status.name.toLowerCase(), status.id]),
      );
      const forgeRules = Object.fromEntries(
        capabilities.value.forgeRules.flatMap((rule) => {
          const key = ownModuleKey(rule.id, install);
          return key === null ? [] : [[key, { ruleKey: rule.ruleKey, id: rule.id }]];
        }),
      );
      const typeScheme = typeSchemes.value.values[0]?.issueTypeScheme;

      const [workflows, workflowSchemes, screens, screenSchemeMatches, screenSchemes] = await Promise.all([
        call('searchWorkflows', {
          query: { queryString: WORKFLOW.name, expand: 'values.transitions' },
          response: page(workflowSchema).extend({ statuses: z.array(workflowStatusSchema).default([]) }),
        }),
        call('getProjectWorkflowSchemes', {
          query: { projectId },
          response: z.object({ values: z.array(z.object({ workflowScheme: workflowSchemeSchema }).loose()).default([]) }).loose(),
        }),
        // One search finds both screens: the view screen's name starts with the other's.
        allPages('searchScreens', { queryString: SCREEN.name }, namedSchema),
        allPages('searchScreenSchemes', { queryString: SCREEN_SCHEME.name }, screenSchemeSchema),
        call('getProjectIssueTypeScreenSchemes', {
          query: { projectId },
          response: page(z.object({ issueTypeScreenScheme: namedSchema }).loose()),
        }),
      ]);
      if (!workflows.ok) return workflows;
      if (!workflowSchemes.ok) return workflowSchemes;
      if (!screens.ok) return screens;
      if (!screenSchemeMatches.ok) return screenSchemeMatches;
      const screenScheme = screenSchemeMatches.value.find((candidate) => candidate.name === SCREEN_SCHEME.name) ?? null;
      if (!screenSchemes.ok) return screenSchemes;

      const rulesByAri = new Map(Object.entries(forgeRules).map(([key, rule]) => [rule.id, key]));
      const workflow = workflows.value.values.find((candidate) => candidate.name === WORKFLOW.name);
      const workflowScheme = workflowSchemes.value.values[0]?.workflowScheme ?? {
        id: undefined,
        name: 'Default Workflow Scheme',
        defaultWorkflow: 'jira',
        issueTypeMappings: {},
      };
      const ownName = projectSchemeName(project.value.key);
      const typeScreenScheme = screenSchemes.value.values[0]?.issueTypeScreenScheme ?? {
        id: '1',
        name: 'Default Issue Type Screen Scheme',
      };

      // Only what the plan will need next is read: a set-up project stops here.
      let ownWorkflowSchemeId: string | null = null;
      let projectHasIssues = false;
      let currentTypeStatuses: SetupSnapshot['currentTypeStatuses'] = [];
      if (issueType === null || workflowScheme.issueTypeMappings[issueType.id] !== WORKFLOW.name) {
        const schemes = await allPages('listWorkflowSchemes', { maxResults: '50' }, workflowSchemeSchema);
        if (!schemes.ok) return schemes;
        ownWorkflowSchemeId =
          workflowScheme.name === ownName ? null : (schemes.value.find((scheme) => scheme.name === ownName)?.id ?? null);
        const issues = await call('searchJql', {
          body: { jql: `project = ${projectId}`, maxResults: 1, fields: ['id'] },
          response: z.object({ issues: z.array(z.unknown()).default([]) }).loose(),
        });
        if (!issues.ok) return issues;
        projectHasIssues = issues.value.issues.length > 0;
        if (projectHasIssues) {
          const current =
            issueType === null
              ? workflowScheme.defaultWorkflow
              : (workflowScheme.issueTypeMappings[issueType.id] ?? workflowScheme.defaultWorkflow);
          const found = await call('searchWorkflows', {
            query: { queryString: current },
            response: page(workflowSchema).extend({ statuses: z.array(workflowStatusSchema).default([]) }),
          });
          if (!found.ok) return found;
          const workflow = found.value.values.find((candidate) => candidate.name === current);
          const used = new Set((workflow?.statuses ?? []).map((status) => status.statusReference));
          currentTypeStatuses = found.value.statuses
            .filter((status) => used.has(status.statusReference) || used.has(status.id))
            .map(({ id, name, statusCategory }) => ({ id, name, category: statusCategory }));
        }
      }
      const screenNamed = (name: string) => screens.value.find((candidate) => candidate.name === name);
      const [screenState, viewScreenState] = await Promise.all([
        readScreen(screenNamed(SCREEN.name)),
        readScreen(screenNamed(VIEW_SCREEN.name)),
      ]);
      if (!screenState.ok) return screenState;
      if (!viewScreenState.ok) return viewScreenState;
      const projectHasIssueType = issueType !== null && projectTypes.some((candidate) => candidate.id === issueType.id);
      let ownIssueTypeSchemeId: string | null = null;
      if (!projectHasIssueType && typeScheme !== undefined && !typeScheme.isDefault && typeScheme.name !== ownName) {
        const own = await findByName('searchIssueTypeSchemes', ownName);
        if (!own.ok) return own;
        ownIssueTypeSchemeId = own.value?.id ?? null;
      }
      const mappings = await allPages(
        'getIssueTypeScreenSchemeMappings',
        { issueTypeScreenSchemeId: typeScreenScheme.id },
        z.object({ issueTypeId: z.string(), screenSchemeId: z.string() }).loose(),
      );
      if (!mappings.ok) return mappings;
      let ownIssueTypeScreenSchemeId: string | null = null;
      const screenSchemeMapped =
        issueType !== null &&
        screenScheme !== null &&
        mappings.value.some((mapping) => mapping.issueTypeId === issueType.id && mapping.screenSchemeId === screenScheme.id);
      if (!screenSchemeMapped && typeScreenScheme.name !== ownName) {
        const own = await findByName('searchIssueTypeScreenSchemes', ownName);
        if (!own.ok) return own;
        ownIssueTypeScreenSchemeId = own.value?.id ?? null;
      }

      return ok({
        project: { id: projectId, key: project.value.key, name: project.value.name, companyManaged },
        statuses: globalStatuses,
        issueTypeId: issueType?.id ?? null,
        projectHasIssueType,
        issueTypeScheme: {
          id: typeScheme?.id ?? '10000',
          name: typeScheme?.name ?? 'Default Issue Type Scheme',
          isDefault: typeScheme?.isDefault ?? typeScheme === undefined,
          ...(typeScheme?.defaultIssueTypeId === undefined ? {} : { defaultIssueTypeId: typeScheme.defaultIssueTypeId }),
        },
        projectIssueTypeIds: projectTypes.map((type) => type.id),
        ownIssueTypeSchemeId,
        workflow:
          workflow === undefined
            ? null
            : {
                id: workflow.id,
                ...(workflow.version ? { version: workflow.version } : {}),
                ...(workflow.description === undefined ? {} : { description: workflow.description }),
                statuses: workflow.statuses,
                statusDetails: workflows.value.statuses
                  .filter((status) => workflow.statuses.some((layout) => layout.statusReference === status.statusReference))
                  .map(({ id, name, statusCategory, statusReference }) => ({ id, name, statusCategory, statusReference })),
                transitions: workflow.transitions.map((transition) => ({
                  ...transition,
                  validatorKeys: (transition.validators ?? []).flatMap((rule) => {
                    const key = rulesByAri.get(scalarText(rule.parameters?.['key'], ''));
                    return key === undefined ? [] : [key];
                  }),
                })),
              },
        forgeRules,
        workflowScheme: {
          id: workflowScheme.id ?? null,
          name: workflowScheme.name,
          defaultWorkflow: workflowScheme.defaultWorkflow,
          issueTypeMappings: workflowScheme.issueTypeMappings,
        },
        ownWorkflowSchemeId,
        projectHasIssues,
        currentTypeStatuses,
        screen: screenState.value,
        viewScreen: viewScreenState.value,
        screenSchemeId: screenScheme?.id ?? null,
        screenSchemeViewId: screenScheme?.screens?.view ?? null,
        issueTypeScreenScheme: {
          id: typeScreenScheme.id,
          name: typeScreenScheme.name,
          mappings: mappings.value.map((mapping) => ({ issueTypeId: mapping.issueTypeId, screenSchemeId: mapping.screenSchemeId })),
        },
        ownIssueTypeScreenSchemeId,
        appFieldIds,
      });
    },

    async send(step) {
      if (step.validation !== undefined) {
        const checked = await call(SETUP_ROUTES[step.validation.route], {
          body: step.validation.body,
          ...(step.validation.params ? { params: step.validation.params } : {}),
          response: validationSchema,
        });
        if (!checked.ok) return checked;
        const errors = checked.value.errors.filter((problem) => problem.level !== 'WARNING').map((problem) => problem.message);
        if (errors.length > 0) return ok({ createdId: null, problems: errors });
      }
      const { request } = step;
      const route = SETUP_ROUTES[request.route];
      const params = request.params ? { params: request.params } : {};
      if (request.route === 'createWorkflows' || request.route === 'updateWorkflows') {
        const created = await call(route, { ...params, body: request.body, response: workflowsCreatedSchema });
        return created.ok ? ok({ createdId: created.value.workflows[0]?.id ?? null, problems: [] }) : created;
      }
      if (request.route === 'switchWorkflowScheme') {
        // Jira answers 303 See Other with the task it started (OpenAPI); whether Forge's fetch follows the
        // redirect to the task is not documented, and either way the answer is the task.
        const started = await call(route, { ...params, body: request.body, response: taskSchema });
        if (!started.ok) {
          // "409: Returned if another workflow scheme switch task is already running" (OpenAPI).
          return started.error.status === 409 ? ok({ createdId: null, problems: [], stillRunning: true }) : started;
        }
        let task = started.value;
        for (const delay of TASK_POLL_DELAYS_MS) {
          if (taskEnded(task)) break;
          await sleep(delay);
          const polled = await call('getTask', { params: { taskId: task.id }, response: taskSchema });
          if (!polled.ok) return polled;
          task = polled.value;
        }
        if (!taskEnded(task)) return ok({ createdId: null, problems: [], stillRunning: true });
        if (task.status === 'COMPLETE') return ok({ createdId: null, problems: [] });
        const outcome = task.status === 'FAILED' ? 'failed' : 'was cancelled';
        return ok({ createdId: null, problems: [`Jira's workflow scheme switch ${outcome}${task.message ? `: ${task.message}` : ''}`] });
      }
      const created = await call(route, { ...params, body: request.body, response: z.union([createdSchema, z.undefined()]) });
      return created.ok ? ok({ createdId: created.value ?? null, problems: [] }) : created;
    },
  };
};
