import { scalarText } from '../contracts/scalar-text';
import type { JiraErrorCode } from '../contracts/jira-schemas';
import type { StartCreatedCode } from '../contracts/resolvers';
import type { NewRequestView, StartedRequest, TemplateOffer } from '../contracts/views/new-request';
import { ISSUE_TYPE } from '../domain/project-setup/blueprint';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { createPrefillOf, type RequestTemplate } from '../domain/templates';
import { load, type PanelDeps } from './panel-load';
import { execute } from './panel-commands';
import { readTemplates } from './template-store';

/** Who is asking and on which project's page, from the resolver context only: never from the payload. */
export interface ProjectPageCaller {
  readonly accountId: string;
  readonly projectId: string;
}

const offerOf = (
  template: RequestTemplate,
  create: { readonly projectId: string; readonly issueTypeId: string; readonly successMetricFieldId: string | undefined },
): TemplateOffer => {
  const prefill = createPrefillOf(template);
  return {
    id: template.id,
    name: template.name,
    fromKey: template.fromKey,
    ...(template.why ? { why: template.why } : {}),
    assetTypes: template.assets.map((asset) => asset.type),
    planItems: template.plan.dependencies.length + template.plan.events.length,
    qaNotes: Object.keys(template.qaNotes).length,
    createContext: {
      projectId: create.projectId,
      issueTypeId: create.issueTypeId,
      summary: prefill.summary,
      ...(prefill.successMetric && create.successMetricFieldId ? { [create.successMetricFieldId]: prefill.successMetric } : {}),
    },
  };
};

/**
 * The "New marketing request" page: the templates a requester can start from in this project, each with what Jira's
 * Create dialog opens with. Only for a viewer who may browse the project; a project without the Marketing Request
 * type (not set up) offers none and says so.
 */
export const offerTemplates = async (
  deps: PanelDeps,
  caller: ProjectPageCaller,
): Promise<Result<NewRequestView, Failure<JiraErrorCode | 'PERMISSION.DENIED'>>> => {
  const browsable = await deps.jira.browsableProjects(caller.accountId, [caller.projectId]);
  if (!browsable.ok) return browsable;
  if (!browsable.value.has(caller.projectId)) return failure('PERMISSION.DENIED', 'you cannot see this project');
  const [project, fieldIds, stored] = await Promise.all([
    deps.jira.project(caller.projectId),
    deps.jira.appFieldIds(),
    readTemplates(deps.store),
  ]);
  if (!project.ok) return project;
  if (!fieldIds.ok) return fieldIds;
  const issueType = project.value.issueTypes.find((type) => type.name === ISSUE_TYPE.name);
  if (issueType === undefined) return ok({ projectName: project.value.name, setUp: false, templates: [] });
  const create = { projectId: project.value.id, issueTypeId: issueType.id, successMetricFieldId: fieldIds.value.successMetric };
  return ok({ projectName: project.value.name, setUp: true, templates: stored.templates.map((template) => offerOf(template, create)) });
};

/**
 * Once Jira's Create dialog closed with a new request: starts its Flight Plan from the template the requester chose
 * (plan items, assets, QA notes), as "Start from a template" in its panel does. Only on a request of this page's
 * project that the caller may edit, and only while its plan has no assets (the command refuses otherwise).
 */
export const startCreatedFromTemplate = async (
  deps: PanelDeps,
  caller: ProjectPageCaller,
  { issueId, templateId }: { readonly issueId: string; readonly templateId: string },
): Promise<Result<StartedRequest, Failure<StartCreatedCode>>> => {
  const loaded = await load(deps, { accountId: caller.accountId, issueId }, 'edit');
  if (!loaded.ok) return loaded;
  const projectId = scalarText((loaded.value.issue.fields['project'] as { id?: unknown } | undefined)?.id, '');
  if (projectId !== caller.projectId) return failure('TEMPLATE.OTHER_PROJECT', 'that request is in another project than this page');
  // Jira's Create dialog lets the requester switch the issue type: a Task gets no Flight Plan, whatever the page asks.
  const issueType = (loaded.value.issue.fields['issuetype'] as { name?: unknown } | undefined)?.name;
  if (issueType !== ISSUE_TYPE.name)
    return failure('TEMPLATE.NOT_A_REQUEST', `that issue is not a ${ISSUE_TYPE.name}, so it has no Flight Plan to start from a template`);
  const template = loaded.value.templates.find((candidate) => candidate.id === templateId);
  if (template === undefined) return failure('TEMPLATE.NOT_FOUND', 'that template no longer exists; reload to see the current ones');
  const started = await execute(
    deps,
    { accountId: caller.accountId, issueId },
    loaded.value,
    { type: 'applyTemplate', template },
    loaded.value.state.record.revision,
  );
  return started.ok ? ok({ key: loaded.value.facts.issueKey, templateName: template.name }) : started;
};
