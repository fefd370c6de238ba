import { followLink } from './navigation';
import { useCallback, useEffect, useState } from 'react';
import { emitToFrames } from './bridge-host';
import { SCORE_FIELDS, adf, adfText, fieldLabel, loadAppFieldIds, type AppFieldIds } from './fields';
import type { IssueViewModule } from '../../forge/issue-view-module';
import { ContextPanel } from './ContextPanel';
import { ForgeFrame } from './ForgeFrame';
import { ScoreOptions, UserOptions } from './options';
import { JiraRequestError, jira, sandbox, settle, type SandboxUser } from './sandbox-api';
import { scalarText } from '../../../src/contracts/scalar-text';
import { normalizeJiraInstant } from '../../../src/contracts/jira-time';
import { viewerDate, viewerDateTime } from '../../../static/shared/viewer-time';

/** "Nov 18, 2026", as Jira's issue view shows when an issue was created: a day in words, in the viewer's zone. */
const createdOn = (created: string): string => viewerDate(normalizeJiraInstant(created));

interface Issue {
  readonly id: string;
  readonly key: string;
  readonly fields: Record<string, unknown> & {
    summary: string;
    status: { id: string; name: string };
    assignee: { accountId: string; displayName: string } | null;
    reporter: { displayName: string } | null;
    duedate: string | null;
    created: string;
    description: unknown;
    project: { id: string; key: string; name: string };
    issuetype: { id: string; name: string };
  };
}

interface Comment {
  readonly id: string;
  readonly author: { readonly displayName: string };
  readonly body: unknown;
  readonly created: string;
}

interface Transition {
  readonly id: string;
  readonly name: string;
  readonly to: { readonly name: string };
}

/** The issue and project as Jira puts them in an issue view module's extension context. */
const placeOf = (issue: Issue) => ({
  issue: { id: issue.id, key: issue.key, type: issue.fields.issuetype.name, typeId: issue.fields.issuetype.id },
  project: { id: issue.fields.project.id, key: issue.fields.project.key, type: 'business' },
});

/** Jira's issue view: fields, transition buttons, and the app's panels and context panels that show on this issue. */
export const IssueView = ({ issueKey, users }: { issueKey: string; users: readonly SandboxUser[] }) => {
  const [issue, setIssue] = useState<Issue | null>(null);
  const [transitions, setTransitions] = useState<readonly Transition[]>([]);
  const [comments, setComments] = useState<readonly Comment[]>([]);
  const [ids, setIds] = useState<AppFieldIds | null>(null);
  const [refusal, setRefusal] = useState<{ title: string; messages: readonly string[] } | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [modules, setModules] = useState<readonly IssueViewModule[]>([]);

  const load = useCallback(async () => {
    try {
      const [loaded, available, discussion] = await Promise.all([
        jira<Issue>('GET', `/issue/${issueKey}`),
        jira<{ transitions: Transition[] }>('GET', `/issue/${issueKey}/transitions`),
        jira<{ comments: Comment[] }>('GET', `/issue/${issueKey}/comment`),
      ]);
      setIssue(loaded);
      setTransitions(available.transitions);
      setComments(discussion.comments);
      setEdits({});
      // Which app modules show here (display conditions), and each context panel's status, asked anew as Jira does when it loads the issue.
      setModules(await sandbox<IssueViewModule[]>('POST', 'issue-view', placeOf(loaded)));
    } catch (error) {
      setNotFound(error instanceof Error ? error.message : String(error));
    }
  }, [issueKey]);

  useEffect(() => {
    void load();
    void loadAppFieldIds().then(setIds);
  }, [load]);

  /** After a change: let the app's trigger run, reload, and tell the issue view modules, as Jira does. */
  const changed = async (id: string) => {
    await settle();
    await load();
    emitToFrames('JIRA_ISSUE_CHANGED', { issueId: id, projectId: issue?.fields.project.id ?? '', changes: [], changeType: 'updated' });
  };

  const transition = async (candidate: Transition) => {
    if (!issue) return;
    setBusy(true);
    setRefusal(null);
    try {
      await jira('POST', `/issue/${issue.key}/transitions`, { transition: { id: candidate.id } });
      await changed(issue.id);
    } catch (error) {
      if (!(error instanceof JiraRequestError)) throw error;
      setRefusal({
        title: error.status === 0 ? `${candidate.name} was not sent` : `${candidate.name} was refused`,
        messages: [...error.body.errorMessages, ...Object.values(error.body.errors)],
      });
    } finally {
      setBusy(false);
    }
  };

  const saveFields = async () => {
    if (!issue || !ids) return;
    const fields: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(edits)) {
      if (name === 'description') fields['description'] = value.trim() ? adf(value) : null;
      else if (name === 'assignee') fields['assignee'] = value ? { accountId: value } : null;
      else if (name === 'duedate') fields['duedate'] = value || null;
      else if (name === 'summary') fields['summary'] = value;
      else if (name === 'successMetric') fields[ids.successMetric] = value.trim() || null;
      else fields[ids[name as (typeof SCORE_FIELDS)[number]]] = value === '' ? null : Number(value);
    }
    setBusy(true);
    setRefusal(null);
    try {
      await jira('PUT', `/issue/${issue.key}`, { fields });
      await changed(issue.id);
    } catch (error) {
      if (!(error instanceof JiraRequestError)) throw error;
      setRefusal({
        title: error.status === 0 ? 'The issue was not sent' : 'The issue was not saved',
        messages: [...error.body.errorMessages, ...Object.values(error.body.errors)],
      });
    } finally {
      setBusy(false);
    }
  };

  if (notFound) return <p role="alert">{notFound}</p>;
  if (!issue || !ids) return <p role="status">Loading {issueKey}…</p>;

  const value = (name: string, current: string): string => edits[name] ?? current;
  const edit = (name: string) => (event: { target: { value: string } }) => setEdits({ ...edits, [name]: event.target.value });
  const { project } = issue.fields;
  const extension = { type: 'jira:issuePanel', ...placeOf(issue), isNewToIssue: false };

  return (
    <article className="shell-issue" aria-labelledby="issue-title">
      <div className="shell-issue-main">
        <p className="shell-muted">
          <a href={`/projects/${project.key}`} onClick={(event) => followLink(event, `/projects/${project.key}`)}>
            {project.name}
          </a>{' '}
          / <span className="shell-key">{issue.key}</span>
        </p>
        <h1 id="issue-title">{issue.fields.summary}</h1>
        <div className="shell-transitions" role="group" aria-label="Transitions">
          <span className="shell-status" data-testid="issue-status">
            {issue.fields.status.name}
          </span>
          {transitions.map((candidate) => (
            <button key={candidate.id} type="button" className="shell-button" disabled={busy} onClick={() => void transition(candidate)}>
              {candidate.name}
            </button>
          ))}
        </div>
        {refusal && (
          <div className="shell-error" role="alert" data-testid="transition-error">
            <strong>{refusal.title}</strong>
            {refusal.messages.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
        <h2 className="shell-section-title">Description</h2>
        <textarea
          aria-label="Description"
          rows={4}
          value={value('description', adfText(issue.fields.description))}
          onChange={edit('description')}
        />
        {modules
          .filter((module) => module.type === 'jira:issuePanel')
          .map((module) => (
            <section key={module.key} aria-label={module.title}>
              <h2 className="shell-section-title">{module.title}</h2>
              <ForgeFrame
                resource={module.resource}
                moduleKey={module.key}
                extension={extension}
                title={`${module.title} issue panel`}
                minHeight={200}
                onRefresh={load}
              />
            </section>
          ))}
        <h2 className="shell-section-title">Comments</h2>
        {comments.length === 0 ? (
          <p className="shell-muted">No comments yet.</p>
        ) : (
          <ol className="shell-comments" data-testid="comments">
            {comments.map((comment) => (
              <li key={comment.id}>
                <strong>{comment.author.displayName}</strong>{' '}
                <span className="shell-muted">{viewerDateTime(normalizeJiraInstant(comment.created))}</span>
                <p>
                  {adfText(comment.body, (accountId) => `@${users.find((user) => user.accountId === accountId)?.displayName ?? accountId}`)}
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
      <aside className="shell-issue-side" aria-label="Details">
        {modules
          .filter((module) => module.type === 'jira:issueContext')
          .map((module) => (
            <ContextPanel key={module.key} module={module} extension={extension} onCollapse={() => void load()} />
          ))}
        <dl className="shell-details">
          <dt>Assignee</dt>
          <dd>
            <select aria-label="Assignee" value={value('assignee', issue.fields.assignee?.accountId ?? '')} onChange={edit('assignee')}>
              <UserOptions users={users} />
            </select>
          </dd>
          <dt>Reporter</dt>
          <dd>{issue.fields.reporter?.displayName ?? '—'}</dd>
          <dt>Due date</dt>
          <dd>
            <input aria-label="Due date" type="date" value={value('duedate', issue.fields.duedate ?? '')} onChange={edit('duedate')} />
          </dd>
          <dt>{fieldLabel('successMetric')}</dt>
          <dd>
            <input
              aria-label={fieldLabel('successMetric')}
              value={value('successMetric', scalarText(issue.fields[ids.successMetric], ''))}
              onChange={edit('successMetric')}
            />
          </dd>
          {SCORE_FIELDS.map((name) => (
            <div key={name} className="shell-detail-pair">
              <dt>{fieldLabel(name)}</dt>
              <dd>
                <select aria-label={fieldLabel(name)} value={value(name, scalarText(issue.fields[ids[name]], ''))} onChange={edit(name)}>
                  <ScoreOptions />
                </select>
              </dd>
            </div>
          ))}
          <dt>{fieldLabel('triageScore')}</dt>
          <dd data-testid="triage-score">{scalarText(issue.fields[ids.triageScore], '—')}</dd>
          <dt>{fieldLabel('tier')}</dt>
          <dd>{scalarText(issue.fields[ids.tier], '—')}</dd>
          <dt>Created</dt>
          <dd>{createdOn(issue.fields.created)}</dd>
        </dl>
        <button
          type="button"
          className="shell-button shell-button-primary"
          disabled={busy || Object.keys(edits).length === 0}
          onClick={() => void saveFields()}
        >
          Save fields
        </button>
      </aside>
    </article>
  );
};
