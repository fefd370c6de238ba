import { useEffect, useState } from 'react';
import type { Envelope } from '../../src/contracts/resolver-contract';
import { newestAnswerOnly } from './newest-answer';

/**
 * What `search` finds for `query` (from 2 characters), asked after a pause in typing so each keystroke does not ask
 * Jira; the resolver's refusal, in its words, when it refuses; never an older query's answer that came back late.
 * `search` must be the same function every render.
 */
export const useSearch = <Found>(
  search: (query: string) => Promise<Envelope<readonly Found[]>>,
  query: string,
): { found: readonly Found[]; problem: string | null } => {
  const [found, setFound] = useState<readonly Found[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [answers] = useState(newestAnswerOnly);
  useEffect(() => {
    if (query.trim().length < 2) {
      setFound([]);
      setProblem(null);
      return undefined;
    }
    const timer = setTimeout(() => {
      answers.ask(search(query.trim()), (answer) => {
        setFound(answer.ok ? answer.data : []);
        setProblem(answer.ok ? null : answer.error.message);
      });
    }, 250);
    // A newer query, or the picker gone: an answer still on its way for this one is not shown.
    return () => {
      clearTimeout(timer);
      answers.drop();
    };
  }, [answers, search, query]);
  return { found, problem };
};
