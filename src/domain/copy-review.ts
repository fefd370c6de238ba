import { COMPLIANCE_ROLE, type AppConfig } from './app-config';
import { passagesFingerprint } from './content-fingerprint';
import type { FlightPlanRecord, LexiconResolution } from './flight-plan-record';
import type { IssueFacts } from './issue-facts';
import { distinctHits, isOverScanLimit, scanCopy, type LexiconEntry, type LexiconHit } from './lexicon-scan';
import { approvalConflict, type RequestPeople } from './separation-of-duties';

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
export const resolutionFingerprint = (record: FlightPlanRecord, description: string, lexicon: readonly LexiconEntry[], source: string, term: string): string => {
  const copy = copyOf(record, description, source);
  return passagesFingerprint(copy, scanCopy(source, copy, lexicon).filter((hit) => hit.term === term));
};

/** What a resolution's standing depends on: the request's copy and people, and the app's lexicon and roles. */
export type ReviewContext = { readonly facts: Pick<IssueFacts, 'description'> & RequestPeople; readonly config: Pick<AppConfig, 'lexicon' | 'roles'> };

/**
 * A resolution counts while a compliance approver who may approve this request gave it and the
 * passages around the hits are those they read.
 */
export const isCurrentResolution = (resolution: LexiconResolution, record: FlightPlanRecord, { facts, config }: ReviewContext): boolean =>
  approvalConflict(resolution.by, COMPLIANCE_ROLE, record, facts, config.roles) === null &&
  resolution.fingerprint === resolutionFingerprint(record, facts.description, config.lexicon, resolution.source, resolution.term);

/** Resolutions that no longer count (the passage changed, or the approver may no longer approve). */
export const staleResolutions = (record: FlightPlanRecord, context: ReviewContext): LexiconResolution[] =>
  record.lexiconResolutions.filter((resolution) => !isCurrentResolution(resolution, record, context));

/** Hits that are still in the copy and that no current resolution covers. */
export const unresolvedLexiconHits = (record: FlightPlanRecord, context: ReviewContext): LexiconHit[] =>
  lexiconHitsOf(record, context.facts.description, context.config.lexicon).filter(
    (hit) => !record.lexiconResolutions.some((resolution) => resolution.source === hit.source && resolution.term === hit.term && isCurrentResolution(resolution, record, context)),
  );

/** The sources (description or asset ids) too long to scan whole: the QA gate holds them back. */
export const unscannedSources = (record: FlightPlanRecord, description: string): string[] => [
  ...(isOverScanLimit(description) ? [DESCRIPTION_SOURCE] : []),
  ...record.assets.filter((asset) => isOverScanLimit(asset.copy)).map((asset) => asset.id),
];
