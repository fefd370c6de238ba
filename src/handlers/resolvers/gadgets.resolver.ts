import { makeResolver } from '@forge/resolver';
import { forgeGadgetDeps, type GadgetRuntimeDeps } from '../../adapters/forge-runtime';
import { gadgetContextSchema } from '../../contracts/gadget.schema';
import type { ForgeDefinitions } from '../../contracts/resolver-contract';
import { GADGETS } from '../../contracts/resolvers';
import { resolverHandlers, type ResolverHandlers } from './answer';
import { checkGadgetJql, loadHealthGadget, loadTriageGadget, projectChoices, refreshHealthGadget } from '../../use-cases/gadgets';
import { loadOutcomesGadget } from '../../use-cases/outcomes';

/** The viewer and the gadget's configuration, from `req.context`: never from the payload. */
interface Viewer {
  readonly accountId: string;
  readonly configuration: unknown;
}
const viewerOf = (context: unknown): Viewer | null => {
  const parsed = gadgetContextSchema.safeParse(context);
  return parsed.success ? { accountId: parsed.data.accountId, configuration: parsed.data.extension.gadgetConfiguration } : null;
};

/** Every resolver of the dashboard gadgets, by key; tests call these with fake dependencies. */
export const gadgetHandlers = (deps: () => GadgetRuntimeDeps = forgeGadgetDeps): ResolverHandlers<typeof GADGETS> =>
  resolverHandlers(GADGETS, viewerOf, {
    'health/get': ({ accountId, configuration }) => loadHealthGadget(deps(), accountId, configuration),
    'triage/get': ({ accountId, configuration }, { fresh }) => loadTriageGadget(deps(), accountId, configuration, { fresh }),
    'health/refresh': ({ accountId, configuration }) => refreshHealthGadget(deps(), accountId, configuration),
    'outcomes/get': ({ accountId, configuration }) => loadOutcomesGadget(deps(), accountId, configuration),
    // The edit view: Jira answers as the viewer, so only projects and fields they may see are offered and accepted.
    'projects/search': (_viewer, { query }) => projectChoices(deps(), query),
    'jql/check': (_viewer, { jql }) => checkGadgetJql(deps(), jql),
  });

/** `jira:dashboardGadget` "Workflow health", "Triage queue" and "Outcomes" share this resolver. */
export const gadgetsResolver = makeResolver<ForgeDefinitions<typeof GADGETS>>(gadgetHandlers());
