import { stageOfStatus } from '../domain/app-config';
import type { Stage } from '../domain/stages';
import { MAX_TEMPLATES, MAX_TEMPLATES_PER_PERSON, templateFrom, templateNameKey, type RequestTemplate } from '../domain/templates';
import type { ApplyTemplatePayload, SaveTemplatePayload } from '../contracts/templates.schema';
import type { AdminCode, RecordWriteCode } from '../contracts/resolvers';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { storageKeys } from './ports';
import type { PanelView } from '../contracts/views/panel';
import { load, templateToStart, type Caller, type PanelDeps } from './panel-load';
import { execute } from './panel-commands';
import type { AdminDeps } from './admin-config';
import { readTemplates, removeStoredTemplate } from './template-store';

/** Stages from which a request is finished enough to teach the next one. */
const TEMPLATE_STAGES: readonly (Stage | null)[] = ['measure', 'done'];

/**
 * How many times a save is tried while only other templates' saves got in first: each try reads the list again, and
 * each one that fails does so because another save committed, so ten people saving at once all get an answer of their own.
 */
const TEMPLATE_SAVE_TRIES = 10;

type SaveTemplateCode = RecordWriteCode | 'TEMPLATE.NOT_FINISHED' | 'TEMPLATE.NAME_TAKEN' | 'TEMPLATE.TOO_MANY';

const templatesGuardRevision = async (deps: PanelDeps): Promise<number> =>
  (await deps.store.committedRevisions([storageKeys.templatesGuard])).get(storageKeys.templatesGuard) ?? 0;

/**
 * "Save as template": a finished request's plan items, asset types and QA notes, for the next request. The caps and the
 * unique name are checked against the list as read, and the save commits only if no other template was saved since
 * (`storageKeys.templatesGuard`); if one was, the save is tried again from a fresh read, which may then refuse it.
 */
export const saveAsTemplate = async (
  deps: PanelDeps,
  caller: Caller,
  payload: SaveTemplatePayload,
): Promise<Result<PanelView, Failure<SaveTemplateCode>>> => {
  for (let tried = 1; ; tried++) {
    // Read before the list, so that a save committed between the two reads still moves the guard past this revision.
    const guard = await templatesGuardRevision(deps);
    const saved = await saveAsTemplateOnce(deps, caller, payload, guard);
    const templatesMoved = !saved.ok && saved.error.code === 'RECORD.STALE' && (await templatesGuardRevision(deps)) !== guard;
    if (!templatesMoved || tried === TEMPLATE_SAVE_TRIES) return saved;
  }
};

const saveAsTemplateOnce = async (
  deps: PanelDeps,
  caller: Caller,
  { name, expectedRevision }: SaveTemplatePayload,
  guard: number,
): Promise<Result<PanelView, Failure<SaveTemplateCode>>> => {
  const loaded = await load(deps, caller, 'edit');
  if (!loaded.ok) return loaded;
  const { state, facts, templates } = loaded.value;
  if (!TEMPLATE_STAGES.includes(stageOfStatus(facts.status, state.stored.config.statusMap))) {
    return failure(
      'TEMPLATE.NOT_FINISHED',
      'save a template from a request in Measure + Improve or Done, when its retrospective says what worked',
    );
  }
  if (templates.some((template) => templateNameKey(template.name) === templateNameKey(name)))
    return failure('TEMPLATE.NAME_TAKEN', `a template is already named "${name}"`);
  if (templates.length >= MAX_TEMPLATES)
    return failure('TEMPLATE.TOO_MANY', `there are already ${MAX_TEMPLATES} templates; an admin can remove old ones`);
  if (templates.filter((template) => template.by === caller.accountId).length >= MAX_TEMPLATES_PER_PERSON)
    return failure(
      'TEMPLATE.TOO_MANY',
      `you already keep ${MAX_TEMPLATES_PER_PERSON} templates, the most one person keeps; an admin can remove old ones`,
    );
  const template = templateFrom(
    state.record,
    {
      id: `${facts.issueKey}-${deps.now.getTime()}`,
      name,
      fromKey: facts.issueKey,
      fromIssueId: caller.issueId,
      by: caller.accountId,
      at: deps.now.toISOString(),
    },
    facts.successMetric,
  );
  // The template commits with the record and its audit entry, in one transaction: the audit never says it was saved
  // when it was not, and a refused save stores no template.
  const saved = await execute(deps, caller, loaded.value, { type: 'noteTemplateSaved', name }, expectedRevision, {
    plain: new Map([[storageKeys.template(template.id), template]]),
    guarded: [{ key: storageKeys.templatesGuard, value: { revision: guard + 1 }, readRevision: guard, revision: guard + 1 }],
  });
  // The view offers no template on this request, whose plan is written: the new one is offered on the next request.
  return saved;
};

/** "Start from a template": the template's plan items, assets and QA notes on a request with no assets yet. */
export const startFromTemplate = async (
  deps: PanelDeps,
  caller: Caller,
  { templateId, expectedRevision }: ApplyTemplatePayload,
): Promise<Result<PanelView, Failure<RecordWriteCode | 'TEMPLATE.NOT_FOUND'>>> => {
  const loaded = await load(deps, caller, 'edit');
  if (!loaded.ok) return loaded;
  const template = templateToStart(loaded.value, templateId);
  if (template === undefined) return failure('TEMPLATE.NOT_FOUND', 'that template no longer exists; reload to see the current ones');
  return execute(deps, caller, loaded.value, { type: 'applyTemplate', template }, expectedRevision);
};

/** The request templates, for an admin to review and remove. */
export const listTemplates = async (deps: AdminDeps): Promise<Result<readonly RequestTemplate[], Failure<AdminCode>>> => {
  return ok((await readTemplates(deps.store)).templates);
};

/** Removes a template; requests already started from it keep what they copied. */
export const removeTemplate = async (
  deps: AdminDeps,
  templateId: string,
): Promise<Result<readonly RequestTemplate[], Failure<AdminCode | 'TEMPLATE.NOT_FOUND'>>> => {
  if (!(await removeStoredTemplate(deps.store, templateId)))
    return failure('TEMPLATE.NOT_FOUND', 'that template no longer exists; reload to see the current ones');
  return ok((await readTemplates(deps.store)).templates);
};
