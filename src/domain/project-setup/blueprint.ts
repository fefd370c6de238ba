import { DEFAULT_CONFIG } from '../app-config';
import type { AppFieldName } from '../app-fields';
import type { Gate } from '../gates/gate-items';
import type { Stage } from '../stages';
import type { TriageMove } from '../triage-move';
import { present } from '../present';

/**
 * What Set up project builds in a company-managed project: the Workflow Flight Plan as Jira
 * configuration. The status names are the default configuration's, so the gates and metrics read
 * a set-up project without any mapping.
 */

export type StatusCategory = 'TODO' | 'IN_PROGRESS' | 'DONE';

interface BlueprintStatus {
  readonly stage: Stage;
  readonly name: string;
  readonly category: StatusCategory;
}

const CATEGORY_OF_STAGE: Readonly<Record<Stage, StatusCategory>> = {
  intake: 'TODO',
  triage: 'TODO',
  planning: 'IN_PROGRESS',
  build: 'IN_PROGRESS',
  qa: 'IN_PROGRESS',
  launch: 'IN_PROGRESS',
  measure: 'IN_PROGRESS',
  done: 'DONE',
  waiting: 'TODO',
  declined: 'DONE',
};

export const BLUEPRINT_STATUSES: readonly BlueprintStatus[] = (Object.keys(CATEGORY_OF_STAGE) as Stage[]).map((stage) => ({
  stage,
  name: present(DEFAULT_CONFIG.statusMap[stage][0]),
  category: CATEGORY_OF_STAGE[stage],
}));

const statusName = (stage: Stage): string => present(BLUEPRINT_STATUSES.find((status) => status.stage === stage)).name;

interface BlueprintTransition {
  /** Jira transition ids; stable, so a request's transitions read the same on every set-up project. */
  readonly id: string;
  readonly name: string;
  /** Status names the transition leaves from. */
  readonly from: readonly string[];
  readonly to: string;
  /** The gate validator attached to it (`jira:workflowValidator` key `<gate>-gate`). */
  readonly gate?: Gate;
  /** A move off the track that needs a triage lead's recorded decision (`jira:workflowValidator` key `<move>-decision`). */
  readonly decision?: TriageMove;
}

/**
 * The seven stages in order, the rework loops back, and Waiting / Declined out of triage. The move
 * to Waiting is called "Wait", the word the panel uses too.
 */
export const BLUEPRINT_TRANSITIONS: readonly BlueprintTransition[] = [
  { id: '11', name: 'Send to triage', from: [statusName('intake')], to: statusName('triage'), gate: 'intake' },
  { id: '21', name: 'Accept', from: [statusName('triage')], to: statusName('planning'), gate: 'triage' },
  { id: '22', name: 'Wait', from: [statusName('triage')], to: statusName('waiting'), decision: 'wait' },
  { id: '23', name: 'Resume triage', from: [statusName('waiting')], to: statusName('triage') },
  { id: '24', name: 'Decline', from: [statusName('triage'), statusName('waiting')], to: statusName('declined'), decision: 'decline' },
  { id: '31', name: 'Start build', from: [statusName('planning')], to: statusName('build'), gate: 'planning' },
  { id: '41', name: 'Submit for QA', from: [statusName('build')], to: statusName('qa'), gate: 'build' },
  { id: '42', name: 'Back to planning', from: [statusName('build'), statusName('qa')], to: statusName('planning') },
  { id: '51', name: 'Launch', from: [statusName('qa')], to: statusName('launch'), gate: 'qa' },
  { id: '52', name: 'Return to build', from: [statusName('qa'), statusName('launch')], to: statusName('build') },
  { id: '61', name: 'Start measuring', from: [statusName('launch')], to: statusName('measure'), gate: 'launch' },
  { id: '71', name: 'Close', from: [statusName('measure')], to: statusName('done'), gate: 'measure' },
];

/** The Create transition: every request starts in Intake, judged by the intake expression validator. */
export const CREATE_TRANSITION = { id: '1', name: 'Create', to: statusName('intake') } as const;

export const ISSUE_TYPE = {
  name: 'Marketing Request',
  description:
    'A request for marketing work, run through the Flight Plan: Intake → Triage → Planning → Build → QA + Governance → Launch → Measure + Improve.',
} as const;

export const WORKFLOW = {
  name: 'Flight Plan: Marketing Request',
  description: 'The seven-stage Workflow Flight Plan, with a gate validator on every forward transition. Set up by the Flight Plan app.',
} as const;

/** The screen people fill in: create and edit (the screen scheme's default), shared by every set-up project. */
export const SCREEN = {
  name: 'Flight Plan: Marketing Request',
  description: 'The brief and triage scores of a marketing request. Set up by the Flight Plan app.',
} as const;

/**
 * The view screen: the same fields and the two the app keeps (Triage score, Governance tier).
 * Those are read-only Forge fields, which Jira does not render on create or transition screens
 * (Forge manifest reference, jira:customField `readOnly`), so they go on the view screen only:
 * a screen scheme has default, create, edit and view screens (OpenAPI `ScreenTypes`).
 */
export const VIEW_SCREEN = {
  name: 'Flight Plan: Marketing Request (view)',
  description:
    'A marketing request as people read it, with the triage score and governance tier the app keeps. Set up by the Flight Plan app.',
} as const;

export const SCREEN_SCHEME = { name: 'Flight Plan: Marketing Request', description: SCREEN.description } as const;

/**
 * A project's own schemes are named after it: the project's current schemes may be shared with
 * other projects, so setup copies them with the Marketing Request added instead of editing them.
 */
export const projectSchemeName = (projectKey: string): string => `Flight Plan: ${projectKey}`;

/** The validator modules setup attaches, by manifest key. */
const gateValidatorKey = (gate: Gate): string => `${gate}-gate`;
export const CREATE_VALIDATOR_KEY = 'intake-gate-on-create';

/** The app validator a transition carries: its gate, or the triage lead's decision on Wait and Decline. */
export const validatorKeyOf = (transition: BlueprintTransition): string | undefined =>
  transition.gate !== undefined
    ? gateValidatorKey(transition.gate)
    : transition.decision !== undefined
      ? `${transition.decision}-decision`
      : undefined;

/** What setup calls a transition's validator in what it reports ("qa gate", "wait decision"). */
export const validatorLabelOf = (transition: BlueprintTransition): string =>
  transition.gate !== undefined ? `${transition.gate} gate` : `${transition.decision ?? 'no'} decision`;

/** System fields of the screen, in order, before the app's editable fields. */
export const SCREEN_SYSTEM_FIELDS = ['summary', 'description', 'duedate', 'assignee'] as const;

/** Those fields by the names Jira shows for them, for what setup tells the admin. */
export const SYSTEM_FIELD_NAMES: Readonly<Record<(typeof SCREEN_SYSTEM_FIELDS)[number], string>> = {
  summary: 'Summary',
  description: 'Description',
  duedate: 'Due date',
  assignee: 'Assignee',
};

/**
 * The app's fields people fill in on the screen. The triage score and tier are read-only fields the
 * app keeps current: they are on the view screen only.
 */
export const SCREEN_APP_FIELDS: readonly AppFieldName[] = ['successMetric', 'impact', 'confidence', 'effort', 'risk'];

/**
 * The field configuration Marketing Requests use: what marks a field required in Jira's own Create
 * dialog, and the line of help under it ("the description that appears under the field", Atlassian,
 * "Specify field behavior", support.atlassian.com/jira-cloud-administration/docs/specify-field-behavior).
 * Field configurations apply to company-managed projects only (OpenAPI `createFieldConfiguration`:
 * "can only create configurations for use in company-managed (classic) projects").
 */
export const FIELD_CONFIGURATION = {
  name: 'Flight Plan: Marketing Request',
  description: 'Marks what the intake gate on Create checks as required, and explains the triage scores. Set up by the Flight Plan app.',
} as const;

/**
 * The system fields the intake expression on Create refuses a request without that a field configuration can mark
 * required (its business context and launch date). The owner (Assignee) is refused by the Create rule too, but is
 * left out here: Jira makes Assignee required only through the site's "Allow unassigned issues" option, not through
 * a field configuration (Atlassian KB, confluence.atlassian.com/x/Sx2_Eg), so asking for it could stop setup at this
 * step on a real site.
 */
export const REQUIRED_SYSTEM_FIELDS = ['description', 'duedate'] as const;
/** The app's fields the intake expression on Create refuses a request without. */
export const REQUIRED_APP_FIELDS: readonly AppFieldName[] = ['successMetric'];

/** The line under each triage score in the Create dialog, for a requester who has never triaged. */
export const SCORE_DESCRIPTIONS: Readonly<Partial<Record<AppFieldName, string>>> = {
  impact: 'How much this moves the business if it works, 1 (little) to 5 (a lot). Triage may adjust it.',
  confidence: 'How sure you are of that impact, 1 (a guess) to 5 (backed by data). Triage may adjust it.',
  effort: 'How much work it takes, 1 (hours) to 5 (weeks of several people). Triage may adjust it.',
  risk: 'How much could go wrong in public (legal, brand, data), 1 (none) to 5 (regulated). It sets the review needed.',
};

/** The app's read-only fields, shown on the view screen after the editable ones. */
export const VIEW_SCREEN_APP_FIELDS: readonly AppFieldName[] = [...SCREEN_APP_FIELDS, 'triageScore', 'tier'];
