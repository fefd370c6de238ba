import { APP_FIELDS } from '../../src/domain/app-fields';
import { APP_ACCOUNT, APP_FIELD_LIST, FIELDS, SITE } from '../catalogue';
import type { ForgeRule } from './config-routes';
import { issueValue } from './expression-context';
import { callerHolds, type SitePeople } from './people';
import { createFormOf, type ConfigView } from './site-config';
import { statusChange, type ChangeItem, type SiteStore, type StoredIssue } from './site-state';
import { present } from '../../src/domain/present';
import { scalarText } from '../../src/contracts/scalar-text';
import { type RestCaller, type RestResponse, type IssueEvent, type SiteHooks, BASE, error } from './rest-shapes';
import { jiraInstant, adfParagraph, fieldsOf, commentJson, transitionsFrom } from './issue-json';
import { readFields, applyFields } from './issue-fields';

/** The module key of one of the app's Forge rules, from its extension id; null for anything else. */
const appModuleOf = (
  rule: { ruleKey: string; parameters: Readonly<Record<string, unknown>> },
  rules: readonly ForgeRule[],
): string | null => {
  const key = scalarText(rule.parameters['key'], '');
  return rules.some((offered) => offered.id === key) ? (/\/static\/([^/]+)$/.exec(key)?.[1] ?? null) : null;
};

/**
 * The site's issue writes, as Jira makes them: create, edit, transition, comment and the app's own field values.
 * Create and transitions run the app's validators; each change goes into the issue's history and fires the product
 * event the app's trigger subscribes to (never for the app's own changes: `ignoreSelf`).
 */
export class IssueWrites {
  constructor(
    private readonly store: SiteStore,
    private readonly hooks: SiteHooks,
    private readonly view: ConfigView,
    private readonly people: SitePeople,
    private readonly find: (idOrKey: string) => StoredIssue | undefined,
  ) {}

  nextId(): string {
    return String(this.store.data.nextId++);
  }

  async createIssue(body: Record<string, unknown>, caller: RestCaller): Promise<RestResponse> {
    const fields = (body['fields'] ?? {}) as Record<string, unknown>;
    const projectRef = fields['project'] as { key?: string; id?: string } | undefined;
    const typeRef = fields['issuetype'] as { name?: string; id?: string } | undefined;
    const view = this.view;
    const project = view.project(projectRef?.id ?? projectRef?.key ?? '');
    const issueType =
      project === undefined
        ? undefined
        : view.projectIssueTypes(project).find((type) => type.id === typeRef?.id || type.name === typeRef?.name);
    const errors: Record<string, string> = {};
    if (project === undefined) errors['project'] = 'Specify a valid project ID or key';
    else if (issueType === undefined) errors['issuetype'] = 'Specify an issue type';
    if (!('summary' in fields)) errors['summary'] = 'You must specify a summary of the issue.';
    const read = readFields(fields, caller, this.people);
    Object.assign(errors, read.errors);
    if (project !== undefined && issueType !== undefined) {
      // A field the field configuration marks required, left empty: "Story Points is required.", keyed by the field's
      // id, as Jira answers (seen in client reports: github.com/keepcosmos/terjira/issues/23, pycontribs/jira/issues/684).
      for (const [fieldId, { required }] of Object.entries(createFormOf(this.store.data.config, project, issueType.id))) {
        const value = read.values[fieldId];
        if (required && fieldId !== 'summary' && (value == null || (typeof value === 'string' && value.trim() === '')))
          errors[fieldId] ??= `${FIELDS.find((field) => field.id === fieldId)?.name ?? fieldId} is required.`;
      }
    }
    if (project === undefined || issueType === undefined || Object.keys(errors).length > 0) return error(400, [], errors);
    if (caller.kind === 'user' && !callerHolds(this.people, caller, 'CREATE_ISSUES', { projectId: project.id }))
      return error(403, ['You do not have permission to create issues in this project.']);
    const create = present(view.workflowFor(project.id, issueType.id).transitions.find((transition) => transition.type === 'INITIAL'));

    const now = jiraInstant(this.hooks.now());
    const issue: StoredIssue = {
      id: this.nextId(),
      key: `${project.key}-${this.store.data.issues.filter((existing) => existing.projectId === project.id).length + 1}`,
      projectId: project.id,
      issueTypeId: issueType.id,
      summary: String(read.values['summary']),
      description: read.values['description'] ?? null,
      statusId: create.to,
      created: now,
      updated: now,
      duedate: (read.values['duedate'] as string | null | undefined) ?? null,
      assigneeId: (read.values['assignee'] as string | null | undefined) ?? null,
      reporterId: caller.kind === 'user' ? caller.accountId : present(this.people.all[0]).accountId,
      custom: Object.fromEntries(Object.entries(read.values).filter(([id]) => id.startsWith('customfield_'))),
      properties: {},
      histories: [],
      comments: [],
    };
    // The app's expression validators on Create, evaluated as Jira evaluates them: the rule's
    // configuration is the `config` variable, and its `expression` replaces the manifest's.
    for (const rule of create.validators) {
      const moduleKey = appModuleOf(rule, this.hooks.forgeRules());
      if (moduleKey === null) continue;
      const ruleConfig = typeof rule.parameters['config'] === 'string' ? (JSON.parse(rule.parameters['config']) as unknown) : null;
      const refusal = await this.hooks.validateCreate(
        moduleKey,
        ruleConfig,
        issueValue(issue, view),
        caller.kind === 'user' ? caller.accountId : null,
      );
      if (refusal !== null) return error(400, [refusal]);
    }
    this.store.data.issues.push(issue);
    this.store.changed();
    this.emit(issue, 'avi:jira:created:issue', caller, undefined);
    return { status: 201, body: { id: issue.id, key: issue.key, self: `${SITE.baseUrl}${BASE}/issue/${issue.id}` } };
  }
  record(issue: StoredIssue, items: ChangeItem[], caller: RestCaller): string | undefined {
    if (items.length === 0) return undefined;
    const now = jiraInstant(this.hooks.now());
    const history = { id: this.nextId(), authorId: caller.kind === 'user' ? caller.accountId : null, created: now, items };
    issue.histories.push(history);
    issue.updated = now;
    this.store.changed();
    return history.id;
  }

  private emit(issue: StoredIssue, eventType: IssueEvent['eventType'], caller: RestCaller, changelog: IssueEvent['changelog']): void {
    // ignoreSelf: the app's trigger never hears about the app's own changes.
    if (caller.kind === 'app') return;
    const event: IssueEvent = {
      eventType,
      atlassianId: caller.accountId,
      timestamp: this.hooks.now().getTime(),
      issue: { id: issue.id, key: issue.key, fields: fieldsOf(issue, this.view, this.people) },
      ...(changelog ? { changelog } : {}),
    };
    // Delivered as JSON, as Forge delivers it: no shared objects between the site and the app.
    this.hooks.deliver(JSON.parse(JSON.stringify(event)) as IssueEvent);
  }

  /**
   * Deletes the issue with its comments, properties and links, and tells the app's triggers (`avi:jira:deleted:issue`,
   * the issue as it was: developer.atlassian.com/platform/forge/events-reference/jira/#issue-deleted).
   */
  deleteIssue(issue: StoredIssue, caller: RestCaller): RestResponse {
    const { data } = this.store;
    data.issues.splice(data.issues.indexOf(issue), 1);
    if (data.issueLinks !== undefined)
      data.issueLinks = data.issueLinks.filter((link) => link.outwardId !== issue.id && link.inwardId !== issue.id);
    this.store.changed();
    this.emit(issue, 'avi:jira:deleted:issue', caller, undefined);
    return { status: 204 };
  }

  editIssue(issue: StoredIssue, body: Record<string, unknown>, caller: RestCaller): RestResponse {
    const read = readFields((body['fields'] ?? {}) as Record<string, unknown>, caller, this.people);
    if (Object.keys(read.errors).length > 0) return error(400, [], read.errors);
    const items = applyFields(issue, read.values, this.view, this.people);
    const historyId = this.record(issue, items, caller);
    if (historyId !== undefined) this.emit(issue, 'avi:jira:updated:issue', caller, { id: historyId, items });
    return { status: 204 };
  }

  async transition(issue: StoredIssue, body: Record<string, unknown>, caller: RestCaller): Promise<RestResponse> {
    const wanted = scalarText((body['transition'] as { id?: unknown } | undefined)?.id, '');
    const transition = transitionsFrom(issue, this.view).find((candidate) => candidate.id === wanted);
    if (transition === undefined) {
      return error(400, [`Transition id '${wanted}' is not valid for this issue.`]);
    }
    const fields = (body['fields'] ?? {}) as Record<string, unknown>;
    const read = readFields(fields, caller, this.people);
    if (Object.keys(read.errors).length > 0) return error(400, [], read.errors);
    for (const rule of transition.validators) {
      const moduleKey = appModuleOf(rule, this.hooks.forgeRules());
      if (moduleKey === null) continue;
      const verdict = await this.hooks.validate(
        moduleKey,
        {
          issue: { id: issue.id, key: issue.key },
          transition: {
            id: Number(transition.id),
            name: transition.name,
            from: { id: issue.statusId },
            to: { id: transition.to },
            modifiedFields: fields,
          },
          configuration: typeof rule.parameters['config'] === 'string' ? (JSON.parse(rule.parameters['config']) as unknown) : {},
        },
        caller.kind === 'user' ? caller.accountId : null,
      );
      if (!verdict.result) return error(400, [verdict.errorMessage ?? 'The transition was refused by a validator.']);
    }
    const items = applyFields(issue, read.values, this.view, this.people);
    const from = present(this.view.status(issue.statusId));
    const to = present(this.view.status(transition.to));
    issue.statusId = to.id;
    items.unshift(statusChange(from, to));
    const historyId = present(this.record(issue, items, caller));
    this.emit(issue, 'avi:jira:updated:issue', caller, { id: historyId, items });
    return { status: 204 };
  }

  addComment(issue: StoredIssue, body: Record<string, unknown>, caller: RestCaller): RestResponse {
    if (body['body'] === undefined || body['body'] === null) return error(400, [], { comment: 'Comment body can not be empty!' });
    const comment = {
      id: this.nextId(),
      authorId: caller.kind === 'user' ? caller.accountId : APP_ACCOUNT.accountId,
      body: typeof body['body'] === 'string' ? adfParagraph(body['body']) : body['body'],
      created: jiraInstant(this.hooks.now()),
    };
    issue.comments.push(comment);
    this.store.changed();
    return { status: 201, body: commentJson(issue, comment, this.people) };
  }

  setAppFieldValue(fieldIdOrKey: string, body: Record<string, unknown>, caller: RestCaller): RestResponse {
    if (caller.kind !== 'app') return error(403, ['Only the app that owns the field can set its value this way.']);
    const field = APP_FIELD_LIST.find((candidate) => candidate.id === fieldIdOrKey || APP_FIELDS[candidate.name] === fieldIdOrKey);
    if (field === undefined) return error(404, [`Field '${fieldIdOrKey}' does not exist or is not a field of this app.`]);
    const updates = (body['updates'] ?? []) as { issueIds: number[]; value: unknown }[];
    for (const { issueIds, value } of updates) {
      for (const id of issueIds) {
        const issue = this.find(String(id));
        if (issue === undefined) return error(400, [`Issue ${id} does not exist.`]);
        issue.custom[field.id] = value;
      }
    }
    this.store.changed();
    return { status: 204 };
  }
}
