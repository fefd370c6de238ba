import { makeInvoke } from '@forge/bridge';
import type { ForgeDefinitions } from '../../../src/contracts/resolver-contract';
import type { GADGETS } from '../../../src/contracts/resolvers';
import type { HealthGadgetView, TriageGadgetView } from '../../../src/contracts/views/gadgets';

export type { HealthGadgetView, TriageGadgetView };

/**
 * The gadgets' one way to their resolver: `@forge/bridge`'s `invoke`, typed by the resolver contract
 * (`src/contracts/resolvers.ts`), so a key, payload or answer the server does not have is a type error here.
 */
export const callGadgets = makeInvoke<ForgeDefinitions<typeof GADGETS>>();

export const loadHealth = () => callGadgets('health/get');
export const refreshHealth = () => callGadgets('health/refresh');
export const loadTriage = (fresh: boolean) => callGadgets('triage/get', { fresh });
export const loadOutcomes = () => callGadgets('outcomes/get');

/** The edit view: projects the viewer may pick, and Jira's check of a query before it is saved. */
export const searchProjects = (query: string) => callGadgets('projects/search', { query });
export const checkJql = (jql: string) => callGadgets('jql/check', { jql });
