import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJiraDate, normalizeJiraInstant, parseJiraInstant } from '../../src/contracts/jira-time';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The day exists, by Date.UTC's own calendar (which the reading does not use), in the years read from Jira. */
const isRealDay = (year: number, month: number, day: number): boolean => {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return year >= 1900 && year <= 2999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** Date.parse's reading of an ISO instant whose parts are real, in the years read from Jira; NaN for any other. */
const expectedOf = (text: string, real: boolean): number => (real ? Date.parse(normalizeJiraInstant(text)) : Number.NaN);

describe('parseJiraInstant', () => {
  it('reads every real instant between 1900 and 2999 as Date.parse does, in every ISO form with an offset, and no other', () => {
    // The digit-by-digit reading of Jira's own form must never disagree with the runtime's parser it stands in for; a
    // day or time that does not exist, which Date.parse may still take (30 February as 2 March), is no instant.
    fc.assert(
      fc.property(
        fc.record({
          year: fc.oneof(fc.integer({ min: 1890, max: 3010 }), fc.integer({ min: 0, max: 9999 })),
          month: fc.integer({ min: 0, max: 13 }),
          day: fc.integer({ min: 0, max: 32 }),
          hour: fc.integer({ min: 0, max: 25 }),
          minute: fc.integer({ min: 0, max: 60 }),
          second: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined, freq: 8 }),
          fraction: fc.constantFrom('.000', '.999', '.123', '', '.5', '.1234'),
          offset: fc.oneof(
            fc.constant({ text: 'Z', real: true }),
            fc
              .tuple(
                fc.constantFrom('+', '-', '*'),
                fc.integer({ min: 0, max: 25 }),
                fc.integer({ min: 0, max: 60 }),
                fc.constantFrom('', ':'),
              )
              .map(([sign, hours, minutes, colon]) => ({
                text: `${sign}${pad(hours, 2)}${colon}${pad(minutes, 2)}`,
                real: sign !== '*' && hours <= 23 && minutes <= 59,
              })),
          ),
        }),
        ({ year, month, day, hour, minute, second, fraction, offset }) => {
          const time =
            second === undefined ? `${pad(hour, 2)}:${pad(minute, 2)}` : `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}`;
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}${offset.text}`;
          const real = isRealDay(year, month, day) && hour <= 23 && minute <= 59 && (second ?? 0) <= 59 && offset.real;
          expect(parseJiraInstant(text)).toBe(expectedOf(text, real));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('reads the 29th to the 31st as Date.parse does when the month has them, in leap and common years, and no other', () => {
    // The digit-by-digit reading takes a day up to its month's last (the leap day only in a leap year), and so does the
    // reading of the other forms. 1900 is not a leap year, 2000 is.
    for (const year of [1900, 2000, 2024, 2025])
      for (let month = 1; month <= 12; month++)
        for (let day = 27; day <= 32; day++)
          for (const text of [
            `${year}-${pad(month, 2)}-${pad(day, 2)}T23:59:59.999+0130`,
            `${year}-${pad(month, 2)}-${pad(day, 2)}T23:59+01:30`,
          ])
            expect(parseJiraInstant(text)).toBe(expectedOf(text, isRealDay(year, month, day)));
  });

  it('answers NaN for an instant without an offset, in another form, or outside 1900–2999, whatever the time zone', () => {
    // Date.parse reads a date-time without an offset in the machine's time zone, and takes "1" as 2001 and "0" as 2000.
    for (const text of [
      '2025-01-02T00:00:00.000',
      '2025-01-02T00:00:00',
      '2026-06-01',
      '1',
      '0',
      'June 30, 2026',
      'yesterday',
      '',
      '2026-06-01T1O:00:00.000+0000',
      '2026-06-01t10:00:00.000z',
      '2026-06-01T24:00:00.000Z',
      '2026-02-30T10:00:00.000+0000',
      '+275760-09-13T00:00:00.000Z',
      '0100-01-01T00:00:00.000Z',
      '1899-12-31T23:59:59.999Z',
      '3000-01-01T00:00:00.000+0000',
      '9999-12-31T00:00:00.000Z',
      // Of Jira's lengths, with a character whose low byte is a digit's (U+0130 and 0x30, "0"): never read as the digit.
      '2026-06-01T10:00:00.000+00\u0130\u0130',
      '2026-06-01T10:00:00.00\u0130Z',
    ])
      expect(parseJiraInstant(text), text).toBeNaN();
    expect(parseJiraInstant('2026-06-01T10:00:00.000+1100')).toBe(Date.UTC(2026, 5, 1, -1));
    expect(parseJiraInstant('2026-06-01T10:00:00+11:00')).toBe(Date.UTC(2026, 5, 1, -1));
    expect(parseJiraInstant('2026-06-01T10:00-0530')).toBe(Date.UTC(2026, 5, 1, 15, 30));
    expect(parseJiraInstant('1900-01-01T00:00:00.000Z')).toBe(Date.UTC(1900, 0, 1));
    expect(parseJiraInstant('2999-12-31T23:59:59.999+0000')).toBe(Date.UTC(2999, 11, 31, 23, 59, 59, 999));
  });
});

describe('isJiraDate', () => {
  it('takes a real day between 1900 and 2999 as YYYY-MM-DD, and nothing else', () => {
    for (const date of ['2026-06-30', '2024-02-29', '2000-02-29', '1900-01-01', '2999-12-31']) expect(isJiraDate(date), date).toBe(true);
    for (const date of [
      '2025-99-99',
      '2025-02-30',
      '1900-02-29',
      '2025-02-29',
      '2026-06-31',
      '2026-00-10',
      '2026-06-00',
      '1899-12-31',
      '3000-01-01',
      '2026-6-5',
      '2026-06-30T00:00',
      '2026-06-3O',
      '',
    ])
      expect(isJiraDate(date), date).toBe(false);
  });
});
