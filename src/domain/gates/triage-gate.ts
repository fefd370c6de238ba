import { triageConflict, TRIAGE_CONFLICT_MESSAGES } from '../separation-of-duties';
import { isValidScore, type TriageScores } from '../triage-score';
import { listOf, type GateChecks } from './gate-context';

type TriageItem = 'triage.scores' | 'triage.tier' | 'triage.decision';

const SCORE_NAMES = [
  ['impact', 'Impact'],
  ['confidence', 'Confidence'],
  ['effort', 'Effort'],
  ['risk', 'Risk'],
] as const;

const sameScores = (a: TriageScores, b: TriageScores): boolean => SCORE_NAMES.every(([key]) => a[key] === b[key]);

export const TRIAGE_CHECKS: GateChecks<TriageItem> = {
  'triage.scores': ({ facts }) => {
    const unscored = SCORE_NAMES.filter(([key]) => !isValidScore(facts.scores[key])).map(([, label]) => label);
    return unscored.length === 0 ? null : `${listOf(unscored)} not scored 1–5`;
  },
  'triage.tier': ({ record }) => (record.tier === undefined ? 'governance tier not set' : null),
  // Re-checked here: the decision counts only from a triage lead, not on their own request, made on the scores as they are.
  'triage.decision': ({ record, facts, config }) => {
    const decision = record.triage;
    if (decision === undefined) return 'no triage decision';
    if (decision.decision !== 'accept') return `triage decision is "${decision.decision}", not "accept"`;
    const conflict = triageConflict(decision.by, facts, config.roles);
    if (conflict !== null) return `the triage decision does not count: ${TRIAGE_CONFLICT_MESSAGES[conflict]}`;
    return decision.scores !== null && sameScores(decision.scores, facts.scores)
      ? null
      : 'the scores changed after the triage decision: a triage lead decides again';
  },
};
