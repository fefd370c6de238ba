import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, daysFromCivil } from '../../src/domain/durations';

describe('daysFromCivil', () => {
  it('counts the days Date.UTC counts, on every day from 1900 to 2100 and on any date from the year 100 to 9999', () => {
    for (let day = Date.UTC(1900, 0, 1) / DAY_MS; day <= Date.UTC(2100, 11, 31) / DAY_MS; day++) {
      const date = new Date(day * DAY_MS);
      expect(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(day);
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          // A day past its month's end rolls into the next month, as Date.UTC rolls it.
          expect(daysFromCivil(year, month, day)).toBe(Date.UTC(year, month - 1, day) / DAY_MS);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
