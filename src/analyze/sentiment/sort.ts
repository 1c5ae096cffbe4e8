/**
 * Ascending sort of hashed feature buckets. The built-in typed-array sort compares, and on random buckets every
 * other comparison is a mispredicted branch: about 20 ns a key at a snippet's 60 word buckets, 30 ns at its few
 * hundred character n-grams. Buckets are uniform hashes, so a counting pass by their top bits (about one key a
 * bin) leaves them nearly sorted, and one insertion pass finishes: 2.5 times faster at 60 keys, 4 times at 400.
 * Past BINNED_TO keys an LSD radix sort on 8-bit digits takes over (linear whatever the keys: the insertion pass
 * is quadratic in the keys that share a bin, which a crafted text could make many).
 */

const BINNED_TO = 512;

/**
 * Sort `keys` (every value in `[0, 2^bits)`) in place; `spare` (not overlapping `keys`) is scratch: allocated
 * when shorter than `sortRoom(keys.length)`. Returns `keys`.
 */
export function sortBuckets(keys: Int32Array, bits: number, spare?: Int32Array): Int32Array {
  const n = keys.length;
  if (n < 2) return keys;
  const room = sortRoom(n);
  const scratch = spare && spare.length >= room ? spare : new Int32Array(room);
  return n <= BINNED_TO ? binned(keys, bits, scratch) : radix(keys, bits, scratch);
}

/** Scratch `sortBuckets` needs for `n` keys: their copy, and the bins' (at most 2n) or the digits' counts. */
export const sortRoom = (n: number): number => n + (n <= BINNED_TO ? 2 * n : Math.max(4 << 8, n)) + 1;

/** Keys into bins by their top bits (counted, then placed in `scratch`), then insertion-sorted back into `keys`. */
function binned(keys: Int32Array, bits: number, scratch: Int32Array): Int32Array {
  const n = keys.length;
  // About n bins (a power of two, at most 2n), the top `b` bits of a key its bin.
  const b = Math.min(bits, 32 - Math.clz32(n - 1));
  const shift = bits - b;
  const bins = 1 << b;
  // scratch: the keys by bin at [0, n), each bin's next place at [n, n + bins].
  scratch.fill(0, n, n + bins + 1);
  for (let i = 0; i < n; i++) scratch[n + 1 + (keys[i]! >>> shift)]++;
  for (let j = 0; j < bins; j++) scratch[n + 1 + j] += scratch[n + j]!;
  for (let i = 0; i < n; i++) {
    const v = keys[i]!;
    scratch[scratch[n + (v >>> shift)]!++] = v;
  }
  // Each key moves only past the larger keys of its own bin.
  for (let i = 0; i < n; i++) {
    const v = scratch[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > v) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = v;
  }
  return keys;
}

/** LSD radix sort on 8-bit digits, back and forth between `keys` and `scratch` (its counts past the copy). */
function radix(keys: Int32Array, bits: number, scratch: Int32Array): Int32Array {
  const n = keys.length;
  const passes = Math.max(1, Math.ceil(bits / 8));
  const count = scratch.subarray(n, n + (passes << 8)).fill(0);
  // Every pass's digit counts from one read of the keys.
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
  // Each pass stable, from the least significant digit.
  let src = keys;
  let dst = scratch.subarray(0, n);
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
