import { adfToText } from '../../src/contracts/jira-issue-facts';
import { userById } from '../catalogue';
import { CalendarDate, fromJson, JiraEntity, RichText, type Value } from './jira-expression';
import type { ConfigView } from './site-config';
import type { StoredIssue } from './site-state';
import { present } from '../../src/domain/present';

/** A user as Jira expressions see one (`User`). */
export const userValue = (accountId: string | null): Value => {
  if (accountId === null) return null;
  const user = userById(accountId);
  return new JiraEntity('User', { accountId, displayName: user?.displayName ?? null, active: true });
};

/**
 * An issue as Jira expressions see it (`Issue`, per Atlassian's type reference): `description` a
 * `RichText` (null when empty), `dueDate` a `CalendarDate`, people as `User`s, custom fields as
 * their JSON values, each custom field read counted as an expensive operation.
 */
export const issueValue = (issue: StoredIssue, view: ConfigView): JiraEntity => {
  const type = present(view.issueType(issue.issueTypeId));
  const status = present(view.status(issue.statusId));
  const project = present(view.project(issue.projectId));
  const description = issue.description === null ? '' : adfToText(issue.description);
  return new JiraEntity(
    'Issue',
    {
      id: Number(issue.id),
      key: issue.key,
      summary: issue.summary,
      description: description.trim() === '' ? null : new RichText(description),
      dueDate: issue.duedate === null ? null : CalendarDate.parse(issue.duedate),
      assignee: userValue(issue.assigneeId),
      reporter: userValue(issue.reporterId),
      issueType: new JiraEntity('IssueType', { id: Number(type.id), name: type.name }),
      status: new JiraEntity('IssueStatus', { id: Number(status.id), name: status.name }),
      project: new JiraEntity('Project', { id: Number(project.id), key: project.key, name: project.name }),
      ...Object.fromEntries(Object.entries(issue.custom).map(([id, value]) => [id, fromJson(value)])),
    },
    (name) => name.startsWith('customfield_'),
  );
};
