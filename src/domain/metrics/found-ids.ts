/**
 * The issue ids a search found, written compactly to keep between two queue events. Jira's issue ids are decimal
 * numbers in strings (the OpenAPI spec says only "string"): those are sorted and each written as its difference from
 * the one before, in base 36, so 20,000 ids (the most a JQL gadget reports on) take about 5 bytes each, under 12 however
 * far apart, where a JSON list of the ids takes their length and three more. Any id of another form is kept as it is.
 */
interface PackedIds {
  /** The decimal ids: base-36 differences, comma separated, the first from 0. */
  readonly steps: string;
  /** Ids that are not decimal numbers within 2^53, as found. */
  readonly other: readonly string[];
}

/** A decimal id without leading zeros that a JavaScript number holds exactly: it reads back as the same text. */
const DECIMAL_ID = /^(0|[1-9]\d{0,14})$/;

export const packIds = (ids: Iterable<string>): PackedIds => {
  const decimal: number[] = [];
  const other: string[] = [];
  for (const id of new Set(ids)) {
    if (DECIMAL_ID.test(id)) decimal.push(Number(id));
    else other.push(id);
  }
  decimal.sort((a, b) => a - b);
  const steps = decimal.map((id, index) => (id - (index === 0 ? 0 : (decimal[index - 1] as number))).toString(36));
  return { steps: steps.join(','), other: other.sort() };
};

/** The ids packed, or null when the text is not what `packIds` writes (a value damaged in storage). */
export const unpackIds = ({ steps, other }: PackedIds): Set<string> | null => {
  const ids = new Set<string>(other);
  if (steps === '') return ids;
  let id = 0;
  for (const step of steps.split(',')) {
    if (!/^[0-9a-z]+$/.test(step)) return null;
    id += parseInt(step, 36);
    if (!Number.isSafeInteger(id)) return null;
    ids.add(String(id));
  }
  return ids;
};
