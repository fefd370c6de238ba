import type { Tier } from './tiers';

/** Triage inputs, integers 1–5 (null when not yet scored). */
/** The four scores, in the order the panel shows them. */
export const TRIAGE_SCORE_NAMES = ['impact', 'confidence', 'effort', 'risk'] as const;

export interface TriageScores {
  readonly impact: number | null;
  readonly confidence: number | null;
  readonly effort: number | null;
  readonly risk: number | null;
}

export interface TriageRules {
  /** Exponents of Impact, Confidence and (6 − Effort); all 1 gives the default I × C × (6 − E). */
  readonly weights: { readonly impact: number; readonly confidence: number; readonly effort: number };
  readonly acceptAtOrAbove: number;
  readonly declineBelow: number;
}

export type Recommendation = 'accept' | 'wait' | 'decline';

export interface TriageScore {
  readonly score: number;
  readonly recommendation: Recommendation;
  /** How the score was computed, for people: "Impact 4 × Confidence 3 × (6 − Effort 2) = 48 → accept (≥ 36)". */
  readonly explanation: string;
}

export const isValidScore = (value: number | null): value is number =>
  value !== null && Number.isInteger(value) && value >= 1 && value <= 5;

const factor = (label: string, value: number, weight: number): string =>
  weight === 1 ? `${label} ${value}` : `${label} ${value}^${weight}`;

/**
 * Scores a request. Null when Impact, Confidence or Effort is missing or outside 1–5.
 * @example scoreTriage({ impact: 4, confidence: 3, effort: 2, risk: 1 }, DEFAULT_TRIAGE_RULES).score // 48
 */
export const scoreTriage = (scores: TriageScores, rules: TriageRules): TriageScore | null => {
  const { impact, confidence, effort } = scores;
  if (!isValidScore(impact) || !isValidScore(confidence) || !isValidScore(effort)) return null;
  const { weights } = rules;
  const raw = impact ** weights.impact * confidence ** weights.confidence * (6 - effort) ** weights.effort;
  const score = Math.round(raw * 100) / 100;
  const recommendation: Recommendation = score >= rules.acceptAtOrAbove ? 'accept' : score < rules.declineBelow ? 'decline' : 'wait';
  const threshold =
    recommendation === 'accept'
      ? `≥ ${rules.acceptAtOrAbove}`
      : recommendation === 'decline'
        ? `< ${rules.declineBelow}`
        : `between ${rules.declineBelow} and ${rules.acceptAtOrAbove}`;
  const effortFactor = weights.effort === 1 ? `(6 − Effort ${effort})` : `(6 − Effort ${effort})^${weights.effort}`;
  const explanation = `${factor('Impact', impact, weights.impact)} × ${factor('Confidence', confidence, weights.confidence)} × ${effortFactor} = ${score} → ${recommendation} (${threshold})`;
  return { score, recommendation, explanation };
};

/**
 * The tier triage suggests: Risk ≥ 4 → regulated; otherwise Impact ≥ 4 → revenue; otherwise low-risk.
 * Null until Risk and Impact are scored.
 */
export const suggestTier = (scores: TriageScores): Tier | null => {
  if (!isValidScore(scores.risk) || !isValidScore(scores.impact)) return null;
  if (scores.risk >= 4) return 'regulated';
  return scores.impact >= 4 ? 'revenue' : 'low-risk';
};

/**
 * The highest score the rules can give: every factor at its best (Impact 5, Confidence 5, Effort 1), 125 with the
 * default weights. The panel shows a score against it, so "48" reads as 48 of 125.
 */
export const maxTriageScore = (rules: TriageRules): number =>
  Math.round(5 ** rules.weights.impact * 5 ** rules.weights.confidence * 5 ** rules.weights.effort * 100) / 100;

/**
 * Why the scores suggest the tier they do, in a sentence (null until Risk and Impact are scored).
 * @example suggestedTierReason({ impact: 4, confidence: 3, effort: 2, risk: 2 })
 */
export const suggestedTierReason = (scores: TriageScores): string | null => {
  if (!isValidScore(scores.risk) || !isValidScore(scores.impact)) return null;
  if (scores.risk >= 4) return `Risk ${scores.risk} is 4 or more`;
  return scores.impact >= 4
    ? `Impact ${scores.impact} is 4 or more and Risk ${scores.risk} is under 4`
    : `Impact ${scores.impact} and Risk ${scores.risk} are both under 4`;
};
