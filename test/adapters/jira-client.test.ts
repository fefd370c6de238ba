import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createJiraClient,
  parseRetryAfter,
  type JiraHttpResponse,
  type JiraTransport,
  type RetryPolicy,
} from '../../src/adapters/jira-client';

const reply = (status: number, body: unknown = {}, headers: Record<string, string> = {}): JiraHttpResponse => ({
  status,
  headers: { get: (name) => headers[name] ?? null },
  text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
});

const POLICY: RetryPolicy = { budgetMs: 10_000, baseDelayMs: 100, maxDelayMs: 2_000, attemptTimeoutMs: 50 };

/** A client on a virtual clock: sleeping advances time instantly, so waits are asserted, not endured. */
const harness = (answers: (JiraHttpResponse | 'hang' | Error)[], policy = POLICY, random = () => 0.5) => {
  let clock = 0;
  const sleeps: number[] = [];
  let calls = 0;
  const transport: JiraTransport = () => {
    const answer = answers[Math.min(calls++, answers.length - 1)];
    if (answer === 'hang') return new Promise(() => undefined);
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve(answer as JiraHttpResponse);
  };
  const client = createJiraClient({
    transport,
    now: () => clock,
    random,
    policy,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  });
  const getIssue = () => client.call({ route: 'getIssue', params: { issueIdOrKey: 'MKT-1' }, response: z.object({ id: z.string() }) });
  const addComment = () =>
    client.call({
      route: 'addComment',
      params: { issueIdOrKey: 'MKT-1' },
      body: { body: 'hello' },
      response: z.object({ id: z.string() }),
    });
  return { getIssue, addComment, sleeps, calls: () => calls, client };
};

describe('createJiraClient', () => {
  it('returns the parsed body on success', async () => {
    const { getIssue, calls } = harness([reply(200, { id: '10001', extra: true })]);
    expect(await getIssue()).toEqual({ ok: true, value: { id: '10001' } });
    expect(calls()).toBe(1);
  });

  it('waits exactly as long as Retry-After asks on a 429, then succeeds', async () => {
    const { getIssue, sleeps } = harness([reply(429, {}, { 'Retry-After': '3' }), reply(200, { id: '1' })]);
    expect((await getIssue()).ok).toBe(true);
    expect(sleeps).toEqual([3_000]);
  });

  it('accepts Retry-After as an HTTP date', () => {
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1_000)).toBe(4_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });

  it('backs off exponentially with jitter on a 429 without Retry-After', async () => {
    const { getIssue, sleeps } = harness([reply(429), reply(429), reply(429), reply(200, { id: '1' })]);
    expect((await getIssue()).ok).toBe(true);
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('gives up when Retry-After exceeds the time budget and reports the wait', async () => {
    const { getIssue, sleeps } = harness([reply(429, {}, { 'Retry-After': '60' })]);
    const result = await getIssue();
    expect(sleeps).toEqual([]);
    expect(!result.ok && result.error).toMatchObject({ code: 'JIRA.RATE_LIMITED', status: 429, retryAfterMs: 60_000 });
  });

  it('rides out a burst of 5xx answers', async () => {
    const { getIssue, calls } = harness([reply(503), reply(502), reply(500), reply(200, { id: '1' })]);
    expect((await getIssue()).ok).toBe(true);
    expect(calls()).toBe(4);
  });

  it('stops retrying 5xx when the budget is spent, saying how often it tried', async () => {
    const { getIssue, sleeps } = harness([reply(503, { errorMessages: ['maintenance'] })], { ...POLICY, budgetMs: 1_000 }, () => 0.99);
    const result = await getIssue();
    expect(!result.ok && result.error.code).toBe('JIRA.UNAVAILABLE');
    expect(!result.ok && result.error.message).toMatch(
      /^GET \/rest\/api\/3\/issue\/MKT-1 failed with 503: maintenance \(gave up after \d+ attempts\)$/,
    );
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(1_000);
  });

  it('treats a hung request as a timeout and retries it', async () => {
    const { getIssue, calls } = harness(['hang', reply(200, { id: '1' })]);
    expect((await getIssue()).ok).toBe(true);
    expect(calls()).toBe(2);
  });

  it('reports a timeout when every attempt hangs', async () => {
    const { getIssue } = harness(['hang'], { ...POLICY, budgetMs: 300 });
    const result = await getIssue();
    expect(!result.ok && result.error.code).toBe('JIRA.TIMEOUT');
  });

  it('retries network errors', async () => {
    const { getIssue, calls } = harness([new Error('socket hang up'), reply(200, { id: '1' })]);
    expect((await getIssue()).ok).toBe(true);
    expect(calls()).toBe(2);
  });

  it("never retries a 400, and passes on Jira's own words", async () => {
    const { getIssue, calls } = harness([reply(400, { errorMessages: [], errors: { duedate: 'Due date is invalid' } })]);
    const result = await getIssue();
    expect(calls()).toBe(1);
    expect(!result.ok && result.error).toEqual({
      code: 'JIRA.BAD_REQUEST',
      status: 400,
      message: 'GET /rest/api/3/issue/MKT-1 was refused (400): duedate: Due date is invalid',
      jiraSays: 'duedate: Due date is invalid',
    });
  });

  it('maps 403 and 404 to their own codes without retrying', async () => {
    expect(await harness([reply(403, { errorMessages: ['nope'] })]).getIssue()).toMatchObject({
      ok: false,
      error: { code: 'JIRA.FORBIDDEN' },
    });
    expect(await harness([reply(404, { errorMessages: ['gone'] })]).getIssue()).toMatchObject({
      ok: false,
      error: { code: 'JIRA.NOT_FOUND' },
    });
  });

  it('reports a response that does not match the expected shape', async () => {
    const result = await harness([reply(200, { key: 'MKT-1' })]).getIssue();
    expect(!result.ok && result.error.message).toContain('answered unexpectedly: id:');
    expect(await harness([reply(200, '<html>')]).getIssue()).toMatchObject({ ok: false, error: { code: 'JIRA.BAD_RESPONSE' } });
  });

  it('encodes path parameters so an id cannot change the route', async () => {
    const paths: string[] = [];
    const client = createJiraClient({
      transport: async (path) => {
        paths.push(path);
        return reply(204, '');
      },
      now: () => 0,
      random: () => 0,
      sleep: async () => undefined,
      policy: POLICY,
    });
    await client.call({ route: 'setIssueProperty', params: { issueIdOrKey: '../../myself', propertyKey: 'a b' }, body: {} });
    expect(paths).toEqual(['/rest/api/3/issue/..%2F..%2Fmyself/properties/a%20b']);
  });
});

describe('createJiraClient: writes Jira may already have applied', () => {
  it('never sends a POST again after it timed out, and says it may have been applied', async () => {
    const { addComment, calls } = harness(['hang', reply(201, { id: '1' })]);
    const result = await addComment();
    expect(calls()).toBe(1);
    expect(!result.ok && result.error).toMatchObject({ code: 'JIRA.TIMEOUT', mayHaveApplied: true });
  });

  it('never sends a POST again after a 5xx without Retry-After, or a lost connection', async () => {
    for (const first of [reply(500), reply(502), reply(503), new Error('socket hang up')]) {
      const { addComment, calls } = harness([first, reply(201, { id: '1' })]);
      const result = await addComment();
      expect(calls()).toBe(1);
      expect(!result.ok && result.error).toMatchObject({ code: 'JIRA.UNAVAILABLE', mayHaveApplied: true });
    }
  });

  it('sends a POST again when Jira said it did not apply it: a 429, or a 503 with Retry-After, after the wait it asked', async () => {
    const limited = harness([reply(429, {}, { 'Retry-After': '2' }), reply(201, { id: '1' })]);
    expect(await limited.addComment()).toEqual({ ok: true, value: { id: '1' } });
    expect(limited.sleeps).toEqual([2_000]);
    const busy = harness([reply(503, {}, { 'Retry-After': '1' }), reply(201, { id: '1' })]);
    expect(await busy.addComment()).toEqual({ ok: true, value: { id: '1' } });
    expect(busy.sleeps).toEqual([1_000]);
  });

  it('repeats a POST that only reads (a search) after a timeout, as it repeats a GET', async () => {
    const { client, calls } = harness(['hang', reply(200, { issues: [] })]);
    const result = await client.call({
      route: 'searchJql',
      body: { jql: 'project = MKT' },
      response: z.object({ issues: z.array(z.unknown()) }),
    });
    expect(result.ok).toBe(true);
    expect(calls()).toBe(2);
  });

  it('honours Retry-After on a 5xx of a GET too, and hands the wait on when it is over the budget', async () => {
    const { getIssue, sleeps } = harness([reply(502, {}, { 'Retry-After': '4' }), reply(200, { id: '1' })]);
    expect((await getIssue()).ok).toBe(true);
    expect(sleeps).toEqual([4_000]);
    const long = await harness([reply(503, {}, { 'Retry-After': '120' })]).getIssue();
    expect(!long.ok && long.error).toMatchObject({ code: 'JIRA.UNAVAILABLE', status: 503, retryAfterMs: 120_000 });
  });

  it('takes a 303 See Other with its task as the answer of a call that starts a Jira task', async () => {
    const { client } = harness([reply(303, { id: '10100', status: 'ENQUEUED' })]);
    const switched = await client.call({
      route: 'switchWorkflowScheme',
      body: { projectId: '1', targetSchemeId: '2' },
      response: z.object({ id: z.string(), status: z.string() }),
    });
    expect(switched).toEqual({ ok: true, value: { id: '10100', status: 'ENQUEUED' } });
    const other = await harness([reply(303, { id: '1' })]).getIssue();
    expect(!other.ok && other.error.status).toBe(303);
  });
});
