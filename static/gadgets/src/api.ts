import { invoke } from '../../shared/invoke';
import type { Envelope } from '../../../src/contracts/resolver-contract';
import type { OutcomesGadgetView } from '../../../src/contracts/views/outcomes';
import type { HealthGadgetView, JqlCheck, ProjectChoice, TriageGadgetView } from '../../../src/contracts/views/gadgets';

export type { HealthGadgetView, TriageGadgetView };

export const loadHealth = (): Promise<Envelope<HealthGadgetView>> => invoke<Envelope<HealthGadgetView>>('health/get');
export const refreshHealth = (): Promise<Envelope<{ queued: boolean; reason?: string }>> => invoke('health/refresh');
export const loadTriage = (fresh: boolean): Promise<Envelope<TriageGadgetView>> =>
  invoke<Envelope<TriageGadgetView>>('triage/get', { fresh });

/** The edit view: projects the viewer may pick, and Jira's check of a query before it is saved. */
export const searchProjects = (query: string): Promise<Envelope<readonly ProjectChoice[]>> =>
  invoke<Envelope<readonly ProjectChoice[]>>('projects/search', { query });
export const checkJql = (jql: string): Promise<Envelope<JqlCheck>> => invoke<Envelope<JqlCheck>>('jql/check', { jql });

export const loadOutcomes = (): Promise<Envelope<OutcomesGadgetView>> => invoke<Envelope<OutcomesGadgetView>>('outcomes/get');
