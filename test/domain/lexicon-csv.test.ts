import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { lexiconFromCsv, lexiconToCsv } from '../../src/domain/lexicon-csv';

describe('lexicon CSV', () => {
  it('round-trips the default lexicon', () => {
    expect(lexiconFromCsv(lexiconToCsv(DEFAULT_CONFIG.lexicon))).toEqual({ ok: true, value: DEFAULT_CONFIG.lexicon });
  });

  it('quotes what needs quoting and reads it back', () => {
    const lexicon = [
      { term: 'best, by far', category: 'claim' as const },
      { term: 'say "cure"', category: 'regulated' as const, unlessCopyContains: ['terms apply', 'see T&Cs'] },
    ];
    const csv = lexiconToCsv(lexicon);
    expect(csv).toBe('term,category,unless\n"best, by far",claim,\n"say ""cure""",regulated,terms apply;see T&Cs\n');
    expect(lexiconFromCsv(csv)).toEqual({ ok: true, value: lexicon });
  });

  it('reads Windows line ends and skips blank lines', () => {
    expect(lexiconFromCsv('term,category,unless\r\nfree,claim,terms apply\r\n\r\n')).toEqual({
      ok: true,
      value: [{ term: 'free', category: 'claim', unlessCopyContains: ['terms apply'] }],
    });
  });

  it('names the line and the problem', () => {
    expect(lexiconFromCsv('term,category,unless\nfree,promise')).toEqual({
      ok: false,
      error: { message: 'line 2: the category must be "claim" or "regulated", not "promise"' },
    });
    expect(lexiconFromCsv('"open,claim')).toEqual({ ok: false, error: { message: 'line 1: a quoted field is not closed' } });
    expect(lexiconFromCsv('a,b,c,d')).toEqual({
      ok: false,
      error: { message: 'line 1: expected term,category[,unless] but found 4 fields' },
    });
    expect(lexiconFromCsv(',claim')).toEqual({ ok: false, error: { message: 'line 1: the term is empty' } });
  });
});
