/**
 * The compliance lexicon scan: finds risky claims and regulated terms in copy.
 * Matching is case-insensitive and bounded by anything that is not a letter or digit, so
 * "Guaranteed!" and "(risk free)" match while "secure" does not match "cure".
 */
export interface LexiconEntry {
  /** The term; `*` at the end matches any word ending ("guarantee*"), spaces and hyphens match each other. */
  readonly term: string;
  readonly category: 'claim' | 'regulated';
  /** The hit is not raised when the same copy also contains one of these phrases (e.g. "free" with "terms apply"). */
  readonly unlessCopyContains?: readonly string[];
}

export interface LexiconHit {
  /** Where the copy came from: `description` or an asset id. */
  readonly source: string;
  /** The lexicon term that matched, as configured. */
  readonly term: string;
  readonly category: LexiconEntry['category'];
  /** The text as written in the copy. */
  readonly matched: string;
  readonly index: number;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Letters and digits in any script form words; everything else bounds them. */
const WORD_CHAR = '[\\p{L}\\p{N}]';

const termPattern = (term: string): RegExp => {
  const trimmed = term.trim();
  const prefix = trimmed.endsWith('*');
  const body = (prefix ? trimmed.slice(0, -1) : trimmed)
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join('[\\s\\-]+');
  const endsInLetter = /\p{L}$/u.test(prefix ? trimmed.slice(0, -1) : trimmed);
  // Plain words also match their plural ("cure" → "cures"); a trailing * matches any ending.
  const ending = prefix ? `${WORD_CHAR}*` : endsInLetter ? '(?:e?s)?' : '';
  const startsWithWordChar = /^[\p{L}\p{N}]/u.test(trimmed);
  const endsWithWordChar = prefix || /[\p{L}\p{N}]$/u.test(trimmed);
  const before = startsWithWordChar ? `(?<!${WORD_CHAR})` : '';
  const after = endsWithWordChar ? `(?!${WORD_CHAR})` : '';
  return new RegExp(`${before}${body}${ending}${after}`, 'giu');
};

/**
 * The most characters of one piece of copy the scan reads. Jira keeps a description to 32,767
 * characters, so real copy is scanned whole; past this the rest is not scanned, and the QA gate
 * says so (`unscannedSources`) instead of passing copy it has not read.
 */
export const MAX_SCANNED_CHARS = 100_000;

/** True when the scan reads only the first MAX_SCANNED_CHARS characters of this copy. */
export const isOverScanLimit = (copy: string): boolean => copy.length > MAX_SCANNED_CHARS;

/**
 * Drops every hit that lies inside a longer one ("risk free" also contains "free": the same
 * claim, reported once); hits with the same span are all kept. Sorted by start, longest first,
 * a hit is inside a longer one exactly when an earlier hit (a different span) reaches as far:
 * one sort and one pass, O(h log h).
 */
export const withoutNestedHits = (hits: readonly LexiconHit[]): LexiconHit[] => {
  const end = (hit: LexiconHit): number => hit.index + hit.matched.length;
  const sorted = [...hits].sort((a, b) => a.index - b.index || end(b) - end(a));
  const kept: LexiconHit[] = [];
  let furthestEnd = -1;
  for (let start = 0; start < sorted.length;) {
    const first = sorted[start];
    if (first === undefined) break;
    const sameSpan = (hit: LexiconHit | undefined): boolean => hit !== undefined && hit.index === first.index && end(hit) === end(first);
    let stop = start + 1;
    while (sameSpan(sorted[stop])) stop++;
    if (furthestEnd < end(first)) kept.push(...sorted.slice(start, stop));
    furthestEnd = Math.max(furthestEnd, end(first));
    start = stop;
  }
  return kept;
};

/**
 * Scans one piece of copy against the lexicon (its first MAX_SCANNED_CHARS characters).
 * @example scanCopy('description', 'Results guaranteed!', [{ term: 'guarantee*', category: 'claim' }]) // one hit, matched "guaranteed"
 */
export const scanCopy = (source: string, copy: string, lexicon: readonly LexiconEntry[]): LexiconHit[] => {
  const scanned = copy.slice(0, MAX_SCANNED_CHARS);
  const hits: LexiconHit[] = [];
  const lowerCopy = scanned.toLowerCase();
  for (const entry of lexicon) {
    if (entry.term.trim() === '' || entry.term.trim() === '*') continue;
    if (entry.unlessCopyContains?.some((phrase) => lowerCopy.includes(phrase.toLowerCase()))) continue;
    for (const match of scanned.matchAll(termPattern(entry.term))) {
      hits.push({ source, term: entry.term, category: entry.category, matched: match[0], index: match.index });
    }
  }
  return withoutNestedHits(hits);
};

/** One hit per (source, term): a justification resolves every occurrence of a term in that copy. */
export const distinctHits = (hits: readonly LexiconHit[]): LexiconHit[] => {
  const seen = new Map<string, LexiconHit>();
  for (const hit of hits) {
    const key = `${hit.source}\u0000${hit.term}`;
    if (!seen.has(key)) seen.set(key, hit);
  }
  return [...seen.values()];
};
