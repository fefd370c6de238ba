import type { SandboxUser } from '../catalogue';
import type { ForgeRule } from './config-routes';
import type { JiraEntity } from './jira-expression';
import type { SitePeople } from './people';
import type { ChangeItem } from './site-state';

/** The shapes of the sandbox's Jira REST: a request, its answer, the events and hooks it shares with the app. */

/** Who sends a request: a person (the shell, a REST client) or the app itself (`asApp`). */
export type RestCaller = { readonly kind: 'user'; readonly accountId: string } | { readonly kind: 'app' };

export interface RestRequest {
  readonly method: string;
  /** Path with its query string, e.g. `/rest/api/3/issue/MKT-1?expand=schema`. */
  readonly path: string;
  readonly body?: unknown;
  readonly caller: RestCaller;
}

export interface RestResponse {
  readonly status: number;
  readonly body?: unknown;
}

/** A product event, as Forge delivers it to a `trigger` (`avi:jira:created:issue`, `…:updated:issue`, `…:deleted:issue`). */
export interface IssueEvent {
  readonly eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:deleted:issue';
  readonly atlassianId: string;
  readonly timestamp: number;
  readonly issue: { readonly id: string; readonly key: string; readonly fields: Record<string, unknown> };
  readonly changelog?: { readonly id: string; readonly items: readonly ChangeItem[] };
}

/** What the site asks of the app, as Jira asks a Forge app. */
export interface SiteHooks {
  readonly now: () => Date;
  /**
   * Runs the app's function validator `moduleKey` (a `jira:workflowValidator`) with the payload Forge sends, and the
   * person making the transition as the invocation's principal (null when the app itself transitions).
   */
  readonly validate: (
    moduleKey: string,
    payload: unknown,
    transitionerId: string | null,
  ) => Promise<{ result: boolean; errorMessage?: string }>;
  /**
   * Runs the app's expression validator `moduleKey` on Create with the rule's configuration (the
   * `config` variable) and the issue as it would be created; the refusal shown, or null when it passes.
   */
  readonly validateCreate: (moduleKey: string, ruleConfig: unknown, issue: JiraEntity, accountId: string | null) => Promise<string | null>;
  /** The app's workflow rules, as `GET /workflows/capabilities` offers them. */
  readonly forgeRules: () => readonly ForgeRule[];
  /** Delivers a product event to the app's triggers (after the response, as Jira does). */
  readonly deliver: (event: IssueEvent) => void;
  /**
   * Why Jira itself would refuse a request (checked against Atlassian's OpenAPI spec), or null.
   * With it, the sandbox refuses what Jira refuses instead of accepting more than Jira does.
   */
  readonly requestProblem?: (method: string, pathname: string, body: unknown) => string | null;
  /** The site's people and their permissions; the demo's when absent (tests name their own). */
  readonly people?: SitePeople;
}

export const BASE = '/rest/api/3';

export const error = (status: number, messages: readonly string[], errors: Record<string, string> = {}): RestResponse => ({
  status,
  body: { errorMessages: [...messages], errors },
});

/**
 * A request as a route module answers it: the path's segments after the REST base, the URL, the JSON body (`{}` when
 * it has none) and the person sending it (null for the app).
 */
export interface RouteCall {
  readonly request: RestRequest;
  readonly segments: readonly string[];
  readonly url: URL;
  readonly body: Record<string, unknown>;
  readonly user: SandboxUser | null;
}

/** Whether the matched route is one of a module's `routes`: the router hands the request to that module. */
export const isRouteIn = <Route extends string>(routes: readonly Route[], route: string | null): route is Route =>
  route !== null && (routes as readonly string[]).includes(route);
