import type { SlaState } from '../../../src/domain/sla';
import { viewerTime } from '../../shared/viewer-time';
import { PERIOD_DAYS } from '../../../src/contracts/gadget.schema';
import type { PeriodChoice } from '../../../src/domain/metrics/periods';
import { percentWords } from '../../../src/domain/percent-words';

const plural = (count: number, one: string, many = `${one}s`): string => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
/** Days as a person says them: "16 days", "3.8 days", "1 day". */
const dayCount = (days: number): string => {
  const rounded = days >= 10 ? Math.round(days) : Math.round(days * 10) / 10;
  return `${rounded.toLocaleString('en-US')} ${rounded === 1 ? 'day' : 'days'}`;
};

/** "Q3 2026": the calendar quarter an instant falls in (UTC, as the reports count quarters). */
const quarterName = (instant: string): string => {
  const date = new Date(instant);
  return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
};

/** A report's period as the gadget names it, and what its figures are compared with. */
export const periodWords = (
  scope: { readonly period?: PeriodChoice; readonly periodDays: number },
  start: string,
): { readonly label: string; readonly against: string } => {
  switch (scope.period ?? 'days') {
    case 'quarter':
      return { label: `this quarter so far (${quarterName(start)})`, against: 'the same days of last quarter' };
    case 'last-quarter':
      return { label: `last quarter (${quarterName(start)})`, against: 'the quarter before' };
    case 'days':
      return { label: `last ${scope.periodDays} days`, against: `the previous ${scope.periodDays} days` };
  }
};

const DAY_PERIODS = PERIOD_DAYS.map((days) => ({ value: String(days), label: `Last ${days} days` }));

/** The periods the Health and Outcomes gadgets' edit views offer, in the words of their Period list: one list, by one rule (src/domain/metrics/periods.ts). */
export const PERIOD_OPTIONS: readonly { readonly value: string; readonly label: string }[] = [
  ...DAY_PERIODS,
  { value: 'quarter', label: 'This quarter so far' },
  { value: 'last-quarter', label: 'Last quarter' },
];

/** Every word the gadgets show, in one place, so they stay consistent. */
export const WORDS = {
  plural,
  triage: {
    listLabel: 'Requests awaiting triage, highest score first',
    empty: 'Nothing is waiting for a triage decision.',
    scoresMissing: 'Impact, Confidence or Effort not scored yet',
    score: (score: number | null): string => (score === null ? 'not scored' : `score ${score} of 125`),
    recommendation: { accept: 'recommend accept', wait: 'recommend wait', decline: 'recommend decline' } as const,
    suggested: '(suggested by the scores)',
    noTier: 'tier not set',
    waited: (days: number, stage: 'triage' | 'waiting'): string => `${dayCount(days)} in ${stage === 'waiting' ? 'Waiting' : 'Triage'}`,
    /** The workflow's own word for a request parked out of triage. */
    inWaiting: 'waiting',
    slaState: { within: 'within SLA', 'last-day': 'last day of SLA', breached: 'SLA missed', escalated: 'escalated' } satisfies Record<
      SlaState,
      string
    >,
    slaUsed: (used: number, budget: number): string => `${used} of ${plural(budget, 'business day')} used`,
    footer: (count: number, more: boolean, computedAt: string): string =>
      `${plural(count, 'request')}${more ? ' (the top of a longer queue)' : ''} · as of ${viewerTime(computedAt)}`,
  },
} as const;

const oneDecimal = (value: number): string => (value >= 10 ? value.toFixed(0) : value.toFixed(1));
const same = (format: (value: number) => string) => ({ value: format, change: format });

/** The Workflow health figures: each with its unit, a rate's change in percentage points. */
export const FIGURES = {
  days: same((value: number) => `${oneDecimal(value)} ${value === 1 ? 'day' : 'days'}`),
  rate: {
    value: (value: number) => percentWords(value),
    // A change under half a point is no "0": it is said to the tenth, and below that as under 0.1.
    change: (change: number) => {
      const points = Math.abs(change) * 100;
      if (points >= 0.5) return `${Math.round(points)} percentage point${Math.round(points) === 1 ? '' : 's'}`;
      return points < 0.05 ? 'under 0.1 percentage points' : `${points.toFixed(1)} percentage points`;
    },
  },
  perWeek: same((value: number) => `${value.toFixed(1)} a week`),
  perRequest: same((value: number) => value.toFixed(2)),
} as const;
