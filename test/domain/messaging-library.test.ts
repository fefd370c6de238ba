import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { reviewLexicon } from '../../src/domain/copy-review';
import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { evaluateGate } from '../../src/domain/gates/evaluate-gate';
import { scanCopy } from '../../src/domain/lexicon-scan';
import {
  claimSpansIn,
  isClaimCurrent,
  resolveHitsByLibrary,
  stampLibrary,
  type ApprovedClaim,
  type CopyScope,
} from '../../src/domain/messaging-library';
import { completeFacts, completeRecord, config, NOW } from '../fakes/fixtures';

// NOW is 2026-06-10T12:00Z.
const CLAIM: ApprovedClaim = {
  id: 'claim-1',
  text: 'Your rate is guaranteed for 12 months',
  evidence: 'Rate sheet RS-2026-04, signed off by Treasury',
  tiers: ['regulated'],
  channels: ['email'],
  expiresOn: '2026-06-10',
  approvedBy: 'acc-casey',
  approvedAt: '2026-05-01T09:00:00.000Z',
};
const SCOPE: CopyScope = { tier: 'regulated', channels: new Set(['email']) };
const lexicon = DEFAULT_CONFIG.lexicon;
const resolve = (copy: string, library: readonly ApprovedClaim[] = [CLAIM], scope = SCOPE, now = NOW) =>
  resolveHitsByLibrary(copy, scanCopy('asset-1', copy, lexicon), library, scope, now).map((citation) => [
    citation.hit.matched,
    citation.claim.id,
  ]);

describe('claimSpansIn', () => {
  it('finds the claim word for word, any run of spaces between words, not inside a longer word', () => {
    // "Your rate is guaranteed for 12 months" is 37 characters, starting at 6.
    expect(claimSpansIn('Save. Your rate is guaranteed for 12 months.', CLAIM.text)).toEqual([[6, 43]]);
    expect(claimSpansIn('Your rate is\nguaranteed  for 12 months', CLAIM.text)).toEqual([[0, 38]]);
    expect(claimSpansIn('Your rate is guaranteed for 12 monthsly', CLAIM.text)).toEqual([]);
    expect(claimSpansIn('anything', '   ')).toEqual([]);
  });

  it('treats the claim as text, not as a pattern', () => {
    expect(claimSpansIn('Save 4.1% (APY)* today', 'Save 4.1% (APY)*')).toEqual([[0, 16]]);
    expect(claimSpansIn('Save 4x1% (APY) today', 'Save 4.1% (APY)')).toEqual([]);
  });
});

describe('isClaimCurrent', () => {
  it('counts the expiry day itself and nothing after it (UTC)', () => {
    expect(isClaimCurrent(CLAIM, new Date('2026-06-10T23:59:59.999Z'))).toBe(true);
    expect(isClaimCurrent(CLAIM, new Date('2026-06-11T00:00:00.000Z'))).toBe(false);
  });
});

describe('resolveHitsByLibrary', () => {
  it('resolves a hit inside a claim used word for word, citing the claim', () => {
    expect(resolve('Switch today. Your rate is guaranteed for 12 months.')).toEqual([['guaranteed', 'claim-1']]);
  });

  it('resolves nothing once the claim has expired', () => {
    expect(resolve('Your rate is guaranteed for 12 months.', [CLAIM], SCOPE, new Date('2026-06-11T08:00:00.000Z'))).toEqual([]);
  });

  it('does not count a partial use of the claim, or the claim with a word changed', () => {
    expect(resolve('Your rate is guaranteed.')).toEqual([]);
    expect(resolve('Your rate is guaranteed for 24 months.')).toEqual([]);
    expect(resolve('your rate is guaranteed for 12 months')).toEqual([]);
  });

  it('does not resolve a hit that reaches outside the claim', () => {
    const risky: ApprovedClaim = { ...CLAIM, text: 'Opening is risk' };
    expect(resolve('Opening is risk-free', [risky])).toEqual([]);
  });

  it('resolves only at the tiers and in the channels the claim is for', () => {
    const copy = 'Your rate is guaranteed for 12 months.';
    expect(resolve(copy, [CLAIM], { tier: 'revenue', channels: new Set(['email']) })).toEqual([]);
    expect(resolve(copy, [CLAIM], { tier: 'regulated', channels: new Set(['paid-social']) })).toEqual([]);
    expect(resolve(copy, [{ ...CLAIM, channels: ['Email'] }])).toEqual([['guaranteed', 'claim-1']]);
  });
});

describe('reviewLexicon', () => {
  const withCopy = (copy: string, resolutions: FlightPlanRecord['lexiconResolutions'] = []): FlightPlanRecord => {
    const record = completeRecord('regulated');
    return { ...record, assets: record.assets.map((asset) => ({ ...asset, copy })), lexiconResolutions: resolutions };
  };
  const library = config({ messagingLibrary: [CLAIM] });

  it('takes the library-resolved hit off the QA gate and cites the claim', () => {
    const review = reviewLexicon(
      withCopy('Your rate is guaranteed for 12 months.'),
      { facts: completeFacts(), config: library },
      'regulated',
      NOW,
    );
    expect(review.hits.map((hit) => hit.matched)).toEqual(['guaranteed']);
    expect(review.resolvedByLibrary.map((citation) => [citation.hit.source, citation.hit.term, citation.claim.id])).toEqual([
      ['asset-1', 'guarantee*', 'claim-1'],
    ]);
    expect(review.unresolved).toEqual([]);
  });

  it('still needs a justification when the same term also appears outside the claim', () => {
    const review = reviewLexicon(
      withCopy('Your rate is guaranteed for 12 months. Results guaranteed.'),
      { facts: completeFacts(), config: library },
      'regulated',
      NOW,
    );
    expect(review.resolvedByLibrary).toEqual([]);
    expect(review.unresolved.map((hit) => hit.matched)).toEqual(['guaranteed']);
  });

  it('leaves other terms in the same copy to people', () => {
    const review = reviewLexicon(
      withCopy('Your rate is guaranteed for 12 months. The #1 savings account.'),
      { facts: completeFacts(), config: library },
      'regulated',
      NOW,
    );
    expect(review.resolvedByLibrary.map((citation) => citation.hit.matched)).toEqual(['guaranteed']);
    expect(review.unresolved.map((hit) => hit.matched)).toEqual(['#1']);
  });

  it('gives the description the channels of all the assets', () => {
    const record = withCopy('Nothing risky.');
    const review = reviewLexicon(
      record,
      { facts: completeFacts({ description: 'Promo brief. Your rate is guaranteed for 12 months.' }), config: library },
      'regulated',
      NOW,
    );
    expect(review.resolvedByLibrary.map((citation) => citation.hit.source)).toEqual(['description']);
  });

  it('does not let a claim clear copy its approver asked for, owns or wrote', () => {
    const copy = 'Your rate is guaranteed for 12 months.';
    const record = withCopy(copy);
    const writtenByCasey = { ...record, assets: record.assets.map((asset) => ({ ...asset, writers: [...asset.writers, 'acc-casey'] })) };
    for (const [label, review] of [
      ['requester', reviewLexicon(record, { facts: completeFacts({ reporterId: 'acc-casey' }), config: library }, 'regulated', NOW)],
      ['owner', reviewLexicon(record, { facts: completeFacts({ assigneeId: 'acc-casey' }), config: library }, 'regulated', NOW)],
      ['writer', reviewLexicon(writtenByCasey, { facts: completeFacts(), config: library }, 'regulated', NOW)],
    ] as const) {
      expect(review.resolvedByLibrary, label).toEqual([]);
      expect(
        review.unresolved.map((hit) => hit.matched),
        label,
      ).toEqual(['guaranteed']);
    }
  });

  it('blocks the QA gate again the day after the claim expires', () => {
    const record = withCopy('Your rate is guaranteed for 12 months.');
    const item = (now: Date) =>
      evaluateGate('qa', record, completeFacts(), library, now).items.find((candidate) => candidate.code === 'qa.lexicon-clear')!.missing;
    expect(item(NOW)).toBeNull();
    expect(item(new Date('2026-06-11T09:00:00.000Z'))).toBe('1 unresolved lexicon hit ("guaranteed")');
  });
});

describe('stampLibrary', () => {
  const input = { text: CLAIM.text, evidence: CLAIM.evidence, tiers: CLAIM.tiers, channels: CLAIM.channels, expiresOn: CLAIM.expiresOn };

  it('stamps a new claim with the admin saving it and the next id, ignoring any approver it claims', () => {
    const submitted = { ...input, approvedBy: 'acc-forged', approvedAt: '2020-01-01T00:00:00.000Z' } as typeof input;
    expect(
      stampLibrary(
        [CLAIM],
        [
          { ...input, id: 'claim-1' },
          { ...submitted, text: 'Rates reviewed monthly' },
        ],
        'acc-admin',
        NOW,
      ),
    ).toEqual([CLAIM, { ...input, id: 'claim-2', text: 'Rates reviewed monthly', approvedBy: 'acc-admin', approvedAt: NOW.toISOString() }]);
  });

  it('re-approves a changed claim under the admin who changed it, keeping its id', () => {
    expect(stampLibrary([CLAIM], [{ ...input, id: 'claim-1', expiresOn: '2027-06-10' }], 'acc-admin', NOW)).toEqual([
      { ...CLAIM, expiresOn: '2027-06-10', approvedBy: 'acc-admin', approvedAt: NOW.toISOString() },
    ]);
  });

  it('does not let a submission invent an id or use one twice', () => {
    const stamped = stampLibrary(
      [CLAIM],
      [
        { ...input, id: 'claim-1' },
        { ...input, id: 'claim-1', text: 'Another claim' },
        { ...input, id: 'claim-99', text: 'Third' },
      ],
      'acc-admin',
      NOW,
    );
    expect(stamped.map((claim) => claim.id)).toEqual(['claim-1', 'claim-2', 'claim-3']);
  });
});
