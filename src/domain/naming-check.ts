/**
 * The naming convention of the build gate: names follow a configured pattern (default
 * `{campaign}-{channel}-{asset}-v{n}`), never use "final"-style words, and versions only go up.
 */
export interface NamingRules {
  readonly pattern: string;
  /** Words and phrases that signal version chaos: final, latest, copy of, use this… */
  readonly blacklist: readonly string[];
}

export type NamingProblemCode =
  | 'NAMING.PATTERN'
  | 'NAMING.BLACKLISTED_WORD'
  | 'NAMING.DUPLICATE_NAME'
  | 'NAMING.VERSION_NOT_INCREASING';

export interface NamingProblem {
  readonly code: NamingProblemCode;
  readonly name: string;
  readonly message: string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SLUG = '[a-z0-9]+';

/** Turns the pattern into a RegExp; `{campaign}` is the campaign key itself when the request has one. */
export const namingRegExp = (pattern: string, campaignKey: string | undefined): RegExp => {
  let source = '';
  let rest = pattern;
  while (rest.length > 0) {
    const token = /^\{(campaign|channel|asset|n)\}/.exec(rest);
    if (token) {
      const name = token[1];
      source +=
        name === 'n' ? '(?<version>\\d+)' : name === 'campaign' && campaignKey ? escapeRegExp(campaignKey.toLowerCase()) : SLUG;
      rest = rest.slice(token[0].length);
    } else {
      source += escapeRegExp(rest[0] ?? '');
      rest = rest.slice(1);
    }
  }
  // An optional file extension keeps "…-v3.png" valid.
  return new RegExp(`^${source}(?:\\.[a-z0-9]{1,5})?$`);
};

/** The version number a conforming name carries, or null. */
export const versionOf = (name: string, pattern: string, campaignKey: string | undefined): number | null => {
  const version = namingRegExp(pattern, campaignKey).exec(name)?.groups?.['version'];
  return version === undefined ? null : Number(version);
};

/** Splits a name into lowercase words on any separator, so "FINAL-final", "final_v7" and "Copy of x" are caught. */
const wordsOf = (text: string): string[] =>
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
  if (!namingRegExp(rules.pattern, campaignKey).test(name)) {
    const expected = campaignKey ? rules.pattern.replace('{campaign}', campaignKey.toLowerCase()) : rules.pattern;
    problems.push({ code: 'NAMING.PATTERN', name, message: `"${name}" does not follow ${expected} (lowercase, hyphens)` });
  }
  for (const word of blacklistedWordsIn(name, rules.blacklist)) {
    problems.push({ code: 'NAMING.BLACKLISTED_WORD', name, message: `"${name}" uses "${word}": name the version instead` });
  }
  return problems;
};

export interface NamedAsset {
  readonly name: string;
  /** Earlier names of this asset, oldest first. */
  readonly previousNames: readonly string[];
}

/** Register-wide checks: no two assets share a name, and each rename raises the version. */
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
    const versions = [...asset.previousNames, asset.name].map((name) => versionOf(name, pattern, campaignKey));
    for (let i = 1; i < versions.length; i++) {
      const before = versions[i - 1];
      const after = versions[i];
      if (before != null && after != null && after <= before) {
        problems.push({
          code: 'NAMING.VERSION_NOT_INCREASING',
          name: asset.name,
          message: `"${asset.name}" went from v${before} to v${after}: versions only go up`,
        });
        break;
      }
    }
  }
  return problems;
};
