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
 * The instants of a period at `now`: its dates (`periodDates`, UTC), each from its midnight, so that Workflow health,
 * which counts instants, and Outcomes, which counts launch dates, put every launch in the same period. An open period
 * (the last N days, this quarter so far) ends now; the period it is compared with ends at its last date's end.
 */
export const periodRange = (period: ReportPeriod, now: number): PeriodRange => {
  const dates = periodDates(period, dateOf(now));
  const midnight = (date: CalendarDate): number => Date.parse(date);
  return {
    start: midnight(dates.start),
    end: period.kind === 'last-quarter' ? midnight(addDays(dates.end, 1)) : now,
    previousStart: midnight(dates.previousStart),
    previousEnd: midnight(addDays(dates.previousEnd, 1)),
    quarter: dates.quarter,
  };
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
 * The dates of a period on `today`, UTC, both ends included: the last N days are N dates ending today, against the N
 * before; this quarter so far is compared with as many days from the start of last quarter (never past its end); a
 * whole quarter with the one before. What `periodRange` is made from.
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
