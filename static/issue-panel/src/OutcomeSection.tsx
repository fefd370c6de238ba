import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Envelope } from '../../../src/contracts/resolver-contract';
import type { FigureReplacement, RequestOutcomeView, StartedIteration } from '../../../src/contracts/views/outcomes';
import type { IterationReason } from '../../../src/domain/outcomes/iteration';
import { indicatorFigure, metricSentence } from '../../../src/domain/outcomes/metric-sentence';
import { router } from '@forge/bridge';
import { callPanel, type PanelView } from './api';
import { Field, Section } from './ui';
import { formatDay } from './words';

const RESULT_WORDS = {
  attained: 'attained',
  partly: 'partly attained',
  missed: 'missed',
  'no-data': 'no figure from the CRM for its window',
  'not-measured': 'not measured yet',
} as const;

/** Today in the viewer's own time zone, as the date input holds it (YYYY-MM-DD): east of UTC, not yesterday. */
const today = (): string => new Date().toLocaleDateString('en-CA');

const REASON_WORDS: Readonly<Record<IterationReason, string>> = {
  missed: 'This request missed its target.',
  partly: 'This request partly attained its target.',
  anomaly: 'The launch watch of this request recorded an anomaly.',
};

/**
 * "Start an iteration", offered to the owner of a request whose window ended short of its target, or whose launch watch recorded an anomaly:
 * a new request pre-filled from this one, linked to it, through the same check on Create.
 */
const IterationForm = ({ reason }: { reason: IterationReason }) => {
  const [dueDate, setDueDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Envelope<StartedIteration> | null>(null);
  const start = async () => {
    setBusy(true);
    try {
      setAnswer(await callPanel('outcome/start-iteration', { dueDate }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="fp-fieldset" data-testid="start-iteration">
      <legend>Start an iteration</legend>
      <p className="fp-muted">
        {REASON_WORDS[reason]} An iteration is a new request with this one&apos;s summary, business context and success metric, assigned to
        you and linked to this one. It goes through the same intake checks.
      </p>
      <Field label="Launch date of the iteration" hint="The intake lead time of its tier applies">
        {(id, describedBy) => (
          <input
            id={id}
            aria-describedby={describedBy}
            className="fp-input"
            type="date"
            min={today()}
            value={dueDate}
            onChange={(event) => setDueDate(event.target.value)}
          />
        )}
      </Field>
      <div className="fp-save-row">
        <Button appearance="primary" isLoading={busy} onClick={() => void start()}>
          Start an iteration
        </Button>
      </div>
      {answer !== null && !answer.ok && (
        <div role="alert">
          <SectionMessage appearance="error">{answer.error.message}</SectionMessage>
        </div>
      )}
      {answer?.ok === true && (
        <div role="status">
          <SectionMessage appearance={answer.data.warnings.length > 0 ? 'warning' : 'success'}>
            <p>
              Created{' '}
              <a
                href={`/browse/${answer.data.key}`}
                onClick={(event) => (event.preventDefault(), void router.navigate(`/browse/${answer.data.key}`))}
              >
                {answer.data.key}
              </a>
              {answer.data.warnings.length === 0 ? ', linked to this request as related.' : '.'}
            </p>
            {answer.data.warnings.map((warning) => (
              <p key={warning}>{warning}</p>
            ))}
          </SectionMessage>
        </div>
      )}
    </fieldset>
  );
};

/**
 * Measure + Improve's outcome: the success metric judged against the campaign's figures (imported,
 * posted by the CRM, or entered here by the request's owner with the date and where it came from).
 * A figure that would replace one the campaign keeps for the same date is saved only once the owner
 * agrees. Its save writes the request's audit trail and answers with the panel as saved, which `onSaved` shows.
 */
export const OutcomeSection = ({ revision, onSaved }: { revision: number; onSaved: (panel: PanelView) => void }) => {
  const [view, setView] = useState<RequestOutcomeView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [date, setDate] = useState(today());
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  /**
   * The question put to the owner about the figure kept for the date and indicator, and what it names (that date, that
   * indicator and the revision of the campaign's figures it was asked at): agreeing sends it back as it came, so only
   * the figure as shown is replaced.
   */
  const [asked, setAsked] = useState<{ replaces: FigureReplacement; question: string } | null>(null);
  // The question was about the figure as entered: a change to it asks again.
  useEffect(() => setAsked(null), [key, value, date, source]);

  const show = (answer: Envelope<RequestOutcomeView>) => {
    if (answer.ok) {
      setView(answer.data);
      setProblem(null);
    } else setProblem(answer.error.message);
    return answer.ok;
  };
  // The indicator the select shows is the one sent: the person's choice, else the metric's, else the first offered.
  const shownKey = key || view?.metric?.indicator || view?.keys[0]?.key || '';
  const load = useCallback(async () => show(await callPanel('outcome/get')), []);
  /** The record revision this part's own last save answered with: its view is already current there, so it is not fetched again. */
  const savedAt = useRef<number | null>(null);
  useEffect(() => {
    if (revision !== savedAt.current) void load();
  }, [load, revision]);

  const record = async (replaces?: FigureReplacement) => {
    // An empty box is no figure, never a zero: nothing is sent.
    if (value.trim() === '') {
      setProblem('Enter the figure first');
      return;
    }
    setBusy(true);
    setSaved(false);
    setAsked(null);
    try {
      const figure = Number(value);
      const answer = await callPanel('outcome/record-figure', {
        key: shownKey,
        value: figure,
        date,
        source,
        ...(replaces === undefined ? {} : { replaces }),
      });
      if (!answer.ok) setProblem(answer.error.message);
      else if (!answer.data.saved) {
        setProblem(null);
        setAsked({ replaces: answer.data.replaces, question: answer.data.question });
      } else {
        show({ ok: true, data: answer.data.view });
        setSaved(true);
        setValue('');
        savedAt.current = answer.data.panel.record.revision;
        onSaved(answer.data.panel);
      }
    } finally {
      setBusy(false);
    }
  };

  const outcome = view?.outcome ?? null;
  const label = (indicator: string) => view?.keys.find((candidate) => candidate.key === indicator)?.label ?? indicator;
  return (
    <Section title="Outcome" summary={outcome === null ? 'no measurable success metric' : RESULT_WORDS[outcome.result]}>
      {problem !== null && (
        <div role="alert">
          <SectionMessage appearance="error">{problem}</SectionMessage>
        </div>
      )}
      {view !== null && (
        <>
          <dl className="fp-facts" data-testid="request-outcome">
            <div>
              <dt>Target</dt>
              <dd>
                {view.metric === null
                  ? 'the success metric does not state an indicator, a target and a window'
                  : metricSentence(view.metric, view.keys)}
              </dd>
            </div>
            {view.baseline !== null && (
              <div>
                <dt>Baseline</dt>
                <dd>
                  {view.metric === null ? view.baseline.toLocaleString('en-US') : indicatorFigure(view.metric.indicator, view.baseline)}
                </dd>
              </div>
            )}
            {(view.plannedSpend !== null || view.spent !== null) && (
              <div>
                <dt>Spend</dt>
                <dd>
                  {view.spent === null ? 'none reported yet' : `${view.spent.toLocaleString('en-US')} spent`}
                  {view.plannedSpend === null ? '' : ` of ${view.plannedSpend.toLocaleString('en-US')} planned`}
                </dd>
              </div>
            )}
            <div>
              <dt>Campaign</dt>
              <dd>{view.campaign ?? 'none in the plan yet'}</dd>
            </div>
            <div>
              <dt>Launched</dt>
              <dd>{view.launchDate === null ? 'not yet' : formatDay(view.launchDate)}</dd>
            </div>
            {outcome !== null && (
              <>
                <div>
                  <dt>Actual</dt>
                  <dd>{outcome.actual === null ? '—' : indicatorFigure(outcome.indicator, outcome.actual)}</dd>
                </div>
                <div>
                  <dt>Result</dt>
                  <dd>{RESULT_WORDS[outcome.result]}</dd>
                </div>
                <div>
                  <dt>Days to target</dt>
                  <dd>{outcome.daysToTarget === null ? 'not reached' : outcome.daysToTarget}</dd>
                </div>
              </>
            )}
          </dl>
          {view.entries.length > 0 && (
            <ul className="fp-list">
              {view.entries.map((entry, index) => (
                <li key={`${entry.date}-${index}`}>
                  {formatDay(entry.date)}:{' '}
                  {Object.entries(entry.values)
                    .map(([indicator, figure]) => `${label(indicator)} ${indicatorFigure(indicator, figure)}`)
                    .join(', ')}{' '}
                  <span className="fp-muted">
                    ({entry.source}
                    {entry.by === null ? '' : `, ${entry.by}`})
                  </span>
                </li>
              ))}
            </ul>
          )}
          {view.iteration !== null && <IterationForm reason={view.iteration} />}
          {view.canRecord && (
            <fieldset className="fp-fieldset">
              <legend>Enter a figure by hand</legend>
              <Field label="Indicator">
                {(id) => (
                  <select id={id} className="fp-input" value={shownKey} onChange={(event) => setKey(event.target.value)}>
                    {view.keys.map((candidate) => (
                      <option key={candidate.key} value={candidate.key}>
                        {candidate.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Figure, cumulative">
                {(id) => (
                  <input
                    id={id}
                    className="fp-input"
                    inputMode="decimal"
                    value={value}
                    onChange={(event) => setValue(event.target.value)}
                  />
                )}
              </Field>
              <Field label="As of">
                {(id) => (
                  <input
                    id={id}
                    className="fp-input"
                    type="date"
                    value={date}
                    max={today()}
                    onChange={(event) => setDate(event.target.value)}
                  />
                )}
              </Field>
              <Field label="Where it came from" hint="For example: Salesforce campaign report">
                {(id, describedBy) => (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    className="fp-input"
                    value={source}
                    onChange={(event) => setSource(event.target.value)}
                  />
                )}
              </Field>
              {asked !== null && (
                <div role="alert">
                  <SectionMessage appearance="warning" title="A figure is already kept for that date">
                    <p>{asked.question}</p>
                    <div className="fp-save-row">
                      <Button appearance="warning" isLoading={busy} onClick={() => void record(asked.replaces)}>
                        Replace it
                      </Button>
                      <Button appearance="subtle" onClick={() => setAsked(null)}>
                        Keep it
                      </Button>
                    </div>
                  </SectionMessage>
                </div>
              )}
              <div className="fp-save-row">
                <Button appearance="primary" isLoading={busy} onClick={() => void record()}>
                  Save figure
                </Button>
                {saved && (
                  <span className="fp-saved" role="status">
                    Saved
                  </span>
                )}
              </div>
            </fieldset>
          )}
        </>
      )}
    </Section>
  );
};
