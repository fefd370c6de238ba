import type { Envelope } from '../../src/contracts/resolver-contract';
import { newestAnswerOnly } from './newest-answer';

/** What a picker shows for its query: the matches, the resolver's refusal in its words, and whether any answer came yet. */
export interface SearchState<Found> {
  readonly found: readonly Found[];
  readonly problem: string | null;
  readonly answered: boolean;
}

export interface SearchOptions {
  /** The shortest query asked (2 by default: a name search from two letters); 0 asks for the empty query too. */
  readonly minLength?: number;
  /** The pause in typing before asking, so each keystroke does not ask Jira. */
  readonly pauseMs?: number;
}

/**
 * The search behind a picker, apart from React so it can be tested: `query` asks `search` after a pause in typing, and
 * shows its answer unless a newer query was typed or the picker closed since (an older answer that comes back late is
 * dropped, not shown over the newer one). A query shorter than `minLength` asks nothing and shows no matches.
 */
export const searchSession = <Found>(
  search: (query: string) => Promise<Envelope<readonly Found[]>>,
  show: (update: (state: SearchState<Found>) => SearchState<Found>) => void,
  { minLength = 2, pauseMs = 250 }: SearchOptions = {},
) => {
  const answers = newestAnswerOnly();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const close = (): void => {
    clearTimeout(timer);
    answers.drop();
  };
  return {
    query: (text: string): void => {
      close();
      const trimmed = text.trim();
      if (trimmed.length < minLength) {
        show((state) => ({ ...state, found: [], problem: null }));
        return;
      }
      timer = setTimeout(() => {
        answers.ask(search(trimmed), (answer) =>
          show(() => ({ found: answer.ok ? answer.data : [], problem: answer.ok ? null : answer.error.message, answered: true })),
        );
      }, pauseMs);
    },
    close,
  };
};
