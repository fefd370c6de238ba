import type { AppFieldName } from '../app-fields';
import type { IntakeCreateRule } from '../intake-create-expression';
import { type StatusCategory, BLUEPRINT_TRANSITIONS, CREATE_VALIDATOR_KEY, validatorKeyOf, validatorLabelOf } from './blueprint';

/** A rule of a transition as Jira gives it. */
interface WorkflowRule {
  readonly ruleKey: string;
  readonly parameters?: Readonly<Record<string, unknown>> | null;
  readonly [key: string]: unknown;
}

/**
 * A transition as Jira gives it, with the app's validators on it named by module key. Read from GET
 * /rest/api/3/workflows/search (OpenAPI `WorkflowTransitions`): `type` is INITIAL, GLOBAL or DIRECTED, `toStatusReference`
 * is "the status the transition goes to" and `links` "the statuses the transition can start from", each by the
 * `statusReference` the workflow's statuses carry. A GLOBAL transition is one any status may take.
 */
interface ExistingTransition {
  readonly id: string;
  readonly name: string;
  readonly type?: string;
  readonly toStatusReference?: string;
  readonly links?: readonly ({ readonly fromStatusReference?: string | null } | null)[] | null;
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
interface NamedScheme {
  readonly id: string;
  readonly name: string;
}

/** One of setup's screens: its first tab and the fields on it. */
export interface ScreenState {
  readonly id: string;
  readonly tabId: string;
  readonly fieldIds: readonly string[];
}

/** A field as a field configuration has it (OpenAPI `FieldConfigurationItem`). */
export interface FieldConfigurationItemState {
  readonly id: string;
  readonly isRequired: boolean;
  readonly description: string;
}

/** Which field configuration an issue type uses in a field configuration scheme; `default` for the others. */
export interface FieldConfigurationMapping {
  readonly issueTypeId: string;
  readonly fieldConfigurationId: string;
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
  /** The field configuration setup made (shared by every set-up project), with the items setup sets; null until it exists. */
  readonly fieldConfiguration: { readonly id: string; readonly items: readonly FieldConfigurationItemState[] } | null;
  /**
   * The project's field configuration scheme; a project on Jira's default scheme has no id (null)
   * and its one mapping, `default`, to the Default Field Configuration. Setup only copies a scheme
   * other projects may share.
   */
  readonly fieldConfigurationScheme: {
    readonly id: string | null;
    readonly name: string;
    readonly mappings: readonly FieldConfigurationMapping[];
  };
  /** The project's own field configuration scheme from an earlier run, when it exists but is not yet the project's. */
  readonly ownFieldConfigurationScheme: { readonly id: string; readonly mappings: readonly FieldConfigurationMapping[] } | null;
  /** Field ids of the app's fields on this site (`customfield_NNNNN`). */
  readonly appFieldIds: Readonly<Partial<Record<AppFieldName, string>>>;
  /** The Create rule's configuration (its expression and data), from the app's configuration; null without the app's fields. */
  readonly createRule: IntakeCreateRule | null;
}

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

/** What a missing validator is called in what setup reports ("qa gate", "wait decision"), and its module key. */
interface NeededValidator {
  readonly key: string;
  readonly label: string;
}

const lower = (name: string): string => name.toLowerCase();

/** Each gated status (lowercased) and the validator every transition into it must carry: that of the blueprint's one gated transition into it. */
const GATE_INTO: ReadonlyMap<string, NeededValidator> = new Map(
  BLUEPRINT_TRANSITIONS.flatMap((transition) => {
    const key = validatorKeyOf(transition);
    return key === undefined ? [] : [[lower(transition.to), { key, label: validatorLabelOf(transition) }] as const];
  }),
);

const moveKey = (from: string, to: string): string => `${lower(from)} → ${lower(to)}`;

/**
 * The moves into a gated status the blueprint itself makes without a validator: the rework loops back (Build or QA to
 * Planning, QA or Launch to Build) and Waiting back to Triage. A request on one of them has passed that gate before.
 */
const UNGATED_MOVES: ReadonlySet<string> = new Set(
  BLUEPRINT_TRANSITIONS.filter((transition) => validatorKeyOf(transition) === undefined).flatMap((transition) =>
    transition.from.map((from) => moveKey(from, transition.to)),
  ),
);

/** Where a transition goes from and to, by status name; `from` null for a global transition (any status). Null when Jira did not say where it goes. */
const moveOf = (workflow: ExistingWorkflow, transition: ExistingTransition): { from: readonly string[] | null; to: string } | null => {
  const nameOf = (reference: string): string | undefined =>
    workflow.statusDetails?.find((status) => status.statusReference === reference)?.name;
  const to = transition.toStatusReference === undefined ? undefined : nameOf(transition.toStatusReference);
  if (to === undefined) return null;
  if (transition.type === 'GLOBAL') return { from: null, to };
  const from = (transition.links ?? []).flatMap((link) => {
    const reference = link?.fromStatusReference;
    return typeof reference === 'string' ? [nameOf(reference) ?? reference] : [];
  });
  return { from, to };
};

const blueprintOf = (transition: ExistingTransition) =>
  BLUEPRINT_TRANSITIONS.find((candidate) => candidate.id === transition.id || candidate.name === transition.name);

/**
 * The app validators a transition must carry and lacks: the one the blueprint puts on the transition of its id or
 * name, and the gate of the status it goes into, which every way into a gated status must pass (an added "Fast track",
 * a global transition, a second "Launch", one pointed at another status), except the blueprint's own ungated moves
 * back. The Create transition has its own rule (`staleCreateRule`).
 */
export const missingValidatorsOf = (workflow: ExistingWorkflow, transition: ExistingTransition): readonly NeededValidator[] => {
  if (transition.type === 'INITIAL') return [];
  const blueprint = blueprintOf(transition);
  const ownKey = blueprint === undefined ? undefined : validatorKeyOf(blueprint);
  const own = blueprint === undefined || ownKey === undefined ? [] : [{ key: ownKey, label: validatorLabelOf(blueprint) }];
  const move = moveOf(workflow, transition);
  const gate = move === null ? undefined : GATE_INTO.get(lower(move.to));
  const backOnTrack =
    move !== null && move.from !== null && move.from.length > 0 && move.from.every((from) => UNGATED_MOVES.has(moveKey(from, move.to)));
  const needed = [...own, ...(gate === undefined || backOnTrack ? [] : [gate])];
  return needed.filter(
    (validator, index) =>
      !transition.validatorKeys.includes(validator.key) && needed.findIndex((other) => other.key === validator.key) === index,
  );
};

/**
 * Where a gate is missing, in words for the admin: a blueprint transition where the blueprint has it as "Launch (qa
 * gate)"; any other transition by its name and move, as `"Fast track" from Build to Launch (qa gate)` or `"Done" from
 * any status to Done (measure gate)`.
 */
const findingOf = (workflow: ExistingWorkflow, transition: ExistingTransition, validator: NeededValidator): string => {
  const blueprint = blueprintOf(transition);
  const move = moveOf(workflow, transition);
  const inPlace =
    blueprint !== undefined &&
    validator.key === validatorKeyOf(blueprint) &&
    (move === null || lower(move.to) === lower(blueprint.to)) &&
    workflow.transitions.filter((other) => other.name === transition.name).length === 1;
  if (inPlace || move === null) return `${transition.name} (${validator.label})`;
  const from = move.from === null ? 'any status' : move.from.length === 0 ? 'no status' : move.from.join(' or ');
  return `"${transition.name}" from ${from} to ${move.to} (${validator.label})`;
};

/**
 * The gates (or triage decisions) the workflow lacks: every transition into a gated status without that status's
 * validator (see `missingValidatorsOf`), and each gated transition of the blueprint the workflow no longer has.
 */
export const missingGates = (workflow: ExistingWorkflow): readonly string[] => [
  ...workflow.transitions.flatMap((transition) =>
    missingValidatorsOf(workflow, transition).map((validator) => findingOf(workflow, transition, validator)),
  ),
  ...BLUEPRINT_TRANSITIONS.flatMap((transition) => {
    const key = validatorKeyOf(transition);
    if (key === undefined || workflow.transitions.some((candidate) => candidate.id === transition.id || candidate.name === transition.name))
      return [];
    return [`${transition.name} (${validatorLabelOf(transition)})`];
  }),
];
