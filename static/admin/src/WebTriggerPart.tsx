import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useCallback, useEffect, useState } from 'react';
import type { Envelope } from '../../../src/contracts/resolver-contract';
import type { CrmWebTriggerView } from '../../../src/contracts/views/outcomes';
import { APP_UNREACHABLE, LoadFailed } from '../../shared/components';
import { viewerDateTime } from '../../shared/viewer-time';
import { callAdmin } from './api';

const EXAMPLE = `{"delivery": "wf-81723", "sentAt": "2026-06-10T12:00:00Z",
 "figures": [{"campaign": "spring-webinar", "date": "2026-06-09", "leads": 412, "pipeline": 300000}]}`;

/** Where a CRM posts its figures, the secret it signs them with, and how its last signed post went: shown to Jira admins, rotated here. */
export const WebTriggerPart = () => {
  const [view, setView] = useState<CrmWebTriggerView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [rotated, setRotated] = useState(false);

  const show = (result: Envelope<CrmWebTriggerView>): boolean => {
    if (!result.ok) {
      setProblem(result.error.message);
      return false;
    }
    setView(result.data);
    setProblem(null);
    return true;
  };
  const load = useCallback(() => {
    setProblem(null);
    callAdmin('crm/webtrigger')
      .then(show)
      .catch(() => setProblem(APP_UNREACHABLE));
  }, []);
  useEffect(load, [load]);
  const rotate = () =>
    callAdmin('crm/rotate-secret')
      .then((answer) => setRotated(show(answer)))
      .catch(() => setProblem(APP_UNREACHABLE));

  // Before anything loaded the problem is all there is to show; after, it sits under the button so the admin can try again.
  if (view === null)
    return problem !== null ? (
      <LoadFailed title="The web trigger could not be loaded" message={problem} onRetry={load} />
    ) : (
      <p className="fp-muted">Loading…</p>
    );
  return (
    <section className="fp-webtrigger" aria-label="Figures posted by your CRM">
      <h3>Figures posted by your CRM</h3>
      <p>
        A CRM workflow or an automation tool can post figures to this address instead of a file. Each post is signed: the header{' '}
        <code>X-Flight-Plan-Signature</code> holds <code>sha256=</code> and the HMAC-SHA256 of the body with the secret below, in hex. A
        post is accepted within 5 minutes of being sent, and each delivery once.
      </p>
      <dl className="fp-webtrigger-facts">
        <dt>Address</dt>
        <dd>
          <code aria-label="Address">{view.url}</code>
        </dd>
        <dt>Secret</dt>
        <dd>
          {view.secret === null ? (
            <span className="fp-muted">None yet: nothing is accepted until you create one.</span>
          ) : (
            <code aria-label="Secret">{view.secret}</code>
          )}
        </dd>
        <dt>Last signed post</dt>
        <dd aria-label="Last signed post">
          {view.last === null
            ? 'None yet.'
            : `${viewerDateTime(view.last.at)}: ${view.last.accepted ? 'kept' : 'refused'}. ${view.last.message.replace(/\.$/, '')}.`}
        </dd>
      </dl>
      <details>
        <summary>What to post</summary>
        <pre>{EXAMPLE}</pre>
      </details>
      <Button onClick={() => void rotate()}>{view.secret === null ? 'Create a secret' : 'Replace the secret'}</Button>
      {rotated && (
        <p role="status">A new secret is in place: posts signed with the old one are refused from now on. Give your CRM the new one.</p>
      )}
      {problem !== null && <SectionMessage appearance="error">{problem}</SectionMessage>}
    </section>
  );
};
