import { useEffect, useState } from 'react';
import type { Envelope } from '../../src/contracts/resolver-contract';
import { invoke } from './invoke';

/**
 * What a search resolver finds for `query` (from 2 characters), asked after a pause in typing so each keystroke does
 * not ask Jira; the resolver's refusal, in its words, when it refuses.
 */
export const useSearch = <Found>(resolverKey: string, query: string): { found: readonly Found[]; problem: string | null } => {
  const [found, setFound] = useState<readonly Found[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (query.trim().length < 2) {
      setFound([]);
      return undefined;
    }
    const timer = setTimeout(() => {
      void invoke<Envelope<readonly Found[]>>(resolverKey, { query: query.trim() }).then((answer) => {
        setFound(answer.ok ? answer.data : []);
        setProblem(answer.ok ? null : answer.error.message);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [resolverKey, query]);
  return { found, problem };
};
