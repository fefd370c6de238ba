import { usePanel } from './use-panel';

/**
 * The issue context badge: the next gate's progress ("QA 7/10"), or where the request stands.
 * Plain token-styled markup rather than Atlaskit's Lozenge: the badge loads on every issue view,
 * and without Atlaskit it downloads about half as much.
 */
export const Badge = () => {
  const { state } = usePanel();
  if (state.status === 'loading')
    return (
      <span className="fp-muted" role="status">
        Loading gate progress…
      </span>
    );
  if (state.status === 'failed') return <span className="fp-muted">Flight Plan unavailable: {state.message}</span>;
  const { summary } = state.view.evaluation;
  if (summary.progress === '') return <span className="fp-lozenge">{summary.stage}</span>;
  const ready = summary.currentGateReady === 'yes';
  return (
    <span className="fp-badge" aria-label={`Gate progress ${summary.progress}${ready ? ', ready' : `, ${summary.missingCount} missing`}`}>
      <span className={`fp-lozenge ${ready ? 'fp-lozenge-success' : 'fp-lozenge-progress'}`}>{summary.progress}</span>
      {summary.missingCount > 0 && <span className="fp-muted"> {summary.missingCount} missing</span>}
    </span>
  );
};
