import type { AppFieldName } from '../app-fields';
import {
  BLUEPRINT_STATUSES,
  BLUEPRINT_TRANSITIONS,
  CREATE_VALIDATOR_KEY,
  FIELD_CONFIGURATION,
  ISSUE_TYPE,
  projectSchemeName,
  SCREEN,
  SCREEN_APP_FIELDS,
  SCREEN_SCHEME,
  VIEW_SCREEN,
  VIEW_SCREEN_APP_FIELDS,
  WORKFLOW,
} from './blueprint';
import { present } from '../present';
import { listOf } from '../gates/gate-context';
import {
  fieldItemsToSet,
  GATED_KEYS,
  screenFieldIds,
  setupFieldName,
  statusMappings,
  workflowCreateBody,
  workflowRepairBody,
  type WantedFieldItem,
} from './request-bodies';
import { missingGates, staleCreateRule, type ScreenState, type SetupSnapshot } from './snapshot';
import type { NextStep, SetupBlock, SetupStep } from './steps';

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
    summary: `Add the field ${setupFieldName(snapshot, absent)} to the screen "${blueprint.name}".`,
    request: { route: 'addScreenTabField', params: { screenId: screen.id, tabId: screen.tabId }, body: { fieldId: absent } },
  });
};
/** What a field configuration change does, in words: "mark Description and Due date as required; explain Impact". */
const fieldItemsSummary = (snapshot: SetupSnapshot, items: readonly WantedFieldItem[]): string => {
  const names = (wanted: readonly WantedFieldItem[]) => listOf(wanted.map((item) => setupFieldName(snapshot, item.id)));
  const required = items.filter((item) => item.isRequired === true);
  const described = items.filter((item) => item.description !== undefined);
  return [
    ...(required.length > 0 ? [`mark ${names(required)} as required, as the intake gate on Create checks them`] : []),
    ...(described.length > 0 ? [`put a line under ${names(described)} explaining the 1–5 scale`] : []),
  ].join('; ');
};

/**
 * The next step for the field configuration: create it, set the required marks and score
 * descriptions it lacks, then have the project use it for Marketing Requests through its own
 * field configuration scheme (a copy of the one it has, which other projects may share). Null
 * when the project uses it.
 */
const fieldConfigurationStep = (snapshot: SetupSnapshot, issueTypeId: string, ownScheme: string): NextStep | null => {
  const configuration = snapshot.fieldConfiguration;
  if (configuration === null)
    return step({
      kind: 'create-field-configuration',
      summary: `Create the field configuration "${FIELD_CONFIGURATION.name}".`,
      request: {
        route: 'createFieldConfiguration',
        body: { name: FIELD_CONFIGURATION.name, description: FIELD_CONFIGURATION.description },
      },
    });
  const items = fieldItemsToSet(snapshot, configuration.items);
  if (items.length > 0)
    return step({
      kind: 'set-field-configuration-items',
      summary: `In the field configuration "${FIELD_CONFIGURATION.name}", ${fieldItemsSummary(snapshot, items)}.`,
      request: { route: 'updateFieldConfigurationItems', params: { id: configuration.id }, body: { fieldConfigurationItems: items } },
    });
  const uses = (mappings: readonly { issueTypeId: string; fieldConfigurationId: string }[]) =>
    mappings.some((mapping) => mapping.issueTypeId === issueTypeId && mapping.fieldConfigurationId === configuration.id);
  const current = snapshot.fieldConfigurationScheme;
  if (uses(current.mappings)) return null;
  const own =
    current.name === ownScheme && current.id !== null
      ? { id: current.id, mappings: current.mappings }
      : snapshot.ownFieldConfigurationScheme;
  if (own === null)
    return step({
      kind: 'create-field-configuration-scheme',
      summary: `Create the field configuration scheme "${ownScheme}": a copy of "${current.name}" with "${ISSUE_TYPE.name}" using "${FIELD_CONFIGURATION.name}".`,
      request: {
        route: 'createFieldConfigurationScheme',
        body: {
          name: ownScheme,
          description: `${snapshot.project.name}: "${current.name}" with the Flight Plan field configuration for ${ISSUE_TYPE.name}. Set up by the Flight Plan app.`,
        },
      },
    });
  if (!uses(own.mappings)) {
    // A fresh copy takes the current scheme's mappings too, so the project's other issue types keep theirs.
    const copied = own.id === current.id ? [] : current.mappings.filter((mapping) => mapping.issueTypeId !== issueTypeId);
    return step({
      kind: 'map-field-configuration',
      summary: `Use the field configuration "${FIELD_CONFIGURATION.name}" for "${ISSUE_TYPE.name}" in "${ownScheme}".`,
      request: {
        route: 'setFieldConfigurationSchemeMapping',
        params: { id: own.id },
        body: { mappings: [...copied, { issueTypeId, fieldConfigurationId: configuration.id }] },
      },
    });
  }
  return step({
    kind: 'assign-field-configuration-scheme',
    summary: `Use the field configuration scheme "${ownScheme}" in ${snapshot.project.key}.`,
    request: { route: 'assignFieldConfigurationScheme', body: { fieldConfigurationSchemeId: own.id, projectId: snapshot.project.id } },
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

  const fields = fieldConfigurationStep(snapshot, issueTypeId, ownScheme);
  if (fields !== null) return fields;
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
