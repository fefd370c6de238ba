import { makeResolver } from '@forge/resolver';
import { z } from 'zod';
import {
  forgeRuntimeDeps,
  forgeSetupDeps,
  forgeWebTriggerAdminDeps,
  type RuntimeDeps,
  type SetupRuntimeDeps,
  type WebTriggerAdminRuntimeDeps,
} from '../../adapters/forge-runtime';
import type { AnyResolverApp, ForgeDefinitions } from '../../contracts/resolver-contract';
import { ADMIN } from '../../contracts/resolvers';
import { resolverHandlers, type CallerCheck, type ResolverHandlers, type UseCases } from './answer';
import { readAdminConfig, requireJiraAdmin, saveAdminConfig, type AdminDeps } from '../../use-cases/admin-config';
import { listTemplates, removeTemplate } from '../../use-cases/request-templates';
import { applyCrmImport, previewCrmImport } from '../../use-cases/crm-import';
import { readCrmWebTrigger, rotateCrmWebTriggerSecret } from '../../use-cases/crm-webtrigger';
import { loadQuarterlyAudit } from '../../use-cases/quarterly-audit';
import { resetUnreadableRecord } from '../../use-cases/reset-record';
import { applyProjectSetup, checkSetUpProjects, planProjectSetup } from '../../use-cases/set-up-project';

/** Admin resolvers answer only on the admin page, and only to a Jira admin (checked once, for every key, below). */
const adminContextSchema = z.object({ accountId: z.string().min(1), extension: z.object({ type: z.literal('jira:adminPage') }).loose() });
const adminOf = (context: unknown): string | null => {
  const parsed = adminContextSchema.safeParse(context);
  return parsed.success ? parsed.data.accountId : null;
};

/**
 * The resolvers of an admin-page app: every key, by construction, is checked on the admin page and then asked of Jira
 * whether the caller is a Jira admin, before its payload is read and its use case runs; no use case checks it again.
 */
export const adminOnlyHandlers = <App extends AnyResolverApp>(
  app: App,
  deps: () => AdminDeps,
  useCases: UseCases<App, string>,
): ResolverHandlers<App> =>
  resolverHandlers(app, adminOf, useCases, (accountId) => requireJiraAdmin(deps(), accountId) as ReturnType<CallerCheck<App, string>>);

/** Every resolver of the admin page, by key; tests call these with fake dependencies. */
export const adminHandlers = (
  deps: () => RuntimeDeps = forgeRuntimeDeps,
  setupDeps: () => SetupRuntimeDeps = forgeSetupDeps,
  webTriggerDeps: () => WebTriggerAdminRuntimeDeps = forgeWebTriggerAdminDeps,
): ResolverHandlers<typeof ADMIN> =>
  adminOnlyHandlers(ADMIN, deps, {
    'config/get': () => readAdminConfig(deps()),
    'config/save': (accountId, payload) => saveAdminConfig(deps(), accountId, payload),
    'audit/get': (_, { quarter }) => loadQuarterlyAudit(deps(), quarter),
    'people/search': (_, { query }) => deps().jira.searchPeople(query),
    'templates/list': () => listTemplates(deps()),
    'templates/remove': (_, { templateId }) => removeTemplate(deps(), templateId),
    'record/reset': (accountId, { issueKey }) => resetUnreadableRecord(deps(), accountId, issueKey),
    'setup/plan': (_, { projectKey }) => planProjectSetup(setupDeps(), projectKey),
    'setup/apply': (accountId, { projectKey }) => applyProjectSetup(setupDeps(), accountId, projectKey),
    'setup/check': () => checkSetUpProjects(setupDeps()),
    'crm/preview': (_, payload) => previewCrmImport(deps(), payload),
    'crm/import': (accountId, payload) => applyCrmImport(deps(), accountId, payload),
    'crm/webtrigger': () => readCrmWebTrigger(webTriggerDeps()),
    'crm/rotate-secret': () => rotateCrmWebTriggerSecret(webTriggerDeps()),
  });

/** `jira:adminPage` "Flight Plan". */
export const adminResolver = makeResolver<ForgeDefinitions<typeof ADMIN>>(adminHandlers());
