import { z } from 'zod';
import type { SetupRoute } from '../domain/project-setup/steps';
import { ok, type Result } from '../domain/result';
import type { JiraCall, JiraClient } from './jira-client';
import type { JiraRouteName } from '../contracts/jira-routes';
import type { JiraFailure } from '../use-cases/jira-port';
import type { SetupApi } from '../use-cases/setup-port';
import { jiraIdSchema, readSetupSnapshot } from './jira-setup-snapshot';

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
  createFieldConfiguration: 'createFieldConfiguration',
  updateFieldConfigurationItems: 'updateFieldConfigurationItems',
  createFieldConfigurationScheme: 'createFieldConfigurationScheme',
  setFieldConfigurationSchemeMapping: 'setFieldConfigurationSchemeMapping',
  assignFieldConfigurationScheme: 'assignFieldConfigurationScheme',
};

/** What a create answers: its id, which the issue type scheme names `issueTypeSchemeId` (OpenAPI `IssueTypeSchemeID`). */
const createdSchema = z.union([
  z
    .object({ id: jiraIdSchema })
    .loose()
    .transform((created) => created.id),
  z
    .object({ issueTypeSchemeId: jiraIdSchema })
    .loose()
    .transform((created) => created.issueTypeSchemeId),
]);
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
const TASK_POLL_DELAYS_MS: readonly number[] = [250, 500, 1_000, 2_000, 3_000];
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

/** `sleep` waits between polls of a Jira task. */
export const createSetupApi = (client: JiraClient, sleep: (ms: number) => Promise<void>): SetupApi => {
  let sent = 0;
  const call = <T>(route: JiraRouteName, options: Omit<JiraCall<T>, 'route'>): Promise<Result<T, JiraFailure>> => {
    sent++;
    return client.call({ route, ...options });
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

    readSnapshot: (projectKey, install) => readSetupSnapshot(call, projectKey, install),

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
