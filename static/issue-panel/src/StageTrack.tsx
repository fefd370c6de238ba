import Lozenge from '@atlaskit/lozenge';
import { STAGE_LABELS, TRACK_STAGES, trackOrder } from '../../../src/domain/stages';
import type { PanelView } from './api';

/** The seven stages, the current one marked, and how often the request went backwards. */
export const StageTrack = ({ view }: { view: PanelView }) => {
  const current = view.stage === null ? null : trackOrder(view.stage);
  const currentStage = current === null ? undefined : TRACK_STAGES[current];
  return (
    <div className="fp-track-wrap">
      <ol className="fp-track" aria-label="Flight Plan stages">
        {TRACK_STAGES.map((stage, index) => {
          const state = current === null ? 'todo' : index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li key={stage} className={`fp-track-step fp-track-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="fp-track-dot" aria-hidden="true" />
              <span className="fp-track-label">{STAGE_LABELS[stage]}</span>
              {state === 'done' && <span className="fp-visually-hidden">, passed</span>}
            </li>
          );
        })}
      </ol>
      <p className="fp-track-meta">
        {currentStage !== undefined && (
          <span className="fp-track-now" aria-hidden="true">
            {STAGE_LABELS[currentStage]}
          </span>
        )}
        {view.stage === null ? (
          <Lozenge appearance="removed">status not mapped to a stage</Lozenge>
        ) : view.stage === 'waiting' || view.stage === 'declined' || view.stage === 'done' ? (
          <Lozenge appearance={view.stage === 'done' ? 'success' : view.stage === 'declined' ? 'removed' : 'moved'}>
            {STAGE_LABELS[view.stage]}
          </Lozenge>
        ) : null}
        <span>
          {view.history.revisions === 0 ? 'No revisions' : `${view.history.revisions} revision${view.history.revisions === 1 ? '' : 's'}`}
          {view.history.qaReturns > 0 ? ` (${view.history.qaReturns} QA return${view.history.qaReturns === 1 ? '' : 's'})` : ''}
        </span>
      </p>
    </div>
  );
};
