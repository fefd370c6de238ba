import { describe, expect, it } from 'vitest';
import {
  atRiskBelow,
  atRiskCandidates,
  forecastProperty,
  MAX_AT_RISK_CANDIDATES,
  type ForecastedRequest,
} from '../../../src/domain/forecast/at-risk';

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

describe('the on-time band', () => {
  it('is at-risk below the threshold, likely from 85%, possible between, and no-date without a date', () => {
    expect(forecastProperty(0.42, 50)).toEqual({ onTime: 'at-risk', onTimeChance: 40 });
    expect(forecastProperty(0.5, 50)).toEqual({ onTime: 'possible', onTimeChance: 50 });
    expect(forecastProperty(0.85, 50)).toEqual({ onTime: 'likely', onTimeChance: 85 });
    // A threshold above 85% still marks a request under it at risk, as the at-risk list does.
    expect(forecastProperty(0.87, 90)).toEqual({ onTime: 'at-risk', onTimeChance: 85 });
    expect(forecastProperty(null, 50)).toEqual({ onTime: 'no-date' });
  });
});
