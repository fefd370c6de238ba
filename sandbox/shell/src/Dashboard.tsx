import { useCallback, useEffect, useState } from 'react';
import { emitToFrames } from './bridge-host';
import { ForgeFrame } from './ForgeFrame';
import { sandbox } from './sandbox-api';

interface GadgetModule {
  readonly key: string;
  readonly title?: string;
  readonly resource?: string;
  readonly edit?: { readonly resource?: string };
  readonly refreshable?: boolean;
}

/**
 * Jira's refresh of a gadget: one with `refreshable: false` gets `JIRA_DASHBOARD_GADGET_REFRESH`
 * (every such gadget hears it, with where it came from), any other is loaded again by Jira
 * (developer.atlassian.com/platform/forge/manifest-reference/modules/jira-dashboard-gadget).
 */
const REFRESH_EVENT = 'JIRA_DASHBOARD_GADGET_REFRESH';

/** What a new dashboard starts with, so the demo shows figures at once. */
const DEMO_CONFIGURATION: Readonly<Record<string, Record<string, unknown>>> = {
  'workflow-health-gadget': { projects: ['MKT'], periodDays: 90, tier: 'all' },
  'triage-queue-gadget': { projects: ['MKT'] },
  'outcomes-gadget': { projects: ['MKT'], periodDays: 90, tier: 'all' },
};

const storageKey = (gadget: string): string => `flight-plan-sandbox-gadget:${gadget}`;

const storedConfiguration = (gadget: string): Record<string, unknown> => {
  const stored = localStorage.getItem(storageKey(gadget));
  return stored === null ? (DEMO_CONFIGURATION[gadget] ?? {}) : (JSON.parse(stored) as Record<string, unknown>);
};

/** One gadget as a Jira dashboard shows it: a title bar with Edit, and the app's frame. */
const Gadget = ({ module, dashboardRefreshes }: { module: GadgetModule; dashboardRefreshes: number }) => {
  const [configuration, setConfiguration] = useState(() => storedConfiguration(module.key));
  const [editing, setEditing] = useState(false);
  const [ownRefreshes, setOwnRefreshes] = useState(0);
  const refresh = () =>
    module.refreshable === false
      ? emitToFrames(REFRESH_EVENT, { origin: 'gadget', gadgetId: module.key })
      : setOwnRefreshes(ownRefreshes + 1);
  // Jira's own refresh loads the gadget again; a gadget that overrides it keeps its frame and hears the event.
  const loads = module.refreshable === false ? 0 : ownRefreshes + dashboardRefreshes;
  const save = useCallback(
    (payload: unknown) => {
      localStorage.setItem(storageKey(module.key), JSON.stringify(payload));
      setConfiguration(payload as Record<string, unknown>);
      setEditing(false);
    },
    [module.key],
  );
  const resource = editing ? (module.edit?.resource ?? module.resource) : module.resource;
  if (resource === undefined) return null;
  const extension = {
    type: 'jira:dashboardGadget',
    dashboard: { id: 'sandbox-dashboard' },
    gadget: { id: module.key },
    gadgetConfiguration: configuration,
    ...(editing ? { entryPoint: 'edit' } : {}),
  };
  return (
    <section className="shell-slot" aria-label={module.title ?? module.key} data-gadget={module.key}>
      <div className="shell-slot-head">
        <h2>{module.title ?? module.key}</h2>
        <span className="shell-slot-actions">
          <button type="button" className="shell-button" onClick={refresh} disabled={editing}>
            Refresh
          </button>
          <button type="button" className="shell-button" onClick={() => setEditing(!editing)} aria-pressed={editing}>
            {editing ? 'Cancel' : 'Edit'}
          </button>
        </span>
      </div>
      <ForgeFrame
        key={editing ? 'edit' : `view-${loads}`}
        resource={resource}
        moduleKey={module.key}
        extension={extension}
        title={module.title ?? module.key}
        minHeight={160}
        onSubmit={save}
      />
    </section>
  );
};

/** The dashboard: every `jira:dashboardGadget` the app's manifest declares. */
export const Dashboard = () => {
  const [gadgets, setGadgets] = useState<readonly GadgetModule[] | null>(null);
  const [dashboardRefreshes, setDashboardRefreshes] = useState(0);
  const refreshAll = () => {
    if (gadgets?.some((module) => module.refreshable === false)) emitToFrames(REFRESH_EVENT, { origin: 'dashboard' });
    setDashboardRefreshes(dashboardRefreshes + 1);
  };
  useEffect(() => {
    void sandbox<Record<string, GadgetModule[]>>('GET', 'manifest').then((modules) => setGadgets(modules['jira:dashboardGadget'] ?? []));
  }, []);
  return (
    <section aria-labelledby="dashboard-title">
      <div className="shell-slot-head">
        <h1 id="dashboard-title">Marketing leadership dashboard</h1>
        <button type="button" className="shell-button" onClick={refreshAll}>
          Refresh dashboard
        </button>
      </div>
      {gadgets === null ? (
        <p role="status">Loading…</p>
      ) : gadgets.length === 0 ? (
        <p className="shell-muted">This build of the app declares no dashboard gadgets.</p>
      ) : (
        <div className="shell-slots">
          {gadgets.map((module) => (
            <Gadget key={module.key} module={module} dashboardRefreshes={dashboardRefreshes} />
          ))}
        </div>
      )}
    </section>
  );
};
