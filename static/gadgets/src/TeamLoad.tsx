import { teamLoadLeftOutWords } from '../../shared/forecast-words';
import type { HealthGadgetView } from './api';

type Forecast = NonNullable<HealthGadgetView['forecast']>;

const points = (load: number): string => load.toLocaleString('en', { maximumFractionDigits: 1 });

/**
 * Workflow health's "Team load": each person's accepted work still ahead, heaviest first, as the last refresh measured
 * it. The same figure routing uses to pick the least loaded of the people a rule names.
 */
export const TeamLoad = ({ forecast }: { forecast: Pick<Forecast, 'teamLoad' | 'teamLoadNotListed' | 'teamLoadIncomplete'> }) => {
  const { teamLoad, teamLoadNotListed, teamLoadIncomplete } = forecast;
  const leftOut = teamLoadLeftOutWords(teamLoadNotListed, teamLoadIncomplete);
  return (
    <section aria-labelledby="fp-team-load-title" data-testid="team-load">
      <h3 id="fp-team-load-title">Team load</h3>
      <p className="fp-muted">
        Effort still ahead on each person&apos;s accepted requests: a request counts its Effort (1–5) times the share of Planning, Build and
        QA + Governance it has left.
      </p>
      {teamLoad === null ? (
        <p className="fp-muted">Team load is shown on gadgets that report on projects, not on a JQL query.</p>
      ) : teamLoad.length === 0 && leftOut === null ? (
        <p className="fp-muted">Nobody has accepted work assigned yet.</p>
      ) : (
        <>
          <ul className="fp-team-load" aria-label="Load per person">
            {teamLoad.map((person) => (
              <li key={person.accountId}>
                <strong>{person.name}</strong> {points(person.load)} points{' '}
                <span className="fp-muted">
                  ({person.requests} {person.requests === 1 ? 'request' : 'requests'})
                </span>
              </li>
            ))}
          </ul>
          {leftOut !== null && <p className="fp-muted">{leftOut}</p>}
        </>
      )}
    </section>
  );
};
