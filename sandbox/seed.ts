import { createJiraApi } from '../src/adapters/jira-api';
import { createJiraClient, SYNC_FUNCTION_POLICY, type JiraTransport } from '../src/adapters/jira-client';
import { createSetupApi } from '../src/adapters/jira-setup-api';
import { GUARD_ENTITY, guardKey } from '../src/adapters/revision-guard';
import type { AppStore } from '../src/use-cases/ports';
import { ok, type Failure, type Result } from '../src/domain/result';
import { applyProjectSetup, type SetupDeps } from '../src/use-cases/set-up-project';
import { APP_ID, ENVIRONMENT_ID, userByRole } from './catalogue';
import { addDemoRequests, type DemoOptions } from './demo-data';
import { listCampaignsOfStoredRecords } from '../src/use-cases/campaign-requests';
import type { JiraSite } from './jira/rest';
import type { RestCaller } from './jira/rest-shapes';
import type { SiteStore } from './jira/site-state';
import type { SetupRunView } from '../src/contracts/views/admin';
import { present } from '../src/domain/present';

/** Jira REST on the sandbox site as one caller, for app code run outside a Forge invocation. */
export const siteTransport =
  (site: JiraSite, caller: RestCaller): JiraTransport =>
  async (path, init) => {
    const answer = await site.handle({
      method: init.method,
      path,
      body: init.body === undefined ? undefined : (JSON.parse(init.body) as unknown),
      caller,
    });
    const text = answer.body === undefined || answer.status === 204 ? '' : JSON.stringify(answer.body);
    return { status: answer.status, headers: { get: () => null }, text: async () => text };
  };

/**
 * The app's storage on the site, as the use cases see it; values are copied in and out, as KVS does, and guarded
 * writes keep their revisions where the KVS adapter keeps them, so the app's later writes see them.
 */
const siteAppStore = (store: SiteStore): AppStore => {
  const storage = store.data.appStorage;
  const guards = ((store.data.appEntities ??= {})[GUARD_ENTITY] ??= {}) as Record<string, { revision: number }>;
  const copy = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;
  const write = (key: string, value: unknown) => {
    storage[key] = copy(value);
    store.changed();
  };
  const revisionOf = (key: string) => guards[guardKey(key)]?.revision ?? 0;
  return {
    commit: async ({ guarded, plain = new Map<string, unknown>(), deletes = [] }) => {
      if (guarded.some((entry) => revisionOf(entry.key) > entry.readRevision)) return 'conflict';
      for (const entry of guarded) {
        write(entry.key, entry.value);
        guards[guardKey(entry.key)] = { revision: entry.revision };
      }
      plain.forEach((value, key) => write(key, value));
      for (const key of deletes) delete storage[key];
      return 'committed';
    },
    committedRevisions: async (keys) => new Map(keys.map((key) => [key, revisionOf(key)])),
    getMany: async (keys) => new Map(keys.filter((key) => key in storage).map((key) => [key, copy(storage[key])])),
    set: async (key, value) => write(key, value),
    setMany: async (entries) => entries.forEach((value, key) => write(key, value)),
    list: async (prefix) =>
      new Map(
        Object.keys(storage)
          .filter((key) => key.startsWith(prefix))
          .map((key) => [key, copy(storage[key])]),
      ),
    listPage: async (prefix, limit, cursor) => {
      const keys = Object.keys(storage)
        .filter((key) => key.startsWith(prefix) && (cursor === null || key > cursor))
        .sort();
      const page = keys.slice(0, limit);
      return { entries: new Map(page.map((key) => [key, copy(storage[key])])), next: keys.length > limit ? (page.at(-1) ?? null) : null };
    },
    deleteMany: async (keys) => {
      for (const key of keys) delete storage[key];
      store.changed();
    },
    deleteWithRevisions: async (keys) => {
      for (const key of keys) {
        delete storage[key];
        delete guards[guardKey(key)];
      }
      store.changed();
    },
  };
};

/**
 * Set up project's dependencies on the sandbox site, acting as `accountId`, built fresh as a Forge
 * invocation builds them; `through` wraps the transport, for callers that count or refuse requests.
 */
export const setupDepsOnSite = (
  site: JiraSite,
  accountId: string,
  store: AppStore,
  now: Date,
  through: (transport: JiraTransport) => JiraTransport = (transport) => transport,
): SetupDeps => {
  // The sandbox's Jira answers at once: nothing to wait for between retries or task polls.
  const noWait = async () => undefined;
  const client = createJiraClient({
    transport: through(siteTransport(site, { kind: 'user', accountId })),
    sleep: noWait,
    now: Date.now,
    random: () => 0,
    policy: SYNC_FUNCTION_POLICY,
  });
  return {
    jira: createJiraApi(client),
    setup: createSetupApi(client, noWait),
    store,
    now,
    install: { appId: APP_ID, environmentId: ENVIRONMENT_ID },
  };
};

/** The most runs the admin page makes before it gives up; a fresh project needs two. */
const MAX_RUNS = 5;

/** Runs setup as the admin page does, again while a run reports `partial`: every run's answer, or the first refusal. */
export const runSetupToEnd = async (
  deps: () => SetupDeps,
  accountId: string,
  projectKey: string,
): Promise<Result<SetupRunView[], Failure>> => {
  const runs: SetupRunView[] = [];
  for (let run = 0; run < MAX_RUNS; run++) {
    const result = await applyProjectSetup(deps(), accountId, projectKey);
    if (!result.ok) return result;
    runs.push(result.value);
    if (result.value.outcome !== 'partial') break;
  }
  return ok(runs);
};

/** A request that only reads: what the tests and the bench count apart from writes. */
export const isRead = (method: string, path: string): boolean =>
  method === 'GET' || ['/search/jql', '/permissions/check', '/expression/analyse'].some((read) => path.includes(read));

/** Runs the app's own Set up project on `projectKey` as the site's Jira admin, as the admin page would, until it finishes. */
export const setUpProject = async (site: JiraSite, store: SiteStore, projectKey: string, now: Date): Promise<SetupRunView> => {
  const admin = userByRole('admin').accountId;
  const runs = await runSetupToEnd(() => setupDepsOnSite(site, admin, siteAppStore(store), now), admin, projectKey);
  if (!runs.ok) throw new Error(`Set up project ${projectKey} failed: ${runs.error.message}`);
  const last = present(runs.value.at(-1));
  if (last.outcome === 'partial') throw new Error(`Set up project ${projectKey} did not finish in ${MAX_RUNS} runs`);
  return last;
};

/** Runs of the hourly campaign-list walk the demo may take: a few for its few hundred requests. */
const MAX_LISTING_RUNS = 50;

/** The demo site: MKT set up by the app, then filled with demo requests. */
export const seedDemo = async (site: JiraSite, store: SiteStore, options: DemoOptions): Promise<void> => {
  const run = await setUpProject(site, store, 'MKT', options.anchor);
  if (run.outcome === 'stopped') throw new Error(`Set up project MKT stopped: ${run.failed?.message ?? run.blocked?.message}`);
  addDemoRequests(store.data, 'MKT', options);
  // The demo's records were written straight into storage, as a site's are before an update: the app's hourly walk
  // lists them on their campaigns' lists, run here to its end. Each run lists some; one that never ends is a fault, said.
  let listing = await listCampaignsOfStoredRecords(siteAppStore(store));
  for (let runs = 1; listing.remaining; runs++) {
    if (runs === MAX_LISTING_RUNS) throw new Error(`the campaign-list walk did not finish in ${MAX_LISTING_RUNS} runs`);
    listing = await listCampaignsOfStoredRecords(siteAppStore(store));
  }
  store.changed();
};
