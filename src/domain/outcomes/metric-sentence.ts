import { MAX_METRIC_TARGET, type SuccessMetric } from './catalogue';

/**
 * A success metric as people write it and Jira keeps it: "400 registrations within 30 days of
 * launch". The Success metric field is text (Jira lists and searches it, and the Create screen
 * can hold it), so the structure travels in that text in one fixed form: a target, an indicator
 * of the admin's catalogue by its label, and a window in days. The intake gate, the Create rule
 * and the summary property all read it with the one grammar below.
 */
export interface Indicator {
  /** Stable key the figures and the summary property use ("registrations", "conversionRate"). */
  readonly key: string;
  /** What people write and read ("registrations", "conversion rate"). */
  readonly label: string;
}

/** The default catalogue; the admin page keeps the site's own. */
export const DEFAULT_INDICATOR_CATALOGUE: readonly Indicator[] = [
  { key: 'leads', label: 'leads' },
  { key: 'mqls', label: 'MQLs' },
  { key: 'opportunities', label: 'opportunities' },
  { key: 'pipeline', label: 'pipeline' },
  { key: 'revenue', label: 'revenue' },
  { key: 'signups', label: 'sign-ups' },
  { key: 'registrations', label: 'registrations' },
  { key: 'conversionRate', label: 'conversion rate' },
];

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The grammar as a regular expression over the lower-cased, trimmed text, written in the part of
 * regex syntax Java (Jira expressions' `match`) and JavaScript read alike: no flags, no lookaround.
 * The target is above 0 (thousands may be separated by commas, a currency sign or a % is allowed),
 * the window 1 to 999 days. Optionally after it, a baseline ("from a baseline of 120") and a
 * planned spend ("planned spend $5,000"), each a number of 0 or more. Groups: 1 the target, 2 the
 * indicator's label, 3 the window in days, 4 the baseline, 5 the planned spend.
 */
export const metricSentencePattern = (catalogue: readonly Indicator[]): string => {
  // Longest labels first, so "conversion rate" is not read as a shorter label that starts it.
  const labels = [...catalogue].map((indicator) => indicator.label.toLowerCase()).sort((a, b) => b.length - a.length);
  const target = '0*[1-9][0-9,]*(?:[.][0-9]+)?|0*[.][0-9]*[1-9][0-9]*';
  const amount = '[0-9][0-9,]*(?:[.][0-9]+)?';
  const baseline = `(?:,? +(?:from +)?(?:a +)?baseline +(?:of +)?[$€£]?(${amount})%?)?`;
  const spend = `(?:,? +(?:with +)?(?:a +)?planned +spend +(?:of +)?[$€£]?(${amount}))?`;
  return `^[$€£]?(${target})%? +(${labels.map(escapeRegex).join('|')}) +within +([1-9][0-9]{0,2}) +days?(?: +of +launch)?${baseline}${spend}$`;
};

/** A success metric as stated at intake: the metric, and the optional baseline and planned spend beside it. */
interface MetricStatement {
  readonly metric: SuccessMetric;
  /** Where the indicator stood before the request (same unit as the target). */
  readonly baseline?: number;
  /** The money the request plans to spend, to set beside the campaign's spend. */
  readonly plannedSpend?: number;
}

const amountOf = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text.replace(/,/g, '')));

/** Reads a success metric stated in the fixed form, with its baseline and planned spend; null when the text does not follow it. */
export const parseMetricStatement = (text: string, catalogue: readonly Indicator[]): MetricStatement | null => {
  const match = new RegExp(metricSentencePattern(catalogue)).exec(text.trim().toLowerCase());
  const indicator = match === null ? undefined : catalogue.find((candidate) => candidate.label.toLowerCase() === match[2]);
  if (match === null || indicator === undefined) return null;
  const target = Number((match[1] as string).replace(/,/g, ''));
  const baseline = amountOf(match[4]);
  const plannedSpend = amountOf(match[5]);
  if ([target, baseline ?? 0, plannedSpend ?? 0].some((amount) => amount > MAX_METRIC_TARGET)) return null;
  return {
    metric: { indicator: indicator.key, target, windowDays: Number(match[3]) },
    ...(baseline === undefined ? {} : { baseline }),
    ...(plannedSpend === undefined ? {} : { plannedSpend }),
  };
};

/** Reads a success metric written in the fixed form; null when the text does not follow it. */
export const parseMetricSentence = (text: string, catalogue: readonly Indicator[]): SuccessMetric | null =>
  parseMetricStatement(text, catalogue)?.metric ?? null;

/** An indicator as people name it: its label in the site's catalogue, else its key. */
export const indicatorLabel = (key: string, catalogue: readonly Indicator[]): string =>
  catalogue.find((candidate) => candidate.key === key)?.label ?? key;

/** A figure of an indicator as people read it: "8%" for the conversion rate, "1,200.5" for counts and amounts. */
export const indicatorFigure = (key: string, value: number): string =>
  `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}${key === 'conversionRate' ? '%' : ''}`;

/** The readable copy of a structured metric, in the form `parseMetricSentence` reads back. */
export const metricSentence = (metric: SuccessMetric, catalogue: readonly Indicator[]): string =>
  `${indicatorFigure(metric.indicator, metric.target)} ${indicatorLabel(metric.indicator, catalogue)} within ${metric.windowDays} day${metric.windowDays === 1 ? '' : 's'} of launch`;

/** How the intake gate and the Create rule ask for the fixed form, with the site's labels. */
export const metricFormHint = (catalogue: readonly Indicator[]): string =>
  `write it like "400 registrations within 30 days of launch, from a baseline of 120, planned spend $5,000" (the baseline and the spend are optional), with one of: ${catalogue.map((indicator) => indicator.label).join(', ')}`;

/**
 * The stable key of a new indicator, from its label: "webinar attendees" → "webinarAttendees", a
 * number after it when another indicator has that key. Keys never change once figures use them.
 */
export const indicatorKeyFor = (label: string, catalogue: readonly Indicator[]): string => {
  const words = label
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  const base = words.map((word, index) => (index === 0 ? word : `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`)).join('');
  // A key starts with a letter (the configuration's rule), so a label of digits or other scripts gets one.
  const stem = (/^[a-z]/.test(base) ? base : `indicator${base}`).slice(0, 36);
  const taken = new Set(catalogue.map((indicator) => indicator.key.toLowerCase()));
  if (!taken.has(stem.toLowerCase())) return stem;
  let n = 2;
  while (taken.has(`${stem}${n}`.toLowerCase())) n++;
  return `${stem}${n}`;
};
