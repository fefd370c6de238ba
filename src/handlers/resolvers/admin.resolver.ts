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
import type { ForgeDefinitions } from '../../contracts/resolver-contract';
import { ADMIN } from '../../contracts/resolvers';
import { resolverHandlers, type ResolverHandlers } from './answer';
import { readAdminConfig, saveAdminConfig } from '../../use-cases/admin-config';
import { searchPeopleAsAdmin } from '../../use-cases/people-search';
import { listTemplates, removeTemplate } from '../../use-cases/request-templates';
import { applyCrmImport, previewCrmImport } from '../../use-cases/crm-import';
import { readCrmWebTrigger, rotateCrmWebTriggerSecret } from '../../use-cases/crm-webtrigger';
import { loadQuarterlyAudit } from '../../use-cases/quarterly-audit';
import { resetUnreadableRecord } from '../../use-cases/reset-record';
import { applyProjectSetup, checkSetUpProjects, planProjectSetup } from '../../use-cases/set-up-project';

/** Admin resolvers answer only on the admin page, and only to a Jira admin (checked in each use case). */
const adminContextSchema = z.object({ accountId: z.string().min(1), extension: z.object({ type: z.literal('jira:adminPage') }).loose() });
const adminOf = (context: unknown): string | null => {
  const parsed = adminContextSchema.safeParse(context);
  return parsed.success ? parsed.data.accountId : null;
};

/** Every resolver of the admin page, by key; tests call these with fake dependencies. */
export const adminHandlers = (
  deps: () => RuntimeDeps = forgeRuntimeDeps,
  setupDeps: () => SetupRuntimeDeps = forgeSetupDeps,
  webTriggerDeps: () => WebTriggerAdminRuntimeDeps = forgeWebTriggerAdminDeps,
): ResolverHandlers<typeof ADMIN> =>
  resolverHandlers(ADMIN, adminOf, {
    'config/get': (accountId) => readAdminConfig(deps(), accountId),
    'config/save': (accountId, payload) => saveAdminConfig(deps(), accountId, payload),
    'audit/get': (accountId, { quarter }) => loadQuarterlyAudit(deps(), accountId, quarter),
    'people/search': (accountId, { query }) => searchPeopleAsAdmin(deps(), accountId, query),
    'templates/list': (accountId) => listTemplates(deps(), accountId),
    'templates/remove': (accountId, { templateId }) => removeTemplate(deps(), accountId, templateId),
    'record/reset': (accountId, { issueKey }) => resetUnreadableRecord(deps(), accountId, issueKey),
    'setup/plan': (accountId, { projectKey }) => planProjectSetup(setupDeps(), accountId, projectKey),
    'setup/apply': (accountId, { projectKey }) => applyProjectSetup(setupDeps(), accountId, projectKey),
    'setup/check': (accountId) => checkSetUpProjects(setupDeps(), accountId),
    'crm/preview': (accountId, payload) => previewCrmImport(deps(), accountId, payload),
    'crm/import': (accountId, payload) => applyCrmImport(deps(), accountId, payload),
    'crm/webtrigger': (accountId) => readCrmWebTrigger(webTriggerDeps(), accountId),
    'crm/rotate-secret': (accountId) => rotateCrmWebTriggerSecret(webTriggerDeps(), accountId),
  });

/** `jira:adminPage` "Flight Plan". */
export const adminResolver = makeResolver<ForgeDefinitions<typeof ADMIN>>(adminHandlers());
