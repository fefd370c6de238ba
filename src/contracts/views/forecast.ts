import type { LaunchForecast } from '../../domain/forecast/launch-forecast';

/** A request's stored launch forecast, as the panel shows it: with the due date its on-time chance was computed against, and when. */
export interface StoredForecast extends LaunchForecast {
  readonly dueDate: string | null;
  /** How much its assignee's load stretched the work ahead (1: the history's own pace; see builder-load.ts). */
  readonly loadFactor: number;
  readonly computedAt: string;
}

/** What the panel shows of a request's forecast. */
export interface PanelForecast {
  /** Null when the last refresh made none (the request is launched or declined, or no refresh has forecast it yet). */
  readonly forecast: StoredForecast | null;
  /**
   * When there is none because blockers were declined: how many, and they as the viewer may read them ("MKT-3 and a
   * request you cannot see"); otherwise null.
   */
  readonly declinedBlockers: { readonly count: number; readonly words: string } | null;
  /** When there is none because too few requests have launched to forecast from: how many have, and how many it takes. */
  readonly tooFewLaunches: { readonly launched: number; readonly needed: number } | null;
}
