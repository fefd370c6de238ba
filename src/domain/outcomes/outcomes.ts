import { toCalendarDate } from '../business-days';
import { quantile } from '../metrics/aggregate';
import { issueMetrics, type IssueHistory, type StageOfStatus } from '../metrics/issue-metrics';
import { SPEND, type SuccessMetric } from './catalogue';
import {
  addDays,
  campaignFigures,
  daysBetween,
  firstDateReaching,
  latestValue,
  type CalendarDate,
  type CampaignFigures,
  type CampaignSnapshot,
} from './snapshots';

export type OutcomeResult = 'attained' | 'partly' | 'missed' | 'no-data' | 'not-measured';

/** What outcomes need of one request. */
export interface OutcomeRequest {
  readonly key: string;
  /** The campaign key (`utm_campaign`) joining the request to the CRM's figures. */
  readonly campaign: string | null;
  readonly metric: SuccessMetric | null;
  /** UTC date of the first entry into Launch or a later stage, as cycle time takes it; null when never launched. */
  readonly launchDate: CalendarDate | null;
}

export interface RequestOutcome extends SuccessMetric {
  readonly actual: number | null;
  readonly result: OutcomeResult;
  readonly daysToTarget: number | null;
}

/** The six outcome figures over a set of requests; null where nothing qualifies. */
export interface OutcomeSummary {
  readonly attainmentRate: number | null;
  readonly pipelineInfluence: number | null;
  readonly revenueContribution: number | null;
  readonly costPerLead: number | null;
  readonly costPerOpportunity: number | null;
  readonly conversionVelocityDays: number | null;
}

/** The UTC date a request first entered Launch or a later stage: the instant cycle time ends at. */
export const launchDateOf = (history: IssueHistory, stageOf: StageOfStatus, now: number): CalendarDate | null => {
  const { launchedAt } = issueMetrics(history, stageOf, now);
  return launchedAt === null ? null : toCalendarDate(new Date(launchedAt));
};

/** Launched as of `today`: a launch recorded after it has not happened yet. */
const isLaunched = (request: OutcomeRequest, today: CalendarDate): request is OutcomeRequest & { launchDate: CalendarDate } =>
  request.launchDate !== null && request.launchDate <= today;

const judge = (actual: number, target: number): OutcomeResult =>
  actual >= target ? 'attained' : actual >= target / 2 ? 'partly' : 'missed';

/**
 * One request's outcome as of `today`; null without a success metric. Measured once launch date +
 * window ≤ today; the actual is read as of the window's last day, so later snapshots do not count.
 * Days to target is known as soon as a snapshot reaches the target, even inside the window.
 */
export const requestOutcome = (request: OutcomeRequest, figures: CampaignFigures, today: CalendarDate): RequestOutcome | null => {
  const { metric, campaign } = request;
  if (metric === null) return null;
  if (!isLaunched(request, today)) return { ...metric, actual: null, result: 'not-measured', daysToTarget: null };
  const { launchDate } = request;
  const reached = campaign === null ? null : firstDateReaching(figures, campaign, metric.indicator, metric.target, launchDate);
  const daysToTarget = reached === null ? null : daysBetween(launchDate, reached);
  const windowEnd = addDays(launchDate, metric.windowDays);
  if (windowEnd > today) return { ...metric, actual: null, result: 'not-measured', daysToTarget };
  const actual = campaign === null ? null : latestValue(figures, campaign, metric.indicator, windowEnd);
  return { ...metric, actual, result: actual === null ? 'no-data' : judge(actual, metric.target), daysToTarget };
};

/** A launched request's outcome as JQL filters it: judged, or open while its window runs or no figure has come. */
export type Attainment = 'attained' | 'partly' | 'missed' | 'open';

/** The attainment of a request's outcome; null without a success metric (or before launch), when there is nothing to filter. */
export const attainmentOf = (outcome: RequestOutcome | null): Attainment | null => {
  if (outcome === null) return null;
  const { result } = outcome;
  return result === 'attained' || result === 'partly' || result === 'missed' ? result : 'open';
};

/** Sums `key`'s latest value over campaigns; null when none of them has it. */
const sumOfLatest = (figures: CampaignFigures, campaigns: Iterable<string>, key: string): number | null => {
  let sum: number | null = null;
  for (const campaign of campaigns) {
    const value = latestValue(figures, campaign, key);
    if (value !== null) sum = (sum ?? 0) + value;
  }
  return sum;
};

/** Σ spend / Σ `per` over the campaigns that have both (latest of each); null when nothing qualifies or Σ `per` is 0. */
const costPer = (figures: CampaignFigures, campaigns: Iterable<string>, per: string): number | null => {
  let spend = 0;
  let units = 0;
  for (const campaign of campaigns) {
    const campaignSpend = latestValue(figures, campaign, SPEND);
    const campaignUnits = latestValue(figures, campaign, per);
    if (campaignSpend === null || campaignUnits === null) continue;
    spend += campaignSpend;
    units += campaignUnits;
  }
  return units === 0 ? null : spend / units;
};

/**
 * The outcome figures over requests and their outcomes (same order). Campaign figures count each
 * distinct campaign of a launched request once, however many requests share it.
 */
const summarizeOutcomes = (
  requests: readonly OutcomeRequest[],
  outcomes: readonly (RequestOutcome | null)[],
  figures: CampaignFigures,
  today: CalendarDate,
): OutcomeSummary => {
  const judged = outcomes.filter((o) => o?.result === 'attained' || o?.result === 'partly' || o?.result === 'missed');
  const attained = judged.filter((o) => o?.result === 'attained').length;
  const days = Float64Array.from(outcomes.flatMap((o) => (o?.daysToTarget == null ? [] : [o.daysToTarget]))).sort();
  const campaigns = new Set(requests.flatMap((r) => (isLaunched(r, today) && r.campaign !== null ? [r.campaign] : [])));
  return {
    attainmentRate: judged.length === 0 ? null : attained / judged.length,
    pipelineInfluence: sumOfLatest(figures, campaigns, 'pipeline'),
    revenueContribution: sumOfLatest(figures, campaigns, 'revenue'),
    costPerLead: costPer(figures, campaigns, 'leads'),
    costPerOpportunity: costPer(figures, campaigns, 'opportunities'),
    conversionVelocityDays: quantile(days, 0.5),
  };
};

export interface OutcomesReport {
  readonly outcomes: readonly (RequestOutcome | null)[];
  readonly summary: OutcomeSummary;
}

/** Every request's outcome and the summary as of `now`'s UTC date; snapshots dated after it do not count. */
export const outcomesReport = (
  requests: readonly OutcomeRequest[],
  snapshots: readonly CampaignSnapshot[],
  now: number,
): OutcomesReport => {
  const today = toCalendarDate(new Date(now));
  const figures = campaignFigures(snapshots, today);
  const outcomes = requests.map((request) => requestOutcome(request, figures, today));
  return { outcomes, summary: summarizeOutcomes(requests, outcomes, figures, today) };
};
