import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { useEffect, useState } from 'react';
import { offerCreateModal, setFramesColorMode, type CreateModalRequest } from './bridge-host';
import { CreateDialog } from './CreateDialog';
import { ProjectPage } from './ProjectPage';
import { Board } from './Board';
import { IssueSearch } from './IssueSearch';
import { IssueView } from './IssueView';
import { Dashboard } from './Dashboard';
import { ModuleSlots } from './ModuleSlots';
import { followLink } from './navigation';
import { currentUserId, jira, sandbox, setCurrentUserId, type SandboxUser } from './sandbox-api';

type Route =
  | { page: 'board'; projectKey: string }
  | { page: 'project-page'; projectKey: string; moduleKey: string }
  | { page: 'search'; jql: string }
  | { page: 'issue'; key: string }
  | { page: 'dashboard' }
  | { page: 'admin' };

const routeOf = (path: string, search = ''): Route => {
  if (path === '/issues/' || path === '/issues') return { page: 'search', jql: new URLSearchParams(search).get('jql') ?? '' };
  const issue = /^\/browse\/([A-Z]+-\d+)$/.exec(path);
  if (issue?.[1] !== undefined) return { page: 'issue', key: issue[1] };
  if (path === '/dashboard') return { page: 'dashboard' };
  if (path === '/admin') return { page: 'admin' };
  const projectPage = /^\/projects\/([A-Z][A-Z0-9_]*)\/apps\/([a-zA-Z0-9_-]+)$/.exec(path);
  if (projectPage?.[1] !== undefined && projectPage[2] !== undefined)
    return { page: 'project-page', projectKey: projectPage[1], moduleKey: projectPage[2] };
  const project = /^\/projects\/([A-Z][A-Z0-9_]*)$/.exec(path);
  return { page: 'board', projectKey: project?.[1] ?? 'MKT' };
};

const THEME_KEY = 'flight-plan-sandbox-theme';

export const App = () => {
  const [route, setRoute] = useState<Route>(routeOf(window.location.pathname, window.location.search));
  const [users, setUsers] = useState<readonly SandboxUser[]>([]);
  const [userId, setUserId] = useState<string | null>(currentUserId());
  const [mode, setMode] = useState<'light' | 'dark'>((localStorage.getItem(THEME_KEY) as 'light' | 'dark' | null) ?? 'light');

  useEffect(() => {
    const onPop = () => setRoute(routeOf(window.location.pathname, window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    void sandbox<SandboxUser[]>('GET', 'users').then((list) => {
      setUsers(list);
      if (currentUserId() === null) {
        const admin = list.find((user) => user.role === 'admin') ?? list[0];
        if (admin !== undefined) {
          setCurrentUserId(admin.accountId);
          setUserId(admin.accountId);
        }
      }
    });
  }, []);

  useEffect(() => {
    localStorage.setItem(THEME_KEY, mode);
    void setGlobalTheme({ colorMode: mode, light: 'light', dark: 'dark' }).then(() => setFramesColorMode(mode));
  }, [mode]);

  const [clock, setClock] = useState<string | null>(null);
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    void sandbox<{ now: string }>('GET', 'clock').then((answer) => setClock(answer.now));
  }, []);
  const [notice, setNotice] = useState<string | null>(null);
  const advanceDay = async () => {
    try {
      const answer = await sandbox<{ now: string }>('POST', 'clock', { advanceHours: 24 });
      setNotice(null);
      setClock(answer.now);
      // Every page reloads its data for the new day.
      setEpoch((value) => value + 1);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    }
  };

  // Jira's Create dialog, when an app opens it (`CreateIssueModal`): on the app's project, pre-filled from its context.
  const [createModal, setCreateModal] = useState<(CreateModalRequest & { projectKey: string }) | null>(null);
  useEffect(
    () =>
      offerCreateModal((request) => {
        const projectId = typeof request.context['projectId'] === 'string' ? request.context['projectId'] : '';
        void jira<{ key: string }>('GET', `/project/${projectId}`).then(
          (project) => setCreateModal({ ...request, projectKey: project.key }),
          () => request.onClose({ payload: [] }),
        );
      }),
    [],
  );

  const chooseUser = (accountId: string) => {
    setCurrentUserId(accountId);
    setUserId(accountId);
  };

  return (
    <div className="shell">
      <header className="shell-header">
        <a className="shell-brand" href="/" onClick={(event) => followLink(event, '/')}>
          Flight Plan <span>sandbox</span>
        </a>
        <nav aria-label="Sandbox">
          {(
            [
              ['/', 'Board', route.page === 'board' || route.page === 'issue' || route.page === 'project-page'],
              ['/dashboard', 'Dashboard', route.page === 'dashboard'],
              ['/admin', 'Apps admin', route.page === 'admin'],
            ] as const
          ).map(([path, label, active]) => (
            <a key={path} href={path} aria-current={active ? 'page' : undefined} onClick={(event) => followLink(event, path)}>
              {label}
            </a>
          ))}
        </nav>
        <label className="shell-user">
          Acting as
          <select value={userId ?? ''} onChange={(event) => chooseUser(event.target.value)} data-testid="user-switcher">
            {users.map((user) => (
              <option key={user.accountId} value={user.accountId}>
                {user.displayName} — {user.roleLabel}
              </option>
            ))}
          </select>
        </label>
        <span
          className="shell-clock"
          data-testid="sandbox-clock"
          title="The sandbox's clock, in your time zone; scheduled jobs run when it moves"
        >
          {clock ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(clock)) : ''}
        </span>
        <button type="button" className="shell-button" onClick={() => void advanceDay()}>
          +1 day
        </button>
        <button
          type="button"
          className="shell-button"
          onClick={() => setMode(mode === 'light' ? 'dark' : 'light')}
          aria-pressed={mode === 'dark'}
        >
          {mode === 'light' ? 'Dark theme' : 'Light theme'}
        </button>
      </header>
      {notice && (
        <p className="shell-error shell-notice" role="alert" data-testid="shell-notice">
          {notice}
        </p>
      )}
      {/* Keyed by user: switching users reloads every module with the new context account. */}
      <main className="shell-main" key={`${userId ?? 'nobody'}-${epoch}`}>
        {userId === null ? null : route.page === 'issue' ? (
          <IssueView issueKey={route.key} users={users} />
        ) : route.page === 'search' ? (
          <IssueSearch jql={route.jql} />
        ) : route.page === 'dashboard' ? (
          <Dashboard />
        ) : route.page === 'project-page' ? (
          <ProjectPage projectKey={route.projectKey} moduleKey={route.moduleKey} />
        ) : route.page === 'admin' ? (
          <ModuleSlots type="jira:adminPage" title="Apps admin" empty="This build of the app declares no admin page." />
        ) : (
          <Board key={route.projectKey} projectKey={route.projectKey} users={users} />
        )}
      </main>
      {createModal && (
        <CreateDialog
          projectKey={createModal.projectKey}
          users={users}
          prefill={createModal.context}
          onCreated={(created) => {
            setCreateModal(null);
            createModal.onClose({ payload: [{ issueId: created.id }] });
          }}
          onClose={() => {
            setCreateModal(null);
            createModal.onClose({ payload: [] });
          }}
        />
      )}
    </div>
  );
};
