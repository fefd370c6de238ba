/**
 * The indicators a success metric can name. A list, not a union: the admin page will let admins
 * add their own, so every function takes the catalogue it judges against.
 */
export const DEFAULT_INDICATORS: readonly string[] = [
  'leads',
  'mqls',
  'opportunities',
  'pipeline',
  'revenue',
  'signups',
  'registrations',
  'conversionRate',
];

/** Money spent on a campaign: a snapshot figure, never a success metric's indicator. */
export const SPEND = 'spend';

/** Largest target a success metric may set: the bound stored figures have, far above any campaign's, and finite. */
export const MAX_METRIC_TARGET = 1e12;

/** A request's measurable success metric: reach `target` of `indicator` within `windowDays` of launch. */
export interface SuccessMetric {
  readonly indicator: string;
  readonly target: number;
  readonly windowDays: number;
}
