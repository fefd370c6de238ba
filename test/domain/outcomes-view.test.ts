import { describe, expect, it } from 'vitest';
import { jqlForKeys, outcomesView, type ViewedRequest } from '../../src/domain/outcomes/outcomes-view';
import { periodDates } from '../../src/domain/metrics/periods';
import type { CampaignSnapshot } from '../../src/domain/outcomes/snapshots';

const NOW = Date.parse('2026-07-30T12:00:00.000Z');
const metric = { indicator: 'leads', target: 100, windowDays: 10 };
const request = (key: string, tier: ViewedRequest['tier'], campaign: string | null, launchDate: string | null): ViewedRequest => ({
  key,
  tier,
  campaign,
  metric,
  launchDate,
});
const snap = (campaign: string, date: string, values: Record<string, number>): CampaignSnapshot => ({ campaign, date, values });

// Worked by hand. Current period (last 30 days): 2026-07-01 .. 2026-07-30; previous: 2026-06-01 .. 2026-06-30.
const REQUESTS = [
  request('MKT-1', 'revenue', 'a', '2026-07-01'), // window ends 07-11: leads 120 on 07-10 → attained, 5 days to target (07-06)
  request('MKT-2', 'low-risk', 'b', '2026-07-05'), // window ends 07-15: leads 40 → missed
  request('MKT-3', 'revenue', 'a', '2026-07-02'), // shares campaign a: counted once in pipeline
  request('MKT-4', 'revenue', 'c', '2026-07-28'), // window not ended: not measured
  request('MKT-5', 'low-risk', 'd', '2026-06-10'), // previous period: leads 60 by 06-20 → partly
  request('MKT-6', 'low-risk', null, null), // never launched: in no period
];
const SNAPSHOTS = [
  snap('a', '2026-07-06', { leads: 100 }),
  snap('a', '2026-07-10', { leads: 120, opportunities: 12, pipeline: 300_000, spend: 6_000 }),
  snap('b', '2026-07-15', { leads: 40, pipeline: 50_000, spend: 4_000 }),
  snap('d', '2026-06-20', { leads: 60, pipeline: 10_000 }),
];

describe('the Outcomes view', () => {
  const view = outcomesView(REQUESTS, SNAPSHOTS, { kind: 'days', days: 30 }, NOW);

  it('takes the launch cohort of each period, against the period before', () => {
    expect(view.period).toEqual({ start: '2026-07-01', end: '2026-07-30', label: 'last 30 days' });
    expect(view.current.launched).toEqual(['MKT-1', 'MKT-2', 'MKT-3', 'MKT-4']);
    expect(view.previous.launched).toEqual(['MKT-5']);
  });

  it('computes the figures by the definitions: shared campaign once, a window not ended not judged', () => {
    // MKT-1 and MKT-3 attained (campaign a), MKT-2 missed, MKT-4 not measured: 2 / 3.
    expect(view.current.summary.attainmentRate).toBeCloseTo(2 / 3);
    expect(view.current.judged).toEqual(['MKT-1', 'MKT-2', 'MKT-3']);
    // Campaigns a (300,000) and b (50,000); c has no figures.
    expect(view.current.summary.pipelineInfluence).toBe(350_000);
    expect(view.current.summary.revenueContribution).toBeNull();
    // (6,000 + 4,000) / (120 + 40) leads; only a has opportunities: 6,000 / 12.
    expect(view.current.summary.costPerLead).toBe(62.5);
    expect(view.current.summary.costPerOpportunity).toBe(500);
    // MKT-1 reached 100 on 07-06 (5 days), MKT-3 launched 07-02 reached it on 07-06 (4 days): median 4.5.
    expect(view.current.summary.conversionVelocityDays).toBe(4.5);
    expect(view.previous.summary.attainmentRate).toBe(0);
  });

  it('splits the current cohort by tier', () => {
    expect(view.byTier.revenue.launched).toEqual(['MKT-1', 'MKT-3', 'MKT-4']);
    expect(view.byTier.revenue.summary.attainmentRate).toBe(1);
    expect(view.byTier['low-risk'].summary.attainmentRate).toBe(0);
    expect(view.byTier.regulated.launched).toEqual([]);
  });

  it('lists the targets missed, with the actual, worst first', () => {
    expect(view.missed).toEqual([{ key: 'MKT-2', metric, actual: 40, result: 'missed' }]);
  });

  it('links each figure to the requests behind it', () => {
    expect(jqlForKeys(view.current.attained)).toBe('key in (MKT-1, MKT-3) ORDER BY key ASC');
    expect(jqlForKeys([])).toBeNull();
  });

  // The defect: a quarter to date (30 days here) was weighed against the whole quarter before (91 days), and the last
  // 30 days held 31 dates against the 30 before. Each period now holds as many dates as the one it is compared with.
  it('compares like with like: the last N dates against the N before, a quarter so far against the same days of the last', () => {
    expect(periodDates({ kind: 'days', days: 30 }, '2026-07-30')).toEqual({
      start: '2026-07-01',
      end: '2026-07-30',
      previousStart: '2026-06-01',
      previousEnd: '2026-06-30',
      quarter: null,
    });
    expect(periodDates({ kind: 'this-quarter' }, '2026-07-30')).toEqual({
      start: '2026-07-01',
      end: '2026-07-30',
      previousStart: '2026-04-01',
      previousEnd: '2026-04-30',
      quarter: '2026-Q3',
    });
    // 30 September is Q3's 92nd day; Q2 has 91: the comparison stops at Q2's end.
    expect(periodDates({ kind: 'this-quarter' }, '2026-09-30')).toMatchObject({ previousStart: '2026-04-01', previousEnd: '2026-06-30' });
    // The first day of a quarter against the first day of the one before, across a year.
    expect(periodDates({ kind: 'this-quarter' }, '2026-01-01')).toMatchObject({
      start: '2026-01-01',
      end: '2026-01-01',
      previousStart: '2025-10-01',
      previousEnd: '2025-10-01',
    });
    expect(periodDates({ kind: 'last-quarter' }, '2026-02-10')).toEqual({
      start: '2025-10-01',
      end: '2025-12-31',
      previousStart: '2025-07-01',
      previousEnd: '2025-09-30',
      quarter: '2025-Q4',
    });
  });

  it('names the period and counts the quarter so far against the same days of the last', () => {
    const requests = [request('Q-1', 'revenue', null, '2026-04-20'), request('Q-2', 'revenue', null, '2026-05-20')];
    const quarter = outcomesView(requests, [], { kind: 'this-quarter' }, NOW);
    expect(quarter.period).toEqual({ start: '2026-07-01', end: '2026-07-30', label: '2026 Q3 to date' });
    expect(quarter.previous.launched).toEqual(['Q-1']);
    expect(outcomesView(requests, [], { kind: 'last-quarter' }, NOW)).toMatchObject({
      period: { start: '2026-04-01', end: '2026-06-30', label: '2026 Q2' },
      current: { launched: ['Q-1', 'Q-2'] },
    });
  });
});
