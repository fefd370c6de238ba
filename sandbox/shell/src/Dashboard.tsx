import { useCallback, useEffect, useState } from 'react';
import { ForgeFrame } from './ForgeFrame';
import { sandbox } from './sandbox-api';

interface GadgetModule {
  readonly key: string;
  readonly title?: string;
  readonly resource?: string;
  readonly edit?: { readonly resource?: string };
}

/** What a new dashboard starts with, so the demo shows figures at once. */
const DEMO_CONFIGURATION: Readonly<Record<string, Record<string, unknown>>> = {
  'workflow-health-gadget': { projects: ['MKT'], periodDays: 90, tier: 'all' },
  'triage-queue-gadget': { projects: ['MKT'] },
};

const storageKey = (gadget: string): string => `flight-plan-sandbox-gadget:${gadget}`;

const storedConfiguration = (gadget: string): Record<string, unknown> => {
  const stored = localStorage.getItem(storageKey(gadget));
  return stored === null ? (DEMO_CONFIGURATION[gadget] ?? {}) : (JSON.parse(stored) as Record<string, unknown>);
};

/** One gadget as a Jira dashboard shows it: a title bar with Edit, and the app's frame. */
const Gadget = ({ module }: { module: GadgetModule }) => {
  const [configuration, setConfiguration] = useState(() => storedConfiguration(module.key));
  const [editing, setEditing] = useState(false);
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
        <button type="button" className="shell-button" onClick={() => setEditing(!editing)} aria-pressed={editing}>
          {editing ? 'Cancel' : 'Edit'}
        </button>
      </div>
      <ForgeFrame key={editing ? 'edit' : 'view'} resource={resource} moduleKey={module.key} extension={extension} title={module.title ?? module.key} minHeight={160} onSubmit={save} />
    </section>
  );
};

/** The dashboard: every `jira:dashboardGadget` the app's manifest declares. */
export const Dashboard = () => {
  const [gadgets, setGadgets] = useState<readonly GadgetModule[] | null>(null);
  useEffect(() => {
    void sandbox<Record<string, GadgetModule[]>>('GET', 'manifest').then((modules) => setGadgets(modules['jira:dashboardGadget'] ?? []));
  }, []);
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Marketing leadership dashboard</h1>
      {gadgets === null ? (
        <p role="status">Loading…</p>
      ) : gadgets.length === 0 ? (
        <p className="shell-muted">This build of the app declares no dashboard gadgets.</p>
      ) : (
        <div className="shell-slots">
          {gadgets.map((module) => (
            <Gadget key={module.key} module={module} />
          ))}
        </div>
      )}
    </section>
  );
};
