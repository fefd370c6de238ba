import Lozenge from '@atlaskit/lozenge';
import type { ItemTurn } from '../../../src/domain/gate-item-owners';
import { gateLeaving, type GateItemResult } from '../../../src/domain/gates/evaluate-gate';
import { GATE_LABELS } from '../../../src/domain/gates/gate-items';
import type { PanelView } from './api';
import { gateItemText, judgedAs, waitingOn } from './words';

/**
 * How an item stands for the viewer: done; theirs to do (red, it blocks them); someone else's to do
 * (waiting on them); or optional for this tier.
 */
type CheckState = 'ok' | 'yours' | 'waiting' | 'optional';

const stateOf = (item: GateItemResult, turn: ItemTurn | undefined): CheckState =>
  item.missing === null ? 'ok' : !item.mandatory ? 'optional' : turn?.yours === true ? 'yours' : 'waiting';

/** The viewer's own items first, then what waits on others, then optional ones, then what is done. */
const ORDER: readonly CheckState[] = ['yours', 'waiting', 'optional', 'ok'];

const MARK: Readonly<Record<CheckState, string>> = { ok: '✓', yours: '!', waiting: '…', optional: '–' };
const SPOKEN: Readonly<Record<CheckState, string>> = {
  ok: ', done',
  yours: ', yours to do',
  waiting: ', waiting on someone else',
  optional: ', not done',
};

/** The gate the request must pass next: the viewer's part first, the rest waiting on someone named, optional ones marked. */
export const GateChecklist = ({ view }: { view: PanelView }) => {
  const gate = view.stage === null ? null : gateLeaving(view.stage);
  if (gate === null) {
    return <p className="fp-muted">No gate ahead: this request is off the track or finished.</p>;
  }
  const evaluation = view.evaluation.evaluations[gate];
  const items = evaluation.items
    .map((item) => ({ item, turn: view.turns[item.code], state: stateOf(item, view.turns[item.code]) }))
    .sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state));
  const yours = items.filter(({ state }) => state === 'yours').length;
  const waiting = items.filter(({ state }) => state === 'waiting').length;
  return (
    <div className="fp-gate" aria-label={`${GATE_LABELS[gate]} checklist`}>
      <div className="fp-gate-head">
        <h3>{GATE_LABELS[gate]}</h3>
        {/* eslint-disable-next-line @typescript-eslint/no-deprecated -- bold until Lozenge makes bold its default, as its deprecation note says */}
        <Lozenge appearance={evaluation.passed ? 'success' : 'inprogress'} isBold>
          {evaluation.passed ? 'ready' : `${evaluation.satisfied}/${evaluation.required} done`}
        </Lozenge>
        <span className="fp-muted">{judgedAs(evaluation.tier, view.record.tier, view.triage.suggestedTier)}</span>
      </div>
      {!evaluation.passed && (
        <p className="fp-gate-yours" data-testid="gate-yours">
          {yours > 0 ? `${yours} ${yours === 1 ? 'item is' : 'items are'} yours to do` : 'Nothing here is yours to do'}
          {waiting > 0 ? `; ${waiting} ${waiting === 1 ? 'waits' : 'wait'} on someone else.` : '.'}
        </p>
      )}
      <ul className="fp-checklist">
        {items.map(({ item, turn, state }) => (
          <li key={item.code} className={`fp-check fp-check-${state}`}>
            <span className="fp-check-mark" aria-hidden="true">
              {MARK[state]}
            </span>
            <span>
              <span className="fp-check-label">{gateItemText(item)}</span>
              {state === 'optional' && <span className="fp-muted"> (optional for this tier)</span>}
              {state === 'waiting' && <span className="fp-check-owner"> {waitingOn(view.people, turn?.waitingOn ?? [])}</span>}
              <span className="fp-visually-hidden">{SPOKEN[state]}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
};
