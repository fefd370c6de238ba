import { router } from '@forge/bridge';
import type { OutcomesGadgetView } from '../../../src/contracts/views/outcomes';
import { moneyWords } from '../../../src/domain/outcomes/currency';
import { indicatorFigure, indicatorLabel } from '../../../src/domain/outcomes/metric-sentence';
import { jqlForKeys, type PeriodOutcomes } from '../../../src/domain/outcomes/outcomes-view';
import { TIER_LABELS, TIERS } from '../../../src/domain/tiers';
import { loadOutcomes } from './api';
import { GadgetFrame } from './GadgetStates';
import { KpiGrid, type KpiRow } from './Kpi';
import { useGadget } from './use-gadget';
import { calendarDate } from '../../shared/viewer-time';
import { FIGURES } from './words';

const load = () => loadOutcomes();
const percent = FIGURES.rate.value;

/** Opens Jira's issue search on the requests behind a figure. */
const RequestsLink = ({ keys, label }: { keys: readonly string[]; label: string }) => {
  const jql = jqlForKeys(keys);
  if (jql === null) return <span className="fp-muted">no requests</span>;
  const href = `/issues/?jql=${encodeURIComponent(jql)}`;
  return (
    <a href={href} onClick={(event) => (event.preventDefault(), void router.navigate(href))}>
      {keys.length} {label}
    </a>
  );
};

/** Amounts, and their changes, in the site's currency: "$16,500,000". */
const moneyIn = (currency: string) => {
  const words = (value: number) => moneyWords(value, currency);
  return { value: words, change: words };
};

const outcomeKpis = (currency: string): readonly KpiRow<PeriodOutcomes>[] => {
  const money = moneyIn(currency);
  return [
    { label: 'Targets attained', of: (period) => period.summary.attainmentRate, format: FIGURES.rate, better: 'higher' },
    { label: 'Pipeline influence', of: (period) => period.summary.pipelineInfluence, format: money, better: 'higher' },
    { label: 'Revenue contribution', of: (period) => period.summary.revenueContribution, format: money, better: 'higher' },
    { label: 'Cost per lead', of: (period) => period.summary.costPerLead, format: money, better: 'lower' },
    { label: 'Cost per opportunity', of: (period) => period.summary.costPerOpportunity, format: money, better: 'lower' },
    { label: 'Days to target, median', of: (period) => period.summary.conversionVelocityDays, format: FIGURES.days, better: 'lower' },
  ];
};

const Report = ({ data }: { data: OutcomesGadgetView }) => {
  const { view, scope, indicators } = data;
  const { current, previous } = view;
  // A view cached before it named its currency: figures were kept and shown in dollars then.
  const currency = data.currency ?? 'USD';
  const money = moneyIn(currency).value;
  return (
    <div className="fp-gadget" data-testid="outcomes-gadget">
      <p className="fp-muted fp-gadget-scope">
        {scope.jql ? `JQL: ${scope.jql}` : scope.projects.join(', ')} · {scope.tier === 'all' ? 'all tiers' : TIER_LABELS[scope.tier]} ·
        launched {view.period.label} ({calendarDate(view.period.start)} to {calendarDate(view.period.end)})
      </p>
      <KpiGrid rows={outcomeKpis(currency)} current={current} previous={previous} against="the period before" />
      <p className="fp-gadget-links">
        Behind these figures: <RequestsLink keys={current.launched} label="launched" /> ·{' '}
        <RequestsLink keys={current.judged} label="judged" /> · <RequestsLink keys={current.attained} label="attained" /> ·{' '}
        <RequestsLink keys={current.withCampaign} label="with a campaign" /> ·{' '}
        <RequestsLink keys={current.reachedTarget} label="reached target" />
      </p>
      <h3>By tier</h3>
      <table className="fp-table">
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Launched</th>
            <th scope="col">Attained</th>
            <th scope="col">Pipeline</th>
            <th scope="col">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((tier) => {
            const figures = view.byTier[tier];
            return (
              <tr key={tier}>
                <th scope="row">{TIER_LABELS[tier]}</th>
                <td>
                  <RequestsLink keys={figures.launched} label="" />
                </td>
                <td>{figures.summary.attainmentRate === null ? '—' : percent(figures.summary.attainmentRate)}</td>
                <td>{figures.summary.pipelineInfluence === null ? '—' : money(figures.summary.pipelineInfluence)}</td>
                <td>{figures.summary.revenueContribution === null ? '—' : money(figures.summary.revenueContribution)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Targets missed</h3>
      {view.missed.length === 0 ? (
        <p className="fp-muted">No request launched in this period has missed its target.</p>
      ) : (
        <ol className="fp-slowest" data-testid="missed-targets">
          {view.missed.map((missed) => (
            <li key={missed.key}>
              <a
                href={`/browse/${missed.key}`}
                onClick={(event) => (event.preventDefault(), void router.navigate(`/browse/${missed.key}`))}
              >
                {missed.key}
              </a>{' '}
              {indicatorFigure(missed.metric.indicator, missed.actual)} of {indicatorFigure(missed.metric.indicator, missed.metric.target)}{' '}
              {indicatorLabel(missed.metric.indicator, indicators)}{' '}
              <span className="fp-muted">({missed.result === 'partly' ? 'partly attained' : 'missed'})</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
};

/** "Outcomes": what the requests launched in the period delivered, against the period before. */
export const OutcomesGadget = () => {
  const { state, reload } = useGadget(load);
  return (
    <GadgetFrame state={state} onRetry={() => void reload()}>
      {(data) => <Report data={data} />}
    </GadgetFrame>
  );
};
