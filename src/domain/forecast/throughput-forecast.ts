import { DAY_MS } from '../durations';
import { isoWeekStart } from '../metrics/workflow-summary';
import { mulberry32 } from './random';
import { DEFAULT_SIMULATIONS } from './launch-forecast';

const WEEK_MS = 7 * DAY_MS;
/** Weeks of history the forecast draws from: recent enough to reflect the team as it is. */
const HISTORY_WEEKS = 12;
const HORIZON_WEEKS = 4;
/** Keeps the throughput simulation's draws apart from the launch forecasts' for the same seed. */
const STREAM = 0x7468_7275;

export interface ThroughputForecast {
  /** Launches in the next four weeks: the median of the simulations. */
  readonly p50: number;
  /** At least this many in 85% of the simulations: the figure to plan on. */
  readonly p85: number;
  /** Complete weeks of history drawn from. */
  readonly weeks: number;
}

interface ThroughputOptions {
  readonly now: number;
  readonly seed: number;
  /** When the history starts (the first request's creation): earlier weeks are unknown, not empty. */
  readonly since: number;
  readonly simulations?: number;
}

/**
 * Launches the team will likely finish in the next four weeks: each simulated week draws the
 * launch count of one of the last twelve complete ISO weeks (Monday to Sunday, UTC) before `now`,
 * and four such weeks are added up. Null when no complete week is known.
 * @example throughputForecast(launchInstants, { now, seed: 1, since }) // { p50: 18, p85: 14, weeks: 12 }
 */
export const throughputForecast = (
  launchedAt: readonly number[],
  { now, seed, since, simulations = DEFAULT_SIMULATIONS }: ThroughputOptions,
): ThroughputForecast | null => {
  const end = isoWeekStart(now);
  const start = Math.max(end - HISTORY_WEEKS * WEEK_MS, isoWeekStart(since));
  const weeks = Math.max(0, Math.round((end - start) / WEEK_MS));
  if (weeks === 0) return null;
  const perWeek = new Int32Array(weeks);
  for (const at of launchedAt) {
    if (at >= start && at < end) {
      const week = Math.floor((at - start) / WEEK_MS);
      perWeek[week] = (perWeek[week] as number) + 1;
    }
  }
  const counts = new Int32Array(HORIZON_WEEKS * Math.max(...perWeek) + 1);
  const next = mulberry32(seed ^ STREAM);
  for (let i = 0; i < simulations; i++) {
    let total = 0;
    for (let week = 0; week < HORIZON_WEEKS; week++) total += perWeek[Math.floor(next() * weeks)] as number;
    counts[total] = (counts[total] as number) + 1;
  }
  let p50 = 0;
  for (let reached = 0; p50 < counts.length; p50++) {
    reached += counts[p50] as number;
    if (reached >= simulations / 2) break;
  }
  // The largest total that at least 85% of the simulations reach or pass.
  let p85 = counts.length - 1;
  for (let atLeast = counts[p85] as number; atLeast < 0.85 * simulations;) atLeast += counts[--p85] as number;
  return { p50, p85, weeks };
};
