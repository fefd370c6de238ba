import type { AppFieldName } from '../app-fields';
import type { IntakeCreateRule } from '../intake-create-expression';
import type { Failure } from '../result';
import {
  type StatusCategory,
  BLUEPRINT_STATUSES,
  BLUEPRINT_TRANSITIONS,
  CREATE_TRANSITION,
  CREATE_VALIDATOR_KEY,
  validatorKeyOf,
  validatorLabelOf,
  ISSUE_TYPE,
  projectSchemeName,
  SCREEN,
  SCREEN_APP_FIELDS,
  SCREEN_SCHEME,
  SCREEN_SYSTEM_FIELDS,
  VIEW_SCREEN,
  VIEW_SCREEN_APP_FIELDS,
  WORKFLOW,
} from './blueprint';
import { present } from '../present';

/**
 * Set up project as a pure plan: from what Jira has now (a snapshot), the next change to make.
 * The use case reads the snapshot, asks for the next step, sends it and folds the answer back in
 * (`afterStep`) until nothing is left, so a second run finds nothing to do and a run stopped half
 * way continues where it stopped. Nothing existing is deleted or renamed; schemes other projects
 * may share are copied, never edited.
 */

/** The Jira REST operations setup sends, by the app's route names. */
export type SetupRoute =
  | 'createIssueType'
  | 'addIssueTypesToScheme'
  | 'createIssueTypeScheme'
  | 'assignIssueTypeScheme'
  | 'validateWorkflowCreate'
  | 'createWorkflows'
  | 'validateWorkflowUpdate'
  | 'updateWorkflows'
  | 'createWorkflowScheme'
  | 'assignWorkflowScheme'
  | 'switchWorkflowScheme'
  | 'createScreen'
  | 'addScreenTabField'
  | 'createScreenScheme'
  | 'updateScreenScheme'
  | 'createIssueTypeScreenScheme'
  | 'addIssueTypeScreenSchemeMappings'
  | 'assignIssueTypeScreenScheme';

export interface PlannedRequest {
  readonly route: SetupRoute;
  readonly params?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export type StepKind =
  | 'create-issue-type'
  | 'add-issue-type-to-scheme'
  | 'create-issue-type-scheme'
  | 'assign-issue-type-scheme'
  | 'create-workflow'
  | 'repair-workflow'
  | 'create-workflow-scheme'
  | 'assign-workflow-scheme'
  | 'create-screen'
  | 'add-screen-field'
  | 'create-view-screen'
  | 'add-view-screen-field'
  | 'create-screen-scheme'
  | 'set-view-screen'
  | 'create-issue-type-screen-scheme'
  | 'map-issue-type-screen-scheme'
  | 'assign-issue-type-screen-scheme';

export interface SetupStep {
  readonly kind: StepKind;
  /** What the step changes, in an admin's words. */
  readonly summary: string;
  /** Sent first when present (Jira's validation endpoint); its errors stop the step. */
  readonly validation?: PlannedRequest;
  readonly request: PlannedRequest;
}

/** A rule of a transition as Jira gives it. */
export interface WorkflowRule {
  readonly ruleKey: string;
  readonly parameters?: Readonly<Record<string, unknown>> | null;
  readonly [key: string]: unknown;
}

/** A transition as Jira gives it, with the app's validators on it named by module key. */
export interface ExistingTransition {
  readonly id: string;
  readonly name: string;
  readonly type?: string;
  readonly validators?: readonly WorkflowRule[] | null;
  /** Module keys of the app's validators on the transition. */
  readonly validatorKeys: readonly string[];
  /** Everything else Jira said about the transition, sent back unchanged when the workflow is repaired. */
  readonly [key: string]: unknown;
}

/**
 * The Flight Plan workflow as Jira has it. An update replaces a workflow whole, so what setup does
 * not change (statuses, layouts, other apps' rules) is kept to be sent back as it was read.
 */
export interface ExistingWorkflow {
  readonly id: string;
  readonly version?: { readonly id?: string; readonly versionNumber?: number };
  readonly description?: string;
  /** The workflow's status layout entries (`statusReference`, `properties`…). */
  readonly statuses?: readonly Readonly<Record<string, unknown>>[];
  /** The statuses those entries refer to: id, name, category and reference. */
  readonly statusDetails?: readonly {
    readonly id: string;
    readonly name: string;
    readonly statusCategory: StatusCategory;
    readonly statusReference: string;
  }[];
  readonly transitions: readonly ExistingTransition[];
}

/** A scheme as setup needs it: its id, and its name to tell the project's own copy from a shared one. */
export interface NamedScheme {
  readonly id: string;
  readonly name: string;
}

/** One of setup's screens: its first tab and the fields on it. */
export interface ScreenState {
  readonly id: string;
  readonly tabId: string;
  readonly fieldIds: readonly string[];
}

/** What setup reads from Jira before planning; ids are Jira's, as strings. */
export interface SetupSnapshot {
  readonly project: { readonly id: string; readonly key: string; readonly name: string; readonly companyManaged: boolean };
  /** Global statuses whose names the blueprint uses, by lowercased name. */
  readonly statuses: Readonly<Record<string, string>>;
  readonly issueTypeId: string | null;
  readonly projectHasIssueType: boolean;
  /** The project's issue type scheme; other projects may share it, so setup edits only the project's own copy. */
  readonly issueTypeScheme: NamedScheme & { readonly isDefault: boolean; readonly defaultIssueTypeId?: string };
  /** The issue types the project has now: its scheme's, which a copy of the scheme keeps. */
  readonly projectIssueTypeIds: readonly string[];
  /** The project's own issue type scheme from an earlier run, when it exists but is not yet the project's. */
  readonly ownIssueTypeSchemeId: string | null;
  readonly workflow: ExistingWorkflow | null;
  /** The app's workflow rules Jira offers, by module key → rule key and extension id (ARI). */
  readonly forgeRules: Readonly<Record<string, { readonly ruleKey: string; readonly id: string }>>;
  /** The project's workflow scheme; Jira gives the Default Workflow Scheme no id (null), and setup only copies it. */
  readonly workflowScheme: {
    readonly id: string | null;
    readonly name: string;
    readonly defaultWorkflow: string;
    readonly issueTypeMappings: Readonly<Record<string, string>>;
  };
  /** The project's own scheme from an earlier run, when it exists but is not yet the project's. */
  readonly ownWorkflowSchemeId: string | null;
  readonly projectHasIssues: boolean;
  /**
   * The statuses of the workflow Marketing Requests follow in the project now (read when the
   * project has issues): those the Flight Plan workflow lacks need a mapping when the scheme switches.
   */
  readonly currentTypeStatuses: readonly { readonly id: string; readonly name: string; readonly category: StatusCategory }[];
  readonly screen: ScreenState | null;
  readonly viewScreen: ScreenState | null;
  readonly screenSchemeId: string | null;
  /** The view screen of the screen scheme setup made: null until it has one. */
  readonly screenSchemeViewId: string | null;
  readonly issueTypeScreenScheme: NamedScheme & {
    readonly mappings: readonly { readonly issueTypeId: string; readonly screenSchemeId: string }[];
  };
  readonly ownIssueTypeScreenSchemeId: string | null;
  /** Field ids of the app's fields on this site (`customfield_NNNNN`). */
  readonly appFieldIds: Readonly<Partial<Record<AppFieldName, string>>>;
  /** The Create rule's configuration (its expression and data), from the app's configuration; null without the app's fields. */
  readonly createRule: IntakeCreateRule | null;
}

export type NextStep =
  | { readonly kind: 'step'; readonly step: SetupStep }
  | { readonly kind: 'done' }
  | { readonly kind: 'blocked'; readonly failure: Failure<SetupBlock> };

export type SetupBlock =
  | 'SETUP.TEAM_MANAGED'
  | 'SETUP.RULES_UNAVAILABLE'
  | 'SETUP.FIELDS_UNAVAILABLE'
  | 'SETUP.WORKFLOW_DRIFT'
  | 'SETUP.SCHEME_DRIFT'
  | 'SETUP.EXPRESSION_REFUSED';

/** Placeholder ids a dry run uses for what it would create. */
const plannedId = (what: string): string => `(new ${what})`;

const statusReference = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Every app validator key on a transition: what a repaired transition is taken to carry in a dry run. */
const GATED_KEYS = BLUEPRINT_TRANSITIONS.flatMap((transition) => validatorKeyOf(transition) ?? []);

const createRuleConfig = (snapshot: SetupSnapshot): string => JSON.stringify(snapshot.createRule);

/** The Create transition's app rule, with the configuration it carries. */
const createRuleOf = (snapshot: SetupSnapshot, workflow: ExistingWorkflow): WorkflowRule | undefined => {
  const create = workflow.transitions.find((transition) => transition.type === 'INITIAL');
  const ari = snapshot.forgeRules[CREATE_VALIDATOR_KEY]?.id;
  return (create?.validators ?? []).find((rule) => rule.parameters?.['key'] === ari);
};

/** Whether the intake expression on Create is missing or older than the one the configuration gives now. */
export const staleCreateRule = (snapshot: SetupSnapshot, workflow: ExistingWorkflow): boolean =>
  snapshot.createRule !== null &&
  snapshot.forgeRules[CREATE_VALIDATOR_KEY] !== undefined &&
  createRuleOf(snapshot, workflow)?.parameters?.['config'] !== createRuleConfig(snapshot);

/** Transitions of the workflow that lack the validator (a gate, or a triage decision) the blueprint attaches to them. */
export const missingGates = (workflow: ExistingWorkflow): readonly string[] =>
  BLUEPRINT_TRANSITIONS.flatMap((transition) => {
    const key = validatorKeyOf(transition);
    if (key === undefined) return [];
    const found = workflow.transitions.find((candidate) => candidate.id === transition.id || candidate.name === transition.name);
    return found?.validatorKeys.includes(key) ? [] : [`${transition.name} (${validatorLabelOf(transition)})`];
  });

const ruleFor = (snapshot: SetupSnapshot, moduleKey: string, config?: unknown) => {
  const rule = present(snapshot.forgeRules[moduleKey]);
  return { ruleKey: rule.ruleKey, parameters: { key: rule.id, ...(config === undefined ? {} : { config: JSON.stringify(config) }) } };
};

const workflowCreateBody = (snapshot: SetupSnapshot) => ({
  scope: { type: 'GLOBAL' },
  statuses: BLUEPRINT_STATUSES.map((status) => {
    const existing = snapshot.statuses[status.name.toLowerCase()];
    return {
      ...(existing === undefined ? {} : { id: existing }),
      name: status.name,
      statusCategory: status.category,
      statusReference: statusReference(status.name),
    };
  }),
  workflows: [
    {
      name: WORKFLOW.name,
      description: WORKFLOW.description,
      statuses: BLUEPRINT_STATUSES.map((status) => ({ statusReference: statusReference(status.name), properties: {} })),
      transitions: [
        {
          id: CREATE_TRANSITION.id,
          name: CREATE_TRANSITION.name,
          type: 'INITIAL',
          toStatusReference: statusReference(CREATE_TRANSITION.to),
          links: [],
          validators: [ruleFor(snapshot, CREATE_VALIDATOR_KEY, snapshot.createRule)],
        },
        ...BLUEPRINT_TRANSITIONS.map((transition) => ({
          id: transition.id,
          name: transition.name,
          type: 'DIRECTED',
          toStatusReference: statusReference(transition.to),
          links: transition.from.map((from) => ({ fromStatusReference: statusReference(from) })),
          validators: ((key) => (key === undefined ? [] : [ruleFor(snapshot, key)]))(validatorKeyOf(transition)),
        })),
      ],
    },
  ],
});

/** Where a status of the current workflow goes in the Flight Plan one: by name, else by category. */
const FALLBACK_BY_CATEGORY: Readonly<Record<StatusCategory, string>> = {
  TODO: present(BLUEPRINT_STATUSES.find((status) => status.stage === 'intake')).name,
  IN_PROGRESS: present(BLUEPRINT_STATUSES.find((status) => status.stage === 'build')).name,
  DONE: present(BLUEPRINT_STATUSES.find((status) => status.stage === 'done')).name,
};

/** The status mappings a scheme switch needs for the project's Marketing Requests (none when it has no statuses to move). */
const statusMappings = (snapshot: SetupSnapshot, issueTypeId: string) => {
  const flightPlan = new Set(BLUEPRINT_STATUSES.map((status) => snapshot.statuses[status.name.toLowerCase()]));
  const moves = snapshot.currentTypeStatuses
    .filter((status) => !flightPlan.has(status.id))
    .map((status) => {
      const target =
        BLUEPRINT_STATUSES.find((candidate) => candidate.name.toLowerCase() === status.name.toLowerCase())?.name ??
        FALLBACK_BY_CATEGORY[status.category];
      return { oldStatusId: status.id, newStatusId: snapshot.statuses[target.toLowerCase()] ?? plannedId(`status ${target}`) };
    });
  return moves.length === 0 ? [] : [{ issueTypeId, statusMappings: moves }];
};

/**
 * The workflow as read, with only the app's rules changed: each gate put back on its transition and
 * the Create rule carrying the current intake expression. Jira's update replaces a workflow whole.
 */
const workflowRepairBody = (snapshot: SetupSnapshot, workflow: ExistingWorkflow) => {
  const createAri = snapshot.forgeRules[CREATE_VALIDATOR_KEY]?.id;
  const transitions = workflow.transitions.map(({ validatorKeys, ...transition }) => {
    const validators = [...(transition.validators ?? [])];
    if (transition.type === 'INITIAL' && staleCreateRule(snapshot, workflow)) {
      const kept = validators.filter((rule) => rule.parameters?.['key'] !== createAri);
      return { ...transition, validators: [...kept, ruleFor(snapshot, CREATE_VALIDATOR_KEY, snapshot.createRule)] };
    }
    const blueprint = BLUEPRINT_TRANSITIONS.find((candidate) => candidate.id === transition.id || candidate.name === transition.name);
    const key = blueprint === undefined ? undefined : validatorKeyOf(blueprint);
    return key !== undefined && !validatorKeys.includes(key)
      ? { ...transition, validators: [...validators, ruleFor(snapshot, key)] }
      : { ...transition, validators };
  });
  return {
    statuses: (workflow.statusDetails ?? []).map(({ id, name, statusCategory, statusReference }) => ({
      id,
      name,
      statusCategory,
      statusReference,
    })),
    workflows: [
      {
        id: workflow.id,
        version: workflow.version,
        ...(workflow.description === undefined ? {} : { description: workflow.description }),
        statuses: workflow.statuses ?? [],
        transitions,
      },
    ],
  };
};

const screenFieldIds = (snapshot: SetupSnapshot, appFields: readonly AppFieldName[]): string[] => [
  ...SCREEN_SYSTEM_FIELDS,
  ...appFields.map((name) => present(snapshot.appFieldIds[name])),
];

/** Why setup cannot attach the app's validators `keys`, when Jira does not offer some of them. */
const rulesUnavailable = (snapshot: SetupSnapshot, keys: readonly string[]): NextStep | null => {
  const missing = keys.filter((key) => snapshot.forgeRules[key] === undefined);
  return missing.length === 0
    ? null
    : blocked(
        'SETUP.RULES_UNAVAILABLE',
        `Jira does not offer the app's validators ${missing.join(', ')} for ${snapshot.project.key}. Check that Flight Plan is installed on this site and deployed with them, then run setup again.`,
      );
};

const step = (value: SetupStep): NextStep => ({ kind: 'step', step: value });

/** The next step for one of setup's screens: create it, or put on it the first field it lacks; null when it is complete. */
const screenStep = (
  snapshot: SetupSnapshot,
  screen: ScreenState | null,
  blueprint: { readonly name: string; readonly description: string },
  appFields: readonly AppFieldName[],
  create: 'create-screen' | 'create-view-screen',
  addField: 'add-screen-field' | 'add-view-screen-field',
): NextStep | null => {
  if (screen === null)
    return step({
      kind: create,
      summary: `Create the screen "${blueprint.name}".`,
      request: { route: 'createScreen', body: { name: blueprint.name, description: blueprint.description } },
    });
  const absent = screenFieldIds(snapshot, appFields).find((fieldId) => !screen.fieldIds.includes(fieldId));
  if (absent === undefined) return null;
  return step({
    kind: addField,
    summary: `Add the field ${absent} to the screen "${blueprint.name}".`,
    request: { route: 'addScreenTabField', params: { screenId: screen.id, tabId: screen.tabId }, body: { fieldId: absent } },
  });
};
const blocked = (code: SetupBlock, message: string): NextStep => ({ kind: 'blocked', failure: { code, message } });

/** The next change setup makes, `done` when the project is set up, or why it cannot go on. */
export const nextStep = (snapshot: SetupSnapshot): NextStep => {
  const { project } = snapshot;
  if (!project.companyManaged) {
    return blocked(
      'SETUP.TEAM_MANAGED',
      `${project.key} is a team-managed project. Jira's REST API cannot add a work type to a team-managed project or give it a workflow, so Set up project works on company-managed projects only. In ${project.key}, add a "Marketing Request" work type with the Flight Plan statuses, then add the Flight Plan gates in its workflow editor (Rules → Validate details).`,
    );
  }
  const unavailableFields = VIEW_SCREEN_APP_FIELDS.filter((name) => snapshot.appFieldIds[name] === undefined);
  if (unavailableFields.length > 0) {
    return blocked(
      'SETUP.FIELDS_UNAVAILABLE',
      `Jira has no field for the app's ${unavailableFields.join(', ')}. Deploy Flight Plan with its custom fields, then run setup again.`,
    );
  }
  const issueTypeId = snapshot.issueTypeId;
  if (issueTypeId === null) {
    return step({
      kind: 'create-issue-type',
      summary: `Create the "${ISSUE_TYPE.name}" issue type.`,
      request: { route: 'createIssueType', body: { name: ISSUE_TYPE.name, description: ISSUE_TYPE.description, hierarchyLevel: 0 } },
    });
  }
  const ownScheme = projectSchemeName(project.key);
  if (!snapshot.projectHasIssueType) {
    const typeScheme = snapshot.issueTypeScheme;
    // Only the project's own copy is edited: the scheme it has may be shared with other projects.
    if (typeScheme.name === ownScheme) {
      return step({
        kind: 'add-issue-type-to-scheme',
        summary: `Add "${ISSUE_TYPE.name}" to the issue type scheme "${ownScheme}".`,
        request: { route: 'addIssueTypesToScheme', params: { issueTypeSchemeId: typeScheme.id }, body: { issueTypeIds: [issueTypeId] } },
      });
    }
    if (snapshot.ownIssueTypeSchemeId === null) {
      return step({
        kind: 'create-issue-type-scheme',
        summary: `Create the issue type scheme "${ownScheme}": a copy of "${typeScheme.name}" with "${ISSUE_TYPE.name}" added.`,
        request: {
          route: 'createIssueTypeScheme',
          body: {
            name: ownScheme,
            description: `${project.name}: "${typeScheme.name}" with ${ISSUE_TYPE.name}. Set up by the Flight Plan app.`,
            issueTypeIds: [...new Set([...snapshot.projectIssueTypeIds, issueTypeId])],
            ...(typeScheme.defaultIssueTypeId === undefined ? {} : { defaultIssueTypeId: typeScheme.defaultIssueTypeId }),
          },
        },
      });
    }
    return step({
      kind: 'assign-issue-type-scheme',
      summary: `Use the issue type scheme "${ownScheme}" in ${project.key}.`,
      request: { route: 'assignIssueTypeScheme', body: { issueTypeSchemeId: snapshot.ownIssueTypeSchemeId, projectId: project.id } },
    });
  }

  if (snapshot.workflow === null) {
    const unavailable = rulesUnavailable(snapshot, [CREATE_VALIDATOR_KEY, ...GATED_KEYS]);
    if (unavailable !== null) return unavailable;
    const created = BLUEPRINT_STATUSES.filter((status) => snapshot.statuses[status.name.toLowerCase()] === undefined).map(
      (status) => status.name,
    );
    const body = workflowCreateBody(snapshot);
    return step({
      kind: 'create-workflow',
      summary: `Create the workflow "${WORKFLOW.name}": ${BLUEPRINT_STATUSES.length} statuses (${created.length === 0 ? 'all existing' : `new: ${created.join(', ')}`}), ${BLUEPRINT_TRANSITIONS.length + 1} transitions, the ${BLUEPRINT_TRANSITIONS.filter((t) => t.gate).length} gate validators, the triage lead's decision on Wait and Decline, and the intake expression on Create.`,
      validation: { route: 'validateWorkflowCreate', body: { payload: body, validationOptions: { levels: ['ERROR', 'WARNING'] } } },
      request: { route: 'createWorkflows', body },
    });
  }
  const missing = missingGates(snapshot.workflow);
  const stale = staleCreateRule(snapshot, snapshot.workflow);
  if (missing.length > 0 || stale) {
    const workflow = snapshot.workflow;
    if (workflow.version === undefined || workflow.statusDetails === undefined) {
      return blocked(
        'SETUP.WORKFLOW_DRIFT',
        `The workflow "${WORKFLOW.name}" lacks gates on: ${missing.join('; ')}, and Jira did not give its version to repair it. Add the validators back in Jira's workflow editor.`,
      );
    }
    const unavailable = rulesUnavailable(snapshot, [...(stale ? [CREATE_VALIDATOR_KEY] : []), ...GATED_KEYS]);
    if (unavailable !== null) return unavailable;
    const body = workflowRepairBody(snapshot, workflow);
    return step({
      kind: 'repair-workflow',
      summary: `Update the workflow "${WORKFLOW.name}": ${[...(missing.length > 0 ? [`put back the gates on ${missing.join(', ')}`] : []), ...(stale ? ['write the intake expression of the current configuration on Create'] : [])].join('; ')}. Nothing else in it changes.`,
      validation: { route: 'validateWorkflowUpdate', body: { payload: body, validationOptions: { levels: ['ERROR', 'WARNING'] } } },
      request: { route: 'updateWorkflows', body },
    });
  }

  if (snapshot.workflowScheme.issueTypeMappings[issueTypeId] !== WORKFLOW.name) {
    if (snapshot.workflowScheme.name === ownScheme) {
      return blocked(
        'SETUP.SCHEME_DRIFT',
        `The workflow scheme "${ownScheme}" no longer maps "${ISSUE_TYPE.name}" to "${WORKFLOW.name}". Map it back in Jira's workflow scheme settings.`,
      );
    }
    if (snapshot.ownWorkflowSchemeId === null) {
      return step({
        kind: 'create-workflow-scheme',
        summary: `Create the workflow scheme "${ownScheme}": a copy of "${snapshot.workflowScheme.name}" with "${ISSUE_TYPE.name}" using "${WORKFLOW.name}".`,
        request: {
          route: 'createWorkflowScheme',
          body: {
            name: ownScheme,
            description: `${project.name}: "${snapshot.workflowScheme.name}" with the Flight Plan workflow for ${ISSUE_TYPE.name}. Set up by the Flight Plan app.`,
            defaultWorkflow: snapshot.workflowScheme.defaultWorkflow,
            issueTypeMappings: { ...snapshot.workflowScheme.issueTypeMappings, [issueTypeId]: WORKFLOW.name },
          },
        },
      });
    }
    // A project with issues switches schemes through a Jira task. Its other issue types keep their
    // workflows; Marketing Requests it already has move to the Flight Plan statuses. An empty
    // project is assigned at once.
    return step(
      snapshot.projectHasIssues
        ? {
            kind: 'assign-workflow-scheme',
            summary: `Switch ${project.key} to the workflow scheme "${ownScheme}" (its issues keep their statuses).`,
            request: {
              route: 'switchWorkflowScheme',
              body: {
                projectId: project.id,
                targetSchemeId: snapshot.ownWorkflowSchemeId,
                mappingsByIssueTypeOverride: statusMappings(snapshot, issueTypeId),
              },
            },
          }
        : {
            kind: 'assign-workflow-scheme',
            summary: `Use the workflow scheme "${ownScheme}" in ${project.key}.`,
            request: { route: 'assignWorkflowScheme', body: { projectId: project.id, workflowSchemeId: snapshot.ownWorkflowSchemeId } },
          },
    );
  }

  const form = screenStep(snapshot, snapshot.screen, SCREEN, SCREEN_APP_FIELDS, 'create-screen', 'add-screen-field');
  if (form !== null) return form;
  const view = screenStep(
    snapshot,
    snapshot.viewScreen,
    VIEW_SCREEN,
    VIEW_SCREEN_APP_FIELDS,
    'create-view-screen',
    'add-view-screen-field',
  );
  if (view !== null) return view;
  const screen = present(snapshot.screen);
  const viewScreen = present(snapshot.viewScreen);
  const screenSchemeId = snapshot.screenSchemeId;
  if (screenSchemeId === null) {
    return step({
      kind: 'create-screen-scheme',
      summary: `Create the screen scheme "${SCREEN_SCHEME.name}" ("${SCREEN.name}" to create and edit, "${VIEW_SCREEN.name}" to view).`,
      request: {
        route: 'createScreenScheme',
        body: {
          name: SCREEN_SCHEME.name,
          description: SCREEN_SCHEME.description,
          screens: { default: Number(screen.id) || screen.id, view: Number(viewScreen.id) || viewScreen.id },
        },
      },
    });
  }
  if (snapshot.screenSchemeViewId !== viewScreen.id) {
    // A screen scheme made before setup had a view screen: it gets one.
    return step({
      kind: 'set-view-screen',
      summary: `Use the screen "${VIEW_SCREEN.name}" to view requests in the screen scheme "${SCREEN_SCHEME.name}".`,
      request: { route: 'updateScreenScheme', params: { screenSchemeId }, body: { screens: { view: viewScreen.id } } },
    });
  }

  const screens = snapshot.issueTypeScreenScheme;
  if (screens.mappings.some((mapping) => mapping.issueTypeId === issueTypeId && mapping.screenSchemeId === screenSchemeId))
    return { kind: 'done' };
  const mapping = { issueTypeId, screenSchemeId };
  if (screens.name === ownScheme) {
    return step({
      kind: 'map-issue-type-screen-scheme',
      summary: `Use the screen scheme "${SCREEN_SCHEME.name}" for "${ISSUE_TYPE.name}" in "${ownScheme}".`,
      request: {
        route: 'addIssueTypeScreenSchemeMappings',
        params: { issueTypeScreenSchemeId: screens.id },
        body: { issueTypeMappings: [mapping] },
      },
    });
  }
  if (snapshot.ownIssueTypeScreenSchemeId === null) {
    return step({
      kind: 'create-issue-type-screen-scheme',
      summary: `Create the issue type screen scheme "${ownScheme}": a copy of "${screens.name}" with "${ISSUE_TYPE.name}" using "${SCREEN_SCHEME.name}".`,
      request: {
        route: 'createIssueTypeScreenScheme',
        body: {
          name: ownScheme,
          description: `${project.name}: "${screens.name}" with the Flight Plan screens for ${ISSUE_TYPE.name}. Set up by the Flight Plan app.`,
          issueTypeMappings: [...screens.mappings.filter((existing) => existing.issueTypeId !== issueTypeId), mapping],
        },
      },
    });
  }
  return step({
    kind: 'assign-issue-type-screen-scheme',
    summary: `Use the issue type screen scheme "${ownScheme}" in ${project.key}.`,
    request: {
      route: 'assignIssueTypeScreenScheme',
      body: { issueTypeScreenSchemeId: snapshot.ownIssueTypeScreenSchemeId, projectId: project.id },
    },
  });
};

/** A screen with the field an add-field step put on it. */
const withField = (screen: ScreenState, done: SetupStep): ScreenState => ({
  ...screen,
  fieldIds: [...screen.fieldIds, (done.request.body as { fieldId: string }).fieldId],
});

/**
 * The snapshot after a step succeeded, given the id Jira answered with; `createdId` null is the
 * dry run, which uses placeholders. Null comes back when only a fresh read can tell what Jira made
 * (a new screen's default tab): the use case then reads Jira again.
 */
export const afterStep = (snapshot: SetupSnapshot, done: SetupStep, createdId: string | null): SetupSnapshot | null => {
  const id = createdId ?? plannedId(done.kind);
  switch (done.kind) {
    case 'create-issue-type':
      // Jira adds a new issue type to the default scheme.
      return { ...snapshot, issueTypeId: id, projectHasIssueType: snapshot.issueTypeScheme.isDefault };
    case 'add-issue-type-to-scheme':
      return {
        ...snapshot,
        projectHasIssueType: true,
        projectIssueTypeIds: [...snapshot.projectIssueTypeIds, present(snapshot.issueTypeId)],
      };
    case 'create-issue-type-scheme':
      return { ...snapshot, ownIssueTypeSchemeId: id };
    case 'assign-issue-type-scheme':
      return {
        ...snapshot,
        issueTypeScheme: {
          ...snapshot.issueTypeScheme,
          id: present(snapshot.ownIssueTypeSchemeId),
          name: projectSchemeName(snapshot.project.key),
          isDefault: false,
        },
        projectIssueTypeIds: [...snapshot.projectIssueTypeIds, present(snapshot.issueTypeId)],
        projectHasIssueType: true,
        ownIssueTypeSchemeId: null,
      };
    case 'create-workflow':
      // A scheme switch maps existing requests onto the new statuses, whose ids only a fresh read gives.
      if (createdId !== null && snapshot.projectHasIssues) return null;
      return {
        ...snapshot,
        workflow: {
          id,
          transitions: present(workflowCreateBody(snapshot).workflows[0]).transitions.map((transition) => ({
            ...transition,
            validatorKeys: GATED_KEYS,
          })),
        },
      };
    case 'repair-workflow': {
      if (createdId !== null) return null;
      const repaired = present(workflowRepairBody(snapshot, present(snapshot.workflow)).workflows[0]).transitions;
      return {
        ...snapshot,
        workflow: {
          ...present(snapshot.workflow),
          transitions: repaired.map((transition) => ({ ...transition, validatorKeys: GATED_KEYS })),
        },
      };
    }
    case 'create-workflow-scheme':
      return { ...snapshot, ownWorkflowSchemeId: id };
    case 'assign-workflow-scheme':
      return {
        ...snapshot,
        workflowScheme: {
          ...snapshot.workflowScheme,
          id: present(snapshot.ownWorkflowSchemeId),
          name: projectSchemeName(snapshot.project.key),
          issueTypeMappings: { ...snapshot.workflowScheme.issueTypeMappings, [present(snapshot.issueTypeId)]: WORKFLOW.name },
        },
        ownWorkflowSchemeId: null,
      };
    case 'create-screen':
      return createdId === null ? { ...snapshot, screen: { id, tabId: plannedId('screen tab'), fieldIds: [] } } : null;
    case 'add-screen-field':
      return { ...snapshot, screen: withField(present(snapshot.screen), done) };
    case 'create-view-screen':
      return createdId === null ? { ...snapshot, viewScreen: { id, tabId: plannedId('view screen tab'), fieldIds: [] } } : null;
    case 'add-view-screen-field':
      return { ...snapshot, viewScreen: withField(present(snapshot.viewScreen), done) };
    case 'create-screen-scheme':
      return { ...snapshot, screenSchemeId: id, screenSchemeViewId: present(snapshot.viewScreen).id };
    case 'set-view-screen':
      return { ...snapshot, screenSchemeViewId: present(snapshot.viewScreen).id };
    case 'create-issue-type-screen-scheme':
      return { ...snapshot, ownIssueTypeScreenSchemeId: id };
    case 'map-issue-type-screen-scheme':
    case 'assign-issue-type-screen-scheme': {
      const issueTypeId = present(snapshot.issueTypeId);
      return {
        ...snapshot,
        issueTypeScreenScheme: {
          id:
            done.kind === 'map-issue-type-screen-scheme' ? snapshot.issueTypeScreenScheme.id : present(snapshot.ownIssueTypeScreenSchemeId),
          name: projectSchemeName(snapshot.project.key),
          mappings: [
            ...snapshot.issueTypeScreenScheme.mappings.filter((mapping) => mapping.issueTypeId !== issueTypeId),
            { issueTypeId, screenSchemeId: present(snapshot.screenSchemeId) },
          ],
        },
        ownIssueTypeScreenSchemeId: null,
      };
    }
  }
};

/** Every step setup would take from this snapshot, without sending anything: the dry run. */
export const planAll = (snapshot: SetupSnapshot): { readonly steps: readonly SetupStep[]; readonly blocked?: Failure<SetupBlock> } => {
  const steps: SetupStep[] = [];
  let current = snapshot;
  // Bounded: each step removes one difference, and a snapshot has fewer than 40.
  for (let guard = 0; guard < 60; guard++) {
    const next = nextStep(current);
    if (next.kind === 'done') return { steps };
    if (next.kind === 'blocked') return { steps, blocked: next.failure };
    steps.push(next.step);
    current = present(afterStep(current, next.step, null));
  }
  throw new Error('setup plan did not converge');
};

/**
 * What keeps a project that was set up from being set up now, for the audit: the gates missing
 * from its workflow, or the changes setup would make again (someone remapped a scheme). Empty
 * when the project is as setup left it.
 */
export const setupDrift = (snapshot: SetupSnapshot): readonly string[] => {
  if (snapshot.workflow !== null) {
    const missing = missingGates(snapshot.workflow).map((transition) => `gate validator missing on ${transition}`);
    const stale = staleCreateRule(snapshot, snapshot.workflow)
      ? ['the intake expression on Create is older than the configuration (run setup again to rewrite it)']
      : [];
    if (missing.length + stale.length > 0) return [...missing, ...stale];
  }
  const plan = planAll(snapshot);
  return [...plan.steps.map((step) => `setup would change it again: ${step.summary}`), ...(plan.blocked ? [plan.blocked.message] : [])];
};
