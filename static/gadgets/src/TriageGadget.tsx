import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { router } from '@forge/bridge';
import { useState } from 'react';
import { TIER_LABELS } from '../../../src/domain/tiers';
import type { QueueEntry } from '../../../src/domain/triage-queue';
import { loadTriage } from './api';
import { GadgetFrame } from './GadgetStates';
import { useGadget } from './use-gadget';
import { WORDS } from './words';
import { ifAcceptedSentence } from '../../shared/forecast-words';

const RECOMMENDATION = { accept: 'success', wait: 'moved', decline: 'removed' } as const;
const SLA_APPEARANCE = { within: 'default', 'last-day': 'moved', breached: 'removed', escalated: 'removed' } as const;

/**
 * One request of the queue as a card, not a table row: a dashboard column can be 360 px wide, where
 * seven columns cannot fit. The key, the score and the age never break across lines.
 */
const Entry = ({ entry, rank, thisYear }: { entry: QueueEntry; rank: number; thisYear: number }) => (
  <li className="fp-queue-item" data-testid="queue-entry">
    <div className="fp-queue-head">
      <span className="fp-queue-rank" aria-label={`Rank ${rank}`}>
        {rank}
      </span>
      <a
        className="fp-nowrap"
        href={`/browse/${entry.key}`}
        onClick={(event) => (event.preventDefault(), void router.navigate(`/browse/${entry.key}`))}
      >
        {entry.key}
      </a>
      <span
        className="fp-queue-score fp-nowrap"
        title={entry.explanation ?? WORDS.triage.scoresMissing}
        data-testid="queue-score"
        data-score={entry.score ?? ''}
      >
        {WORDS.triage.score(entry.score)}
      </span>
    </div>
    <div className="fp-queue-summary">{entry.summary}</div>
    <div className="fp-queue-facts">
      {entry.recommendation ? (
        <Lozenge appearance={RECOMMENDATION[entry.recommendation]}>{WORDS.triage.recommendation[entry.recommendation]}</Lozenge>
      ) : (
        <span className="fp-muted">{WORDS.triage.scoresMissing}</span>
      )}
      <span className="fp-nowrap">
        {entry.tier ? `${TIER_LABELS[entry.tier]}${entry.tierSuggested ? ` ${WORDS.triage.suggested}` : ''}` : WORDS.triage.noTier}
      </span>
      <span className="fp-nowrap">{WORDS.triage.waited(entry.ageDays, entry.stage)}</span>
      {entry.stage === 'waiting' ? (
        <Lozenge appearance="moved">{WORDS.triage.inWaiting}</Lozenge>
      ) : entry.sla ? (
        // The state alone in the lozenge, which ends text past its `maxWidth` (200 px unless set: @atlaskit/lozenge's
        // LozengeProps) with "…"; the days beside it, in full.
        <>
          <Lozenge appearance={SLA_APPEARANCE[entry.sla.state]}>{WORDS.triage.slaState[entry.sla.state]}</Lozenge>
          <span className="fp-nowrap">{WORDS.triage.slaUsed(entry.sla.used, entry.sla.budget)}</span>
        </>
      ) : null}
    </div>
    {entry.ifAccepted && (
      <div className="fp-queue-forecast" data-testid="queue-if-accepted">
        {ifAcceptedSentence(entry.ifAccepted, entry.dueDate, thisYear)}
      </div>
    )}
  </li>
);

const load = (fresh: boolean) => loadTriage(fresh);
/** Requests shown before "Show all": the top of the queue is what a triage lead works from. */
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
            <p className="fp-muted">{WORDS.triage.empty}</p>
          ) : (
            <ol className="fp-queue" aria-label={WORDS.triage.listLabel}>
              {(showAll ? view.entries : view.entries.slice(0, FIRST_ROWS)).map((entry, index) => (
                <Entry key={entry.key} entry={entry} rank={index + 1} thisYear={new Date(view.computedAt).getUTCFullYear()} />
              ))}
            </ol>
          )}
          <div className="fp-gadget-footer">
            <span className="fp-muted">{WORDS.triage.footer(view.entries.length, view.more, view.computedAt)}</span>
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
