import { COMPLIANCE_ROLE, type AppConfig } from './app-config';
import { passagesFingerprint } from './content-fingerprint';
import type { Asset, FlightPlanRecord, LexiconResolution } from './flight-plan-record';
import type { IssueFacts } from './issue-facts';
import { distinctHits, isOverScanLimit, scanCopy, type LexiconEntry, type LexiconHit } from './lexicon-scan';
import { resolveHitsByLibrary, type LibraryCitation } from './messaging-library';
import { mediumsOfAsset } from './routing';
import { approvalConflict, ownInterest, type RequestPeople } from './separation-of-duties';
import type { Tier } from './tiers';

/** Source name of the issue description in lexicon hits (asset hits use the asset id). */
export const DESCRIPTION_SOURCE = 'description';

/** Every distinct lexicon hit in the description and the assets' copy. */
export const lexiconHitsOf = (record: FlightPlanRecord, description: string, lexicon: readonly LexiconEntry[]): LexiconHit[] =>
  distinctHits([
    ...scanCopy(DESCRIPTION_SOURCE, description, lexicon),
    ...record.assets.flatMap((asset) => scanCopy(asset.id, asset.copy, lexicon)),
  ]);

/** The copy a hit's source names: the description or an asset's copy ('' for an asset that is gone). */
const copyOf = (record: FlightPlanRecord, description: string, source: string): string =>
  source === DESCRIPTION_SOURCE ? description : (record.assets.find((asset) => asset.id === source)?.copy ?? '');

/** The fingerprint a resolution of `term` in `source` covers: the passages around every hit of the term there. */
export const resolutionFingerprint = (
  record: FlightPlanRecord,
  description: string,
  lexicon: readonly LexiconEntry[],
  source: string,
  term: string,
): string => {
  const copy = copyOf(record, description, source);
  return passagesFingerprint(
    copy,
    scanCopy(source, copy, lexicon).filter((hit) => hit.term === term),
  );
};

/** What a resolution's standing depends on: the request's copy and people, and the app's lexicon and roles. */
type ReviewContext = {
  readonly facts: Pick<IssueFacts, 'description'> & RequestPeople;
  readonly config: Pick<AppConfig, 'lexicon' | 'roles' | 'messagingLibrary'>;
};

/**
 * A resolution counts while a compliance approver who may approve this request gave it and the
 * passages around the hits are those they read.
 */
const isCurrentResolution = (resolution: LexiconResolution, record: FlightPlanRecord, { facts, config }: ReviewContext): boolean =>
  approvalConflict(resolution.by, COMPLIANCE_ROLE, record, facts, config.roles) === null &&
  resolution.fingerprint === resolutionFingerprint(record, facts.description, config.lexicon, resolution.source, resolution.term);

/** Resolutions that no longer count (the passage changed, or the approver may no longer approve). */
export const staleResolutions = (record: FlightPlanRecord, context: ReviewContext): LexiconResolution[] =>
  record.lexiconResolutions.filter((resolution) => !isCurrentResolution(resolution, record, context));

/** The sources (description or asset ids) too long to scan whole: the QA gate holds them back. */
export const unscannedSources = (record: FlightPlanRecord, description: string): string[] => [
  ...(isOverScanLimit(description) ? [DESCRIPTION_SOURCE] : []),
  ...record.assets.filter((asset) => isOverScanLimit(asset.copy)).map((asset) => asset.id),
];

/** An asset's channels: its type and its links' utm_medium, lowercase. */
const channelsOfAsset = (asset: Asset): Set<string> => new Set([asset.type.trim().toLowerCase(), ...mediumsOfAsset(asset)]);

/** The lexicon scan of a request: each distinct hit, whether the library or a person resolved it. */
interface LexiconReview {
  readonly hits: readonly LexiconHit[];
  /** Hits every occurrence of which sits inside a current library claim used word for word. */
  readonly resolvedByLibrary: readonly LibraryCitation[];
  /** Hits neither the library nor a current resolution covers: what blocks the QA gate. */
  readonly unresolved: readonly LexiconHit[];
}

/**
 * Reviews the copy against the lexicon and the messaging library. A term counts as resolved by the
 * library only when every occurrence of it in that copy is inside a usable claim: the same term
 * written again outside the claim still needs a person's justification. The description is used
 * wherever the request's assets are, so it takes all their channels.
 */
export const reviewLexicon = (record: FlightPlanRecord, context: ReviewContext, tier: Tier, now: Date): LexiconReview => {
  const { config } = context;
  const assetChannels = record.assets.map(channelsOfAsset);
  const sources = [
    { source: DESCRIPTION_SOURCE, copy: context.facts.description, channels: new Set(assetChannels.flatMap((channels) => [...channels])) },
    ...record.assets.map((asset, index) => ({ source: asset.id, copy: asset.copy, channels: assetChannels[index] ?? new Set<string>() })),
  ];
  const all: LexiconHit[] = [];
  const citations = new Map<string, LibraryCitation>();
  const uncovered = new Set<string>();
  const keyOf = (hit: LexiconHit): string => `${hit.source}\u0000${hit.term}`;
  // A claim approved by someone with a stake in this request (its requester, owner or a writer of its copy) does not
  // clear it: separation of duties holds for the library as for a resolution.
  const library = config.messagingLibrary.filter((claim) => ownInterest(claim.approvedBy, record, context.facts) === null);
  for (const { source, copy, channels } of sources) {
    const hits = scanCopy(source, copy, config.lexicon);
    all.push(...hits);
    const cited = new Map(resolveHitsByLibrary(copy, hits, library, { tier, channels }, now).map((citation) => [citation.hit, citation]));
    for (const hit of hits) {
      const citation = cited.get(hit);
      if (citation === undefined) uncovered.add(keyOf(hit));
      else if (!citations.has(keyOf(hit))) citations.set(keyOf(hit), citation);
    }
  }
  const hits = distinctHits(all);
  const byLibrary = hits.flatMap((hit) => {
    const citation = uncovered.has(keyOf(hit)) ? undefined : citations.get(keyOf(hit));
    return citation === undefined ? [] : [citation];
  });
  // Only current resolutions count: by a compliance approver who may approve, over the passage as it is now.
  const resolved = (hit: LexiconHit): boolean =>
    record.lexiconResolutions.some(
      (resolution) => resolution.source === hit.source && resolution.term === hit.term && isCurrentResolution(resolution, record, context),
    );
  const unresolved = hits.filter((hit) => uncovered.has(keyOf(hit)) && !resolved(hit));
  return { hits, resolvedByLibrary: byLibrary, unresolved };
};
