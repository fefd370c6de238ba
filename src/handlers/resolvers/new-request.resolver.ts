import { makeResolver } from '@forge/resolver';
import { forgePanelDeps, type PanelRuntimeDeps } from '../../adapters/forge-runtime';
import { projectResolverContextSchema } from '../../contracts/forge-payloads.schema';
import type { ForgeDefinitions } from '../../contracts/resolver-contract';
import { NEW_REQUEST } from '../../contracts/resolvers';
import {
  chooseTemplate,
  forgetTemplateChoice,
  offerTemplates,
  startCreatedFromTemplate,
  type ProjectPageCaller,
} from '../../use-cases/new-request';
import { resolverHandlers, type ResolverHandlers } from './answer';

/** The caller and the project come from `req.context`, which Forge signs; the payload is never trusted for them. */
const callerOf = (context: unknown): ProjectPageCaller | null => {
  const parsed = projectResolverContextSchema.safeParse(context);
  return parsed.success ? { accountId: parsed.data.accountId, projectId: parsed.data.extension.project.id } : null;
};

/** Every resolver of the "New marketing request" project page, by key. */
export const newRequestHandlers = (deps: () => PanelRuntimeDeps = forgePanelDeps): ResolverHandlers<typeof NEW_REQUEST> =>
  resolverHandlers(NEW_REQUEST, callerOf, {
    'templates/offer': (caller) => offerTemplates(deps(), caller),
    'templates/choose': (caller, payload) => chooseTemplate(deps(), caller, payload),
    'templates/forget-choice': (caller, payload) => forgetTemplateChoice(deps(), caller, payload),
    'templates/start-created': (caller, payload) => startCreatedFromTemplate(deps(), caller, payload),
  });

/** `jira:projectPage` "New marketing request". */
export const newRequestResolver = makeResolver<ForgeDefinitions<typeof NEW_REQUEST>>(newRequestHandlers());
