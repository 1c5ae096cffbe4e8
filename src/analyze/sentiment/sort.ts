/**
 * Ascending sort of hashed feature buckets. The built-in typed-array sort compares, and on random buckets every
 * other comparison is a mispredicted branch: about 30 ns a key at a few hundred keys (a snippet's character
 * n-grams). An LSD radix sort on 8-bit digits has no such branch and is three to four times faster there; below
 * RADIX_FROM keys its count tables cost more than they save, and the built-in sort stays.
 */

const RADIX_FROM = 80;

/**
 * Sort `keys` (every value in `[0, 2^bits)`) in place; `spare` (at least `keys.length` long, not overlapping it)
 * is scratch for the radix passes, allocated when not given. Returns `keys`.
 */
export function sortBuckets(keys: Int32Array, bits: number, spare?: Int32Array): Int32Array {
  const n = keys.length;
  if (n < RADIX_FROM) return keys.sort();
  const passes = Math.max(1, Math.ceil(bits / 8));
  // Every pass's digit counts from one read of the keys.
  const count = new Int32Array(passes << 8);
  for (let i = 0; i < n; i++) {
    const v = keys[i]!;
    for (let p = 0; p < passes; p++) count[(p << 8) | ((v >>> (8 * p)) & 255)]++;
  }
  for (let p = 0; p < passes; p++) {
    let sum = 0;
    for (let b = p << 8; b < (p + 1) << 8; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
  }
  // Each pass stable, from the least significant digit, back and forth between `keys` and `spare`.
  let src = keys;
  let dst = spare && spare.length >= n ? spare.subarray(0, n) : new Int32Array(n);
  for (let p = 0; p < passes; p++) {
    const shift = 8 * p;
    const base = p << 8;
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[count[base | ((v >>> shift) & 255)]!++] = v;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== keys) keys.set(src);
  return keys;
}

/** Bits of a bucket below `mask + 1` (a power of two). */
export const bucketBits = (mask: number): number => 32 - Math.clz32(mask);
