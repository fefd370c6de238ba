import type { LexiconHit } from './lexicon-scan';
import type { Tier } from './tiers';

/**
 * The pre-approved messaging library: claims compliance has already approved, with their evidence
 * and scope. Copy that uses a current claim word for word needs no new justification for the
 * lexicon hits inside it; the library entry is cited instead.
 */
export interface ApprovedClaim {
  /** Stable id ("claim-3"), given by the app when the claim is first saved; citations name it. */
  readonly id: string;
  /** The claim exactly as copy must use it. */
  readonly text: string;
  /** What supports the claim (a study, a rate sheet, a legal opinion). */
  readonly evidence: string;
  /** The tiers the claim may be used at. */
  readonly tiers: readonly Tier[];
  /** The channels the claim may be used in (an asset's type or its links' utm_medium), lowercase. */
  readonly channels: readonly string[];
  /** The last day (UTC, `YYYY-MM-DD`) the claim may be used; from the next day it no longer counts. */
  readonly expiresOn: string;
  /** The admin who saved this wording, taken from who saved it, never from what was submitted. */
  readonly approvedBy: string;
  readonly approvedAt: string;
}

/** What an admin submits for a claim: everything but who approved it and when (the app stamps those). */
export type ClaimInput = Omit<ApprovedClaim, 'id' | 'approvedBy' | 'approvedAt'> & { readonly id?: string };

/** Bounds that keep the library inside the configuration's storage value. */
export const LIBRARY_LIMITS = { claims: 50, textLength: 300, evidenceLength: 1_000, channels: 10, channelLength: 50 } as const;

/** Where a piece of copy is used: the request's tier and the channels of that copy. */
export interface CopyScope {
  readonly tier: Tier;
  readonly channels: ReadonlySet<string>;
}

/** A lexicon hit the library resolves, and the claim that covers it. */
export interface LibraryCitation {
  readonly hit: LexiconHit;
  readonly claim: ApprovedClaim;
}

/** True while the claim may be used: up to and including its expiry day (UTC). */
export const isClaimCurrent = (claim: Pick<ApprovedClaim, 'expiresOn'>, now: Date): boolean =>
  now.toISOString().slice(0, 10) <= claim.expiresOn;

const isUsableIn = (claim: ApprovedClaim, scope: CopyScope, now: Date): boolean =>
  isClaimCurrent(claim, now) &&
  claim.tiers.includes(scope.tier) &&
  claim.channels.some((channel) => scope.channels.has(channel.toLowerCase()));

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_CHAR = '[\\p{L}\\p{N}]';

/**
 * The claim's text as a pattern: the same words and punctuation in the same order, any run of
 * spaces or line breaks between words, and not part of a longer word at either end. Case counts:
 * the approved wording is the wording. Literal tokens between `\s+` keep the match linear.
 */
const claimPattern = (text: string): RegExp => {
  const words = text.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  const before = /^[\p{L}\p{N}]/u.test(text.trim()) ? `(?<!${WORD_CHAR})` : '';
  const after = /[\p{L}\p{N}]$/u.test(text.trim()) ? `(?!${WORD_CHAR})` : '';
  return new RegExp(`${before}${words}${after}`, 'gu');
};

/** Where the claim's text occurs in the copy word for word, as [start, end) spans. */
export const claimSpansIn = (copy: string, claimText: string): Array<readonly [number, number]> =>
  claimText.trim() === ''
    ? []
    : [...copy.matchAll(claimPattern(claimText))].map((match) => [match.index, match.index + match[0].length] as const);

/**
 * The hits of one piece of copy that lie wholly inside a current claim, usable at the copy's tier
 * and channel, that the copy uses word for word; each with the first claim that covers it.
 * A hit only partly inside a claim, or a claim used in part, resolves nothing.
 * @example resolveHitsByLibrary('Earn 4.1% APY, guaranteed for 12 months.', [hit on "guaranteed"], [claim "Earn 4.1% APY, guaranteed for 12 months"], scope, now) // one citation
 */
export const resolveHitsByLibrary = (
  copy: string,
  hits: readonly LexiconHit[],
  library: readonly ApprovedClaim[],
  scope: CopyScope,
  now: Date,
): LibraryCitation[] => {
  if (hits.length === 0) return [];
  const spans = library
    .filter((claim) => isUsableIn(claim, scope, now))
    .flatMap((claim) => claimSpansIn(copy, claim.text).map(([start, end]) => ({ claim, start, end })));
  return hits.flatMap((hit) => {
    const covering = spans.find((span) => hit.index >= span.start && hit.index + hit.matched.length <= span.end);
    return covering === undefined ? [] : [{ hit, claim: covering.claim }];
  });
};

const sameWording = (a: ClaimInput, b: ClaimInput): boolean =>
  a.text === b.text &&
  a.evidence === b.evidence &&
  a.expiresOn === b.expiresOn &&
  a.tiers.join() === b.tiers.join() &&
  a.channels.join() === b.channels.join();

/**
 * The library as an admin saves it: a claim kept unchanged keeps who approved it and when; a new
 * or changed claim is approved by the admin saving it, now. Whatever the submission says about
 * its approver is ignored. An id is kept only when it names a stored claim (once); any other
 * claim gets the next free id, so a submission cannot take over or invent an id.
 */
export const stampLibrary = (
  previous: readonly ApprovedClaim[],
  submitted: readonly ClaimInput[],
  by: string,
  now: Date,
): ApprovedClaim[] => {
  const before = new Map(previous.map((claim) => [claim.id, claim]));
  let next = Math.max(0, ...previous.map((claim) => Number(/^claim-(\d+)$/.exec(claim.id)?.[1] ?? 0))) + 1;
  const kept = new Set<string>();
  return submitted.map((input) => {
    const known = input.id !== undefined && !kept.has(input.id) ? before.get(input.id) : undefined;
    const id = known?.id ?? `claim-${next++}`;
    kept.add(id);
    const claim: ClaimInput = {
      text: input.text.trim(),
      evidence: input.evidence.trim(),
      tiers: input.tiers,
      channels: input.channels.map((channel) => channel.trim().toLowerCase()),
      expiresOn: input.expiresOn,
    };
    if (known !== undefined && sameWording(known, claim)) return known;
    return { id, ...claim, approvedBy: by, approvedAt: now.toISOString() };
  });
};

/** What the library did for one launch, kept for the quarterly audit. */
export interface LibraryUse {
  /** The claims cited, by id, each once. */
  readonly claimIds: readonly string[];
  /** Lexicon hits the library resolved: justifications no compliance approver had to write. */
  readonly hitsResolved: number;
}

/** The library's part in a launch, from the citations of its lexicon review; null when it played none. */
export const libraryUseOf = (citations: readonly LibraryCitation[]): LibraryUse | null =>
  citations.length === 0
    ? null
    : { claimIds: [...new Set(citations.map((citation) => citation.claim.id))], hitsResolved: citations.length };
