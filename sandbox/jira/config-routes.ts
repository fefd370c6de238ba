import { FIELDS, SITE } from '../catalogue';
import { FIELD_CONFIGURATION_ROUTES, handleFieldConfigurationRoute, paged } from './field-configuration-routes';
import type { SiteFaults } from './faults';
import type { StoredIssue } from './site-state';
import {
  ConfigView,
  DEFAULT_WORKFLOW,
  type ConfigProject,
  type ConfigRule,
  type ConfigTransition,
  type ConfigWorkflow,
  type SiteConfig,
  type StatusCategory,
} from './site-config';
import { present } from '../../src/domain/present';
import { scalarText } from '../../src/contracts/scalar-text';

/** A Forge workflow rule the site offers, as `GET /workflows/capabilities` lists it. */
export interface ForgeRule {
  readonly ruleKey: string;
  readonly ruleType: 'Validator' | 'Condition' | 'Function';
  readonly name: string;
  readonly description: string;
  /** The module's extension ARI: `ari:cloud:ecosystem::extension/<app>/<env>/static/<key>`. */
  readonly id: string;
}

interface ConfigResponse {
  readonly status: number;
  readonly body?: unknown;
}

/** The configuration routes the sandbox answers, `{}` standing for a path parameter. */
export const CONFIG_ROUTES: readonly string[] = [
  'GET issuetypescheme',
  'POST issuetypescheme',
  'GET issuetypescheme/project',
  'PUT issuetypescheme/project',
  'PUT issuetypescheme/{}/issuetype',
  'POST issuetype',
  'GET statuses/search',
  'GET workflows/search',
  'GET workflows/capabilities',
  'POST workflows/create/validation',
  'POST workflows/create',
  'POST workflows/update/validation',
  'POST workflows/update',
  'GET workflowscheme',
  'POST workflowscheme',
  'GET workflowscheme/project',
  'PUT workflowscheme/project',
  'POST workflowscheme/project/switch',
  'GET task/{}',
  'GET screens',
  'POST screens',
  'GET screens/{}/tabs',
  'GET screens/{}/tabs/{}/fields',
  'POST screens/{}/tabs/{}/fields',
  'GET screenscheme',
  'POST screenscheme',
  'PUT screenscheme/{}',
  'GET issuetypescreenscheme',
  'POST issuetypescreenscheme',
  'GET issuetypescreenscheme/project',
  'PUT issuetypescreenscheme/project',
  'GET issuetypescreenscheme/mapping',
  'PUT issuetypescreenscheme/{}/mapping',
  ...FIELD_CONFIGURATION_ROUTES,
];

const BASE = `${SITE.baseUrl}/rest/api/3`;

const error = (status: number, messages: readonly string[], errors: Record<string, string> = {}): ConfigResponse => ({
  status,
  body: { errorMessages: [...messages], errors },
});

const byQuery = <T extends { name: string }>(url: URL, all: readonly T[]): T[] => {
  const query = (url.searchParams.get('queryString') ?? '').toLowerCase();
  return all.filter((item) => item.name.toLowerCase().includes(query));
};

interface SwitchTask {
  readonly id: string;
  readonly projectId: string;
  readonly submitted: number;
  pollsLeft: number;
  readonly failure: string | null;
  finished: boolean;
  readonly apply: () => void;
}

interface StatusOverride {
  readonly issueTypeId?: string;
  readonly statusMappings?: readonly { readonly oldStatusId?: string; readonly newStatusId?: string }[];
}

interface WorkflowPayload {
  readonly scope?: { readonly type?: string };
  readonly statuses?: readonly {
    readonly id?: string;
    readonly name: string;
    readonly statusCategory: StatusCategory;
    readonly statusReference: string;
  }[];
  readonly workflows?: readonly {
    /** Updates name the workflow by id and the version they read; creates by a new name. */
    readonly id?: string;
    readonly version?: { readonly versionNumber?: number };
    readonly name?: string;
    readonly description?: string;
    readonly statuses: readonly { readonly statusReference: string }[];
    readonly transitions: readonly {
      readonly id?: string;
      readonly name?: string;
      readonly type?: ConfigTransition['type'];
      readonly toStatusReference?: string;
      readonly links?: readonly { readonly fromStatusReference?: string }[];
      readonly validators?: readonly ConfigRule[];
    }[];
  }[];
}

/**
 * Jira's configuration REST routes over the site's `SiteConfig`: only what a Jira admin may do,
 * with Jira's checks (unique names, known references, one initial transition, rules the site offers).
 */
export class ConfigRoutes {
  constructor(
    private readonly config: SiteConfig,
    private readonly nextId: () => string,
    private readonly forgeRules: () => readonly ForgeRule[],
    private readonly changed: () => void,
    /** A project's issues: a scheme is assigned outright only to an empty project, and a switch moves their statuses. */
    private readonly issuesOf: (projectId: string) => StoredIssue[],
    private readonly faults: SiteFaults,
  ) {
    this.view = new ConfigView(config);
  }

  private readonly view: ConfigView;
  /** Jira's long-running tasks (workflow scheme switches), by id: each finishes after the polls `faults` says. */
  private readonly tasks = new Map<string, SwitchTask>();

  handle(route: string, segments: readonly string[], url: URL, body: Record<string, unknown>): ConfigResponse {
    const project = () => this.view.project(url.searchParams.get('projectId') ?? scalarText(body['projectId'], ''));
    const classicProject = (): ConfigResponse | null => {
      const found = project();
      if (found === undefined) return error(404, ['The project was not found.']);
      return found.simplified ? error(400, ['Only classic projects can have schemes assigned.']) : null;
    };
    switch (route) {
      case 'POST issuetype': {
        const name = scalarText(body['name'], '').trim();
        if (name === '' || name.length > 60) return error(400, [], { name: 'The issue type name must be 1 to 60 characters.' });
        if (this.view.issueType(name)) return error(409, [`An issue type with the name '${name}' already exists.`]);
        const created = {
          id: this.nextId(),
          name,
          description: scalarText(body['description'], ''),
          hierarchyLevel: Number(body['hierarchyLevel'] ?? 0),
        };
        this.config.issueTypes.push(created);
        this.changed();
        return { status: 201, body: this.view.issueTypeJson(created) };
      }
      // Each paged list's page size is the spec's default for its route (see `paged`).
      case 'GET issuetypescheme':
        return {
          status: 200,
          body: paged(
            url,
            byQuery(url, this.config.issueTypeSchemes).map((scheme) => this.issueTypeSchemeJson(scheme)),
            50,
          ),
        };
      case 'POST issuetypescheme': {
        const name = scalarText(body['name'], '').trim();
        const ids = (body['issueTypeIds'] ?? []) as string[];
        const defaultIssueTypeId = body['defaultIssueTypeId'] === undefined ? undefined : scalarText(body['defaultIssueTypeId']);
        if (name === '' || name.length > 255) return error(400, [], { name: 'The issue type scheme name must be 1 to 255 characters.' });
        // "409: Returned if the scheme name is used by another scheme" (OpenAPI).
        if (this.config.issueTypeSchemes.some((scheme) => scheme.name === name))
          return error(409, [`An issue type scheme with the name '${name}' already exists.`]);
        const unknown = ids.find((typeId) => this.view.issueType(typeId) === undefined);
        if (unknown !== undefined || ids.length === 0)
          return error(400, [
            unknown === undefined ? 'At least one standard issue type is required.' : `The issue type ${unknown} was not found.`,
          ]);
        if (defaultIssueTypeId !== undefined && !ids.includes(defaultIssueTypeId))
          return error(400, ["The default issue type must be one of the scheme's issue types."]);
        const scheme = {
          id: this.nextId(),
          name,
          isDefault: false,
          issueTypeIds: [...new Set(ids)],
          ...(defaultIssueTypeId === undefined ? {} : { defaultIssueTypeId }),
        };
        this.config.issueTypeSchemes.push(scheme);
        this.changed();
        return { status: 201, body: { issueTypeSchemeId: scheme.id } };
      }
      case 'GET issuetypescheme/project': {
        const values = this.schemesOfProjects(
          url,
          this.config.issueTypeSchemes,
          (candidate) => candidate.issueTypeSchemeId,
          (scheme, projectIds) => ({
            issueTypeScheme: this.issueTypeSchemeJson(scheme),
            projectIds,
          }),
        );
        return { status: 200, body: paged(url, values, 50) };
      }
      case 'PUT issuetypescheme/project': {
        const refused = classicProject();
        if (refused) return refused;
        const scheme = this.config.issueTypeSchemes.find((candidate) => candidate.id === scalarText(body['issueTypeSchemeId'], ''));
        if (scheme === undefined) return error(404, ['The issue type scheme was not found.']);
        const target = present(project());
        // "If any issues in the project are assigned issue types not present in the new scheme, the operation will fail" (OpenAPI).
        const stranded = this.issuesOf(target.id).find((issue) => !scheme.isDefault && !scheme.issueTypeIds.includes(issue.issueTypeId));
        if (stranded !== undefined)
          return error(400, [`Issues of type ${stranded.issueTypeId} in the project would have no issue type in the scheme.`]);
        target.issueTypeSchemeId = scheme.id;
        this.changed();
        return { status: 204 };
      }
      case 'PUT issuetypescheme/{}/issuetype': {
        const scheme = this.config.issueTypeSchemes.find((candidate) => candidate.id === segments[1]);
        if (scheme === undefined) return error(404, ['The issue type scheme was not found.']);
        const ids = (body['issueTypeIds'] ?? []) as string[];
        const unknown = ids.find((id) => this.view.issueType(id) === undefined);
        if (unknown !== undefined) return error(404, [`The issue type ${unknown} was not found.`]);
        if (scheme.isDefault) return error(400, ['Issue types cannot be added to the default issue type scheme.']);
        scheme.issueTypeIds.push(...ids.filter((id) => !scheme.issueTypeIds.includes(id)));
        this.changed();
        return { status: 204 };
      }
      case 'GET statuses/search': {
        const search = (url.searchParams.get('searchString') ?? '').toLowerCase();
        const values = this.config.statuses
          .filter((status) => status.name.toLowerCase().includes(search))
          .map((status) => ({
            id: status.id,
            name: status.name,
            description: '',
            statusCategory: status.category,
            scope: { type: 'GLOBAL' },
          }));
        return { status: 200, body: paged(url, values, 200) };
      }
      case 'GET workflows/search': {
        const query = (url.searchParams.get('queryString') ?? '').toLowerCase();
        const found = this.config.workflows.filter((workflow) => workflow.name.toLowerCase().includes(query));
        // The spec gives this route no default page size; 50, as most configuration routes.
        const page = paged(url, found, 50);
        const statuses = [...new Set(page.values.flatMap((workflow) => workflow.statusIds))].map((id) => this.workflowStatusJson(id));
        return { status: 200, body: { ...page, values: page.values.map((workflow) => this.workflowJson(workflow)), statuses } };
      }
      case 'GET workflows/capabilities':
        // Jira needs a workflow id, or a project and issue type pair.
        if (!url.searchParams.has('workflowId') && !(project() && url.searchParams.has('issueTypeId')))
          return error(400, ['Specify a workflowId, or a projectId and an issueTypeId.']);
        return {
          status: 200,
          body: {
            editorScope: 'GLOBAL',
            projectTypes: ['business'],
            systemRules: [],
            connectRules: [],
            triggerRules: [],
            forgeRules: this.forgeRules(),
          },
        };
      case 'POST workflows/create/validation':
      case 'POST workflows/update/validation': {
        const payload = (body['payload'] ?? {}) as WorkflowPayload;
        const mode = route === 'POST workflows/create/validation' ? 'create' : 'update';
        return {
          status: 200,
          body: {
            errors: this.workflowProblems(payload, mode).map((message) => ({ code: 'INVALID', level: 'ERROR', type: 'WORKFLOW', message })),
          },
        };
      }
      case 'POST workflows/create':
        return this.saveWorkflows(body, 'create');
      case 'POST workflows/update':
        return this.saveWorkflows(body, 'update');
      case 'GET workflowscheme':
        return {
          status: 200,
          body: paged(
            url,
            this.config.workflowSchemes.map((scheme) => this.workflowSchemeJson(scheme)),
            50,
          ),
        };
      case 'POST workflowscheme': {
        const name = scalarText(body['name'], '');
        if (name === '' || this.config.workflowSchemes.some((scheme) => scheme.name === name))
          return error(400, [`A workflow scheme with the name '${name}' already exists.`]);
        const mappings = (body['issueTypeMappings'] ?? {}) as Record<string, string>;
        const defaultWorkflow = scalarText(body['defaultWorkflow'], DEFAULT_WORKFLOW);
        const unknown = [defaultWorkflow, ...Object.values(mappings)].find(
          (workflow) => !this.config.workflows.some((candidate) => candidate.name === workflow),
        );
        if (unknown !== undefined) return error(400, [`The workflow '${unknown}' does not exist.`]);
        const scheme = {
          id: this.nextId(),
          name,
          description: scalarText(body['description'], ''),
          defaultWorkflow,
          issueTypeMappings: { ...mappings },
        };
        this.config.workflowSchemes.push(scheme);
        this.changed();
        return { status: 201, body: this.workflowSchemeJson(scheme) };
      }
      case 'GET workflowscheme/project': {
        const values = this.schemesOfProjects(
          url,
          this.config.workflowSchemes,
          (candidate) => candidate.workflowSchemeId,
          (scheme, projectIds) => ({ projectIds, workflowScheme: this.workflowSchemeJson(scheme) }),
        );
        return { status: 200, body: { values } };
      }
      case 'PUT workflowscheme/project':
      case 'POST workflowscheme/project/switch': {
        const refused = classicProject();
        if (refused) return refused;
        const schemeId = scalarText(body['workflowSchemeId'] ?? body['targetSchemeId'] ?? '');
        if (!this.config.workflowSchemes.some((scheme) => scheme.id === schemeId))
          return error(404, ['The workflow scheme was not found.']);
        const target = present(project());
        const issues = this.issuesOf(target.id);
        if (route === 'PUT workflowscheme/project') {
          if (issues.length > 0) return error(400, ['The workflow scheme cannot be assigned: the project has issues. Switch it instead.']);
          target.workflowSchemeId = schemeId;
          this.changed();
          return { status: 204 };
        }
        // "409: Returned if another workflow scheme switch task is already running" (OpenAPI).
        if ([...this.tasks.values()].some((task) => task.projectId === target.id && !task.finished))
          return error(409, ['A workflow scheme switch is already running for this project.']);
        const moves = this.statusMoves(
          issues,
          target.workflowSchemeId,
          schemeId,
          (body['mappingsByIssueTypeOverride'] ?? []) as StatusOverride[],
        );
        if (typeof moves === 'string') return error(400, [moves]);
        // Jira runs the switch as a task and answers 303 See Other with it; the switch happens when the task finishes.
        const task: SwitchTask = {
          id: this.nextId(),
          projectId: target.id,
          submitted: Date.now(),
          pollsLeft: this.faults.switchTaskPolls,
          failure: this.faults.switchTaskFailure,
          finished: false,
          apply: () => {
            for (const [issue, statusId] of moves) issue.statusId = statusId;
            target.workflowSchemeId = schemeId;
            this.changed();
          },
        };
        this.faults.switchTaskFailure = null;
        this.tasks.set(task.id, task);
        return { status: 303, body: this.taskJson(task) };
      }
      case 'GET task/{}': {
        const task = this.tasks.get(segments[1] ?? '');
        if (task === undefined) return error(404, ['The task was not found.']);
        if (!task.finished && --task.pollsLeft <= 0) this.finish(task);
        return { status: 200, body: this.taskJson(task) };
      }
      case 'GET screens':
        return {
          status: 200,
          body: paged(
            url,
            byQuery(url, this.config.screens).map(({ id, name, description }) => ({ id: Number(id), name, description })),
            100,
          ),
        };
      case 'POST screens': {
        const name = scalarText(body['name'], '');
        if (name === '' || this.config.screens.some((screen) => screen.name === name))
          return error(400, [], { name: `A screen with the name '${name}' already exists.` });
        const screen = {
          id: this.nextId(),
          name,
          description: scalarText(body['description'], ''),
          tabs: [{ id: this.nextId(), name: 'Field Tab', fieldIds: [] }],
        };
        this.config.screens.push(screen);
        this.changed();
        return { status: 201, body: { id: Number(screen.id), name, description: screen.description } };
      }
      case 'GET screens/{}/tabs': {
        const screen = this.config.screens.find((candidate) => candidate.id === segments[1]);
        return screen
          ? { status: 200, body: screen.tabs.map((tab) => ({ id: Number(tab.id), name: tab.name })) }
          : error(404, ['The screen was not found.']);
      }
      case 'GET screens/{}/tabs/{}/fields':
      case 'POST screens/{}/tabs/{}/fields': {
        const tab = this.config.screens
          .find((candidate) => candidate.id === segments[1])
          ?.tabs.find((candidate) => candidate.id === segments[3]);
        if (tab === undefined) return error(404, ['The screen tab was not found.']);
        if (route.startsWith('GET')) return { status: 200, body: tab.fieldIds.map((id) => ({ id, name: id })) };
        const fieldId = scalarText(body['fieldId'], '');
        if (tab.fieldIds.includes(fieldId)) return error(400, [`The field ${fieldId} is already on the screen.`]);
        tab.fieldIds.push(fieldId);
        this.changed();
        return { status: 200, body: { id: fieldId, name: fieldId } };
      }
      case 'GET screenscheme':
        return {
          status: 200,
          body: paged(
            url,
            byQuery(url, this.config.screenSchemes).map(({ id, name, description, defaultScreenId, viewScreenId }) => ({
              id: Number(id),
              name,
              description,
              screens: { default: Number(defaultScreenId), ...(viewScreenId === undefined ? {} : { view: Number(viewScreenId) }) },
            })),
            25,
          ),
        };
      case 'POST screenscheme': {
        const name = scalarText(body['name'], '');
        const screens = (body['screens'] ?? {}) as { default?: unknown; view?: unknown };
        const defaultScreenId = scalarText(screens.default, '');
        const viewScreenId = screens.view === undefined ? undefined : scalarText(screens.view);
        if (name === '' || this.config.screenSchemes.some((scheme) => scheme.name === name))
          return error(400, [`A screen scheme with the name '${name}' already exists.`]);
        const missing = [defaultScreenId, viewScreenId].find(
          (screenId) => screenId !== undefined && !this.config.screens.some((screen) => screen.id === screenId),
        );
        if (missing !== undefined) return error(404, [`The screen ${missing} was not found.`]);
        const scheme = {
          id: this.nextId(),
          name,
          description: scalarText(body['description'], ''),
          defaultScreenId,
          ...(viewScreenId === undefined ? {} : { viewScreenId }),
        };
        this.config.screenSchemes.push(scheme);
        this.changed();
        return { status: 201, body: { id: Number(scheme.id) } };
      }
      case 'PUT screenscheme/{}': {
        const scheme = this.config.screenSchemes.find((candidate) => candidate.id === segments[1]);
        if (scheme === undefined) return error(404, ['The screen scheme was not found.']);
        const view = (body['screens'] as { view?: unknown } | undefined)?.view;
        if (view !== undefined && view !== null && !this.config.screens.some((screen) => screen.id === scalarText(view)))
          return error(404, [`The screen ${scalarText(view)} was not found.`]);
        if (view === null) delete scheme.viewScreenId;
        else if (view !== undefined) scheme.viewScreenId = scalarText(view);
        this.changed();
        return { status: 204 };
      }
      case 'GET issuetypescreenscheme':
        return {
          status: 200,
          body: paged(
            url,
            byQuery(url, this.config.issueTypeScreenSchemes).map(({ id, name, description }) => ({ id, name, description })),
            50,
          ),
        };
      case 'POST issuetypescreenscheme': {
        const name = scalarText(body['name'], '');
        const mappings = (body['issueTypeMappings'] ?? []) as { issueTypeId: string; screenSchemeId: string }[];
        if (name === '' || this.config.issueTypeScreenSchemes.some((scheme) => scheme.name === name))
          return error(400, [`An issue type screen scheme with the name '${name}' already exists.`]);
        if (!mappings.some((mapping) => mapping.issueTypeId === 'default')) return error(400, ['A default mapping is required.']);
        const problem = this.mappingProblem(mappings);
        if (problem !== null) return error(404, [problem]);
        const scheme = {
          id: this.nextId(),
          name,
          description: scalarText(body['description'], ''),
          mappings: mappings.map(({ issueTypeId, screenSchemeId }) => ({ issueTypeId, screenSchemeId })),
        };
        this.config.issueTypeScreenSchemes.push(scheme);
        this.changed();
        return { status: 201, body: { id: scheme.id } };
      }
      case 'GET issuetypescreenscheme/project': {
        const values = this.schemesOfProjects(
          url,
          this.config.issueTypeScreenSchemes,
          (candidate) => candidate.issueTypeScreenSchemeId,
          (scheme, projectIds) => ({
            issueTypeScreenScheme: { id: scheme.id, name: scheme.name, description: scheme.description },
            projectIds,
          }),
        );
        return { status: 200, body: paged(url, values, 50) };
      }
      case 'PUT issuetypescreenscheme/project': {
        const refused = classicProject();
        if (refused) return refused;
        const schemeId = scalarText(body['issueTypeScreenSchemeId'], '');
        if (!this.config.issueTypeScreenSchemes.some((scheme) => scheme.id === schemeId))
          return error(404, ['The issue type screen scheme was not found.']);
        present(project()).issueTypeScreenSchemeId = schemeId;
        this.changed();
        return { status: 204 };
      }
      case 'GET issuetypescreenscheme/mapping': {
        const ids = url.searchParams.getAll('issueTypeScreenSchemeId');
        const values = this.config.issueTypeScreenSchemes
          .filter((scheme) => ids.length === 0 || ids.includes(scheme.id))
          .flatMap((scheme) => scheme.mappings.map((mapping) => ({ issueTypeScreenSchemeId: scheme.id, ...mapping })));
        return { status: 200, body: paged(url, values, 50) };
      }
      case 'PUT issuetypescreenscheme/{}/mapping': {
        const scheme = this.config.issueTypeScreenSchemes.find((candidate) => candidate.id === segments[1]);
        if (scheme === undefined) return error(404, ['The issue type screen scheme was not found.']);
        if (scheme.id === '1') return error(400, ['The default issue type screen scheme cannot be changed.']);
        const mappings = (body['issueTypeMappings'] ?? []) as { issueTypeId: string; screenSchemeId: string }[];
        const problem = this.mappingProblem(mappings);
        if (problem !== null) return error(404, [problem]);
        if (mappings.some((mapping) => scheme.mappings.some((existing) => existing.issueTypeId === mapping.issueTypeId)))
          return error(400, ['An issue type is already mapped in this scheme.']);
        scheme.mappings.push(...mappings.map(({ issueTypeId, screenSchemeId }) => ({ issueTypeId, screenSchemeId })));
        this.changed();
        return { status: 204 };
      }
      default:
        if (FIELD_CONFIGURATION_ROUTES.includes(route))
          return handleFieldConfigurationRoute(this.config, route, segments, url, body, {
            nextId: this.nextId,
            changed: this.changed,
            knownField: (fieldId) => FIELDS.some((field) => field.id === fieldId),
            knownIssueType: (issueTypeId) => this.view.issueType(issueTypeId) !== undefined,
          });
        return error(404, [`The sandbox does not emulate ${route}`]);
    }
  }

  /**
   * Where a switch from one workflow scheme to another puts each issue whose status its new workflow
   * lacks, from the request's mappings; or, as Jira does, the refusal naming a mapping that is missing.
   */
  private statusMoves(
    issues: readonly StoredIssue[],
    fromSchemeId: string,
    toSchemeId: string,
    overrides: readonly StatusOverride[],
  ): Map<StoredIssue, string> | string {
    const moves = new Map<StoredIssue, string>();
    for (const issue of issues) {
      const target = this.view.workflowIn(toSchemeId, issue.issueTypeId);
      if (target.statusIds.includes(issue.statusId) || this.view.workflowIn(fromSchemeId, issue.issueTypeId) === target) continue;
      const mapping = overrides
        .find((override) => override.issueTypeId === issue.issueTypeId)
        ?.statusMappings?.find((candidate) => candidate.oldStatusId === issue.statusId);
      if (mapping?.newStatusId === undefined || !target.statusIds.includes(mapping.newStatusId)) {
        return `Issues of type ${issue.issueTypeId} in status ${issue.statusId} need a mapping to a status of the workflow '${target.name}'.`;
      }
      moves.set(issue, mapping.newStatusId);
    }
    return moves;
  }

  /** Time passes: Jira finishes every task still running, as it would in the background. */
  finishRunningTasks(): void {
    for (const task of this.tasks.values()) if (!task.finished) this.finish(task);
  }

  private finish(task: SwitchTask): void {
    task.finished = true;
    if (task.failure === null) task.apply();
  }

  private issueTypeSchemeJson(scheme: SiteConfig['issueTypeSchemes'][number]) {
    return {
      id: scheme.id,
      name: scheme.name,
      isDefault: scheme.isDefault,
      ...(scheme.defaultIssueTypeId === undefined ? {} : { defaultIssueTypeId: scheme.defaultIssueTypeId }),
    };
  }

  /** A task as `GET /task/{taskId}` gives it (`TaskProgressBeanObject`). */
  private taskJson(task: SwitchTask) {
    const status = !task.finished
      ? task.pollsLeft < this.faults.switchTaskPolls
        ? 'RUNNING'
        : 'ENQUEUED'
      : task.failure === null
        ? 'COMPLETE'
        : 'FAILED';
    const message =
      status === 'FAILED'
        ? present(task.failure)
        : status === 'COMPLETE'
          ? 'The workflow scheme was switched.'
          : 'Switching the workflow scheme.';
    return {
      self: `${BASE}/task/${task.id}`,
      id: task.id,
      description: 'Switch workflow scheme',
      status,
      message,
      progress: task.finished ? 100 : 50,
      elapsedRuntime: 0,
      submitted: task.submitted,
      lastUpdate: task.submitted,
      submittedBy: 0,
      ...(task.finished ? { finished: task.submitted } : {}),
    };
  }

  /** `<scheme>/project?projectId=…`: each scheme the named projects use, with those of them that use it. */
  private schemesOfProjects<Scheme extends { readonly id: string }, Row>(
    url: URL,
    schemes: readonly Scheme[],
    schemeOf: (project: ConfigProject) => string,
    row: (scheme: Scheme, projectIds: string[]) => Row,
  ): Row[] {
    const wanted = url.searchParams.getAll('projectId');
    return schemes.flatMap((scheme) => {
      const projectIds = this.config.projects
        .filter((project) => schemeOf(project) === scheme.id && wanted.includes(project.id))
        .map((project) => project.id);
      return projectIds.length === 0 ? [] : [row(scheme, projectIds)];
    });
  }

  private mappingProblem(mappings: readonly { issueTypeId: string; screenSchemeId: string }[]): string | null {
    for (const { issueTypeId, screenSchemeId } of mappings) {
      if (issueTypeId !== 'default' && this.view.issueType(issueTypeId) === undefined)
        return `The issue type ${issueTypeId} was not found.`;
      if (!this.config.screenSchemes.some((scheme) => scheme.id === screenSchemeId))
        return `The screen scheme ${screenSchemeId} was not found.`;
    }
    return null;
  }

  private workflowStatusJson(id: string) {
    const status = present(this.view.status(id));
    return { id, name: status.name, description: '', statusCategory: status.category, statusReference: id, scope: { type: 'GLOBAL' } };
  }

  private workflowJson(workflow: ConfigWorkflow) {
    return {
      id: workflow.id,
      name: workflow.name,
      description: workflow.description,
      scope: { type: 'GLOBAL' },
      isEditable: true,
      version: { id: `${workflow.id}-v${workflow.versionNumber}`, versionNumber: workflow.versionNumber },
      statuses: workflow.statusIds.map((id) => ({ statusReference: id, properties: {}, deprecated: false })),
      transitions: workflow.transitions.map((transition) => ({
        id: transition.id,
        name: transition.name,
        description: '',
        type: transition.type,
        toStatusReference: transition.to,
        links: transition.from.map((from) => ({ fromStatusReference: from, fromPort: 0, toPort: 0 })),
        validators: transition.validators,
        actions: [],
        triggers: [],
        properties: {},
      })),
    };
  }

  /**
   * A workflow scheme as Jira shows it. The Default Workflow Scheme has no id: "If the project is
   * associated with the Default Workflow Scheme no ID is returned. This is because the way the
   * Default Workflow Scheme is stored means it has no ID" (OpenAPI, GET /workflowscheme/project).
   */
  private workflowSchemeJson(scheme: SiteConfig['workflowSchemes'][number]) {
    const common = {
      name: scheme.name,
      description: scheme.description,
      defaultWorkflow: scheme.defaultWorkflow,
      issueTypeMappings: scheme.issueTypeMappings,
    };
    return scheme.isDefault ? common : { id: Number(scheme.id), ...common, self: `${BASE}/workflowscheme/${scheme.id}` };
  }

  /** What Jira would refuse in a workflows/create or workflows/update payload, in its words where we know them. */
  private workflowProblems(payload: WorkflowPayload, mode: 'create' | 'update'): string[] {
    const problems: string[] = [];
    if (mode === 'create' && payload.scope?.type !== 'GLOBAL')
      problems.push('The sandbox creates GLOBAL workflows only (company-managed projects).');
    const references = new Map<string, { id?: string; name: string }>();
    for (const status of payload.statuses ?? []) {
      if (references.has(status.statusReference)) problems.push(`The status reference ${status.statusReference} is used twice.`);
      references.set(status.statusReference, status);
      if (status.id !== undefined && this.view.status(status.id) === undefined) problems.push(`The status ${status.id} does not exist.`);
      if (status.id === undefined && this.view.statusNamed(status.name) !== undefined)
        problems.push(`A status named '${status.name}' already exists; refer to it by id.`);
    }
    const rules = new Set(this.forgeRules().map((rule) => rule.id));
    for (const workflow of payload.workflows ?? []) {
      const label = workflow.name ?? workflow.id ?? '?';
      if (mode === 'create' && this.config.workflows.some((existing) => existing.name === workflow.name))
        problems.push(`A workflow with the name '${workflow.name}' already exists.`);
      if (mode === 'update') {
        const existing = this.config.workflows.find((candidate) => candidate.id === workflow.id);
        if (existing === undefined) problems.push(`The workflow ${String(workflow.id)} does not exist.`);
        else if (workflow.version?.versionNumber !== existing.versionNumber)
          problems.push(
            `The workflow '${existing.name}' was changed since version ${String(workflow.version?.versionNumber)} was read; read it again.`,
          );
      }
      const own = new Set(workflow.statuses.map((status) => status.statusReference));
      for (const reference of own)
        if (!references.has(reference))
          problems.push(`The workflow uses the status reference ${reference}, which the request does not define.`);
      if (workflow.transitions.filter((transition) => transition.type === 'INITIAL').length !== 1)
        problems.push(`The workflow '${label}' needs exactly one initial transition.`);
      for (const transition of workflow.transitions) {
        const targets = [transition.toStatusReference, ...(transition.links ?? []).map((link) => link.fromStatusReference)];
        for (const target of targets)
          if (target === undefined || !own.has(target))
            problems.push(`The transition '${transition.name}' refers to the status ${String(target)}, which is not in the workflow.`);
        for (const rule of transition.validators ?? []) {
          if (rule.ruleKey.startsWith('forge:') && !rules.has(scalarText(rule.parameters['key'], '')))
            problems.push(
              `The transition '${transition.name}' uses a Forge rule that is not available: ${scalarText(rule.parameters['key'])}.`,
            );
          const config = rule.parameters['config'];
          if (config !== undefined) {
            try {
              JSON.parse(scalarText(config));
            } catch {
              problems.push(`The transition '${transition.name}' has a rule whose config is not JSON.`);
            }
          }
        }
      }
    }
    return problems;
  }

  /** The status ids a payload's references name, creating the statuses it defines without one. */
  private statusIdsOf(payload: WorkflowPayload): Map<string, string> {
    const idOf = new Map<string, string>();
    for (const status of payload.statuses ?? []) {
      if (status.id !== undefined) {
        idOf.set(status.statusReference, status.id);
      } else {
        const created = { id: this.nextId(), name: status.name, category: status.statusCategory };
        this.config.statuses.push(created);
        idOf.set(status.statusReference, created.id);
      }
    }
    return idOf;
  }

  private transitionsOf(
    workflow: NonNullable<WorkflowPayload['workflows']>[number],
    idOf: ReadonlyMap<string, string>,
  ): ConfigTransition[] {
    return workflow.transitions.map((transition, index) => ({
      id: transition.id ?? String(index + 1),
      name: transition.name ?? `Transition ${index + 1}`,
      type: transition.type ?? 'DIRECTED',
      from: (transition.links ?? []).map((link) => present(idOf.get(present(link.fromStatusReference)))),
      to: present(idOf.get(present(transition.toStatusReference))),
      validators: (transition.validators ?? []).map((rule) => ({ ruleKey: rule.ruleKey, parameters: { ...rule.parameters } })),
    }));
  }

  /** `workflows/create` and `workflows/update`: checked whole first, so a refused request changes nothing. */
  private saveWorkflows(payload: WorkflowPayload, mode: 'create' | 'update'): ConfigResponse {
    const problems = this.workflowProblems(payload, mode);
    if (problems.length > 0) return error(400, problems);
    const idOf = this.statusIdsOf(payload);
    const saved = (payload.workflows ?? []).map((workflow): ConfigWorkflow => {
      const existing = this.config.workflows.find((candidate) => candidate.id === workflow.id);
      const next: ConfigWorkflow = {
        id: mode === 'update' ? present(existing).id : `wf-${this.nextId()}`,
        name: mode === 'update' ? present(existing).name : present(workflow.name),
        description: workflow.description ?? existing?.description ?? '',
        versionNumber: mode === 'update' ? present(existing).versionNumber + 1 : 1,
        statusIds: workflow.statuses.map((status) => present(idOf.get(status.statusReference))),
        transitions: this.transitionsOf(workflow, idOf),
      };
      if (mode === 'update') this.config.workflows.splice(this.config.workflows.indexOf(present(existing)), 1, next);
      else this.config.workflows.push(next);
      return next;
    });
    this.changed();
    return {
      status: 200,
      body: {
        statuses: [...idOf.values()].map((id) => this.workflowStatusJson(id)),
        workflows: saved.map((workflow) => this.workflowJson(workflow)),
      },
    };
  }
}
