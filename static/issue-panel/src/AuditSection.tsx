import Button from '@atlaskit/button/new';
import { useEffect, useState } from 'react';
import type { AuditTrailView } from '../../../src/contracts/views/panel';
import { callPanel, type PanelView } from './api';
import { Section } from './ui';
import { formatInstant, nameOf } from './words';

type Trail =
  { readonly status: 'loading' } | { readonly status: 'failed' } | { readonly status: 'ready'; readonly pages: readonly AuditTrailView[] };

const readPage = (page: number): Promise<AuditTrailView | null> =>
  callPanel('record/audit', { page }).then(
    (answer) => (answer.ok ? answer.data : null),
    () => null,
  );

/**
 * Append-only: who changed what, newest first. The trail is kept outside the record, a page at a time, so a long
 * one never slows the panel: the newest page is read when the record changes, older ones when asked for.
 */
export const AuditSection = ({ view }: { view: PanelView }) => {
  const [trail, setTrail] = useState<Trail>({ status: 'loading' });
  const revision = view.record.revision;
  useEffect(() => {
    let current = true;
    void readPage(0).then((page) => current && setTrail(page === null ? { status: 'failed' } : { status: 'ready', pages: [page] }));
    return () => {
      current = false;
    };
  }, [revision]);
  const older = async (pages: readonly AuditTrailView[]) => {
    const page = await readPage(pages.length);
    setTrail(page === null ? { status: 'failed' } : { status: 'ready', pages: [...pages, page] });
  };
  const pages = trail.status === 'ready' ? trail.pages : [];
  const entries = pages.flatMap((page) => page.entries.map((entry) => ({ entry, people: page.people })));
  const hasOlder = pages.at(-1)?.hasOlder ?? false;
  return (
    <Section title="Audit trail" summary={revision === 0 ? 'nothing yet' : `${revision} change${revision === 1 ? '' : 's'}`}>
      {trail.status === 'loading' ? (
        <p className="fp-muted">Loading the audit trail…</p>
      ) : trail.status === 'failed' ? (
        <p className="fp-muted">The audit trail could not be loaded. Reload the panel to try again.</p>
      ) : entries.length === 0 ? (
        <p className="fp-muted">Nothing recorded yet.</p>
      ) : (
        <ol className="fp-audit" data-testid="audit-trail">
          {entries.map(({ entry, people }, index) => (
            <li key={`${entry.at}-${index}`}>
              <span className="fp-muted">{formatInstant(entry.at)}</span> {entry.detail}{' '}
              <span className="fp-muted">({nameOf({ ...view.people, ...people }, entry.by)})</span>
            </li>
          ))}
        </ol>
      )}
      {hasOlder && (
        <Button appearance="subtle" onClick={() => void older(pages)}>
          Show older changes
        </Button>
      )}
    </Section>
  );
};
