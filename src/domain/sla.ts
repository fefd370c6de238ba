import type { AppConfig } from './app-config';
import { businessDaysBetween } from './business-days';
import type { Stage, TrackStage } from './stages';
import { TRACK_STAGES } from './stages';
import type { Tier } from './tiers';

/**
 * Where a request stands against its stage SLA: `within` it, on its `last-day`, `breached` (the
 * assignee is reminded), or `escalated` at twice the SLA (the triage lead is told).
 */
export type SlaState = 'within' | 'last-day' | 'breached' | 'escalated';

export interface SlaStatus {
  readonly state: SlaState;
  /** Business days allowed in the stage for this tier. */
  readonly budget: number;
  /** Business days spent in the stage so far. */
  readonly used: number;
}

/** Past the budget is a breach (a reminder); at twice it, an escalation (the triage lead is told). */
export const slaStateOf = (used: number, budget: number): SlaState =>
  used >= 2 * budget && used > budget ? 'escalated' : used > budget ? 'breached' : used === budget ? 'last-day' : 'within';

const isTrackStage = (stage: Stage): stage is TrackStage => (TRACK_STAGES as readonly Stage[]).includes(stage);

/** The SLA status of a request that entered `stage` at `enteredAt`; null off the track (waiting, declined, done). */
export const slaStatus = (
  stage: Stage,
  tier: Tier,
  enteredAt: Date,
  now: Date,
  config: Pick<AppConfig, 'slaBusinessDays' | 'holidays'>,
): SlaStatus | null => {
  if (!isTrackStage(stage)) return null;
  const budget = config.slaBusinessDays[stage][tier];
  const used = Math.max(0, businessDaysBetween(enteredAt, now, config));
  return { state: slaStateOf(used, budget), budget, used };
};

/** The tier with the shortest budget for a stage: an unknown tier never waits longer than any tier may. */
export const strictestTier = (config: Pick<AppConfig, 'slaBusinessDays'>, stage: TrackStage): Tier => {
  const budgets = config.slaBusinessDays[stage];
  return (Object.keys(budgets) as Tier[]).reduce((best, tier) => (budgets[tier] < budgets[best] ? tier : best));
};
