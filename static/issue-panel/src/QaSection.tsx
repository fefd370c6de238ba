import Button from '@atlaskit/button/new';
import Checkbox from '@atlaskit/checkbox';
import Lozenge from '@atlaskit/lozenge';
import { useState } from 'react';
import type { ManualCheckCode } from '../../../src/domain/flight-plan-record';
import { DESCRIPTION_SOURCE } from '../../../src/domain/copy-review';
import type { PanelView } from './api';
import { ApprovalPath } from './ApprovalPath';
import type { Save } from './use-panel';
import { OutcomeMessage, Section, useCommand } from './ui';
import { whichLink } from '../../../src/domain/utm-check';
import { counted, formatDay, formatInstant, nameOf, sentenceCase } from './words';

const GROUPS: readonly { title: string; checks: readonly [ManualCheckCode, string][] }[] = [
  {
    title: 'Tracking integrity',
    checks: [
      ['qa.events-firing', 'Events firing'],
      ['qa.crm-routing', 'CRM routing confirmed'],
    ],
  },
  {
    title: 'Brand & compliance',
    checks: [
      ['qa.claims-validated', 'Claims validated'],
      ['qa.positioning-aligned', 'Positioning aligned'],
    ],
  },
  {
    title: 'Operational stability',
    checks: [
      ['qa.links-functional', 'Links functional'],
      ['qa.forms-tested', 'Forms tested'],
      ['qa.rollback-path', 'Rollback path defined'],
    ],
  },
];

const LexiconHitRow = ({
  hit,
  source,
  save,
  canResolve,
}: {
  hit: PanelView['lexiconHits'][number];
  source: string;
  save: Save;
  canResolve: boolean;
}) => {
  const command = useCommand(save, 'lexicon/resolve');
  const [justification, setJustification] = useState('');
  return (
    <li className="fp-hit">
      <span>
        <strong>“{hit.matched}”</strong> in {source} <span className="fp-muted">({hit.category})</span>
      </span>
      {canResolve && (
        <span className="fp-hit-resolve">
          <input
            aria-label={`Justification for "${hit.matched}" in ${source}`}
            className="fp-input"
            placeholder="Justification"
            value={justification}
            onChange={(event) => setJustification(event.target.value)}
          />
          <Button onClick={() => void command.run({ source: hit.source, term: hit.term, justification })}>
            Approve with justification
          </Button>
        </span>
      )}
      <OutcomeMessage outcome={command.outcome} />
    </li>
  );
};

export const QaSection = ({ view, save, saving }: { view: PanelView; save: Save; saving: string | null }) => {
  const checkCommand = useCommand(save, 'checklist/answer');
  const { record, utm } = view;
  const unresolved = view.unresolvedLexiconHits;
  const sourceName = (source: string): string =>
    source === DESCRIPTION_SOURCE
      ? 'the business context'
      : (record.assets.find((asset) => asset.id === source)?.name ?? 'a removed asset');
  return (
    <Section
      title="QA + Governance"
      summary={`${utm.failingLinks} of ${counted(utm.totalLinks, 'link')} failing · ${counted(unresolved.length, 'lexicon hit')}`}
    >
      {GROUPS.map((group) => (
        <fieldset key={group.title} className="fp-fieldset">
          <legend>{group.title}</legend>
          {group.checks.map(([code, label]) => {
            const answer = record.checks[code];
            return (
              <div key={code} className="fp-check-row">
                <Checkbox
                  label={label}
                  isChecked={answer?.done === true}
                  // Not disabled while a save runs: a disabled checkbox drops keyboard focus to the page. A second
                  // click meanwhile is ignored instead.
                  isDisabled={!view.canEdit}
                  onChange={(event) => {
                    if (saving !== 'checklist/answer') void checkCommand.run({ code, done: event.target.checked });
                  }}
                />
                {answer?.done && <span className="fp-muted">{formatInstant(answer.at)}</span>}
                {answer?.note && <span className="fp-muted"> · {answer.note}</span>}
              </div>
            );
          })}
        </fieldset>
      ))}
      <OutcomeMessage outcome={checkCommand.outcome} />
      <h4>UTM check (automatic)</h4>
      {utm.totalLinks === 0 ? (
        <p className="fp-muted">No tracked links on the assets yet.</p>
      ) : utm.problems.length === 0 ? (
        <p>
          <Lozenge appearance="success">
            {utm.totalLinks === 1 ? 'the link is structured' : `all ${utm.totalLinks} links structured`}
          </Lozenge>
        </p>
      ) : (
        <ul className="fp-problems" aria-label="UTM problems">
          {utm.problems.map((problem) => (
            <li key={`${problem.asset}-${problem.url}-${problem.code}-${problem.message}`}>
              {sentenceCase(whichLink(problem))}: {problem.message}
            </li>
          ))}
        </ul>
      )}
      <h4>Compliance lexicon scan (automatic)</h4>
      {view.lexiconHits.length === 0 ? (
        <p className="fp-muted">No lexicon terms in the copy.</p>
      ) : (
        <ul className="fp-hits">
          {unresolved.map((hit) => (
            <LexiconHitRow
              key={`${hit.source}-${hit.term}-${hit.index}`}
              hit={hit}
              source={sourceName(hit.source)}
              save={save}
              canResolve={view.canEdit}
            />
          ))}
          {view.libraryCitations.map(({ hit, claim }) => (
            <li key={`library-${hit.source}-${hit.term}`} className="fp-hit fp-hit-resolved" data-testid="library-citation">
              “{hit.matched}” in {sourceName(hit.source)} resolved by the messaging library: “{claim.text}”{' '}
              <span className="fp-muted">
                (approved by {nameOf(view.people, claim.approvedBy)}, good until {formatDay(claim.expiresOn)}; evidence: {claim.evidence})
              </span>
            </li>
          ))}
          {record.lexiconResolutions.map((resolution) => {
            const stale = view.staleResolutions.some(
              (candidate) => candidate.source === resolution.source && candidate.term === resolution.term,
            );
            return (
              <li key={`${resolution.source}-${resolution.term}`} className={`fp-hit ${stale ? 'fp-hit-stale' : 'fp-hit-resolved'}`}>
                “{resolution.matched}” in {sourceName(resolution.source)}{' '}
                {stale ? 'was approved, but no longer counts: the passage changed or the approver may no longer approve it' : 'approved'}:{' '}
                {resolution.justification}{' '}
                <span className="fp-muted">
                  ({nameOf(view.people, resolution.by)}, {formatInstant(resolution.at)})
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <h4>Approvals</h4>
      {view.approvals.length === 0 ? (
        <p className="fp-muted">No approvals yet.</p>
      ) : (
        <ul className="fp-approvals" aria-label="Approvals">
          {view.approvals.map((given) => (
            <li key={`${given.role}-${given.by}`}>
              <Lozenge appearance={given.state === 'current' ? 'success' : 'moved'}>
                {given.state === 'current' ? 'approved' : given.state === 'stale' ? 'out of date' : 'does not count'}
              </Lozenge>{' '}
              {given.roleLabel} by {nameOf(view.people, given.by)}, {formatInstant(given.at)}
              {given.state === 'stale' && (
                <span className="fp-muted">
                  {' '}
                  · approved before the copy changed{given.changedAt ? ` on ${formatInstant(given.changedAt)}` : ''}: it must be approved
                  again
                </span>
              )}
              {given.state === 'void' && <span className="fp-muted"> · {given.why}</span>}
            </li>
          ))}
        </ul>
      )}
      <ApprovalPath view={view} save={save} saving={saving} />
    </Section>
  );
};
