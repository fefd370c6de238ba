/** An indicator's key, as the admin's catalogue, the figures and the summary property hold it ("signups"). */
export const INDICATOR_KEY = /^[a-z][A-Za-z0-9]{0,39}$/;

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
