import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeJiraInstant, parseJiraInstant } from '../../src/contracts/jira-time';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

describe('parseJiraInstant', () => {
  it('reads every instant exactly as Date.parse does, in the form Jira writes and out of range', () => {
    // The digit-by-digit reading of Jira's own form must never disagree with the runtime's parser it stands in for.
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 0, max: 9999 }),
          month: fc.integer({ min: 0, max: 13 }),
          day: fc.integer({ min: 0, max: 32 }),
          hour: fc.integer({ min: 0, max: 25 }),
          minute: fc.integer({ min: 0, max: 60 }),
          second: fc.integer({ min: 0, max: 60 }),
          ms: fc.integer({ min: 0, max: 999 }),
          offset: fc.oneof(
            fc.constant('Z'),
            fc
              .tuple(fc.constantFrom('+', '-', '*'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 60 }))
              .map(([sign, hours, minutes]) => `${sign}${pad(hours, 2)}${pad(minutes, 2)}`),
          ),
        }),
        ({ year, month, day, hour, minute, second, ms, offset }) => {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(ms, 3)}${offset}`;
          expect(parseJiraInstant(text)).toBe(Date.parse(normalizeJiraInstant(text)));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('reads the 29th to the 31st as Date.parse does, in every month of leap and common years', () => {
    // The digit-by-digit reading takes a day up to its month's last (the leap day only in a leap year); any other day it
    // leaves to Date.parse. 1900 is not a leap year, 2000 is.
    for (const year of [1900, 2000, 2024, 2025])
      for (let month = 1; month <= 12; month++)
        for (let day = 27; day <= 32; day++) {
          const text = `${year}-${pad(month, 2)}-${pad(day, 2)}T23:59:59.999+0130`;
          expect(parseJiraInstant(text)).toBe(Date.parse(normalizeJiraInstant(text)));
        }
  });

  it('leaves other forms to Date.parse, and answers NaN for what is no instant', () => {
    for (const text of [
      '2026-06-01T10:00:00+1100',
      '2026-06-01',
      '2026-06-01T10:00:00.000+11:00',
      '1',
      'yesterday',
      '',
      '2026-06-01T1O:00:00.000+0000',
      // Of Jira's lengths, with a character whose low byte is a digit's (U+0130 and 0x30, "0"): never read as the digit.
      '2026-06-01T10:00:00.000+00\u0130\u0130',
      '2026-06-01T10:00:00.00\u0130Z',
    ])
      expect(parseJiraInstant(text)).toBe(Date.parse(normalizeJiraInstant(text)));
    expect(parseJiraInstant('2026-06-01T10:00:00.000+1100')).toBe(Date.parse('2026-06-01T10:00:00.000+11:00'));
    expect(parseJiraInstant('yesterday')).toBeNaN();
  });
});
