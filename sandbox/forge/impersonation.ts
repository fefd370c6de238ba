import type { RestResponse } from '../jira/rest-shapes';

/**
 * Forge's rule for offline user impersonation, `api.asUser(accountId)`: the app may act as an account only through the
 * scopes its manifest marks `allowImpersonation: true`. "If your app needs to use offline user impersonation (e.g. to
 * impersonate a user from a scheduled trigger), you will need to specify the scopes as a map instead, and specify
 * allowImpersonation: true on scopes your app will use for offline user impersonation"
 * (developer.atlassian.com/platform/forge/manifest-reference/permissions/). A manifest that lists its scopes, rather
 * than mapping them, allows none.
 */
export interface ImpersonationRule {
  /** The scopes `manifest.yml` marks `allowImpersonation: true`. */
  readonly allowed: ReadonlySet<string>;
  /** The classic scopes Jira asks of a request (its operation's "OAuth scopes required", from Atlassian's spec). */
  readonly scopesOf: (method: string, path: string) => readonly string[];
}

/** `permissions.scopes` as a manifest may write it: a list of scope names, or a map of them to their options. */
export type ManifestScopes = readonly string[] | Readonly<Record<string, { readonly allowImpersonation?: boolean } | null>>;

/** The scopes a manifest's `permissions.scopes` lets the app use as another account. */
export const impersonationScopesOf = (scopes: ManifestScopes | undefined): ReadonlySet<string> =>
  new Set(
    scopes === undefined || Array.isArray(scopes)
      ? []
      : Object.entries(scopes as Readonly<Record<string, { readonly allowImpersonation?: boolean } | null>>)
          .filter(([, options]) => options?.allowImpersonation === true)
          .map(([scope]) => scope),
  );

/**
 * What the app gets for a request made as another account through a scope the manifest does not allow to impersonate
 * with, or null when every scope the request needs allows it. Jira's gateway answers a token that lacks a request's
 * scope with 401 "Unauthorized; scope does not match" (as Forge apps report it, e.g.
 * community.atlassian.com/forums/Jira-Service-Management/Forge-code-401-message-Unauthorized-scope-does-not-match/qaq-p/3255119);
 * which answer Forge gives an impersonated call is not documented, so the sandbox gives that one. It also says on the
 * sandbox's console which scope lacks the flag, which Forge does not.
 *
 * A request for which Atlassian's spec names no scope (a path it does not have, or an operation without classic scopes)
 * is refused too: the sandbox cannot tell whether the manifest allows it, and letting it through would pass in the
 * sandbox a call Forge may refuse on a real site.
 */
export const impersonationRefusal = (rule: ImpersonationRule, method: string, path: string): RestResponse | null => {
  const needed = rule.scopesOf(method, path);
  const missing = needed.filter((scope) => !rule.allowed.has(scope));
  if (needed.length > 0 && missing.length === 0) return null;
  const why =
    needed.length === 0
      ? "Atlassian's Jira spec names no scope for it, so nothing in manifest.yml can be seen to allow it"
      : `manifest.yml's permissions.scopes does not set allowImpersonation: true on ${missing.join(', ')}`;
  console.warn(`sandbox: Forge refuses ${method} ${path} as another account (asUser(accountId)): ${why}`);
  return { status: 401, body: { code: 401, message: 'Unauthorized; scope does not match' } };
};
