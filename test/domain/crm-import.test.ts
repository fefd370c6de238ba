import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { CRM_PRESETS, crmRowsFromMappedCsv, type CrmRow } from '../../src/domain/outcomes/crm-csv';
import { importFingerprint, planCrmImport } from '../../src/domain/outcomes/crm-import';
import type { KeptEntry } from '../../src/domain/outcomes/kept-figures';

const CATALOGUE = DEFAULT_CONFIG.indicators.map((indicator) => indicator.key);

describe('a CRM report read through a preset or a mapping', () => {
  it('reads a Salesforce campaign report by its field labels, as of the date given, leaving other columns alone', () => {
    const csv = [
      'Campaign Name,Type,Leads in Campaign,Converted Leads in Campaign,Opportunities in Campaign,Value Opportunities in Campaign,Value Won Opportunities in Campaign,Actual Cost in Campaign',
      'spring-webinar,Webinar,412,40,12,"$300,000.00","USD 60,000",4500',
      'q3-launch,Email,95,3,,,,',
    ].join('\n');
    expect(crmRowsFromMappedCsv(csv, CRM_PRESETS.salesforce.mapping, CATALOGUE, '2026-06-30', 'USD')).toEqual({
      ok: true,
      value: [
        {
          campaign: 'spring-webinar',
          date: '2026-06-30',
          line: 2,
          values: { leads: 412, opportunities: 12, pipeline: 300_000, revenue: 60_000, spend: 4_500 },
        },
        { campaign: 'q3-launch', date: '2026-06-30', line: 3, values: { leads: 95 } },
      ],
    });
    // Without a date column or a date for the file, it says which it needs.
    expect(crmRowsFromMappedCsv(csv, CRM_PRESETS.salesforce.mapping, CATALOGUE, null, 'USD')).toMatchObject({
      ok: false,
      error: { message: 'line 1: no date column ("As of Date" or "Date"); give the date the figures are as of' },
    });
  });

  it('reads a HubSpot campaign export with its own date column, which wins over the date given', () => {
    const csv =
      'Campaign name,Date,Sessions,New contacts (first touch),Influenced contacts,Revenue,Total campaign spend\nspring,2026-06-12,900,140,300,"12,500",800\n';
    expect(crmRowsFromMappedCsv(csv, CRM_PRESETS.hubspot.mapping, CATALOGUE, '2026-06-30', 'USD')).toEqual({
      ok: true,
      value: [{ campaign: 'spring', date: '2026-06-12', line: 2, values: { leads: 140, revenue: 12_500, spend: 800 } }],
    });
  });

  it('reads any other report through a mapping, in any letter case', () => {
    const mapping = { campaign: ['utm campaign'], date: ['Day'], figures: { mqls: ['MQL count'], signups: ['Trials'] } };
    const csv = 'UTM Campaign,day,mql count,trials,notes\nfall-promo,2026-06-01,33,,"long, quoted"\n';
    expect(crmRowsFromMappedCsv(csv, mapping, CATALOGUE, null, 'USD')).toEqual({
      ok: true,
      value: [{ campaign: 'fall-promo', date: '2026-06-01', line: 2, values: { mqls: 33 } }],
    });
  });

  it.each([
    ['Campaign Name,Leads in Campaign\nspring,"1,2"\n', 'line 2: leads "1,2" is not a number'],
    ['Campaign Name,Leads in Campaign\nspring,12k\nsummer,4\n', 'line 2: leads "12k" is not a number'],
    // A German export writes 1,200 leads as 1.200: read as 1.2, the campaign's leads fell a thousandfold unseen.
    ['Campaign Name,Leads in Campaign\nspring,1.200\n', 'line 2: leads "1.200" could be a decimal or a thousands group'],
    ['Campaign Name,Leads in Campaign\nspring,$1.200\n', 'line 2: leads "$1.200" could be a decimal or a thousands group'],
    ['Campaign Name,Leads in Campaign\nspring,4\n,5\n', 'line 3: the campaign is empty'],
    ['Campaign Name,Leads in Campaign\nspring,4\nspring,5\n', 'line 3: campaign spring on 2026-06-30 is already given on line 2'],
    ['Campaign Name,Leads in Campaign\nspring,4,9\n', 'line 2: expected 2 cells as in the header, found 3'],
    ['Campaign Name,Leads in Campaign\nspring,1000000000001\n', 'line 2: leads "1000000000001" is larger than any'],
    ['Name of it,Leads in Campaign\n', 'line 1: no campaign column ("Campaign Name" or "Name")'],
    // The Flight Plan format refuses a column named twice; a CRM's report is held to the same.
    ['Campaign Name,Leads in Campaign,Leads in Campaign\nspring,5,900\n', 'line 1: column "Leads in Campaign" appears twice'],
    ['Campaign Name,Clicks\n', 'line 1: no figure column found (expected one of "Leads in Campaign" or'],
  ])('refuses %j, naming the line', (csv, message) => {
    const result = crmRowsFromMappedCsv(csv, CRM_PRESETS.salesforce.mapping, CATALOGUE, '2026-06-30', 'USD');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(message);
  });

  it('refuses a mapping that names a figure outside the catalogue, or one column twice', () => {
    const csv = 'c,d,x\na,2026-06-01,1\n';
    expect(crmRowsFromMappedCsv(csv, { campaign: ['c'], date: ['d'], figures: { likes: ['x'] } }, CATALOGUE, null, 'USD')).toMatchObject({
      ok: false,
      error: { message: '"likes" is not an indicator of the catalogue or spend' },
    });
    expect(
      crmRowsFromMappedCsv(csv, { campaign: ['c'], date: ['d'], figures: { leads: ['x'], mqls: ['x'] } }, CATALOGUE, null, 'USD'),
    ).toMatchObject({
      ok: false,
      error: { message: 'line 1: one column is mapped to two figures' },
    });
  });
});

describe('planning an import', () => {
  const row = (campaign: string, date: string, values: Record<string, number>, line = 2): CrmRow => ({ campaign, date, values, line });
  const kept = new Map<string, KeptEntry[]>([
    [
      'spring',
      [
        { date: '2026-06-01', values: { leads: 100, spend: 500 }, manual: false },
        { date: '2026-06-05', values: { leads: 150 }, manual: true },
      ],
    ],
  ]);

  it('adds new dates, changes a CRM date while keeping what the row leaves empty, and leaves figures entered by hand alone', () => {
    const plan = planCrmImport(
      [
        row('spring', '2026-06-01', { leads: 120 }, 2),
        row('spring', '2026-06-05', { leads: 160 }, 3),
        row('summer', '2026-06-02', { mqls: 4 }, 4),
        row('summer', '2026-06-03', {}, 5),
      ],
      kept,
      '2026-06-10',
      500,
    );
    expect(plan).toEqual({
      ok: true,
      value: {
        emptyRows: 1,
        campaigns: [
          {
            campaign: 'spring',
            isNew: false,
            rows: [
              {
                campaign: 'spring',
                date: '2026-06-01',
                line: 2,
                change: 'changed',
                before: { leads: 100, spend: 500 },
                after: { leads: 120, spend: 500 },
                keptByHand: {},
              },
              // 06-05 holds only a hand-entered figure: the CRM's own for that date is new, and the one entered by hand
              // goes on counting.
              {
                campaign: 'spring',
                date: '2026-06-05',
                line: 3,
                change: 'added',
                before: null,
                after: { leads: 160 },
                keptByHand: { leads: 150 },
              },
            ],
          },
          {
            campaign: 'summer',
            isNew: true,
            rows: [{ campaign: 'summer', date: '2026-06-02', line: 4, change: 'added', before: null, after: { mqls: 4 }, keptByHand: {} }],
          },
        ],
      },
    });
  });

  it('finds a row it already keeps unchanged', () => {
    const plan = planCrmImport([row('spring', '2026-06-01', { spend: 500 })], kept, '2026-06-10', 500);
    expect(plan.ok && plan.value.campaigns[0]?.rows[0]?.change).toBe('unchanged');
  });

  it('refuses a row dated after today by its line, and a campaign that would keep too many dates by name', () => {
    expect(planCrmImport([row('spring', '2026-06-11', { leads: 1 }, 7)], kept, '2026-06-10', 500)).toMatchObject({
      ok: false,
      error: { message: 'line 7: 2026-06-11 is after today; a report gives what the CRM showed on a day that has passed' },
    });
    expect(planCrmImport([row('spring', '2026-06-02', { leads: 1 })], kept, '2026-06-10', 2)).toMatchObject({
      ok: false,
      error: { message: 'campaign spring would keep 3 dated figures, over the 2 a campaign keeps; import fewer dates for it' },
    });
  });

  it('fingerprints what an import writes: the same plan alike, another figure, revision or source not', () => {
    const planOf = (leads: number) => planCrmImport([row('spring', '2026-06-01', { leads }, 2)], kept, '2026-06-10', 500);
    const fingerprint = (leads: number, revision: number, source: string) => {
      const plan = planOf(leads);
      if (!plan.ok) throw new Error('no plan');
      return importFingerprint(plan.value, () => revision, source, 'USD');
    };
    const first = fingerprint(120, 3, 'Import: June.csv');
    expect(fingerprint(120, 3, 'Import: June.csv')).toBe(first);
    expect(
      new Set([
        first,
        fingerprint(121, 3, 'Import: June.csv'),
        fingerprint(120, 4, 'Import: June.csv'),
        fingerprint(120, 3, 'Import: July.csv'),
      ]).size,
    ).toBe(4);
    // A report that writes nothing has the fingerprint of no writes, whatever it holds.
    const unchanged = planCrmImport([row('spring', '2026-06-01', { spend: 500 })], kept, '2026-06-10', 500);
    const empty = planCrmImport([], kept, '2026-06-10', 500);
    expect(
      unchanged.ok &&
        empty.ok &&
        importFingerprint(unchanged.value, () => 3, 's', 'USD') === importFingerprint(empty.value, () => 9, 's', 'USD'),
    ).toBe(true);
  });
});
