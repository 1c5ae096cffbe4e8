/**
 * A seeded pseudo-random generator (mulberry32), for reproducible training, sampling and benchmark corpora.
 * The core takes no randomness from the environment: callers pass a seed.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` rows in the order of a seeded Fisher–Yates shuffle of their indices (the draw scripts' selection rule). */
export function seededSample<T>(rows: readonly T[], n: number, rand: () => number): T[] {
  const idx = rows.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, n).map((i) => rows[i]!);
}
