import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import type { GadgetState } from './use-gadget';

/** A loading skeleton shaped like the content it stands for. */
const Skeleton = ({ rows = 4 }: { rows?: number }) => (
  <div className="fp-skeleton" role="status" aria-label="Loading">
    {Array.from({ length: rows }, (_, index) => (
      <span key={index} className="fp-skeleton-row" />
    ))}
  </div>
);

/** Loading, error (with a retry) and "configure me" states, shared by both gadgets. */
export const GadgetFrame = <T,>({
  state,
  onRetry,
  children,
}: {
  state: GadgetState<T>;
  onRetry: () => void;
  children: (data: T) => ReactNode;
}) => {
  if (state.status === 'loading') return <Skeleton />;
  if (state.status === 'failed') {
    if (state.code === 'GADGET.NOT_CONFIGURED') {
      return (
        <SectionMessage appearance="information" title="Choose what this gadget shows">
          <p>Open the gadget's menu and choose Edit to pick the projects{state.message.includes('period') ? ' and the period' : ''}.</p>
        </SectionMessage>
      );
    }
    return (
      <SectionMessage
        appearance="error"
        title="This gadget could not load"
        actions={[
          <Button key="retry" onClick={onRetry}>
            Try again
          </Button>,
        ]}
      >
        <p>{state.message}</p>
      </SectionMessage>
    );
  }
  return <>{children(state.data)}</>;
};
