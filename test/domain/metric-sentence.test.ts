import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { evaluateRecord } from '../../src/domain/record-summary';
import {
  DEFAULT_INDICATOR_CATALOGUE,
  indicatorKeyFor,
  metricSentence,
  parseMetricStatement,
  metricSentencePattern,
  parseMetricSentence,
} from '../../src/domain/outcomes/metric-sentence';
import { completeFacts, completeRecord, NOW } from '../fakes/fixtures';

const CATALOGUE = DEFAULT_INDICATOR_CATALOGUE;

describe('a success metric in its fixed form', () => {
  it.each([
    ['400 registrations within 30 days of launch', { indicator: 'registrations', target: 400, windowDays: 30 }],
    ['1,200 leads within 90 days', { indicator: 'leads', target: 1200, windowDays: 90 }],
    ['$250,000 pipeline within 120 days of launch', { indicator: 'pipeline', target: 250_000, windowDays: 120 }],
    ['8% conversion rate within 30 days of launch', { indicator: 'conversionRate', target: 8, windowDays: 30 }],
    ['0.5% Conversion Rate  within 1 day', { indicator: 'conversionRate', target: 0.5, windowDays: 1 }],
    ['  120 MQLs within 30 days of launch ', { indicator: 'mqls', target: 120, windowDays: 30 }],
    ['500 sign-ups within 7 days of launch', { indicator: 'signups', target: 500, windowDays: 7 }],
  ])('reads "%s"', (text, metric) => {
    expect(parseMetricSentence(text, CATALOGUE)).toEqual(metric);
  });

  it.each([
    // The example of free text the old rule let through because "Q1" holds a digit.
    'more leads by Q1',
    '+15% demo requests in 30 days',
    '0 leads within 30 days',
    '400 registrations within 0 days',
    '400 registrations within 1000 days',
    '400 downloads within 30 days',
    '400 registrations',
    'registrations within 30 days',
    // Past any campaign's figures, and on to Infinity for 400 digits.
    '2,000,000,000,000 leads within 30 days',
    `${'9'.repeat(400)} leads within 30 days`,
  ])('refuses "%s"', (text) => {
    expect(parseMetricSentence(text, CATALOGUE)).toBeNull();
  });

  it('writes the readable copy the gate reads back, for every indicator of the catalogue', () => {
    for (const { key } of CATALOGUE) {
      const metric = { indicator: key, target: 1_250.5, windowDays: 45 };
      expect(parseMetricSentence(metricSentence(metric, CATALOGUE), CATALOGUE)).toEqual(metric);
    }
    expect(metricSentence({ indicator: 'registrations', target: 400, windowDays: 30 }, CATALOGUE)).toBe(
      '400 registrations within 30 days of launch',
    );
  });

  it("reads the site's own catalogue: an indicator an admin added, and none the admin removed", () => {
    const site = [...CATALOGUE.filter((indicator) => indicator.key !== 'leads'), { key: 'demoRequests', label: 'demo requests' }];
    expect(parseMetricSentence('50 demo requests within 14 days', site)).toEqual({ indicator: 'demoRequests', target: 50, windowDays: 14 });
    expect(parseMetricSentence('50 leads within 14 days', site)).toBeNull();
  });

  it('is a pattern without flags or lookaround, which Java (Jira expressions) reads as JavaScript does', () => {
    expect(metricSentencePattern(CATALOGUE)).not.toMatch(/\(\?[=!<i]/);
  });
});

describe('a baseline and a planned spend beside the metric', () => {
  it.each([
    ['400 registrations within 30 days of launch, from a baseline of 120, planned spend $5,000', 120, 5_000],
    ['400 registrations within 30 days, baseline 0', 0, undefined],
    ['8% conversion rate within 30 days of launch from a baseline of 2.5%', 2.5, undefined],
    ['1,200 leads within 90 days with a planned spend of €12,500.50', undefined, 12_500.5],
  ])('reads "%s"', (text, baseline, plannedSpend) => {
    const statement = parseMetricStatement(text, CATALOGUE);
    expect(statement?.baseline).toBe(baseline);
    expect(statement?.plannedSpend).toBe(plannedSpend);
    // The metric itself is the same with or without them.
    expect(parseMetricSentence(text, CATALOGUE)).toEqual(statement?.metric);
  });

  it.each([
    '400 registrations within 30 days, planned spend $5,000, from a baseline of 120',
    '400 registrations within 30 days, from a baseline of lots',
    '400 registrations within 30 days, planned spend -5',
    `400 registrations within 30 days, planned spend ${'9'.repeat(14)}`,
  ])('refuses "%s"', (text) => {
    expect(parseMetricStatement(text, CATALOGUE)).toBeNull();
  });
});

describe('a new indicator of the admin page', () => {
  it('gets a key from its label that the configuration accepts and no other indicator has', () => {
    expect(indicatorKeyFor('webinar attendees', CATALOGUE)).toBe('webinarAttendees');
    // The configuration compares keys without case, and "signups" is the default "sign-ups": each new one gets its own.
    expect(indicatorKeyFor('Sign ups', CATALOGUE)).toBe('signUps2');
    expect(indicatorKeyFor('signups', CATALOGUE)).toBe('signups2');
    expect(indicatorKeyFor('90-day renewals', CATALOGUE)).toBe('indicator90DayRenewals');
    const site = [...CATALOGUE, { key: 'webinarAttendees', label: 'webinar attendees' }];
    const added = { key: indicatorKeyFor('Webinar  attendees', site), label: 'webinar attendees EMEA' };
    expect(added.key).toBe('webinarAttendees2');
    for (const key of ['webinarAttendees2', indicatorKeyFor('x'.repeat(60), CATALOGUE)]) expect(key).toMatch(/^[a-z][A-Za-z0-9]{0,39}$/);
    expect(parseMetricSentence('300 webinar attendees EMEA within 14 days', [...site, added])).toEqual({
      indicator: 'webinarAttendees2',
      target: 300,
      windowDays: 14,
    });
  });
});

describe('the summary property', () => {
  it('carries the campaign key and the structured metric JQL and the metrics command read', () => {
    const facts = completeFacts({ successMetric: '400 registrations within 30 days of launch' });
    const { summary } = evaluateRecord(completeRecord(), facts, DEFAULT_CONFIG, NOW, 'intake');
    expect(summary.campaign).toBe(completeRecord().plan.tracking.campaignKey);
    expect(summary.metric).toEqual({ indicator: 'registrations', target: 400, windowDays: 30 });
  });

  it('carries the baseline and the planned spend when the metric states them', () => {
    const facts = completeFacts({
      successMetric: '400 registrations within 30 days of launch, from a baseline of 120, planned spend $5,000',
    });
    const { summary } = evaluateRecord(completeRecord(), facts, DEFAULT_CONFIG, NOW, 'intake');
    expect(summary.metric).toEqual({ indicator: 'registrations', target: 400, windowDays: 30, baseline: 120, plannedSpend: 5_000 });
  });

  it('leaves the metric out while the text does not follow the form', () => {
    const { summary } = evaluateRecord(
      completeRecord(),
      completeFacts({ successMetric: 'more leads by Q1' }),
      DEFAULT_CONFIG,
      NOW,
      'triage',
    );
    expect(summary).not.toHaveProperty('metric');
  });
});
