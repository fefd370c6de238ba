import { useId, useState } from 'react';
import type { Person } from '../../src/contracts/views/person';
import { searchWith, useSearch } from './use-search';

const searchPeople = searchWith<Person>('people/search');

/**
 * Picks a person by name: people search through the app's own `people/search` resolver (the panel's
 * and the admin page's), as a Custom UI frame does not call Jira itself.
 */
export const PersonPicker = ({ label, onPick }: { label: string; onPick: (person: Person) => void }) => {
  const id = useId();
  const [query, setQuery] = useState('');
  const { found, problem } = useSearch(searchPeople, query);

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
