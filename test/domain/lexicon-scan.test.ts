import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { distinctHits, scanCopy } from '../../src/domain/lexicon-scan';

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

  it('keeps one hit per source and term', () => {
    const hits = scanCopy('asset-1', 'Guaranteed. Guaranteed!', DEFAULT_CONFIG.lexicon);
    expect(hits).toHaveLength(2);
    expect(distinctHits(hits)).toHaveLength(1);
  });
});
