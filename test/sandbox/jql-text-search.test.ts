import { describe, expect, it } from 'vitest';
import { textSearchMatches } from '../../sandbox/jira/jql';

/**
 * The sandbox's `~`, held to Jira's text search (support.atlassian.com/jira-software-cloud/docs/search-syntax-for-text-fields/):
 * "If you combine multiple terms without specifying any Boolean operators, they will be joined using AND operators",
 * "all issues that contain both words in no particular order", a trailing `*` for the words a term starts, and a quoted
 * phrase for the words in order.
 */
describe("the sandbox's text search", () => {
  const summary = 'Savings account rate promo (regulated)';

  it.each([
    ['rate promo regulated*', 'every word, punctuation between them aside'],
    ['promo rate', 'in any order'],
    ['SAVINGS', 'in any case'],
    ['regul*', 'a word by its start'],
    ['"account rate"', 'a phrase, its words in order'],
  ])('finds "%s" (%s)', (query) => {
    expect(textSearchMatches(summary, query)).toBe(true);
  });

  it.each([
    ['rate webinar', 'one word missing'],
    ['"rate account"', 'a phrase out of order'],
    ['ate', 'a piece inside a word'],
  ])('does not find "%s" (%s)', (query) => {
    expect(textSearchMatches(summary, query)).toBe(false);
  });
});
