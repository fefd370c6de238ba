import { describe, expect, it } from 'vitest';
import { scalarText } from '../../src/contracts/scalar-text';

describe('scalarText', () => {
  it('reads strings, numbers and booleans as text', () => {
    expect(scalarText('MKT')).toBe('MKT');
    expect(scalarText(30)).toBe('30');
    expect(scalarText(false)).toBe('false');
  });

  it('reads anything else as the fallback, never "[object Object]"', () => {
    expect(scalarText({ id: 1 }, 'none')).toBe('none');
    expect(scalarText(['a'], 'none')).toBe('none');
    expect(scalarText(null)).toBe('');
    expect(scalarText(undefined, '—')).toBe('—');
  });
});
