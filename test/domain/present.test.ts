import { describe, expect, it } from 'vitest';
import { present } from '../../src/domain/present';

describe('present', () => {
  it('returns a value that is there, falsy ones included', () => {
    expect(present(0)).toBe(0);
    expect(present('')).toBe('');
    expect(present(false)).toBe(false);
    expect(present([3].at(0))).toBe(3);
  });

  it('throws, naming what was expected, when the value is missing', () => {
    const steps: string[] = [];
    expect(() => present(steps.at(0), 'the first step')).toThrow('expected the first step, found none');
    expect(() => present(null)).toThrow('expected a value, found none');
  });
});
