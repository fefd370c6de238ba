import { APP_ID, ENVIRONMENT_ID } from '../catalogue';
import type { RestCaller, RestResponse } from '../jira/rest-shapes';
import { impersonationRefusal } from './impersonation';
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
  (caller: () => RestCaller, refusal: (method: string, path: string) => RestResponse | null = () => null) =>
  async (route: Route, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const answer =
      refusal(method, route.value) ??
      (await sandboxRuntime().site.handle({
        method,
        path: route.value,
        body: init.body === undefined ? undefined : (JSON.parse(init.body) as unknown),
        caller: caller(),
      }));
    const empty = answer.body === undefined || answer.status === 204;
    return new Response(empty ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  };

/** The app's own identity, as Forge gives it to a running function. */
export const getAppContext = () => ({
  appAri: { appId: APP_ID, toString: () => `ari:cloud:ecosystem::app/${APP_ID}` },
  environmentAri: { environmentId: ENVIRONMENT_ID, toString: () => `ari:cloud:ecosystem::environment/${APP_ID}/${ENVIRONMENT_ID}` },
});

export const assumeTrustedRoute = (path: string): Route => ({ value: path });

/**
 * `asUser()` acts as the invocation's user; `asUser(accountId)` as that account, Forge's offline user impersonation
 * (for functions no user invoked), which Forge allows only through the scopes the manifest marks
 * `allowImpersonation: true` (`impersonation.ts`).
 */
const asUserCaller = (impersonated: string | undefined) => (): RestCaller => {
  const accountId = impersonated ?? invocationUser.getStore();
  if (accountId === undefined) throw new Error('asUser() is only available in invocations made by a user, or with an account id');
  return { kind: 'user', accountId };
};

const impersonationRefusalOf = (method: string, path: string): RestResponse | null => {
  const rule = sandboxRuntime().impersonation;
  if (rule === undefined) throw new Error('the sandbox runtime has no impersonation rule: the app host sets it from manifest.yml');
  return impersonationRefusal(rule, method, path);
};

/** `webTrigger.getUrl`: the sandbox serves each web trigger at `<origin>/x1/<module key>` (Forge: `https://<id>.hello.atlassian-dev.net/x1/<id>`). */
export const webTrigger = {
  getUrl: async (moduleKey: string): Promise<string> =>
    `${sandboxRuntime().webTriggerOrigin ?? 'http://localhost:3000'}/x1/${encodeURIComponent(moduleKey)}`,
};

const api = {
  asApp: () => ({ requestJira: requestJira(() => ({ kind: 'app' })) }),
  asUser: (accountId?: string) => ({
    requestJira: requestJira(asUserCaller(accountId), accountId === undefined ? undefined : impersonationRefusalOf),
  }),
};

export default api;
