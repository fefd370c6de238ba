import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMetricsCommand } from '../../src/cli/metrics';
import { scratchDir } from '../fakes/scratch-dir';

const dir = scratchDir('fp-outcomes-');
const file = (name: string, content: unknown): string => {
  const full = path.join(dir, name);
  writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content));
  return full;
};

const toLaunch = (created: string) => ({
  histories: [
    {
      id: '1',
      created,
      items: [{ field: 'status', fieldtype: 'jira', from: '1', fromString: 'QA + Governance', to: '2', toString: 'Launch' }],
    },
  ],
});

/** The Success metric field's id on this site, and its schema as search/jql returns it with expand "schema". */
const METRIC_FIELD = 'customfield_10050';
const SCHEMA = {
  [METRIC_FIELD]: { type: 'string', custom: 'ari:cloud:ecosystem::extension/0a1b2c3d/4e5f/static/fp-success-metric', customId: 10050 },
};

/**
 * Issues as search/jql returns them with expand=changelog and properties: ["flight-plan-summary"], and the Success
 * metric field (`metricText`) among the fields.
 */
const issue = (key: string, summary: Record<string, unknown> | undefined, launched?: string, metricText?: string) => ({
  id: key.replace('MKT-', '100'),
  key,
  fields: {
    created: '2026-05-01T00:00:00.000+0000',
    duedate: null,
    status: { name: launched ? 'Launch' : 'Build' },
    ...(metricText === undefined ? {} : { [METRIC_FIELD]: metricText }),
  },
  ...(launched ? { changelog: toLaunch(launched) } : {}),
  ...(summary ? { properties: { 'flight-plan-summary': { tier: 'revenue', ...summary } } } : {}),
});

const EXPORT = {
  issues: [
    // Launched 06-01 (00:30 at +0200 is 05-31 22:30 UTC: the launch date is 05-31).
    issue(
      'MKT-1',
      { campaign: 'spring', metric: { indicator: 'registrations', target: 400, windowDays: 30 } },
      '2026-06-01T00:30:00.000+0200',
      '400 registrations within 30 days of launch',
    ),
    issue(
      'MKT-2',
      { campaign: 'spring', metric: { indicator: 'leads', target: 300, windowDays: 10 } },
      '2026-06-05T09:00:00.000+0000',
      '300 leads within 10 days of launch',
    ),
    issue('MKT-3', { campaign: 'summer' }),
    issue('MKT-4', undefined, '2026-06-05T09:00:00.000+0000'),
  ],
  schema: SCHEMA,
};

const CRM = [
  'campaign,date,leads,opportunities,pipeline,revenue,registrations,spend',
  'spring,2026-06-10,100,,,,,',
  'spring,2026-06-30,200,4,"80000",,410,1000',
  'spring,2026-07-20,400,5,90000,12000,500,1500',
  'summer,2026-07-01,999,9,99999,9999,,9',
].join('\r\n');

const NOW = ['--now', '2026-07-31T00:00:00.000+0000'];

describe('npm run metrics -- --outcomes', () => {
  const input = file('export.json', EXPORT);
  const crm = file('crm.csv', CRM);

  it('adds each issue its outcome and the summary the six figures', async () => {
    const out = JSON.parse(await runMetricsCommand(['--input', input, '--outcomes', crm, ...NOW], 0));
    expect(out.issues.map((i: { outcomes: unknown }) => i.outcomes)).toEqual([
      // Window 05-31 → 06-30: 410 on 06-30 ≥ 400, reached 30 days after launch.
      { indicator: 'registrations', target: 400, windowDays: 30, actual: 410, result: 'attained', daysToTarget: 30 },
      // Window 06-05 → 06-15: 100 leads (06-10) < 150; 400 on 07-20 is after it, yet shows when the target was reached.
      { indicator: 'leads', target: 300, windowDays: 10, actual: 100, result: 'missed', daysToTarget: 45 },
      null,
      null,
    ]);
    expect(out.issues[0]).toMatchObject({ key: 'MKT-1', cycleTimeDays: 30 + 22.5 / 24 });
    // spring only: summer's request never launched; MKT-1 and MKT-2 share spring, counted once.
    expect(out.summary).toMatchObject({
      count: 4,
      launched: 3,
      attainmentRate: 0.5,
      pipelineInfluence: 90_000,
      revenueContribution: 12_000,
      costPerLead: 1_500 / 400,
      costPerOpportunity: 1_500 / 5,
      conversionVelocityDays: 37.5,
    });
  });

  it('without --outcomes the report is as before', async () => {
    const out = JSON.parse(await runMetricsCommand(['--input', input, ...NOW], 0));
    expect(out.issues[0].outcomes).toBeUndefined();
    expect(out.summary.attainmentRate).toBeUndefined();
  });

  it('goes with --forecast: both parts in one report', async () => {
    const out = JSON.parse(await runMetricsCommand(['--input', input, '--outcomes', crm, '--forecast', ...NOW], 0));
    expect(out.summary).toHaveProperty('forecastBasis');
    expect(out.summary.attainmentRate).toBe(0.5);
    expect(out.issues[1].outcomes).toMatchObject({ result: 'missed' });
  });

  it('prints the outcomes in the table', async () => {
    const table = await runMetricsCommand(['--input', input, '--outcomes', crm, ...NOW, '--format', 'table'], 0);
    expect(table).toContain('Outcomes: attainment 50%   conversion velocity (days) 37.5');
    expect(table).toContain('Pipeline influence 90,000   revenue contribution 12,000   cost per lead 3.75   cost per opportunity 300');
    expect(table).toMatch(/MKT-2\s+leads\s+300\s+10\s+100 missed\s+45/);
  });

  it('judges the issues as they stood at --now: a launch later that day, and an issue filed after it, are not there yet', async () => {
    const launchedLater = issue('MKT-5', { campaign: 'autumn' }, '2026-06-05T09:00:00.000+0000', '300 leads within 10 days of launch');
    const filed = issue('MKT-6', { campaign: 'winter' }, '2026-06-05T10:00:00.000+0000', '10 leads within 5 days of launch');
    const filedLater = { ...filed, fields: { ...filed.fields, created: '2026-06-05T09:30:00.000+0000' } };
    const pastNow = file('past-now.json', { issues: [EXPORT.issues[0], launchedLater, filedLater], schema: SCHEMA });
    const pipeline = file('past-now.csv', 'campaign,date,pipeline\nspring,2026-06-01,100\nautumn,2026-06-05,5000\nwinter,2026-06-05,700\n');
    const out = JSON.parse(
      await runMetricsCommand(['--input', pastNow, '--outcomes', pipeline, '--now', '2026-06-05T08:00:00.000+0000'], 0),
    );
    expect(out.issues.map((i: { key: string }) => i.key)).toEqual(['MKT-1', 'MKT-5']);
    expect(out.issues[1].outcomes).toMatchObject({ indicator: 'leads', result: 'not-measured' });
    // Only spring's request had launched by then: autumn's launch, later the same day, adds nothing yet.
    expect(out.summary).toMatchObject({ count: 2, launched: 1, pipelineInfluence: 100 });
  });

  it('never rounds an attainment rate that is not whole up to 100%: 199 of 200 is >99%', async () => {
    const many = file('many.json', {
      issues: Array.from({ length: 200 }, (_, n) =>
        issue(`MKT-${n + 1}`, { campaign: `c${n}` }, '2026-06-01T09:00:00.000+0000', '100 leads within 10 days of launch'),
      ),
      schema: SCHEMA,
    });
    const leads = file(
      'many.csv',
      ['campaign,date,leads', ...Array.from({ length: 200 }, (_, n) => `c${n},2026-06-05,${n === 0 ? 99 : 100}`)].join('\n'),
    );
    const table = await runMetricsCommand(['--input', many, '--outcomes', leads, ...NOW, '--format', 'table'], 0);
    expect(table).toContain('Outcomes: attainment >99%');
  });

  it('names the CSV line at fault, and exits with 2', async () => {
    const bad = file('bad.csv', 'campaign,date,leads\nspring,2026-06-10,12k\n');
    await expect(runMetricsCommand(['--input', input, '--outcomes', bad, ...NOW], 0)).rejects.toThrow(
      `outcomes file ${bad}: line 2: leads "12k" is not a number`,
    );
    let status = 0;
    let stderr = '';
    try {
      execFileSync(
        process.execPath,
        ['--import', 'tsx', path.resolve(__dirname, '../../src/cli/metrics.ts'), '--input', input, '--outcomes', bad],
        { stdio: 'pipe' },
      );
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toContain('line 2: leads "12k" is not a number');
    await expect(runMetricsCommand(['--input', input, '--outcomes', path.join(dir, 'none.csv')], 0)).rejects.toThrow(
      /cannot read outcomes file .*ENOENT/,
    );
  });

  it("judges a site's own indicators named with --indicators, and refuses a key that is not one", async () => {
    const own = file('own.json', {
      issues: [
        issue(
          'MKT-7',
          { campaign: 'demo-day', metric: { indicator: 'demosBooked', target: 20, windowDays: 14 } },
          '2026-06-01T09:00:00.000+0000',
          '20 demos booked within 14 days of launch',
        ),
      ],
      schema: SCHEMA,
    });
    const ownCrm = file('own.csv', 'campaign,date,demosBooked,spend\ndemo-day,2026-06-10,24,500\n');
    const args = ['--input', own, '--outcomes', ownCrm, ...NOW];
    await expect(runMetricsCommand(args, 0)).rejects.toThrow('column "demosBooked" is not an indicator or spend');
    // The field writes the indicator's label: without it the key is read as the label, and the text is no metric.
    expect(JSON.parse(await runMetricsCommand([...args, '--indicators', 'leads,demosBooked'], 0)).issues[0].outcomes).toBeNull();
    const out = JSON.parse(await runMetricsCommand([...args, '--indicators', 'leads,demosBooked=demos booked'], 0));
    expect(out.issues[0].outcomes).toEqual({
      indicator: 'demosBooked',
      target: 20,
      windowDays: 14,
      actual: 24,
      result: 'attained',
      daysToTarget: 9,
    });
    await expect(runMetricsCommand([...args, '--indicators', 'leads,Demos Booked'], 0)).rejects.toThrow(
      '--indicators: "Demos Booked" is not an indicator key',
    );
    await expect(runMetricsCommand(['--input', own, '--indicators', 'leads'], 0)).rejects.toThrow('--indicators goes with --outcomes');
  });

  it('names the issue and field of a malformed campaign key', async () => {
    const emptyCampaign = file('empty-campaign.json', { issues: [issue('MKT-9', { campaign: ' ' })] });
    await expect(runMetricsCommand(['--input', emptyCampaign, '--outcomes', crm], 0)).rejects.toThrow(
      'flight-plan-summary.campaign: must not be empty',
    );
  });

  // The app reads targets from the Success metric field, never from the summary property anyone who may edit the issue can
  // rewrite (refresh-attainment, the Outcomes gadget): the command used to read the property.
  it('reads the target from the Success metric field, not the summary property', async () => {
    // Each property claims a target of 1 lead, reached at once.
    const property = { campaign: 'spring', metric: { indicator: 'leads', target: 1, windowDays: 10 } };
    const rewritten = file('rewritten.json', {
      issues: ['400 registrations within 30 days of launch', 'more leads by Q1', '5 likes within 3 days'].map((text, index) =>
        issue(`MKT-${index + 1}`, property, '2026-06-01T00:30:00.000+0200', text),
      ),
      schema: SCHEMA,
    });
    const out = JSON.parse(await runMetricsCommand(['--input', rewritten, '--outcomes', crm, ...NOW], 0));
    expect(out.issues.map((i: { outcomes: unknown }) => i.outcomes)).toEqual([
      { indicator: 'registrations', target: 400, windowDays: 30, actual: 410, result: 'attained', daysToTarget: 30 },
      // Free text, and an indicator the catalogue does not have: no success metric, as on the gadget.
      null,
      null,
    ]);
    expect(out.summary.attainmentRate).toBe(1);
  });

  it('says so when the export does not carry the Success metric field', async () => {
    const withoutField = file('without-field.json', { issues: EXPORT.issues });
    await expect(runMetricsCommand(['--input', withoutField, '--outcomes', crm, ...NOW], 0)).rejects.toThrow(
      `input ${withoutField}: the export does not carry the Success metric field`,
    );
  });
});
