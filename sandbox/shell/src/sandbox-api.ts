/** The shell's calls to the sandbox: Jira REST as the chosen demo user, and the sandbox's own routes. */

export interface SandboxUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly role: string;
  readonly roleLabel: string;
}

interface JiraError {
  readonly errorMessages: readonly string[];
  readonly errors: Readonly<Record<string, string>>;
}

export class JiraRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: JiraError,
  ) {
    super([...body.errorMessages, ...Object.values(body.errors)].join('; ') || `HTTP ${status}`);
  }
}

/** What a person reads when the sandbox's server is stopped, in place of the browser's "Failed to fetch". */
export const UNREACHABLE = 'The sandbox is not reachable. Start it again with npm start, then try again.';

/** `fetch`, with a stopped server answered as a refusal that says so (status 0: nothing was sent back). */
const send = async (url: string, init: RequestInit): Promise<Response> => {
  try {
    return await fetch(url, init);
  } catch {
    throw new JiraRequestError(0, { errorMessages: [UNREACHABLE], errors: {} });
  }
};

const USER_KEY = 'flight-plan-sandbox-user';
/** What a failed request says, in the words it carries. */
export const messageOf = (failure: unknown): string => (failure instanceof Error ? failure.message : 'the sandbox did not answer');

export const currentUserId = (): string | null => localStorage.getItem(USER_KEY);
export const setCurrentUserId = (accountId: string): void => localStorage.setItem(USER_KEY, accountId);

const headers = (): Record<string, string> => {
  const user = currentUserId();
  return { 'content-type': 'application/json', ...(user ? { 'x-sandbox-user': user } : {}) };
};

export const jira = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const response = await send(`/rest/api/3${path}`, {
    method,
    headers: headers(),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = text === '' ? undefined : (JSON.parse(text) as unknown);
  if (!response.ok)
    throw new JiraRequestError(
      response.status,
      (json as JiraError | undefined) ?? { errorMessages: [`HTTP ${response.status}`], errors: {} },
    );
  return json as T;
};

export const sandbox = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const response = await send(`/sandbox/${path}`, {
    method,
    headers: headers(),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = text === '' ? undefined : (JSON.parse(text) as unknown);
  if (!response.ok) throw new Error((json as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`);
  return json as T;
};

/** Waits until the app's triggers and queues have handled what just happened. */
export const settle = (): Promise<void> => sandbox<undefined>('POST', 'settle');

export interface IssueSummary {
  readonly id: string;
  readonly key: string;
  readonly fields: {
    readonly summary: string;
    readonly status: { readonly id: string; readonly name: string };
    readonly duedate: string | null;
    readonly assignee: { readonly displayName: string } | null;
  };
  readonly properties?: {
    readonly 'flight-plan-summary'?: { readonly progress?: string; readonly tier?: string; readonly currentGateReady?: string };
  };
}
