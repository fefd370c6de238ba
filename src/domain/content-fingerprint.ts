import type { Asset } from './flight-plan-record';
import type { LexiconHit } from './lexicon-scan';
import { sha256Base64url } from './sha256';

/**
 * What an approval or a lexicon resolution covers, as a SHA-256 digest: any later change to that
 * content gives another digest, so the approval or resolution no longer counts. A cryptographic
 * hash, because the person changing the copy must not be able to make new copy match an old digest.
 */
const digest = (parts: readonly unknown[]): string => sha256Base64url(JSON.stringify(parts));

/** The fingerprint of what an approval covers: every asset's name, copy and tracked links, in asset order. */
export const assetsFingerprint = (assets: readonly Asset[]): string =>
  digest(assets.map((asset) => [asset.id, asset.name, asset.copy, asset.trackedUrls]));

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
