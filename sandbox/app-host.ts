import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { APP_ID, ENVIRONMENT_ID, SITE } from './catalogue';
import { installForgeStandIns } from './forge/install';
import { impersonationScopesOf, type ImpersonationRule, type ManifestScopes } from './forge/impersonation';
import { deliverWithRetries, MAX_RETRIES, type Retention } from './forge/redelivery';
import { invocationUser, sandboxRuntime, setSandboxRuntime } from './forge/runtime';
import type { ForgeRule } from './jira/config-routes';
import { userValue } from './jira/expression-context';
import {
  checkExpression,
  evaluateExpression,
  EVENT_FILTER_LIMITS,
  ExpressionError,
  fromJson,
  validatorVerdict,
  type JiraEntity,
} from './jira/jira-expression';
import type { JiraSite } from './jira/rest';
import type { IssueEvent } from './jira/rest-shapes';
import type { SiteStore } from './jira/site-state';
import { present } from '../src/domain/present';
import { scalarText } from '../src/contracts/scalar-text';

export interface ManifestModule {
  readonly key: string;
  readonly function?: string;
  readonly queue?: string;
  readonly resource?: string;
  readonly resolver?: { readonly function: string };
  readonly [property: string]: unknown;
}

export interface Manifest {
  readonly modules: Record<string, ManifestModule[]> & { function: { key: string; handler: string }[] };
  readonly resources?: { key: string; path: string }[];
  readonly permissions?: { readonly scopes?: ManifestScopes };
}

export const MANIFEST_PATH = path.resolve(__dirname, '..', 'manifest.yml');
export const readManifest = (): Manifest => parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;

/**
 * The app's workflow validators as Jira offers them once the app is installed: every
 * `jira:workflowValidator` under the rule key Jira gives Forge validators, named by extension id.
 */
export const forgeRulesOf = (manifest: Manifest): ForgeRule[] =>
  (manifest.modules['jira:workflowValidator'] ?? []).map((module) => ({
    ruleKey: 'forge:expression-validator',
    ruleType: 'Validator',
    name: scalarText(module['name'], module.key),
    description: scalarText(module['description'], ''),
    id: `ari:cloud:ecosystem::extension/${APP_ID}/${ENVIRONMENT_ID}/static/${module.key}`,
  }));

type Handler = (event: unknown, context?: unknown) => Promise<unknown>;

/** An HTTP request to a web trigger: headers as Forge passes them, each name to an array of values. */
interface WebTriggerCall {
  readonly method: string;
  /** The address called, with any query string and any path after the trigger's own. */
  readonly url: URL;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

/** Where a web trigger is served: `/x1/<module key>`, and any further path the caller adds. */
export const WEB_TRIGGER_PATH = /^\/x1\/([^/]+)(\/.*)?$/;

/**
 * The request as Forge passes it to a web trigger function (developer.atlassian.com/platform/forge/events-reference/
 * web-trigger/): method, path, headers (each name to its values), the raw body, `queryParameters` ("parsed values from
 * the query string on the request URL", each name to its values) and `userPath` (the path after the trigger's own).
 */
export const webTriggerEvent = (request: WebTriggerCall) => {
  const queryParameters: Record<string, string[]> = {};
  for (const [name, value] of request.url.searchParams) (queryParameters[name] ??= []).push(value);
  return {
    method: request.method,
    path: request.url.pathname,
    userPath: WEB_TRIGGER_PATH.exec(request.url.pathname)?.[2] ?? '',
    headers: request.headers,
    body: request.body,
    queryParameters,
  };
};
/** What the caller of a web trigger gets back. */
interface WebTriggerReply {
  readonly statusCode: number;
  readonly contentType: string;
  readonly body: string;
}
interface WebTriggerOutput {
  readonly key: string;
  readonly statusCode: number;
  readonly contentType?: string;
  readonly body?: string;
}

/** What a resolver receives beyond the payload: Forge's context, signed by the platform. */
interface InvocationContext {
  readonly accountId: string;
  readonly moduleKey: string;
  readonly extension: Record<string, unknown>;
}

/**
 * An expression validator, as Jira runs it: the expression is the rule configuration's `expression`
 * when it has one (Set up project writes it), else the manifest's; the configuration is the `config`
 * variable. True passes (null); a String is the refusal shown; anything else, or an expression Jira
 * could not evaluate, refuses with the module's `errorMessage` or Jira's generic one.
 */
export const runExpressionValidator = (
  module: ManifestModule,
  ruleConfig: unknown,
  issue: JiraEntity,
  accountId: string | null,
  now: Date,
): string | null => {
  const configured = (ruleConfig ?? {}) as { expression?: unknown };
  const expression = typeof configured.expression === 'string' ? configured.expression : module['expression'];
  if (typeof expression !== 'string') return `The app declares no expression validator ${module.key}.`;
  const verdict = validatorVerdict(expression, {
    variables: { issue, user: userValue(accountId), project: issue.properties['project'] ?? null, config: fromJson(ruleConfig ?? {}) },
    now,
  });
  if (verdict.result) return null;
  if (verdict.errorMessage === null) console.error(`sandbox: the expression of ${module.key} refused the transition: ${verdict.reason}`);
  return (
    verdict.errorMessage ??
    (typeof module['errorMessage'] === 'string' ? module['errorMessage'] : 'The transition was refused by a validator.')
  );
};

/**
 * Whether a trigger's manifest `filter.expression` lets an event through, as Forge decides it: the
 * expression is evaluated over the event as a Map; true delivers; false, another value or an error
 * drops it, unless `onError` is RECEIVE or RECEIVE_AND_LOG (the default, IGNORE_AND_LOG, drops it).
 */
export const passesTriggerFilter = (trigger: ManifestModule, event: unknown, now: Date): boolean => {
  const filter = (trigger['filter'] ?? {}) as { expression?: string; onError?: string };
  if (filter.expression === undefined) return true;
  const checked = checkExpression(filter.expression, { characters: EVENT_FILTER_LIMITS.characters });
  try {
    if (checked.parsed === null || checked.problems.length > 0) throw new ExpressionError(present(checked.problems[0]));
    return evaluateExpression(checked.parsed, { variables: { event: fromJson(event) }, now, maxSteps: EVENT_FILTER_LIMITS.steps }) === true;
  } catch (thrown) {
    if (!(thrown instanceof ExpressionError)) throw thrown;
    if (filter.onError !== 'IGNORE' && filter.onError !== 'RECEIVE')
      console.error(`sandbox: the filter of trigger ${trigger.key} failed: ${thrown.message}`);
    return filter.onError === 'RECEIVE' || filter.onError === 'RECEIVE_AND_LOG';
  }
};

/**
 * Runs the app's real handlers as Forge would, finding each through the manifest
 * (module → function → `index.<export>`): validators on transitions, the trigger on product
 * events, resolvers for Custom UI, the queue consumer and the scheduled trigger.
 */
export class AppHost {
  private readonly manifest = readManifest();
  private readonly app: Record<string, Handler>;
  private work: Promise<void> = Promise.resolve();
  private pendingCount = 0;
  constructor(
    private readonly store: SiteStore,
    private readonly now: () => Date,
  ) {
    installForgeStandIns();
    // Loaded only now, so its Forge imports resolve to the stand-ins.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.app = require('../src/index') as Record<string, Handler>;
  }

  /**
   * Connects the Forge stand-ins to the site; the app's handlers can run from now on. `scopesOf` names the scopes Jira
   * asks of a request, so a request as another account goes through only as the manifest allows (`impersonation.ts`).
   */
  attach(site: JiraSite, scopesOf: ImpersonationRule['scopesOf']): void {
    setSandboxRuntime({
      site,
      store: this.store,
      enqueue: (queueKey, body) => this.enqueue(queueKey, body),
      impersonation: { allowed: impersonationScopesOf(this.manifest.permissions?.scopes), scopesOf },
    });
  }

  /** The exported handler behind a manifest function key. */
  private handlerOf(functionKey: string): Handler {
    const declared = this.manifest.modules.function.find((fn) => fn.key === functionKey);
    if (declared === undefined) throw new Error(`manifest.yml has no function "${functionKey}"`);
    const exportName = declared.handler.replace(/^index\./, '');
    const handler = this.app[exportName];
    if (typeof handler !== 'function') throw new Error(`src/index.ts does not export ${exportName} (manifest function ${functionKey})`);
    return handler;
  }

  private modules(type: string): ManifestModule[] {
    return this.manifest.modules[type] ?? [];
  }

  private forgeContext() {
    return {
      installContext: `ari:cloud:jira::site/${SITE.cloudId}`,
      installation: { id: 'sandbox' },
      appId: APP_ID,
      environmentId: ENVIRONMENT_ID,
    };
  }

  /** The app's workflow rules, as the site's `workflows/capabilities` offers them. */
  forgeRules(): ForgeRule[] {
    return forgeRulesOf(this.manifest);
  }

  /**
   * Runs the function validator the manifest declares under `moduleKey`, naming the person making the transition as the
   * invocation's `principal` (Forge's context names the invoking user there: function-reference/arguments), none when
   * the app itself transitions.
   */
  async validate(moduleKey: string, payload: unknown, transitionerId: string | null): Promise<{ result: boolean; errorMessage?: string }> {
    const module = this.modules('jira:workflowValidator').find((candidate) => candidate.key === moduleKey);
    if (module?.function === undefined) return { result: false, errorMessage: `The app declares no function validator ${moduleKey}.` };
    const context = transitionerId === null ? this.forgeContext() : { ...this.forgeContext(), principal: { accountId: transitionerId } };
    return (await this.handlerOf(module.function)(payload, context)) as { result: boolean; errorMessage?: string };
  }

  /** The app's expression validator `moduleKey` on Create (see `runExpressionValidator`). */
  async validateCreate(moduleKey: string, ruleConfig: unknown, issue: JiraEntity, accountId: string | null): Promise<string | null> {
    const module = this.modules('jira:workflowValidator').find((candidate) => candidate.key === moduleKey);
    if (module === undefined) return `The app declares no validator ${moduleKey}.`;
    return runExpressionValidator(module, ruleConfig, issue, accountId, this.now());
  }

  /** Runs a function Jira calls directly with a payload for the viewer, such as an issue context's `dynamicProperties`. */
  async run(functionKey: string, payload: unknown, viewerAccountId: string): Promise<unknown> {
    return invocationUser.run(viewerAccountId, () =>
      this.handlerOf(functionKey)(payload, { ...this.forgeContext(), principal: { accountId: viewerAccountId } }),
    );
  }

  /** The function behind a UI module's resolver, or undefined when the manifest has no such module. */
  resolverOf(moduleKey: string): string | undefined {
    return Object.entries(this.manifest.modules)
      .filter(([type]) => type !== 'function')
      .flatMap(([, modules]) => modules as ManifestModule[])
      .find((candidate) => candidate.key === moduleKey)?.resolver?.function;
  }

  /** Calls a Custom UI module's resolver with the context Forge would sign. */
  async invoke(functionKey: string, payload: unknown, context: InvocationContext): Promise<unknown> {
    const resolverFunction = this.resolverOf(context.moduleKey);
    if (resolverFunction === undefined) throw new Error(`no module "${context.moduleKey}" with a resolver in manifest.yml`);
    const event = {
      call: { functionKey, payload },
      context: { moduleKey: context.moduleKey, extension: context.extension, cloudId: SITE.cloudId, localId: context.moduleKey },
    };
    return invocationUser.run(context.accountId, () =>
      this.handlerOf(resolverFunction)(event, { ...this.forgeContext(), principal: { accountId: context.accountId } }),
    );
  }

  /** Web triggers are served at `<origin>/x1/<module key>` from now on (`webTrigger.getUrl` says so to the app). */
  serveWebTriggersAt(origin: string): void {
    sandboxRuntime().webTriggerOrigin = origin;
  }

  /**
   * An HTTP request to a web trigger, as Forge serves it: the function gets the request as JSON (method, path,
   * headers as arrays, raw body: developer.atlassian.com/platform/forge/events-reference/web-trigger/) and no user.
   * A `static` trigger answers with the manifest output its `outputKey` names; a dynamic one with its own status,
   * headers and body. An answer that is neither is a 500, as Forge sends (manifest-reference/modules/web-trigger/).
   */
  async webTrigger(moduleKey: string, request: WebTriggerCall): Promise<WebTriggerReply | null> {
    const module = this.modules('webtrigger').find((candidate) => candidate.key === moduleKey);
    if (module?.function === undefined) return null;
    const reply = (await this.handlerOf(module.function)(webTriggerEvent(request), this.forgeContext())) as
      Record<string, unknown> | undefined;
    const response = (module['response'] ?? { type: 'dynamic' }) as { type: string; outputs?: WebTriggerOutput[] };
    if (response.type === 'static') {
      const output = response.outputs?.find((candidate) => candidate.key === reply?.['outputKey']);
      if (output === undefined) return { statusCode: 500, contentType: 'text/plain', body: 'Internal Server Error' };
      return { statusCode: output.statusCode, contentType: output.contentType ?? 'text/plain', body: output.body ?? '' };
    }
    if (typeof reply?.['statusCode'] !== 'number') return { statusCode: 500, contentType: 'text/plain', body: 'Internal Server Error' };
    const headers = (reply['headers'] ?? {}) as Record<string, string[]>;
    const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1][0] ?? 'text/plain';
    return { statusCode: reply['statusCode'], contentType, body: typeof reply['body'] === 'string' ? reply['body'] : '' };
  }

  /** Queues work in the background, one item at a time, as Forge runs an invocation per event. */
  private schedule(label: string, run: () => Promise<void>): void {
    this.pendingCount++;
    this.work = this.work
      .then(run)
      .catch((error: unknown) => console.error(`sandbox: ${label} failed`, error))
      .finally(() => {
        this.pendingCount--;
      });
  }

  /** Runs an event handler as Forge does, delivering it again with its `retryContext` while the handler asks (`redelivery.ts`). */
  private async runEvent(functionKey: string, event: object, retention?: Retention): Promise<void> {
    const handler = this.handlerOf(functionKey);
    const { dropped } = await deliverWithRetries((delivered) => handler(delivered, this.forgeContext()), event, retention);
    if (dropped) console.error(`sandbox: ${functionKey} still asked for a retry after ${MAX_RETRIES} retries; the event is dropped`);
  }

  /**
   * Delivers a product event to every trigger subscribed to it whose manifest `filter.expression`
   * lets it through: evaluated over the event as a Map, true delivers; false, another value or an
   * error drops it (`onError` IGNORE_AND_LOG, Forge's default; the RECEIVE options deliver on error).
   */
  deliver(event: IssueEvent): void {
    for (const trigger of this.modules('trigger')) {
      if (!(trigger['events'] as string[]).includes(event.eventType)) continue;
      if (!passesTriggerFilter(trigger, event, this.now())) continue;
      this.schedule(`trigger ${trigger.key} on ${event.issue.key}`, () => this.runEvent(present(trigger.function), event));
    }
  }

  enqueue(queueKey: string, body: unknown): void {
    const consumer = this.modules('consumer').find((candidate) => candidate.queue === queueKey);
    if (consumer === undefined) throw new Error(`no consumer for queue "${queueKey}" in manifest.yml`);
    const retention = { queuedAt: this.now(), now: this.now };
    this.schedule(`consumer ${consumer.key}`, () => this.runEvent(present(consumer.function), { body, queueName: queueKey }, retention));
  }

  /** Runs every scheduled trigger once, or those `which` lets through (the sandbox runs them at start and as its clock moves). */
  runScheduled(which: (triggerKey: string) => boolean = () => true): void {
    for (const scheduled of this.modules('scheduledTrigger').filter((module) => which(module.key))) {
      this.schedule(`scheduled ${scheduled.key}`, async () => {
        await this.handlerOf(present(scheduled.function))({}, this.forgeContext());
      });
    }
  }

  /** Whether no queued event or job is waiting or running. */
  get idle(): boolean {
    return this.pendingCount === 0;
  }

  /** Resolves once every queued event and job (and what they queued in turn) has run. */
  async settled(): Promise<void> {
    while (this.pendingCount > 0) await this.work;
  }
}
