import type { z } from 'zod';
import { describeZodError } from '../contracts/zod-errors';
import { err, ok, type Result } from '../domain/result';
import { buildJiraPath, JIRA_ROUTES, type JiraRoute, type JiraRouteName } from '../contracts/jira-routes';
import type { JiraErrorCode, JiraFailure } from '../use-cases/jira-port';

/** The slice of a fetch Response the client reads; `requestJira` returns a superset. */
export interface JiraHttpResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface JiraRequestInit {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Sends one request to Jira: `asApp().requestJira` in Forge, an in-memory Jira in tests and the sandbox. */
export type JiraTransport = (path: string, init: JiraRequestInit) => Promise<JiraHttpResponse>;

export interface RetryPolicy {
  /** Total time the client may spend on one call, waits included; keep it below the function's limit. */
  readonly budgetMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly attemptTimeoutMs: number;
}

/** Sync Forge functions have 25 s; this leaves room for the work around the call. */
export const SYNC_FUNCTION_POLICY: RetryPolicy = { budgetMs: 15_000, baseDelayMs: 250, maxDelayMs: 4_000, attemptTimeoutMs: 8_000 };

interface JiraClientDeps {
  readonly transport: JiraTransport;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  /** A number in [0, 1) for backoff jitter. */
  readonly random: () => number;
  readonly policy: RetryPolicy;
}

export interface JiraCall<T> {
  readonly route: JiraRouteName;
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: unknown;
  /** Parses the response body; omit for calls answered with 204 No Content. */
  readonly response?: z.ZodType<T>;
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export const parseRetryAfter = (header: string | null, nowMs: number): number | null => {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
};

/** Jira's error body `{"errorMessages": [...], "errors": {field: message}}`, flattened to one line. */
const jiraErrorText = (body: string): string => {
  try {
    const parsed = JSON.parse(body) as { errorMessages?: unknown; errors?: unknown };
    const messages = Array.isArray(parsed.errorMessages) ? parsed.errorMessages.map(String) : [];
    const fields =
      parsed.errors && typeof parsed.errors === 'object'
        ? Object.entries(parsed.errors as Record<string, unknown>).map(([field, message]) => `${field}: ${String(message)}`)
        : [];
    const all = [...messages, ...fields];
    return all.length > 0 ? all.join('; ') : body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
};

const codeForStatus = (status: number): JiraErrorCode =>
  status === 401 || status === 403 ? 'JIRA.FORBIDDEN' : status === 404 ? 'JIRA.NOT_FOUND' : 'JIRA.BAD_REQUEST';

const TIMED_OUT = Symbol('timed out');

type Attempt = { kind: 'response'; response: JiraHttpResponse } | { kind: 'timeout' } | { kind: 'network'; error: unknown };

export interface JiraClient {
  call<T>(call: JiraCall<T>): Promise<Result<T, JiraFailure>>;
}

/**
 * Whether Jira said it did not apply the request, so it may be sent again whatever it does: a 429,
 * or a 503 with `Retry-After`. Atlassian's rate-limiting page: "Retry-After indicates how many
 * seconds the app must wait before reissuing the request", and "Some transient 5XX errors are
 * accompanied by a Retry-After header. For example, a 503 response may be returned when a resource
 * limit has been reached. While these are not rate limit responses, they can be handled with
 * similar logic" (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/).
 */
const refusedUnapplied = (status: number, retryAfter: number | null): boolean => status === 429 || (status === 503 && retryAfter !== null);

/**
 * A Jira client with retries, all inside one time budget: 429 and 5xx wait for `Retry-After`
 * (or back off exponentially with full jitter when absent), as do timeouts and network errors.
 * A request that creates something (a POST not marked `reads`) is sent again only when Jira said
 * it did not apply it (`refusedUnapplied`); otherwise its failure says it may have been applied.
 * Other 4xx answers are final at once. Responses are parsed with zod.
 */
export const createJiraClient = (deps: JiraClientDeps): JiraClient => {
  const { transport, sleep, now, random, policy } = deps;

  const attempt = async (path: string, init: JiraRequestInit, timeoutMs: number): Promise<Attempt> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
      });
      const outcome = await Promise.race([transport(path, init), timeout]);
      return outcome === TIMED_OUT ? { kind: 'timeout' } : { kind: 'response', response: outcome };
    } catch (error) {
      return { kind: 'network', error };
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async call<T>(call: JiraCall<T>): Promise<Result<T, JiraFailure>> {
      const route: JiraRoute = JIRA_ROUTES[call.route];
      const { method } = route;
      // GET, PUT and DELETE, and POSTs that only read, do the same however often they are sent.
      const repeatable = method !== 'POST' || route.reads === true;
      const path = buildJiraPath(call.route, call.params ?? {}, call.query);
      const init: JiraRequestInit = {
        method,
        headers: { Accept: 'application/json', ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      };
      const where = `${method} ${path}`;
      const deadline = now() + policy.budgetMs;

      for (let retry = 0; ; retry++) {
        // An attempt never outlasts the budget: a Jira that hangs would otherwise add a whole attempt's timeout to it.
        const timeoutMs = Math.min(policy.attemptTimeoutMs, Math.max(1, deadline - now()));
        const outcome = await attempt(path, init, timeoutMs);
        const backoff = Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));
        let wait: number;
        let lastFailure: JiraFailure;

        if (outcome.kind === 'response') {
          const { response } = outcome;
          const body = await response.text();
          const answered = (response.status >= 200 && response.status < 300) || (response.status === 303 && route.seeOther === true);
          if (answered) {
            if (call.response === undefined) return ok(undefined as T);
            let json: unknown;
            try {
              json = body === '' ? undefined : JSON.parse(body);
            } catch {
              return err({ code: 'JIRA.BAD_RESPONSE', status: response.status, message: `${where} answered with invalid JSON` });
            }
            const parsed = call.response.safeParse(json);
            return parsed.success
              ? ok(parsed.data)
              : err({
                  code: 'JIRA.BAD_RESPONSE',
                  status: response.status,
                  message: `${where} answered unexpectedly: ${describeZodError(parsed.error)}`,
                });
          }
          if (response.status < 500 && response.status !== 429) {
            return err({
              code: codeForStatus(response.status),
              status: response.status,
              message: `${where} was refused (${response.status}): ${jiraErrorText(body)}`,
              jiraSays: jiraErrorText(body),
            });
          }
          const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now());
          wait = retryAfter ?? backoff;
          lastFailure =
            response.status === 429
              ? { code: 'JIRA.RATE_LIMITED', status: 429, message: `${where} was rate limited by Jira`, retryAfterMs: wait }
              : {
                  code: 'JIRA.UNAVAILABLE',
                  status: response.status,
                  message: `${where} failed with ${response.status}: ${jiraErrorText(body)}`,
                  ...(retryAfter === null ? {} : { retryAfterMs: wait }),
                };
          if (!repeatable && !refusedUnapplied(response.status, retryAfter)) return err({ ...lastFailure, mayHaveApplied: true });
        } else if (outcome.kind === 'timeout') {
          wait = backoff;
          lastFailure = { code: 'JIRA.TIMEOUT', message: `${where} did not answer within ${timeoutMs} ms` };
          if (!repeatable) return err({ ...lastFailure, mayHaveApplied: true });
        } else {
          wait = backoff;
          const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
          lastFailure = { code: 'JIRA.UNAVAILABLE', message: `${where} could not reach Jira: ${reason}` };
          // A lost connection cannot say whether the request reached Jira before it broke.
          if (!repeatable) return err({ ...lastFailure, mayHaveApplied: true });
        }

        if (now() + wait >= deadline) {
          return err({ ...lastFailure, message: `${lastFailure.message} (gave up after ${retry + 1} attempts)` });
        }
        await sleep(wait);
      }
    },
  };
};
