import { describe, expect, it } from 'vitest';
import { backtestForecasts } from '../../../src/domain/forecast/backtest';
import { at, launched, stageOf, walk } from './forecast-fixtures';

describe('backtestForecasts', () => {
  it('scores forecasts made at a past date from what was known then against what happened', () => {
    // Known at day 25.25: one launch (A: 1+1+1 days, Build 4, QA 5, launched day 12, due day 10: late),
    // so every forecast is certain: launch 4 + 5 days after entering Build.
    const a = launched('A', 0, 4, 5, { dueDay: 10 });
    // B entered Build at day 23.5: forecast day 32.5; launched day 32.5, due day 33: on time, as forecast.
    const b = launched('B', 20.5, 4, 5, { dueDay: 33 });
    // C entered Build at day 22.5: forecast day 31.5, due day 30 (0% on time); still in Build at day 60: missed both dates.
    const c = walk(
      'C',
      19.5,
      [
        ['intake', 1],
        ['triage', 1],
        ['planning', 1],
      ],
      'build',
      { dueDay: 30 },
    );
    // D was in Intake, then declined: it did not go ahead, so it is not scored.
    const d = walk(
      'D',
      24,
      [
        ['intake', 2],
        ['triage', 3],
      ],
      'declined',
      { dueDay: 40 },
    );
    // E was created after the forecast date: no forecast.
    const e = launched('E', 26, 1, 1);
    const calibration = backtestForecasts([a, b, c, d, e], stageOf, { now: at(60), seed: 3, minimumBasis: 1, forecastDates: [at(25.25)] });
    expect(calibration).toEqual({
      dates: 1,
      forecasts: 3,
      p50: { scored: 2, landed: 1, share: 0.5 },
      p85: { scored: 2, landed: 1, share: 0.5 },
      onTimeScored: 2,
      // The forecasts were right (1 for B, 0 for C); the base rate (A: 0% on time) was wrong for B.
      brier: 0,
      baseRateBrier: 0.5,
    });
  });

  it('leaves out a date not reached yet for a request still open', () => {
    const a = launched('A', 0, 4, 5);
    const c = walk(
      'C',
      19.5,
      [
        ['intake', 1],
        ['triage', 1],
        ['planning', 1],
      ],
      'build',
      { dueDay: 40 },
    );
    const calibration = backtestForecasts([a, c], stageOf, { now: at(31), seed: 3, minimumBasis: 1, forecastDates: [at(25.25)] });
    expect(calibration).toMatchObject({ forecasts: 1, p85: { scored: 0, landed: 0, share: null }, onTimeScored: 0, brier: null });
  });
});
