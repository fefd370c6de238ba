import { describe, expect, it } from 'vitest';
import { CRM_PRESETS, crmRowsFromMappedCsv } from '../../src/domain/outcomes/crm-csv';
import { isCurrencyCode, moneyWords, otherCurrencyOf } from '../../src/domain/outcomes/currency';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';

const CATALOGUE = DEFAULT_CONFIG.indicators.map((indicator) => indicator.key);

const SALESFORCE_HEADER = 'Campaign Name,Leads in Campaign,Value Opportunities in Campaign,Actual Cost in Campaign';
const read = (rows: readonly string[], currency: string) =>
  crmRowsFromMappedCsv([SALESFORCE_HEADER, ...rows].join('\n'), CRM_PRESETS.salesforce.mapping, CATALOGUE, '2026-06-09', currency);

describe("a site's currency", () => {
  it('is an ISO 4217 code in use', () => {
    for (const code of ['USD', 'EUR', 'GBP', 'JPY', 'CHF']) expect(isCurrencyCode(code)).toBe(true);
    for (const code of ['usd', 'US', 'DOLLAR', 'XYZ', '']) expect(isCurrencyCode(code)).toBe(false);
  });

  it('tells an amount written in another currency from one in its own, a sign standing for any currency it may mean', () => {
    expect(otherCurrencyOf('¥30,000,000', 'USD')).toBe('¥');
    expect(otherCurrencyOf('EUR 1,000,000', 'USD')).toBe('EUR');
    expect(otherCurrencyOf('$1,200', 'EUR')).toBe('$');
    expect(otherCurrencyOf('$1,200', 'USD')).toBeNull();
    expect(otherCurrencyOf('$1,200', 'CAD')).toBeNull();
    expect(otherCurrencyOf('€1.200,50', 'EUR')).toBeNull();
    expect(otherCurrencyOf('USD 1,200', 'USD')).toBeNull();
    expect(otherCurrencyOf('1,200', 'JPY')).toBeNull();
    // Not an amount at all: said as "not a number", not as another currency.
    expect(otherCurrencyOf('TBD', 'USD')).toBeNull();
  });

  it('shows amounts with its sign, cents only on small ones', () => {
    expect(moneyWords(16_500_000, 'USD')).toBe('$16,500,000');
    expect(moneyWords(51.83, 'EUR')).toBe('€51.83');
    expect(moneyWords(30_000_000, 'JPY')).toBe('¥30,000,000');
    expect(moneyWords(1_000, 'CAD')).toBe('CA$1,000');
  });
});

describe("a CRM report's amounts", () => {
  it('are read in the site currency, written bare, with its sign or its code', () => {
    expect(read(['spring,412,"$300,000",USD 4500'], 'USD')).toMatchObject({
      ok: true,
      value: [{ values: { leads: 412, pipeline: 300_000, spend: 4_500 } }],
    });
    expect(read(['spring,412,"€300,000","4,500"'], 'EUR')).toMatchObject({ ok: true, value: [{ values: { pipeline: 300_000 } }] });
  });

  it('in another currency refuse the report, naming the line, the figure and both currencies, rather than adding yen to dollars', () => {
    expect(read(['spring,412,"$300,000",4500', 'winter,10,"¥30,000,000","¥1,000,000"'], 'USD')).toEqual({
      ok: false,
      error: {
        code: 'CRM_CSV.INVALID',
        message:
          'line 3: pipeline "¥30,000,000" is in ¥, not USD, the currency this site keeps its figures in (set on the admin page): convert the report to USD first, as figures in two currencies cannot be added up',
      },
    });
    expect(read(['spring,412,"EUR 1,000",'], 'USD')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('is in EUR, not USD') },
    });
  });
});
