import { describe, expect, it } from 'vitest';
import { atRiskBelow, atRiskCandidates, MAX_AT_RISK_CANDIDATES, type ForecastedRequest } from '../../../src/domain/forecast/at-risk';

const request = (key: string, onTimeProbability: number | null, dueDate: string | null = '2026-03-14'): ForecastedRequest => ({
  id: key.slice(4),
  key,
  tier: 'revenue',
  stage: 'build',
  dueDate,
  launchP85: '2026-03-19',
  onTimeProbability,
});

describe('at-risk launches', () => {
  it('keeps requests with a date under the highest threshold, least likely first, then the earliest date', () => {
    const candidates = atRiskCandidates([
      request('MKT-1', 0.4),
      request('MKT-2', 0.1),
      request('MKT-3', null, null),
      request('MKT-4', 0.9),
      request('MKT-5', 0.4, '2026-03-01'),
      request('MKT-6', 0.89),
    ]);
    expect(candidates.map((candidate) => candidate.key)).toEqual(['MKT-2', 'MKT-5', 'MKT-1', 'MKT-6']);
  });

  it('keeps at most the worst MAX_AT_RISK_CANDIDATES', () => {
    const many = Array.from({ length: MAX_AT_RISK_CANDIDATES + 5 }, (_, i) => request(`MKT-${i}`, (i % 80) / 100));
    const candidates = atRiskCandidates(many);
    expect(candidates).toHaveLength(MAX_AT_RISK_CANDIDATES);
    expect(Math.max(...candidates.map((candidate) => candidate.onTimeProbability))).toBeLessThanOrEqual(0.79);
  });

  it('lists those strictly below the threshold', () => {
    const candidates = atRiskCandidates([request('MKT-1', 0.5), request('MKT-2', 0.49), request('MKT-3', 0)]);
    expect(atRiskBelow(candidates, 50).map((candidate) => candidate.key)).toEqual(['MKT-3', 'MKT-2']);
    expect(atRiskBelow(candidates, 5).map((candidate) => candidate.key)).toEqual(['MKT-3']);
  });
});
