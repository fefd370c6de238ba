import { z } from 'zod';
import { jiraStatusSchema, jiraUserRefSchema, type FieldChangelogPage, type JiraIssue } from '../contracts/jira-schemas';
import { normalizeJiraInstant, parseJiraInstant } from '../contracts/jira-time';
import { APP_FIELDS, type AppFieldName } from '../domain/app-fields';
import type { AssigneeChange, IssueFacts, PeopleHistory } from '../domain/issue-facts';
import { requestLinksFrom } from './issue-links';
import { scalarText } from './scalar-text';

/**
 * The attribute that holds what a node shows, for ADF's nodes that show text without a `text` of their own: a status
 * lozenge, a mention ("@Casey"), an emoji ("😀", or its short name), a placeholder, and the title of an expand section
 * (developer.atlassian.com/cloud/jira/platform/apis/document/structure/). Not a card's address nor an image's alt
 * text: a reader does not read them as the copy, so neither may clear a claim ("terms apply" in a link).
 */
const SHOWN_ATTRIBUTES: Readonly<Record<string, string>> = {
  status: 'text',
  mention: 'text',
  emoji: 'text',
  placeholder: 'text',
};

/** Inline nodes: the only ones that run on within a line; every other node stands on lines of its own. */
const INLINE = new Set(['text', 'hardBreak', 'status', 'mention', 'emoji', 'placeholder', 'inlineCard', 'date', 'mediaInline']);

const typeOf = (node: unknown): unknown => (typeof node === 'object' && node !== null ? (node as { type?: unknown }).type : undefined);

/**
 * Flattens Atlassian Document Format to plain text, each block (a paragraph, a list item, a table cell, an expand
 * section's title…) on lines of its own; strings pass through. Everything a reader sees is kept, as the lexicon scan
 * reads it: text, and what status lozenges, mentions, emoji and expand titles show; and two blocks never run together
 * ("Our promise" and "Guaranteed results" in one list item are two lines, not "Our promiseGuaranteed").
 */
export const adfToText = (node: unknown): string => {
  if (typeof node === 'string') return node;
  if (node === null || typeof node !== 'object') return '';
  const { type, text, content, attrs } = node as { type?: unknown; text?: unknown; content?: unknown; attrs?: unknown };
  if (typeof text === 'string') return text;
  if (type === 'hardBreak') return '\n';
  const attributes = typeof attrs === 'object' && attrs !== null ? (attrs as Record<string, unknown>) : {};
  const shownIn = typeof type === 'string' ? SHOWN_ATTRIBUTES[type] : undefined;
  if (shownIn !== undefined) {
    const shown = attributes[shownIn] ?? (type === 'emoji' ? attributes['shortName'] : undefined);
    return typeof shown === 'string' ? shown : '';
  }
  const children = Array.isArray(content) ? content : [];
  const title = (type === 'expand' || type === 'nestedExpand') && typeof attributes['title'] === 'string' ? attributes['title'] : null;
  let joined = title ?? '';
  children.forEach((child, index) => {
    const block = !INLINE.has(typeOf(child) as string);
    const previousBlock = index > 0 ? !INLINE.has(typeOf(children[index - 1]) as string) : title !== null;
    joined += (block || previousBlock) && (index > 0 || title !== null) ? `\n${adfToText(child)}` : adfToText(child);
  });
  return joined;
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

/** The id of the project an issue is in, as its `project` field gives it; empty when the field was not fetched. */
export const projectIdOf = (issue: Pick<JiraIssue, 'fields'>): string =>
  scalarText((issue.fields['project'] as { id?: unknown } | undefined)?.id, '');

/** The fields whose changelog says who owned a request and who wrote its description (`JiraApi.peopleHistory`). */
export const PEOPLE_HISTORY_FIELDS = ['assignee', 'reporter', 'description'] as const;

/** Who owned a request, and who changed its description, by its changelog (bulkfetch's pages, filtered to those fields). */
export const peopleHistoryFrom = (pages: readonly FieldChangelogPage[]): PeopleHistory => {
  const owners = new Set<string>();
  const writers = new Set<string>();
  const assigneeChanges: AssigneeChange[] = [];
  const accountOf = (id: string | null | undefined): string | null => (typeof id === 'string' && id !== '' ? id : null);
  for (const history of pages.flatMap((page) => page.issueChangeLogs.flatMap((log) => log.changeHistories))) {
    for (const item of history.items) {
      const field = item.fieldId ?? item.field;
      if (field === 'assignee' || field === 'reporter') {
        for (const accountId of [item.from, item.to, item.tmpFromAccountId, item.tmpToAccountId])
          if (typeof accountId === 'string' && accountId !== '') owners.add(accountId);
        const at = parseJiraInstant(history.created ?? '');
        // A change Jira gives no instant for cannot be placed: it is left out of when who held the request.
        if (field === 'assignee' && !Number.isNaN(at))
          assigneeChanges.push({
            at,
            fromId: accountOf(item.from ?? item.tmpFromAccountId),
            toId: accountOf(item.to ?? item.tmpToAccountId),
          });
      } else if (field === 'description' && history.author?.accountId) writers.add(history.author.accountId);
    }
  }
  // By instant, whatever order the pages give them in (a stable sort keeps changes of one instant as read).
  assigneeChanges.sort((a, b) => a.at - b.at);
  return { formerOwnerIds: [...owners], descriptionWriterIds: [...writers], assigneeChanges };
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
    creatorId: creator.success ? creator.data.accountId : null,
    formerOwnerIds: history.formerOwnerIds,
    ...(history.assigneeChanges === undefined ? {} : { assigneeChanges: history.assigneeChanges }),
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
