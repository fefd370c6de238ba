import { z } from 'zod';
import { jiraStatusSchema, jiraUserRefSchema, type FieldChangelogPage, type JiraIssue } from '../contracts/jira-schemas';
import { normalizeJiraInstant } from '../contracts/jira-time';
import { APP_FIELDS, type AppFieldName } from '../domain/app-fields';
import type { IssueFacts, PeopleHistory } from '../domain/issue-facts';
import { requestLinksFrom } from './issue-links';

/** Flattens Atlassian Document Format to plain text (paragraphs on their own lines); strings pass through. */
export const adfToText = (node: unknown): string => {
  if (typeof node === 'string') return node;
  if (node === null || typeof node !== 'object') return '';
  const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
  if (typeof text === 'string') return text;
  if (type === 'hardBreak') return '\n';
  const inner = Array.isArray(content) ? content.map(adfToText) : [];
  const blocks = new Set(['doc', 'bulletList', 'orderedList', 'table', 'tableRow', 'blockquote']);
  return inner.join(typeof type === 'string' && blocks.has(type) ? '\n' : '');
};

/**
 * Maps each of the app's fields to its `customfield_NNNNN` id on this site, from field ids and their
 * schemas' `custom` type (an app's field type ends with `/static/<module key>`).
 */
export const appFieldIdsOf = (fields: Iterable<readonly [fieldId: string, custom: string]>): Partial<Record<AppFieldName, string>> => {
  const ids: Partial<Record<AppFieldName, string>> = {};
  for (const [fieldId, custom] of fields) {
    for (const [name, moduleKey] of Object.entries(APP_FIELDS) as [AppFieldName, string][]) {
      if (custom.endsWith(`/static/${moduleKey}`)) ids[name] = fieldId;
    }
  }
  return ids;
};

/** Maps each of the app's fields to its `customfield_NNNNN` id on this site, from the issue's schema. */
export const appFieldIds = (issue: Pick<JiraIssue, 'schema'>): Partial<Record<AppFieldName, string>> =>
  appFieldIdsOf(Object.entries(issue.schema ?? {}).map(([fieldId, fieldSchema]) => [fieldId, fieldSchema.custom ?? ''] as const));

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const stringOrEmpty = (value: unknown): string => (typeof value === 'string' ? value : '');

const dueDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable()
  .catch(null);

/** The fields whose changelog says who owned a request and who wrote its description (`JiraApi.peopleHistory`). */
export const PEOPLE_HISTORY_FIELDS = ['assignee', 'reporter', 'description'] as const;

/** Who owned a request, and who changed its description, by its changelog (bulkfetch's pages, filtered to those fields). */
export const peopleHistoryFrom = (pages: readonly FieldChangelogPage[]): PeopleHistory => {
  const owners = new Set<string>();
  const writers = new Set<string>();
  for (const history of pages.flatMap((page) => page.issueChangeLogs.flatMap((log) => log.changeHistories))) {
    for (const item of history.items) {
      const field = item.fieldId ?? item.field;
      if (field === 'assignee' || field === 'reporter') {
        for (const accountId of [item.from, item.to, item.tmpFromAccountId, item.tmpToAccountId])
          if (typeof accountId === 'string' && accountId !== '') owners.add(accountId);
      } else if (field === 'description' && history.author?.accountId) writers.add(history.author.accountId);
    }
  }
  return { formerOwnerIds: [...owners], descriptionWriterIds: [...writers] };
};

/**
 * Reads the facts the gates need from a Jira issue and its people's history, with the transition screen's
 * `modifiedFields` laid over the stored values (they are what the issue will hold).
 */
export const issueFactsFrom = (
  issue: JiraIssue,
  history: PeopleHistory,
  modifiedFields: Readonly<Record<string, unknown>> = {},
): IssueFacts => {
  const fields = { ...issue.fields, ...modifiedFields };
  const ids = appFieldIds(issue);
  const app = (name: AppFieldName): unknown => (ids[name] === undefined ? undefined : fields[ids[name]]);
  const assignee = jiraUserRefSchema.safeParse(fields['assignee']);
  const reporter = jiraUserRefSchema.safeParse(fields['reporter']);
  const creator = jiraUserRefSchema.safeParse(fields['creator']);
  const status = jiraStatusSchema.safeParse(fields['status']);
  const created = typeof fields['created'] === 'string' ? normalizeJiraInstant(fields['created']) : '';
  return {
    issueId: issue.id,
    issueKey: issue.key,
    summary: stringOrEmpty(fields['summary']),
    description: adfToText(fields['description']).trim(),
    successMetric: stringOrEmpty(app('successMetric')),
    dueDate: dueDateSchema.parse(fields['duedate'] ?? null),
    assigneeId: assignee.success ? assignee.data.accountId : null,
    reporterId: reporter.success ? reporter.data.accountId : null,
    formerOwnerIds: history.formerOwnerIds,
    // The creator wrote the description the request was filed with, which Jira's changelog records no change for.
    // `creator` is one of Jira's system fields (the OpenAPI spec's workflow rules copy into it, `destinationFieldId:
    // "creator"`), returned with `fields=*all`, apart from `reporter`, whom whoever may modify the reporter may name.
    descriptionWriterIds: [...new Set([...history.descriptionWriterIds, ...(creator.success ? [creator.data.accountId] : [])])],
    createdAt: created,
    status: status.success ? status.data.name : '',
    links: requestLinksFrom(fields['issuelinks']),
    labels: Array.isArray(fields['labels']) ? fields['labels'].filter((label): label is string => typeof label === 'string') : [],
    scores: {
      impact: numberOrNull(app('impact')),
      confidence: numberOrNull(app('confidence')),
      effort: numberOrNull(app('effort')),
      risk: numberOrNull(app('risk')),
    },
  };
};
