import { describe, expect, it } from 'vitest';
import { evaluateGate, blockedMessage } from '../../src/domain/gates/evaluate-gate';
import { calendarDaysForBusinessDays, intakeCreateExpression, UNCONFIGURED_CREATE_EXPRESSION } from '../../src/domain/intake-create-expression';
import { businessDaysBetween, addBusinessDays } from '../../src/domain/business-days';
import { emptyRecord } from '../../src/domain/flight-plan-record';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { completeFacts, config } from '../fakes/fixtures';
import type { IssueFacts } from '../../src/domain/issue-facts';

const FIELDS = { successMetric: 'customfield_10107', impact: 'customfield_10101', risk: 'customfield_10104' };

/**
 * Runs the generated Jira expression with small JavaScript stand-ins for the Jira expression
 * types it uses (Date, CalendarDate, RichText), so its verdicts can be compared with the gate's.
 */
const runExpression = (expression: string, facts: IssueFacts, now: Date): true | string => {
  class CalendarDate {
    constructor(readonly day: number) {}
    plusDays(days: number) {
      return new CalendarDate(this.day + days);
    }
    valueOf() {
      return this.day;
    }
    toString() {
      return new Date(this.day * 86_400_000).toISOString().slice(0, 10);
    }
  }
  class JiraDate {
    toCalendarDate() {
      return new CalendarDate(Math.floor(now.getTime() / 86_400_000));
    }
    getDay() {
      return now.getUTCDay();
    }
  }
  const issue = {
    description: facts.description === '' ? null : { plainText: facts.description },
    dueDate: facts.dueDate === null ? null : new CalendarDate(Date.parse(`${facts.dueDate}T00:00:00Z`) / 86_400_000),
    assignee: facts.assigneeId === null ? null : { accountId: facts.assigneeId },
    [FIELDS.successMetric]: facts.successMetric === '' ? null : facts.successMetric,
    [FIELDS.impact]: facts.scores.impact,
    [FIELDS.risk]: facts.scores.risk,
  };
  const js = expression.replace(/^let /gm, 'const ').replace(/\n(problems\.length[^\n]*)$/, '\nreturn $1;');
  return new Function('issue', 'Date', js)(issue, JiraDate) as true | string;
};

describe('intakeCreateExpression', () => {
  const now = new Date('2026-06-10T12:00:00.000Z'); // a Wednesday
  const created = { createdAt: now.toISOString() };
  const cases: [string, Partial<IssueFacts>][] = [
    ['a complete brief', {}],
    ['a short description', { description: 'Too short.' }],
    ['no description', { description: '' }],
    ['an unmeasurable metric', { successMetric: 'more buzz' }],
    ['no metric', { successMetric: '' }],
    ['no due date', { dueDate: null }],
    ['a past due date', { dueDate: '2026-06-09' }],
    ['a due date inside the low-risk lead time', { dueDate: '2026-06-12', scores: { impact: 2, confidence: 2, effort: 2, risk: 2 } }],
    ['a due date exactly at the low-risk lead time', { dueDate: '2026-06-15', scores: { impact: 2, confidence: 2, effort: 2, risk: 2 } }],
    ['a regulated request 14 business days out', { dueDate: '2026-06-30', scores: { impact: 2, confidence: 2, effort: 2, risk: 5 } }],
    ['a regulated request 15 business days out', { dueDate: '2026-07-01', scores: { impact: 2, confidence: 2, effort: 2, risk: 5 } }],
    ['no assignee', { assigneeId: null }],
  ];

  it.each(cases)('agrees with the intake gate on %s', (_, overrides) => {
    const facts = completeFacts({ ...created, ...overrides });
    const gate = evaluateGate('intake', emptyRecord('1'), facts, config(), now);
    const verdict = runExpression(intakeCreateExpression(config(), FIELDS), facts, now);
    expect(verdict === true).toBe(gate.passed);
    if (verdict !== true) expect(verdict.split('; ').length).toBe(gate.items.filter((item) => item.missing !== null).length);
  });

  it('turns business days into the same calendar days the gate counts, from every weekday', () => {
    for (let weekday = 0; weekday < 7; weekday++) {
      const start = new Date(Date.UTC(2026, 5, 7 + weekday)); // 2026-06-07 is a Sunday
      for (const days of [0, 1, 3, 10, 15]) {
        const calendar = calendarDaysForBusinessDays(weekday, days);
        expect(businessDaysBetween(start, new Date(start.getTime() + calendar * 86_400_000), { holidays: [] })).toBe(days);
        expect(new Date(start.getTime() + calendar * 86_400_000).getTime()).toBeLessThanOrEqual(addBusinessDays(start, days, { holidays: [] }).getTime());
      }
    }
  });

  it('changes with the configuration it is generated from', () => {
    const strict = config({ intake: { ...config().intake, minDescriptionLength: 120 } });
    expect(intakeCreateExpression(strict, FIELDS)).toContain('description.length < 120');
    expect(intakeCreateExpression(config(), FIELDS)).toContain('description.length < 40');
  });

  it('refuses anything but a custom field id', () => {
    expect(() => intakeCreateExpression(config(), { ...FIELDS, impact: 'issue.reporter' })).toThrow('not a custom field id');
  });

  it('is what the manifest declares until setup configures the rule', () => {
    const manifest = parse(readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8'));
    const module = manifest.modules['jira:workflowValidator'].find((m: { key: string }) => m.key === 'intake-gate-on-create');
    expect(module.expression).toBe(UNCONFIGURED_CREATE_EXPRESSION);
  });

  it('gives the same message as the gate for the same facts', () => {
    const facts = completeFacts({ ...created, assigneeId: null, successMetric: 'more buzz' });
    const gate = evaluateGate('intake', emptyRecord('1'), facts, config(), now);
    expect(runExpression(intakeCreateExpression(config(), FIELDS), facts, now)).toBe(blockedMessage(gate));
  });
});
