import { describe, expect, it } from 'vitest';
import { periodDates, periodRange } from '../../src/domain/metrics/periods';

const at = (instant: string): number => Date.parse(instant);

describe('a report period', () => {
  const now = at('2026-11-30T12:00:00.000Z');

  it('is the last N days, today among them, from midnight UTC, against the N whole days before', () => {
    expect(periodRange({ kind: 'days', days: 30 }, now)).toEqual({
      start: at('2026-11-01T00:00:00.000Z'),
      end: now,
      previousStart: at('2026-10-02T00:00:00.000Z'),
      previousEnd: at('2026-11-01T00:00:00.000Z'),
      quarter: null,
    });
  });

  it('puts every launch in the period its launch date is in, as Outcomes dates it', () => {
    // Launched 1 July at 15:00 UTC, read 31 July at noon: 1 July is not among the last 30 dates (2 to 31 July).
    const july = periodRange({ kind: 'days', days: 30 }, at('2026-07-31T12:00:00.000Z'));
    const launch = at('2026-07-01T15:00:00.000Z');
    expect(launch >= july.start).toBe(false);
    expect(launch >= july.previousStart && launch < july.previousEnd).toBe(true);
    expect(periodDates({ kind: 'days', days: 30 }, '2026-07-31')).toMatchObject({ start: '2026-07-02', previousEnd: '2026-07-01' });
  });

  it('is this quarter so far, against as many days from the start of last quarter, today counted whole', () => {
    expect(periodRange({ kind: 'this-quarter' }, now)).toEqual({
      start: at('2026-10-01T00:00:00.000Z'),
      end: now,
      previousStart: at('2026-07-01T00:00:00.000Z'),
      // 1 October to 30 November is 61 dates: 1 July to 30 August.
      previousEnd: at('2026-08-31T00:00:00.000Z'),
      quarter: '2026-Q4',
    });
  });

  it('stops the comparison at the end of last quarter when this quarter is the longer', () => {
    // Q3 has 92 days and Q2 91: late on 30 September, as many days from 1 April would reach 1 July.
    expect(periodRange({ kind: 'this-quarter' }, at('2026-09-30T23:00:00.000Z'))).toMatchObject({
      previousStart: at('2026-04-01T00:00:00.000Z'),
      previousEnd: at('2026-07-01T00:00:00.000Z'),
    });
  });

  it('is last quarter whole, against the whole quarter before, across a year', () => {
    expect(periodRange({ kind: 'last-quarter' }, now)).toEqual({
      start: at('2026-07-01T00:00:00.000Z'),
      end: at('2026-10-01T00:00:00.000Z'),
      previousStart: at('2026-04-01T00:00:00.000Z'),
      previousEnd: at('2026-07-01T00:00:00.000Z'),
      quarter: '2026-Q3',
    });
    expect(periodRange({ kind: 'last-quarter' }, at('2027-02-10T08:00:00.000Z'))).toMatchObject({
      start: at('2026-10-01T00:00:00.000Z'),
      end: at('2027-01-01T00:00:00.000Z'),
      previousStart: at('2026-07-01T00:00:00.000Z'),
      quarter: '2026-Q4',
    });
  });
});
