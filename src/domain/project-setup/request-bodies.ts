import { APP_FIELD_NAMES, type AppFieldName } from '../app-fields';
import {
  type StatusCategory,
  BLUEPRINT_STATUSES,
  BLUEPRINT_TRANSITIONS,
  CREATE_TRANSITION,
  CREATE_VALIDATOR_KEY,
  validatorKeyOf,
  REQUIRED_APP_FIELDS,
  REQUIRED_SYSTEM_FIELDS,
  SCORE_DESCRIPTIONS,
  SCREEN_SYSTEM_FIELDS,
  SYSTEM_FIELD_NAMES,
  WORKFLOW,
} from './blueprint';
import { present } from '../present';
import {
  missingValidatorsOf,
  staleCreateRule,
  type ExistingWorkflow,
  type FieldConfigurationItemState,
  type SetupSnapshot,
} from './snapshot';
import { plannedId } from './steps';

/** The request bodies setup sends to Jira, built from the snapshot. */

const statusReference = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Every app validator key on a transition: what a repaired transition is taken to carry in a dry run. */
export const GATED_KEYS = BLUEPRINT_TRANSITIONS.flatMap((transition) => validatorKeyOf(transition) ?? []);

const ruleFor = (snapshot: SetupSnapshot, moduleKey: string, config?: unknown) => {
  const rule = present(snapshot.forgeRules[moduleKey]);
  return { ruleKey: rule.ruleKey, parameters: { key: rule.id, ...(config === undefined ? {} : { config: JSON.stringify(config) }) } };
};

export const workflowCreateBody = (snapshot: SetupSnapshot) => ({
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
export const statusMappings = (snapshot: SetupSnapshot, issueTypeId: string) => {
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
export const workflowRepairBody = (snapshot: SetupSnapshot, workflow: ExistingWorkflow) => {
  const createAri = snapshot.forgeRules[CREATE_VALIDATOR_KEY]?.id;
  const transitions = workflow.transitions.map(({ validatorKeys, ...transition }) => {
    const validators = [...(transition.validators ?? [])];
    if (transition.type === 'INITIAL' && staleCreateRule(snapshot, workflow)) {
      const kept = validators.filter((rule) => rule.parameters?.['key'] !== createAri);
      return { ...transition, validators: [...kept, ruleFor(snapshot, CREATE_VALIDATOR_KEY, snapshot.createRule)] };
    }
    // Its own gate, and the gate of the status it goes into: what `missingGates` reports, put on.
    const missing = missingValidatorsOf(workflow, { ...transition, validatorKeys });
    return { ...transition, validators: [...validators, ...missing.map((validator) => ruleFor(snapshot, validator.key))] };
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

export const screenFieldIds = (snapshot: SetupSnapshot, appFields: readonly AppFieldName[]): string[] => [
  ...SCREEN_SYSTEM_FIELDS,
  ...appFields.map((name) => present(snapshot.appFieldIds[name])),
];

/** A field setup puts on a screen or in the field configuration, by the name the admin knows it by. */
export const setupFieldName = (snapshot: SetupSnapshot, fieldId: string): string => {
  const system = Object.entries(SYSTEM_FIELD_NAMES).find(([id]) => id === fieldId);
  const app = Object.entries(snapshot.appFieldIds).find(([, id]) => id === fieldId);
  return system?.[1] ?? (app === undefined ? 'a field Jira did not name' : APP_FIELD_NAMES[app[0] as AppFieldName]);
};

/** A field configuration item as setup wants it: only the properties it sets (a PUT overrides just those). */
export type WantedFieldItem = Pick<FieldConfigurationItemState, 'id'> & Partial<Omit<FieldConfigurationItemState, 'id'>>;

/** Required: what the intake expression on Create checks. Described: the triage scores, which a requester may fill in. */
const wantedFieldItems = (snapshot: SetupSnapshot): WantedFieldItem[] => [
  ...[...REQUIRED_SYSTEM_FIELDS, ...REQUIRED_APP_FIELDS.map((name) => present(snapshot.appFieldIds[name]))].map((id) => ({
    id,
    isRequired: true,
  })),
  ...Object.entries(SCORE_DESCRIPTIONS).map(([name, description]) => ({
    id: present(snapshot.appFieldIds[name as keyof typeof SCORE_DESCRIPTIONS]),
    description,
  })),
];

/** The wanted items the field configuration does not have yet. */
export const fieldItemsToSet = (snapshot: SetupSnapshot, have: readonly FieldConfigurationItemState[]): WantedFieldItem[] =>
  wantedFieldItems(snapshot).filter((wanted) => {
    const item = have.find((candidate) => candidate.id === wanted.id);
    return (
      (wanted.isRequired !== undefined && item?.isRequired !== wanted.isRequired) ||
      (wanted.description !== undefined && item?.description !== wanted.description)
    );
  });
