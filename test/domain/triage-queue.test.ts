import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { slaStatus } from '../../src/domain/sla';
import { triageQueue, type QueuedRequest } from '../../src/domain/triage-queue';

// Wednesday 2026-06-10, noon UTC.
const NOW = new Date('2026-06-10T12:00:00.000Z');
const config = { ...DEFAULT_CONFIG, holidays: ['2026-06-08'] };

describe('slaStatus', () => {
  it('counts business days in the stage against the stage and tier budget, skipping weekends and holidays', () => {
    // Triage allows 3 business days. From Thu 06-04: Fri 05, (weekend), Mon 08 is a holiday, Tue 09, Wed 10 → 3.
    expect(slaStatus('triage', 'revenue', new Date('2026-06-04T09:00:00Z'), NOW, config)).toEqual({
      state: 'last-day',
      budget: 3,
      used: 3,
    });
    expect(slaStatus('triage', 'revenue', new Date('2026-06-08T09:00:00Z'), NOW, config)).toEqual({ state: 'within', budget: 3, used: 2 });
    expect(slaStatus('triage', 'revenue', new Date('2026-06-03T09:00:00Z'), NOW, config)).toEqual({
      state: 'breached',
      budget: 3,
      used: 4,
    });
    expect(slaStatus('triage', 'revenue', new Date('2026-06-01T09:00:00Z'), NOW, config)).toEqual({
      state: 'escalated',
      budget: 3,
      used: 6,
    });
  });

  it('has no SLA off the track', () => {
    expect(slaStatus('waiting', 'revenue', new Date('2026-01-01T00:00:00Z'), NOW, config)).toBeNull();
    expect(slaStatus('done', 'revenue', new Date('2026-01-01T00:00:00Z'), NOW, config)).toBeNull();
  });

  it('reads the budget of the tier', () => {
    const tiered = { ...config, slaBusinessDays: { ...config.slaBusinessDays, build: { 'low-risk': 5, revenue: 10, regulated: 15 } } };
    expect(slaStatus('build', 'low-risk', new Date('2026-06-01T09:00:00Z'), NOW, tiered)?.state).toBe('breached');
    expect(slaStatus('build', 'regulated', new Date('2026-06-01T09:00:00Z'), NOW, tiered)?.state).toBe('within');
  });
});

const request = (key: string, overrides: Partial<QueuedRequest>): QueuedRequest => ({
  key,
  summary: `Request ${key}`,
  stage: 'triage',
  scores: { impact: null, confidence: null, effort: null, risk: null },
  tier: null,
  createdAt: new Date('2026-06-01T09:00:00Z'),
  enteredAt: new Date('2026-06-09T12:00:00Z'),
  dueDate: null,
  ifAccepted: null,
  ...overrides,
});

describe('triageQueue', () => {
  const queue = triageQueue(
    [
      request('MKT-1', { scores: { impact: 2, confidence: 2, effort: 4, risk: 1 } }),
      request('MKT-2', { scores: { impact: 5, confidence: 4, effort: 2, risk: 4 }, enteredAt: new Date('2026-06-01T12:00:00Z') }),
      request('MKT-3', {}),
      request('MKT-4', { stage: 'waiting', scores: { impact: 4, confidence: 3, effort: 3, risk: 2 }, tier: 'low-risk' }),
    ],
    config,
    NOW,
  );

  it('ranks by score, highest first, unscored last', () => {
    expect(queue.map((entry) => [entry.key, entry.score, entry.recommendation])).toEqual([
      ['MKT-2', 80, 'accept'],
      ['MKT-4', 36, 'accept'],
      ['MKT-1', 8, 'decline'],
      ['MKT-3', null, null],
    ]);
  });

  it('says how the score was computed, and which tier is only suggested', () => {
    const top = queue[0]!;
    expect(top.explanation).toBe('Impact 5 × Confidence 4 × (6 − Effort 2) = 80 → accept (≥ 36)');
    expect([top.tier, top.tierSuggested]).toEqual(['regulated', true]);
    expect([queue[1]!.tier, queue[1]!.tierSuggested]).toEqual(['low-risk', false]);
  });

  it('gives the age in the current stage and the triage SLA; waiting has none', () => {
    expect(queue[0]!.ageDays).toBe(9);
    expect(queue[0]!.sla).toEqual({ state: 'escalated', budget: 3, used: 6 });
    expect(queue[1]!.sla).toBeNull();
    expect(queue[2]!.sla).toEqual({ state: 'within', budget: 3, used: 1 });
  });
});
