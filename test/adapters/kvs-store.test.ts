import { describe, expect, it } from 'vitest';
import { batchesOf } from '../../src/adapters/kvs-store';

describe('batchesOf', () => {
  it('puts at most 25 keys in a batch', () => {
    const batches = batchesOf(Array.from({ length: 60 }, (_, i) => i), () => 1);
    expect(batches.map((batch) => batch.length)).toEqual([25, 25, 10]);
  });

  it('starts a new batch before the payload limit, and keeps an oversized item alone', () => {
    expect(batchesOf([3, 3, 3, 9, 1], (size) => size, 7)).toEqual([[3, 3], [3], [9], [1]]);
  });

  it('makes no batch for no items', () => {
    expect(batchesOf([], () => 1)).toEqual([]);
  });
});
