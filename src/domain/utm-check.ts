/**
 * The UTM check of the QA gate: every tracked link must be an absolute http(s) URL whose query
 * carries a well-formed utm_source, utm_medium and utm_campaign.
 */
export interface UtmRules {
  /** utm_medium must be one of these (compared lowercase). */
  readonly allowedMediums: readonly string[];
}

type UtmProblemCode =
  | 'UTM.NOT_A_URL'
  | 'UTM.NOT_HTTP'
  | 'UTM.MISSING_PARAMETER'
  | 'UTM.PARAMETER_NAME_CASE'
  | 'UTM.REPEATED_PARAMETER'
  | 'UTM.VALUE_NOT_LOWERCASE'
  | 'UTM.VALUE_HAS_SPACE'
  | 'UTM.CAMPAIGN_MISMATCH'
  | 'UTM.MEDIUM_NOT_ALLOWED'
  | 'UTM.PARAMETERS_IN_FRAGMENT'
  | 'UTM.CONFLICTING_CAMPAIGNS';

interface UtmProblem {
  readonly code: UtmProblemCode;
  readonly url: string;
  readonly message: string;
}

const REQUIRED = ['utm_source', 'utm_medium', 'utm_campaign'] as const;

/**
 * Checks one tracked URL. Values are judged after percent-decoding, so `spring%20sale` is a value
 * with a space; parameters hidden in the `#fragment` are never sent to analytics, so they do not count.
 * @example checkTrackedUrl('https://acme.com/?utm_source=li&utm_medium=social&utm_campaign=q3', 'q3', rules) // []
 */
export const checkTrackedUrl = (url: string, campaignKey: string | undefined, rules: UtmRules): UtmProblem[] => {
  const problem = (code: UtmProblemCode, message: string): UtmProblem => ({ code, url, message });
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return [problem('UTM.NOT_A_URL', `"${url}" is not an absolute URL`)];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return [problem('UTM.NOT_HTTP', `"${url}" uses ${parsed.protocol.replace(':', '')}, not http(s)`)];
  }

  const problems: UtmProblem[] = [];
  const values = new Map<string, string[]>();
  for (const [name, value] of parsed.searchParams) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('utm_')) continue;
    if (name !== lower) problems.push(problem('UTM.PARAMETER_NAME_CASE', `parameter "${name}" must be written "${lower}"`));
    values.set(lower, [...(values.get(lower) ?? []), value]);
  }

  for (const name of REQUIRED) {
    const found = values.get(name);
    if (!found || found.every((value) => value.trim() === '')) {
      const inFragment = parsed.hash.toLowerCase().includes(`${name}=`);
      problems.push(
        inFragment
          ? problem('UTM.PARAMETERS_IN_FRAGMENT', `${name} is after "#", where analytics never sees it`)
          : problem('UTM.MISSING_PARAMETER', `${name} is missing`),
      );
      continue;
    }
    if (new Set(found).size > 1) {
      problems.push(problem('UTM.REPEATED_PARAMETER', `${name} appears ${found.length} times with different values`));
    }
    const value = found[0] ?? '';
    if (/\s/.test(value)) problems.push(problem('UTM.VALUE_HAS_SPACE', `${name} "${value}" contains a space`));
    if (value !== value.toLowerCase()) problems.push(problem('UTM.VALUE_NOT_LOWERCASE', `${name} "${value}" is not lowercase`));
  }

  const campaign = values.get('utm_campaign')?.[0];
  if (campaign !== undefined && campaignKey !== undefined && campaign !== '' && campaign !== campaignKey) {
    problems.push(problem('UTM.CAMPAIGN_MISMATCH', `utm_campaign "${campaign}" is not the campaign key "${campaignKey}"`));
  }
  const medium = values.get('utm_medium')?.[0];
  const allowed = rules.allowedMediums.map((m) => m.toLowerCase());
  if (medium !== undefined && medium.trim() !== '' && !allowed.includes(medium.toLowerCase())) {
    problems.push(problem('UTM.MEDIUM_NOT_ALLOWED', `utm_medium "${medium}" is not one of: ${allowed.join(', ')}`));
  }
  return problems;
};

/** The utm_campaign a URL carries, if it parses. */
const campaignOf = (url: string): string | undefined => {
  try {
    return new URL(url.trim()).searchParams.get('utm_campaign') ?? undefined;
  } catch {
    return undefined;
  }
};

interface TrackedAsset {
  readonly name: string;
  readonly trackedUrls: readonly string[];
}

/** A problem placed on the register: which asset, and which of its links (1 = first; null for the asset as a whole). */
interface AssetUtmProblem extends UtmProblem {
  readonly asset: string;
  readonly link: number | null;
}

export interface UtmReport {
  /** Links with at least one problem. */
  readonly failingLinks: number;
  readonly totalLinks: number;
  readonly problems: readonly AssetUtmProblem[];
}

/** A link as a person recognises it: its host and path, without the query that is being judged. */
export const linkShown = (url: string): string => {
  try {
    const parsed = new URL(url.trim());
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return url.trim().length > 40 ? `${url.trim().slice(0, 39)}…` : url.trim();
  }
};

/**
 * Which link a problem is about, in words: "link 2 of spring-email-v1 (acme.example/webinar)", or the asset alone.
 * @example whichLink({ asset: 'spring-email-v1', link: 1, url: 'https://acme.example/webinar?utm_source=x', … }) // "link 1 of spring-email-v1 (acme.example/webinar)"
 */
export const whichLink = (problem: Pick<AssetUtmProblem, 'asset' | 'link' | 'url'>): string =>
  problem.link === null ? `asset "${problem.asset}"` : `link ${problem.link} of ${problem.asset} (${linkShown(problem.url)})`;

/** Checks every tracked link of every asset, and that no asset mixes two campaigns. */
export const checkAssetUtms = (assets: readonly TrackedAsset[], campaignKey: string | undefined, rules: UtmRules): UtmReport => {
  const problems: AssetUtmProblem[] = [];
  const failing = new Set<string>();
  let total = 0;
  for (const asset of assets) {
    const campaigns = new Set<string>();
    for (const [index, url] of asset.trackedUrls.entries()) {
      total++;
      const found = checkTrackedUrl(url, campaignKey, rules);
      if (found.length > 0) failing.add(`${asset.name}\u0000${url}`);
      problems.push(...found.map((problem) => ({ ...problem, asset: asset.name, link: index + 1 })));
      const campaign = campaignOf(url);
      if (campaign) campaigns.add(campaign);
    }
    if (campaigns.size > 1) {
      problems.push({
        code: 'UTM.CONFLICTING_CAMPAIGNS',
        url: asset.trackedUrls.join(' '),
        asset: asset.name,
        link: null,
        message: `asset "${asset.name}" carries ${campaigns.size} campaigns: ${[...campaigns].join(', ')}`,
      });
      for (const url of asset.trackedUrls) failing.add(`${asset.name}\u0000${url}`);
    }
  }
  return { failingLinks: failing.size, totalLinks: total, problems };
};
