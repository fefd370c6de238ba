import { isBlank, listOf, type GateChecks } from './gate-context';

type MeasureItem = 'measure.retrospective' | 'measure.outcome';

const QUESTIONS = [
  ['slowedDown', 'what slowed us down'],
  ['rework', 'what required rework'],
  ['broke', 'what broke'],
  ['template', 'what should become a template'],
] as const;

export const MEASURE_CHECKS: GateChecks<MeasureItem> = {
  'measure.retrospective': ({ record }) => {
    const open = QUESTIONS.filter(([key]) => isBlank(record.retrospective[key])).map(([, question]) => question);
    return open.length === 0 ? null : `retrospective unanswered: ${listOf(open)}`;
  },
  'measure.outcome': ({ record }) => {
    const outcome = record.retrospective.outcome;
    if (outcome === undefined) return 'outcome against the success metric missing';
    return isBlank(outcome.actual) ? 'outcome lacks the actual figure' : null;
  },
};
