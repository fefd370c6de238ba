import { DAY_MS } from './durations';
/**
 * Business-day arithmetic in UTC calendar days: Monday to Friday, minus configured holidays.
 * Dates are `YYYY-MM-DD` strings or instants; time of day never counts, so the result does not
 * depend on the server's zone.
 */

/** The UTC calendar day of an instant, as days since the epoch. */
const epochDay = (instant: Date): number => Math.floor(instant.getTime() / DAY_MS);

const isWeekend = (day: number): boolean => {
  // 1970-01-01 was a Thursday: day 0 → weekday 4 (0 = Sunday).
  const weekday = (day + 4) % 7;
  return weekday === 0 || weekday === 6;
};

const holidaySet = (holidays: readonly string[]): ReadonlySet<number> =>
  new Set(holidays.map((iso) => epochDay(new Date(`${iso}T00:00:00Z`))));

interface BusinessCalendar {
  readonly holidays: readonly string[];
}

/**
 * The years a date people or their tools give may be in (a launch window, a figure's date): a typo such as 0202 or
 * 20260 is refused where it is given, never stored to fail later.
 */
export const EARLIEST_GIVEN_YEAR = 2000;
export const LATEST_GIVEN_YEAR = 2100;

/** `YYYY-MM-DD` of a real day in the years above, as the start of that UTC day; null otherwise. */
export const parseGivenDate = (iso: string): Date | null => {
  const date = parseCalendarDate(iso);
  if (date === null) return null;
  const year = date.getUTCFullYear();
  return year >= EARLIEST_GIVEN_YEAR && year <= LATEST_GIVEN_YEAR ? date : null;
};

/** Parses `YYYY-MM-DD` as the start of that UTC day; null when it is not a real calendar date. */
export const parseCalendarDate = (iso: string): Date | null => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : date;
};

export const toCalendarDate = (instant: Date): string => instant.toISOString().slice(0, 10);

/**
 * Counts business days after `from`'s day up to and including `to`'s day; negative when `to` is earlier.
 * @example businessDaysBetween(new Date('2026-06-05T17:00Z'), new Date('2026-06-08T09:00Z'), { holidays: [] }) // 1 (Fri → Mon)
 */
export const businessDaysBetween = (from: Date, to: Date, calendar: BusinessCalendar): number => {
  const start = epochDay(from);
  const end = epochDay(to);
  if (end === start) return 0;
  const holidays = holidaySet(calendar.holidays);
  const [low, high, sign] = end > start ? [start, end, 1] : [end, start, -1];
  // Whole weeks hold five weekdays each; only the remainder (at most 6 days) is walked.
  const span = high - low;
  let count = Math.floor(span / 7) * 5;
  for (let day = low + Math.floor(span / 7) * 7 + 1; day <= high; day++) {
    if (!isWeekend(day)) count++;
  }
  for (const holiday of holidays) {
    if (holiday > low && holiday <= high && !isWeekend(holiday)) count--;
  }
  return sign * count;
};

/**
 * The instant `days` business days after `from`, at the same time of day.
 * @example addBusinessDays(new Date('2026-06-05T10:00Z'), 1, { holidays: [] }) // 2026-06-08T10:00Z (Fri + 1 → Mon)
 */
export const addBusinessDays = (from: Date, days: number, calendar: BusinessCalendar): Date => {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`addBusinessDays needs a whole number of days ≥ 0, got ${days}`);
  const holidays = holidaySet(calendar.holidays);
  let day = epochDay(from);
  let remaining = days;
  while (remaining > 0) {
    day++;
    if (!isWeekend(day) && !holidays.has(day)) remaining--;
  }
  return new Date(from.getTime() + (day - epochDay(from)) * DAY_MS);
};
