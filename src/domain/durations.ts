/** Milliseconds in an hour and in a day: the app counts elapsed time in UTC milliseconds, so a day is always 24 hours. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (`month` 1–12), as `Date.UTC(year, month - 1, day)
 * / DAY_MS` gives them for a year from 100 on, by arithmetic alone (Howard Hinnant's `days_from_civil`): a metrics
 * reading takes one per status change, and the call into Date.UTC cost more than the rest of reading an instant.
 * @example daysFromCivil(1970, 1, 1) // 0
 */
export const daysFromCivil = (year: number, month: number, day: number): number => {
  // The year counted from March, so that a leap day ends it.
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
};
