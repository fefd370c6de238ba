import type { RestCaller } from '../jira/rest';
import { invocationUser, sandboxRuntime } from './runtime';

/** Stand-in for `@forge/api`: `requestJira` goes to the emulated site, as the app or as the invoking user. */

interface Route {
  readonly value: string;
}
interface RequestInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const requestJira =
  (caller: () => RestCaller) =>
  async (route: Route, init: RequestInit = {}): Promise<Response> => {
    const answer = await sandboxRuntime().site.handle({
      method: init.method ?? 'GET',
      path: route.value,
      body: init.body === undefined ? undefined : (JSON.parse(init.body) as unknown),
      caller: caller(),
    });
    const empty = answer.body === undefined || answer.status === 204;
    return new Response(empty ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };

export const assumeTrustedRoute = (path: string): Route => ({ value: path });


const asUserCaller = (): RestCaller => {
  const accountId = invocationUser.getStore();
  if (accountId === undefined) throw new Error('asUser() is only available in invocations made by a user');
  return { kind: 'user', accountId };
};

const api = {
  asApp: () => ({ requestJira: requestJira(() => ({ kind: 'app' })) }),
  asUser: () => ({ requestJira: requestJira(asUserCaller) }),
};

export default api;
