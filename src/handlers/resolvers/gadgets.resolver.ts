import Resolver from '@forge/resolver';
import { forgeGadgetDeps, type GadgetRuntimeDeps } from '../../adapters/forge-runtime';
import { gadgetContextSchema } from '../../contracts/gadget.schema';
import type { Envelope } from '../../contracts/resolver-contract';
import type { Failure, Result } from '../../domain/result';
import { answering } from './answer';
import { checkGadgetJql, loadHealthGadget, loadTriageGadget, projectChoices, refreshHealthGadget } from '../../use-cases/gadgets';
import { loadOutcomesGadget } from '../../use-cases/outcomes';

interface ResolverRequest {
  readonly payload?: unknown;
  readonly context?: unknown;
}

type Handler = (request: ResolverRequest) => Promise<Envelope<unknown>>;

/** The viewer and the gadget's configuration come from `req.context`, never from the payload. */
const withViewer =
  (
    key: string,
    run: (deps: GadgetRuntimeDeps, accountId: string, configuration: unknown, payload: unknown) => Promise<Result<unknown, Failure>>,
    deps: () => GadgetRuntimeDeps,
  ): Handler =>
  async ({ payload, context }) => {
    const parsed = gadgetContextSchema.safeParse(context);
    if (!parsed.success)
      return { ok: false, error: { code: 'CONTEXT.NO_GADGET', message: 'this resolver only runs in a dashboard gadget' } };
    return answering(key, () => run(deps(), parsed.data.accountId, parsed.data.extension.gadgetConfiguration, payload));
  };

const wantsFresh = (payload: unknown): boolean => (payload as { fresh?: unknown } | null)?.fresh === true;

/** Every resolver of the dashboard gadgets, by key; tests call these with fake dependencies. */
export const gadgetHandlers = (deps: () => GadgetRuntimeDeps = forgeGadgetDeps): Record<string, Handler> => ({
  'health/get': withViewer('health/get', (d, accountId, configuration) => loadHealthGadget(d, accountId, configuration), deps),
  'triage/get': withViewer(
    'triage/get',
    (d, accountId, configuration, payload) => loadTriageGadget(d, accountId, configuration, { fresh: wantsFresh(payload) }),
    deps,
  ),
  // Viewers may ask for fresh figures; the refresh itself runs in the queue, as the hourly one does.
  'health/refresh': withViewer('health/refresh', (d, accountId, configuration) => refreshHealthGadget(d, accountId, configuration), deps),
  'outcomes/get': withViewer('outcomes/get', (d, accountId, configuration) => loadOutcomesGadget(d, accountId, configuration), deps),
  // The edit view: Jira answers as the viewer, so only projects and fields they may see are offered and accepted.
  'projects/search': withViewer('projects/search', (d, _accountId, _configuration, payload) => projectChoices(d, payload), deps),
  'jql/check': withViewer('jql/check', (d, _accountId, _configuration, payload) => checkGadgetJql(d, payload), deps),
});

const resolver = new Resolver();
for (const [key, handler] of Object.entries(gadgetHandlers())) resolver.define(key, handler);

/** `jira:dashboardGadget` "Workflow health" and "Triage queue" share this resolver. */
export const gadgetsResolver = resolver.getDefinitions();
