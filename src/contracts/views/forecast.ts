import type { LaunchForecast } from '../../domain/forecast/launch-forecast';

/** A request's stored launch forecast, as the panel shows it: with the due date its on-time chance was computed against, and when. */
export interface StoredForecast extends LaunchForecast {
  readonly dueDate: string | null;
  /** How much its assignee's load stretched the work ahead (1: the history's own pace; see builder-load.ts). */
  readonly loadFactor: number;
  readonly computedAt: string;
}
