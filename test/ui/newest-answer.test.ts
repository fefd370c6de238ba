import { describe, expect, it } from 'vitest';
import { newestAnswerOnly } from '../../static/shared/newest-answer';

/** A question whose answer the test gives when it likes, as a slow resolver would. */
const pending = <Answer>() => {
  let answer: (value: Answer) => void = () => undefined;
  const question = new Promise<Answer>((resolve) => (answer = resolve));
  return { question, answer };
};
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the people and dependency pickers keep the newest answer', () => {
  it('drops the answer to "Bla" that comes back after the answer to "Blake"', async () => {
    const shown: string[] = [];
    const answers = newestAnswerOnly();
    const bla = pending<string>();
    const blake = pending<string>();
    answers.ask(bla.question, (list) => shown.push(list));
    answers.ask(blake.question, (list) => shown.push(list));
    blake.answer('Blake Builder');
    await settled();
    bla.answer('Blake Builder, Blair Brand');
    await settled();
    expect(shown).toEqual(['Blake Builder']);
  });

  it('shows nothing for a query dropped before its answer came (the query cleared, the picker closed)', async () => {
    const shown: string[] = [];
    const answers = newestAnswerOnly();
    const bla = pending<string>();
    answers.ask(bla.question, (list) => shown.push(list));
    answers.drop();
    bla.answer('Blake Builder');
    await settled();
    expect(shown).toEqual([]);
  });

  it('shows each answer that is the newest when it comes', async () => {
    const shown: string[] = [];
    const answers = newestAnswerOnly();
    answers.ask(Promise.resolve('Blake Builder'), (list) => shown.push(list));
    await settled();
    answers.ask(Promise.resolve('Casey Compliance'), (list) => shown.push(list));
    await settled();
    expect(shown).toEqual(['Blake Builder', 'Casey Compliance']);
  });
});
