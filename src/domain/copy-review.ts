import type { FlightPlanRecord } from './flight-plan-record';
import { distinctHits, scanCopy, type LexiconEntry, type LexiconHit } from './lexicon-scan';

/** Source name of the issue description in lexicon hits (asset hits use the asset id). */
export const DESCRIPTION_SOURCE = 'description';

/** Every distinct lexicon hit in the description and the assets' copy. */
export const lexiconHitsOf = (record: FlightPlanRecord, description: string, lexicon: readonly LexiconEntry[]): LexiconHit[] =>
  distinctHits([
    ...scanCopy(DESCRIPTION_SOURCE, description, lexicon),
    ...record.assets.flatMap((asset) => scanCopy(asset.id, asset.copy, lexicon)),
  ]);

const isResolved = (record: FlightPlanRecord, hit: LexiconHit): boolean =>
  record.lexiconResolutions.some((resolution) => resolution.source === hit.source && resolution.term === hit.term);

/** Hits that are still in the copy and that no compliance approver has justified. */
export const unresolvedLexiconHits = (
  record: FlightPlanRecord,
  description: string,
  lexicon: readonly LexiconEntry[],
): LexiconHit[] => lexiconHitsOf(record, description, lexicon).filter((hit) => !isResolved(record, hit));
