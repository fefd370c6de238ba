import { describe, expect, it } from 'vitest';
import { builderLoadFactors, MAX_LOAD_FACTOR } from '../../../src/domain/forecast/builder-load';
import { forecastMeasured, measureAt } from '../../../src/domain/forecast/launch-forecast';
import { at, dateAt, inBuild, launched, stageOf, walk } from './forecast-fixtures';

const person = (accountId: string, load: number) => ({ accountId, load, requests: 1 });

describe("a builder's load in the forecasts", () => {
  it('stretches the requests of a person over the usual load (the median of those holding work) by the ratio, at most 3×', () => {
    const owners = new Map([
      ['1', 'acc-blake'],
      ['2', 'acc-dana'],
      ['3', 'acc-sam'],
      ['4', 'acc-nobody-counted'],
    ]);
    // Usual: the median of 6, 4 and 2 is 4. Blake holds 1.5 times it; Dana the usual, Sam less: their pace is the history's.
    expect(builderLoadFactors(owners, [person('acc-blake', 6), person('acc-dana', 4), person('acc-sam', 2)])).toEqual(
      new Map([['1', 1.5]]),
    );
    // 20 against a usual 4 would be 5 times: held to the most.
    expect(builderLoadFactors(owners, [person('acc-blake', 20), person('acc-dana', 4), person('acc-sam', 4)]).get('1')).toBe(
      MAX_LOAD_FACTOR,
    );
    // An even count: the usual is the mean of the middle two (3 and 5), so 8 is 2 times it, to one decimal.
    expect(
      builderLoadFactors(owners, [person('acc-blake', 8), person('acc-dana', 5), person('acc-sam', 3), person('acc-x', 1)]).get('1'),
    ).toBe(2);
  });

  it('names nobody when fewer than two people hold work: there is no usual load to compare with', () => {
    const owners = new Map([['1', 'acc-blake']]);
    expect(builderLoadFactors(owners, [person('acc-blake', 30)])).toEqual(new Map());
    expect(builderLoadFactors(owners, [person('acc-blake', 30), person('acc-dana', 0)])).toEqual(new Map());
  });

  it("stretches what is left of a request's work by its factor, hand-checked on a single past launch", () => {
    // The one launch spent 4 days in Build and 5 in QA. The request has been in Build 1.5 days (day 101.5): at the
    // history's pace 2.5 + 5 = 7.5 days are left (day 109); at twice the usual load 15 (day 116.5).
    // In Triage since day 100: Triage is no one's build work, so a factor named for it changes nothing.
    const inTriage = walk('triage', 99, [['intake', 1]], 'triage');
    const requests = measureAt(
      [launched('1', 0, 4, 5), inBuild('loaded', { dueDay: 110 }), inBuild('usual', { dueDay: 110 }), inTriage],
      stageOf,
      at(101.5),
    );
    const options = { now: at(101.5), seed: 7, minimumBasis: 1 };
    const plain = forecastMeasured(requests, options).forecasts;
    const { forecasts } = forecastMeasured(requests, {
      ...options,
      loadFactors: new Map([
        ['loaded', 2],
        ['triage', 3],
      ]),
    });
    expect(forecasts.get('usual')).toEqual({ launchP50: dateAt(109), launchP85: dateAt(109), onTimeProbability: 1, basis: 1 });
    expect(forecasts.get('loaded')).toEqual({ launchP50: dateAt(116), launchP85: dateAt(116), onTimeProbability: 0, basis: 1 });
    expect(forecasts.get('triage')).toEqual(plain.get('triage'));
  });
});
