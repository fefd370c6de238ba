import { describe, expect, it } from 'vitest';
import { forecastReport } from '../../../src/domain/forecast/forecast-report';
import { historiesAsOf, historyAsOf } from '../../../src/domain/metrics/history-as-of';
import {
  forecastMeasured,
  measureAt,
  MIN_FORECAST_BASIS,
  MIN_TIER_BASIS,
  RESIDUAL_SAMPLE,
  type SimulationOptions,
} from '../../../src/domain/forecast/launch-forecast';
import type { IssueHistory } from '../../../src/domain/metrics/issue-metrics';
import { STAGES } from '../../../src/domain/stages';
import { at, dateAt, DAY, inBuild, launched, stageOf, walk } from './forecast-fixtures';

/** Hand-checked on one or a few past launches: forecasts from fewer than the app's minimum, to check the arithmetic. */
const forecastsAt = (histories: IssueHistory[], nowDay: number, options: Partial<SimulationOptions> = {}) =>
  forecastMeasured(measureAt(histories, stageOf, at(nowDay)), { now: at(nowDay), seed: 7, minimumBasis: 1, ...options });

describe('launch forecasts', () => {
  it(`makes none from fewer than ${MIN_FORECAST_BASIS} past launches, which would claim a certainty the data lacks`, () => {
    const past = (count: number) => Array.from({ length: count }, (_, n) => launched(`P${String(n)}`, 10 + n, 2, 3));
    const open = inBuild('open', { dueDay: 106 });
    const few = forecastMeasured(measureAt([...past(MIN_FORECAST_BASIS - 1), open], stageOf, at(101)), { now: at(101), seed: 7 });
    expect(few.forecasts.get('open')).toBeNull();
    const enough = forecastMeasured(measureAt([...past(MIN_FORECAST_BASIS), open], stageOf, at(101)), { now: at(101), seed: 7 });
    expect(enough.forecasts.get('open')).toMatchObject({ basis: MIN_FORECAST_BASIS });
    expect(forecastReport([...past(MIN_FORECAST_BASIS - 1), open], stageOf, { now: at(101), seed: 7 }).throughputNext4Weeks).toBeNull();
    expect(forecastReport([...past(MIN_FORECAST_BASIS), open], stageOf, { now: at(101), seed: 7 }).throughputNext4Weeks).not.toBeNull();
  });

  it('rests on a single past launch: the rest of its stage beyond the age reached, then its later stages', () => {
    // The one launch spent 4 days in Build and 5 in QA. The request has been in Build 1.5 days (day 101.5):
    // 2.5 more days of Build and 5 of QA put its launch at day 109, noon.
    const { basis, forecasts } = forecastsAt([launched('1', 0, 4, 5), inBuild('2', { dueDay: 109 }), inBuild('3', { dueDay: 108 })], 101.5);
    expect(basis).toBe(1);
    expect(forecasts.get('2')).toEqual({ launchP50: dateAt(109), launchP85: dateAt(109), onTimeProbability: 1, basis: 1 });
    expect(forecasts.get('3')?.onTimeProbability).toBe(0);
  });

  it('counts a past launch only up to its first launch: sent back from Launch to Build after it is not time it needed', () => {
    // Launched on day 12 after 4 days of Build and 5 of QA, then sent back to Build for 40 days and launched again.
    const reworked = walk(
      '1',
      0,
      [
        ['intake', 1],
        ['triage', 1],
        ['planning', 1],
        ['build', 4],
        ['qa', 5],
        ['launch', 1],
        ['build', 40],
      ],
      'launch',
    );
    // As with the launch that never went back: 2.5 more days of Build and 5 of QA, day 109; not 42.5 more days of Build.
    const { basis, forecasts } = forecastsAt([reworked, inBuild('2', { dueDay: 109 })], 101.5);
    expect(basis).toBe(1);
    expect(forecasts.get('2')).toEqual({ launchP50: dateAt(109), launchP85: dateAt(109), onTimeProbability: 1, basis: 1 });
    // Its rework still counts where it was spent: 44 days in Build, for the workflow's stage times.
    expect(measureAt([reworked], stageOf, at(101.5))[0]?.metrics.stageMs[STAGES.indexOf('build')]).toBe(44 * DAY);
  });

  it('measures a request whose changes Jira dates before its creation, launch and return alike, without failing', () => {
    // Launched 5 days before it was created, then sent back to Build: measured again as it stood at its creation (as of
    // the launch there was no request, and the forecast failed for every request).
    const early: IssueHistory = {
      id: '1',
      key: 'MKT-1',
      createdAt: at(10),
      dueDate: null,
      currentStatus: 'Build',
      changes: [
        { at: at(5), fromStatus: 'Intake', toStatus: 'Launch' },
        { at: at(6), fromStatus: 'Launch', toStatus: 'Build' },
      ],
    };
    const [measured] = measureAt([early], stageOf, at(20));
    expect(measured?.metrics).toMatchObject({ launchedAt: at(5) });
    expect(measured?.toLaunchMs).toHaveLength(STAGES.length);
  });

  it('forecasts a request older than the one past launch in its stage with that stage all over again', () => {
    // 6 days in Build, longer than the launch's 4: another 4 of Build and 5 of QA from day 106.
    const { forecasts } = forecastsAt([launched('1', 0, 4, 5), inBuild('2')], 106);
    expect(forecasts.get('2')).toMatchObject({ launchP50: dateAt(115), launchP85: dateAt(115), onTimeProbability: null });
  });

  it('adds nothing for a stage no past launch went through: the request goes on from the next stage', () => {
    // Parked since day 99; no launch was ever parked. Planning 1 + Build 4 + QA 5 from day 104.
    const parked = walk(
      '2',
      97,
      [
        ['intake', 1],
        ['triage', 1],
      ],
      'waiting',
    );
    const { forecasts } = forecastsAt([launched('1', 0, 4, 5), parked], 104);
    expect(forecasts.get('2')).toMatchObject({ launchP50: dateAt(114), launchP85: dateAt(114) });
  });

  it('draws the rest of the stage from the launches that stayed longer than the request has', () => {
    // 30 launches: 10 spent 2 days in Build, 12 spent 6 and 8 spent 12; QA took 1 day each.
    // At 3 days in Build, 20 stayed longer: 3 or 9 more days of Build (12 to 8), then QA.
    const past = [2, 6, 12].flatMap((build, group) =>
      Array.from({ length: [10, 12, 8][group] as number }, (_, i) => launched(`${build}-${i}`, i, build, 1)),
    );
    expect(past.filter((history) => history.id.startsWith('6-') || history.id.startsWith('12-'))).toHaveLength(RESIDUAL_SAMPLE);
    const { forecasts } = forecastsAt([...past, inBuild('open', { dueDay: 107 })], 103);
    const forecast = forecasts.get('open');
    expect(forecast).toMatchObject({ launchP50: dateAt(107), launchP85: dateAt(113), basis: 30 });
    expect(forecast?.onTimeProbability).toBeCloseTo(0.6, 1);
  });

  it('past the longest stays, draws among the RESIDUAL_SAMPLE longest, as if the request had just reached the next-longest', () => {
    // At 20 days in Build, none stayed as long. The 20 longest (6 and 12 days) beyond the 21st (2 days): 4 or 10 days, then QA.
    const past = [2, 6, 12].flatMap((build, group) =>
      Array.from({ length: [10, 12, 8][group] as number }, (_, i) => launched(`${build}-${i}`, i, build, 1)),
    );
    const { forecasts } = forecastsAt([...past, inBuild('open')], 120);
    expect(forecasts.get('open')).toMatchObject({ launchP50: dateAt(125), launchP85: dateAt(131) });
  });

  it("rests on the request's own tier when it has enough launches, on every tier's otherwise", () => {
    const revenue = Array.from({ length: MIN_TIER_BASIS }, (_, i) => launched(`r${i}`, i, 2, 1, { tier: 'revenue' }));
    const regulated = Array.from({ length: 6 }, (_, i) => launched(`g${i}`, i, 20, 10, { tier: 'regulated' }));
    const { basis, forecasts } = forecastsAt(
      [...revenue, ...regulated, inBuild('rev', { tier: 'revenue' }), inBuild('reg', { tier: 'regulated' }), inBuild('none')],
      100.5,
    );
    expect(basis).toBe(MIN_TIER_BASIS + 6);
    // Revenue launches only: 1.5 more days of Build and a day of QA.
    expect(forecasts.get('rev')).toMatchObject({ basis: MIN_TIER_BASIS, launchP85: dateAt(103) });
    expect(forecasts.get('reg')).toMatchObject({ basis: MIN_TIER_BASIS + 6 });
    // One draw in six is a slow regulated launch (29.5 more days): beyond the median, within the 85th percentile.
    expect(forecasts.get('none')).toMatchObject({ basis: MIN_TIER_BASIS + 6, launchP50: dateAt(103), launchP85: dateAt(130) });
  });

  it('forecasts open requests only, and none for a status no stage claims', () => {
    const declined = walk(
      'declined',
      90,
      [
        ['intake', 1],
        ['triage', 1],
      ],
      'declined',
    );
    const unknown: IssueHistory = {
      ...inBuild('unknown'),
      currentStatus: 'On the shelf',
      changes: [...inBuild('unknown').changes, { at: at(101), fromStatus: 'Build', toStatus: 'On the shelf' }],
    };
    const { forecasts } = forecastsAt([launched('1', 0, 4, 5), declined, unknown, inBuild('open')], 102);
    expect([...forecasts.keys()]).toEqual(['unknown', 'open']);
    expect(forecasts.get('unknown')).toBeNull();
  });

  it('makes no forecast before anything has launched', () => {
    expect(forecastsAt([inBuild('open')], 102).forecasts.get('open')).toBeNull();
  });

  it('is the same whatever order the past launches come in, when the longest stays are tied', () => {
    // 30 launches spent 2 days in Build (then 1, 2 or 3 days of QA), 10 spent 5 and 5 spent 1. At 4 days in Build only
    // the 10 stayed longer, fewer than RESIDUAL_SAMPLE: the draw takes in every launch tied with the 20th-longest stay,
    // not those that happen to come last (a parked request's Waiting time is 0 for most launches: it decides its forecast).
    const tied = Array.from({ length: 30 }, (_, i) => launched(`t${i}`, i, 2, i < 16 ? 1 : i < 24 ? 2 : 3));
    const long = Array.from({ length: 10 }, (_, i) => launched(`l${i}`, i, 5, 1));
    const short = Array.from({ length: 5 }, (_, i) => launched(`s${i}`, i, 1, 1));
    const open = inBuild('open', { dueDay: 107 });
    const orders = [
      [...short, ...tied, ...long],
      [...long, ...[...tied].reverse(), ...short],
      [...tied.filter((_, i) => i % 2 === 0), ...long, ...short, ...tied.filter((_, i) => i % 2 === 1)],
    ];
    const forecasts = orders.map((past) => forecastsAt([...past, open], 104).forecasts.get('open'));
    expect(forecasts[1]).toEqual(forecasts[0]);
    expect(forecasts[2]).toEqual(forecasts[0]);
    // Among those 40, beyond the next-longest stay (1 day): a tied one needs 1 more day of Build and its QA (launching
    // on day 106 for 16 of them, 107 for 8, 108 for 6), a long one 4 more and a day of QA (day 109).
    expect(forecasts[0]).toMatchObject({ launchP50: dateAt(107), launchP85: dateAt(109) });
    expect(forecasts[0]?.onTimeProbability).toBeCloseTo(0.6, 1);
  });

  it('is the same for the same seed and input, whatever else is forecast with it', () => {
    const past = Array.from({ length: 40 }, (_, i) => launched(`p${i}`, i, 1 + (i % 9), 1 + ((i * 7) % 5)));
    const alone = forecastsAt([...past, inBuild('open', { dueDay: 106 })], 101);
    const again = forecastsAt([...past, inBuild('other', { dueDay: 104 }), inBuild('open', { dueDay: 106 })], 101);
    expect(again.forecasts.get('open')).toEqual(alone.forecasts.get('open'));
    const otherSeed = forecastsAt([...past, inBuild('open', { dueDay: 106 })], 101, { seed: 8 });
    expect(otherSeed.forecasts.get('open')?.onTimeProbability).not.toBe(alone.forecasts.get('open')?.onTimeProbability);
  });
});

describe('launch forecasts of blocked requests', () => {
  // One past launch: a day each in Intake, Triage and Planning, 4 in Build, 5 in QA (12 from filing to launch).
  const past = launched('1', 0, 4, 5);
  /** Filed on day 101 and still in Intake: at day 101.5 it needs half a day more of Intake and 11 after, launching on day 113. */
  const newlyFiled = (id: string, blockedBy: readonly string[] = []) => ({ ...walk(id, 101, [], 'intake'), blockedBy });
  const blockedInBuild = (id: string, blockedBy: readonly string[], extra: Parameters<typeof walk>[4] = {}) => ({
    ...inBuild(id, extra),
    blockedBy,
  });

  it('never forecasts a blocked request earlier than its blocker, and its chance by the date asked for falls with it', () => {
    // On its own the request in Build launches on day 109 (as above); its blocker launches on day 113.
    const { forecasts } = forecastsAt([past, newlyFiled('3'), blockedInBuild('2', ['3'], { dueDay: 110 })], 101.5);
    expect(forecasts.get('3')).toMatchObject({ launchP50: dateAt(113), launchP85: dateAt(113) });
    expect(forecasts.get('2')).toEqual({ launchP50: dateAt(113), launchP85: dateAt(113), onTimeProbability: 0, basis: 1 });
  });

  it('follows a chain of blockers, and is not held back by a blocker that launched or one it cannot see', () => {
    const { forecasts } = forecastsAt(
      [past, newlyFiled('3'), blockedInBuild('2', ['3']), blockedInBuild('4', ['2']), blockedInBuild('5', ['1', 'elsewhere'])],
      101.5,
    );
    expect(forecasts.get('4')).toMatchObject({ launchP50: dateAt(113), launchP85: dateAt(113) });
    expect(forecasts.get('5')).toMatchObject({ launchP50: dateAt(109), launchP85: dateAt(109) });
  });

  it("holds a request back by the Launch gate's rule: no date while a declined blocker is linked, none from one that is done", () => {
    const declined = walk(
      '6',
      98,
      [
        ['intake', 1],
        ['triage', 1],
      ],
      'declined',
    );
    const done = walk(
      '7',
      80,
      [
        ['intake', 1],
        ['triage', 1],
        ['planning', 1],
        ['build', 2],
        ['qa', 2],
        ['launch', 1],
        ['measure', 3],
      ],
      'done',
    );
    const inTriage = { ...walk('8', 99, [['intake', 1]], 'triage'), blockedBy: ['6'] };
    const { forecasts, ifAccepted } = forecastsAt(
      [past, declined, done, blockedInBuild('2', ['6']), blockedInBuild('4', ['2']), blockedInBuild('5', ['7']), inTriage],
      101.5,
    );
    // The gate refuses its launch until the declined blocker's link goes, so no date is given, nor to what waits on it.
    expect(forecasts.get('2')).toBeNull();
    expect(forecasts.get('4')).toBeNull();
    expect(ifAccepted.has('8')).toBe(false);
    // Done after launch: it holds nothing back, on its own dates (day 109).
    expect(forecasts.get('5')).toMatchObject({ launchP50: dateAt(109), launchP85: dateAt(109) });
  });

  it('still forecasts requests whose links form a loop (made outside the app), each no earlier than the other', () => {
    const { forecasts } = forecastsAt([past, newlyFiled('3', ['2']), blockedInBuild('2', ['3'])], 101.5);
    expect(forecasts.get('2')).toMatchObject({ launchP50: dateAt(113) });
    expect(forecasts.get('3')).toMatchObject({ launchP50: dateAt(113) });
  });
});

describe('the forecast of a request waiting for triage, if accepted now', () => {
  const past = launched('1', 0, 4, 5);
  /** Filed on day 99, in Triage since day 100. */
  const inTriage = (id: string, extra: Parameters<typeof walk>[4] = {}) => walk(id, 99, [['intake', 1]], 'triage', extra);

  it('starts it in Planning today: a day of Planning, 4 of Build and 5 of QA from day 101.5 is day 111', () => {
    const parked = walk(
      '4',
      98,
      [
        ['intake', 1],
        ['triage', 1],
      ],
      'waiting',
    );
    const { ifAccepted, forecasts } = forecastsAt([past, inTriage('2', { dueDay: 110 }), inBuild('3'), parked], 101.5);
    expect(ifAccepted.get('2')).toEqual({ launchP50: dateAt(111), launchP85: dateAt(111), onTimeProbability: 0, basis: 1 });
    expect(ifAccepted.get('4')).toMatchObject({ launchP85: dateAt(111) });
    // Only requests awaiting a decision; its forecast where it stands (in Triage) is another.
    expect(ifAccepted.has('3')).toBe(false);
    expect(forecasts.get('2')?.launchP85).toBe(dateAt(112));
  });

  it('is held back by its open blockers as it would be once accepted', () => {
    const blocker = walk('3', 101, [], 'intake');
    const { ifAccepted } = forecastsAt([past, blocker, { ...inTriage('2'), blockedBy: ['3'] }], 101.5);
    expect(ifAccepted.get('2')).toMatchObject({ launchP85: dateAt(113) });
  });
});

describe('historyAsOf', () => {
  const history = launched('1', 0, 4, 5, { dueDay: 20 });

  it('keeps the changes up to the instant, and the status then', () => {
    const cut = historyAsOf(history, at(3));
    expect(cut?.changes.map((change) => change.toStatus)).toEqual(['Triage', 'Planning', 'Build']);
    expect(cut?.currentStatus).toBe('Build');
    expect(historyAsOf(history, at(0.5))).toMatchObject({ currentStatus: 'Intake', changes: [] });
    expect(historyAsOf(history, at(30))).toBe(history);
  });

  it('has no history before the issue was created', () => {
    expect(historyAsOf(history, at(-1))).toBeNull();
  });

  it('leaves out, of many, the issues created after the instant, and cuts the others', () => {
    const later = launched('2', 10, 4, 5);
    const cut = historiesAsOf([history, later], at(3));
    expect(cut.map(({ id, currentStatus }) => [id, currentStatus])).toEqual([['1', 'Build']]);
    expect(historiesAsOf([history, later], at(30))).toEqual([history, later]);
  });
});
