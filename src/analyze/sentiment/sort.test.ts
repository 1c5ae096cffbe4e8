import { describe, expect, it } from 'vitest';
import { bucketBits, sortBuckets, sortRoom } from './sort.ts';

describe('sortBuckets', () => {
  let seed = 12345;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const check = (keys: Int32Array, bits: number): void => {
    const want = keys.slice().sort();
    expect(sortBuckets(keys.slice(), bits)).toEqual(want);
    expect(sortBuckets(keys.slice(), bits, new Int32Array(sortRoom(keys.length)))).toEqual(want);
    // Scratch too short is replaced, not overrun.
    expect(sortBuckets(keys.slice(), bits, new Int32Array(1))).toEqual(want);
  };

  it('sorts as the built-in sort does, binned and by radix, with and without scratch', () => {
    for (const n of [0, 1, 2, 3, 5, 64, 300, 511, 512, 513, 2000]) {
      for (const bits of [0, 7, 21, 22]) check(Int32Array.from({ length: n }, () => next() & ((1 << bits) - 1)), bits);
    }
  });

  it('sorts repeated keys and keys that share their top bits', () => {
    for (const n of [100, 512, 1500]) {
      check(new Int32Array(n).fill(77), 22);
      check(Int32Array.from({ length: n }, (_, i) => (i % 2 ? 5 : 4)), 22);
      check(Int32Array.from({ length: n }, (_, i) => (n - i) & 31), 22);
    }
  });

  it('reads the bits of a power-of-two table', () => {
    expect(bucketBits((1 << 22) - 1)).toBe(22);
    expect(bucketBits(0)).toBe(0);
  });
});
