import { performance } from 'node:perf_hooks';
import { parseMetricsExport } from '../src/contracts/jira-export.schema';
import { DEFAULT_CONFIG } from '../src/domain/app-config';
import { backtestForecasts, type Calibration } from '../src/domain/forecast/backtest';
import { forecastMeasured, isOpen, measureAt } from '../src/domain/forecast/launch-forecast';
import type { IssueHistory } from '../src/domain/metrics/issue-metrics';
import { stageLookup } from '../src/domain/metrics/workflow-metrics';
import { bareDemoSite, DEMO_CONFIG } from '../sandbox/demo-data';
import { seedDemo } from '../sandbox/seed';
import { sandboxSite, SITE_NOW } from '../test/sandbox/sandbox-site';
import { syntheticTeam } from './synthetic-team';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const SEED = 14;

/** 1,000 open requests, 10,000 simulations each, over 10,000 past launches, on this one thread. */
const benchForecastSpeed = (): void => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const measured = measureAt(syntheticTeam({ now, weeks: 52, perWeek: 340, seed: 1 }), stageLookup(DEFAULT_CONFIG.statusMap), now);
  const launched = measured.filter(({ metrics }) => metrics.launchedAt !== null).slice(0, 10_000);
  const open = measured.filter(({ metrics }) => isOpen(metrics)).slice(0, 1_000);
  if (launched.length < 10_000 || open.length < 1_000)
    throw new Error(`synthetic team too small: ${launched.length} launched, ${open.length} open`);
  const histories = [...launched, ...open].map(({ history }) => history);
  // Half of them assigned to a builder with twice the usual load: their remaining work is stretched (builder-load.ts).
  const loadFactors = new Map(open.filter((_, index) => index % 2 === 0).map(({ history }) => [history.id, 2]));
  const times: number[] = [];
  let basis = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const made = forecastMeasured(measureAt(histories, stageLookup(DEFAULT_CONFIG.statusMap), now), {
      now,
      seed: SEED,
      simulations: 10_000,
      loadFactors,
    });
    times.push(performance.now() - started);
    basis = made.basis;
    if ([...made.forecasts.values()].filter((forecast) => forecast !== null).length !== 1_000) throw new Error('forecasts missing');
  }
  console.log(
    `launch forecasts, 1,000 open requests × 10,000 simulations over ${basis.toLocaleString('en')} past launches (stage times included; half of them for a builder at twice the usual load): ` +
      `${Math.min(...times).toFixed(0)} ms best of 3, one thread`,
  );
};

const percent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

const printCalibration = (label: string, calibration: Calibration): void => {
  const { p50, p85, brier, baseRateBrier } = calibration;
  console.log(
    `forecast backtest, ${label}: ${calibration.forecasts.toLocaleString('en')} forecasts at ${calibration.dates} weekly dates; ` +
      `launched by p50 ${percent(p50.share)} (${p50.landed}/${p50.scored}, target 42–58%), by p85 ${percent(p85.share)} (${p85.landed}/${p85.scored}, target 80–90%); ` +
      `on-time Brier ${brier?.toFixed(3) ?? '—'} vs base rate ${baseRateBrier?.toFixed(3) ?? '—'} over ${calibration.onTimeScored} with due dates`,
  );
};

/** Weekly forecast dates from `latest` back over `count` weeks, oldest first. */
const weeklyDates = (latest: number, count: number): number[] => Array.from({ length: count }, (_, i) => latest - (count - 1 - i) * WEEK);

/**
 * The demo site's requests as `npm run metrics` reads them, from the sandbox's Jira REST: the
 * issues from `POST /search/jql` (with the summary property, which carries the tier), their status
 * changes from `POST /changelog/bulkfetch`, as the metrics refresh fetches them.
 */
const demoHistories = async (): Promise<IssueHistory[]> => {
  const { jira, store, call } = sandboxSite({}, bareDemoSite());
  await seedDemo(jira, store, { anchor: SITE_NOW });
  const pages = async (path: string, body: object, read: (page: unknown) => void): Promise<void> => {
    let nextPageToken: string | undefined;
    do {
      const page = await call('POST', path, { ...body, ...(nextPageToken ? { nextPageToken } : {}) });
      if (page.status !== 200) throw new Error(`${path}: ${page.status}`);
      read(page.body);
      nextPageToken = (page.body as { nextPageToken?: string }).nextPageToken;
    } while (nextPageToken !== undefined);
  };
  const issues: { id: string }[] = [];
  await pages(
    '/search/jql',
    { jql: 'project = MKT', fields: ['created', 'duedate', 'status'], properties: ['flight-plan-summary'], maxResults: 100 },
    (page) => issues.push(...(page as { issues: { id: string }[] }).issues),
  );
  const changelogs: unknown[] = [];
  for (let start = 0; start < issues.length; start += 1_000) {
    const issueIdsOrKeys = issues.slice(start, start + 1_000).map((issue) => issue.id);
    await pages('/changelog/bulkfetch', { issueIdsOrKeys, fieldIds: ['status'] }, (page) =>
      changelogs.push(...(page as { issueChangeLogs: unknown[] }).issueChangeLogs),
    );
  }
  store.flush();
  const parsed = parseMetricsExport({ issues, changelogs });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

/** Calibration of the launch forecasts on synthetic history and on the sandbox's demo data. */
export const benchForecasts = async (): Promise<void> => {
  benchForecastSpeed();
  const now = Date.parse('2026-06-01T00:00:00Z');
  const team = syntheticTeam({ now, weeks: 78, perWeek: 8, seed: 7 });
  // Forecasts made 8 to 30 weeks ago: old enough for most outcomes to be known.
  printCalibration(
    `synthetic team (${team.length} requests over 78 weeks)`,
    backtestForecasts(team, stageLookup(DEFAULT_CONFIG.statusMap), { now, seed: SEED, forecastDates: weeklyDates(now - 8 * WEEK, 23) }),
  );
  const demo = await demoHistories();
  const anchor = SITE_NOW.getTime();
  printCalibration(
    `demo data (${demo.length} requests)`,
    backtestForecasts(demo, stageLookup(DEMO_CONFIG.statusMap), {
      now: anchor,
      seed: SEED,
      forecastDates: weeklyDates(anchor - 8 * WEEK, 23),
    }),
  );
};
