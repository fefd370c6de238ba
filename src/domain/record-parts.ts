import type { FlightPlanRecord } from './flight-plan-record';

/** A part of a Flight Plan a person knows by name, and what it takes in storage. */
export interface RecordPart {
  readonly words: string;
  readonly bytes: number;
}

/**
 * The parts of a record, largest first, each measured by `sizeOf` (its stored size): what a refusal names when the
 * record would outgrow its storage key, so the person is pointed at what actually grew, not told to guess.
 */
export const largestParts = (record: FlightPlanRecord, sizeOf: (value: unknown) => number): RecordPart[] => {
  const { observations, ...launch } = record.launch;
  const parts: readonly (readonly [string, unknown])[] = [
    ...record.assets.map((asset) => [`the asset "${asset.name}"`, asset] as const),
    ['the retired assets', record.retiredAssets ?? []],
    ['the launch observations', observations],
    ['the launch plan', launch],
    ['the lexicon approvals and their justifications', record.lexiconResolutions],
    ['the QA checks and their notes', record.checks],
    ['the plan', record.plan],
    ['the approvals', record.approvals],
    ['the retrospective', record.retrospective],
    ['the triage decision', record.triage ?? null],
  ];
  return parts.map(([words, value]) => ({ words, bytes: sizeOf(value) })).sort((a, b) => b.bytes - a.bytes);
};
