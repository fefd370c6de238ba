import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Base64url } from '../../src/domain/sha256';

const nodeDigest = (text: string): string => createHash('sha256').update(text).digest('base64url');

describe('sha256Base64url', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    // "abc" and the empty string: FIPS 180-4 examples, hex ba7816bf… and e3b0c442…
    expect(Buffer.from(sha256Base64url('abc'), 'base64url').toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(Buffer.from(sha256Base64url(''), 'base64url').toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('is the digest node:crypto gives, so fingerprints stored before stay valid', () => {
    // Lengths around the 55/56/64-byte padding boundaries, and multi-byte UTF-8.
    for (const length of [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 1_000])
      expect(sha256Base64url('x'.repeat(length))).toBe(nodeDigest('x'.repeat(length)));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => sha256Base64url(text) === nodeDigest(text)));
  });
});
