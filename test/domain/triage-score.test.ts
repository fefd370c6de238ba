import { describe, expect, it } from 'vitest';
import { DEFAULT_TRIAGE_RULES } from '../../src/domain/app-config';
import { maxTriageScore, scoreTriage, suggestedTierReason, suggestTier } from '../../src/domain/triage-score';

const score = (impact: number | null, confidence: number | null, effort: number | null, risk: number | null = 1) =>
  scoreTriage({ impact, confidence, effort, risk }, DEFAULT_TRIAGE_RULES);

describe('scoreTriage', () => {
  it('computes Impact × Confidence × (6 − Effort) and explains it', () => {
    expect(score(4, 3, 2)).toEqual({
      score: 48,
      recommendation: 'accept',
      explanation: 'Impact 4 × Confidence 3 × (6 − Effort 2) = 48 → accept (≥ 36)',
    });
  });

  it('spans 1 to 125', () => {
    expect(score(1, 1, 5)?.score).toBe(1);
    expect(score(5, 5, 1)?.score).toBe(125);
  });

  it('recommends by the thresholds, inclusive at accept and exclusive at decline', () => {
    expect(score(3, 3, 2)?.recommendation).toBe('accept'); // 36
    expect(score(5, 7 / 7, 2)?.recommendation).toBe('wait'); // 20
    expect(score(2, 3, 4)?.recommendation).toBe('wait'); // 12
    expect(score(1, 2, 1)?.recommendation).toBe('decline'); // 10
  });

  it('is null until the inputs are whole numbers from 1 to 5', () => {
    expect(score(null, 3, 2)).toBeNull();
    expect(score(6, 3, 2)).toBeNull();
    expect(score(2.5, 3, 2)).toBeNull();
  });

  it('applies admin weights and says so', () => {
    const result = scoreTriage(
      { impact: 3, confidence: 2, effort: 4, risk: 1 },
      { ...DEFAULT_TRIAGE_RULES, weights: { impact: 2, confidence: 1, effort: 1 } },
    );
    expect(result?.score).toBe(36);
    expect(result?.explanation).toBe('Impact 3^2 × Confidence 2 × (6 − Effort 4) = 36 → accept (≥ 36)');
  });
});

describe('suggestTier', () => {
  it('suggests regulated at Risk ≥ 4, revenue at Impact ≥ 4, otherwise low-risk', () => {
    expect(suggestTier({ impact: 5, confidence: 1, effort: 1, risk: 4 })).toBe('regulated');
    expect(suggestTier({ impact: 4, confidence: 1, effort: 1, risk: 3 })).toBe('revenue');
    expect(suggestTier({ impact: 3, confidence: 1, effort: 1, risk: 3 })).toBe('low-risk');
    expect(suggestTier({ impact: 3, confidence: 1, effort: 1, risk: null })).toBeNull();
  });
});

describe('the scale and the reason behind a suggested tier (issue 15)', () => {
  it('puts the top of the default scale at 125, and follows the weights an admin sets', () => {
    expect(maxTriageScore(DEFAULT_TRIAGE_RULES)).toBe(125);
    expect(maxTriageScore({ ...DEFAULT_TRIAGE_RULES, weights: { impact: 2, confidence: 1, effort: 1 } })).toBe(625);
  });

  it('says which score decided the tier', () => {
    expect(suggestedTierReason({ impact: 5, confidence: 1, effort: 1, risk: 4 })).toBe('Risk 4 is 4 or more');
    expect(suggestedTierReason({ impact: 4, confidence: 1, effort: 1, risk: 3 })).toBe('Impact 4 is 4 or more and Risk 3 is under 4');
    expect(suggestedTierReason({ impact: 3, confidence: 1, effort: 1, risk: 3 })).toBe('Impact 3 and Risk 3 are both under 4');
    expect(suggestedTierReason({ impact: 3, confidence: 1, effort: 1, risk: null })).toBeNull();
  });
});
