import { describe, expect, it } from 'vitest';
import {
  analyseExpressions,
  CalendarDate,
  checkExpression,
  evaluateExpression,
  fromJson,
  JiraEntity,
  parseExpression,
  RichText,
  validatorVerdict,
  type Value,
} from '../../sandbox/jira/jira-expression';

const NOW = new Date('2026-06-10T12:00:00.000Z'); // a Wednesday

const issue = (fields: Record<string, Value> = {}) =>
  new JiraEntity(
    'Issue',
    {
      id: 10001,
      key: 'MKT-1',
      description: new RichText('  A brief.  '),
      dueDate: CalendarDate.parse('2026-06-15'),
      assignee: null,
      ...fields,
    },
    (name) => name.startsWith('customfield_'),
  );

const run = (source: string, variables: Record<string, Value> = {}): Value =>
  evaluateExpression(parseExpression(source), {
    variables: { issue: issue(), config: fromJson({ min: 3, days: [1, 2, 3] }), ...variables },
    now: NOW,
  });

describe('Jira expressions in the sandbox: what Jira has', () => {
  it.each<[string, Value]>([
    ['let a = 2; let b = a + 3; b * 2', 10],
    ['x = 4; x % 3', 1],
    ['1 < 2 && !(2 <= 1) || false', true],
    ['null ?? "fallback"', 'fallback'],
    ['issue.customfield_1 ?? 0', 0],
    ['issue.assignee?.accountId', null],
    ['issue.description.plainText.trim().length', 8],
    ['"Launch" + " " + 2', 'Launch 2'],
    ['"a,b".split(",").length', 2],
    ['"+15% MQLs".match("[0-9%]") != null', true],
    ['"more buzz".match("[0-9%]")', null],
    ['"Brand".toLowerCase().includes("bra")', true],
    ['[3, 1, 2].filter(n => n > 1).map(n => n * 10).join("; ")', '30; 20'],
    ['[1, 2, 3][1]', 2],
    ['["a", "b"].includes("b")', true],
    ['config.days[config.min - 1]', 3],
    ['config.missing', null],
    ['config.toString', null],
    ['config.get("min")', 3],
    ['typeof issue.dueDate', 'CalendarDate'],
    ['issue.dueDate < new CalendarDate().plusDays(5)', false],
    ['issue.dueDate == new CalendarDate("2026-06-15")', true],
    ['new CalendarDate().getDay()', 3],
    ['new Date().toCalendarDate() == new CalendarDate()', true],
    ['"due " + issue.dueDate', 'due 2026-06-15'],
    ['((a, b) => a + b)(1, 2)', 3],
    ['{ tier: "revenue" }.tier', 'revenue'],
    ['1 == 1 ? "yes" : "no"', 'yes'],
  ])('%s', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });
});

describe('Jira expressions in the sandbox: what Jira lacks is refused', () => {
  it.each([
    ['strict equality', '1 === 1', /Unexpected "==="/],
    ['const', 'const a = 1; a', /JavaScript, not a Jira expression/],
    ['function declarations', 'function f() { return 1 }', /JavaScript, not a Jira expression/],
    ['increment', 'let a = 1; a++', /Unexpected|expected/],
    ['undefined', 'undefined', /JavaScript, not a Jira expression/],
  ])('does not parse %s', (_, source, message) => {
    expect(() => parseExpression(source)).toThrow(message);
  });

  it.each([
    ['a String method JavaScript has and Jira does not', '"abc".startsWith("a")', /String has no method "startsWith"/],
    ['a List method JavaScript has and Jira does not', '[1, 2].find(n => n > 1)', /List has no method "find"/],
    ['comparing a Number to a String', '1 < "2"', /can't compare Number to String/],
    ['== between types', '1 == "1"', /can't compare Number to String/],
    ['adding a date to a number', 'issue.dueDate + 1', /cannot add CalendarDate and Number/],
    ['a property an Issue does not have', 'issue.descriptionText', /Issue has no property "descriptionText"/],
    ['a JavaScript object property', 'issue.constructor', /Issue has no property "constructor"/],
    ['reading through null', 'issue.assignee.accountId', /cannot read "accountId" of null/],
    ['an index outside a list', '[1, 2][2]', /outside the list/],
    ['plainText of a String', '"text".plainText', /String has no property "plainText"/],
  ])('fails to evaluate %s', (_, source, message) => {
    expect(() => run(source)).toThrow(message);
  });

  it('stops after 10 expensive operations (custom field reads), as Jira does', () => {
    const reads = Array.from({ length: 11 }, (_, n) => `issue.customfield_${10000 + n}`).join(' ?? ');
    expect(() => run(reads)).toThrow(/more than 10 expensive operations/);
    expect(run(reads.split(' ?? ').slice(0, 10).join(' ?? '))).toBeNull();
  });
});

describe('Jira expressions in the sandbox: limits and analyse', () => {
  it("refuses an expression over 1,000 characters with Jira's message", () => {
    const long = `"${'x'.repeat(1000)}"`;
    expect(checkExpression(long).problems).toEqual([
      { type: 'other', message: 'Jira expression is too long (1002), limit: 1000 characters' },
    ]);
  });

  it("refuses an expression over 100 leaves with Jira's message, counting literals, variables and names", () => {
    const sum = (terms: number) => Array.from({ length: terms }, (_, n) => String(n)).join(' + ');
    expect(checkExpression(sum(100)).problems).toEqual([]);
    expect(checkExpression(sum(101)).problems).toEqual([
      { type: 'other', message: 'Jira expression has too many nodes (101), limit: 100 leaves' },
    ]);
    // `issue.key` is two leaves (the variable and the property name); `let a = …` adds the name.
    expect(checkExpression('let a = issue.key; a').leaves).toBe(4);
  });

  it("gives a validator's verdict as Jira does: true passes, a String refuses with it, anything else refuses", () => {
    const context = { variables: { issue: issue() }, now: NOW };
    expect(validatorVerdict('issue.dueDate != null', context)).toEqual({ result: true });
    expect(validatorVerdict('"Add a launch date"', context)).toMatchObject({ result: false, errorMessage: 'Add a launch date' });
    expect(validatorVerdict('1', context)).toMatchObject({ result: false, errorMessage: null, reason: 'returned Number' });
    expect(validatorVerdict('issue.nope', context)).toMatchObject({
      result: false,
      errorMessage: null,
      reason: expect.stringContaining('no property "nope"'),
    });
    expect(validatorVerdict(`"${'x'.repeat(1000)}"`, context)).toMatchObject({
      result: false,
      reason: expect.stringContaining('too long'),
    });
  });

  it("answers analyse in Jira's shape: syntax with line and column, limits, unknown variables under check=type", () => {
    const { results } = analyseExpressions(['issue.key', 'issue.key ===', 'config.min > 0', `"${'x'.repeat(1000)}"`], 'type', {
      config: '{ min: Number }',
    });
    expect(results[0]).toEqual({ expression: 'issue.key', valid: true });
    expect(results[1]).toMatchObject({ valid: false, errors: [{ type: 'syntax', line: 1, column: 11 }] });
    expect(results[2]).toEqual({ expression: 'config.min > 0', valid: true });
    expect(results[3]).toMatchObject({
      valid: false,
      errors: [{ type: 'other', message: 'Jira expression is too long (1002), limit: 1000 characters' }],
    });
    expect(analyseExpressions(['config.min > 0'], 'type').results[0]).toMatchObject({
      valid: false,
      errors: [{ type: 'type', message: 'Unknown variable: config.' }],
    });
    expect(analyseExpressions(['issue.customfield_1 ?? issue.customfield_2'], 'complexity').results[0]).toMatchObject({
      valid: true,
      complexity: { expensiveOperations: '2' },
    });
  });
});
