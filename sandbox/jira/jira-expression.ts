import { present } from '../../src/domain/present';
/**
 * Jira expressions, as the sandbox's Jira evaluates them: parsed into a syntax tree (never handed to
 * JavaScript), measured against Jira's limits, and evaluated with Jira's semantics for the subset
 * Flight Plan uses. A construct outside that subset is refused, so an expression the app generates
 * cannot pass here by leaning on JavaScript.
 *
 * Sources (Atlassian's documentation):
 * - Jira expressions, "Syntax and semantics" and "Restrictions"
 *   (https://developer.atlassian.com/cloud/jira/platform/jira-expressions/): JavaScript-like syntax,
 *   `let` declarations before one body expression, arrow functions, `?.`, `??`, `typeof`; at most
 *   1,000 characters and 100 leaves; at most 10 expensive operations per evaluation (loading a custom
 *   field, an entity property or comments is one).
 * - The answer of `POST /rest/api/3/expression/analyse` in Atlassian's OpenAPI spec (the messages
 *   "Jira expression is too long (1040), limit: 1000 characters" and "Jira expression has too many
 *   nodes (150), limit: 100 leaves").
 * - Jira expressions types (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/):
 *   `Issue.description` and `environment` are `RichText` (with `plainText`), `Issue.dueDate` is a
 *   `CalendarDate`, `assignee` a `User`; `Date` and `CalendarDate` follow JavaScript's Date API with
 *   `toCalendarDate()`, `plusDays()`…; `String` and `List` have the methods listed below, no others.
 * - Forge event filters (https://developer.atlassian.com/platform/forge/events-reference/product_events/):
 *   the same language over an `event` Map, at most 10,000 characters and 50,000 steps.
 *
 * How Jira counts leaves is not documented. The sandbox counts every leaf of the syntax tree and
 * more: each literal, each variable read, each property name after `.` or `?.`, each name a `let`
 * or an arrow function binds, and each constructor name after `new`. Jira's own count cannot be
 * higher than this, so an expression the sandbox accepts is within Jira's leaf limit.
 */

type ExpressionNode =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'member'; readonly object: ExpressionNode; readonly name: string; readonly optional: boolean }
  | { readonly kind: 'index'; readonly object: ExpressionNode; readonly index: ExpressionNode; readonly optional: boolean }
  | { readonly kind: 'call'; readonly callee: ExpressionNode; readonly args: readonly ExpressionNode[] }
  | { readonly kind: 'new'; readonly type: string; readonly args: readonly ExpressionNode[] }
  | { readonly kind: 'unary'; readonly operator: '!' | '-' | 'typeof'; readonly operand: ExpressionNode }
  | { readonly kind: 'binary'; readonly operator: string; readonly left: ExpressionNode; readonly right: ExpressionNode }
  | { readonly kind: 'conditional'; readonly test: ExpressionNode; readonly then: ExpressionNode; readonly otherwise: ExpressionNode }
  | { readonly kind: 'arrow'; readonly params: readonly string[]; readonly body: ExpressionNode }
  | { readonly kind: 'list'; readonly items: readonly ExpressionNode[] }
  | { readonly kind: 'map'; readonly entries: readonly { readonly key: string; readonly value: ExpressionNode }[] };

interface ParsedExpression {
  readonly lets: readonly { readonly name: string; readonly value: ExpressionNode }[];
  readonly body: ExpressionNode;
}

/** Jira's limits for workflow rules and the analyse operation; event filters have their own. */
export const EXPRESSION_LIMITS = { characters: 1000, leaves: 100, expensiveOperations: 10 } as const;
export const EVENT_FILTER_LIMITS = { characters: 10_000, steps: 50_000 } as const;

/** A problem in Jira's analyse shape (`JiraExpressionValidationError`). */
interface ExpressionProblem {
  readonly type: 'syntax' | 'type' | 'other';
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export class ExpressionError extends Error {
  constructor(readonly problem: ExpressionProblem) {
    super(problem.message);
  }
}

// ----- tokens ------------------------------------------------------------------------------------

type Token =
  | { readonly type: 'number'; readonly value: number; readonly at: number }
  | { readonly type: 'string'; readonly value: string; readonly at: number }
  | { readonly type: 'name'; readonly value: string; readonly at: number }
  | { readonly type: 'punct'; readonly value: string; readonly at: number }
  | { readonly type: 'end'; readonly value: ''; readonly at: number };

/** Longest first, so `?.` wins over `?` and `==` over `=`. Jira has no `===`, `++`, `+=`…: they do not tokenise. */
const PUNCTUATION = [
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ';',
  '.',
  '?',
  ':',
  '!',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
];
const KEYWORDS = new Set(['let', 'new', 'typeof', 'true', 'false', 'null', 'return']);
/** JavaScript words Jira expressions do not have: refused by name, with a clear message. */
const NOT_JIRA = new Set([
  'const',
  'var',
  'function',
  'this',
  'undefined',
  'class',
  'for',
  'while',
  'await',
  'async',
  'instanceof',
  'in',
  'delete',
  'void',
  'yield',
  'switch',
  'do',
]);

const lineAndColumn = (source: string, at: number) => {
  const before = source.slice(0, at).split('\n');
  return { line: before.length, column: present(before[before.length - 1]).length + 1 };
};

const syntaxError = (source: string, at: number, message: string): ExpressionError =>
  new ExpressionError({ type: 'syntax', message, ...lineAndColumn(source, at) });

const tokenise = (source: string): Token[] => {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = present(source[at]);
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    if (source.startsWith('//', at) || source.startsWith('/*', at)) {
      const end = source.startsWith('//', at) ? source.indexOf('\n', at) : source.indexOf('*/', at) + 2;
      at = end <= 1 || end === -1 ? source.length : end;
      continue;
    }
    if (/[0-9]/.test(char)) {
      const text = present(/^[0-9]+(\.[0-9]+)?/.exec(source.slice(at)))[0];
      tokens.push({ type: 'number', value: Number(text), at });
      at += text.length;
      continue;
    }
    if (char === '"' || char === "'") {
      let value = '';
      let cursor = at + 1;
      for (; cursor < source.length && source[cursor] !== char; cursor++) {
        if (source[cursor] === '\n') throw syntaxError(source, at, 'Unterminated string literal.');
        if (source[cursor] === '\\') {
          cursor++;
          const escaped = source[cursor] ?? '';
          value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
        } else {
          value += source.charAt(cursor);
        }
      }
      if (cursor >= source.length) throw syntaxError(source, at, 'Unterminated string literal.');
      tokens.push({ type: 'string', value, at });
      at = cursor + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(char)) {
      const name = present(/^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(at)))[0];
      if (NOT_JIRA.has(name)) throw syntaxError(source, at, `"${name}" is JavaScript, not a Jira expression.`);
      tokens.push({ type: 'name', value: name, at });
      at += name.length;
      continue;
    }
    if (char === '`') throw syntaxError(source, at, 'Template literals are not emulated by the sandbox.');
    const punct = PUNCTUATION.find((candidate) => source.startsWith(candidate, at));
    if (punct === undefined || source.startsWith('===', at) || source.startsWith('!==', at))
      throw syntaxError(source, at, `Unexpected "${source.slice(at, at + 3)}".`);
    tokens.push({ type: 'punct', value: punct, at });
    at += punct.length;
  }
  tokens.push({ type: 'end', value: '', at: source.length });
  return tokens;
};

// ----- parser ------------------------------------------------------------------------------------

/** Binary operators by precedence, loosest first (JavaScript's order). */
const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['??'],
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  private position = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(offset = 0): Token {
    return present(this.tokens[Math.min(this.position + offset, this.tokens.length - 1)]);
  }

  private is(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return (token.type === 'punct' || token.type === 'name') && token.value === value;
  }

  private take(value: string): Token {
    const token = this.peek();
    if (!this.is(value))
      throw syntaxError(
        this.source,
        token.at,
        `"${value}" expected, ${token.type === 'end' ? 'end of expression' : `"${String(token.value)}"`} encountered.`,
      );
    this.position++;
    return token;
  }

  private name(): string {
    const token = this.peek();
    if (token.type !== 'name' || KEYWORDS.has(token.value))
      throw syntaxError(
        this.source,
        token.at,
        `A name expected, ${token.type === 'end' ? 'end of expression' : `"${String(token.value)}"`} encountered.`,
      );
    this.position++;
    return token.value;
  }

  program(): ParsedExpression {
    const lets: { name: string; value: ExpressionNode }[] = [];
    // `let` is optional in Jira: `x = …;` declares too.
    while (this.is('let') || (this.peek().type === 'name' && this.is('=', 1))) {
      if (this.is('let')) this.position++;
      const name = this.name();
      this.take('=');
      lets.push({ name, value: this.expression() });
      this.take(';');
    }
    if (this.is('return')) this.position++;
    const body = this.expression();
    if (this.is(';')) this.position++;
    const rest = this.peek();
    if (rest.type !== 'end') throw syntaxError(this.source, rest.at, `End of expression expected, "${String(rest.value)}" encountered.`);
    return { lets, body };
  }

  expression(): ExpressionNode {
    if (this.isArrow()) return this.arrow();
    const test = this.binary(0);
    if (!this.is('?')) return test;
    this.position++;
    const then = this.expression();
    this.take(':');
    return { kind: 'conditional', test, then, otherwise: this.expression() };
  }

  private isArrow(): boolean {
    if (this.peek().type === 'name' && this.is('=>', 1)) return true;
    if (!this.is('(')) return false;
    let offset = 1;
    while (this.peek(offset).type === 'name' || this.is(',', offset)) offset++;
    return this.is(')', offset) && this.is('=>', offset + 1);
  }

  private arrow(): ExpressionNode {
    const params: string[] = [];
    if (this.is('(')) {
      this.position++;
      while (!this.is(')')) {
        params.push(this.name());
        if (!this.is(')')) this.take(',');
      }
      this.position++;
    } else {
      params.push(this.name());
    }
    this.take('=>');
    return { kind: 'arrow', params, body: this.expression() };
  }

  private binary(level: number): ExpressionNode {
    if (level === BINARY_LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (present(BINARY_LEVELS[level]).some((operator) => this.is(operator))) {
      const operator = String(this.peek().value);
      this.position++;
      left = { kind: 'binary', operator, left, right: this.binary(level + 1) };
    }
    return left;
  }

  private unary(): ExpressionNode {
    for (const operator of ['!', '-', 'typeof'] as const) {
      if (this.is(operator)) {
        this.position++;
        return { kind: 'unary', operator, operand: this.unary() };
      }
    }
    return this.postfix(this.primary());
  }

  private postfix(start: ExpressionNode): ExpressionNode {
    let node = start;
    for (;;) {
      if (this.is('.') || this.is('?.')) {
        const optional = this.is('?.');
        this.position++;
        if (optional && this.is('[')) {
          this.position++;
          node = { kind: 'index', object: node, index: this.expression(), optional };
          this.take(']');
        } else {
          node = { kind: 'member', object: node, name: this.name(), optional };
        }
      } else if (this.is('[')) {
        this.position++;
        node = { kind: 'index', object: node, index: this.expression(), optional: false };
        this.take(']');
      } else if (this.is('(')) {
        node = { kind: 'call', callee: node, args: this.args() };
      } else {
        return node;
      }
    }
  }

  private args(): ExpressionNode[] {
    this.take('(');
    const args: ExpressionNode[] = [];
    while (!this.is(')')) {
      args.push(this.expression());
      if (!this.is(')')) this.take(',');
    }
    this.position++;
    return args;
  }

  private primary(): ExpressionNode {
    const token = this.peek();
    if (token.type === 'number' || token.type === 'string') {
      this.position++;
      return { kind: 'literal', value: token.value };
    }
    if (this.is('true') || this.is('false') || this.is('null')) {
      this.position++;
      return { kind: 'literal', value: token.value === 'null' ? null : token.value === 'true' };
    }
    if (this.is('new')) {
      this.position++;
      return { kind: 'new', type: this.name(), args: this.args() };
    }
    if (this.is('(')) {
      this.position++;
      const inner = this.expression();
      this.take(')');
      return inner;
    }
    if (this.is('[')) {
      this.position++;
      const items: ExpressionNode[] = [];
      while (!this.is(']')) {
        items.push(this.expression());
        if (!this.is(']')) this.take(',');
      }
      this.position++;
      return { kind: 'list', items };
    }
    if (this.is('{')) {
      this.position++;
      const entries: { key: string; value: ExpressionNode }[] = [];
      while (!this.is('}')) {
        const key = this.peek().type === 'string' ? String(present(this.tokens[this.position++]).value) : this.name();
        this.take(':');
        entries.push({ key, value: this.expression() });
        if (!this.is('}')) this.take(',');
      }
      this.position++;
      return { kind: 'map', entries };
    }
    if (token.type === 'name' && !KEYWORDS.has(token.value)) {
      this.position++;
      return { kind: 'variable', name: token.value };
    }
    throw syntaxError(
      this.source,
      token.at,
      `An expression expected, ${token.type === 'end' ? 'end of expression' : `"${token.value}"`} encountered.`,
    );
  }
}

export const parseExpression = (source: string): ParsedExpression => new Parser(source, tokenise(source)).program();

// ----- measuring ---------------------------------------------------------------------------------

const children = (node: ExpressionNode): readonly ExpressionNode[] => {
  switch (node.kind) {
    case 'literal':
    case 'variable':
      return [];
    case 'member':
      return [node.object];
    case 'index':
      return [node.object, node.index];
    case 'call':
      return [node.callee, ...node.args];
    case 'new':
      return node.args;
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.then, node.otherwise];
    case 'arrow':
      return [node.body];
    case 'list':
      return node.items;
    case 'map':
      return node.entries.map((entry) => entry.value);
  }
};

/** Names a node holds itself (a property name, a bound parameter, a constructor): leaves in the sandbox's count. */
const ownNames = (node: ExpressionNode): number =>
  node.kind === 'member' || node.kind === 'new'
    ? 1
    : node.kind === 'arrow'
      ? node.params.length
      : node.kind === 'map'
        ? node.entries.length
        : 0;

const leavesOf = (node: ExpressionNode, countNames: boolean): number => {
  const below = children(node);
  const names = countNames ? ownNames(node) : 0;
  const isValueLeaf = node.kind === 'literal' || node.kind === 'variable';
  return (isValueLeaf ? 1 : 0) + names + below.reduce((sum, child) => sum + leavesOf(child, countNames), 0);
};

/**
 * The expression's size: `leaves` as the sandbox counts them (every name too: an upper bound of
 * Jira's count, and what the limit is checked against), and `valueLeaves`, the literals and variable
 * reads alone (the fewest Jira could count).
 */
export const measureExpression = (parsed: ParsedExpression): { readonly leaves: number; readonly valueLeaves: number } => {
  const count = (countNames: boolean) =>
    parsed.lets.reduce((sum, declaration) => sum + (countNames ? 1 : 0) + leavesOf(declaration.value, countNames), 0) +
    leavesOf(parsed.body, countNames);
  return { leaves: count(true), valueLeaves: count(false) };
};

/** What Jira's analyse reports for an expression's syntax and size: the problems, empty when none. */
export const checkExpression = (
  source: string,
  limits: { readonly characters: number; readonly leaves?: number } = EXPRESSION_LIMITS,
): { readonly problems: readonly ExpressionProblem[]; readonly parsed: ParsedExpression | null; readonly leaves: number | null } => {
  const problems: ExpressionProblem[] = [];
  let parsed: ParsedExpression | null = null;
  try {
    parsed = parseExpression(source);
  } catch (thrown) {
    if (!(thrown instanceof ExpressionError)) throw thrown;
    problems.push(thrown.problem);
  }
  if (source.length > limits.characters)
    problems.push({ type: 'other', message: `Jira expression is too long (${source.length}), limit: ${limits.characters} characters` });
  const leaves = parsed === null ? null : measureExpression(parsed).leaves;
  if (leaves !== null && limits.leaves !== undefined && leaves > limits.leaves)
    problems.push({ type: 'other', message: `Jira expression has too many nodes (${leaves}), limit: ${limits.leaves} leaves` });
  return { problems, parsed, leaves };
};

// ----- values ------------------------------------------------------------------------------------

/** A day with no time or zone (`CalendarDate`), kept as days since 1970-01-01. */
export class CalendarDate {
  constructor(readonly day: number) {}
  static parse(text: string): CalendarDate | null {
    const time = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
    return Number.isNaN(time) ? null : new CalendarDate(Math.round(time / 86_400_000));
  }
  toISO(): string {
    return new Date(this.day * 86_400_000).toISOString().slice(0, 10);
  }
}

/** An instant (`Date`). The sandbox's users are all in UTC. */
class JiraDate {
  constructor(readonly time: number) {}
}

/** A rich-text value (`RichText`): Jira gives its plain text. */
export class RichText {
  constructor(readonly plainText: string) {}
}

/** A Jira entity (`Issue`, `User`, `Project`, `IssueType`…): only the properties it is given exist. */
export class JiraEntity {
  constructor(
    readonly typeName: string,
    readonly properties: Readonly<Record<string, Value>>,
    /** Properties that load data when read (custom fields, entity properties): Jira's "expensive operations". */
    readonly expensive: (name: string) => boolean = () => false,
  ) {}
}

/** A JSON object (`Map`): a missing key reads as null. */
class JiraMap {
  constructor(readonly entries: Readonly<Record<string, Value>>) {}
}

interface JiraFunction {
  readonly params: readonly string[];
  readonly call: (args: readonly Value[]) => Value;
}

export type Value =
  string | number | boolean | null | readonly Value[] | CalendarDate | JiraDate | RichText | JiraEntity | JiraMap | JiraFunction;

const isFunction = (value: Value): value is JiraFunction =>
  typeof value === 'object' && value !== null && 'call' in value && 'params' in value;

/** The type name Jira's `typeof` gives. */
export const typeName = (value: Value): string => {
  if (value === null) return 'Null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'boolean') return 'Boolean';
  if (Array.isArray(value)) return 'List';
  if (value instanceof CalendarDate) return 'CalendarDate';
  if (value instanceof JiraDate) return 'Date';
  if (value instanceof RichText) return 'RichText';
  if (value instanceof JiraEntity) return value.typeName;
  if (value instanceof JiraMap) return 'Map';
  return 'Function';
};

/** JSON (a config, an event payload, a custom field value) as expression values: objects are Maps. */
export const fromJson = (json: unknown): Value => {
  if (json === null || json === undefined) return null;
  if (typeof json === 'string' || typeof json === 'number' || typeof json === 'boolean') return json;
  if (Array.isArray(json)) return json.map(fromJson);
  return new JiraMap(Object.fromEntries(Object.entries(json as Record<string, unknown>).map(([key, item]) => [key, fromJson(item)])));
};

const truthy = (value: Value): boolean =>
  !(value === null || value === false || value === 0 || value === '' || (typeof value === 'number' && Number.isNaN(value)));

const asText = (value: Value): string => {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof CalendarDate) return value.toISO();
  if (value instanceof JiraDate) return new Date(value.time).toISOString();
  if (Array.isArray(value)) return `[${value.map(asText).join(', ')}]`;
  return typeName(value);
};

// ----- evaluation --------------------------------------------------------------------------------

interface EvaluationContext {
  /** Context variables: `issue`, `user`, `config`, `event`… */
  readonly variables: Readonly<Record<string, Value>>;
  /** "Now", for `new Date()` and `new CalendarDate()`. */
  readonly now: Date;
  readonly maxExpensiveOperations?: number;
  readonly maxSteps?: number;
}

const failed = (message: string): ExpressionError => new ExpressionError({ type: 'other', message: `Evaluation failed: ${message}` });

class Evaluator {
  private expensive = 0;
  private steps = 0;
  constructor(private readonly context: EvaluationContext) {}

  private step(): void {
    if (++this.steps > (this.context.maxSteps ?? Number.POSITIVE_INFINITY))
      throw failed(`the expression took more than ${this.context.maxSteps} steps`);
  }

  run(parsed: ParsedExpression): Value {
    const scope = new Map<string, Value>(Object.entries(this.context.variables));
    for (const declaration of parsed.lets) scope.set(declaration.name, this.evaluate(declaration.value, scope));
    return this.evaluate(parsed.body, scope);
  }

  private evaluate(node: ExpressionNode, scope: ReadonlyMap<string, Value>): Value {
    this.step();
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'variable':
        if (!scope.has(node.name)) throw failed(`"${node.name}" is not defined`);
        // Checked just above; a variable may hold null, which is a value in Jira expressions.
        return scope.get(node.name) ?? null;
      case 'member': {
        const object = this.evaluate(node.object, scope);
        if (object === null) {
          if (node.optional) return null;
          throw failed(`cannot read "${node.name}" of null`);
        }
        return this.property(object, node.name);
      }
      case 'index': {
        const object = this.evaluate(node.object, scope);
        if (object === null && node.optional) return null;
        return this.indexed(object, this.evaluate(node.index, scope));
      }
      case 'call':
        return this.call(node, scope);
      case 'new':
        return this.construct(
          node.type,
          node.args.map((arg) => this.evaluate(arg, scope)),
        );
      case 'unary': {
        const operand = this.evaluate(node.operand, scope);
        if (node.operator === 'typeof') return typeName(operand);
        if (node.operator === '!') return !truthy(operand);
        if (typeof operand !== 'number') throw failed(`cannot negate ${typeName(operand)}`);
        return -operand;
      }
      case 'binary':
        return this.binary(node.operator, node.left, node.right, scope);
      case 'conditional':
        return truthy(this.evaluate(node.test, scope)) ? this.evaluate(node.then, scope) : this.evaluate(node.otherwise, scope);
      case 'arrow':
        return {
          params: node.params,
          call: (args) => {
            const inner = new Map(scope);
            node.params.forEach((param, position) => inner.set(param, args[position] ?? null));
            return this.evaluate(node.body, inner);
          },
        };
      case 'list':
        return node.items.map((item) => this.evaluate(item, scope));
      case 'map':
        return new JiraMap(Object.fromEntries(node.entries.map((entry) => [entry.key, this.evaluate(entry.value, scope)])));
    }
  }

  private binary(operator: string, leftNode: ExpressionNode, rightNode: ExpressionNode, scope: ReadonlyMap<string, Value>): Value {
    const left = this.evaluate(leftNode, scope);
    if (operator === '&&') return truthy(left) ? this.evaluate(rightNode, scope) : left;
    if (operator === '||') return truthy(left) ? left : this.evaluate(rightNode, scope);
    if (operator === '??') return left === null ? this.evaluate(rightNode, scope) : left;
    const right = this.evaluate(rightNode, scope);
    switch (operator) {
      case '==':
      case '!=': {
        const same = this.equal(left, right);
        return operator === '==' ? same : !same;
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const [a, b] = this.comparable(left, right);
        return operator === '<' ? a < b : operator === '<=' ? a <= b : operator === '>' ? a > b : a >= b;
      }
      case '+':
        if (typeof left === 'string' || typeof right === 'string') return asText(left) + asText(right);
        if (typeof left === 'number' && typeof right === 'number') return left + right;
        throw failed(`cannot add ${typeName(left)} and ${typeName(right)}`);
      default: {
        if (typeof left !== 'number' || typeof right !== 'number')
          throw failed(`"${operator}" needs two numbers, not ${typeName(left)} and ${typeName(right)}`);
        return operator === '-' ? left - right : operator === '*' ? left * right : operator === '/' ? left / right : left % right;
      }
    }
  }

  /** `==` compares values of one type (and anything with null); dates by their day or instant. */
  private equal(left: Value, right: Value): boolean {
    if (left === null || right === null) return left === right;
    if (typeName(left) !== typeName(right)) throw failed(`can't compare ${typeName(left)} to ${typeName(right)}`);
    if (left instanceof CalendarDate) return left.day === (right as CalendarDate).day;
    if (left instanceof JiraDate) return left.time === (right as JiraDate).time;
    if (Array.isArray(left) || left instanceof JiraMap) return JSON.stringify(left) === JSON.stringify(right);
    if (left instanceof JiraEntity)
      return (
        left.properties['id'] === (right as JiraEntity).properties['id'] &&
        left.properties['accountId'] === (right as JiraEntity).properties['accountId']
      );
    return left === right;
  }

  /** Ordering is defined for two numbers, two strings, two calendar dates or two dates; nothing else. */
  private comparable(left: Value, right: Value): [number | string, number | string] {
    if (typeof left === 'number' && typeof right === 'number') return [left, right];
    if (typeof left === 'string' && typeof right === 'string') return [left, right];
    if (left instanceof CalendarDate && right instanceof CalendarDate) return [left.day, right.day];
    if (left instanceof JiraDate && right instanceof JiraDate) return [left.time, right.time];
    throw failed(`can't compare ${typeName(left)} to ${typeName(right)}`);
  }

  private property(object: Value, name: string): Value {
    if (typeof object === 'string' && name === 'length') return object.length;
    if (Array.isArray(object) && name === 'length') return object.length;
    if (object instanceof RichText && name === 'plainText') return object.plainText;
    if (object instanceof JiraMap) return Object.hasOwn(object.entries, name) ? (object.entries[name] ?? null) : null;
    if (object instanceof JiraEntity) {
      if (!Object.hasOwn(object.properties, name)) {
        // A custom field the issue does not have reads as null; any other unknown property is an error.
        if (object.typeName === 'Issue' && /^customfield_\d+$/.test(name)) return this.expensiveRead(null);
        throw failed(`${object.typeName} has no property "${name}"`);
      }
      const value = object.properties[name] ?? null;
      return object.expensive(name) ? this.expensiveRead(value) : value;
    }
    throw failed(`${typeName(object)} has no property "${name}"`);
  }

  private expensiveRead(value: Value): Value {
    const limit = this.context.maxExpensiveOperations ?? EXPRESSION_LIMITS.expensiveOperations;
    if (++this.expensive > limit) throw failed(`the expression performed more than ${limit} expensive operations`);
    return value;
  }

  private indexed(object: Value, index: Value): Value {
    if (Array.isArray(object)) {
      if (typeof index !== 'number' || !Number.isInteger(index))
        throw failed(`a List is indexed by a whole number, not ${typeName(index)}`);
      if (index < 0 || index >= object.length) throw failed(`index ${index} is outside the list of ${object.length}`);
      return (object[index] as Value | undefined) ?? null;
    }
    if (typeof index === 'string' && (object instanceof JiraMap || object instanceof JiraEntity)) return this.property(object, index);
    throw failed(`${typeName(object)} cannot be indexed by ${typeName(index)}`);
  }

  private construct(type: string, args: readonly Value[]): Value {
    const now = this.context.now;
    if (type === 'Date' && args.length === 0) return new JiraDate(now.getTime());
    if (type === 'CalendarDate' && args.length === 0) return new CalendarDate(Math.floor(now.getTime() / 86_400_000));
    if (type === 'CalendarDate' && typeof args[0] === 'string') {
      const parsed = CalendarDate.parse(args[0]);
      if (parsed === null) throw failed(`"${args[0]}" is not a date`);
      return parsed;
    }
    throw failed(`the sandbox does not emulate new ${type}(${args.map(typeName).join(', ')})`);
  }

  private call(node: Extract<ExpressionNode, { kind: 'call' }>, scope: ReadonlyMap<string, Value>): Value {
    if (node.callee.kind !== 'member') {
      const callee = this.evaluate(node.callee, scope);
      if (!isFunction(callee)) throw failed(`${typeName(callee)} is not a function`);
      return callee.call(node.args.map((arg) => this.evaluate(arg, scope)));
    }
    const target = this.evaluate(node.callee.object, scope);
    if (target === null) {
      if (node.callee.optional) return null;
      throw failed(`cannot call "${node.callee.name}" on null`);
    }
    return this.method(
      target,
      node.callee.name,
      node.args.map((arg) => this.evaluate(arg, scope)),
    );
  }

  private method(target: Value, name: string, args: readonly Value[]): Value {
    const fn = (position: number): JiraFunction => {
      const arg = args[position] ?? null;
      if (!isFunction(arg)) throw failed(`${name} needs a function, not ${typeName(arg)}`);
      return arg;
    };
    const text = (position: number): string => {
      const arg = args[position] ?? null;
      if (typeof arg !== 'string') throw failed(`${name} needs a String, not ${typeName(arg)}`);
      return arg;
    };
    const whole = (position: number): number => {
      const arg = args[position] ?? null;
      if (typeof arg !== 'number' || !Number.isInteger(arg)) throw failed(`${name} needs a whole number, not ${typeName(arg)}`);
      return arg;
    };
    if (typeof target === 'string') {
      switch (name) {
        case 'trim':
          return target.trim();
        case 'toLowerCase':
          return target.toLowerCase();
        case 'toUpperCase':
          return target.toUpperCase();
        case 'includes':
          return target.includes(text(0));
        case 'indexOf':
          return target.indexOf(text(0));
        case 'slice':
          return target.slice(whole(0), args.length > 1 ? whole(1) : undefined);
        case 'split':
          return target.split(text(0));
        case 'match': {
          // A regular expression given as a string; the first match with its groups, or null.
          const found = new RegExp(text(0)).exec(target);
          // An unmatched group is undefined at run time, whatever RegExpExecArray's type says.
          return found === null ? null : Array.from(found, (group: string | undefined) => group ?? null);
        }
      }
    }
    if (Array.isArray(target)) {
      const list = target as readonly Value[];
      switch (name) {
        case 'filter':
          return list.filter((item) => truthy(fn(0).call([item])));
        case 'map':
          return list.map((item) => fn(0).call([item]));
        case 'some':
          return list.some((item) => truthy(fn(0).call([item])));
        case 'every':
          return list.every((item) => truthy(fn(0).call([item])));
        case 'includes':
          return list.some(
            (item) =>
              item === args[0] ||
              (item !== null && args[0] !== null && typeName(item) === typeName(args[0] ?? null) && this.equal(item, args[0] ?? null)),
          );
        case 'indexOf':
          return list.findIndex((item) => item === args[0]);
        case 'join':
          return list.map(asText).join(args.length === 0 ? ',' : text(0));
        case 'slice':
          return list.slice(whole(0), args.length > 1 ? whole(1) : undefined);
        case 'concat':
          return list.concat(Array.isArray(args[0]) ? (args[0] as Value[]) : [args[0] ?? null]);
      }
    }
    if (target instanceof CalendarDate) {
      const date = new Date(target.day * 86_400_000);
      switch (name) {
        case 'plusDays':
          return new CalendarDate(target.day + whole(0));
        case 'minusDays':
          return new CalendarDate(target.day - whole(0));
        case 'getDay':
          return date.getUTCDay();
        case 'getDate':
          return date.getUTCDate();
        case 'getMonth':
          return date.getUTCMonth();
        case 'getFullYear':
          return date.getUTCFullYear();
        case 'toString':
        case 'toISOString':
          return target.toISO();
      }
    }
    if (target instanceof JiraDate) {
      const date = new Date(target.time);
      switch (name) {
        case 'toCalendarDate':
        case 'toCalendarDateUTC':
          return new CalendarDate(Math.floor(target.time / 86_400_000));
        case 'plusDays':
          return new JiraDate(target.time + whole(0) * 86_400_000);
        case 'minusDays':
          return new JiraDate(target.time - whole(0) * 86_400_000);
        case 'getDay':
          return date.getUTCDay();
        case 'getTime':
          return target.time;
        case 'toISOString':
          return date.toISOString();
      }
    }
    if (target instanceof JiraMap && name === 'get') return this.property(target, text(0));
    throw failed(`${typeName(target)} has no method "${name}"`);
  }
}

/** Evaluates a parsed expression; an expression Jira could not evaluate throws an ExpressionError. */
export const evaluateExpression = (parsed: ParsedExpression, context: EvaluationContext): Value => new Evaluator(context).run(parsed);

/**
 * A workflow validator's verdict, as Jira gives it: true passes, a String is the refusal shown to the
 * person, and anything else (another type, an error, an expression over the limits) refuses. The
 * reason is for the sandbox's log: Jira only emits `avi:jira:failed:expression`.
 */
export const validatorVerdict = (
  source: string,
  context: EvaluationContext,
): { readonly result: true } | { readonly result: false; readonly errorMessage: string | null; readonly reason: string } => {
  const checked = checkExpression(source);
  if (checked.parsed === null || checked.problems.length > 0)
    return { result: false, errorMessage: null, reason: checked.problems.map((problem) => problem.message).join('; ') };
  try {
    const value = evaluateExpression(checked.parsed, context);
    if (value === true) return { result: true };
    return typeof value === 'string'
      ? { result: false, errorMessage: value, reason: 'returned a message' }
      : { result: false, errorMessage: null, reason: `returned ${typeName(value)}` };
  } catch (thrown) {
    if (thrown instanceof ExpressionError) return { result: false, errorMessage: null, reason: thrown.message };
    throw thrown;
  }
};

/** Context variables Jira's type check knows without being told (the common ones). */
const COMMON_VARIABLES = new Set(['issue', 'issues', 'project', 'user', 'app', 'sprint', 'board', 'serviceDesk', 'customerRequest']);

/** Variables an expression reads that no `let`, parameter or context variable gives. */
const unboundVariables = (parsed: ParsedExpression, known: ReadonlySet<string>): string[] => {
  const unbound = new Set<string>();
  const visit = (node: ExpressionNode, bound: ReadonlySet<string>): void => {
    if (node.kind === 'variable' && !bound.has(node.name)) unbound.add(node.name);
    const inner = node.kind === 'arrow' ? new Set([...bound, ...node.params]) : bound;
    for (const child of children(node)) visit(child, inner);
  };
  const bound = new Set(known);
  for (const declaration of parsed.lets) {
    visit(declaration.value, bound);
    bound.add(declaration.name);
  }
  visit(parsed.body, bound);
  return [...unbound];
};

/** Custom field reads an expression makes at most once through (no loops over issues): its expensive operations. */
const customFieldReads = (node: ExpressionNode): number =>
  (node.kind === 'member' && /^customfield_\d+$/.test(node.name) ? 1 : 0) +
  children(node).reduce((sum, child) => sum + customFieldReads(child), 0);

export type AnalyseCheck = 'syntax' | 'type' | 'complexity';

/**
 * `POST /rest/api/3/expression/analyse`, answered in Jira's shape (`JiraExpressionsAnalysis`). The
 * syntax check parses and measures; `type` also refuses variables no context gives (a part of Jira's
 * type check, which the sandbox does not emulate further); `complexity` counts the custom field reads.
 */
export const analyseExpressions = (
  expressions: readonly string[],
  check: AnalyseCheck,
  contextVariables: Readonly<Record<string, string>> = {},
) => ({
  results: expressions.map((expression) => {
    const checked = checkExpression(expression);
    const problems = [...checked.problems];
    if (checked.parsed !== null && check === 'type') {
      const known = new Set([...COMMON_VARIABLES, ...Object.keys(contextVariables)]);
      for (const name of unboundVariables(checked.parsed, known)) problems.push({ type: 'type', message: `Unknown variable: ${name}.` });
    }
    const complexity =
      checked.parsed !== null && check === 'complexity'
        ? {
            complexity: {
              expensiveOperations: String(
                [...checked.parsed.lets.map((l) => l.value), checked.parsed.body].reduce((sum, node) => sum + customFieldReads(node), 0),
              ),
            },
          }
        : {};
    return problems.length === 0 ? { expression, valid: true, ...complexity } : { expression, valid: false, errors: problems };
  }),
});
