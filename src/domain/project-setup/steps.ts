import type { Failure } from '../result';

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
  | 'assignIssueTypeScreenScheme'
  | 'createFieldConfiguration'
  | 'updateFieldConfigurationItems'
  | 'createFieldConfigurationScheme'
  | 'setFieldConfigurationSchemeMapping'
  | 'assignFieldConfigurationScheme';

interface PlannedRequest {
  readonly route: SetupRoute;
  readonly params?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

type StepKind =
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
  | 'assign-issue-type-screen-scheme'
  | 'create-field-configuration'
  | 'set-field-configuration-items'
  | 'create-field-configuration-scheme'
  | 'map-field-configuration'
  | 'assign-field-configuration-scheme';

export interface SetupStep {
  readonly kind: StepKind;
  /** What the step changes, in an admin's words. */
  readonly summary: string;
  /** Sent first when present (Jira's validation endpoint); its errors stop the step. */
  readonly validation?: PlannedRequest;
  readonly request: PlannedRequest;
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
export const plannedId = (what: string): string => `(new ${what})`;
