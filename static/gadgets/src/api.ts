import { invoke } from '../../shared/invoke';
import type { Envelope } from '../../../src/contracts/resolver-contract';
import type { OutcomesGadgetView } from '../../../src/contracts/views/outcomes';
import type { HealthGadgetView, TriageGadgetView } from '../../../src/contracts/views/gadgets';

export type { HealthGadgetView, TriageGadgetView };

export const loadHealth = (): Promise<Envelope<HealthGadgetView>> => invoke<Envelope<HealthGadgetView>>('health/get');
export const refreshHealth = (): Promise<Envelope<{ queued: boolean; reason?: string }>> => invoke('health/refresh');
export const loadTriage = (fresh: boolean): Promise<Envelope<TriageGadgetView>> =>
  invoke<Envelope<TriageGadgetView>>('triage/get', { fresh });

export const loadOutcomes = (): Promise<Envelope<OutcomesGadgetView>> => invoke<Envelope<OutcomesGadgetView>>('outcomes/get');
