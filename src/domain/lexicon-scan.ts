/**
 * The compliance lexicon scan: finds risky claims and regulated terms in copy.
 * Matching is case-insensitive and bounded by anything that is not a letter or digit, so
 * "Guaranteed!" and "(risk free)" match while "secure" does not match "cure". It reads the copy as
 * a reader sees it (`asReadersSeeIt`): characters that do not show, look-alike letters of other
 * scripts and full-width forms do not hide a claim.
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

/**
 * Characters that do not show: soft hyphens, zero-width spaces and joiners, word joiners, byte order
 * marks, direction marks (Unicode's Default_Ignorable_Code_Point and format characters), control
 * characters other than tabs and line breaks, and the combining marks left once a letter is
 * decomposed ("é" is read as "e").
 */
const UNSEEN = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{M}\p{Cc}]$/u;
/** The control characters that lay text out, and so part words as a space does. */
const LAYOUT = new Set(['\t', '\n', '\r']);

/** Every dash (hyphens, the non-breaking hyphen, en and em dashes, minus signs) reads as "-". */
const DASH = /^\p{Pd}$|^\u2212$/u;

/**
 * Letters of other scripts, and Latin letters drawn otherwise, that look like plain Latin ones in most
 * fonts, as Latin: those of Unicode's confusables (unicode.org/reports/tr39/) that no compatibility
 * decomposition already reads as Latin. A selection, for the scripts a marketing text is typed in and
 * those kept for look-alikes (small capitals, Lisu, Cherokee), not the whole table.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = Object.fromEntries(
  [
    // Cyrillic
    ['аa', 'еe', 'оo', 'рp', 'сc', 'уy', 'хx', 'ѕs', 'іi', 'ӏl', 'јj', 'ԁd', 'һh', 'ԛq', 'ԝw', 'ѵv', 'үy'],
    ['АA', 'ВB', 'ЕE', 'КK', 'МM', 'НH', 'ОO', 'РP', 'СC', 'ТT', 'ХX', 'УY', 'ЅS', 'ІI', 'ЈJ', 'ԚQ', 'ԜW', 'Ӏl'],
    // Greek
    ['οo', 'ιi', 'νv', 'ϲc', 'ρp', 'υu', 'αa'],
    ['ΑA', 'ΒB', 'ΕE', 'ΖZ', 'ΗH', 'ΙI', 'ΚK', 'ΜM', 'ΝN', 'ΟO', 'ΡP', 'ΤT', 'ΥY', 'ΧX', 'ϹC'],
    // Armenian
    ['սu', 'օo', 'ցg', 'հh', 'ոn', 'ռn', 'զq', 'Օo', 'Սu', 'Ցg'],
    // Latin letters drawn like others, and Latin small capitals
    ['ɡg', 'ɑa', 'ıi', 'ȷj', 'ℓl', 'ʋu', 'ɩi', 'ᴀa', 'ʙb', 'ᴄc', 'ᴅd', 'ᴇe', 'ғf', 'ɢg', 'ʜh', 'ɪi', 'ᴊj', 'ᴋk', 'ʟl'],
    ['ᴍm', 'ɴn', 'ᴏo', 'ᴘp', 'ʀr', 'ꜱs', 'ᴛt', 'ᴜu', 'ᴠv', 'ᴡw', 'ʏy', 'ᴢz'],
    // Lisu
    ['ꓮA', 'ꓐB', 'ꓚC', 'ꓓD', 'ꓰE', 'ꓝF', 'ꓖG', 'ꓧH', 'ꓲI', 'ꓙJ', 'ꓗK', 'ꓡL', 'ꓟM', 'ꓠN', 'ꓳO', 'ꓑP', 'ꓣR', 'ꓢS', 'ꓔT'],
    ['ꓴU', 'ꓦV', 'ꓪW', 'ꓫX', 'ꓬY', 'ꓜZ'],
    // Cherokee
    ['ᎪA', 'ᏴB', 'ᏟC', 'ᎠD', 'ᎬE', 'ᏀG', 'ᎻH', 'ᎫJ', 'ᏦK', 'ᏞL', 'ᎷM', 'ᏢP', 'ᏚS', 'ᎢT', 'ᏙV', 'ᏔW', 'ᏃZ'],
  ]
    .flat()
    .map((pair) => [pair.slice(0, -1), pair.slice(-1)]),
);

/** How a reader sees one character: nothing, a Latin letter, "-", or its compatibility form ("ｆｒｅｅ" → "free", "ﬁ" → "fi"). */
const seenAs = (character: string): string => {
  if (UNSEEN.test(character) && !LAYOUT.has(character)) return '';
  const lookAlike = LOOK_ALIKES[character];
  if (lookAlike !== undefined) return lookAlike;
  if (DASH.test(character)) return '-';
  let seen = '';
  for (const part of character.normalize('NFKD')) seen += UNSEEN.test(part) ? '' : (LOOK_ALIKES[part] ?? part);
  return seen;
};

/** Text as a reader sees it, and for each of its UTF-16 units, where the character it comes from starts and ends in the text as written. */
interface SeenText {
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** Printable ASCII, tabs and line breaks only: read as written. */
const PLAIN = /^[\x20-\x7e\t\n\r]*$/;

/**
 * Copy as a reader sees it: "guar\u00ADanteed" (a soft hyphen), "gu\u0430ranteed" (a Cyrillic а) and
 * "ｇｕａｒａｎｔｅｅｄ" all read "guaranteed", so the scan finds the claim they show.
 */
export const asReadersSeeIt = (copy: string): SeenText => {
  if (PLAIN.test(copy)) {
    const starts = Array.from({ length: copy.length }, (_, index) => index);
    return { text: copy, starts, ends: starts.map((index) => index + 1) };
  }
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const character of copy) {
    const seen = seenAs(character);
    text += seen;
    for (let unit = 0; unit < seen.length; unit++) {
      starts.push(index);
      ends.push(index + character.length);
    }
    index += character.length;
  }
  return { text, starts, ends };
};

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
  const written = copy.slice(0, MAX_SCANNED_CHARS);
  const seen = asReadersSeeIt(written);
  const hits: LexiconHit[] = [];
  for (const entry of lexicon) {
    const term = asReadersSeeIt(entry.term.trim()).text;
    if (term === '' || term === '*') continue;
    if (entry.unlessCopyContains?.some((phrase) => carriesPhrase(seen.text, phrase))) continue;
    for (const match of seen.text.matchAll(termPattern(term))) {
      // The hit as written: from where its first character starts to where its last one ends.
      const start = seen.starts[match.index] as number;
      const end = seen.ends[match.index + match[0].length - 1] as number;
      hits.push({ source, term: entry.term, category: entry.category, matched: written.slice(start, end), index: start });
    }
  }
  return withoutNestedHits(hits);
};

/** Words that, right before an exempting phrase on its line, say the opposite of it: "no terms apply". */
const NEGATION = /(?:^|[^\p{L}\p{N}])(?:no|not|never|without|zero)[ \t-]*$/iu;
/** Characters before an exempting phrase read for a negation: the word and the spaces before it. */
const NEGATION_REACH = 40;

/**
 * True when the copy carries the phrase as words of its own ("terms apply", not "determs applying"),
 * not negated ("no terms apply" carries no terms).
 */
const carriesPhrase = (copy: string, phrase: string): boolean => {
  const words = asReadersSeeIt(phrase.trim())
    .text.split(/[\s-]+/)
    .filter((word) => word !== '');
  if (words.length === 0) return false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('[\\s\\-]+')}(?![\\p{L}\\p{N}])`, 'giu');
  for (const match of copy.matchAll(pattern)) {
    // The words just before it on its line (a negation on the line before says nothing of it), and the character before
    // them, so that the end of a word cut there ("cannot") is not read as a word of its own ("not").
    const lineStart = copy.lastIndexOf('\n', match.index - 1) + 1;
    const from = Math.max(lineStart, match.index - NEGATION_REACH);
    if (!NEGATION.test(copy.slice(from > lineStart ? from - 1 : from, match.index))) return true;
  }
  return false;
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
