import { APP_FIELD_IDS, APP_FIELD_LIST, FIELDS } from '../catalogue';
import type { SitePeople } from './people';
import type { ConfigView } from './site-config';
import type { ChangeItem, StoredIssue } from './site-state';
import { present } from '../../src/domain/present';
import { scalarText } from '../../src/contracts/scalar-text';
import type { RestCaller } from './rest-shapes';
import { adfParagraph, fieldsOf } from './issue-json';

/** The fields a create, an edit or a transition may set, checked and converted as Jira does, and applied with their changelog. */

const USER_FIELDS = new Set(['assignee', 'reporter']);
const READ_ONLY_APP_FIELDS = new Set([APP_FIELD_IDS.triageScore, APP_FIELD_IDS.tier]);
const SCORE_FIELDS = new Map(
  [APP_FIELD_IDS.impact, APP_FIELD_IDS.confidence, APP_FIELD_IDS.effort, APP_FIELD_IDS.risk].map((id) => [
    id,
    present(APP_FIELD_LIST.find((field) => field.id === id)).label,
  ]),
);
const EDITABLE_FIELDS = new Set([
  'summary',
  'description',
  'duedate',
  'assignee',
  ...Object.values(APP_FIELD_IDS).filter((id) => !READ_ONLY_APP_FIELDS.has(id)),
]);

/** Checks and converts the `fields` of a create or edit; errors are keyed by field id, as Jira's are. */
export function readFields(
  fields: Record<string, unknown>,
  caller: RestCaller,
  people: SitePeople,
): { values: Partial<Record<string, unknown>>; errors: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [id, value] of Object.entries(fields)) {
    if (id === 'project' || id === 'issuetype') continue;
    if (!EDITABLE_FIELDS.has(id) && !(caller.kind === 'app' && READ_ONLY_APP_FIELDS.has(id))) {
      errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
    } else if (USER_FIELDS.has(id)) {
      const accountId = value === null ? null : typeof value === 'object' ? (value as { accountId?: unknown }).accountId : undefined;
      if (accountId !== null && (typeof accountId !== 'string' || people.byId(accountId) === undefined))
        errors[id] = `User '${scalarText(accountId)}' does not exist.`;
      else values[id] = accountId;
    } else if (id === 'duedate') {
      if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)))
        errors[id] = 'Error parsing date string: ' + scalarText(value);
      else values[id] = value;
    } else if (id === 'summary') {
      if (typeof value !== 'string' || value.trim() === '') errors[id] = 'You must specify a summary of the issue.';
      else if (value.length > 255) errors[id] = 'Summary must be less than 255 characters.';
      else values[id] = value;
    } else if (id === 'description') {
      values[id] = typeof value === 'string' ? adfParagraph(value) : value;
    } else if (SCORE_FIELDS.has(id)) {
      if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5))
        errors[id] = `${SCORE_FIELDS.get(id)} must be a whole number from 1 to 5.`;
      else values[id] = value;
    } else {
      values[id] = value;
    }
  }
  return { values, errors };
}

/** Applies checked field values, returning the changelog items Jira would record. */
export function applyFields(
  issue: StoredIssue,
  values: Partial<Record<string, unknown>>,
  view: ConfigView,
  people: SitePeople,
): ChangeItem[] {
  const items: ChangeItem[] = [];
  const fieldsBefore = fieldsOf(issue, view, people);
  for (const [id, value] of Object.entries(values)) {
    const definition = present(FIELDS.find((field) => field.id === id));
    const display = (raw: unknown): string | null =>
      raw === null || raw === undefined
        ? null
        : USER_FIELDS.has(id)
          ? (raw as { displayName: string }).displayName
          : typeof raw === 'object'
            ? JSON.stringify(raw)
            : scalarText(raw);
    const before = fieldsBefore[id];
    if (id === 'summary') issue.summary = value as string;
    else if (id === 'description') issue.description = value;
    else if (id === 'duedate') issue.duedate = value as string | null;
    else if (id === 'assignee') issue.assigneeId = value as string | null;
    else issue.custom[id] = value;
    const after = fieldsOf(issue, view, people)[id];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const rawId = (raw: unknown) => (USER_FIELDS.has(id) ? ((raw as { accountId?: string } | null)?.accountId ?? null) : display(raw));
    items.push({
      field: definition.custom ? definition.name : id,
      fieldtype: definition.custom ? 'custom' : 'jira',
      fieldId: id,
      from: rawId(before),
      fromString: id === 'description' ? null : display(before),
      to: rawId(after),
      toString: id === 'description' ? null : display(after),
    });
  }
  return items;
}
