import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import fc from 'fast-check';
import { distinctHits, MAX_SCANNED_CHARS, scanCopy, withoutNestedHits, type LexiconHit } from '../../src/domain/lexicon-scan';
import { evaluateGate } from '../../src/domain/gates/evaluate-gate';
import { completeFacts, completeRecord, config, NOW } from '../fakes/fixtures';

const matched = (copy: string) => scanCopy('description', copy, DEFAULT_CONFIG.lexicon).map((hit) => hit.matched);

describe('scanCopy', () => {
  it('matches case-insensitively with punctuation around the claim', () => {
    expect(matched('Results GUARANTEED!')).toEqual(['GUARANTEED']);
    expect(matched('"Best in class," say analysts.')).toEqual(['Best in class']);
  });

  it('matches word forms: plurals and a trailing * stem', () => {
    expect(matched('It cures boredom and guarantees results.')).toEqual(['cures', 'guarantees']);
  });

  it('respects word boundaries', () => {
    expect(matched('A secure, procured platform with freedom of choice.')).toEqual([]);
  });

  it('matches terms made of symbols', () => {
    expect(matched('Rated #1 by customers, 100% uptime.')).toEqual(['#1', '100%']);
    expect(matched('Issue #12 is fixed')).toEqual([]);
  });

  it('treats spaces and hyphens in a term alike', () => {
    expect(matched('Try it risk free today')).toEqual(['risk free']);
    expect(matched('A risk-free trial')).toEqual(['risk-free']);
  });

  it('does not flag "free" when the copy carries terms', () => {
    expect(matched('Free shipping on orders over $50.')).toEqual(['Free']);
    expect(matched('Free shipping on orders over $50. Terms apply.')).toEqual([]);
  });

  it('finds regulated phrases', () => {
    expect(matched('Clinically proven with no side effects.')).toEqual(['Clinically proven', 'no side effects']);
  });

  it('reads copy as a reader sees it: unseen characters, look-alike letters and full-width forms hide no claim', () => {
    // A soft hyphen, a zero-width space, a word joiner and a direction mark inside the words.
    expect(matched('Results guar\u00ADanteed, ri\u200Bsk-fr\u2060ee, #\u200E1')).toEqual([
      'guar\u00ADanteed',
      'ri\u200Bsk-fr\u2060ee',
      '#\u200E1',
    ]);
    // Cyrillic а and е, Greek ο, and full-width letters, digits and signs.
    expect(matched('gu\u0430ranteed, Risk-fr\u0435e, Clinically pr\u03BFven')).toEqual([
      'gu\u0430ranteed',
      'Risk-fr\u0435e',
      'Clinically pr\u03BFven',
    ]);
    expect(matched('ｇｕａｒａｎｔｅｅｄ ＃１ 100％')).toEqual(['ｇｕａｒａｎｔｅｅｄ', '＃１', '100％']);
    // A non-breaking hyphen and an en dash join words as a hyphen does; a letter with a combining accent is the letter.
    expect(matched('risk\u2011free, risk\u2013free, guarante\u0301ed')).toEqual(['risk\u2011free', 'risk\u2013free', 'guarante\u0301ed']);
  });

  it('gives each hit where it is written, whatever came before it', () => {
    const copy = '\u00AD\u200Bｆｒｅｅ 😀 gu\u0430ranteed';
    for (const hit of scanCopy('description', copy, DEFAULT_CONFIG.lexicon))
      expect(copy.slice(hit.index, hit.index + hit.matched.length)).toBe(hit.matched);
    expect(matched(copy)).toEqual(['ｆｒｅｅ', 'gu\u0430ranteed']);
  });

  it('reads control characters as unseen, and more look-alikes: Latin ɑ, Armenian, small capitals, Lisu', () => {
    expect(matched('guar\u007Fanteed, guar\u0085anteed, guar\u0000anteed')).toHaveLength(3);
    expect(matched('gu\u0251ranteed g\u057Daranteed')).toHaveLength(2);
    expect(matched('\u0262\u1D1C\u1D00\u0280\u1D00\u0274\u1D1B\u1D07\u1D07\u1D05')).toHaveLength(1);
    expect(matched('\uA4D6\uA4F4\uA4EE\uA4E3\uA4EE\uA4E0\uA4D4\uA4F0\uA4F0\uA4D3')).toHaveLength(1);
    // Tabs and line breaks still part words.
    expect(matched('guar\tanteed guar\nanteed')).toEqual([]);
  });

  it("reads a negation on the exempting phrase's own line only, and not inside a word cut short", () => {
    expect(matched('Free delivery. Setup fee: zero\nTerms apply')).toEqual([]);
    expect(matched(`Free. We cannot${' '.repeat(30)}terms apply`)).toEqual([]);
    expect(matched(`Free. We${' '.repeat(45)}not terms apply`)).toEqual(['Free']);
  });

  it('takes an exempting phrase only as words of its own, and not when the copy denies it', () => {
    expect(matched('Totally free forever, no terms apply.')).toEqual(['free']);
    expect(matched('Free, without conditions apply.')).toEqual(['Free']);
    expect(matched('Free for the determs applying.')).toEqual(['Free']);
    expect(matched('Free trial. Terms\u00A0apply.')).toEqual([]);
    expect(matched('Free trial. Ｔｅｒｍｓ ａｐｐｌｙ.')).toEqual([]);
  });

  it('matches a term written with accents or look-alikes to copy written either way', () => {
    const lexicon = [{ term: 'Garantía', category: 'claim' as const }];
    expect(scanCopy('description', 'Con garantia total y GARANTÍA', lexicon).map((hit) => hit.matched)).toEqual(['garantia', 'GARANTÍA']);
  });

  it('keeps one hit per source and term', () => {
    const hits = scanCopy('asset-1', 'Guaranteed. Guaranteed!', DEFAULT_CONFIG.lexicon);
    expect(hits).toHaveLength(2);
    expect(distinctHits(hits)).toHaveLength(1);
  });
});

describe('the scan of long copy', () => {
  it('reads only the first MAX_SCANNED_CHARS characters, however long the copy', () => {
    const filler = 'plain words here. '.repeat(Math.ceil(MAX_SCANNED_CHARS / 18));
    const copy = `Guaranteed! ${filler}Risk free and guaranteed, ${'free '.repeat(20_000)}`;
    expect(copy.length).toBeGreaterThan(MAX_SCANNED_CHARS + 100_000);
    const hits = scanCopy('description', copy, DEFAULT_CONFIG.lexicon);
    expect(hits.map((hit) => hit.matched)).toEqual(['Guaranteed']);
    expect(Math.max(...hits.map((hit) => hit.index + hit.matched.length))).toBeLessThanOrEqual(MAX_SCANNED_CHARS);
  });

  it('holds the QA gate back, saying the rest was not scanned, rather than passing unread copy', () => {
    const facts = {
      ...completeFacts(),
      description: `${completeFacts().description} ${'x '.repeat(MAX_SCANNED_CHARS)}Results guaranteed!`,
    };
    const evaluation = evaluateGate('qa', completeRecord('regulated'), facts, config(), NOW);
    expect(evaluation.items.find((item) => item.code === 'qa.lexicon-clear')).toMatchObject({
      missing: 'the description is longer than 100,000 characters: the lexicon scan read only the first 100,000; shorten the copy',
    });
  });
});

describe('withoutNestedHits', () => {
  const hit = (index: number, length: number, term = `t${length}`): LexiconHit => ({
    source: 's',
    term,
    category: 'claim',
    matched: 'x'.repeat(length),
    index,
  });

  it('keeps the outermost hits, and every hit of a shared span', () => {
    const hits = [hit(5, 4), hit(0, 9), hit(2, 3), hit(20, 2, 'a'), hit(20, 2, 'b'), hit(30, 5), hit(32, 5)];
    expect(withoutNestedHits(hits).map((h) => [h.index, h.matched.length, h.term])).toEqual([
      [0, 9, 't9'],
      [20, 2, 'a'],
      [20, 2, 'b'],
      [30, 5, 't5'],
      [32, 5, 't5'],
    ]);
  });

  it('drops exactly the hits inside a longer one (the definition, checked on random hits)', () => {
    const inside = (inner: LexiconHit, outer: LexiconHit): boolean =>
      inner !== outer &&
      inner.index >= outer.index &&
      inner.index + inner.matched.length <= outer.index + outer.matched.length &&
      inner.matched.length < outer.matched.length;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 12 })), { maxLength: 40 }), (spans) => {
        const hits = spans.map(([index, length], i) => hit(index, length, `t${i}`));
        const expected = hits
          .filter((h) => !hits.some((other) => inside(h, other)))
          .sort((a, b) => a.index - b.index || b.matched.length - a.matched.length);
        const actual = withoutNestedHits(hits);
        expect(new Set(actual)).toEqual(new Set(expected));
        expect(actual.map((h) => h.index)).toEqual(expected.map((h) => h.index));
      }),
    );
  });
});
