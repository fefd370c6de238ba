import { useEffect, useState } from 'react';
import type { Stage } from '../../../src/domain/stages';
import type { PanelForecast } from '../../../src/contracts/views/forecast';
import { callPanel } from './api';
import { forecastSentence, loadWords, noForecastWords } from '../../shared/forecast-words';
import { calendarRange } from '../../shared/viewer-time';

/** Stages a request is forecast in: before launch, and parked. */
const FORECAST_STAGES: readonly Stage[] = ['intake', 'triage', 'waiting', 'planning', 'build', 'qa'];

type Loaded = { readonly status: 'loading' } | { readonly status: 'ready'; readonly answer: PanelForecast } | { readonly status: 'failed' };

/**
 * The request's launch forecast in one sentence, from the last hourly refresh. When the date asked
 * for changed since, the chance is left out: it was computed against the old date.
 */
export const LaunchForecast = ({ stage, dueDate }: { stage: Stage | null; dueDate: string | null }) => {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const forecastable = stage !== null && FORECAST_STAGES.includes(stage);
  useEffect(() => {
    if (!forecastable) return;
    let current = true;
    callPanel('forecast/get')
      .then((answer) => current && setLoaded(answer.ok ? { status: 'ready', answer: answer.data } : { status: 'failed' }))
      .catch(() => current && setLoaded({ status: 'failed' }));
    return () => {
      current = false;
    };
  }, [forecastable]);
  if (!forecastable || loaded.status === 'loading') return null;
  if (loaded.status === 'failed') return <p className="fp-muted fp-forecast">The launch forecast could not be loaded.</p>;
  const { forecast, declinedBlockers, tooFewLaunches } = loaded.answer;
  if (forecast === null)
    return (
      <p className="fp-muted fp-forecast" data-testid="launch-forecast">
        {noForecastWords(declinedBlockers, tooFewLaunches)}
      </p>
    );
  const thisYear = new Date(forecast.computedAt).getUTCFullYear();
  const sentence =
    forecast.dueDate === dueDate
      ? forecastSentence({ ...forecast, dueDate }, thisYear)
      : `Likely ${calendarRange(forecast.launchP50, forecast.launchP85, thisYear)}; the date asked for changed since, and the next hourly forecast gives its chance.`;
  const load = loadWords(forecast.loadFactor);
  return (
    <p className="fp-forecast" data-testid="launch-forecast">
      <strong>Launch forecast:</strong> {sentence}
      {load === null ? '' : ` ${load}`}{' '}
      <span className="fp-muted">From the team&apos;s last {forecast.basis} launches, if the request goes ahead.</span>
    </p>
  );
};
