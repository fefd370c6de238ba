import Lozenge from '@atlaskit/lozenge';
import { gateLeaving } from '../../../src/domain/gates/evaluate-gate';
import { GATE_LABELS } from '../../../src/domain/gates/gate-items';
import type { PanelView } from './api';
import { gateItemText, judgedAs } from './words';

/** The gate the request must pass next: every item, what is missing first, optional ones marked. */
export const GateChecklist = ({ view }: { view: PanelView }) => {
  const gate = view.stage === null ? null : gateLeaving(view.stage);
  if (gate === null) {
    return <p className="fp-muted">No gate ahead: this request is off the track or finished.</p>;
  }
  const evaluation = view.evaluation.evaluations[gate];
  const items = [...evaluation.items].sort((a, b) => Number(b.missing !== null && b.mandatory) - Number(a.missing !== null && a.mandatory));
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
      <ul className="fp-checklist">
        {items.map((item) => {
          const state = item.missing === null ? 'ok' : item.mandatory ? 'missing' : 'optional';
          return (
            <li key={item.code} className={`fp-check fp-check-${state}`}>
              <span className="fp-check-mark" aria-hidden="true">
                {state === 'ok' ? '✓' : state === 'missing' ? '!' : '–'}
              </span>
              <span>
                <span className="fp-check-label">{gateItemText(item)}</span>
                {!item.mandatory && <span className="fp-muted"> (optional for this tier)</span>}
                <span className="fp-visually-hidden">{state === 'ok' ? ', done' : state === 'missing' ? ', missing' : ', not done'}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
};
