import { describe, expect, it } from 'vitest';
import api, { assumeTrustedRoute } from '../../sandbox/forge/api';
import { invocationUser, setSandboxRuntime } from '../../sandbox/forge/runtime';
import type { JiraSite } from '../../sandbox/jira/rest';
import type { RestCaller } from '../../sandbox/jira/rest-shapes';
import type { SiteStore } from '../../sandbox/jira/site-state';

/** The sandbox's `@forge/api`: whom each request goes to Jira as. */
describe("the sandbox's requestJira", () => {
  const callers: RestCaller[] = [];
  const site = { handle: async ({ caller }: { caller: RestCaller }) => (callers.push(caller), { status: 204 }) } as unknown as JiraSite;
  setSandboxRuntime({ site, store: {} as SiteStore, enqueue: () => undefined });
  const myself = assumeTrustedRoute('/rest/api/3/myself');

  it('goes as a given account where no user invoked the function (offline user impersonation), as the metrics refresh asks', async () => {
    callers.length = 0;
    await api.asUser('acc-viewer').requestJira(myself);
    await invocationUser.run('acc-caller', () => api.asUser('acc-viewer').requestJira(myself));
    expect(callers).toEqual([
      { kind: 'user', accountId: 'acc-viewer' },
      { kind: 'user', accountId: 'acc-viewer' },
    ]);
  });

  it("goes as the invocation's user with no account named, and refuses where there is none", async () => {
    callers.length = 0;
    await invocationUser.run('acc-caller', () => api.asUser().requestJira(myself));
    expect(callers).toEqual([{ kind: 'user', accountId: 'acc-caller' }]);
    await expect(api.asUser().requestJira(myself)).rejects.toThrow('asUser() is only available in invocations made by a user');
  });
});
