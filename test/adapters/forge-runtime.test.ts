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

  // Jitter decides how the 10 s are spent: at its top the waits are longest and the client stops soonest (at 7.5 s,
  // when the next wait would cross the budget); with a Jira that hangs, the last attempt is cut at the budget.
  it.each([
    ['answers 503', 0.999, () => Promise.resolve(new Response('busy', { status: 503 }))],
    ['answers 503', 0.01, () => Promise.resolve(new Response('busy', { status: 503 }))],
    ['never answers', 0.5, () => new Promise<never>(() => undefined)],
  ])('gives up on a search as a viewer within 10 s when Jira %s (jitter %s), so four viewers fit one event', async (_, jitter, answer) => {
    vi.useFakeTimers();
    const random = vi.spyOn(Math, 'random').mockReturnValue(jitter);
    try {
      forge.requestJira.mockReset().mockImplementation(answer);
      let settled = false;
      const searched = forgeMetricsConsumerDeps()
        .jiraAs('acc-lead')
        .searchIssues('project = MKT', ['id'])
        .finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(7_000);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(3_000);
      expect(settled).toBe(true);
      expect(forge.requestJira.mock.calls.length).toBeGreaterThan(1);
      expect(await searched).toMatchObject({ ok: false });
    } finally {
      random.mockRestore();
      vi.useRealTimers();
    }
  });
});
