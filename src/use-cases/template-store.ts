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

/**
 * Removes a template from wherever it is stored: its own key, or the older shared list (rewritten without it, every
 * other entry kept as it was, unreadable ones too). False when there is no such template.
 */
export const removeStoredTemplate = async (store: AppStore, templateId: string): Promise<boolean> => {
  const key = storageKeys.template(templateId);
  const stored = await store.getMany([key, storageKeys.legacyTemplates]);
  if (stored.has(key)) {
    await store.deleteMany([key]);
    return true;
  }
  const list = stored.get(storageKeys.legacyTemplates);
  if (!Array.isArray(list)) return false;
  const remaining = list.filter((entry) => readable(entry)?.id !== templateId);
  if (remaining.length === list.length) return false;
  await store.set(storageKeys.legacyTemplates, remaining);
  return true;
};
