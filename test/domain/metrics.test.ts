import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { quantile, distribution } from '../../src/domain/metrics/aggregate';
import type { IssueHistory } from '../../src/domain/metrics/issue-metrics';
import { workflowReport } from '../../src/domain/metrics/workflow-metrics';
import { isoWeekStart } from '../../src/domain/metrics/workflow-summary';

const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T00:00:00.000Z'); // a Monday
const at = (days: number) => T0 + days * DAY;

/** An issue created at day 0 that walks through `[day, from, to]` moves. */
const issue = (key: string, moves: [number, string, string][], extra: Partial<IssueHistory> = {}): IssueHistory => ({
  id: key,
  key,
  createdAt: T0,
  dueDate: null,
  currentStatus: moves.at(-1)?.[2] ?? 'Intake',
  changes: moves.map(([day, fromStatus, toStatus]) => ({ at: at(day), fromStatus, toStatus })),
  ...extra,
});

const report = (histories: IssueHistory[], nowDays = 30, statusMap = DEFAULT_CONFIG.statusMap) =>
  workflowReport(histories, statusMap, at(nowDays));

describe('issue metrics', () => {
  it('sums stage time over every visit and counts a QA return as a revision', () => {
    const [m] = report([
      issue('MKT-1', [
        [1, 'Intake', 'Triage'],
        [2, 'Triage', 'Planning'],
        [4, 'Planning', 'Build'],
        [7, 'Build', 'QA + Governance'],
        [8, 'QA + Governance', 'Build'],
        [10, 'Build', 'QA + Governance'],
        [11, 'QA + Governance', 'Launch'],
        [12, 'Launch', 'Measure + Improve'],
        [20, 'Measure + Improve', 'Done'],
      ]),
    ]).issues;
    expect(m).toEqual({
      key: 'MKT-1',
      cycleTimeDays: 11,
      leadTimeDays: 20,
      stageDays: { intake: 1, triage: 1, planning: 2, build: 5, qa: 2, launch: 1, measure: 8, done: 10 },
      revisions: 1,
      qaReturns: 1,
      onTime: null,
    });
  });

  it('counts an issue that skipped launch as launched when it entered a later stage', () => {
    const [m] = report([issue('MKT-2', [[3, 'QA + Governance', 'Measure + Improve']])]).issues;
    expect(m?.cycleTimeDays).toBe(3);
    expect(m?.stageDays).toEqual({ qa: 3, measure: 27 });
  });

  it('counts reopening after done as a revision, and keeps the first launch and done', () => {
    const [m] = report([
      issue('MKT-3', [
        [5, 'Launch', 'Done'],
        [6, 'Done', 'Build'],
        [9, 'Build', 'Done'],
      ]),
    ]).issues;
    expect(m).toMatchObject({ cycleTimeDays: 0, leadTimeDays: 5, revisions: 1, qaReturns: 0 });
  });

  it('sees through a detour into waiting: the move back it makes along the track counts, the detour itself does not', () => {
    const [m] = report([
      issue('MKT-4', [
        [2, 'Triage', 'Waiting'],
        [10, 'Waiting', 'Intake'],
        [12, 'Intake', 'Declined'],
      ]),
    ]).issues;
    // Triage → (Waiting) → Intake is one move back; into Waiting, and into Declined, are none.
    expect(m).toMatchObject({
      revisions: 1,
      qaReturns: 0,
      cycleTimeDays: null,
      leadTimeDays: null,
      stageDays: { triage: 2, waiting: 8, intake: 2, declined: 18 },
    });
  });

  it('gives unmapped statuses no stage time, sees through them for revisions, and still enters the target', () => {
    const [m] = report([
      issue('MKT-5', [
        [1, 'Build', 'In Review'],
        [3, 'In Review', 'Planning'],
        [4, 'Planning', 'Launch'],
      ]),
    ]).issues;
    // Build → (In Review) → Planning is a move back along the track.
    expect(m).toMatchObject({ revisions: 1, cycleTimeDays: 4, stageDays: { build: 1, planning: 1, launch: 26 } });
  });

  it('counts QA → Waiting → Build, and QA → a status no stage maps → Build, as QA returns', () => {
    const { issues } = report([
      issue('MKT-6', [
        [1, 'QA + Governance', 'Waiting'],
        [2, 'Waiting', 'Build'],
      ]),
      issue('MKT-7', [
        [1, 'QA + Governance', 'Blocked'],
        [2, 'Blocked', 'Build'],
      ]),
      // Parked in QA and resumed in QA: no move back.
      issue('MKT-8', [
        [1, 'QA + Governance', 'Waiting'],
        [2, 'Waiting', 'QA + Governance'],
      ]),
    ]);
    expect(issues.map(({ revisions, qaReturns }) => [revisions, qaReturns])).toEqual([
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
  });

  it('uses the current status when the issue never changed', () => {
    const [m] = report([issue('MKT-6', [], { currentStatus: 'Triage' })], 2.5).issues;
    expect(m?.stageDays).toEqual({ triage: 2.5 });
    expect(m?.cycleTimeDays).toBeNull();
  });

  it('keeps a launch before 1970: an instant before the epoch is still an instant', () => {
    const day = (date: string) => Date.parse(`${date}T00:00:00.000Z`);
    const early: IssueHistory = {
      id: 'OLD-1',
      key: 'OLD-1',
      createdAt: day('1969-12-01'),
      dueDate: null,
      currentStatus: 'Done',
      changes: [
        { at: day('1969-12-31'), fromStatus: 'Intake', toStatus: 'Launch' },
        { at: day('1970-01-02'), fromStatus: 'Launch', toStatus: 'Done' },
      ],
    };
    const [m] = workflowReport([early], DEFAULT_CONFIG.statusMap, day('1970-01-10')).issues;
    expect(m).toMatchObject({ cycleTimeDays: 30, leadTimeDays: 32 });
  });

  it('judges on-time by the UTC calendar date of the first launch entry', () => {
    // 2026-06-10T23:30+1100 is 2026-06-10T12:30Z: on time for a 2026-06-10 due date.
    const launchedAt = Date.parse('2026-06-10T23:30:00.000+11:00');
    const onTime = {
      id: 'A',
      key: 'A',
      createdAt: T0,
      dueDate: '2026-06-10',
      currentStatus: 'Launch',
      changes: [{ at: launchedAt, fromStatus: 'QA + Governance', toStatus: 'Launch' }],
    };
    const late = {
      ...onTime,
      id: 'B',
      key: 'B',
      changes: [{ at: Date.parse('2026-06-11T00:30:00.000Z'), fromStatus: 'QA + Governance', toStatus: 'Launch' }],
    };
    expect(report([onTime, late]).issues.map((m) => m.onTime)).toEqual([true, false]);
  });
});

describe('workflow summary', () => {
  const histories = [
    issue(
      'A',
      [
        [2, 'Intake', 'Build'],
        [4, 'Build', 'Launch'],
      ],
      { dueDate: '2026-06-30' },
    ),
    issue(
      'B',
      [
        [1, 'Intake', 'Build'],
        [9, 'Build', 'QA + Governance'],
        [10, 'QA + Governance', 'Build'],
        [12, 'Build', 'Launch'],
      ],
      { dueDate: '2026-06-05' },
    ),
    issue('C', [[3, 'Intake', 'Build']]),
  ];

  it('aggregates launched issues, rates and the bottleneck', () => {
    const { summary } = report(histories, 20);
    expect(summary).toMatchObject({
      count: 3,
      launched: 2,
      cycleTimeDays: { mean: 8, median: 8, p85: 4 + 0.85 * 8 },
      revisionFrequency: 1 / 3,
      qaDefectRate: 0.5,
      onTimeRate: 0.5,
      bottleneck: 'build',
    });
    // build: A 2 days, B 8 + 2 = 10 days, C 17 days → median 10.
    expect(summary.medianStageDays.build).toBe(10);
    expect(summary.throughputPerWeek).toEqual([
      { week: '2026-06-01', launches: 1 },
      { week: '2026-06-08', launches: 1 },
    ]);
  });

  it('answers null where a figure does not exist', () => {
    const { summary } = report([issue('X', [])]);
    expect(summary).toMatchObject({
      launched: 0,
      cycleTimeDays: { mean: null, median: null, p85: null },
      qaDefectRate: null,
      onTimeRate: null,
      throughputPerWeek: [],
    });
  });
});

describe('aggregates', () => {
  it('interpolates percentiles as numpy does', () => {
    expect(quantile([1, 2, 3, 4], 0.85)).toBeCloseTo(3.55, 12);
    expect(quantile([10], 0.85)).toBe(10);
    expect(distribution([4, 1, 3, 2])).toEqual({ count: 4, mean: 2.5, median: 2.5, p85: quantile([1, 2, 3, 4], 0.85) });
  });

  it('starts ISO weeks on Monday, UTC', () => {
    expect(new Date(isoWeekStart(Date.parse('2026-06-07T23:59:00Z'))).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(new Date(isoWeekStart(Date.parse('2026-06-08T00:00:00Z'))).toISOString()).toBe('2026-06-08T00:00:00.000Z');
  });
});
