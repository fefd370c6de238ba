import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import { usePanel } from './use-panel';

/** The issue context badge: the next gate's progress ("QA 7/10"), or where the request stands. */
export const Badge = () => {
  const { state } = usePanel();
  if (state.status === 'loading') return <Spinner size="small" label="Loading gate progress" />;
  if (state.status === 'failed') return <span className="fp-muted">Flight Plan unavailable: {state.message}</span>;
  const { summary } = state.view.evaluation;
  if (summary.progress === '') return <Lozenge>{summary.stage}</Lozenge>;
  return (
    <span className="fp-badge" aria-label={`Gate progress ${summary.progress}${summary.currentGateReady === 'yes' ? ', ready' : ''}`}>
      <Lozenge appearance={summary.currentGateReady === 'yes' ? 'success' : 'inprogress'} isBold>
        {summary.progress}
      </Lozenge>
      {summary.missingCount > 0 && <span className="fp-muted"> {summary.missingCount} missing</span>}
    </span>
  );
};
