import { indicatorFigure, indicatorLabel, metricSentence, type Indicator } from './metric-sentence';
import type { RequestOutcome } from './outcomes';

/**
 * Performance-triggered iteration: a request whose window ended short of its target offers its
 * owner a new request that learns from it, linked to it ("relates to"), pre-filled from it, and
 * put through the same intake gate as any other.
 */
export type IterationReason = 'missed' | 'partly';

/** Why a request offers an iteration, or null when it does not (attained, not judged yet, no metric). */
export const iterationReason = (outcome: RequestOutcome | null): IterationReason | null =>
  outcome?.result === 'missed' || outcome?.result === 'partly' ? outcome.result : null;

/** Jira's longest summary. */
const MAX_SUMMARY = 255;

export interface IterationDraft {
  readonly summary: string;
  /** The business context, as plain text: what happened, then the original's context. */
  readonly description: string;
  /** The same target, in the form the intake gate reads. */
  readonly successMetric: string;
}

/**
 * The new request, pre-filled from the one that fell short: its summary, its business context
 * with what the figures said, and the same success metric (the intake gate judges it again).
 */
export const iterationDraft = (
  original: { readonly key: string; readonly summary: string; readonly description: string },
  outcome: RequestOutcome & { readonly actual: number },
  catalogue: readonly Indicator[],
): IterationDraft => {
  const reached = `${indicatorFigure(outcome.indicator, outcome.actual)} of ${indicatorFigure(outcome.indicator, outcome.target)} ${indicatorLabel(outcome.indicator, catalogue)}`;
  const result = outcome.result === 'partly' ? 'partly attained its target' : 'missed its target';
  const summary = `Iteration: ${original.summary}`;
  return {
    summary: summary.length <= MAX_SUMMARY ? summary : `${summary.slice(0, MAX_SUMMARY - 1)}…`,
    description: [
      `Iterates on ${original.key}, which ${result}: ${reached} within ${outcome.windowDays} days of launch.`,
      original.description,
    ]
      .filter((part) => part.trim() !== '')
      .join('\n\n'),
    successMetric: metricSentence(outcome, catalogue),
  };
};
