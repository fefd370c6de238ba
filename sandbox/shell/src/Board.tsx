import { useEffect, useState } from 'react';
import { TIER_LABELS, TIERS, type Tier } from '../../../src/domain/tiers';
import { followLink, navigate } from './navigation';
import { CreateDialog } from './CreateDialog';
import { useProjectPages } from './ProjectPage';
import { jira, messageOf, type IssueSummary, type SandboxUser } from './sandbox-api';

const COLUMNS = ['Intake', 'Triage', 'Waiting', 'Planning', 'Build', 'QA + Governance', 'Launch', 'Measure + Improve', 'Done', 'Declined'];
/** Finished columns show their latest cards only, as a board's done column does. */
const FINISHED_SHOWN = 12;

interface SearchPage {
  readonly issues: IssueSummary[];
  readonly nextPageToken?: string;
}

const loadAll = async (projectKey: string): Promise<IssueSummary[]> => {
  const all: IssueSummary[] = [];
  let token: string | undefined;
  do {
    const page: SearchPage = await jira('POST', '/search/jql', {
      jql: `project = ${projectKey} ORDER BY updated DESC`,
      fields: ['summary', 'status', 'duedate', 'assignee'],
      properties: ['flight-plan-summary'],
      maxResults: 100,
      ...(token ? { nextPageToken: token } : {}),
    });
    all.push(...page.issues);
    token = page.nextPageToken;
  } while (token);
  return all;
};

const isTier = (value: string | undefined): value is Tier => (TIERS as readonly (string | undefined)[]).includes(value);

export const Card = ({ issue }: { issue: IssueSummary }) => {
  const summary = issue.properties?.['flight-plan-summary'];
  const tier = summary?.tier;
  return (
    <li>
      <a className="shell-card" href={`/browse/${issue.key}`} onClick={(event) => followLink(event, `/browse/${issue.key}`)}>
        <span className="shell-card-summary">{issue.fields.summary}</span>
        <span className="shell-card-meta">
          <span className="shell-key">{issue.key}</span>
          {isTier(tier) && <span className={`shell-tier shell-tier-${tier}`}>{TIER_LABELS[tier]}</span>}
          {summary?.progress && (
            <span className={`shell-progress${summary.currentGateReady === 'yes' ? ' shell-progress-ready' : ''}`}>{summary.progress}</span>
          )}
        </span>
      </a>
    </li>
  );
};

interface Project {
  readonly id: string;
  readonly key: string;
  readonly name: string;
}

/** A project's board by Flight Plan stage, with a picker for the site's other projects. */
export const Board = ({ projectKey, users }: { projectKey: string; users: readonly SandboxUser[] }) => {
  const [issues, setIssues] = useState<IssueSummary[] | null>(null);
  const [projects, setProjects] = useState<readonly Project[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const projectPages = useProjectPages();
  useEffect(() => {
    loadAll(projectKey).then(setIssues, (failure: unknown) => setError(messageOf(failure)));
    jira<{ values: Project[] }>('GET', '/project/search').then(
      (page) => setProjects(page.values),
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [projectKey]);
  const project = projects.find((candidate) => candidate.key === projectKey);
  return (
    <section aria-labelledby="board-title">
      <div className="shell-page-head">
        <h1 id="board-title">{project?.name ?? projectKey}</h1>
        <label className="shell-project-picker">
          Project{' '}
          <select value={projectKey} onChange={(event) => navigate(`/projects/${event.target.value}`)} data-testid="project-picker">
            {projects.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {candidate.name} ({candidate.key})
              </option>
            ))}
          </select>
        </label>
        <span className="shell-muted" data-testid="request-count">
          {issues ? `${issues.length} requests` : ''}
        </span>
        {projectPages.map((page) => (
          <a
            key={page.key}
            className="shell-button"
            href={`/projects/${projectKey}/apps/${page.key}`}
            onClick={(event) => followLink(event, `/projects/${projectKey}/apps/${page.key}`)}
          >
            {page.title ?? page.key}
          </a>
        ))}
        <button type="button" className="shell-button shell-button-primary" onClick={() => setCreating(true)}>
          Create request
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {issues === null && !error && <p role="status">Loading the board…</p>}
      {issues && (
        <div className="shell-board" data-testid="board">
          {COLUMNS.map((status) => {
            const cards = issues.filter((issue) => issue.fields.status.name === status);
            const finished = status === 'Done' || status === 'Declined';
            const shown = finished ? cards.slice(0, FINISHED_SHOWN) : cards;
            return (
              <section key={status} className="shell-column" aria-label={`${status}: ${cards.length}`}>
                <h2>
                  {status} <span className="shell-count">{cards.length}</span>
                </h2>
                <ul>
                  {shown.map((issue) => (
                    <Card key={issue.id} issue={issue} />
                  ))}
                </ul>
                {shown.length < cards.length && <p className="shell-muted">and {cards.length - shown.length} more</p>}
              </section>
            );
          })}
        </div>
      )}
      {creating && <CreateDialog projectKey={projectKey} users={users} onClose={() => setCreating(false)} />}
    </section>
  );
};
