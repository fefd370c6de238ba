import { versionGoesBack, type StepBack } from './flight-plan-record';
/**
 * The naming convention of the build gate: names follow a configured pattern (default
 * `{campaign}-{channel}-{asset}-v{n}`), never use "final"-style words, and versions never go back.
 */
export interface NamingRules {
  readonly pattern: string;
  /** Words and phrases that signal version chaos: final, latest, copy of, use this… */
  readonly blacklist: readonly string[];
}

type NamingProblemCode = 'NAMING.PATTERN' | 'NAMING.BLACKLISTED_WORD' | 'NAMING.DUPLICATE_NAME' | 'NAMING.VERSION_NOT_INCREASING';

interface NamingProblem {
  readonly code: NamingProblemCode;
  readonly name: string;
  readonly message: string;
}

type Placeholder = 'campaign' | 'channel' | 'asset' | 'n';
type PatternPart = { readonly placeholder: Placeholder } | { readonly literal: string };

const PLACEHOLDER = /\{(campaign|channel|asset|n)\}/g;

/** `{campaign}-{channel}-…` as its parts, in order. */
const partsOf = (pattern: string): PatternPart[] => {
  const parts: PatternPart[] = [];
  let at = 0;
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    if (match.index > at) parts.push({ literal: pattern.slice(at, match.index) });
    parts.push({ placeholder: match[1] as Placeholder });
    at = match.index + match[0].length;
  }
  if (at < pattern.length) parts.push({ literal: pattern.slice(at) });
  return parts;
};

/** What a placeholder's value is made of: lowercase letters and digits (`{n}`: digits). */
const isSlugChar = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * Why a naming pattern cannot be used, or null. Two placeholders need a separator between them
 * that no value contains ("-", "_", "."): in `{asset}{n}` or `{asset}v{n}` nobody can tell where
 * the asset ends, and checking a name would mean trying every split.
 */
export const namingPatternProblem = (pattern: string): string | null => {
  const parts = partsOf(pattern);
  for (const [i, part] of parts.entries()) {
    const before = parts[i - 1];
    if (before === undefined || !('placeholder' in before)) continue;
    if ('placeholder' in part) return `{${before.placeholder}} and {${part.placeholder}} need a separator such as "-" between them`;
    if (isSlugChar(part.literal.charCodeAt(0))) {
      return `after {${before.placeholder}} put a separator such as "-" before "${part.literal}", or nobody can tell where {${before.placeholder}} ends`;
    }
  }
  return null;
};

/** An optional file extension keeps "…-v3.png" valid. */
const isExtension = (rest: string): boolean => rest === '' || /^\.[a-z0-9]{1,5}$/.test(rest);

/**
 * Matches a name against the pattern in one pass, without backtracking: each placeholder takes
 * the longest run of its characters, which is the only possible split once placeholders are
 * separated (`namingPatternProblem`). Returns the version, or null when the name does not match.
 * `{campaign}` is the campaign key itself when the request has one.
 */
const matchName = (name: string, pattern: string, campaignKey: string | undefined): { version: number | null } | null => {
  let at = 0;
  let version: number | null = null;
  for (const part of partsOf(pattern)) {
    const literal = 'literal' in part ? part.literal : part.placeholder === 'campaign' && campaignKey ? campaignKey.toLowerCase() : null;
    if (literal !== null || 'literal' in part) {
      if (literal === null || !name.startsWith(literal, at)) return null;
      at += literal.length;
      continue;
    }
    const accepts = part.placeholder === 'n' ? isDigit : isSlugChar;
    const from = at;
    while (at < name.length && accepts(name.charCodeAt(at))) at++;
    if (at === from) return null;
    if (part.placeholder === 'n') version = Number(name.slice(from, at));
  }
  return isExtension(name.slice(at)) ? { version } : null;
};

/** True when the name follows the pattern. */
export const followsPattern = (name: string, pattern: string, campaignKey: string | undefined): boolean =>
  matchName(name, pattern, campaignKey) !== null;

/** The version number a conforming name carries, or null. */
export const versionOf = (name: string, pattern: string, campaignKey: string | undefined): number | null =>
  matchName(name, pattern, campaignKey)?.version ?? null;

/** Splits a name into lowercase words on any separator, so "FINAL-final", "final_v7" and "Copy of x" are caught. */
export const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');

/** The blacklisted words or phrases a name contains. */
export const blacklistedWordsIn = (name: string, blacklist: readonly string[]): string[] => {
  const words = wordsOf(name);
  // "final_v7" splits into ["final", "v7"]: the v-number is its own word, so "final" is found.
  return blacklist.filter((entry) => {
    const phrase = wordsOf(entry);
    if (phrase.length === 0) return false;
    return words.some((_, start) => phrase.every((word, offset) => words[start + offset] === word));
  });
};

/**
 * Checks one asset name against the pattern and the blacklist.
 * @example checkAssetName('spring26-email-hero-v2', 'spring26', rules) // []
 */
export const checkAssetName = (name: string, campaignKey: string | undefined, rules: NamingRules): NamingProblem[] => {
  const problems: NamingProblem[] = [];
  if (!followsPattern(name, rules.pattern, campaignKey)) {
    const expected = campaignKey ? rules.pattern.replace('{campaign}', campaignKey.toLowerCase()) : rules.pattern;
    problems.push({ code: 'NAMING.PATTERN', name, message: `"${name}" does not follow ${expected} (lowercase, hyphens)` });
  }
  for (const word of blacklistedWordsIn(name, rules.blacklist)) {
    problems.push({ code: 'NAMING.BLACKLISTED_WORD', name, message: `"${name}" uses "${word}": name the version instead` });
  }
  return problems;
};

interface NamedAsset {
  readonly name: string;
  /** Earlier names of this asset, oldest first. */
  readonly previousNames: readonly string[];
  /** A step back among names no longer in `previousNames` (see `boundedNames`). */
  readonly stepBack?: StepBack;
}

/**
 * Register-wide checks: no two assets share a name, and no rename lowers the version. A rename that keeps the version
 * is a rename (a typo fixed: "…-linkdin-v1" to "…-linkedin-v1"), not a new version.
 */
export const checkAssetRegisterVersions = (
  assets: readonly NamedAsset[],
  pattern: string,
  campaignKey: string | undefined,
): NamingProblem[] => {
  const problems: NamingProblem[] = [];
  const seen = new Map<string, number>();
  for (const asset of assets) seen.set(asset.name.toLowerCase(), (seen.get(asset.name.toLowerCase()) ?? 0) + 1);
  for (const [name, count] of seen) {
    if (count > 1) problems.push({ code: 'NAMING.DUPLICATE_NAME', name, message: `${count} assets are named "${name}"` });
  }
  for (const asset of assets) {
    const names = [...asset.previousNames, asset.name];
    // The step back kept from names no longer listed comes first: it is the oldest, and renaming again cannot clear it.
    const renames = [...(asset.stepBack ? [asset.stepBack] : []), ...names.slice(1).map((to, i) => ({ from: names[i] as string, to }))];
    for (const { from, to } of renames) {
      const before = versionOf(from, pattern, campaignKey);
      const after = versionOf(to, pattern, campaignKey);
      if (versionGoesBack(before, after)) {
        problems.push({
          code: 'NAMING.VERSION_NOT_INCREASING',
          name: asset.name,
          message: `"${asset.name}" went from v${before} back to v${after}: a version never goes back`,
        });
        break;
      }
    }
  }
  return problems;
};
