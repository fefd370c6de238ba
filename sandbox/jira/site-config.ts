import { SCREEN_SYSTEM_FIELDS } from '../../src/domain/project-setup/blueprint';
import { SITE } from '../catalogue';
import { present } from '../../src/domain/present';

/**
 * The sandbox site's Jira configuration as data: projects, statuses, issue types, workflows and
 * the schemes that tie them together. It starts as a new Jira site does (one workflow, one issue
 * type), and the app's Set up project changes it through the REST routes below, as on Jira.
 */

export type StatusCategory = 'TODO' | 'IN_PROGRESS' | 'DONE';

export interface ConfigStatus {
  readonly id: string;
  readonly name: string;
  readonly category: StatusCategory;
}

export interface ConfigRule {
  readonly ruleKey: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface ConfigTransition {
  readonly id: string;
  readonly name: string;
  readonly type: 'INITIAL' | 'GLOBAL' | 'DIRECTED';
  /** Status ids it leaves from (none for INITIAL and GLOBAL). */
  readonly from: readonly string[];
  readonly to: string;
  readonly validators: readonly ConfigRule[];
}

export interface ConfigWorkflow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly versionNumber: number;
  readonly statusIds: readonly string[];
  readonly transitions: readonly ConfigTransition[];
}

export interface ConfigProject {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  /** Team-managed ("next-gen") projects have no shared schemes. */
  readonly simplified: boolean;
  issueTypeSchemeId: string;
  workflowSchemeId: string;
  issueTypeScreenSchemeId: string;
  /** Absent: Jira's default field configuration scheme (every issue type on the Default Field Configuration). */
  fieldConfigurationSchemeId?: string;
}

/** A field configuration: per field, whether it is required and the line of help under it. */
interface ConfigFieldConfiguration {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly isDefault: boolean;
  /** Only the fields someone set; the others are optional, without a description. */
  readonly items: { readonly id: string; isRequired: boolean; description: string }[];
}

interface ConfigFieldConfigurationScheme {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly mappings: { readonly issueTypeId: string; fieldConfigurationId: string }[];
}

/** Id of Jira's Default Field Configuration, which no request may change. */
const DEFAULT_FIELD_CONFIGURATION_ID = '10000';
const defaultFieldConfigurations = (): ConfigFieldConfiguration[] => [
  { id: DEFAULT_FIELD_CONFIGURATION_ID, name: 'Default Field Configuration', description: '', isDefault: true, items: [] },
];

export interface SiteConfig {
  /** Ids for what the configuration routes create; apart from issue ids, so those stay put. */
  nextId: number;
  readonly projects: ConfigProject[];
  readonly statuses: ConfigStatus[];
  readonly issueTypes: { readonly id: string; readonly name: string; readonly description: string; readonly hierarchyLevel: number }[];
  readonly issueTypeSchemes: {
    readonly id: string;
    readonly name: string;
    readonly isDefault: boolean;
    issueTypeIds: string[];
    readonly defaultIssueTypeId?: string;
  }[];
  readonly workflows: ConfigWorkflow[];
  /** `isDefault`: Jira's Default Workflow Scheme, which its REST API shows without an id. */
  readonly workflowSchemes: {
    readonly id: string;
    readonly name: string;
    readonly description: string;
    readonly defaultWorkflow: string;
    readonly issueTypeMappings: Record<string, string>;
    readonly isDefault?: boolean;
  }[];
  readonly screens: {
    readonly id: string;
    readonly name: string;
    readonly description: string;
    readonly tabs: { readonly id: string; readonly name: string; readonly fieldIds: string[] }[];
  }[];
  /** `viewScreenId`: the screen to view issues with, when it is not the default one. */
  readonly screenSchemes: {
    readonly id: string;
    readonly name: string;
    readonly description: string;
    readonly defaultScreenId: string;
    viewScreenId?: string;
  }[];
  readonly issueTypeScreenSchemes: {
    readonly id: string;
    readonly name: string;
    readonly description: string;
    mappings: { issueTypeId: string; screenSchemeId: string }[];
  }[];
  /** Absent in a site saved before the sandbox had field configurations: read through `fieldConfigurationsOf`. */
  fieldConfigurations?: ConfigFieldConfiguration[];
  fieldConfigurationSchemes?: ConfigFieldConfigurationScheme[];
}

/** The site's field configurations and schemes, starting a site saved without them at Jira's defaults. */
export const fieldConfigurationsOf = (config: SiteConfig) => ({
  configurations: (config.fieldConfigurations ??= defaultFieldConfigurations()),
  schemes: (config.fieldConfigurationSchemes ??= []),
});

/**
 * The field configuration an issue type uses in a project: its scheme's mapping for the type, else
 * its `default` mapping, else (Jira's default scheme) the Default Field Configuration.
 */
const fieldConfigurationFor = (config: SiteConfig, project: ConfigProject, issueTypeId: string): ConfigFieldConfiguration => {
  const { configurations, schemes } = fieldConfigurationsOf(config);
  const scheme = schemes.find((candidate) => candidate.id === project.fieldConfigurationSchemeId);
  const mapped =
    scheme?.mappings.find((mapping) => mapping.issueTypeId === issueTypeId) ??
    scheme?.mappings.find((mapping) => mapping.issueTypeId === 'default');
  return (
    configurations.find((candidate) => candidate.id === mapped?.fieldConfigurationId) ??
    present(configurations.find((candidate) => candidate.isDefault))
  );
};

/**
 * What the Create dialog asks of an issue type in a project: each field its field configuration marks required or
 * describes. Jira marks those fields required in its Create dialog, puts the description under them, and refuses a
 * create without a required one (Atlassian, "Specify field behavior",
 * support.atlassian.com/jira-cloud-administration/docs/specify-field-behavior). Summary is always required.
 */
export const createFormOf = (
  config: SiteConfig,
  project: ConfigProject,
  issueTypeId: string,
): Readonly<Record<string, { readonly required: boolean; readonly description: string }>> => ({
  summary: { required: true, description: '' },
  ...Object.fromEntries(
    fieldConfigurationFor(config, project, issueTypeId).items.map((item) => [
      item.id,
      { required: item.isRequired, description: item.description },
    ]),
  ),
});

export const DEFAULT_WORKFLOW = 'jira';
const TASK_TYPE_ID = '10002';

/**
 * A new site: Jira's default workflow, the Task issue type and default schemes, and three
 * projects. MKT and BRD are company-managed and not set up; SOC is team-managed.
 */
export const newSiteConfig = (): SiteConfig => ({
  nextId: 30_001,
  projects: [
    {
      id: '10000',
      key: 'MKT',
      name: 'Marketing Requests',
      simplified: false,
      issueTypeSchemeId: '10000',
      workflowSchemeId: '10000',
      issueTypeScreenSchemeId: '1',
    },
    {
      id: '10001',
      key: 'BRD',
      name: 'Brand Studio',
      simplified: false,
      issueTypeSchemeId: '10001',
      workflowSchemeId: '10000',
      issueTypeScreenSchemeId: '1',
    },
    {
      id: '10002',
      key: 'SOC',
      name: 'Social Team',
      simplified: true,
      issueTypeSchemeId: '10000',
      workflowSchemeId: '10000',
      issueTypeScreenSchemeId: '1',
    },
  ],
  statuses: [
    { id: '1', name: 'To Do', category: 'TODO' },
    { id: '3', name: 'In Progress', category: 'IN_PROGRESS' },
    { id: '10001', name: 'Done', category: 'DONE' },
  ],
  issueTypes: [{ id: TASK_TYPE_ID, name: 'Task', description: 'A small, distinct piece of work.', hierarchyLevel: 0 }],
  issueTypeSchemes: [
    { id: '10000', name: 'Default Issue Type Scheme', isDefault: true, issueTypeIds: [TASK_TYPE_ID] },
    { id: '10001', name: 'BRD: Issue Type Scheme', isDefault: false, issueTypeIds: [TASK_TYPE_ID] },
  ],
  workflows: [
    {
      id: 'b9a5ab51-1a1c-4f4b-9bb0-0a0a0a0a0001',
      name: DEFAULT_WORKFLOW,
      description: 'The default Jira workflow.',
      versionNumber: 1,
      statusIds: ['1', '3', '10001'],
      transitions: [
        { id: '1', name: 'Create', type: 'INITIAL', from: [], to: '1', validators: [] },
        { id: '11', name: 'To Do', type: 'GLOBAL', from: [], to: '1', validators: [] },
        { id: '21', name: 'In Progress', type: 'GLOBAL', from: [], to: '3', validators: [] },
        { id: '31', name: 'Done', type: 'GLOBAL', from: [], to: '10001', validators: [] },
      ],
    },
  ],
  workflowSchemes: [
    {
      id: '10000',
      name: 'Default Workflow Scheme',
      description: '',
      defaultWorkflow: DEFAULT_WORKFLOW,
      issueTypeMappings: {},
      isDefault: true,
    },
  ],
  screens: [
    { id: '1', name: 'Default Screen', description: '', tabs: [{ id: '10000', name: 'Field Tab', fieldIds: [...SCREEN_SYSTEM_FIELDS] }] },
  ],
  screenSchemes: [{ id: '1', name: 'Default Screen Scheme', description: '', defaultScreenId: '1' }],
  issueTypeScreenSchemes: [
    { id: '1', name: 'Default Issue Type Screen Scheme', description: '', mappings: [{ issueTypeId: 'default', screenSchemeId: '1' }] },
  ],
  fieldConfigurations: defaultFieldConfigurations(),
  fieldConfigurationSchemes: [],
});

const CATEGORY_JSON: Readonly<Record<StatusCategory, { id: number; key: string; name: string; colorName: string }>> = {
  TODO: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  IN_PROGRESS: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  DONE: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
};

/** A status as Jira shows it inside an issue's fields. */
export const statusJson = (status: ConfigStatus) => ({
  self: `${SITE.baseUrl}/rest/api/3/status/${status.id}`,
  id: status.id,
  name: status.name,
  description: '',
  statusCategory: {
    self: `${SITE.baseUrl}/rest/api/3/statuscategory/${CATEGORY_JSON[status.category].id}`,
    ...CATEGORY_JSON[status.category],
  },
});

export const statusCategoryName = (status: ConfigStatus): string => CATEGORY_JSON[status.category].name;

/** Lookups the issue routes need, over the configuration as it is now. */
export class ConfigView {
  constructor(readonly config: SiteConfig) {}

  project(keyOrId: string): ConfigProject | undefined {
    const wanted = keyOrId.toUpperCase();
    return this.config.projects.find((project) => project.id === keyOrId || project.key === wanted);
  }

  status(id: string): ConfigStatus | undefined {
    return this.config.statuses.find((status) => status.id === id);
  }

  statusNamed(name: string): ConfigStatus | undefined {
    const wanted = name.trim().toLowerCase();
    return this.config.statuses.find((status) => status.name.toLowerCase() === wanted);
  }

  issueType(idOrName: string) {
    return this.config.issueTypes.find((type) => type.id === idOrName || type.name === idOrName);
  }

  /** A project's issue types: those of its issue type scheme (the default scheme holds them all). */
  projectIssueTypes(project: ConfigProject) {
    const scheme = this.config.issueTypeSchemes.find((candidate) => candidate.id === project.issueTypeSchemeId);
    return scheme?.isDefault ? this.config.issueTypes : this.config.issueTypes.filter((type) => scheme?.issueTypeIds.includes(type.id));
  }

  /** The workflow issues of a type follow in a project, through its workflow scheme. */
  workflowFor(projectId: string, issueTypeId: string): ConfigWorkflow {
    return this.workflowIn(present(this.project(projectId)).workflowSchemeId, issueTypeId);
  }

  /** The workflow a workflow scheme gives issues of a type. */
  workflowIn(schemeId: string, issueTypeId: string): ConfigWorkflow {
    const scheme = present(this.config.workflowSchemes.find((candidate) => candidate.id === schemeId));
    const name = scheme.issueTypeMappings[issueTypeId] ?? scheme.defaultWorkflow;
    return present(this.config.workflows.find((workflow) => workflow.name === name));
  }

  projectJson(project: ConfigProject) {
    return {
      self: `${SITE.baseUrl}/rest/api/3/project/${project.id}`,
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: 'business',
      simplified: project.simplified,
      style: project.simplified ? 'next-gen' : 'classic',
      issueTypes: this.projectIssueTypes(project).map((type) => this.issueTypeJson(type)),
    };
  }

  issueTypeJson(type: SiteConfig['issueTypes'][number]) {
    return { self: `${SITE.baseUrl}/rest/api/3/issuetype/${type.id}`, ...type, subtask: false };
  }
}
