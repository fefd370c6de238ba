import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../static/gadgets/src/words';

describe("a rate's change on a KPI tile", () => {
  it('reads in whole percentage points, and a change under half a point is never "0"', () => {
    expect(FIGURES.rate.change(0.18)).toBe('18 percentage points');
    expect(FIGURES.rate.change(0.01)).toBe('1 percentage point');
    expect(FIGURES.rate.change(0.005)).toBe('1 percentage point');
    expect(FIGURES.rate.change(0.003)).toBe('0.3 percentage points');
    expect(FIGURES.rate.change(0.0004)).toBe('under 0.1 percentage points');
  });
});
