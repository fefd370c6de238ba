import { useId, useState } from 'react';
import type { Envelope } from '../../src/contracts/resolver-contract';
import type { Person } from '../../src/contracts/views/person';
import { useSearch } from './use-search';

/** A people search through the app's own `people/search` resolver (the panel's or the admin page's); the same function every render. */
type PeopleSearch = (query: string) => Promise<Envelope<readonly Person[]>>;

/** Picks a person by name, searching through the app's resolver, as a Custom UI frame does not call Jira itself. */
export const PersonPicker = ({ label, search, onPick }: { label: string; search: PeopleSearch; onPick: (person: Person) => void }) => {
  const id = useId();
  const [query, setQuery] = useState('');
  const { found, problem } = useSearch(search, query);

  return (
    <div className="fp-field fp-picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="fp-input"
        placeholder="Type a name"
        value={query}
        aria-controls={found.length > 0 ? `${id}-results` : undefined}
        onChange={(event) => setQuery(event.target.value)}
      />
      {problem && <p className="fp-field-error">{problem}</p>}
      {found.length > 0 && (
        <ul id={`${id}-results`} className="fp-picker-results" aria-label={`People matching ${query}`}>
          {found.map((person) => (
            <li key={person.accountId}>
              <button
                type="button"
                className="fp-picker-option"
                onClick={() => {
                  onPick(person);
                  setQuery('');
                }}
              >
                {person.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};
