import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import type { IssueHistory } from '../../src/domain/metrics/issue-metrics';
import { stageLookup } from '../../src/domain/metrics/workflow-metrics';
import { crmSnapshotsFromCsv } from '../../src/domain/outcomes/crm-csv';
import { launchDateOf, outcomesReport, requestOutcome, type OutcomeRequest } from '../../src/domain/outcomes/outcomes';
import { campaignFigures, latestValue, type CampaignSnapshot } from '../../src/domain/outcomes/snapshots';

const NOW = Date.parse('2026-07-31T12:00:00.000Z');
const snap = (campaign: string, date: string, values: Record<string, number>): CampaignSnapshot => ({ campaign, date, values });

/** Cumulative CRM figures; every expected figure below is worked out by hand from these. */
const SNAPSHOTS = [
  snap('spring', '2026-06-01', { leads: 50, registrations: 100, pipeline: 10_000, spend: 500 }),
  snap('spring', '2026-06-15', { leads: 120, registrations: 300 }),
  snap('spring', '2026-07-01', { leads: 200, registrations: 450, opportunities: 10, pipeline: 40_000, revenue: 5_000, spend: 2_000 }),
  // After now: has not happened yet, so it counts for nothing.
  snap('spring', '2026-08-05', { registrations: 900, pipeline: 99_999, spend: 9_999, leads: 9_999 }),
  snap('summer', '2026-07-10', { leads: 0, pipeline: 5_000, spend: 800 }),
  snap('nospend', '2026-07-01', { leads: 40, opportunities: 4, revenue: 1_000 }),
  snap('unlaunched', '2026-07-01', { leads: 10, pipeline: 7_777, revenue: 7_777, spend: 100 }),
];

const request = (key: string, campaign: string | null, launchDate: string | null, metric: OutcomeRequest['metric']): OutcomeRequest => ({
  key,
  campaign,
  launchDate,
  metric,
});

const REQUESTS = [
  // Window 06-01 → 07-01; 450 registrations on 07-01 ≥ 400; first ≥ 400 on 07-01: 30 days.
  request('A', 'spring', '2026-06-01', { indicator: 'registrations', target: 400, windowDays: 30 }),
  // Same campaign. Window ends 06-30: 120 leads (06-15) ≥ 75, < 150; the 200 of 07-01 came after the window.
  request('B', 'spring', '2026-06-10', { indicator: 'leads', target: 150, windowDays: 20 }),
  // Window ends 07-11: 0 leads < 50.
  request('C', 'summer', '2026-07-01', { indicator: 'leads', target: 100, windowDays: 10 }),
  // Window ends 09-18, after now; the target was reached on 07-01, 11 days after launch.
  request('D', 'nospend', '2026-06-20', { indicator: 'revenue', target: 1_000, windowDays: 90 }),
  request('E', 'nospend', '2026-06-20', null),
  // Window ended 06-08, and the CRM knows nothing of the campaign.
  request('F', 'unknown', '2026-06-01', { indicator: 'leads', target: 10, windowDays: 7 }),
  request('G', 'unlaunched', null, { indicator: 'registrations', target: 10, windowDays: 7 }),
  // 5,000 pipeline on the launch day itself.
  request('H', 'summer', '2026-07-10', { indicator: 'pipeline', target: 5_000, windowDays: 14 }),
];

describe('outcomes', () => {
  const report = outcomesReport(REQUESTS, SNAPSHOTS, NOW);
  const byKey = Object.fromEntries(REQUESTS.map((r, i) => [r.key, report.outcomes[i]]));

  it('judges each request against the snapshot that closes its window', () => {
    expect(byKey.A).toEqual({ indicator: 'registrations', target: 400, windowDays: 30, actual: 450, result: 'attained', daysToTarget: 30 });
    expect(byKey.B).toEqual({ indicator: 'leads', target: 150, windowDays: 20, actual: 120, result: 'partly', daysToTarget: 21 });
    expect(byKey.C).toEqual({ indicator: 'leads', target: 100, windowDays: 10, actual: 0, result: 'missed', daysToTarget: null });
    expect(byKey.F).toMatchObject({ actual: null, result: 'no-data', daysToTarget: null });
    expect(byKey.H).toMatchObject({ actual: 5_000, result: 'attained', daysToTarget: 0 });
  });

  it('does not measure a request whose window has not ended, or one never launched; one without a metric has no outcome', () => {
    expect(byKey.D).toEqual({
      indicator: 'revenue',
      target: 1_000,
      windowDays: 90,
      actual: null,
      result: 'not-measured',
      daysToTarget: 11,
    });
    expect(byKey.G).toMatchObject({ actual: null, result: 'not-measured', daysToTarget: null });
    expect(byKey.E).toBeNull();
  });

  it('sums the six figures, each campaign once, with snapshots after now ignored', () => {
    expect(report.summary).toEqual({
      // A, H attained; B partly; C missed; F (no data) and D, G (not measured) do not count.
      attainmentRate: 2 / 4,
      // spring 40,000 (shared by A and B, counted once) + summer 5,000; nospend has no pipeline; unlaunched is not launched.
      pipelineInfluence: 45_000,
      revenueContribution: 5_000 + 1_000,
      // spring 2,000 / 200 and summer 800 / 0 qualify; nospend has no spend.
      costPerLead: 2_800 / 200,
      costPerOpportunity: 2_000 / 10,
      // Median of 0, 11, 21, 30.
      conversionVelocityDays: 16,
    });
  });

  it('a snapshot after the window does not change the result, however high', () => {
    const late = [...SNAPSHOTS, snap('spring', '2026-07-02', { leads: 10_000 })];
    expect(outcomesReport([REQUESTS[1] as OutcomeRequest], late, NOW).outcomes[0]).toMatchObject({ actual: 120, result: 'partly' });
  });

  it('a window that ends today is measured; one ending tomorrow is not', () => {
    const endsToday = request('T', 'spring', '2026-07-01', { indicator: 'leads', target: 200, windowDays: 30 });
    const endsTomorrow = request('U', 'spring', '2026-07-01', { indicator: 'leads', target: 200, windowDays: 31 });
    const [today, tomorrow] = outcomesReport([endsToday, endsTomorrow], SNAPSHOTS, NOW).outcomes;
    expect(today).toMatchObject({ actual: 200, result: 'attained', daysToTarget: 0 });
    expect(tomorrow).toMatchObject({ actual: null, result: 'not-measured', daysToTarget: 0 });
  });

  it('partly starts at exactly half the target', () => {
    const figures = campaignFigures([snap('c', '2026-06-10', { leads: 50 })], '2026-07-31');
    const judged = (target: number) =>
      requestOutcome(request('R', 'c', '2026-06-01', { indicator: 'leads', target, windowDays: 10 }), figures, '2026-07-31')?.result;
    expect([judged(50), judged(100), judged(101)]).toEqual(['attained', 'partly', 'missed']);
  });

  it('no spend: campaigns without it leave both costs null', () => {
    const { summary } = outcomesReport([request('N', 'nospend', '2026-06-20', null)], SNAPSHOTS, NOW);
    expect(summary).toMatchObject({ costPerLead: null, costPerOpportunity: null, revenueContribution: 1_000, pipelineInfluence: null });
  });

  it('zero leads: cost per lead is null, not infinite', () => {
    const { summary } = outcomesReport([request('Z', 'summer', '2026-07-01', null)], SNAPSHOTS, NOW);
    expect(summary).toMatchObject({ costPerLead: null, costPerOpportunity: null, pipelineInfluence: 5_000, revenueContribution: null });
  });

  it('nothing launched: every figure is null', () => {
    expect(outcomesReport([REQUESTS[6] as OutcomeRequest], SNAPSHOTS, NOW).summary).toEqual({
      attainmentRate: null,
      pipelineInfluence: null,
      revenueContribution: null,
      costPerLead: null,
      costPerOpportunity: null,
      conversionVelocityDays: null,
    });
  });

  it('a launch recorded after now has not happened yet', () => {
    const future = request('L', 'spring', '2026-08-01', { indicator: 'leads', target: 1, windowDays: 1 });
    const { outcomes, summary } = outcomesReport([future], SNAPSHOTS, NOW);
    expect(outcomes[0]).toMatchObject({ result: 'not-measured', daysToTarget: null });
    expect(summary.pipelineInfluence).toBeNull();
  });
});

describe('snapshots', () => {
  it('takes a value from the latest snapshot that has it, as of a date', () => {
    const figures = campaignFigures(SNAPSHOTS, '2026-07-31');
    // 06-15 has no spend: the 06-01 value stands until 07-01.
    expect(latestValue(figures, 'spring', 'spend', '2026-06-20')).toBe(500);
    expect(latestValue(figures, 'spring', 'spend')).toBe(2_000);
    expect(latestValue(figures, 'spring', 'revenue', '2026-06-30')).toBeNull();
    expect(latestValue(figures, 'nobody', 'leads')).toBeNull();
  });
});

describe('launch date', () => {
  const stageOf = stageLookup(DEFAULT_CONFIG.statusMap);
  const history = (changes: [string, string, string][]): IssueHistory => ({
    id: '1',
    key: 'MKT-1',
    createdAt: Date.parse('2026-05-01T00:00:00Z'),
    dueDate: null,
    currentStatus: changes.at(-1)?.[2] ?? 'Intake',
    changes: changes.map(([at, fromStatus, toStatus]) => ({ at: Date.parse(at), fromStatus, toStatus })),
  });

  it('is the UTC date of the first entry into Launch or a later stage', () => {
    const relaunched = history([
      ['2026-06-01T22:30:00-02:00', 'QA + Governance', 'Launch'],
      ['2026-06-05T00:00:00Z', 'Launch', 'Build'],
      ['2026-06-09T00:00:00Z', 'Build', 'Launch'],
    ]);
    expect(launchDateOf(relaunched, stageOf, NOW)).toBe('2026-06-02');
    // Straight to Measure + Improve, past Launch, still launches.
    expect(launchDateOf(history([['2026-06-03T10:00:00Z', 'QA + Governance', 'Measure + Improve']]), stageOf, NOW)).toBe('2026-06-03');
    expect(launchDateOf(history([['2026-06-03T10:00:00Z', 'Intake', 'Triage']]), stageOf, NOW)).toBeNull();
  });
});

describe('CRM CSV', () => {
  const read = (text: string) =>
    crmSnapshotsFromCsv(
      text,
      DEFAULT_CONFIG.indicators.map((indicator) => indicator.key),
    );

  it('reads quoted cells, empty cells as no value, and any catalogue column in any case', () => {
    const csv =
      '\uFEFFCampaign,Date,Leads,spend,conversionrate\r\n"spring, ""big""",2026-06-01,120,,0.25\r\n\r\n"multi\nline",2026-06-02,"3",10.50,\n';
    expect(read(csv)).toEqual({
      ok: true,
      value: [
        { campaign: 'spring, "big"', date: '2026-06-01', values: { leads: 120, conversionRate: 0.25 }, line: 2 },
        { campaign: 'multi\nline', date: '2026-06-02', values: { leads: 3, spend: 10.5 }, line: 4 },
      ],
    });
  });

  it.each([
    ['', 'the file is empty'],
    ['date,campaign\n', 'line 1: the header must start with campaign,date'],
    ['campaign,date,leeds\n', 'line 1: column "leeds" is not an indicator or spend'],
    ['campaign,date,leads,LEADS\n', 'line 1: column "LEADS" appears twice'],
    ['campaign,date,leads\n\nq3,2026-06-01\n', 'line 3: expected 3 cells as in the header, found 2'],
    [
      'campaign,date,leads\n"a\nb",2026-06-01,1\nq3,2026-02-30,1\n',
      'line 4: date "2026-02-30" is not a date from 2000 to 2100 like 2026-06-30',
    ],
    // A stored figure keeps dates from 2000 to 2100: one before passed the preview, then failed the import.
    ['campaign,date,leads\nold,1999-12-31,5\n', 'line 2: date "1999-12-31" is not a date from 2000 to 2100'],
    ['campaign,date,leads\nold,0099-01-01,5\n', 'line 2: date "0099-01-01" is not a date from 2000 to 2100'],
    ['campaign,date,leads\n,2026-06-01,1\n', 'line 2: the campaign is empty'],
    ['campaign,date,spend\nq3,2026-06-01,"1,200"\n', 'line 2: spend "1,200" is not a number'],
    ['campaign,date,leads\nq3,2026-06-01,-4\n', 'line 2: leads "-4" is not a number'],
    ['campaign,date,leads\nq3,2026-06-01,1\nq3,2026-06-01,2\n', 'line 3: campaign q3 on 2026-06-01 is already given on line 2'],
    ['campaign,date,leads\n"q3,2026-06-01,1\n', 'line 2: a quoted cell is not closed'],
    ['campaign,date,leads\n"q3"x,2026-06-01,1\n', 'line 2: a quoted cell must end at a comma'],
    ['campaign,date,leads\nq"3,2026-06-01,1\n', 'line 2: a quote inside a cell'],
  ])('refuses %j, naming the line', (csv, message) => {
    const result = read(csv);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(message);
  });
});
