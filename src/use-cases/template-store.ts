import { templateSchema } from '../contracts/templates.schema';
import type { RequestTemplate } from '../domain/templates';
import { storageKeys, type AppStore } from './ports';
import type { JiraApi } from './jira-port';

/** The templates that could be read, and how many stored entries could not (each dropped alone, never the rest). */
interface StoredTemplates {
  readonly templates: readonly RequestTemplate[];
  readonly unreadable: number;
}

const readable = (raw: unknown): RequestTemplate | null => {
  const parsed = templateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
};

/**
 * Templates from their own keys (`template:<id>`), and from the one shared list earlier versions kept (`templates`),
 * read entry by entry: one corrupt entry is dropped alone, and the others still read.
 */
export const parseTemplates = (ownKeys: ReadonlyMap<string, unknown>, legacyList: unknown): StoredTemplates => {
  const entries = [
    ...ownKeys.values(),
    ...(Array.isArray(legacyList) ? (legacyList as unknown[]) : legacyList === undefined ? [] : [legacyList]),
  ];
  const templates = entries.map(readable).filter((template): template is RequestTemplate => template !== null);
  return { templates: templates.sort((a, b) => a.at.localeCompare(b.at)), unreadable: entries.length - templates.length };
};

/** Every stored template: a query of the template keys beside the read of the older shared list. */
export const readTemplates = async (store: AppStore): Promise<StoredTemplates> => {
  const [own, legacy] = await Promise.all([store.list(storageKeys.templatesPrefix), store.getMany([storageKeys.legacyTemplates])]);
  return parseTemplates(own, legacy.get(storageKeys.legacyTemplates));
};

/**
 * The templates `accountId` may be offered: those saved from a request they may browse (a template carries its plan,
 * asset specs, QA notes and reason), and those saved before the request's id was kept. When Jira cannot say, only the
 * latter: a template is never shown on a guess.
 */
export const templatesSeenBy = async (
  jira: Pick<JiraApi, 'browsableIssues'>,
  accountId: string,
  templates: readonly RequestTemplate[],
): Promise<RequestTemplate[]> => {
  const sources = templates.flatMap((template) => (template.fromIssueId === undefined ? [] : [template.fromIssueId]));
  const browsable = sources.length === 0 ? null : await jira.browsableIssues(accountId, sources);
  return templates.filter(
    (template) => template.fromIssueId === undefined || (browsable?.ok === true && browsable.value.has(template.fromIssueId)),
  );
};

/** Whether `accountId` may be offered `template` (`templatesSeenBy`): what starting a request from it asks first. */
export const isSeenBy = async (jira: Pick<JiraApi, 'browsableIssues'>, accountId: string, template: RequestTemplate): Promise<boolean> =>
  (await templatesSeenBy(jira, accountId, [template])).length > 0;

/** Two admins removing from the older shared list at once: the second reads it again, up to this many times. */
const LEGACY_REMOVE_TRIES = 3;

/**
 * Removes a template from wherever it is stored: every key holding it (by its key or by the id the value names, so one
 * whose key and id disagree can still go), and the older shared list, rewritten without it from the revision read (two
 * removals at once cannot put each other's template back), every other entry kept as it was, unreadable ones too.
 * False when there is no such template.
 */
export const removeStoredTemplate = async (store: AppStore, templateId: string): Promise<boolean> => {
  const own = await store.list(storageKeys.templatesPrefix);
  const keys = [...own].flatMap(([key, value]) =>
    key === storageKeys.template(templateId) || readable(value)?.id === templateId ? [key] : [],
  );
  if (keys.length > 0) await store.deleteMany(keys);
  for (let tried = 1; tried <= LEGACY_REMOVE_TRIES; tried++) {
    const key = storageKeys.legacyTemplates;
    const [stored, revisions] = await Promise.all([store.getMany([key]), store.committedRevisions([key])]);
    const list = stored.get(key);
    if (!Array.isArray(list)) return keys.length > 0;
    const remaining = list.filter((entry) => readable(entry)?.id !== templateId);
    if (remaining.length === list.length) return keys.length > 0;
    const revision = revisions.get(key) ?? 0;
    const outcome = await store.commit({ guarded: [{ key, value: remaining, readRevision: revision, revision: revision + 1 }] });
    if (outcome === 'committed') return true;
  }
  throw new Error('the older list of templates kept changing while a template was removed from it');
};
