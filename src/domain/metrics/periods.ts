import { quarterOf, quarterRange, previousQuarter, type Quarter } from '../quarterly-audit';
import { toCalendarDate } from '../business-days';
import { addDays, daysBetween, type CalendarDate } from '../outcomes/snapshots';
import { DAY_MS } from '../durations';

/**
 * The period a leadership gadget reports on: the last N days, this quarter so far, or the last whole
 * quarter. Leaders plan and report by quarter, so a quarter is a period of its own, not "last 90 days".
 */
export type ReportPeriod =
  { readonly kind: 'days'; readonly days: number } | { readonly kind: 'this-quarter' } | { readonly kind: 'last-quarter' };

/** A period's instants: [start, end) and the one it is compared with, [previousStart, previousEnd). */
interface PeriodRange {
  readonly start: number;
  readonly end: number;
  readonly previousStart: number;
  readonly previousEnd: number;
  /** The quarter the period is, when it is one ("2026-Q3"). */
  readonly quarter: Quarter | null;
}

/**
 * The instants of a period at `now`, in UTC as the quarterly audit's quarters are. This quarter so far
 * is compared with the same number of days at the start of last quarter, so its counts compare like
 * with like; a whole quarter with the whole quarter before it.
 */
export const periodRange = (period: ReportPeriod, now: number): PeriodRange => {
  switch (period.kind) {
    case 'days': {
      const length = period.days * DAY_MS;
      return { start: now - length, end: now, previousStart: now - 2 * length, previousEnd: now - length, quarter: null };
    }
    case 'this-quarter': {
      const quarter = quarterOf(new Date(now));
      const { start } = quarterRange(quarter);
      const previous = quarterRange(previousQuarter(quarter));
      // A quarter longer than the one before (92 days against 91) must not reach into this quarter late in it.
      return {
        start,
        end: now,
        previousStart: previous.start,
        previousEnd: Math.min(previous.start + (now - start), previous.end),
        quarter,
      };
    }
    case 'last-quarter': {
      const quarter = previousQuarter(quarterOf(new Date(now)));
      const { start, end } = quarterRange(quarter);
      return { start, end, previousStart: quarterRange(previousQuarter(quarter)).start, previousEnd: start, quarter };
    }
  }
};

/** How a gadget's configuration names its period: the last `periodDays`, this quarter so far, or last quarter. */
export const PERIOD_CHOICES = ['days', 'quarter', 'last-quarter'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

/** The period a configuration names. */
export const reportPeriod = (choice: PeriodChoice, periodDays: number): ReportPeriod =>
  choice === 'quarter'
    ? { kind: 'this-quarter' }
    : choice === 'last-quarter'
      ? { kind: 'last-quarter' }
      : { kind: 'days', days: periodDays };

/** A period as calendar dates (UTC), both ends included, and the period it is compared with. */
interface PeriodDates {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly previousStart: CalendarDate;
  readonly previousEnd: CalendarDate;
  /** The quarter the period is or is in, when it is one ("2026-Q3"). */
  readonly quarter: Quarter | null;
}

const dateOf = (instant: number): CalendarDate => toCalendarDate(new Date(instant));

/**
 * The dates of a period on `today`, for what is dated by day (a request's launch date), by the same rules as
 * `periodRange`: the last N days are N dates ending today, against the N before; this quarter so far is compared
 * with as many days from the start of last quarter (never past its end); a whole quarter with the one before.
 */
export const periodDates = (period: ReportPeriod, today: CalendarDate): PeriodDates => {
  switch (period.kind) {
    case 'days': {
      const start = addDays(today, 1 - period.days);
      return { start, end: today, previousStart: addDays(start, -period.days), previousEnd: addDays(start, -1), quarter: null };
    }
    case 'this-quarter': {
      const quarter = quarterOf(new Date(Date.parse(today)));
      const start = dateOf(quarterRange(quarter).start);
      const previous = quarterRange(previousQuarter(quarter));
      const previousStart = dateOf(previous.start);
      const sameDays = addDays(previousStart, daysBetween(start, today));
      const previousLast = dateOf(previous.end - DAY_MS);
      return { start, end: today, previousStart, previousEnd: sameDays < previousLast ? sameDays : previousLast, quarter };
    }
    case 'last-quarter': {
      const quarter = previousQuarter(quarterOf(new Date(Date.parse(today))));
      const { start, end } = quarterRange(quarter);
      const before = quarterRange(previousQuarter(quarter));
      return {
        start: dateOf(start),
        end: dateOf(end - DAY_MS),
        previousStart: dateOf(before.start),
        previousEnd: dateOf(before.end - DAY_MS),
        quarter,
      };
    }
  }
};
