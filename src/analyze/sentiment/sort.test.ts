import { describe, expect, it } from 'vitest';
import { bucketBits, sortBuckets } from './sort.ts';

describe('sortBuckets', () => {
  it('sorts as the built-in sort does, below and above the radix threshold, with and without scratch', () => {
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (const n of [0, 1, 5, 79, 80, 81, 300, 2000]) {
      for (const bits of [7, 21, 22]) {
        const keys = Int32Array.from({ length: n }, () => next() & ((1 << bits) - 1));
        const want = keys.slice().sort();
        expect(sortBuckets(keys.slice(), bits)).toEqual(want);
        expect(sortBuckets(keys.slice(), bits, new Int32Array(n))).toEqual(want);
      }
    }
  });

  it('reads the bits of a power-of-two table', () => {
    expect(bucketBits((1 << 22) - 1)).toBe(22);
    expect(bucketBits(0)).toBe(0);
  });
});
