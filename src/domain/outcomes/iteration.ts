import type { Observation } from '../flight-plan-record';
import { indicatorFigure, indicatorLabel, metricSentence, type Indicator } from './metric-sentence';
import type { RequestOutcome } from './outcomes';

/**
 * Performance-triggered iteration: a request whose window ended short of its target, or whose
 * launch watch recorded an anomaly, offers its owner a new request that learns from it, linked to
 * it ("relates to"), pre-filled from it, and put through the same intake gate as any other.
 */
export type IterationReason = 'missed' | 'partly' | 'anomaly';

/** Why a request offers an iteration, with what the new request should say about it. */
type IterationGrounds =
  | { readonly reason: 'missed' | 'partly'; readonly outcome: RequestOutcome & { readonly actual: number } }
  | { readonly reason: 'anomaly'; readonly anomalies: readonly Observation[] };

/**
 * The grounds for an iteration, or null when there are none: a window that ended short of its target
 * comes first (the figures say what fell short); else the launch watch's anomalies.
 */
export const iterationGrounds = (outcome: RequestOutcome | null, observations: readonly Observation[]): IterationGrounds | null => {
  if ((outcome?.result === 'missed' || outcome?.result === 'partly') && outcome.actual !== null)
    return { reason: outcome.result, outcome: { ...outcome, actual: outcome.actual } };
  const anomalies = observations.filter((observation) => observation.anomaly === true);
  return anomalies.length > 0 ? { reason: 'anomaly', anomalies } : null;
};

/** Jira's longest summary. */
const MAX_SUMMARY = 255;

interface IterationDraft {
  readonly summary: string;
  /** The business context, as plain text: what happened, then the original's context. */
  readonly description: string;
  /** The success metric, in the form the intake gate reads. */
  readonly successMetric: string;
}

const whatHappened = (key: string, grounds: IterationGrounds, catalogue: readonly Indicator[]): string => {
  if (grounds.reason === 'anomaly') {
    const seen = grounds.anomalies.map((observation) => `at +${observation.checkpoint}, ${observation.note}`).join('; ');
    return `Iterates on ${key}, whose launch watch recorded an anomaly: ${seen}.`;
  }
  const { outcome } = grounds;
  const reached = `${indicatorFigure(outcome.indicator, outcome.actual)} of ${indicatorFigure(outcome.indicator, outcome.target)} ${indicatorLabel(outcome.indicator, catalogue)}`;
  const result = grounds.reason === 'partly' ? 'partly attained its target' : 'missed its target';
  return `Iterates on ${key}, which ${result}: ${reached} within ${String(outcome.windowDays)} days of launch.`;
};

/**
 * The new request, pre-filled from the one it learns from: its summary, its business context with
 * what happened, and the same success metric (the intake gate judges it again). A shortfall restates
 * the judged metric; after an anomaly the original's Success metric text is kept as it was.
 */
export const iterationDraft = (
  original: { readonly key: string; readonly summary: string; readonly description: string; readonly successMetric: string },
  grounds: IterationGrounds,
  catalogue: readonly Indicator[],
): IterationDraft => {
  const summary = `Iteration: ${original.summary}`;
  return {
    summary: summary.length <= MAX_SUMMARY ? summary : `${summary.slice(0, MAX_SUMMARY - 1)}…`,
    description: [whatHappened(original.key, grounds, catalogue), original.description].filter((part) => part.trim() !== '').join('\n\n'),
    successMetric: grounds.reason === 'anomaly' ? original.successMetric : metricSentence(grounds.outcome, catalogue),
  };
};
