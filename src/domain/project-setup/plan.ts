import type { Failure } from '../result';
import { projectSchemeName, WORKFLOW } from './blueprint';
import { present } from '../present';
import { nextStep } from './next-step';
import { GATED_KEYS, workflowCreateBody, workflowRepairBody, type WantedFieldItem } from './request-bodies';
import { missingGates, staleCreateRule, type FieldConfigurationMapping, type ScreenState, type SetupSnapshot } from './snapshot';
import { plannedId, type SetupBlock, type SetupStep } from './steps';

/**
 * Set up project as a pure plan: from what Jira has now (a snapshot), the next change to make.
 * The use case reads the snapshot, asks for the next step, sends it and folds the answer back in
 * (`afterStep`) until nothing is left, so a second run finds nothing to do and a run stopped half
 * way continues where it stopped. Nothing existing is deleted or renamed; schemes other projects
 * may share are copied, never edited.
 *
 * The pieces: `snapshot.ts` (what setup reads), `steps.ts` (what it sends), `request-bodies.ts`
 * (the bodies), `next-step.ts` (the next change); this file folds a step back into the snapshot
 * and plans the whole run.
 */

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
    case 'create-field-configuration':
      return { ...snapshot, fieldConfiguration: { id, items: [] } };
    case 'set-field-configuration-items': {
      const configuration = present(snapshot.fieldConfiguration);
      const set = (done.request.body as { fieldConfigurationItems: readonly WantedFieldItem[] }).fieldConfigurationItems;
      const items = [
        ...configuration.items,
        ...set
          .filter((item) => !configuration.items.some((have) => have.id === item.id))
          .map((item) => ({ id: item.id, isRequired: false, description: '' })),
      ];
      return {
        ...snapshot,
        fieldConfiguration: {
          ...configuration,
          items: items.map((item) => ({ ...item, ...set.find((wanted) => wanted.id === item.id) })),
        },
      };
    }
    case 'create-field-configuration-scheme':
      return { ...snapshot, ownFieldConfigurationScheme: { id, mappings: [] } };
    case 'map-field-configuration': {
      const added = (done.request.body as { mappings: readonly FieldConfigurationMapping[] }).mappings;
      const mapped = (mappings: readonly FieldConfigurationMapping[]) => [
        ...mappings.filter((mapping) => !added.some((adding) => adding.issueTypeId === mapping.issueTypeId)),
        ...added,
      ];
      return snapshot.fieldConfigurationScheme.id === done.request.params?.['id']
        ? {
            ...snapshot,
            fieldConfigurationScheme: {
              ...snapshot.fieldConfigurationScheme,
              mappings: mapped(snapshot.fieldConfigurationScheme.mappings),
            },
          }
        : {
            ...snapshot,
            ownFieldConfigurationScheme: {
              id: present(done.request.params?.['id']),
              mappings: mapped(present(snapshot.ownFieldConfigurationScheme).mappings),
            },
          };
    }
    case 'assign-field-configuration-scheme': {
      const own = present(snapshot.ownFieldConfigurationScheme);
      return {
        ...snapshot,
        fieldConfigurationScheme: { id: own.id, name: projectSchemeName(snapshot.project.key), mappings: own.mappings },
        ownFieldConfigurationScheme: null,
      };
    }
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
