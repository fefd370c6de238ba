import { useEffect, useState } from 'react';
import type { Envelope } from '../../src/contracts/resolver-contract';
import { searchSession, type SearchOptions, type SearchState } from './search-session';

/**
 * What `search` finds for `query` (from `minLength` characters, 2 unless told), asked after a pause in typing; the
 * resolver's refusal, in its words, when it refuses; never an older query's answer that came back late.
 * `search` must be the same function every render.
 */
export const useSearch = <Found>(
  search: (query: string) => Promise<Envelope<readonly Found[]>>,
  query: string,
  { minLength }: Pick<SearchOptions, 'minLength'> = {},
): SearchState<Found> => {
  const [state, setState] = useState<SearchState<Found>>({ found: [], problem: null, answered: false });
  const [session] = useState(() => searchSession(search, setState, minLength === undefined ? {} : { minLength }));
  useEffect(() => {
    session.query(query);
    // A newer query, or the picker gone: an answer still on its way for this one is not shown.
    return session.close;
  }, [session, query]);
  return state;
};
