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
 * Scans one piece of copy against the lexicon.
 * @example scanCopy('description', 'Results guaranteed!', [{ term: 'guarantee*', category: 'claim' }]) // one hit, matched "guaranteed"
 */
export const scanCopy = (source: string, copy: string, lexicon: readonly LexiconEntry[]): LexiconHit[] => {
  const hits: LexiconHit[] = [];
  const lowerCopy = copy.toLowerCase();
  for (const entry of lexicon) {
    if (entry.term.trim() === '' || entry.term.trim() === '*') continue;
    if (entry.unlessCopyContains?.some((phrase) => lowerCopy.includes(phrase.toLowerCase()))) continue;
    for (const match of copy.matchAll(termPattern(entry.term))) {
      hits.push({ source, term: entry.term, category: entry.category, matched: match[0], index: match.index });
    }
  }
  // "risk free" also contains "free": a hit inside a longer hit is the same claim, reported once.
  const inside = (inner: LexiconHit, outer: LexiconHit): boolean =>
    inner !== outer &&
    inner.index >= outer.index &&
    inner.index + inner.matched.length <= outer.index + outer.matched.length &&
    inner.matched.length < outer.matched.length;
  return hits.filter((hit) => !hits.some((other) => inside(hit, other))).sort((a, b) => a.index - b.index);
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
