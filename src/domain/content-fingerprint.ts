import type { Asset } from './flight-plan-record';
import type { LexiconHit } from './lexicon-scan';
import { sha256Base64url } from './sha256';

/**
 * What an approval or a lexicon resolution covers, as a SHA-256 digest: any later change to that
 * content gives another digest, so the approval or resolution no longer counts. A cryptographic
 * hash, because the person changing the copy must not be able to make new copy match an old digest.
 */
const digest = (parts: readonly unknown[]): string => sha256Base64url(JSON.stringify(parts));

/** Approvals given before the description and each asset's type joined what an approval covers: assets' names, copy and links. */
const assetsFingerprint = (assets: readonly Asset[]): string =>
  digest(assets.map((asset) => [asset.id, asset.name, asset.copy, asset.trackedUrls]));

/** Marks a fingerprint of what an approval covers since the description and each asset's type joined it. */
const CONTENT_MARK = '2:';

/**
 * The fingerprint of what an approval covers: the request's description (the lexicon scan reads it as copy, so an
 * approval of the copy must cover it too), and every asset's name, type (where an approved library claim may be used
 * depends on it), copy and tracked links, in asset order. Not an asset's spec: the builder's brief, not what goes out.
 */
export const approvedContentFingerprint = (assets: readonly Asset[], description: string): string =>
  CONTENT_MARK + digest([description, assets.map((asset) => [asset.id, asset.name, asset.type, asset.copy, asset.trackedUrls])]);

/**
 * Tells whether an approval's fingerprint covers the content as it is now. One without the mark was given before the
 * description and types joined it, and is checked as it was given: it stays good until the assets change.
 */
export const contentCheck = (assets: readonly Asset[], description: string): ((fingerprint: string | null) => boolean) => {
  let now: string | undefined;
  let before: string | undefined;
  return (fingerprint) => {
    if (fingerprint === null) return false;
    if (fingerprint.startsWith(CONTENT_MARK)) return fingerprint === (now ??= approvedContentFingerprint(assets, description));
    return fingerprint === (before ??= assetsFingerprint(assets));
  };
};

/** Characters either side of a hit that its passage takes in at most, when no sentence ends sooner. */
const PASSAGE_REACH = 160;
const SENTENCE_END = /[.!?\n]/;

/**
 * The passage around a hit: its sentence (from the end of the previous sentence to the end of its
 * own), at most PASSAGE_REACH characters either side. "Guaranteed" is one claim in "Guaranteed
 * rates" and another in "Guaranteed 50% returns for every customer, forever".
 */
const passageAround = (copy: string, index: number, length: number): string => {
  let start = index;
  while (start > 0 && index - start < PASSAGE_REACH && !SENTENCE_END.test(copy.charAt(start - 1))) start--;
  let end = index + length;
  while (end < copy.length && end - (index + length) < PASSAGE_REACH && !SENTENCE_END.test(copy.charAt(end))) end++;
  return copy.slice(start, Math.min(copy.length, end + 1)).trim();
};

/** The fingerprint of what a resolution of one term in one copy covers: the passages around every hit of it. */
export const passagesFingerprint = (copy: string, hits: readonly Pick<LexiconHit, 'index' | 'matched'>[]): string =>
  digest(hits.map((hit) => passageAround(copy, hit.index, hit.matched.length)));
