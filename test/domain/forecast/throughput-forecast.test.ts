import { describe, expect, it } from 'vitest';
import { throughputForecast } from '../../../src/domain/forecast/throughput-forecast';
import { at } from './forecast-fixtures';

/** Launches on the Wednesday of each of the twelve weeks before day 84 (a Monday), `counts[i]` in week i. */
const weekly = (counts: readonly number[]): number[] =>
  counts.flatMap((count, week) => Array.from({ length: count }, () => at(week * 7 + 2)));

describe('throughputForecast', () => {
  it('adds four weeks drawn from the last twelve complete ones', () => {
    expect(throughputForecast(weekly(Array(12).fill(3)), { now: at(84.5), seed: 1, since: at(0) })).toEqual({
      p50: 12,
      p85: 12,
      weeks: 12,
    });
  });

  it('gives the median total, and the total reached in at least 85% of the simulations', () => {
    // Weeks of 0 and 4 launches, half each: four weeks make 0, 4, 8, 12 or 16 with chances 1, 4, 6, 4, 1 in 16.
    // Median 8 (5/16 below it); at least 4 in 15/16 of the simulations, at least 8 in only 11/16.
    const forecast = throughputForecast(weekly([0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4]), { now: at(84.5), seed: 1, since: at(0) });
    expect(forecast).toEqual({ p50: 8, p85: 4, weeks: 12 });
  });

  it('leaves out launches of the week under way and weeks before the history starts', () => {
    // History from day 63 (week 9): weeks 9, 10 and 11 had 2 launches each; the 9 this week do not count.
    const launches = [...weekly(Array(12).fill(2)), ...Array.from({ length: 9 }, () => at(84.2))];
    expect(throughputForecast(launches, { now: at(84.5), seed: 1, since: at(64) })).toEqual({ p50: 8, p85: 8, weeks: 3 });
  });

  it('makes no forecast without a complete week of history', () => {
    expect(throughputForecast([at(80)], { now: at(84.5), seed: 1, since: at(84) })).toBeNull();
  });
});
