import { useEffect, useState } from 'react';
import type { Envelope } from '../../src/contracts/resolver-contract';

/**
 * What `search` finds for `query` (from 2 characters), asked after a pause in typing so each keystroke does not ask
 * Jira; the resolver's refusal, in its words, when it refuses. `search` must be the same function every render.
 */
export const useSearch = <Found>(
  search: (query: string) => Promise<Envelope<readonly Found[]>>,
  query: string,
): { found: readonly Found[]; problem: string | null } => {
  const [found, setFound] = useState<readonly Found[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (query.trim().length < 2) {
      setFound([]);
      return undefined;
    }
    const timer = setTimeout(() => {
      void search(query.trim()).then((answer) => {
        setFound(answer.ok ? answer.data : []);
        setProblem(answer.ok ? null : answer.error.message);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [search, query]);
  return { found, problem };
};
