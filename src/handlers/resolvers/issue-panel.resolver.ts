import Resolver from '@forge/resolver';
import { forgePanelDeps, type PanelRuntimeDeps } from '../../adapters/forge-runtime';
import { issueResolverContextSchema } from '../../contracts/forge-payloads.schema';
import { COMMAND_KEYS, type Envelope } from '../../contracts/resolver-contract';
import type { Failure, Result } from '../../domain/result';
import { answering } from './answer';
import type { Caller } from '../../use-cases/panel-load';
import { readAuditTrail } from '../../use-cases/panel-audit-trail';
import { runCommand } from '../../use-cases/panel-commands';
import { readPanel } from '../../use-cases/panel-view';
import { searchPeople } from '../../use-cases/people-search';
import { saveAsTemplate, startFromTemplate } from '../../use-cases/request-templates';
import type { Person } from '../../contracts/views/person';
import { readRequestOutcome, recordManualFigure, startIteration } from '../../use-cases/outcomes';
import type { RequestOutcomeView, StartedIteration } from '../../contracts/views/outcomes';
import type { AuditTrailView, PanelView } from '../../contracts/views/panel';
import { readIssueForecast } from '../../use-cases/refresh-forecasts';
import type { StoredForecast } from '../../contracts/views/forecast';
import type { DependenciesView, DependencyCandidate } from '../../contracts/views/dependencies';
import { addDependency, readDependencies, removeDependency, searchDependencyCandidates } from '../../use-cases/dependencies';

interface ResolverRequest {
  readonly payload?: unknown;
  readonly context?: unknown;
}

type Handler<T> = (request: ResolverRequest) => Promise<Envelope<T>>;

/** The caller and issue come from `req.context`, which Forge signs; the payload is never trusted for them. */
const callerOf = (context: unknown): Caller | null => {
  const parsed = issueResolverContextSchema.safeParse(context);
  return parsed.success ? { accountId: parsed.data.accountId, issueId: parsed.data.extension.issue.id } : null;
};

const withCaller =
  <T>(
    key: string,
    run: (deps: PanelRuntimeDeps, caller: Caller, payload: unknown) => Promise<Result<T, Failure>>,
    deps: () => PanelRuntimeDeps,
  ): Handler<T> =>
  async ({ payload, context }) => {
    const caller = callerOf(context);
    if (caller === null) return { ok: false, error: { code: 'CONTEXT.NO_ISSUE', message: 'this resolver only runs on an issue' } };
    return answering(key, () => run(deps(), caller, payload));
  };

/** Every resolver of the issue panel that answers with the panel's view, by key; tests call these with fake dependencies. */
export const issuePanelHandlers = (deps: () => PanelRuntimeDeps = forgePanelDeps): Record<string, Handler<PanelView>> => ({
  'record/get': withCaller('record/get', (d, caller) => readPanel(d, caller), deps),
  ...Object.fromEntries(
    COMMAND_KEYS.map((key) => [key, withCaller(key, (d, caller, payload) => runCommand(d, caller, key, payload), deps)]),
  ),
  'template/save': withCaller('template/save', (d, caller, payload) => saveAsTemplate(d, caller, payload), deps),
  'template/apply': withCaller('template/apply', (d, caller, payload) => startFromTemplate(d, caller, payload), deps),
});

/** The person picker's search (approvers, monitoring owner). */
export const peopleSearchHandler = (deps: () => PanelRuntimeDeps = forgePanelDeps): Handler<readonly Person[]> =>
  withCaller('people/search', (d, caller, payload) => searchPeople(d, caller, payload), deps);

/** A page of the request's audit trail, newest first. */
export const auditTrailHandler = (deps: () => PanelRuntimeDeps = forgePanelDeps): Handler<AuditTrailView> =>
  withCaller('record/audit', (d, caller, payload) => readAuditTrail(d, caller, payload), deps);

/** The request's launch forecast, as the last metrics refresh stored it. */
export const issueForecastHandler = (deps: () => PanelRuntimeDeps = forgePanelDeps): Handler<StoredForecast | null> =>
  withCaller('forecast/get', (d, caller) => readIssueForecast(d, caller), deps);

/** The Outcome part of Measure + Improve: the request's outcome from its campaign's figures, and a figure entered by hand. */
export const outcomeHandlers = (deps: () => PanelRuntimeDeps = forgePanelDeps): Record<string, Handler<RequestOutcomeView>> => ({
  'outcome/get': withCaller('outcome/get', (d, caller) => readRequestOutcome(d, caller), deps),
  'outcome/record-figure': withCaller('outcome/record-figure', (d, caller, payload) => recordManualFigure(d, caller, payload), deps),
});

/** "Start an iteration" of a request whose window ended short of its target, by its owner. */
export const startIterationHandler = (deps: () => PanelRuntimeDeps = forgePanelDeps): Handler<StartedIteration> =>
  withCaller('outcome/start-iteration', (d, caller, payload) => startIteration(d, caller, payload), deps);

/** The request's dependencies ("is blocked by" issue links): read, add by key, remove. */
export const dependencyHandlers = (deps: () => PanelRuntimeDeps = forgePanelDeps): Record<string, Handler<DependenciesView>> => ({
  'dependency/get': withCaller('dependency/get', (d, caller) => readDependencies(d, caller), deps),
  'dependency/add': withCaller('dependency/add', (d, caller, payload) => addDependency(d, caller, payload), deps),
  'dependency/remove': withCaller('dependency/remove', (d, caller, payload) => removeDependency(d, caller, payload), deps),
});

/** The dependency picker's search, by key or summary. */
export const dependencySearchHandler = (deps: () => PanelRuntimeDeps = forgePanelDeps): Handler<readonly DependencyCandidate[]> =>
  withCaller('dependency/search', (d, caller, payload) => searchDependencyCandidates(d, caller, payload), deps);

/** Every resolver the panel and the badge call, by key: the one list the resolver defines and the permission tests check. */
export const panelResolverHandlers = (deps: () => PanelRuntimeDeps = forgePanelDeps): Readonly<Record<string, Handler<unknown>>> => ({
  ...issuePanelHandlers(deps),
  ...outcomeHandlers(deps),
  ...dependencyHandlers(deps),
  'dependency/search': dependencySearchHandler(deps),
  'people/search': peopleSearchHandler(deps),
  'forecast/get': issueForecastHandler(deps),
  'record/audit': auditTrailHandler(deps),
  'outcome/start-iteration': startIterationHandler(deps),
});

const resolver = new Resolver();
for (const [key, handler] of Object.entries(panelResolverHandlers())) resolver.define(key, handler);

/** `jira:issuePanel` "Flight Plan" and the `jira:issueContext` badge share this resolver. */
export const issuePanelResolver = resolver.getDefinitions();
