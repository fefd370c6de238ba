import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import { resetRecord } from './api';
import { KeyForm } from './fields';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'reset'; issueKey: string } | { kind: 'failed'; message: string };

/**
 * Repairs a request whose Flight Plan cannot be read (its gates block it until then): the request starts again from an
 * empty Flight Plan, the unreadable one is kept in app storage, and the reset is in the request's history.
 */
export const RepairPart = () => {
  const [issueKey, setIssueKey] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const key = issueKey.trim().toUpperCase();

  const reset = async () => {
    setState({ kind: 'busy' });
    const answer = await resetRecord(key);
    setState(answer.ok ? { kind: 'reset', issueKey: answer.data.issueKey } : { kind: 'failed', message: answer.error.message });
  };

  return (
    <div className="fp-setup">
      <p>
        Use this only when a request&apos;s Flight Plan panel says its Flight Plan cannot be read: every gate blocks that request until it
        is reset. The request starts again from an empty Flight Plan (its plan, assets, checks and approvals are entered again); the
        unreadable one is kept in app storage, and the reset is recorded in the request&apos;s history. A Flight Plan that reads is never
        reset.
      </p>
      <KeyForm
        id="repair-request"
        label="Request key"
        placeholder="MKT-12"
        value={issueKey}
        onChange={setIssueKey}
        action="Reset its Flight Plan"
        busy={state.kind === 'busy'}
        onSubmit={() => void reset()}
      />
      {state.kind === 'busy' && (
        <p role="status" className="fp-muted">
          Resetting the Flight Plan of {key}…
        </p>
      )}
      {state.kind === 'reset' && (
        <p role="status">The Flight Plan of {state.issueKey} was reset: it starts again empty, and the unreadable one is kept.</p>
      )}
      {state.kind === 'failed' && <SectionMessage appearance="error">{state.message}</SectionMessage>}
    </div>
  );
};
