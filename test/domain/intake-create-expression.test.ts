import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CalendarDate,
  checkExpression,
  EXPRESSION_LIMITS,
  fromJson,
  JiraEntity,
  measureExpression,
  RichText,
  validatorVerdict,
} from '../../sandbox/jira/jira-expression';
import { appConfigSchema } from '../../src/contracts/app-config.schema';
import { DEFAULT_CONFIG, type AppConfig } from '../../src/domain/app-config';
import { addBusinessDays, businessDaysBetween } from '../../src/domain/business-days';
import { emptyRecord } from '../../src/domain/flight-plan-record';
import { blockedMessage, evaluateGate } from '../../src/domain/gates/evaluate-gate';
import {
  calendarDaysForBusinessDays,
  intakeCreateContextVariables,
  intakeCreateRule,
  UNCONFIGURED_CREATE_EXPRESSION,
  type IntakeFieldIds,
} from '../../src/domain/intake-create-expression';
import type { IssueFacts } from '../../src/domain/issue-facts';
import { completeFacts, config } from '../fakes/fixtures';

const FIELDS: IntakeFieldIds = { successMetric: 'customfield_10107', impact: 'customfield_10101', risk: 'customfield_10104' };

/**
 * The issue as a Jira expression sees it on the Create transition (Atlassian's type reference):
 * `description` a RichText, null when empty; `dueDate` a CalendarDate; `assignee` a User; the app's
 * fields as their values (a Forge string field is a String, a number field a Number).
 */
const issueOnCreate = (facts: IssueFacts): JiraEntity =>
  new JiraEntity(
    'Issue',
    {
      id: 10001,
      key: 'MKT-1',
      description: facts.description === '' ? null : new RichText(facts.description),
      dueDate: facts.dueDate === null ? null : CalendarDate.parse(facts.dueDate),
      assignee: facts.assigneeId === null ? null : new JiraEntity('User', { accountId: facts.assigneeId }),
      [FIELDS.successMetric]: facts.successMetric === '' ? null : facts.successMetric,
      [FIELDS.impact]: facts.scores.impact,
      [FIELDS.risk]: facts.scores.risk,
    },
    (name) => name.startsWith('customfield_'),
  );

/** The rule's verdict on Jira: its expression, evaluated by the sandbox's Jira with the rule's configuration as `config`. */
const verdictOf = (appConfig: AppConfig, facts: IssueFacts, now: Date): true | string | null => {
  const rule = intakeCreateRule(appConfig, FIELDS);
  const verdict = validatorVerdict(rule.expression, {
    variables: { issue: issueOnCreate(facts), config: fromJson(JSON.parse(JSON.stringify(rule))) },
    now,
  });
  return verdict.result ? true : verdict.errorMessage;
};

/** The largest configuration the admin page accepts (its schema's maxima), and the longest field ids a site could have. */
const LARGEST = appConfigSchema.shape.intake.parse({
  minDescriptionLength: 10_000,
  leadTimeBusinessDays: { 'low-risk': 250, revenue: 250, regulated: 250 },
});
const LONGEST_FIELDS: IntakeFieldIds = {
  successMetric: 'customfield_9999999999',
  impact: 'customfield_9999999998',
  risk: 'customfield_9999999997',
};

describe('the intake rule on Create', () => {
  const now = new Date('2026-06-10T12:00:00.000Z'); // a Wednesday
  const created = { createdAt: now.toISOString() };
  const cases: [string, Partial<IssueFacts>][] = [
    ['a complete brief', {}],
    ['a short description', { description: 'Too short.' }],
    ['no description', { description: '' }],
    ['an unmeasurable metric', { successMetric: 'more buzz' }],
    // Free text the old rule passed because "Q1" holds a digit: an indicator, a target and a window are needed.
    ['a metric with a digit but no structure', { successMetric: 'more leads by Q1' }],
    ['a zero target', { successMetric: '0 leads within 30 days' }],
    ['a money target', { successMetric: '$250,000 pipeline within 90 days of launch' }],
    ['a percentage target in any letter case', { successMetric: '8% Conversion Rate within 30 days of launch' }],
    [
      'a baseline and a planned spend',
      { successMetric: '400 registrations within 30 days of launch, from a baseline of 120, planned spend $5,000' },
    ],
    ['a planned spend without the word', { successMetric: '400 registrations within 30 days of launch, $5,000' }],
    ['no metric', { successMetric: '' }],
    ['no due date', { dueDate: null }],
    ['a past due date', { dueDate: '2026-06-09' }],
    ['a due date inside the low-risk lead time', { dueDate: '2026-06-12', scores: { impact: 2, confidence: 2, effort: 2, risk: 2 } }],
    ['a due date exactly at the low-risk lead time', { dueDate: '2026-06-15', scores: { impact: 2, confidence: 2, effort: 2, risk: 2 } }],
    ['a revenue request 9 business days out', { dueDate: '2026-06-23', scores: { impact: 5, confidence: 2, effort: 2, risk: 2 } }],
    ['a revenue request 10 business days out', { dueDate: '2026-06-24', scores: { impact: 5, confidence: 2, effort: 2, risk: 2 } }],
    ['a regulated request 14 business days out', { dueDate: '2026-06-30', scores: { impact: 2, confidence: 2, effort: 2, risk: 5 } }],
    ['a regulated request 15 business days out', { dueDate: '2026-07-01', scores: { impact: 2, confidence: 2, effort: 2, risk: 5 } }],
    ['no assignee', { assigneeId: null }],
    ['nothing filled in', { description: '', successMetric: '', dueDate: null, assigneeId: null }],
  ];

  it.each(cases)('agrees with the intake gate on %s', (_, overrides) => {
    const facts = completeFacts({ ...created, ...overrides });
    const gate = evaluateGate('intake', emptyRecord('1'), facts, config(), now);
    const verdict = verdictOf(config(), facts, now);
    expect(verdict === true).toBe(gate.passed);
    if (verdict !== true) {
      expect(verdict).toMatch(/^Intake gate: /);
      expect(verdict!.split('; ').length).toBe(gate.items.filter((item) => item.missing !== null).length);
    }
  });

  it('gives the same message as the gate for the same facts', () => {
    const facts = completeFacts({ ...created, assigneeId: null, successMetric: 'more buzz', description: 'Too short.' });
    const gate = evaluateGate('intake', emptyRecord('1'), facts, config(), now);
    expect(verdictOf(config(), facts, now)).toBe(blockedMessage(gate));
  });

  it('names the tier and its lead time when the date is too soon', () => {
    const facts = completeFacts({ ...created, dueDate: '2026-06-30', scores: { impact: 2, confidence: 2, effort: 2, risk: 5 } });
    expect(verdictOf(config(), facts, now)).toBe(
      'Intake gate: requested launch date too soon: Regulated work needs 15 business days of notice',
    );
  });

  it('reads the rules from its configuration: the same expression judges by the data it is given', () => {
    const strict = config({ intake: { ...config().intake, minDescriptionLength: 120 } });
    expect(intakeCreateRule(strict, FIELDS).expression).toBe(intakeCreateRule(config(), FIELDS).expression);
    const facts = completeFacts({ ...created, description: 'x'.repeat(60) });
    expect(verdictOf(config(), facts, now)).toBe(true);
    expect(verdictOf(strict, facts, now)).toBe('Intake gate: business context too short (60 of 120 characters)');
  });

  it('reads each custom field once: 3 of the 10 expensive operations Jira allows an evaluation', () => {
    const expression = intakeCreateRule(DEFAULT_CONFIG, FIELDS).expression;
    for (const id of Object.values(FIELDS)) expect(expression.split(id).length - 1).toBe(1);
  });

  it("records its size: within Jira's 1,000 characters and 100 leaves with room to spare, for the default and the largest configuration", () => {
    const sizeOf = (appConfig: AppConfig, fields: IntakeFieldIds) => {
      const rule = intakeCreateRule(appConfig, fields);
      const checked = checkExpression(rule.expression);
      expect(checked.problems).toEqual([]);
      // `leaves` counts every name too (the sandbox's limit check); `valueLeaves` only literals and variable reads.
      return {
        characters: rule.expression.length,
        leaves: checked.leaves,
        valueLeaves: measureExpression(checked.parsed!).valueLeaves,
        configBytes: new TextEncoder().encode(JSON.stringify(rule)).byteLength,
      };
    };
    const largest = sizeOf({ ...DEFAULT_CONFIG, intake: LARGEST }, LONGEST_FIELDS);
    // The figures the README states.
    expect(sizeOf(DEFAULT_CONFIG, FIELDS)).toEqual({ characters: 691, leaves: 86, valueLeaves: 51, configBytes: 2227 });
    expect(largest).toEqual({ characters: 706, leaves: 86, valueLeaves: 51, configBytes: 2280 });
    expect(largest.characters).toBeLessThanOrEqual(EXPRESSION_LIMITS.characters * 0.75);
    expect(largest.leaves).toBeLessThanOrEqual(EXPRESSION_LIMITS.leaves * 0.9);
    // The new workflow editor keeps a rule's configuration up to 32 KB.
    expect(largest.configBytes).toBeLessThan(32 * 1024);
  });

  it("holds the largest configuration's lead times: 250 business days from any weekday", () => {
    const rule = intakeCreateRule({ ...DEFAULT_CONFIG, intake: LARGEST }, FIELDS);
    expect(rule.leadDays.every((days) => days.length === 7 && days.every((calendar) => calendar >= 348 && calendar <= 352))).toBe(true);
    expect(rule.ofMinimum).toBe(' of 10000 characters)');
  });

  it("types its config variable for Jira's type check", () => {
    expect(intakeCreateContextVariables(intakeCreateRule(DEFAULT_CONFIG, FIELDS))).toEqual({
      config:
        '{ expression: String, minLength: Number, tierOf: List<List<Number>>, leadDays: List<List<Number>>, measurable: String, gate: String, noContext: String, shortContext: String, ofMinimum: String, noMetric: String, vagueMetric: String, noDate: String, dateProblem: List<String>, noOwner: String }',
    });
  });

  it('turns business days into the same calendar days the gate counts, from every weekday', () => {
    for (let weekday = 0; weekday < 7; weekday++) {
      const start = new Date(Date.UTC(2026, 5, 7 + weekday)); // 2026-06-07 is a Sunday
      for (const days of [0, 1, 3, 10, 15]) {
        const calendar = calendarDaysForBusinessDays(weekday, days);
        expect(businessDaysBetween(start, new Date(start.getTime() + calendar * 86_400_000), { holidays: [] })).toBe(days);
        expect(new Date(start.getTime() + calendar * 86_400_000).getTime()).toBeLessThanOrEqual(
          addBusinessDays(start, days, { holidays: [] }).getTime(),
        );
      }
    }
  });

  it('refuses anything but a custom field id', () => {
    expect(() => intakeCreateRule(config(), { ...FIELDS, impact: 'issue.reporter' })).toThrow('not a custom field id');
  });

  it('is what the manifest declares until setup configures the rule, and says where the admin page really is', () => {
    const manifest = parse(readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8'));
    const module = manifest.modules['jira:workflowValidator'].find((m: { key: string }) => m.key === 'intake-gate-on-create');
    expect(module.expression).toBe(UNCONFIGURED_CREATE_EXPRESSION);
    // The admin page is a `useAsConfig` page: Manage apps → Flight Plan → Configure, not the Apps menu.
    expect(UNCONFIGURED_CREATE_EXPRESSION).toContain('Manage apps → Flight Plan → Configure');
    expect(UNCONFIGURED_CREATE_EXPRESSION).not.toContain('Apps → Flight Plan → Set up project');
    expect(validatorVerdict(module.expression, { variables: {}, now })).toMatchObject({
      result: false,
      errorMessage: expect.stringContaining('Manage apps'),
    });
  });
});
