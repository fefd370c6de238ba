import { projectIdOf } from '../contracts/jira-issue-facts';
import type { JiraErrorCode } from '../contracts/jira-schemas';
import type { StartCreatedCode } from '../contracts/resolvers';
import type { NewRequestView, StartedRequest, TemplateChosen, TemplateOffer } from '../contracts/views/new-request';
import { ISSUE_TYPE } from '../domain/project-setup/blueprint';
import { failure, ok, type Failure, type Result } from '../domain/result';
import {
  choiceFor,
  createPrefillOf,
  pressed,
  withChoiceUsed,
  withoutCancelled,
  type NamedChoice,
  type RequestTemplate,
  type TemplateChoice,
} from '../domain/templates';
import type { IssueEvent } from '../contracts/issue-event.schema';
import { templateChoiceSchema, templateChoicesSchema } from '../contracts/templates.schema';
import type { JiraApi } from './jira-port';
import { storageKeys, type AppStore, type GuardedWrite } from './ports';
import { revisionOfUnreadable } from './unreadable-values';
import { load, templateToStart, type PanelDeps } from './panel-load';
import { execute } from './panel-commands';
import { isSeenBy, readTemplates, templatesSeenBy } from './template-store';

/** Who is asking and on which project's page, from the resolver context only: never from the payload. */
export interface ProjectPageCaller {
  readonly accountId: string;
  readonly projectId: string;
}

/** Whether the caller may browse the page's project: the page and each of its calls ask Jira, never the payload. */
const mayBrowsePage = async (
  deps: PanelDeps,
  caller: ProjectPageCaller,
): Promise<Result<null, Failure<JiraErrorCode | 'PERMISSION.DENIED'>>> => {
  const browsable = await deps.jira.browsableProjects(caller.accountId, [caller.projectId]);
  if (!browsable.ok) return browsable;
  return browsable.value.has(caller.projectId) ? ok(null) : failure('PERMISSION.DENIED', 'you cannot see this project');
};

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
  const browsable = await mayBrowsePage(deps, caller);
  if (!browsable.ok) return browsable;
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
  const seen = await templatesSeenBy(deps.jira, caller.accountId, stored.templates);
  return ok({ projectName: project.value.name, setUp: true, templates: seen.map((template) => offerOf(template, create)) });
};

/** A person's stored choices of template, the revision they were committed at, and their key. */
interface StoredChoices {
  readonly key: string;
  readonly revision: number;
  readonly choices: readonly TemplateChoice[];
}

/** Storage drops a person's choices a day after the last was written: a choice counts for an hour at most. */
const CHOICES_KEPT_DAYS = 1;

/**
 * The person's stored choices; a value that does not read counts as none (a single choice, as stored before the list,
 * still counts).
 */
const readChoices = async (store: AppStore, accountId: string): Promise<StoredChoices> => {
  const key = storageKeys.templateChoice(accountId);
  const raw = (await store.getMany([key])).get(key);
  const parsed = templateChoicesSchema.safeParse(raw);
  if (parsed.success) return { key, revision: parsed.data.revision, choices: parsed.data.choices };
  const single = templateChoiceSchema.safeParse(raw);
  return { key, revision: await revisionOfUnreadable(store, key, raw), choices: single.success ? [single.data] : [] };
};

/** The guarded write of the person's choices as `choices`, from the revision read, expiring as the choices do. */
const choicesWrite = (stored: StoredChoices, choices: readonly TemplateChoice[]): GuardedWrite => ({
  key: stored.key,
  value: { revision: stored.revision + 1, choices },
  readRevision: stored.revision,
  revision: stored.revision + 1,
  expireAfterDays: CHOICES_KEPT_DAYS,
});

/** A person's choices are written by their own pages and triggers: two at once is rare, three in a row rarer still. */
const CHOICE_WRITE_ATTEMPTS = 3;

/**
 * Rewrites the person's choices as `change` makes them (null: nothing to change), reading again when a write got in
 * between; answers `change`'s answer of the choices it last wrote, or left.
 */
const updateChoices = async <Answer>(
  store: AppStore,
  accountId: string,
  change: (choices: readonly TemplateChoice[]) => { readonly choices: readonly TemplateChoice[] | null; readonly answer: Answer },
): Promise<Answer> => {
  for (let attempt = 1; attempt <= CHOICE_WRITE_ATTEMPTS; attempt++) {
    const stored = await readChoices(store, accountId);
    const changed = change(stored.choices);
    if (changed.choices === null || (await store.commit({ guarded: [choicesWrite(stored, changed.choices)] })) === 'committed')
      return changed.answer;
  }
  throw new Error(`the template choices of ${accountId} changed ${CHOICE_WRITE_ATTEMPTS} times while being written`);
};

/**
 * The requester pressed "Start from …": the app keeps the choice, before Jira's Create dialog opens, so the request the
 * dialog creates starts from the template even if this page is closed before the dialog reports back (the created-issue
 * trigger applies it then). A person's latest few choices are kept, so one made for a second request does not replace
 * one whose request is still on its way; storage drops them a day after the last, and each counts for an hour. Answers
 * the choice's identity, its instant, which the page names when the dialog closes, cancelled (`forgetTemplateChoice`)
 * or with the new request (`startCreatedFromTemplate`). Asked again for the same press (`pressId`), it answers the
 * choice that press already made (`pressed`).
 */
export const chooseTemplate = async (
  deps: PanelDeps,
  caller: ProjectPageCaller,
  { templateId, pressId }: { readonly templateId: string; readonly pressId?: string | undefined },
): Promise<Result<TemplateChosen, Failure<JiraErrorCode | 'PERMISSION.DENIED' | 'TEMPLATE.NOT_FOUND'>>> => {
  const browsable = await mayBrowsePage(deps, caller);
  if (!browsable.ok) return browsable;
  const stored = await readTemplates(deps.store);
  const template = stored.templates.find((candidate) => candidate.id === templateId);
  if (template === undefined || !(await isSeenBy(deps.jira, caller.accountId, template))) return templateGone();
  const pick = { projectId: caller.projectId, templateId, ...(pressId === undefined ? {} : { pressId }) };
  const chosen = await updateChoices(deps.store, caller.accountId, (choices) => {
    const press = pressed(choices, pick, deps.now);
    return { choices: press.choices, answer: press.choice };
  });
  return ok({ chosenAt: chosen.at });
};

/**
 * The Create dialog was cancelled: the choice it was opened for goes, so a request the person creates some other way
 * later does not take it; any other choice, such as one whose dialog is open in another tab, stays (`withoutCancelled`,
 * which also says what a cancel without a name does).
 */
export const forgetTemplateChoice = async (
  deps: PanelDeps,
  caller: ProjectPageCaller,
  { chosenAt }: { readonly chosenAt?: string | undefined },
): Promise<Result<null, never>> => {
  const cancel = { projectId: caller.projectId, chosenAt: chosenAt ?? null };
  await updateChoices(deps.store, caller.accountId, (choices) => ({ choices: withoutCancelled(choices, cancel, deps.now), answer: null }));
  return ok(null);
};

const templateGone = () => failure('TEMPLATE.NOT_FOUND', 'that template no longer exists; reload to see the current ones');
const choiceNotWaiting = () =>
  failure(
    'TEMPLATE.NOT_FOUND',
    "no choice of that template waits for this request (it started another request, or was made for a request created before it or in another project): start it from a template in the request's panel",
  );

/** Two starts at once (the page and the trigger) can race for the record or the choices: the second reads them again, once. */
const START_ATTEMPTS = 2;

/**
 * Starts a new request's Flight Plan from a template, as `person`: the one the page names (`named`, its choice marked
 * used when the person's choices still hold it), else the person's stored choice that can only be for this request
 * (`choiceFor`). The choice is marked used in the record's own commit, guarded as the record is, so of the page and the
 * trigger, whichever comes second finds it done and starts nothing twice, and a choice made meanwhile is not
 * overwritten. Null: no template to start.
 */
const startFromTemplate = async (
  deps: PanelDeps,
  person: { readonly accountId: string; readonly projectId: string | null },
  issueId: string,
  named: NamedChoice | null,
): Promise<Result<StartedRequest | null, Failure<StartCreatedCode>>> => {
  for (let attempt = 1; ; attempt++) {
    const loaded = await load(deps, { accountId: person.accountId, issueId }, 'edit');
    if (!loaded.ok) return loaded;
    const { issue, facts, templates } = loaded.value;
    const projectId = projectIdOf(issue);
    if (person.projectId !== null && projectId !== person.projectId)
      return failure('TEMPLATE.OTHER_PROJECT', 'that request is in another project than this page');
    // Jira's Create dialog lets the requester switch the issue type: a Task gets no Flight Plan, whatever the page asks.
    const issueType = (issue.fields['issuetype'] as { name?: unknown } | undefined)?.name;
    if (issueType !== ISSUE_TYPE.name)
      return failure('TEMPLATE.NOT_A_REQUEST', `that issue is not a ${ISSUE_TYPE.name}, so it has no Flight Plan to start from a template`);
    const stored = await readChoices(deps.store, person.accountId);
    const done = stored.choices.find((choice) => choice.startedIssueId === issueId);
    if (done !== undefined) {
      const name = templates.find((candidate) => candidate.id === done.templateId)?.name;
      return name === undefined ? ok(null) : ok({ key: facts.issueKey, templateName: name });
    }
    const chosen = choiceFor(stored.choices, { projectId, createdAt: facts.createdAt }, named);
    // Only a choice still waiting for this request starts it, and it is used up doing so: a page cannot start another
    // request, an older one or someone else's, from the same choice, nor from one it never made.
    if (chosen === null) return named === null ? ok(null) : choiceNotWaiting();
    const template = templateToStart(loaded.value, chosen.templateId);
    if (template === undefined) return templateGone();
    const started = await execute(
      deps,
      { accountId: person.accountId, issueId },
      loaded.value,
      { type: 'applyTemplate', template },
      loaded.value.state.record.revision,
      { guarded: [choicesWrite(stored, withChoiceUsed(stored.choices, chosen, issueId))] },
    );
    if (started.ok) return ok({ key: facts.issueKey, templateName: template.name });
    if (started.error.code !== 'RECORD.STALE' || attempt === START_ATTEMPTS) return started;
  }
};

/**
 * Once Jira's Create dialog closed with a new request: starts its Flight Plan from the template the requester chose
 * (plan items, assets, QA notes), as "Start from a template" in its panel does. Only on a request of this page's
 * project that the caller may edit, from the caller's choice still waiting for it, and only while its plan is empty (the
 * command refuses otherwise). When the
 * created-issue trigger started it first, says so.
 */
export const startCreatedFromTemplate = async (
  deps: PanelDeps,
  caller: ProjectPageCaller,
  { issueId, templateId, chosenAt }: { readonly issueId: string; readonly templateId: string; readonly chosenAt?: string | undefined },
): Promise<Result<StartedRequest, Failure<StartCreatedCode>>> => {
  const started = await startFromTemplate(deps, caller, issueId, { templateId, chosenAt: chosenAt ?? null });
  if (!started.ok) return started;
  // A template is always named here: only a template deleted since the trigger started it leaves no name to give.
  return started.value === null ? templateGone() : ok(started.value);
};

/**
 * `avi:jira:created:issue`: a request its creator chose a template for on the New marketing request page starts from
 * it here when the page did not report back (closed, or offline), as the page would have, with the creator's own
 * permission to edit it; when two Create dialogs were open, which one created it is the page's to say (`choiceFor`).
 * The template's command changes nothing in Jira but the summary property, which the app writes as itself, so the
 * app's own Jira client stands for the creator's.
 */
export const startChosenTemplate = async (
  deps: { readonly jira: JiraApi; readonly store: AppStore; readonly now: Date },
  event: IssueEvent,
): Promise<Result<StartedRequest | null, Failure<StartCreatedCode>>> => {
  if (event.eventType !== 'avi:jira:created:issue' || event.atlassianId === undefined) return ok(null);
  const creator = event.atlassianId;
  const { choices } = await readChoices(deps.store, creator);
  // Most requests are created without a choice: no Jira read for them.
  if (choices.every((choice) => choice.startedIssueId !== undefined)) return ok(null);
  const started = await startFromTemplate(
    { ...deps, jiraAsUser: deps.jira },
    { accountId: creator, projectId: null },
    event.issue.id,
    null,
  );
  // Jira deleted the request before its created event was handled: there is nothing left to start.
  return !started.ok && started.error.code === 'ISSUE.DELETED' ? ok(null) : started;
};
