/** Milliseconds in an hour and in a day: the app counts elapsed time in UTC milliseconds, so a day is always 24 hours. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
