import { describe, expect, it, vi } from 'vitest';
import { NeedsAuthenticationError, ProxyRequestError } from '@forge/api';
// vi.mock below is hoisted above these imports, so the wiring meets the mocked `@forge/api`.
import { forgeMetricsConsumerDeps } from '../../src/adapters/forge-runtime';

/** What the next `api.asUser(accountId).requestJira` does, and how often it was called. */
const forge = vi.hoisted(() => ({ requestJira: vi.fn<() => Promise<unknown>>(), actedAs: [] as (string | undefined)[] }));

vi.mock('@forge/api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@forge/api')>();
  const asUser = (accountId?: string) => {
    forge.actedAs.push(accountId);
    return { requestJira: forge.requestJira };
  };
  return { ...actual, default: { ...actual.default, asUser }, assumeTrustedRoute: (path: string) => path };
});

describe("the metrics refresh's Jira as a viewer (Forge's offline impersonation)", () => {
  // Forge's own refusal to act as the account was taken as Jira being unreachable (JIRA.UNAVAILABLE),
  // retried for the client's whole budget, and the refresh handed its event back on every delivery.
  it.each([
    ['NeedsAuthenticationError', () => new NeedsAuthenticationError('Authentication Required', 'atlassian-token-service-key')],
    ['ProxyRequestError', () => new ProxyRequestError(403, 'UNAUTHORIZED')],
  ])('takes %s as a refusal, asked once, never as Jira being briefly unavailable', async (_, thrown) => {
    forge.requestJira.mockReset().mockRejectedValue(thrown());
    forge.actedAs.length = 0;
    const searched = await forgeMetricsConsumerDeps().jiraAs('acc-gone').searchIssues('project = MKT', ['id']);
    expect(searched).toMatchObject({ ok: false, error: { code: 'JIRA.FORBIDDEN', status: 403 } });
    expect(forge.requestJira).toHaveBeenCalledTimes(1);
    expect(forge.actedAs).toEqual(['acc-gone']);
  });

  it('gives up on a search as a viewer within 10 s of Jira staying down, so four viewers fit one event', async () => {
    vi.useFakeTimers();
    try {
      forge.requestJira.mockReset().mockImplementation(() => Promise.resolve(new Response('busy', { status: 503 })));
      let settled = false;
      const searched = forgeMetricsConsumerDeps()
        .jiraAs('acc-lead')
        .searchIssues('project = MKT', ['id'])
        .finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(9_000);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(6_000);
      expect(settled).toBe(true);
      expect(await searched).toMatchObject({ ok: false });
    } finally {
      vi.useRealTimers();
    }
  });
});
