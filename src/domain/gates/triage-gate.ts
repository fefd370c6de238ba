import { isValidScore } from '../triage-score';
import { listOf, type GateChecks } from './gate-context';

type TriageItem = 'triage.scores' | 'triage.tier' | 'triage.decision';

const SCORE_NAMES = [
  ['impact', 'Impact'],
  ['confidence', 'Confidence'],
  ['effort', 'Effort'],
  ['risk', 'Risk'],
] as const;

export const TRIAGE_CHECKS: GateChecks<TriageItem> = {
  'triage.scores': ({ facts }) => {
    const unscored = SCORE_NAMES.filter(([key]) => !isValidScore(facts.scores[key])).map(([, label]) => label);
    return unscored.length === 0 ? null : `${listOf(unscored)} not scored 1–5`;
  },
  'triage.tier': ({ record }) => (record.tier === undefined ? 'governance tier not set' : null),
  'triage.decision': ({ record }) => {
    if (record.triage === undefined) return 'no triage decision';
    return record.triage.decision === 'accept' ? null : `triage decision is "${record.triage.decision}", not "accept"`;
  },
};
