import { useEffect, useId, useState } from 'react';
import type { ProjectChoice } from '../../../src/contracts/views/gadgets';
import { useSearch } from '../../shared/use-search';
import { searchProjects } from './api';

/**
 * The projects a gadget reports on, picked from those Jira lets the viewer browse (searched by key or
 * name), never typed as keys: a key that does not exist would break the gadget for every viewer.
 */
export const ProjectPicker = ({ chosen, onChange }: { chosen: readonly string[]; onChange: (keys: string[]) => void }) => {
  const id = useId();
  const [query, setQuery] = useState('');
  // Asked with nothing typed too: the first projects are offered before any search.
  const { found: offered, problem, answered } = useSearch<ProjectChoice>(searchProjects, query, { minLength: 0 });
  const [names, setNames] = useState<Readonly<Record<string, string>>>({});
  // Names learnt from every answer, so a chosen project keeps its name when a later search no longer lists it.
  useEffect(
    () => setNames((known) => ({ ...known, ...Object.fromEntries(offered.map((project) => [project.key, project.name])) })),
    [offered],
  );

  const toggle = (key: string, on: boolean) => onChange(on ? [...chosen, key] : chosen.filter((other) => other !== key));
  const named = (key: string): string => (names[key] === undefined ? key : `${names[key]} (${key})`);
  return (
    <fieldset className="fp-gadget-projects">
      <legend>Projects</legend>
      <p className="fp-muted" data-testid="chosen-projects">
        {chosen.length === 0 ? 'None chosen yet.' : `Chosen: ${chosen.map(named).join(', ')}`}
      </p>
      <label htmlFor={id}>Find a project</label>
      <input
        id={id}
        className="fp-input"
        placeholder="Type a key or a name"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {problem && <p className="fp-field-error">{problem}</p>}
      {!answered ? (
        <p className="fp-muted">Asking Jira for your projects…</p>
      ) : offered.length === 0 ? (
        <p className="fp-muted">No project you can browse matches.</p>
      ) : (
        <ul className="fp-project-choices" aria-label="Projects you can browse">
          {offered.map((project) => (
            <li key={project.key}>
              <label className="fp-inline-check">
                <input
                  type="checkbox"
                  checked={chosen.includes(project.key)}
                  onChange={(event) => toggle(project.key, event.target.checked)}
                />
                {named(project.key)}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
};
