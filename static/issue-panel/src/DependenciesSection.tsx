import Button from '@atlaskit/button/new';
import { useCallback, useEffect, useId, useState } from 'react';
import type { Envelope } from '../../../src/contracts/resolver-contract';
import type { DependenciesView, DependencyEntry } from '../../../src/contracts/views/dependencies';
import { unseenWords } from '../../../src/domain/dependencies';
import { useSearch } from '../../shared/use-search';
import { callPanel } from './api';
import { Section } from './ui';

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly view: DependenciesView }
  | { readonly status: 'failed'; readonly message: string };

const searchCandidates = (query: string) => callPanel('dependency/search', { query });

const summaryOf = (view: DependenciesView): string => {
  const unlinked = view.unlinked.length + view.unseen.unlinked;
  if (unlinked > 0) return `${unlinked} unlinked outside Flight Plan`;
  const waiting = view.blockedBy.filter((entry) => !entry.launched).length + view.unseen.blockedBy;
  if (view.blockedBy.length === 0 && view.blocks.length === 0 && waiting === 0 && view.unseen.blocks === 0) return 'none';
  if (waiting > 0) return `blocked by ${waiting} ${waiting === 1 ? 'request' : 'requests'} not launched`;
  return view.blockedBy.length > 0 ? 'every blocker launched' : `blocks ${view.blocks.length + view.unseen.blocks}`;
};

const EntryLine = ({ entry }: { entry: DependencyEntry }) => (
  <span>
    <strong>{entry.key}</strong> {entry.summary} <span className="fp-muted">({entry.launched ? 'launched' : entry.stage})</span>
  </span>
);

/**
 * The requests this one is blocked by (Jira issue links), picked by key or summary, and those it blocks. A request
 * cannot launch while a blocker has not; `onChanged` reloads the panel so the gate checklist says so at once.
 */
export const DependenciesSection = ({ onChanged }: { onChanged: () => void }) => {
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [query, setQuery] = useState('');
  const { found, problem: searchProblem } = useSearch(searchCandidates, query);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Reads the dependencies as Jira has them; `current` says whether the answer is still wanted. */
  const read = useCallback(
    (current: () => boolean) =>
      callPanel('dependency/get')
        .then(
          (answer) =>
            current() &&
            setLoaded(answer.ok ? { status: 'ready', view: answer.data } : { status: 'failed', message: answer.error.message }),
        )
        .catch(() => current() && setLoaded({ status: 'failed', message: 'the dependencies could not be loaded' })),
    [],
  );

  useEffect(() => {
    let current = true;
    void read(() => current);
    return () => {
      current = false;
    };
  }, [read]);

  const change = useCallback(
    async (write: () => Promise<Envelope<DependenciesView>>) => {
      setBusy(true);
      try {
        const answer = await write();
        if (answer.ok) {
          setLoaded({ status: 'ready', view: answer.data });
          setProblem(null);
          setQuery('');
          onChanged();
        } else {
          setProblem(answer.error.message.charAt(0).toUpperCase() + answer.error.message.slice(1) + '.');
          // Jira made the change, only its note in the audit trail failed: the list shows the links as they now are.
          if (answer.error.code === 'DEPENDENCY.NOT_NOTED') {
            await read(() => true);
            onChanged();
          }
        }
      } catch {
        setProblem('The dependency could not be saved. Try again.');
      } finally {
        setBusy(false);
      }
    },
    [onChanged, read],
  );

  if (loaded.status === 'loading') return null;
  if (loaded.status === 'failed')
    return (
      <Section title="Dependencies">
        <p className="fp-field-error">{loaded.message}</p>
      </Section>
    );
  const { view } = loaded;
  return (
    <Section title="Dependencies" summary={summaryOf(view)}>
      <div data-testid="dependencies">
        <h4>Blocked by</h4>
        {view.blockedBy.length === 0 && view.unseen.blockedBy === 0 ? (
          <p className="fp-muted">Nothing: this request waits on no other request.</p>
        ) : (
          <ul className="fp-dependency-list" aria-label="Requests this one is blocked by">
            {view.blockedBy.map((entry) => (
              <li key={entry.linkId}>
                <EntryLine entry={entry} />{' '}
                {view.canEdit && (entry.launched || view.canRemoveUnlaunched) && (
                  <Button
                    appearance="subtle"
                    isDisabled={busy}
                    onClick={() => void change(() => callPanel('dependency/remove', { linkId: entry.linkId }))}
                  >
                    {`Remove ${entry.key}`}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {(view.unlinked.length > 0 || view.unseen.unlinked > 0) && (
          <div data-testid="unlinked-blockers">
            <p>
              {view.unlinked.length + view.unseen.unlinked === 1
                ? 'A request it was made to wait on was'
                : 'Requests it was made to wait on were'}{' '}
              unlinked outside Flight Plan, which the QA gate does not take as done: link{' '}
              {view.unlinked.length + view.unseen.unlinked === 1 ? 'it' : 'them'} again, or its owner (the assignee) or a triage lead
              confirms the removal here.
            </p>
            <ul className="fp-dependency-list" aria-label="Requests unlinked outside Flight Plan">
              {view.unlinked.map((blocker) => (
                <li key={blocker.id}>
                  {blocker.key}{' '}
                  {view.canRemoveUnlaunched && (
                    <Button
                      appearance="subtle"
                      isDisabled={busy}
                      onClick={() => void change(() => callPanel('dependency/confirm-unlinked', { issueId: blocker.id }))}
                    >
                      {`Confirm ${blocker.key} no longer holds it`}
                    </Button>
                  )}
                </li>
              ))}
              {view.unseen.unlinked > 0 && (
                <li>
                  {unseenWords(view.unseen.unlinked)}{' '}
                  {view.canRemoveUnlaunched && (
                    <Button
                      appearance="subtle"
                      isDisabled={busy}
                      onClick={() => void change(() => callPanel('dependency/confirm-unlinked', {}))}
                    >
                      {view.unseen.unlinked === 1 ? 'Confirm it no longer holds it' : 'Confirm they no longer hold it'}
                    </Button>
                  )}
                </li>
              )}
            </ul>
          </div>
        )}
        {view.unseen.blockedBy > 0 && (
          <p data-testid="unseen-blockers">
            Also blocked by {unseenWords(view.unseen.blockedBy)}, not launched yet: someone who can see it can tell you more.
          </p>
        )}
        {(view.unseen.blockedBy > 0 || view.blockedBy.some((entry) => !entry.launched)) && (
          <p className="fp-muted">It cannot launch until every request it is blocked by has launched.</p>
        )}
        {view.canEdit && !view.canRemoveUnlaunched && view.blockedBy.some((entry) => !entry.launched) && (
          <p className="fp-muted" data-testid="remove-blocker-rule">
            Only its owner (the assignee) or a triage lead can remove a request it is blocked by that has not launched.
          </p>
        )}
        {view.unseen.blocks > 0 && (
          <p className="fp-muted">
            {view.unseen.blocks === 1
              ? 'A request you cannot see waits on this one.'
              : `${view.unseen.blocks} requests you cannot see wait on this one.`}
          </p>
        )}
        {view.blocks.length > 0 && (
          <>
            <h4>Blocks</h4>
            <ul className="fp-dependency-list" aria-label="Requests waiting on this one">
              {view.blocks.map((entry) => (
                <li key={entry.linkId}>
                  <EntryLine entry={entry} />
                </li>
              ))}
            </ul>
          </>
        )}
        {view.canEdit && (
          <div className="fp-field fp-picker">
            <label htmlFor={id}>Add a request this one is blocked by</label>
            <input
              id={id}
              className="fp-input"
              placeholder="Its key, such as MKT-12, or words of its summary"
              value={query}
              disabled={busy}
              aria-controls={found.length > 0 ? `${id}-results` : undefined}
              onChange={(event) => setQuery(event.target.value)}
            />
            {found.length > 0 && (
              <ul id={`${id}-results`} className="fp-picker-results" aria-label={`Requests matching ${query}`}>
                {found.map((candidate) => (
                  <li key={candidate.key}>
                    <button
                      type="button"
                      className="fp-picker-option"
                      disabled={busy}
                      onClick={() => void change(() => callPanel('dependency/add', { key: candidate.key }))}
                    >
                      {candidate.key} {candidate.summary}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {(problem ?? searchProblem) && (
          <p className="fp-field-error" role="alert">
            {problem ?? searchProblem}
          </p>
        )}
      </div>
    </Section>
  );
};
