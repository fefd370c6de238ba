import Resolver from '@forge/resolver';
import { z } from 'zod';
import {
  forgeRuntimeDeps,
  forgeSetupDeps,
  forgeWebTriggerAdminDeps,
  type RuntimeDeps,
  type SetupRuntimeDeps,
  type WebTriggerAdminRuntimeDeps,
} from '../../adapters/forge-runtime';
import type { Envelope } from '../../contracts/resolver-contract';
import type { Failure, Result } from '../../domain/result';
import { answering } from './answer';
import { readAdminConfig, saveAdminConfig } from '../../use-cases/admin-config';
import { searchPeopleAsAdmin } from '../../use-cases/people-search';
import { listTemplates, removeTemplate } from '../../use-cases/request-templates';
import { applyCrmImport, previewCrmImport } from '../../use-cases/crm-import';
import { readCrmWebTrigger, rotateCrmWebTriggerSecret } from '../../use-cases/crm-webtrigger';
import { loadQuarterlyAudit } from '../../use-cases/quarterly-audit';
import { resetUnreadableRecord } from '../../use-cases/reset-record';
import { applyProjectSetup, checkSetUpProjects, planProjectSetup } from '../../use-cases/set-up-project';

interface ResolverRequest {
  readonly payload?: unknown;
  readonly context?: unknown;
}

type Handler = (request: ResolverRequest) => Promise<Envelope<unknown>>;

/** Admin resolvers answer only on the admin page, and only to a Jira admin (checked in each use case). */
const adminContextSchema = z.object({ accountId: z.string().min(1), extension: z.object({ type: z.literal('jira:adminPage') }).loose() });

const asAdmin =
  <Deps>(
    key: string,
    run: (deps: Deps, accountId: string, payload: unknown) => Promise<Result<unknown, Failure>>,
    deps: () => Deps,
  ): Handler =>
  async ({ payload, context }) => {
    const parsed = adminContextSchema.safeParse(context);
    if (!parsed.success)
      return { ok: false, error: { code: 'CONTEXT.NOT_ADMIN_PAGE', message: 'this resolver only runs on the Flight Plan admin page' } };
    return answering(key, () => run(deps(), parsed.data.accountId, payload));
  };

/** Every resolver of the admin page, by key; tests call these with fake dependencies. */
export const adminHandlers = (
  deps: () => RuntimeDeps = forgeRuntimeDeps,
  setupDeps: () => SetupRuntimeDeps = forgeSetupDeps,
  webTriggerDeps: () => WebTriggerAdminRuntimeDeps = forgeWebTriggerAdminDeps,
): Record<string, Handler> => ({
  'config/get': asAdmin('config/get', (d, accountId) => readAdminConfig(d, accountId), deps),
  'config/save': asAdmin('config/save', (d, accountId, payload) => saveAdminConfig(d, accountId, payload), deps),
  'audit/get': asAdmin('audit/get', (d, accountId, payload) => loadQuarterlyAudit(d, accountId, payload), deps),
  'people/search': asAdmin('people/search', (d, accountId, payload) => searchPeopleAsAdmin(d, accountId, payload), deps),
  'templates/list': asAdmin('templates/list', (d, accountId) => listTemplates(d, accountId), deps),
  'templates/remove': asAdmin('templates/remove', (d, accountId, payload) => removeTemplate(d, accountId, payload), deps),
  'record/reset': asAdmin('record/reset', (d, accountId, payload) => resetUnreadableRecord(d, accountId, payload), deps),
  'setup/plan': asAdmin('setup/plan', (d, accountId, payload) => planProjectSetup(d, accountId, payload), setupDeps),
  'setup/apply': asAdmin('setup/apply', (d, accountId, payload) => applyProjectSetup(d, accountId, payload), setupDeps),
  'crm/preview': asAdmin('crm/preview', (d, accountId, payload) => previewCrmImport(d, accountId, payload), deps),
  'crm/import': asAdmin('crm/import', (d, accountId, payload) => applyCrmImport(d, accountId, payload), deps),
  'crm/webtrigger': asAdmin('crm/webtrigger', (d, accountId) => readCrmWebTrigger(d, accountId), webTriggerDeps),
  'crm/rotate-secret': asAdmin('crm/rotate-secret', (d, accountId) => rotateCrmWebTriggerSecret(d, accountId), webTriggerDeps),
  'setup/check': asAdmin('setup/check', (d, accountId) => checkSetUpProjects(d, accountId), setupDeps),
});

const resolver = new Resolver();
for (const [key, handler] of Object.entries(adminHandlers())) resolver.define(key, handler);

/** `jira:adminPage` "Flight Plan". */
export const adminResolver = resolver.getDefinitions();
