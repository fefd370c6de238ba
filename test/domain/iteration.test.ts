import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/domain/flight-plan-record';
import { iterationDraft, iterationGrounds } from '../../src/domain/outcomes/iteration';
import { DEFAULT_INDICATOR_CATALOGUE } from '../../src/domain/outcomes/metric-sentence';
import type { RequestOutcome } from '../../src/domain/outcomes/outcomes';

const outcome = (result: RequestOutcome['result'], actual: number | null): RequestOutcome => ({
  indicator: 'registrations',
  target: 400,
  windowDays: 30,
  actual,
  result,
  daysToTarget: null,
});
const watched = (anomaly: boolean): Observation[] => [
  { by: 'acc-ops', at: '2026-05-01T11:00:00.000Z', checkpoint: '1h', note: 'sends delivered' },
  { by: 'acc-ops', at: '2026-05-02T10:00:00.000Z', checkpoint: '24h', note: 'form errors', ...(anomaly ? { anomaly: true as const } : {}) },
];
const ORIGINAL = {
  key: 'MKT-7',
  summary: 'Spring webinar',
  description: 'Fill the spring webinar.',
  successMetric: '400 registrations within 30 days of launch',
};

describe('the grounds for an iteration', () => {
  it('are a window ended short of the target, first, else an anomaly the launch watch recorded', () => {
    expect(iterationGrounds(outcome('missed', 150), watched(true))?.reason).toBe('missed');
    expect(iterationGrounds(outcome('partly', 250), watched(false))?.reason).toBe('partly');
    expect(iterationGrounds(outcome('not-measured', null), watched(true))).toEqual({ reason: 'anomaly', anomalies: [watched(true)[1]] });
    expect(iterationGrounds(null, watched(true))?.reason).toBe('anomaly');
  });

  it('are none for an attained target, a window still running or no data, without an anomaly', () => {
    for (const judged of [outcome('attained', 420), outcome('not-measured', null), outcome('no-data', null), null])
      expect(iterationGrounds(judged, watched(false))).toBeNull();
  });
});

describe('the iteration draft', () => {
  it('says what fell short and restates the metric the intake gate reads', () => {
    const grounds = iterationGrounds(outcome('partly', 250), [])!;
    expect(iterationDraft(ORIGINAL, grounds, DEFAULT_INDICATOR_CATALOGUE)).toEqual({
      summary: 'Iteration: Spring webinar',
      description:
        'Iterates on MKT-7, which partly attained its target: 250 of 400 registrations within 30 days of launch.\n\nFill the spring webinar.',
      successMetric: '400 registrations within 30 days of launch',
    });
  });

  it("after an anomaly, says what the watch saw and keeps the original's success metric as written", () => {
    const grounds = iterationGrounds(null, [...watched(true), { ...watched(true)[1]!, checkpoint: '72h', note: 'bounce rate 90%' }])!;
    const original = { ...ORIGINAL, successMetric: 'more registrations by Q1' };
    expect(iterationDraft(original, grounds, DEFAULT_INDICATOR_CATALOGUE)).toEqual({
      summary: 'Iteration: Spring webinar',
      description:
        'Iterates on MKT-7, whose launch watch recorded an anomaly: at +24h, form errors; at +72h, bounce rate 90%.\n\nFill the spring webinar.',
      successMetric: 'more registrations by Q1',
    });
  });

  it("keeps within Jira's 255-character summary", () => {
    const draft = iterationDraft({ ...ORIGINAL, summary: 'x'.repeat(300) }, iterationGrounds(outcome('missed', 1), [])!, []);
    expect(draft.summary).toHaveLength(255);
    expect(draft.summary.endsWith('…')).toBe(true);
  });
});
