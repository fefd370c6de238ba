import { present } from '../../src/domain/present';
import { wordsOf } from '../../src/domain/naming-check';
/**
 * The slice of JQL the sandbox answers: AND / OR / NOT and parentheses; `=`, `!=`, `<`, `<=`, `>`,
 * `>=`, `~`, `IN`, `NOT IN`, `IS [NOT] EMPTY`; relative dates like "-60m" or "-2d"; `currentUser()`;
 * list functions after `IN` that the site answers (`issue in linkedIssues("MKT-1", "is blocked by")`); `ORDER BY`. Anything else is refused with a message naming it, as Jira refuses bad JQL.
 */

export type FieldValue = string | number | null | readonly string[];

interface JqlContext {
  /** The value of a field (by its JQL name) on one issue, or undefined when no such field exists. */
  readonly valueOf: (field: string) => FieldValue | undefined;
}

type Predicate = (issue: JqlContext) => boolean;

interface ParsedJql {
  readonly where: Predicate;
  readonly orderBy: readonly { readonly field: string; readonly descending: boolean }[];
}

export class JqlError extends Error {}

type Token = { kind: 'word' | 'string' | 'op' | 'punct'; text: string };

const tokenize = (jql: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = present(jql[i]);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const end = jql.indexOf(c, i + 1);
      if (end < 0) throw new JqlError(`Error in the JQL Query: the quoted string starting at character ${i + 1} is not closed.`);
      tokens.push({ kind: 'string', text: jql.slice(i + 1, end) });
      i = end + 1;
    } else if ('(),'.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else if ('=!<>~'.includes(c)) {
      const two = jql.slice(i, i + 2);
      const op = ['!=', '<=', '>=', '!~'].includes(two) ? two : c;
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      const match = /^[^\s(),=!<>~"']+/.exec(jql.slice(i));
      tokens.push({ kind: 'word', text: present(match)[0] });
      i += present(match)[0].length;
    }
  }
  return tokens;
};

const RELATIVE = /^([-+]?\d+)\s*([mhdw])$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A JQL date value as epoch milliseconds: relative ("-60m") from `now`, or "yyyy-MM-dd[ HH:mm]" in UTC. */
const dateOf = (text: string, now: number): number | null => {
  const relative = RELATIVE.exec(text.trim());
  if (relative) return now + Number(relative[1]) * present(UNIT_MS[present(relative[2]).toLowerCase()]);
  const absolute = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:\s+(\d{2}):(\d{2}))?$/.exec(text.trim());
  if (absolute)
    return Date.UTC(+present(absolute[1]), +present(absolute[2]) - 1, +present(absolute[3]), +(absolute[4] ?? 0), +(absolute[5] ?? 0));
  return null;
};

const DATE_FIELDS = new Set(['created', 'updated', 'duedate', 'due']);

/**
 * Jira's text search, `field ~ "query"` (support.atlassian.com/jira-software-cloud/docs/search-syntax-for-text-fields/):
 * the query's terms are joined with AND, in any order ("all issues that contain both words in no particular order"),
 * and a phrase in quote marks matches its words in that order. A term ending in `*` finds the words it starts; Jira
 * also stems words, which the sandbox does not do: here every term finds the words it starts, so whatever Jira finds by
 * a word's stem (a plural, say) is found too.
 */
export const textSearchMatches = (value: string, query: string): boolean => {
  const words = wordsOf(value);
  const phrases = [...query.matchAll(/"([^"]*)"/g)].map((match) => wordsOf(present(match[1])));
  const terms = wordsOf(query.replace(/"[^"]*"/g, ' '));
  const hasPhrase = (phrase: readonly string[]) => words.some((_, start) => phrase.every((word, offset) => words[start + offset] === word));
  return phrases.every(hasPhrase) && terms.every((term) => words.some((word) => word.startsWith(term)));
};

export const parseJql = (
  jql: string,
  options: {
    now: number;
    currentUser: string | null;
    isField: (name: string) => boolean;
    /** The values of a list function (`linkedIssues(…)`) for its arguments; null when the site has no such function. */
    listFunction?: (name: string, args: readonly string[]) => readonly string[] | null;
    /** Sees each value compared with a field (lower-case name), as Jira's validation checks that the value exists. */
    checkValue?: (field: string, value: string) => void;
  },
): ParsedJql => {
  const checkField = (field: string): void => {
    if (!options.isField(field.toLowerCase()))
      throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
  };
  const tokens = tokenize(jql);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isWord = (word: string): boolean => peek()?.kind === 'word' && present(peek()).text.toLowerCase() === word;
  const expect = (text: string): void => {
    if (peek()?.text.toLowerCase() !== text)
      throw new JqlError(`Error in the JQL Query: expected '${text}' but got '${peek()?.text ?? 'end of query'}'.`);
    at++;
  };

  const readValue = (): string => {
    const token = peek();
    if (token === undefined || token.kind === 'op' || (token.kind === 'punct' && token.text !== '(')) {
      throw new JqlError(`Error in the JQL Query: expecting a value but got '${token?.text ?? 'end of query'}'.`);
    }
    at++;
    if (token.kind === 'word' && peek()?.text === '(') {
      // A function call: only currentUser() is known here.
      expect('(');
      expect(')');
      if (token.text.toLowerCase() !== 'currentuser')
        throw new JqlError(`Error in the JQL Query: the function '${token.text}' is not supported by the sandbox.`);
      if (options.currentUser === null) throw new JqlError('Error in the JQL Query: currentUser() needs a user.');
      return options.currentUser;
    }
    return token.text;
  };

  const compare = (field: string, op: string, wanted: string): Predicate => {
    checkField(field);
    const key = field.toLowerCase();
    options.checkValue?.(key, wanted);
    const wantedDate = DATE_FIELDS.has(key) ? dateOf(wanted, options.now) : null;
    if (DATE_FIELDS.has(key) && wantedDate === null && op !== '~' && op !== '!~') {
      throw new JqlError(
        `Date value '${wanted}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
      );
    }
    return (issue) => {
      const actual = issue.valueOf(key);
      if (actual === undefined) throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
      const values = Array.isArray(actual) ? actual : [actual];
      if (op === '~' || op === '!~') {
        const found = values.some((value) => value !== null && textSearchMatches(String(value), wanted));
        return op === '~' ? found : !found;
      }
      const test = (value: string | number | null): boolean => {
        if (value === null) return op === '!=';
        if (DATE_FIELDS.has(key)) {
          const left = Date.parse(String(value).length === 10 ? `${value}T00:00:00Z` : String(value));
          return cmp(left, present(wantedDate), op);
        }
        if (typeof value === 'number') {
          const number = Number(wanted);
          if (!Number.isFinite(number)) throw new JqlError(`The value '${wanted}' is not a number for field '${field}'.`);
          return cmp(value, number, op);
        }
        const left = value.toLowerCase();
        const right = wanted.toLowerCase();
        return op === '=' ? left === right : op === '!=' ? left !== right : cmp(left, right, op);
      };
      return op === '!=' ? values.every(test) : values.some(test);
    };
  };

  const clause = (): Predicate => {
    const fieldToken = peek();
    if (fieldToken === undefined || (fieldToken.kind !== 'word' && fieldToken.kind !== 'string')) {
      throw new JqlError(`Error in the JQL Query: expecting a field name but got '${fieldToken?.text ?? 'end of query'}'.`);
    }
    at++;
    const field = fieldToken.text;
    checkField(field);
    if (isWord('is')) {
      at++;
      const negated = isWord('not');
      if (negated) at++;
      if (!isWord('empty') && !isWord('null'))
        throw new JqlError(`Error in the JQL Query: expecting EMPTY after IS but got '${peek()?.text ?? 'end of query'}'.`);
      at++;
      return (issue) => {
        const value = issue.valueOf(field.toLowerCase());
        if (value === undefined) throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
        const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
        return negated ? !empty : empty;
      };
    }
    const negatedIn = isWord('not');
    if (negatedIn) at++;
    if (isWord('in')) {
      at++;
      const named = peek();
      if (named?.kind === 'word' && tokens[at + 1]?.text === '(') {
        at += 2;
        const args: string[] = [];
        while (peek() !== undefined && peek()?.text !== ')') {
          if (peek()?.text === ',') at++;
          else args.push(readValue());
        }
        expect(')');
        const listed = options.listFunction?.(named.text.toLowerCase(), args) ?? null;
        if (listed === null) throw new JqlError(`Error in the JQL Query: the function '${named.text}' is not supported by the sandbox.`);
        const tests = listed.map((value) => compare(field, '=', value));
        return (issue) => tests.some((test) => test(issue)) !== negatedIn;
      }
      expect('(');
      const values: string[] = [readValue()];
      while (peek()?.text === ',') {
        at++;
        values.push(readValue());
      }
      expect(')');
      const tests = values.map((value) => compare(field, '=', value));
      return (issue) => tests.some((test) => test(issue)) !== negatedIn;
    }
    if (negatedIn) throw new JqlError(`Error in the JQL Query: expecting IN after NOT but got '${peek()?.text ?? 'end of query'}'.`);
    const op = peek();
    if (op?.kind !== 'op')
      throw new JqlError(`Error in the JQL Query: expecting an operator after '${field}' but got '${op?.text ?? 'end of query'}'.`);
    at++;
    return compare(field, op.text, readValue());
  };

  const unary = (): Predicate => {
    if (isWord('not')) {
      at++;
      const inner = unary();
      return (issue) => !inner(issue);
    }
    if (peek()?.text === '(') {
      at++;
      const inner = disjunction();
      expect(')');
      return inner;
    }
    return clause();
  };
  const conjunction = (): Predicate => {
    const parts = [unary()];
    while (isWord('and')) {
      at++;
      parts.push(unary());
    }
    return (issue) => parts.every((part) => part(issue));
  };
  const disjunction = (): Predicate => {
    const parts = [conjunction()];
    while (isWord('or')) {
      at++;
      parts.push(conjunction());
    }
    return (issue) => parts.some((part) => part(issue));
  };

  const where = peek() === undefined || isWord('order') ? () => true : disjunction();
  const orderBy: { field: string; descending: boolean }[] = [];
  if (isWord('order')) {
    at++;
    expect('by');
    do {
      if (peek()?.text === ',') at++;
      const field = readValue();
      checkField(field);
      const descending = isWord('desc');
      if (descending || isWord('asc')) at++;
      orderBy.push({ field: field.toLowerCase(), descending });
    } while (peek()?.text === ',');
  }
  if (peek() !== undefined) throw new JqlError(`Error in the JQL Query: unexpected '${present(peek()).text}' at the end of the query.`);
  return { where, orderBy };
};

const cmp = <T extends string | number>(left: T, right: T, op: string): boolean => {
  switch (op) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    default:
      throw new JqlError(`Error in the JQL Query: the operator '${op}' is not supported here.`);
  }
};
