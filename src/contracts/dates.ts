import { z } from 'zod';
import { EARLIEST_GIVEN_YEAR, LATEST_GIVEN_YEAR, parseGivenDate } from '../domain/business-days';

/**
 * Dates people type are accepted only when they are real and in a sane range: `Date.parse` alone takes `"1"` (2001) and
 * `+275760-09-12T23:30:00.000Z` (the last instant a Date can hold, where adding an hour throws "Invalid time value").
 */
const EARLIEST_YEAR = EARLIEST_GIVEN_YEAR;
const LATEST_YEAR = LATEST_GIVEN_YEAR;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The calendar date's parts name a day that exists (no 31 February) and the hour and minute a time that exists. */
const realParts = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
};

const inRange = (year: number) => year >= EARLIEST_YEAR && year <= LATEST_YEAR;

export const isRealInstant = (text: string): boolean => {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = Array.from(match.slice(1, 7), (part: string | undefined) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return inRange(year) && realParts(year, month, day, hour, minute, second) && Number.isFinite(Date.parse(text));
};

export const isRealDate = (text: string): boolean => parseGivenDate(text) !== null;

/** A date and time a person entered, e.g. `2026-06-10T09:00:00.000Z`; the error names the field in words. */
export const realInstant = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .refine(
      isRealInstant,
      `${field} must be a real date and time between ${EARLIEST_YEAR} and ${LATEST_YEAR}, such as 2026-06-10T09:00:00Z`,
    );

/** A calendar date a person entered, as YYYY-MM-DD; the error names the field in words. */
export const realDate = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .refine(isRealDate, `${field} must be a real date between ${EARLIEST_YEAR} and ${LATEST_YEAR}, as YYYY-MM-DD`);
