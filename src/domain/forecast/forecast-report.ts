import type { IssueHistory, StageOfStatus } from '../metrics/issue-metrics';
import {
  forecastMeasured,
  measureAsOf,
  MIN_FORECAST_BASIS,
  type LaunchForecast,
  type MeasuredRequest,
  type SimulationOptions,
} from './launch-forecast';
import { throughputForecast, type ThroughputForecast } from './throughput-forecast';

export interface ForecastReport {
  /** Launched requests the launch forecasts rest on. */
  readonly basis: number;
  /** By issue id, for every request open at `now`; null where none can be made (a status no stage claims). */
  readonly forecasts: ReadonlyMap<string, LaunchForecast | null>;
  /** For requests waiting for a triage decision: the forecast if accepted now, by issue id. */
  readonly ifAccepted: ReadonlyMap<string, LaunchForecast>;
  readonly throughputNext4Weeks: ThroughputForecast | null;
  /** Every request known at `now`, measured then: what each forecast was made from. */
  readonly measured: readonly MeasuredRequest[];
}

/**
 * Launch forecasts for the requests open at `now` and the team's throughput for the next four
 * weeks, from the histories as they stood at `now`: changes after it are not used.
 */
export const forecastReport = (histories: readonly IssueHistory[], stageOf: StageOfStatus, options: SimulationOptions): ForecastReport => {
  const known = measureAsOf(histories, stageOf, options.now);
  const { basis, forecasts, ifAccepted } = forecastMeasured(known, options);
  const launchedAt = known.flatMap(({ metrics }) => (metrics.launchedAt === null ? [] : [metrics.launchedAt]));
  const since = known.reduce((earliest, { history }) => Math.min(earliest, history.createdAt), Number.POSITIVE_INFINITY);
  return {
    basis,
    forecasts,
    ifAccepted,
    // From as few launches as a launch forecast needs, for the same reason.
    throughputNext4Weeks:
      known.length === 0 || basis < (options.minimumBasis ?? MIN_FORECAST_BASIS)
        ? null
        : throughputForecast(launchedAt, { ...options, since }),
    measured: known,
  };
};
