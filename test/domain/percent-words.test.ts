import { describe, expect, it } from 'vitest';
import { percentWords } from '../../src/domain/percent-words';

describe('percentWords', () => {
  it('rounds a share to the nearest percentage at the precision asked for', () => {
    expect(percentWords(0.42)).toBe('42%');
    expect(percentWords(0.125)).toBe('13%');
    expect(percentWords(0.5, 1)).toBe('50.0%');
    expect(percentWords(2 / 3, 1)).toBe('66.7%');
  });

  it('says 100% and 0% only of a share that is exactly that', () => {
    expect(percentWords(1)).toBe('100%');
    expect(percentWords(0)).toBe('0%');
    expect(percentWords(1, 1)).toBe('100.0%');
    expect(percentWords(0, 1)).toBe('0.0%');
  });

  it('says a share that would round to 100% or 0% as beyond the nearest figure that is not', () => {
    expect(percentWords(199 / 200)).toBe('>99%');
    expect(percentWords(0.994)).toBe('99%');
    expect(percentWords(1_999 / 2_000, 1)).toBe('>99.9%');
    expect(percentWords(0.9994, 1)).toBe('99.9%');
    expect(percentWords(1 / 250)).toBe('<1%');
    expect(percentWords(1 / 200)).toBe('1%');
    expect(percentWords(0.006)).toBe('1%');
    expect(percentWords(1 / 4_000, 1)).toBe('<0.1%');
  });
});
