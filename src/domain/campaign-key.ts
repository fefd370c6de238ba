/**
 * The campaign key: the `utm_campaign` every tracked link carries and the `{campaign}` of every asset name. The UTM
 * check wants it lowercase without spaces, the naming pattern wants hyphens: so a key is a slug ("q1-webinar"), checked
 * where it is typed, with the slug offered for anything else ("Q1 Webinar").
 */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The slug people most likely meant: lowercase, accents dropped, anything but letters and digits as one hyphen.
 * @example campaignSlug('Q1 Webinar') // "q1-webinar"
 */
export const campaignSlug = (typed: string): string =>
  typed
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Why a campaign key cannot be used, in words, offering the slug; null when it is one. */
export const campaignKeyProblem = (key: string): string | null => {
  if (SLUG.test(key)) return null;
  const slug = campaignSlug(key);
  const suggestion = slug === '' ? '' : `: use "${slug}"`;
  return `the campaign key "${key}" can hold only lowercase letters, digits and single hyphens, as every tracked link's utm_campaign and every asset name must carry it${suggestion}`;
};

/** The campaign a key names: none for a blank one, and white space around it is no part of it. */
export const campaignNamed = (key: string | undefined): string | null => key?.trim() || null;
