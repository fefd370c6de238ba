/*
 * JSON's tokens read from bytes, as JSON.parse checks them, and the keys of the export that are read: what the metrics
 * export's two byte readers share (`jira-export-json.ts`, which holds the whole file, and `jira-export-stream.ts`, which
 * reads it through a window).
 */

/**
 * The keys each reader reads, in each kind of object of the export: a key's place in its list is how both readers tell
 * it. Any other key's value is skipped, its syntax checked.
 */
export const EXPORT_KEYS = {
  top: ['issues', 'changelogs', 'schema'],
  issue: ['id', 'key', 'fields', 'changelog', 'properties'],
  fields: ['created', 'duedate', 'status', 'issuelinks'],
  status: ['name'],
  changelog: ['histories'],
  changelogEntry: ['issueId', 'changeHistories'],
  history: ['id', 'created', 'items'],
  item: ['field', 'fieldId', 'fromString', 'toString'],
} as const satisfies Record<string, readonly string[]>;

export const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What `stringEnd` saw in the string it scanned. */
export const scanned = { escaped: false, wide: false };
/** The scans' answers besides an end: the bytes read so far end inside the token, or it is not JSON. */
export const CUT = -1;
export const NOT_JSON = -2;

const isHex = (byte: number): boolean => (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);

/**
 * The index of the closing quote of the string whose content starts at `from`, checked as JSON.parse checks a string;
 * whether it holds escapes or bytes beyond ASCII is left in `scanned`.
 */
export const stringEnd = (bytes: Buffer, from: number, end: number): number => {
  let at = from;
  let escaped = false;
  let wide = false;
  for (;;) {
    const byte = bytes[at] as number;
    if (byte === QUOTE) break;
    if (byte === BACKSLASH) {
      escaped = true;
      if (at + 1 >= end) return CUT;
      const next = bytes[at + 1] as number;
      if (next === 0x75) {
        // \uXXXX
        if (at + 5 >= end) return CUT;
        if (!(
          isHex(bytes[at + 2] as number) &&
          isHex(bytes[at + 3] as number) &&
          isHex(bytes[at + 4] as number) &&
          isHex(bytes[at + 5] as number)
        ))
          return NOT_JSON;
        at += 6;
        continue;
      }
      // \" \\ \/ \b \f \n \r \t
      if (!(
        next === QUOTE ||
        next === BACKSLASH ||
        next === 0x2f ||
        next === 0x62 ||
        next === 0x66 ||
        next === 0x6e ||
        next === 0x72 ||
        next === 0x74
      ))
        return NOT_JSON;
      at += 2;
      continue;
    }
    // A control character, or past the bytes (undefined where no 0 marks their end).
    if (!(byte >= 0x20)) return at >= end ? CUT : NOT_JSON;
    if (byte >= 0x80) wide = true;
    at++;
  }
  scanned.escaped = escaped;
  scanned.wide = wide;
  return at;
};

export const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;

/** The index just past `true`, `false` or `null` (`word`) at `from`, CUT or NOT_JSON. */
export const literalEnd = (bytes: Buffer, from: number, end: number, word: Buffer): number => {
  for (let n = 0; n < word.length; n++) {
    if (from + n >= end) return CUT;
    if (bytes[from + n] !== word[n]) return NOT_JSON;
  }
  return from + word.length;
};
export const TRUE = Buffer.from('true');
export const FALSE = Buffer.from('false');
export const NULL = Buffer.from('null');

/** The index just past the number at `from` (-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?), CUT or NOT_JSON. */
export const numberEnd = (bytes: Buffer, from: number, end: number): number => {
  let at = from;
  if (bytes[at] === 0x2d) at++;
  if (bytes[at] === 0x30) at++;
  else if (isDigit(bytes[at] as number)) while (isDigit(bytes[at] as number)) at++;
  else return at >= end ? CUT : NOT_JSON;
  if (bytes[at] === 0x2e) {
    at++;
    if (!isDigit(bytes[at] as number)) return at >= end ? CUT : NOT_JSON;
    while (isDigit(bytes[at] as number)) at++;
  }
  if (bytes[at] === 0x65 || bytes[at] === 0x45) {
    at++;
    if (bytes[at] === 0x2b || bytes[at] === 0x2d) at++;
    if (!isDigit(bytes[at] as number)) return at >= end ? CUT : NOT_JSON;
    while (isDigit(bytes[at] as number)) at++;
  }
  // A number the window cuts may go on in the next bytes.
  return at >= end ? CUT : at;
};

/** Values up to this many bytes are kept, by a hash of their bytes: status names repeat thousands of times. */
const CACHED_LENGTH = 24;
const CACHE_SLOTS = 1024;

/** Buffer's own Latin-1 slice: what `toString('latin1', start, end)` calls, without its arguments' checks on each call. */
export type Latin1Slicing = Buffer & { latin1Slice(start: number, end: number): string };

/** Strings already read, by a hash of their bytes. */
export type TextCache = (string | undefined)[];
export const textCache = (): TextCache => new Array<string | undefined>(CACHE_SLOTS).fill(undefined);

/** The text of the string between `start` and `stop`, as JSON.parse gives it; one string for each repeated short value. */
export const textOf = (bytes: Buffer, cache: TextCache, start: number, stop: number, escaped: boolean, wide: boolean): string => {
  if (escaped) return JSON.parse(bytes.toString('utf8', start - 1, stop + 1)) as string;
  if (wide) return bytes.toString('utf8', start, stop);
  if (stop - start > CACHED_LENGTH) return (bytes as Latin1Slicing).latin1Slice(start, stop);
  // The place is told by the length and three bytes (cheaper than hashing them all); the whole text is then compared.
  const length = stop - start;
  const hash = length * 961 + (bytes[start] as number) * 31 + (bytes[start + (length >> 1)] as number) * 7 + (bytes[stop - 1] as number);
  const index = hash & (CACHE_SLOTS - 1);
  const cached = cache[index];
  if (cached?.length === length) {
    let same = true;
    for (let n = 0; n < cached.length && same; n++) same = cached.charCodeAt(n) === bytes[start + n];
    if (same) return cached;
  }
  const text = (bytes as Latin1Slicing).latin1Slice(start, stop);
  cache[index] = text;
  return text;
};
