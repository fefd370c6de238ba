import type { IssueHistory, IssueMetrics, StageOfStatus } from '../metrics/issue-metrics';
import { DAY_MS } from '../durations';
import { STAGES } from '../stages';
import { forecastMeasured, measureAsOf, measureAt, type SimulationOptions } from './launch-forecast';

/**
 * Forecasts made at past dates from only the history known then, scored against what happened.
 *
 * A forecast says when a request launches if it goes ahead, so only requests whose outcome is
 * known are scored: those launched since, and those accepted (past triage) and still open after
 * the date in question, which count as missing it. Requests later declined, and those still
 * waiting for a decision, are left out.
 */

interface Coverage {
  /** Forecasts whose outcome is known for this date. */
  readonly scored: number;
  /** Of those, launched on or before it. */
  readonly landed: number;
  readonly share: number | null;
}

export interface Calibration {
  /** Forecast dates and forecasts made. */
  readonly dates: number;
  readonly forecasts: number;
  readonly p50: Coverage;
  readonly p85: Coverage;
  /** Forecasts with a due date and a known on-time outcome, while some past launch had a due date. */
  readonly onTimeScored: number;
  /** Mean squared error of the on-time probability. */
  readonly brier: number | null;
  /** The same for always predicting the on-time rate of the launches known at the forecast date. */
  readonly baseRateBrier: number | null;
}

interface BacktestOptions extends Omit<SimulationOptions, 'now'> {
  /** The present: outcomes are read from the full histories at this instant. */
  readonly now: number;
  readonly forecastDates: readonly number[];
}

const FIRST_ACCEPTED = STAGES.indexOf('planning');
const LAST_BEFORE_LAUNCH = STAGES.indexOf('qa');

const dayOfDate = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** True, false, or null when not known yet (or the request did not go ahead). */
const landedBy = (outcome: IssueMetrics, day: number, today: number): boolean | null => {
  if (outcome.launchedAt !== null) return Math.floor(outcome.launchedAt / DAY_MS) <= day;
  const stillAhead = outcome.currentStage >= FIRST_ACCEPTED && outcome.currentStage <= LAST_BEFORE_LAUNCH;
  return stillAhead && today > day ? false : null;
};

const onTimeRate = (metrics: readonly IssueMetrics[]): number | null => {
  let withDueDate = 0;
  let onTime = 0;
  for (const m of metrics) {
    if (m.onTime === null) continue;
    withDueDate++;
    if (m.onTime) onTime++;
  }
  return withDueDate === 0 ? null : onTime / withDueDate;
};

/**
 * Calibration of the launch forecasts over the given past dates.
 * @example backtestForecasts(histories, stageOf, { now, seed: 1, forecastDates: [eightWeeksAgo] }).p85.share // 0.84
 */
export const backtestForecasts = (
  histories: readonly IssueHistory[],
  stageOf: StageOfStatus,
  { now, forecastDates, ...simulation }: BacktestOptions,
): Calibration => {
  const outcomes = new Map(measureAt(histories, stageOf, now).map(({ history, metrics }) => [history.id, metrics]));
  const today = Math.floor(now / DAY_MS);
  const p50 = { scored: 0, landed: 0 };
  const p85 = { scored: 0, landed: 0 };
  let forecasts = 0;
  let onTimeScored = 0;
  let squaredError = 0;
  let baseSquaredError = 0;
  const score = (tally: { scored: number; landed: number }, landed: boolean | null): void => {
    if (landed === null) return;
    tally.scored++;
    if (landed) tally.landed++;
  };

  for (const date of forecastDates) {
    const known = measureAsOf(histories, stageOf, date);
    const baseRate = onTimeRate(known.map(({ metrics }) => metrics));
    const made = forecastMeasured(known, { ...simulation, now: date });
    for (const { history } of known) {
      const forecast = made.forecasts.get(history.id);
      const outcome = outcomes.get(history.id);
      if (forecast === undefined || forecast === null || outcome === undefined) continue;
      forecasts++;
      score(p50, landedBy(outcome, dayOfDate(forecast.launchP50), today));
      score(p85, landedBy(outcome, dayOfDate(forecast.launchP85), today));
      if (forecast.onTimeProbability === null || history.dueDate === null || baseRate === null) continue;
      const onTime = landedBy(outcome, dayOfDate(history.dueDate), today);
      if (onTime === null) continue;
      const happened = onTime ? 1 : 0;
      onTimeScored++;
      squaredError += (forecast.onTimeProbability - happened) ** 2;
      baseSquaredError += (baseRate - happened) ** 2;
    }
  }
  const share = (tally: { scored: number; landed: number }): Coverage => ({
    ...tally,
    share: tally.scored === 0 ? null : tally.landed / tally.scored,
  });
  return {
    dates: forecastDates.length,
    forecasts,
    p50: share(p50),
    p85: share(p85),
    onTimeScored,
    brier: onTimeScored === 0 ? null : squaredError / onTimeScored,
    baseRateBrier: onTimeScored === 0 ? null : baseSquaredError / onTimeScored,
  };
};
