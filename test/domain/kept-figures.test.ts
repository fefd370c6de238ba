import { describe, expect, it } from 'vitest';
import { dateInWords } from '../../src/domain/calendar-words';
import { campaignSnapshots, figureEnteredWords, figureKept, replaceQuestion } from '../../src/domain/outcomes/kept-figures';

const crm = (date: string, values: Record<string, number>) => ({ date, values, manual: false });
const byHand = (date: string, values: Record<string, number>) => ({ date, values, manual: true });

describe("a campaign's kept figures", () => {
  it('make one snapshot per day, a figure entered by hand counting over the CRM’s whichever was kept first', () => {
    const entries = [byHand('2026-05-25', { mqls: 130 }), crm('2026-05-25', { mqls: 40, leads: 300 }), crm('2026-05-20', { leads: 200 })];
    expect(campaignSnapshots('spring', entries)).toEqual([
      { campaign: 'spring', date: '2026-05-25', values: { mqls: 130, leads: 300 } },
      { campaign: 'spring', date: '2026-05-20', values: { leads: 200 } },
    ]);
  });

  it('let the later of two figures entered by hand count', () => {
    const entries = [byHand('2026-05-25', { mqls: 130 }), byHand('2026-05-25', { mqls: 125 })];
    expect(campaignSnapshots('spring', entries)).toEqual([{ campaign: 'spring', date: '2026-05-25', values: { mqls: 125 } }]);
    expect(figureKept(entries, '2026-05-25', 'mqls')).toEqual({ entry: entries[1], value: 125 });
  });

  it('say which entry gives the figure that counts for a day and indicator, and none for another day or indicator', () => {
    const entries = [crm('2026-05-25', { mqls: 40, leads: 300 }), byHand('2026-05-25', { mqls: 130 })];
    expect(figureKept(entries, '2026-05-25', 'leads')).toEqual({ entry: entries[0], value: 300 });
    expect(figureKept(entries, '2026-05-25', 'mqls')).toEqual({ entry: entries[1], value: 130 });
    expect(figureKept(entries, '2026-05-24', 'mqls')).toBeNull();
    expect(figureKept(entries, '2026-05-25', 'spend')).toBeNull();
  });
});

describe('the words for a figure entered by hand', () => {
  const figure = { key: 'mqls', label: 'MQLs', value: 1_300, date: '2026-05-05', source: 'Salesforce dashboard' };

  it('give the day as people read it', () => {
    expect(dateInWords('2026-05-05')).toBe('5 May 2026');
    expect(dateInWords('2027-12-31')).toBe('31 December 2027');
  });

  it('name the figure replaced, where it came from and who gave it', () => {
    expect(figureEnteredWords(figure, null)).toBe('figure entered by hand: 1,300 MQLs as of 5 May 2026 (from "Salesforce dashboard")');
    expect(figureEnteredWords(figure, { value: 900, source: 'Web trigger', manual: false, byName: null })).toBe(
      'figure entered by hand: 1,300 MQLs as of 5 May 2026 (from "Salesforce dashboard"), replacing 900 from "Web trigger"',
    );
    expect(replaceQuestion(figure, { value: 1_250, source: 'Webinar tool', manual: true, byName: 'Riley Chen' })).toBe(
      'The MQLs figure for 5 May 2026 is already 1,250 that Riley Chen entered by hand (from "Webinar tool"). Replace it with 1,300?',
    );
  });

  // They used to write every figure as a count: a conversion rate of 8% read "8".
  it('write a conversion rate as a percentage, as the rest of the app does', () => {
    const rate = { key: 'conversionRate', label: 'conversion rate', value: 8.5, date: '2026-05-05', source: 'Analytics' };
    expect(replaceQuestion(rate, { value: 8, source: 'Import: crm.csv', manual: false, byName: null })).toBe(
      'The conversion rate figure for 5 May 2026 is already 8% from "Import: crm.csv". Replace it with 8.5%?',
    );
    expect(figureEnteredWords(rate, null)).toBe('figure entered by hand: 8.5% conversion rate as of 5 May 2026 (from "Analytics")');
  });
});
