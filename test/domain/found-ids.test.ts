import { describe, expect, it } from 'vitest';
import { packIds, unpackIds } from '../../src/domain/metrics/found-ids';
import { MAX_JQL_REQUESTS } from '../../src/use-cases/gadget-views';
import { MAX_VALUE_BYTES, serializedSize } from '../../src/use-cases/ports';

describe("a search's ids kept between two events", () => {
  it('read back as the same ids, whatever their order, spread or form', () => {
    const ids = ['10002', '10001', '0', '999999999999999', '10001', 'MKT-7', '', '007', '1e3', '9007199254740993'];
    const packed = packIds(ids);
    // The decimal ids as steps from the one before, in base 36; the rest as they were.
    expect(packed.steps).toBe(['0', (10_001).toString(36), '1', (999_999_999_989_997).toString(36)].join(','));
    expect(packed.other).toEqual(['', '007', '1e3', '9007199254740993', 'MKT-7']);
    expect(unpackIds(packed)).toEqual(new Set(ids));
    expect(unpackIds(packIds([]))).toEqual(new Set());
  });

  it('take under the storage value limit for the most ids a JQL gadget reports on, however far apart', () => {
    const far = Array.from({ length: MAX_JQL_REQUESTS }, (_, index) => String(index * 49_999_999_999 + 1));
    const packed = packIds(far);
    expect(serializedSize(packed)).toBeLessThan(MAX_VALUE_BYTES);
    expect(unpackIds(packed)).toEqual(new Set(far));
    // Ids of one site, close together: about four bytes each, against eight in a JSON list.
    const near = Array.from({ length: MAX_JQL_REQUESTS }, (_, index) => String(100_000 + index * 3));
    expect(serializedSize(packIds(near))).toBeLessThan(serializedSize(near) / 2);
  });

  it('read as nothing, not as other ids, when the kept text was damaged', () => {
    expect(unpackIds({ steps: '7v,!', other: [] })).toBeNull();
    expect(unpackIds({ steps: 'zzzzzzzzzzzzzz', other: [] })).toBeNull();
    expect(unpackIds({ steps: '1,,2', other: [] })).toBeNull();
  });
});
