import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../src/contracts/resolver-contract';
import { searchSession, type SearchState } from '../../static/shared/search-session';

/**
 * The search behind every picker (people, dependencies, the gadget's projects): a pause in typing before asking, the
 * shortest query it asks, and only the newest answer shown.
 */
type Answer = Envelope<readonly string[]>;

/** A resolver whose answers the test gives when it likes, as a slow one would; each question is kept by its query. */
const slowResolver = () => {
  const asked: { query: string; answer: (names: readonly string[]) => void }[] = [];
  const search = (query: string) =>
    new Promise<Answer>((resolve) => asked.push({ query, answer: (names) => resolve({ ok: true, data: names }) }));
  return { asked, search };
};

const shownBy = () => {
  let state: SearchState<string> = { found: [], problem: null, answered: false };
  return { show: (update: (previous: SearchState<string>) => SearchState<string>) => (state = update(state)), state: () => state };
};

describe('a picker search', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once the typing pauses, not at each keystroke', async () => {
    const { asked, search } = slowResolver();
    const session = searchSession(search, shownBy().show);
    for (const typed of ['Bl', 'Bla', 'Blak', 'Blake']) {
      session.query(typed);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(250);
    expect(asked.map((question) => question.query)).toEqual(['Blake']);
  });

  it("drops an older query's answer that comes back after the newer one", async () => {
    const { asked, search } = slowResolver();
    const shown = shownBy();
    const session = searchSession(search, shown.show);
    session.query('Bla');
    await vi.advanceTimersByTimeAsync(250);
    session.query('Blake');
    await vi.advanceTimersByTimeAsync(250);
    asked[1]?.answer(['Blake Builder']);
    await vi.advanceTimersByTimeAsync(0);
    asked[0]?.answer(['Blake Builder', 'Blair Brand']);
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.state()).toEqual({ found: ['Blake Builder'], problem: null, answered: true });
  });

  it('asks nothing below the shortest query (2 letters unless told), and shows no matches', async () => {
    const { asked, search } = slowResolver();
    const shown = shownBy();
    const session = searchSession(search, shown.show);
    session.query('B');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked).toEqual([]);
    expect(shown.state().found).toEqual([]);
  });

  it('with a shortest query of 0, asks for the empty query too (the gadget offers projects before any is typed)', async () => {
    const { asked, search } = slowResolver();
    const shown = shownBy();
    const session = searchSession(search, shown.show, { minLength: 0 });
    session.query('');
    await vi.advanceTimersByTimeAsync(250);
    expect(asked.map((question) => question.query)).toEqual(['']);
    expect(shown.state().answered).toBe(false);
    asked[0]?.answer(['MKT', 'BRD']);
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.state()).toEqual({ found: ['MKT', 'BRD'], problem: null, answered: true });
  });

  it("shows nothing that answers after the picker closed, and the refusal in the resolver's words", async () => {
    const { asked, search } = slowResolver();
    const shown = shownBy();
    const session = searchSession(search, shown.show);
    session.query('Casey');
    await vi.advanceTimersByTimeAsync(250);
    session.close();
    asked[0]?.answer(['Casey Compliance']);
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.state().answered).toBe(false);

    const refusing = searchSession(
      async (): Promise<Answer> => ({ ok: false, error: { code: 'PERMISSION.DENIED', message: 'you cannot see this issue' } }),
      shown.show,
    );
    refusing.query('Casey');
    await vi.advanceTimersByTimeAsync(250);
    expect(shown.state()).toEqual({ found: [], problem: 'you cannot see this issue', answered: true });
  });
});
