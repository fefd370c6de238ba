import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { router } from '@forge/bridge';
import { useState } from 'react';
import { TIER_LABELS } from '../../../src/domain/tiers';
import type { QueueEntry } from '../../../src/domain/triage-queue';
import { loadTriage } from './api';
import { GadgetFrame } from './GadgetStates';
import { useGadget } from './use-gadget';

const RECOMMENDATION = { accept: 'success', wait: 'moved', decline: 'removed' } as const;
const SLA = { within: ['default', 'within SLA'], 'last-day': ['moved', 'last day'], breached: ['removed', 'SLA breached'], escalated: ['removed', 'escalated'] } as const;

const Row = ({ entry, rank }: { entry: QueueEntry; rank: number }) => (
  <tr>
    <td>{rank}</td>
    <td>
      <a href={`/browse/${entry.key}`} onClick={(event) => (event.preventDefault(), void router.navigate(`/browse/${entry.key}`))}>
        {entry.key}
      </a>
      <div className="fp-muted fp-queue-summary">{entry.summary}</div>
    </td>
    <td title={entry.explanation ?? 'Impact, Confidence or Effort missing'}>{entry.score ?? '—'}</td>
    <td>{entry.recommendation ? <Lozenge appearance={RECOMMENDATION[entry.recommendation]}>{entry.recommendation}</Lozenge> : <span className="fp-muted">scores missing</span>}</td>
    <td>
      {entry.tier ? TIER_LABELS[entry.tier] : '—'}
      {entry.tierSuggested && <span className="fp-muted"> (suggested)</span>}
    </td>
    <td>{entry.ageDays.toFixed(1)} d</td>
    <td>{entry.stage === 'waiting' ? <Lozenge appearance="moved">waiting</Lozenge> : entry.sla ? <Lozenge appearance={SLA[entry.sla.state][0]}>{`${SLA[entry.sla.state][1]} (${entry.sla.used}/${entry.sla.budget} d)`}</Lozenge> : '—'}</td>
  </tr>
);

const load = (fresh: boolean) => loadTriage(fresh);
/** Rows shown before "Show all": the top of the queue is what a triage lead works from. */
const FIRST_ROWS = 10;

/** "Triage queue": requests in triage and waiting, ranked by score, with recommendation, tier, age and SLA. */
export const TriageGadget = () => {
  const { state, reload } = useGadget(load);
  const [showAll, setShowAll] = useState(false);
  return (
    <GadgetFrame state={state} onRetry={() => void reload(true)}>
      {(view) => (
        <div className="fp-gadget" data-testid="triage-gadget">
          {view.entries.length === 0 ? (
            <p className="fp-muted">Nothing is waiting for a triage decision.</p>
          ) : (
            <table className="fp-queue">
              <caption className="fp-visually-hidden">Requests awaiting triage, highest score first</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Request</th>
                  <th scope="col">Score</th>
                  <th scope="col">Recommendation</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Age</th>
                  <th scope="col">SLA</th>
                </tr>
              </thead>
              <tbody>
                {(showAll ? view.entries : view.entries.slice(0, FIRST_ROWS)).map((entry, index) => (
                  <Row key={entry.key} entry={entry} rank={index + 1} />
                ))}
              </tbody>
            </table>
          )}
          <div className="fp-gadget-footer">
            <span className="fp-muted">
              {view.entries.length} request{view.entries.length === 1 ? '' : 's'}
              {view.more ? ' (the top of a longer queue)' : ''} · as of {view.computedAt.slice(11, 16)} UTC
            </span>
            {view.entries.length > FIRST_ROWS && (
              <Button appearance="subtle" onClick={() => setShowAll(!showAll)}>
                {showAll ? `Show the top ${FIRST_ROWS}` : `Show all ${view.entries.length}`}
              </Button>
            )}
            <Button appearance="subtle" onClick={() => void reload(true)}>
              Refresh
            </Button>
          </div>
        </div>
      )}
    </GadgetFrame>
  );
};
