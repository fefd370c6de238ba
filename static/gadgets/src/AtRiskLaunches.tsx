import { router } from '@forge/bridge';
import { STAGE_LABELS } from '../../../src/domain/stages';
import { backtestSentence, chance } from '../../shared/forecast-words';
import { calendarDate } from '../../shared/viewer-time';
import type { HealthGadgetView } from './api';

type Forecast = NonNullable<HealthGadgetView['forecast']>;

/**
 * Workflow health's "At-risk launches": open requests whose chance of launching by the date asked
 * for is below the admin's threshold, worst first, and how well past forecasts held.
 */
export const AtRiskLaunches = ({ forecast, thisYear }: { forecast: Forecast; thisYear: number }) => {
  const { atRisk, moreAtRisk, thresholdPercent, teamFigures } = forecast;
  return (
    <section aria-labelledby="fp-at-risk-title" data-testid="at-risk-launches">
      <h3 id="fp-at-risk-title">At-risk launches</h3>
      <p className="fp-muted fp-at-risk-rule">
        Open requests with less than a {thresholdPercent}% chance of launching by the date asked for, least likely first.
      </p>
      {atRisk.length === 0 ? (
        <p className="fp-muted">None: every open request with a date is likelier than that to make it.</p>
      ) : (
        <ol className="fp-at-risk">
          {atRisk.map((launch) => (
            <li key={launch.key}>
              <a
                href={`/browse/${launch.key}`}
                onClick={(event) => (event.preventDefault(), void router.navigate(`/browse/${launch.key}`))}
              >
                {launch.key}
              </a>{' '}
              <strong>{chance(launch.onTimeProbability)} on time</strong>
              <div className="fp-muted">
                asked for {calendarDate(launch.dueDate, thisYear)} · 85% likely by {calendarDate(launch.launchP85, thisYear)} ·{' '}
                {STAGE_LABELS[launch.stage]} · {launch.owner ?? 'unassigned'}
              </div>
            </li>
          ))}
        </ol>
      )}
      {moreAtRisk > 0 && <p className="fp-muted">and {moreAtRisk} more</p>}
      <p className="fp-muted" data-testid="forecast-backtest">
        {teamFigures === null
          ? "How past forecasts held and the team's launches in the next 4 weeks are figures of every request the metrics follow: a gadget over all their projects, any tier and no JQL query shows them."
          : (teamFigures.backtest === null ? 'No past forecast can be checked yet.' : backtestSentence(teamFigures.backtest)) +
            (teamFigures.throughputNext4Weeks === null
              ? ''
              : ` The team will likely launch ${teamFigures.throughputNext4Weeks.p50} requests in the next 4 weeks, and at least ${teamFigures.throughputNext4Weeks.p85} at 85% odds.`)}
      </p>
    </section>
  );
};
