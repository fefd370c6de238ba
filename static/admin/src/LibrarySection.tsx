import { useState } from 'react';
import { isClaimCurrent, LIBRARY_LIMITS, type ApprovedClaim } from '../../../src/domain/messaging-library';
import { TIER_LABELS, TIERS } from '../../../src/domain/tiers';
import { errorAt, Labelled, TextList } from './fields';
import type { SectionProps } from './sections';
import { viewerDate } from '../../shared/viewer-time';
import { nameOf } from '../../shared/people';
import { TextAreaField } from '../../shared/components';

/** A claim added on this page: the server gives it its id and records who approved it on save. */
const newClaim = (key: number): ApprovedClaim => ({
  id: `new-${key}`,
  text: '',
  evidence: '',
  tiers: ['regulated'],
  channels: [],
  expiresOn: '',
  approvedBy: '',
  approvedAt: '',
});

const ClaimEditor = ({
  claim,
  index,
  errors,
  people,
  set,
  remove,
}: {
  claim: ApprovedClaim;
  index: number;
  errors: SectionProps['errors'];
  people: SectionProps['people'];
  set: (next: ApprovedClaim) => void;
  remove: () => void;
}) => {
  const at = (field: string) => errorAt(errors, `messagingLibrary.${index}.${field}`);
  const saved = claim.approvedBy !== '';
  const name = `Claim ${index + 1}`;
  return (
    <fieldset className="fp-fieldset fp-claim" aria-label={name}>
      <legend>
        {name}
        {saved
          ? ` · approved by ${nameOf(people, claim.approvedBy)} on ${viewerDate(claim.approvedAt)}`
          : ' · new: you approve it when you save'}
        {saved && !isClaimCurrent(claim, new Date()) ? ' · expired, no longer counts' : ''}
      </legend>
      <TextAreaField
        label="Claim, exactly as copy uses it"
        hint={`Up to ${LIBRARY_LIMITS.textLength} characters; copy must use it word for word`}
        error={at('text')}
        value={claim.text}
        onChange={(text) => set({ ...claim, text })}
      />
      <TextAreaField
        label="Supporting evidence"
        error={at('evidence')}
        value={claim.evidence}
        onChange={(text) => set({ ...claim, evidence: text })}
      />
      <div className="fp-grid">
        <TextList
          label="Channels"
          hint="Asset types or utm_medium values, separated by commas"
          value={claim.channels}
          error={at('channels')}
          onChange={(channels) => set({ ...claim, channels })}
        />
        <Labelled label="Last day it may be used" error={at('expiresOn')}>
          {(id, describedBy, invalid) => (
            <input
              id={id}
              type="date"
              className="fp-input"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={claim.expiresOn}
              onChange={(event) => set({ ...claim, expiresOn: event.target.value })}
            />
          )}
        </Labelled>
        <div className="fp-field" role="group" aria-label={`Tiers of claim ${index + 1}`}>
          <span className="fp-field-label">Tiers</span>
          {TIERS.map((tier) => (
            <label key={tier} className="fp-inline-check">
              <input
                type="checkbox"
                checked={claim.tiers.includes(tier)}
                onChange={(event) =>
                  set({
                    ...claim,
                    tiers: TIERS.filter((candidate) => (candidate === tier ? event.target.checked : claim.tiers.includes(candidate))),
                  })
                }
              />{' '}
              {TIER_LABELS[tier]}
            </label>
          ))}
          {at('tiers') && (
            <span className="fp-field-error" role="alert">
              {at('tiers')}
            </span>
          )}
        </div>
      </div>
      <div>
        <button type="button" className="fp-button" onClick={remove}>
          Remove claim {index + 1}
        </button>
      </div>
    </fieldset>
  );
};

/**
 * The pre-approved messaging library: claims with their evidence and scope. Saving a new or
 * changed claim records the admin saving it as its approver.
 */
export const LibrarySection = ({ draft, change, errors, people }: SectionProps) => {
  const library = draft.messagingLibrary;
  const [added, setAdded] = useState(0);
  return (
    <>
      <p className="fp-muted">
        Copy that uses one of these claims word for word, at a tier and in a channel the claim is for, needs no new compliance justification
        for the lexicon terms inside it: the panel cites the claim instead. From the day after its last day a claim no longer counts. Up to{' '}
        {LIBRARY_LIMITS.claims} claims.
      </p>
      {errors['messagingLibrary'] !== undefined && (
        <p className="fp-field-error" role="alert">
          {errors['messagingLibrary']}
        </p>
      )}
      {library.map((claim, index) => (
        <ClaimEditor
          key={claim.id}
          claim={claim}
          index={index}
          errors={errors}
          people={people}
          set={(next) => change({ messagingLibrary: library.map((other, position) => (position === index ? next : other)) })}
          remove={() => change({ messagingLibrary: library.filter((_, position) => position !== index) })}
        />
      ))}
      <div>
        <button
          type="button"
          className="fp-button"
          disabled={library.length >= LIBRARY_LIMITS.claims}
          onClick={() => {
            setAdded(added + 1);
            change({ messagingLibrary: [...library, newClaim(added + 1)] });
          }}
        >
          Add a claim
        </button>
      </div>
    </>
  );
};
