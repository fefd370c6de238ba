import { z } from 'zod';
import type { CommandErrorCode } from '../domain/record-commands';
import type { AppConfig } from '../domain/app-config';
import { isQuarter, type Quarter } from '../domain/quarterly-audit';
import type { RequestTemplate } from '../domain/templates';
import type { ConfigErrorCode } from './app-config.schema';
import {
  crmImportApplyPayloadSchema,
  crmImportPayloadSchema,
  manualFigurePayloadSchema,
  startIterationPayloadSchema,
} from './crm-figures.schema';
import type { RecordErrorCode } from './flight-plan-record.schema';
import type { JiraErrorCode } from './jira-schemas';
import {
  auditPageQuerySchema,
  COMMAND_ENDPOINTS,
  expectedRevision,
  noPayload,
  peopleQuerySchema,
  resolver,
  type CommandKey,
  type ResolverApp,
  type ResolverSpec,
} from './resolver-contract';
import { applyTemplatePayloadSchema, saveTemplatePayloadSchema } from './templates.schema';
import type { AdminConfigView, AuditView, RecordReset, SetupChecksView, SetupPlanView, SetupRunView } from './views/admin';
import type { PanelForecast } from './views/forecast';
import type { HealthGadgetView, JqlCheck, ProjectChoice, RefreshRequestView, TriageGadgetView } from './views/gadgets';
import { jqlCheckSchema, projectQuerySchema } from './gadget.schema';
import {
  dependencyAddSchema,
  dependencyConfirmUnlinkedSchema,
  dependencyRemoveSchema,
  dependencySearchSchema,
  type DependenciesView,
  type DependencyCandidate,
} from './views/dependencies';
import type {
  CrmImportDoneView,
  CrmImportPreviewView,
  CrmWebTriggerView,
  OutcomesGadgetView,
  RecordFigureAnswer,
  RequestOutcomeView,
  StartedIteration,
} from './views/outcomes';
import type { AuditTrailView, PanelView } from './views/panel';
import {
  chooseTemplatePayloadSchema,
  forgetChoicePayloadSchema,
  startCreatedPayloadSchema,
  type NewRequestView,
  type StartedRequest,
  type TemplateChosen,
} from './views/new-request';
import type { Person } from './views/person';

/**
 * The typed contract between each Custom UI app and its resolver function: every key, the schema its payload is
 * parsed with, the answer and the error codes. The server's resolver definitions are built from these maps
 * (`src/handlers/resolvers/`), and each app calls them through `makeInvoke<ForgeDefinitions<…>>()` (its `api.ts`).
 */

/** What asking about the panel's issue can fail with: Jira, the caller's permission, the issue deleted since the panel opened. */
export type IssueAccessCode = JiraErrorCode | 'PERMISSION.DENIED' | 'ISSUE.DELETED';
/** What reading one issue's Flight Plan can fail with: Jira, the caller's permission, unreadable storage. */
export type IssueReadCode = IssueAccessCode | ConfigErrorCode | RecordErrorCode;
/**
 * What writing the record can fail with besides reading it: the domain's refusals, a stale or oversized record, a person
 * named who has no Jira account or may not edit the request.
 */
export type RecordWriteCode =
  | IssueReadCode
  | CommandErrorCode
  | 'RECORD.STALE'
  | 'RECORD.TOO_LARGE'
  | 'PERSON.NOT_AN_ACCOUNT'
  | 'PERSON.CANNOT_EDIT'
  | 'CAMPAIGN.UNSEEN_REQUESTS';

/** What starting an iteration can fail with: not the owner, no shortfall to iterate on, Jira refusing the new request. */
export type StartIterationCode =
  IssueReadCode | 'OUTCOME.NOT_OWNER' | 'OUTCOME.NO_ITERATION' | 'OUTCOME.ITERATION_REFUSED' | RecordWriteCode;

/** What reading a request's dependencies can fail with: Jira, the caller's permission, the stored configuration. */
export type DependencyReadCode = IssueAccessCode | ConfigErrorCode;
/**
 * What adding or removing a dependency can fail with besides reading them: no such request, itself, a loop, a graph too
 * deep, another add holding the link lease, a blocker not launched that only the owner or a triage lead removes, and a
 * change Jira made that the Flight Plan's audit trail could not note.
 */
export type DependencyChangeCode =
  | DependencyReadCode
  | RecordErrorCode
  | 'DEPENDENCY.NOT_FOUND'
  | 'DEPENDENCY.SELF'
  | 'DEPENDENCY.CYCLE'
  | 'DEPENDENCY.TOO_DEEP'
  | 'DEPENDENCY.BUSY'
  | 'DEPENDENCY.NOT_OWNER'
  | 'DEPENDENCY.NOT_NOTED'
  | 'COMMAND.NO_CHANGE';

/** The panel's record commands: each key's payload schema, answered with the panel's view. */
type CommandResolvers = {
  readonly [Key in CommandKey]: ResolverSpec<(typeof COMMAND_ENDPOINTS)[Key]['schema'], PanelView, RecordWriteCode>;
};
const commandResolvers = Object.fromEntries(
  Object.entries(COMMAND_ENDPOINTS).map(([key, endpoint]) => [key, resolver(endpoint.schema).answers<PanelView, RecordWriteCode>()]),
) as CommandResolvers;

/** `jira:issuePanel` "Flight Plan" and the `jira:issueContext` badge (one resolver function). */
export const PANEL = {
  resolvers: {
    'record/get': resolver(noPayload).answers<PanelView, IssueReadCode>(),
    ...commandResolvers,
    'template/save': resolver(saveTemplatePayloadSchema).answers<
      PanelView,
      RecordWriteCode | 'TEMPLATE.NOT_FINISHED' | 'TEMPLATE.NAME_TAKEN' | 'TEMPLATE.TOO_MANY'
    >(),
    'template/apply': resolver(applyTemplatePayloadSchema).answers<PanelView, RecordWriteCode | 'TEMPLATE.NOT_FOUND'>(),
    'record/audit': resolver(auditPageQuerySchema).answers<AuditTrailView, IssueReadCode>(),
    'people/search': resolver(peopleQuerySchema).answers<readonly Person[], IssueAccessCode>(),
    'forecast/get': resolver(noPayload).answers<PanelForecast, IssueAccessCode | ConfigErrorCode>(),
    'outcome/get': resolver(noPayload).answers<RequestOutcomeView, IssueReadCode>(),
    'outcome/record-figure': resolver(manualFigurePayloadSchema).answers<
      RecordFigureAnswer,
      RecordWriteCode | 'OUTCOME.NO_CAMPAIGN' | 'OUTCOME.NOT_OWNER' | 'OUTCOME.NOT_LISTED' | 'OUTCOME.UNREADABLE' | 'OUTCOME.FULL'
    >(),
    'outcome/start-iteration': resolver(startIterationPayloadSchema).answers<StartedIteration, StartIterationCode>(),
    'dependency/get': resolver(noPayload).answers<DependenciesView, DependencyReadCode>(),
    'dependency/add': resolver(dependencyAddSchema).answers<DependenciesView, DependencyChangeCode>(),
    'dependency/remove': resolver(dependencyRemoveSchema).answers<DependenciesView, DependencyChangeCode>(),
    'dependency/confirm-unlinked': resolver(dependencyConfirmUnlinkedSchema).answers<
      DependenciesView,
      DependencyChangeCode | RecordWriteCode
    >(),
    'dependency/search': resolver(dependencySearchSchema).answers<readonly DependencyCandidate[], IssueAccessCode>(),
  },
  wrongContext: { code: 'CONTEXT.NO_ISSUE', message: 'this resolver only runs on an issue' },
} as const satisfies ResolverApp<Readonly<Record<string, ResolverSpec>>, string>;

/** What searching Jira for requests can fail with: Jira, a query it cannot run, a scope too large to read. */
export type RequestSearchCode = JiraErrorCode | 'GADGET.BAD_JQL' | 'GADGET.TOO_MANY';

/** Only a Jira admin may use the admin page: asked of Jira each time. */
export type AdminCode = JiraErrorCode | 'PERMISSION.NOT_ADMIN';

/**
 * The configuration as the admin page sends it. It is checked field by field by the use case, which answers
 * `CONFIG.INVALID` with each problem beside its field; here it is typed for the page and left unparsed.
 */
const submittedConfig = z.unknown() as z.ZodType<unknown, AppConfig>;
const projectKeyPayload = z.object({
  projectKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,254}$/, 'The project key must be a Jira project key, like MKT'),
});
/**
 * What reading a CRM report can fail with: the admin check, the stored configuration, a file that does not read, a
 * report of another kind sent without its column mapping.
 */
export type CrmImportCode = AdminCode | ConfigErrorCode | 'CRM_IMPORT.INVALID' | 'PAYLOAD.INVALID';
/** What importing it can fail with besides: figures changed since the preview, storage stopping part way. */
export type CrmImportApplyCode = CrmImportCode | 'CRM_IMPORT.STALE' | 'CRM_IMPORT.PARTLY';
/** What setup can fail with: the admin check, the stored configuration, Jira, a project that is not there. */
export type SetupCode = AdminCode | ConfigErrorCode | 'SETUP.PROJECT_NOT_FOUND';

/** `jira:adminPage` "Flight Plan". */
export const ADMIN = {
  resolvers: {
    'config/get': resolver(noPayload).answers<AdminConfigView, AdminCode | ConfigErrorCode>(),
    'config/save': resolver(z.object({ config: submittedConfig, expectedRevision })).answers<
      AdminConfigView,
      AdminCode | ConfigErrorCode | 'CONFIG.STALE' | 'CONFIG.TOO_LARGE'
    >(),
    'audit/get': resolver(
      z.object({
        quarter: z.custom<Quarter>((value) => typeof value === 'string' && isQuarter(value), 'The quarter must be like 2026-Q3'),
      }),
    ).answers<AuditView, AdminCode | ConfigErrorCode | RequestSearchCode>(), // the quarter's launched requests are searched for by id
    'people/search': resolver(peopleQuerySchema).answers<readonly Person[], AdminCode>(),
    'templates/list': resolver(noPayload).answers<readonly RequestTemplate[], AdminCode>(),
    'templates/remove': resolver(z.object({ templateId: z.string().min(1).max(100) })).answers<
      readonly RequestTemplate[],
      AdminCode | 'TEMPLATE.NOT_FOUND'
    >(),
    'record/reset': resolver(
      z.object({
        issueKey: z
          .string()
          .trim()
          .min(1, 'Type the key of a request, like MKT-12')
          .max(255)
          .transform((key) => key.toUpperCase()),
      }),
    ).answers<RecordReset, AdminCode | 'RECORD.NO_SUCH_REQUEST' | 'RECORD.READABLE' | 'RECORD.FUTURE_VERSION' | 'RECORD.STALE'>(),
    'setup/plan': resolver(projectKeyPayload).answers<SetupPlanView, SetupCode>(),
    'setup/apply': resolver(projectKeyPayload).answers<SetupRunView, SetupCode>(),
    'setup/check': resolver(noPayload).answers<SetupChecksView, AdminCode | ConfigErrorCode>(),
    'crm/preview': resolver(crmImportPayloadSchema).answers<CrmImportPreviewView, CrmImportCode>(),
    'crm/import': resolver(crmImportApplyPayloadSchema).answers<CrmImportDoneView, CrmImportApplyCode>(),
    // The CRM web trigger's address and signing secret: shown, and replaced by a new secret.
    'crm/webtrigger': resolver(noPayload).answers<CrmWebTriggerView, AdminCode>(),
    'crm/rotate-secret': resolver(noPayload).answers<CrmWebTriggerView, AdminCode>(),
  },
  wrongContext: { code: 'CONTEXT.NOT_ADMIN_PAGE', message: 'this resolver only runs on the Flight Plan admin page' },
} as const satisfies ResolverApp<Readonly<Record<string, ResolverSpec>>, string>;

/** What a gadget's configuration can fail with, before any figure is read. */
export type GadgetCode = RequestSearchCode | ConfigErrorCode | 'PERMISSION.DENIED' | 'GADGET.NOT_CONFIGURED' | 'GADGET.NO_SUCH_PROJECT';

/** `jira:dashboardGadget` "Workflow health", "Triage queue" and "Outcomes" (one resolver function). */
export const GADGETS = {
  resolvers: {
    'health/get': resolver(noPayload).answers<HealthGadgetView, GadgetCode>(),
    'triage/get': resolver(z.object({ fresh: z.boolean().default(false) })).answers<TriageGadgetView, GadgetCode>(),
    // Viewers may ask for fresh figures; the refresh itself runs in the queue, as the hourly one does.
    'health/refresh': resolver(noPayload).answers<RefreshRequestView, GadgetCode>(),
    'outcomes/get': resolver(noPayload).answers<OutcomesGadgetView, GadgetCode>(),
    'projects/search': resolver(projectQuerySchema).answers<readonly ProjectChoice[], JiraErrorCode>(),
    'jql/check': resolver(jqlCheckSchema).answers<JqlCheck, JiraErrorCode>(),
  },
  wrongContext: { code: 'CONTEXT.NO_GADGET', message: 'this resolver only runs in a dashboard gadget' },
} as const satisfies ResolverApp<Readonly<Record<string, ResolverSpec>>, string>;

/** What starting a new request's Flight Plan from a template can fail with besides writing the record. */
export type StartCreatedCode = RecordWriteCode | 'TEMPLATE.NOT_FOUND' | 'TEMPLATE.OTHER_PROJECT' | 'TEMPLATE.NOT_A_REQUEST';

/** `jira:projectPage` "New marketing request": a project's templates, each opening Jira's Create dialog pre-filled. */
export const NEW_REQUEST = {
  resolvers: {
    'templates/offer': resolver(noPayload).answers<NewRequestView, JiraErrorCode | 'PERMISSION.DENIED'>(),
    'templates/choose': resolver(chooseTemplatePayloadSchema).answers<
      TemplateChosen,
      JiraErrorCode | 'PERMISSION.DENIED' | 'TEMPLATE.NOT_FOUND'
    >(),
    'templates/forget-choice': resolver(forgetChoicePayloadSchema).answers<null>(),
    'templates/start-created': resolver(startCreatedPayloadSchema).answers<StartedRequest, StartCreatedCode>(),
  },
  wrongContext: { code: 'CONTEXT.NO_PROJECT', message: 'this resolver only runs on a project page' },
} as const satisfies ResolverApp<Readonly<Record<string, ResolverSpec>>, string>;
