import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { healthReport, projectOf } from '../../src/domain/metrics/health-report';
import type { IssueHistory } from '../../src/domain/metrics/issue-metrics';
import type { Tier } from '../../src/domain/tiers';

const at = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);
const NOW = at('2026-06-30');

/** An issue walking through the given statuses on the given days. */
const issue = (key: string, tier: Tier, dueDate: string | null, created: string, moves: [string, string, string][]): IssueHistory => ({
  id: key,
  key,
  tier,
  createdAt: at(created),
  dueDate,
  currentStatus: moves.at(-1)?.[2] ?? 'Intake',
  changes: moves.map(([day, fromStatus, toStatus]) => ({ at: at(day), fromStatus, toStatus })),
});

const HISTORIES: IssueHistory[] = [
  // Launched 2026-06-15 after a QA return, a day after its due date: 14 days of cycle time.
  issue('MKT-1', 'revenue', '2026-06-14', '2026-06-01', [
    ['2026-06-02', 'Intake', 'Triage'],
    ['2026-06-03', 'Triage', 'Planning'],
    ['2026-06-05', 'Planning', 'Build'],
    ['2026-06-10', 'Build', 'QA + Governance'],
    ['2026-06-11', 'QA + Governance', 'Build'],
    ['2026-06-12', 'Build', 'QA + Governance'],
    ['2026-06-15', 'QA + Governance', 'Launch'],
  ]),
  // Launched 2026-06-14 (a Sunday), on time: 4 days.
  issue('MKT-2', 'low-risk', '2026-06-20', '2026-06-10', [
    ['2026-06-11', 'Intake', 'Triage'],
    ['2026-06-12', 'Triage', 'Planning'],
    ['2026-06-13', 'Planning', 'Build'],
    ['2026-06-13', 'Build', 'QA + Governance'],
    ['2026-06-14', 'QA + Governance', 'Launch'],
  ]),
  // Launched in the previous period, skipping stages, and done since: 10 days.
  issue('MKT-3', 'revenue', null, '2026-05-10', [
    ['2026-05-11', 'Intake', 'Triage'],
    ['2026-05-20', 'Triage', 'Launch'],
    ['2026-05-25', 'Launch', 'Measure + Improve'],
    ['2026-05-30', 'Measure + Improve', 'Done'],
  ]),
  // Open in Build for five days.
  issue('MKT-4', 'regulated', '2026-08-01', '2026-06-20', [['2026-06-25', 'Intake', 'Build']]),
  // Another project's launch.
  issue('OPS-1', 'revenue', null, '2026-06-01', [['2026-06-20', 'Intake', 'Launch']]),
];

const report = (tier: Tier | 'all' = 'all') =>
  healthReport(HISTORIES, { projects: ['MKT'], tier, periodDays: 30 }, DEFAULT_CONFIG.statusMap, NOW);

describe('healthReport', () => {
  it('reports on a quarter: last quarter whole against the one before, this quarter so far', () => {
    const afterQ2 = at('2026-07-10');
    const lastQuarter = healthReport(
      HISTORIES,
      { projects: ['MKT'], tier: 'all', periodDays: 30, period: 'last-quarter' },
      DEFAULT_CONFIG.statusMap,
      afterQ2,
    );
    expect(lastQuarter.period).toEqual({ start: '2026-04-01T00:00:00.000Z', end: '2026-07-01T00:00:00.000Z' });
    expect(lastQuarter.launches.map((launch) => launch.key)).toEqual(['MKT-3', 'MKT-2', 'MKT-1']);
    expect(lastQuarter.previous.launched).toBe(0);
    // Three launches over the quarter's 91 days, per week.
    expect(lastQuarter.throughputPerWeek.current).toBeCloseTo(3 / (91 / 7), 10);
    const thisQuarter = healthReport(
      HISTORIES,
      { projects: ['MKT'], tier: 'all', periodDays: 30, period: 'quarter' },
      DEFAULT_CONFIG.statusMap,
      NOW,
    );
    expect(thisQuarter.period.start).toBe('2026-04-01T00:00:00.000Z');
    expect(thisQuarter.current.launched).toBe(3);
  });

  it('judges the period by its launch cohort, against the period before', () => {
    const { current, previous, throughputPerWeek, period, requests } = report();
    // The last 30 dates are 1 to 30 June; read at midnight, today has not begun, so the period holds 29 days.
    expect(period).toEqual({ start: '2026-06-01T00:00:00.000Z', end: '2026-06-30T00:00:00.000Z' });
    expect(requests).toBe(4);
    expect(current.launched).toBe(2);
    // Cycle times 14 and 4: median 9; p85 at rank 0.85 × 1 between them: 4 + 0.85 × 10.
    expect(current.cycleTimeDays).toEqual({ mean: 9, median: 9, p85: 12.5 });
    expect(current.onTimeRate).toBe(0.5);
    expect(current.qaDefectRate).toBe(0.5);
    expect(current.revisionFrequency).toBe(0.5);
    expect(previous.launched).toBe(1);
    expect(previous.cycleTimeDays.median).toBe(10);
    expect(previous.onTimeRate).toBeNull();
    expect(throughputPerWeek.current).toBeCloseTo(2 / (29 / 7), 12);
    expect(throughputPerWeek.previous).toBeCloseTo(1 / (30 / 7), 12);
  });

  it('lists every week of the period, launches in the week they happened (weeks start Monday, UTC), marking weeks it takes in part', () => {
    const { period, weekly } = report();
    // From Monday 1 June to the end of Monday 29 June: its last week is in it for one day only, and counted so.
    expect(period).toEqual({ start: '2026-06-01T00:00:00.000Z', end: '2026-06-30T00:00:00.000Z' });
    expect(weekly).toEqual([
      { week: '2026-06-01', launches: 0, partial: false },
      { week: '2026-06-08', launches: 1, partial: false },
      { week: '2026-06-15', launches: 1, partial: false },
      { week: '2026-06-22', launches: 0, partial: false },
      { week: '2026-06-29', launches: 0, partial: true },
    ]);
  });

  it('gives the launches oldest first for the scatter, and the slowest first', () => {
    const { launches, slowest } = report();
    expect(launches).toEqual([
      { key: 'MKT-2', launchedAt: '2026-06-14T00:00:00.000Z', cycleTimeDays: 4 },
      { key: 'MKT-1', launchedAt: '2026-06-15T00:00:00.000Z', cycleTimeDays: 14 },
    ]);
    expect(slowest.map((launch) => launch.key)).toEqual(['MKT-1', 'MKT-2']);
  });

  it('counts open requests per stage with the oldest wait', () => {
    const wip = Object.fromEntries(report().wip.map((stage) => [stage.stage, [stage.count, stage.oldestDays]]));
    expect(wip['build']).toEqual([1, 5]);
    expect(wip['launch']).toEqual([2, 16]);
    expect(wip['measure']).toEqual([0, 0]);
  });

  it("marks the bottleneck among the cohort's pre-launch stages", () => {
    // MKT-1: build 5 + 1 = 6 days, QA 1 + 3 = 4; MKT-2: build 0, QA 1. Medians: build 3, QA 2.5, triage 1, planning 1.5.
    expect(report().current.medianStageDays).toMatchObject({ build: 3, qa: 2.5, triage: 1, planning: 1.5 });
    expect(report().current.bottleneck).toBe('build');
  });

  it('filters by tier and by project', () => {
    expect(report('revenue').launches.map((launch) => launch.key)).toEqual(['MKT-1']);
    expect(report('revenue').requests).toBe(2);
    expect(
      healthReport(HISTORIES, { projects: [], tier: 'all', periodDays: 30 }, DEFAULT_CONFIG.statusMap, NOW).launches.map(
        (launch) => launch.key,
      ),
    ).toEqual(['MKT-2', 'MKT-1', 'OPS-1']);
  });

  it('reads a project from an issue key', () => {
    expect(projectOf('MKT-12')).toBe('MKT');
    expect(projectOf('MY-TEAM-3')).toBe('MY-TEAM');
  });
});
