import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { useState } from 'react';
import { TIER_LABELS, TIERS, isTierLowering, type Tier } from '../../../src/domain/tiers';
import { TRIAGE_SCORE_NAMES } from '../../../src/domain/triage-score';
import type { PanelView } from './api';
import type { Save } from './use-panel';
import { Field, OutcomeMessage, SaveRow, Section, useCommand } from './ui';
import { formatInstant, nameOf } from './words';

/** A decision as the requester reads it. */
const DECISION_WORDS = { accept: 'accepted', wait: 'waiting', decline: 'declined' } as const;

const RECOMMENDATION_APPEARANCE = { accept: 'success', wait: 'moved', decline: 'removed' } as const;

export const TriageSection = ({ view, save, saving }: { view: PanelView; save: Save; saving: string | null }) => {
  const { scores } = view.facts;
  const { score, maxScore, suggestedTier, suggestedTierReason } = view.triage;
  const decision = useCommand(save, 'triage/decide');
  const tierCommand = useCommand(save, 'triage/set-tier');
  const [reason, setReason] = useState('');
  const [tier, setTier] = useState<Tier>(view.record.tier ?? suggestedTier ?? 'low-risk');
  const [tierReason, setTierReason] = useState('');
  // Judged as the server judges it: against the tier in force, the one set or else the one the scores suggest.
  const lowering = isTierLowering(view.record.tier ?? suggestedTier ?? undefined, tier);
  const current = view.record.triage;

  return (
    <Section
      title="Triage"
      summary={score ? `score ${score.score} of ${maxScore} → ${score.recommendation}` : 'scores incomplete'}
      defaultOpen={view.canTriage && view.stage === 'triage'}
    >
      <p className="fp-muted">
        Impact, Confidence, Effort and Risk are scored 1–5 on the issue. The score is Impact × Confidence × (6 − Effort), at most {maxScore}
        ; Risk and Impact suggest the governance tier.
      </p>
      <dl className="fp-scores">
        {TRIAGE_SCORE_NAMES.map((name) => (
          <div key={name}>
            <dt>{name.charAt(0).toUpperCase() + name.slice(1)}</dt>
            <dd>{scores[name] ?? '—'}</dd>
          </div>
        ))}
      </dl>
      {score ? (
        <p>
          {/* eslint-disable-next-line @typescript-eslint/no-deprecated -- bold until Lozenge makes bold its default, as its deprecation note says */}
          <Lozenge appearance={RECOMMENDATION_APPEARANCE[score.recommendation]} isBold>
            {score.recommendation}
          </Lozenge>{' '}
          <span className="fp-explanation">
            <strong>
              {score.score} of {maxScore}
            </strong>
            : {score.explanation}
          </span>
        </p>
      ) : (
        <p className="fp-muted">Set Impact, Confidence and Effort on the issue to see the score.</p>
      )}
      <p>
        Tier: <strong>{view.record.tier ? TIER_LABELS[view.record.tier] : 'not set'}</strong>
        {suggestedTier && (
          <span className="fp-muted">
            {' '}
            (the scores suggest {TIER_LABELS[suggestedTier]}
            {suggestedTierReason === null ? '' : `: ${suggestedTierReason}`})
          </span>
        )}
      </p>
      {current && (
        <p className="fp-muted">
          Decision: {DECISION_WORDS[current.decision]}
          {current.reason ? ` — ${current.reason}` : ''} ({nameOf(view.people, current.by)}, {formatInstant(current.at)})
        </p>
      )}
      {view.canEdit && !view.canTriage && (
        <p className="fp-muted">Triage decisions are made by a triage lead who is neither the requester nor the assignee.</p>
      )}
      {view.canTriage && (
        <>
          <fieldset className="fp-fieldset">
            <legend>Decide</legend>
            <Field
              label="Reason (needed to wait or decline)"
              hint="Accept moves the request to Planning. Wait and Decline move it to Waiting or Declined and tell the requester this reason in a comment."
            >
              {(id, describedBy) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  className="fp-input"
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
              )}
            </Field>
            <div className="fp-button-row">
              {(['accept', 'wait', 'decline'] as const).map((choice) => (
                <Button
                  key={choice}
                  appearance={choice === 'accept' ? 'primary' : 'default'}
                  isLoading={saving === 'triage/decide'}
                  onClick={() => void decision.run({ decision: choice, scores, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
                >
                  {choice.charAt(0).toUpperCase() + choice.slice(1)}
                </Button>
              ))}
            </div>
            <OutcomeMessage outcome={decision.outcome} />
          </fieldset>
          <fieldset className="fp-fieldset">
            <legend>Governance tier</legend>
            <Field label="Tier">
              {(id) => (
                <select id={id} className="fp-input" value={tier} onChange={(event) => setTier(event.target.value as Tier)}>
                  {TIERS.map((option) => (
                    <option key={option} value={option}>
                      {TIER_LABELS[option]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {lowering && (
              <Field label="Why lower the tier? (recorded in the audit trail)">
                {(id) => <input id={id} className="fp-input" value={tierReason} onChange={(event) => setTierReason(event.target.value)} />}
              </Field>
            )}
            <SaveRow
              label="Set tier"
              busy={saving === 'triage/set-tier'}
              outcome={tierCommand.outcome}
              onClick={() => void tierCommand.run({ tier, ...(tierReason.trim() ? { reason: tierReason.trim() } : {}) })}
            />
          </fieldset>
        </>
      )}
    </Section>
  );
};
