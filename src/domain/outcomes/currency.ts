/**
 * The currency of a site's money figures. Figures of two currencies cannot be added up, so a site keeps every money
 * figure (pipeline, revenue, spend) in one, which its admin names (`AppConfig.currency`), and a report that writes an
 * amount in another is refused rather than added as if it were the same.
 */

/** ISO 4217's codes the runtime knows (every current one in Node.js and the browsers the app supports). */
const KNOWN_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** True for a three-letter ISO 4217 code in use: "USD", "EUR", "JPY". */
export const isCurrencyCode = (code: string): boolean => /^[A-Z]{3}$/.test(code) && KNOWN_CODES.has(code);

/** The currencies a sign written before an amount may stand for: "$" is the dollar of many countries. */
const SIGN_CURRENCIES: Readonly<Record<string, readonly string[]>> = {
  $: ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'TWD'],
  '€': ['EUR'],
  '£': ['GBP'],
  '¥': ['JPY', 'CNY'],
  '₹': ['INR'],
  '₩': ['KRW'],
};

/** What a CRM writes before an amount: a currency's sign, or its code and perhaps a space (`USD 1,200`). */
export const CURRENCY_PREFIX = /^(?:[$€£¥₹₩]|[A-Z]{3}\s?)(?=\d)/;

/**
 * The currency an amount's prefix names when it is not `currency`: "¥" or "EUR" in a site that keeps USD; null when
 * the amount has no prefix or its prefix may stand for `currency` ("$" for CAD).
 */
export const otherCurrencyOf = (amount: string, currency: string): string | null => {
  const prefix = CURRENCY_PREFIX.exec(amount)?.[0].trim();
  if (prefix === undefined) return null;
  const meant = SIGN_CURRENCIES[prefix] ?? [prefix];
  return meant.includes(currency) ? null : prefix;
};

/** An amount in the site's currency as people read it: "$16,500,000", "€1,250.50", "¥30,000,000". */
export const moneyWords = (value: number, currency: string): string =>
  value.toLocaleString('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: Math.abs(value) < 100 ? 2 : 0,
  });
