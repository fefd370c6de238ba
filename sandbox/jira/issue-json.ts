import { APP_ACCOUNT, APP_FIELD_LIST, FIELDS, SITE, userJson } from '../catalogue';
import type { SitePeople } from './people';
import { statusJson, type ConfigTransition, type ConfigView } from './site-config';
import type { StoredIssue } from './site-state';
import { present } from '../../src/domain/present';
import { BASE } from './rest-shapes';

/** Rendering: Jira's JSON for a stored issue, its fields, changelog, comments and transitions. */

/** Jira's datetime format: `2026-06-01T09:00:00.000+0000`. */
export const jiraInstant = (date: Date): string => date.toISOString().replace('Z', '+0000');

export const adfParagraph = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
});

/** The issue's fields as Jira renders them; `issuelinks` comes from the site's links (`IssueLinks.fieldOf`). */
export function fieldsOf(
  issue: StoredIssue,
  view: ConfigView,
  people: SitePeople,
  issuelinks: readonly unknown[] = [],
): Record<string, unknown> {
  const user = (id: string | null) => (id === null ? null : userJson(present(people.byId(id))));
  const project = present(view.project(issue.projectId));
  return {
    summary: issue.summary,
    description: issue.description,
    status: statusJson(present(view.status(issue.statusId))),
    issuetype: view.issueTypeJson(present(view.issueType(issue.issueTypeId))),
    project: {
      self: `${SITE.baseUrl}${BASE}/project/${project.id}`,
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: 'business',
      simplified: project.simplified,
    },
    created: issue.created,
    updated: issue.updated,
    duedate: issue.duedate,
    assignee: user(issue.assigneeId),
    reporter: user(issue.reporterId),
    creator: user(issue.creatorId ?? issue.reporterId),
    issuelinks,
    ...Object.fromEntries(APP_FIELD_LIST.map((field) => [field.id, issue.custom[field.id] ?? null])),
  };
}

/** `fields` as Jira reads it: a comma list, `*all`, `*navigable`, and `-name` to leave one out. */
function pickFields(all: Record<string, unknown>, wanted: readonly string[] | null): Record<string, unknown> {
  if (wanted === null || wanted.length === 0 || wanted.includes('*all') || wanted.includes('*navigable')) {
    const excluded = new Set((wanted ?? []).filter((name) => name.startsWith('-')).map((name) => name.slice(1)));
    return Object.fromEntries(Object.entries(all).filter(([name]) => !excluded.has(name)));
  }
  return Object.fromEntries(wanted.filter((name) => name in all).map((name) => [name, all[name]]));
}

export function issueJson(
  issue: StoredIssue,
  view: ConfigView,
  people: SitePeople,
  fields: string | null = null,
  expand: string | null = null,
  issuelinks: readonly unknown[] = [],
) {
  const expansions = new Set((expand ?? '').split(',').map((part) => part.trim()));
  const all = fieldsOf(issue, view, people, issuelinks);
  return {
    expand: 'renderedFields,names,schema,transitions,changelog',
    id: issue.id,
    self: `${SITE.baseUrl}${BASE}/issue/${issue.id}`,
    key: issue.key,
    fields: pickFields(all, fields === null ? null : fields.split(',').map((name) => name.trim())),
    ...(expansions.has('schema') ? { schema: schemaJson() } : {}),
    ...(expansions.has('names') ? { names: Object.fromEntries(FIELDS.map((field) => [field.id, field.name])) } : {}),
    ...(expansions.has('transitions') ? { transitions: transitionsFrom(issue, view).map((t) => transitionJson(t, view)) } : {}),
    ...(expansions.has('changelog')
      ? {
          changelog: {
            startAt: 0,
            maxResults: issue.histories.length,
            total: issue.histories.length,
            histories: issue.histories.map((h) => historyJson(h, people)),
          },
        }
      : {}),
  };
}

export function schemaJson() {
  return Object.fromEntries(FIELDS.map((field) => [field.id, field.schema]));
}

export function historyJson(history: StoredIssue['histories'][number], people: SitePeople) {
  const author = history.authorId === null ? undefined : people.byId(history.authorId);
  return { id: history.id, ...(author ? { author: userJson(author) } : {}), created: history.created, items: history.items };
}

export function commentJson(issue: StoredIssue, comment: StoredIssue['comments'][number], people: SitePeople) {
  const author = userJson(people.byId(comment.authorId) ?? APP_ACCOUNT);
  return {
    self: `${SITE.baseUrl}${BASE}/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    author,
    updateAuthor: author,
    body: comment.body,
    created: comment.created,
    updated: comment.created,
    jsdPublic: true,
  };
}

/** The transitions an issue's workflow offers from its status: directed ones from it, and global ones. */
export function transitionsFrom(issue: StoredIssue, view: ConfigView): ConfigTransition[] {
  return view
    .workflowFor(issue.projectId, issue.issueTypeId)
    .transitions.filter(
      (transition) =>
        (transition.type === 'GLOBAL' && transition.to !== issue.statusId) ||
        (transition.type === 'DIRECTED' && transition.from.includes(issue.statusId)),
    );
}

export function transitionJson(transition: ConfigTransition, view: ConfigView) {
  return {
    id: transition.id,
    name: transition.name,
    to: statusJson(present(view.status(transition.to))),
    hasScreen: false,
    isGlobal: transition.type === 'GLOBAL',
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
}
