import { afterEach, describe, expect, it, vi } from 'vitest';
import { readManifest } from '../../sandbox/app-host';
import api, { assumeTrustedRoute } from '../../sandbox/forge/api';
import { impersonationScopesOf, type ManifestScopes } from '../../sandbox/forge/impersonation';
import { invocationUser, setSandboxRuntime } from '../../sandbox/forge/runtime';
import type { JiraSite } from '../../sandbox/jira/rest';
import type { RestCaller } from '../../sandbox/jira/rest-shapes';
import type { SiteStore } from '../../sandbox/jira/site-state';
import { jiraSpec } from './sandbox-site';

/** The sandbox's `@forge/api`: whom each request goes to Jira as, and which requests Forge lets it make as someone else. */
describe("the sandbox's requestJira", () => {
  const callers: RestCaller[] = [];
  const site = { handle: async ({ caller }: { caller: RestCaller }) => (callers.push(caller), { status: 204 }) } as unknown as JiraSite;
  /** The sandbox's runtime as the app host sets it, with `scopes` as the manifest's `permissions.scopes` (manifest.yml's by default). */
  const runWith = (scopes: ManifestScopes | undefined = readManifest().permissions?.scopes) =>
    setSandboxRuntime({
      site,
      store: {} as SiteStore,
      enqueue: () => undefined,
      impersonation: { allowed: impersonationScopesOf(scopes), scopesOf: jiraSpec.requestScopes },
    });
  // The search the metrics refresh makes as each viewer of a JQL gadget (read:jira-work), and a write (write:jira-work).
  const search = (accountId: string) =>
    api.asUser(accountId).requestJira(assumeTrustedRoute('/rest/api/3/search/jql'), { method: 'POST', body: '{"jql":"project = MKT"}' });
  const edit = (accountId: string) =>
    api.asUser(accountId).requestJira(assumeTrustedRoute('/rest/api/3/issue/10001?notifyUsers=false'), { method: 'PUT', body: '{}' });
  const myself = assumeTrustedRoute('/rest/api/3/myself');
  afterEach(() => {
    callers.length = 0;
    vi.restoreAllMocks();
  });

  it('goes as a given account where no user invoked the function (offline user impersonation), as the metrics refresh asks', async () => {
    runWith();
    expect((await search('acc-viewer')).status).toBe(204);
    expect((await invocationUser.run('acc-caller', () => search('acc-viewer'))).status).toBe(204);
    expect(callers).toEqual([
      { kind: 'user', accountId: 'acc-viewer' },
      { kind: 'user', accountId: 'acc-viewer' },
    ]);
  });

  it("goes as the invocation's user with no account named, and refuses where there is none", async () => {
    runWith();
    // No impersonation: the user is there, so the manifest's flag does not matter (read:jira-user has none).
    await invocationUser.run('acc-caller', () => api.asUser().requestJira(myself));
    expect(callers).toEqual([{ kind: 'user', accountId: 'acc-caller' }]);
    await expect(api.asUser().requestJira(myself)).rejects.toThrow('asUser() is only available in invocations made by a user');
  });

  it('refuses a request as another account through a scope manifest.yml does not mark allowImpersonation: true, before Jira sees it', async () => {
    // developer.atlassian.com/platform/forge/manifest-reference/permissions/: "specify allowImpersonation: true on scopes
    // your app will use for offline user impersonation". manifest.yml marks read:jira-work only.
    runWith();
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const refused of [await edit('acc-viewer'), await api.asUser('acc-viewer').requestJira(myself)]) {
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
    }
    expect(callers).toEqual([]);
    expect(warned.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringContaining('allowImpersonation: true on write:jira-work'),
      expect.stringContaining('allowImpersonation: true on read:jira-user'),
    ]);
  });

  it('lets the app impersonate only as the manifest says: without the flag, or with the scopes listed, the search is refused', async () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const scopes = readManifest().permissions?.scopes as Readonly<Record<string, { allowImpersonation?: boolean } | null>>;
    expect(scopes['read:jira-work']).toEqual({ allowImpersonation: true });
    runWith({ ...scopes, 'read:jira-work': {} });
    expect((await search('acc-viewer')).status).toBe(401);
    runWith({ ...scopes, 'read:jira-work': { allowImpersonation: false } });
    expect((await search('acc-viewer')).status).toBe(401);
    runWith(Object.keys(scopes));
    expect((await search('acc-viewer')).status).toBe(401);
    expect(callers).toEqual([]);
    expect(warned).toHaveBeenCalledTimes(3);
    // Marked on write:jira-work too, the edit goes through.
    runWith({ ...scopes, 'write:jira-work': { allowImpersonation: true } });
    expect((await edit('acc-viewer')).status).toBe(204);
    expect(callers).toEqual([{ kind: 'user', accountId: 'acc-viewer' }]);
  });

  it('refuses a request as another account for which the spec names no scope, rather than let it through', async () => {
    // `requestScopes` answers none for a path Atlassian's spec does not have, and a request
    // needing no scope passed the check, whatever the manifest said.
    runWith();
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(jiraSpec.requestScopes('GET', '/rest/api/3/no-such-resource')).toEqual([]);
    const refused = await api.asUser('acc-viewer').requestJira(assumeTrustedRoute('/rest/api/3/no-such-resource'));
    expect(refused.status).toBe(401);
    expect(callers).toEqual([]);
    expect(warned.mock.calls.map(([line]) => String(line))).toEqual([expect.stringContaining('spec names no scope for it')]);
    // As the invocation's user, the same request goes to Jira: only impersonation is held to the manifest.
    await invocationUser.run('acc-caller', () => api.asUser().requestJira(assumeTrustedRoute('/rest/api/3/no-such-resource')));
    expect(callers).toEqual([{ kind: 'user', accountId: 'acc-caller' }]);
  });

  it('refuses to run a request as another account with no rule set, rather than let it through', async () => {
    setSandboxRuntime({ site, store: {} as SiteStore, enqueue: () => undefined });
    await expect(search('acc-viewer')).rejects.toThrow('the sandbox runtime has no impersonation rule');
    expect(callers).toEqual([]);
  });
});
