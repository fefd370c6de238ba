import { makeResolver } from '@forge/resolver';
import { forgePanelDeps, type PanelRuntimeDeps } from '../../adapters/forge-runtime';
import { issueResolverContextSchema } from '../../contracts/forge-payloads.schema';
import { COMMAND_KEYS, commandFrom, type CommandKey, type ForgeDefinitions, type PayloadOut } from '../../contracts/resolver-contract';
import { PANEL } from '../../contracts/resolvers';
import { resolverHandlers, type ResolverHandlers, type UseCases } from './answer';
import type { Caller } from '../../use-cases/panel-load';
import { readAuditTrail } from '../../use-cases/panel-audit-trail';
import { runCommand } from '../../use-cases/panel-commands';
import { readPanel } from '../../use-cases/panel-view';
import { searchPeople } from '../../use-cases/people-search';
import { saveAsTemplate, startFromTemplate } from '../../use-cases/request-templates';
import { readRequestOutcome, recordManualFigure, startIteration } from '../../use-cases/outcomes';
import { readIssueForecast } from '../../use-cases/refresh-forecasts';
import {
  addDependency,
  readDependencies,
  confirmUnlinkedBlocker,
  removeDependency,
  searchDependencyCandidates,
} from '../../use-cases/dependencies';

/** The caller and issue come from `req.context`, which Forge signs; the payload is never trusted for them. */
const callerOf = (context: unknown): Caller | null => {
  const parsed = issueResolverContextSchema.safeParse(context);
  return parsed.success ? { accountId: parsed.data.accountId, issueId: parsed.data.extension.issue.id } : null;
};

type CommandUseCases = Pick<UseCases<typeof PANEL, Caller>, CommandKey>;

/** Every resolver the panel and the badge call, by key: the one map the resolver defines and the permission tests check. */
export const panelHandlers = (deps: () => PanelRuntimeDeps = forgePanelDeps): ResolverHandlers<typeof PANEL> => {
  // Each record command runs the same use case, with the record command its parsed payload makes.
  const command =
    <Key extends CommandKey>(key: Key) =>
    (caller: Caller, payload: PayloadOut<typeof PANEL, Key>) =>
      runCommand(deps(), caller, commandFrom(key, payload));
  const commands = Object.fromEntries(COMMAND_KEYS.map((key) => [key, command(key)])) as CommandUseCases;
  return resolverHandlers(PANEL, callerOf, {
    'record/get': (caller) => readPanel(deps(), caller),
    ...commands,
    'template/save': (caller, payload) => saveAsTemplate(deps(), caller, payload),
    'template/apply': (caller, payload) => startFromTemplate(deps(), caller, payload),
    'record/audit': (caller, { page }) => readAuditTrail(deps(), caller, page),
    'people/search': (caller, { query }) => searchPeople(deps(), caller, query),
    'forecast/get': (caller) => readIssueForecast(deps(), caller),
    'outcome/get': (caller) => readRequestOutcome(deps(), caller),
    'outcome/record-figure': (caller, payload) => recordManualFigure(deps(), caller, payload),
    'outcome/start-iteration': (caller, payload) => startIteration(deps(), caller, payload),
    'dependency/get': (caller) => readDependencies(deps(), caller),
    'dependency/add': (caller, payload) => addDependency(deps(), caller, payload),
    'dependency/remove': (caller, payload) => removeDependency(deps(), caller, payload),
    'dependency/confirm-unlinked': (caller, payload) => confirmUnlinkedBlocker(deps(), caller, payload),
    'dependency/search': (caller, payload) => searchDependencyCandidates(deps(), caller, payload),
  });
};

/** `jira:issuePanel` "Flight Plan" and the `jira:issueContext` badge share this resolver. */
export const issuePanelResolver = makeResolver<ForgeDefinitions<typeof PANEL>>(panelHandlers());
