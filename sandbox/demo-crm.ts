import { campaignStorageKey, snapshotsOf, type StoredCampaignFigures } from '../src/contracts/crm-figures.schema';
import { parseJiraInstant } from '../src/contracts/jira-time';
import { toCalendarDate } from '../src/domain/business-days';
import { DAY_MS } from '../src/domain/durations';
import { successMetricSchema } from '../src/contracts/success-metric.schema';
import { csvRows } from '../src/domain/csv';
import type { SuccessMetric } from '../src/domain/outcomes/catalogue';
import { addDays, campaignFigures, latestValue, type CalendarDate } from '../src/domain/outcomes/snapshots';
import { storedFigures } from '../src/use-cases/outcomes';
import { parseStoredConfig } from '../src/contracts/app-config.schema';
import { DEFAULT_CONFIG } from '../src/domain/app-config';
import { stageLookup } from '../src/domain/metrics/workflow-metrics';
import { launchDateOf } from '../src/domain/outcomes/outcomes';
import { ConfigView } from './jira/site-config';
import { storageKeys } from '../src/use-cases/ports';
import type { SiteData, StoredIssue } from './jira/site-state';

/** How far past its target each demo campaign ends, by its number: a few miss, a few fall short, most attain. */
const PERFORMANCE = [1.3, 1.1, 0.8, 1.5, 0.35, 1.2, 1.0, 0.6, 1.4, 0.3] as const;
const WEEK_MS = 7 * DAY_MS;

/**
 * A demo campaign's CRM figures: weekly cumulative snapshots from launch to the anchor (or a fortnight
 * past the window). Deterministic, not random per field: leads follow the metric's progress,
 * opportunities are a tenth of leads, pipeline €25,000 an opportunity, revenue a fifth of pipeline
 * once the window has passed, spend a fixed budget per week.
 */
export const demoCampaignFigures = (
  campaign: string,
  number: number,
  metric: SuccessMetric,
  launchedAt: number,
  anchor: number,
): [string, StoredCampaignFigures] => {
  const performance = PERFORMANCE[number % PERFORMANCE.length] ?? 1;
  const windowEnd = launchedAt + metric.windowDays * DAY_MS;
  const last = Math.min(anchor, windowEnd + 2 * WEEK_MS);
  const entries: StoredCampaignFigures['entries'] = [];
  for (let at = launchedAt, week = 0; at <= last; at += WEEK_MS, week++) {
    // Progress toward the window's end, levelling off after it.
    const progress = Math.min(1, (at - launchedAt + WEEK_MS) / (windowEnd - launchedAt + WEEK_MS));
    // A rate to hundredths; people and money in whole numbers (no 99.32 sign-ups).
    const unrounded = metric.target * performance * progress;
    const reached = metric.indicator === 'conversionRate' ? Math.round(unrounded * 100) / 100 : Math.round(unrounded);
    const leads = metric.indicator === 'leads' ? reached : Math.round(40 * performance * progress * ((number % 5) + 2));
    const opportunities = Math.round(leads / 10);
    const pipeline = opportunities * 25_000;
    const values: Record<string, number> = { leads, opportunities, pipeline, spend: 1_500 * (week + 1), [metric.indicator]: reached };
    if (metric.indicator === 'opportunities') values['pipeline'] = reached * 25_000;
    if (at >= windowEnd) values['revenue'] = Math.round((values['pipeline'] ?? pipeline) / 5);
    entries.push({ date: toCalendarDate(new Date(at)), values, source: 'Demo CRM', at: new Date(anchor).toISOString(), manual: false });
  }
  return [campaignStorageKey(campaign), { campaign, revision: 1, entries }];
};

/** A demo request's launch date, from its status changes in the site's changelog, by the rule the panel and the metrics refresh share. */
export const demoLaunchDate = (site: SiteData, issue: StoredIssue): CalendarDate | null => {
  const stored = parseStoredConfig(site.appStorage[storageKeys.config]);
  // Dated from the issue's changelog, as the panel and the gadgets date it.
  const history = {
    id: issue.id,
    key: issue.key,
    createdAt: parseJiraInstant(issue.created),
    dueDate: issue.duedate,
    currentStatus: new ConfigView(site.config).status(issue.statusId)?.name ?? '',
    changes: issue.histories.flatMap((change) =>
      change.items
        .filter((item) => item.fieldId === 'status')
        .map((item) => ({ at: parseJiraInstant(change.created), fromStatus: item.fromString ?? '', toStatus: item.toString ?? '' })),
    ),
  };
  // The launch instant does not depend on `now` (it only closes the open stage's time): any instant does.
  return launchDateOf(history, stageLookup(stored.ok ? stored.value.config.statusMap : DEFAULT_CONFIG.statusMap), Date.now());
};

/**
 * The demo CRM report to try the admin page's import with (`GET /sandbox/demo-crm-report.csv`), in
 * Flight Plan's own columns: for each launched request whose window has ended short of its target,
 * the CRM's reconciled figure as of its window's last day (the target, reached late-counted leads
 * and all) and its campaign's pipeline a fifth higher. Importing it turns those requests attained,
 * so the Outcomes gadget's attainment and pipeline move. Made from the site as it is, so it fits
 * whatever day the demo data was made on.
 */
export const demoCrmReport = (site: SiteData, today: CalendarDate): string => {
  const indicators = new Set<string>();
  const rows = new Map<string, { campaign: string; date: CalendarDate; values: Record<string, number> }>();
  for (const issue of site.issues) {
    const summary = successSummary(issue.properties['flight-plan-summary']);
    const launchDate = demoLaunchDate(site, issue);
    const stored = storedFigures(site.appStorage[campaignStorageKey(summary?.campaign ?? '')], summary?.campaign ?? '');
    if (summary === null || launchDate === null || stored === null) continue;
    const { campaign, metric } = summary;
    const windowEnd = addDays(launchDate, metric.windowDays);
    if (windowEnd > today) continue;
    const figures = campaignFigures(snapshotsOf(stored), today);
    const actual = latestValue(figures, campaign, metric.indicator, windowEnd);
    if (actual === null || actual >= metric.target) continue;
    const pipeline = latestValue(figures, campaign, 'pipeline');
    indicators.add(metric.indicator);
    rows.set(JSON.stringify([campaign, windowEnd]), {
      campaign,
      date: windowEnd,
      values: { [metric.indicator]: metric.target, ...(pipeline === null ? {} : { pipeline: Math.round(pipeline * 1.2) }) },
    });
  }
  const keys = [...indicators].sort();
  if (!keys.includes('pipeline')) keys.push('pipeline');
  return csvRows([
    ['campaign', 'date', ...keys],
    ...[...rows.values()].map((row) => [row.campaign, row.date, ...keys.map((key) => row.values[key] ?? '')]),
  ]);
};

const successSummary = (raw: unknown): { campaign: string; metric: SuccessMetric } | null => {
  const summary = raw as { campaign?: unknown; metric?: unknown } | undefined;
  const metric = successMetricSchema.safeParse(summary?.metric);
  return typeof summary?.campaign === 'string' && metric.success ? { campaign: summary.campaign, metric: metric.data } : null;
};
