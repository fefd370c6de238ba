import { z } from 'zod';
import { APP_FIELDS, ownModuleKey, type AppFieldName, type AppInstall } from '../domain/app-fields';
import {
  BLUEPRINT_STATUSES,
  FIELD_CONFIGURATION,
  ISSUE_TYPE,
  projectSchemeName,
  SCREEN,
  SCREEN_SCHEME,
  VIEW_SCREEN,
  WORKFLOW,
} from '../domain/project-setup/blueprint';
import type { ScreenState, SetupSnapshot } from '../domain/project-setup/snapshot';
import { ok, type Result } from '../domain/result';
import type { JiraCall } from './jira-client';
import type { JiraRouteName } from '../contracts/jira-routes';
import type { JiraFailure } from '../use-cases/jira-port';
import { scalarText } from '../contracts/scalar-text';

/**
 * Setup's read of what Jira has for a project, in four parts along the snapshot's seams: the
 * project and the site (fields, statuses, the app's rules), then, side by side, its issue type
 * scheme, its workflow and workflow scheme, and its screens.
 */

/** A request to Jira, counted by the setup API. */
type SetupCall = <T>(route: JiraRouteName, options: Omit<JiraCall<T>, 'route'>) => Promise<Result<T, JiraFailure>>;

export const jiraIdSchema = z.union([z.string(), z.number()]).transform(String);
const id = jiraIdSchema;
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
/** A screen scheme with the screens it uses; `view` only when it has a view screen of its own. */
const screenSchemeSchema = namedSchema.extend({ screens: z.object({ view: id.optional() }).loose().optional() });
const issueTypeSchemeSchema = z
  .object({ id: id, name: z.string(), isDefault: z.boolean().optional(), defaultIssueTypeId: z.string().optional() })
  .loose();

/** How many pages setup reads of a list before it stops: a site with more than this is not one we plan for. */
const MAX_PAGES = 20;

/** Reads every page of a `startAt` list. */
const allPages = async <T>(
  call: SetupCall,
  route: JiraRouteName,
  query: Record<string, string>,
  item: z.ZodType<T>,
  params: Record<string, string> = {},
): Promise<Result<T[], JiraFailure>> => {
  const values: T[] = [];
  for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
    const answer = await call(route, { params, query: { ...query, startAt: String(values.length) }, response: page(item) });
    if (!answer.ok) return answer;
    values.push(...answer.value.values);
    if (answer.value.isLast !== false || answer.value.values.length === 0) break;
  }
  return ok(values);
};

/** A screen's first tab and the fields on it; null when there is no screen (or, oddly, no tab). */
const readScreen = async (
  call: SetupCall,
  screen: z.infer<typeof namedSchema> | undefined,
): Promise<Result<ScreenState | null, JiraFailure>> => {
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
const findByName = async (
  call: SetupCall,
  route: JiraRouteName,
  name: string,
): Promise<Result<z.infer<typeof namedSchema> | null, JiraFailure>> => {
  const found = await allPages(call, route, { queryString: name }, namedSchema);
  return found.ok ? ok(found.value.find((candidate) => candidate.name === name) ?? null) : found;
};

/** The project and what the site has that setup looks up by name or module key. */
interface SiteRead {
  readonly project: z.infer<typeof projectSchema>;
  readonly companyManaged: boolean;
  readonly ownName: string;
  readonly issueType: z.infer<typeof issueTypeSchema> | null;
  readonly typeScheme: z.infer<typeof issueTypeSchemeSchema> | undefined;
  readonly appFieldIds: Partial<Record<AppFieldName, string>>;
  readonly globalStatuses: Readonly<Record<string, string>>;
  readonly forgeRules: SetupSnapshot['forgeRules'];
}

const readSite = async (call: SetupCall, projectKey: string, install: AppInstall): Promise<Result<SiteRead, JiraFailure>> => {
  const project = await call('getProject', { params: { projectIdOrKey: projectKey }, response: projectSchema });
  if (!project.ok) return project;
  const projectId = project.value.id;
  const projectTypes = project.value.issueTypes;
  // Jira names a workflow's capabilities by a project and issue type pair; the app's rules are
  // the same for every issue type of a company-managed project, so any of the project's will do.
  const anyTypeId = projectTypes.find((type) => type.name === ISSUE_TYPE.name)?.id ?? projectTypes[0]?.id;
  const [fields, issueTypes, typeSchemes, statuses, capabilities] = await Promise.all([
    call('getFields', { response: z.array(fieldSchema) }),
    call('getIssueTypes', { response: z.array(issueTypeSchema) }),
    call('getProjectIssueTypeSchemes', {
      query: { projectId },
      response: page(z.object({ issueTypeScheme: issueTypeSchemeSchema }).loose()),
    }),
    allPages(call, 'searchStatuses', { maxResults: '200' }, statusSchema),
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
  const wantedStatuses = new Set(BLUEPRINT_STATUSES.map((status) => status.name.toLowerCase()));
  return ok({
    project: project.value,
    companyManaged: project.value.simplified !== true && project.value.style !== 'next-gen',
    ownName: projectSchemeName(project.value.key),
    issueType: issueTypes.value.find((candidate) => candidate.name === ISSUE_TYPE.name && candidate.scope === undefined) ?? null,
    typeScheme: typeSchemes.value.values[0]?.issueTypeScheme,
    appFieldIds,
    globalStatuses: Object.fromEntries(
      statuses.value
        .filter((status) => (status.scope?.type ?? 'GLOBAL') === 'GLOBAL' && wantedStatuses.has(status.name.toLowerCase()))
        .map((status) => [status.name.toLowerCase(), status.id]),
    ),
    forgeRules: Object.fromEntries(
      capabilities.value.forgeRules.flatMap((rule) => {
        const key = ownModuleKey(rule.id, install);
        return key === null ? [] : [[key, { ruleKey: rule.ruleKey, id: rule.id }]];
      }),
    ),
  });
};

const readIssueTypeScheme = async (
  call: SetupCall,
  site: SiteRead,
): Promise<
  Result<Pick<SetupSnapshot, 'issueTypeScheme' | 'projectHasIssueType' | 'projectIssueTypeIds' | 'ownIssueTypeSchemeId'>, JiraFailure>
> => {
  const { project, issueType, typeScheme, ownName } = site;
  const projectHasIssueType = issueType !== null && project.issueTypes.some((candidate) => candidate.id === issueType.id);
  let ownIssueTypeSchemeId: string | null = null;
  if (!projectHasIssueType && typeScheme !== undefined && !typeScheme.isDefault && typeScheme.name !== ownName) {
    const own = await findByName(call, 'searchIssueTypeSchemes', ownName);
    if (!own.ok) return own;
    ownIssueTypeSchemeId = own.value?.id ?? null;
  }
  return ok({
    projectHasIssueType,
    issueTypeScheme: {
      id: typeScheme?.id ?? '10000',
      name: typeScheme?.name ?? 'Default Issue Type Scheme',
      isDefault: typeScheme?.isDefault ?? typeScheme === undefined,
      ...(typeScheme?.defaultIssueTypeId === undefined ? {} : { defaultIssueTypeId: typeScheme.defaultIssueTypeId }),
    },
    projectIssueTypeIds: project.issueTypes.map((type) => type.id),
    ownIssueTypeSchemeId,
  });
};

const readWorkflows = async (
  call: SetupCall,
  site: SiteRead,
): Promise<
  Result<
    Pick<SetupSnapshot, 'workflow' | 'workflowScheme' | 'ownWorkflowSchemeId' | 'projectHasIssues' | 'currentTypeStatuses'>,
    JiraFailure
  >
> => {
  const { project, issueType, forgeRules, ownName } = site;
  const [workflows, workflowSchemes] = await Promise.all([
    call('searchWorkflows', {
      query: { queryString: WORKFLOW.name, expand: 'values.transitions' },
      response: page(workflowSchema).extend({ statuses: z.array(workflowStatusSchema).default([]) }),
    }),
    call('getProjectWorkflowSchemes', {
      query: { projectId: project.id },
      response: z.object({ values: z.array(z.object({ workflowScheme: workflowSchemeSchema }).loose()).default([]) }).loose(),
    }),
  ]);
  if (!workflows.ok) return workflows;
  if (!workflowSchemes.ok) return workflowSchemes;

  const rulesByAri = new Map(Object.entries(forgeRules).map(([key, rule]) => [rule.id, key]));
  const workflow = workflows.value.values.find((candidate) => candidate.name === WORKFLOW.name);
  const workflowScheme = workflowSchemes.value.values[0]?.workflowScheme ?? {
    id: undefined,
    name: 'Default Workflow Scheme',
    defaultWorkflow: 'jira',
    issueTypeMappings: {},
  };

  // Only what the plan will need next is read: a set-up project stops here.
  let ownWorkflowSchemeId: string | null = null;
  let projectHasIssues = false;
  let currentTypeStatuses: SetupSnapshot['currentTypeStatuses'] = [];
  if (issueType === null || workflowScheme.issueTypeMappings[issueType.id] !== WORKFLOW.name) {
    const schemes = await allPages(call, 'listWorkflowSchemes', { maxResults: '50' }, workflowSchemeSchema);
    if (!schemes.ok) return schemes;
    ownWorkflowSchemeId = workflowScheme.name === ownName ? null : (schemes.value.find((scheme) => scheme.name === ownName)?.id ?? null);
    const issues = await call('searchJql', {
      body: { jql: `project = ${project.id}`, maxResults: 1, fields: ['id'] },
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
  return ok({
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
    workflowScheme: {
      id: workflowScheme.id ?? null,
      name: workflowScheme.name,
      defaultWorkflow: workflowScheme.defaultWorkflow,
      issueTypeMappings: workflowScheme.issueTypeMappings,
    },
    ownWorkflowSchemeId,
    projectHasIssues,
    currentTypeStatuses,
  });
};

const readScreens = async (
  call: SetupCall,
  site: SiteRead,
): Promise<
  Result<
    Pick<
      SetupSnapshot,
      'screen' | 'viewScreen' | 'screenSchemeId' | 'screenSchemeViewId' | 'issueTypeScreenScheme' | 'ownIssueTypeScreenSchemeId'
    >,
    JiraFailure
  >
> => {
  const { project, issueType, ownName } = site;
  const [screens, screenSchemeMatches, screenSchemes] = await Promise.all([
    // One search finds both screens: the view screen's name starts with the other's.
    allPages(call, 'searchScreens', { queryString: SCREEN.name }, namedSchema),
    allPages(call, 'searchScreenSchemes', { queryString: SCREEN_SCHEME.name }, screenSchemeSchema),
    call('getProjectIssueTypeScreenSchemes', {
      query: { projectId: project.id },
      response: page(z.object({ issueTypeScreenScheme: namedSchema }).loose()),
    }),
  ]);
  if (!screens.ok) return screens;
  if (!screenSchemeMatches.ok) return screenSchemeMatches;
  const screenScheme = screenSchemeMatches.value.find((candidate) => candidate.name === SCREEN_SCHEME.name) ?? null;
  if (!screenSchemes.ok) return screenSchemes;
  const typeScreenScheme = screenSchemes.value.values[0]?.issueTypeScreenScheme ?? {
    id: '1',
    name: 'Default Issue Type Screen Scheme',
  };

  const screenNamed = (name: string) => screens.value.find((candidate) => candidate.name === name);
  const [screenState, viewScreenState] = await Promise.all([
    readScreen(call, screenNamed(SCREEN.name)),
    readScreen(call, screenNamed(VIEW_SCREEN.name)),
  ]);
  if (!screenState.ok) return screenState;
  if (!viewScreenState.ok) return viewScreenState;
  const mappings = await allPages(
    call,
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
    const own = await findByName(call, 'searchIssueTypeScreenSchemes', ownName);
    if (!own.ok) return own;
    ownIssueTypeScreenSchemeId = own.value?.id ?? null;
  }
  return ok({
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
  });
};

const fieldConfigurationSchema = z.object({ id: id, name: z.string(), isDefault: z.boolean().optional() }).loose();
const fieldConfigurationItemSchema = z
  .object({ id: z.string(), isRequired: z.boolean().default(false), description: z.string().default('') })
  .loose()
  .transform(({ id: fieldId, isRequired, description }) => ({ id: fieldId, isRequired, description }));
const fieldConfigurationMappingSchema = z
  .object({ issueTypeId: z.string(), fieldConfigurationId: id })
  .loose()
  .transform(({ issueTypeId, fieldConfigurationId }) => ({ issueTypeId, fieldConfigurationId }));

const schemeMappings = (call: SetupCall, schemeId: string) =>
  allPages(call, 'getFieldConfigurationSchemeMappings', { fieldConfigurationSchemeId: schemeId }, fieldConfigurationMappingSchema);

/**
 * The field configuration setup made and the project's field configuration scheme. A project on
 * Jira's default scheme is listed without one (OpenAPI `getFieldConfigurationSchemeProjectMapping`:
 * "The first item contains the list of project IDs assigned to the default field configuration
 * scheme"), which maps every issue type to the Default Field Configuration.
 */
const readFieldConfiguration = async (
  call: SetupCall,
  site: SiteRead,
): Promise<Result<Pick<SetupSnapshot, 'fieldConfiguration' | 'fieldConfigurationScheme' | 'ownFieldConfigurationScheme'>, JiraFailure>> => {
  const { project, issueType, ownName } = site;
  const [configurations, defaults, projectSchemes] = await Promise.all([
    allPages(call, 'getFieldConfigurations', { query: FIELD_CONFIGURATION.name }, fieldConfigurationSchema),
    call('getFieldConfigurations', { query: { isDefault: 'true' }, response: page(fieldConfigurationSchema) }),
    call('getProjectFieldConfigurationSchemes', {
      query: { projectId: project.id },
      response: page(z.object({ fieldConfigurationScheme: namedSchema.optional(), projectIds: z.array(z.string()).default([]) }).loose()),
    }),
  ]);
  if (!configurations.ok) return configurations;
  if (!defaults.ok) return defaults;
  if (!projectSchemes.ok) return projectSchemes;
  const configuration = configurations.value.find((candidate) => candidate.name === FIELD_CONFIGURATION.name) ?? null;
  const items =
    configuration === null
      ? ok([])
      : await allPages(call, 'getFieldConfigurationItems', {}, fieldConfigurationItemSchema, { id: configuration.id });
  if (!items.ok) return items;
  const scheme = projectSchemes.value.values.find((value) => value.projectIds.includes(project.id))?.fieldConfigurationScheme;
  const defaultId = defaults.value.values.find((candidate) => candidate.isDefault === true)?.id;
  const mappings =
    scheme === undefined
      ? ok(defaultId === undefined ? [] : [{ issueTypeId: 'default', fieldConfigurationId: defaultId }])
      : await schemeMappings(call, scheme.id);
  if (!mappings.ok) return mappings;
  const used =
    configuration !== null &&
    issueType !== null &&
    mappings.value.some((mapping) => mapping.issueTypeId === issueType.id && mapping.fieldConfigurationId === configuration.id);
  let ownFieldConfigurationScheme: SetupSnapshot['ownFieldConfigurationScheme'] = null;
  if (!used && scheme?.name !== ownName) {
    const schemes = await allPages(call, 'getFieldConfigurationSchemes', {}, namedSchema);
    if (!schemes.ok) return schemes;
    const own = schemes.value.find((candidate) => candidate.name === ownName);
    if (own !== undefined) {
      const ownMappings = await schemeMappings(call, own.id);
      if (!ownMappings.ok) return ownMappings;
      ownFieldConfigurationScheme = { id: own.id, mappings: ownMappings.value };
    }
  }
  return ok({
    fieldConfiguration: configuration === null ? null : { id: configuration.id, items: items.value },
    fieldConfigurationScheme: {
      id: scheme?.id ?? null,
      name: scheme?.name ?? 'Default Field Configuration Scheme',
      mappings: mappings.value,
    },
    ownFieldConfigurationScheme,
  });
};

/** What Jira has now for `projectKey`, everything but the Create rule; `install`'s own rules and fields only. */
export const readSetupSnapshot = async (
  call: SetupCall,
  projectKey: string,
  install: AppInstall,
): Promise<Result<Omit<SetupSnapshot, 'createRule'>, JiraFailure>> => {
  const site = await readSite(call, projectKey, install);
  if (!site.ok) return site;
  const [typeScheme, workflows, screens, fieldConfiguration] = await Promise.all([
    readIssueTypeScheme(call, site.value),
    readWorkflows(call, site.value),
    readScreens(call, site.value),
    readFieldConfiguration(call, site.value),
  ]);
  if (!typeScheme.ok) return typeScheme;
  if (!fieldConfiguration.ok) return fieldConfiguration;
  if (!workflows.ok) return workflows;
  if (!screens.ok) return screens;
  const { project, companyManaged, issueType, globalStatuses, forgeRules, appFieldIds } = site.value;
  return ok({
    project: { id: project.id, key: project.key, name: project.name, companyManaged },
    statuses: globalStatuses,
    issueTypeId: issueType?.id ?? null,
    ...typeScheme.value,
    ...workflows.value,
    forgeRules,
    ...screens.value,
    ...fieldConfiguration.value,
    appFieldIds,
  });
};
