/**
 * @module Wilson score interval for a binomial proportion (Wilson 1927): better than the normal
 * approximation for small n and shares near 0 or 1, and never outside [0, 1].
 */

/** Wilson interval for `share` observed over `n` trials; z = 1.96 gives 95%. Null when n is 0. */
export function wilson(share: number, n: number, z = 1.96): { low: number; high: number } | null {
  if (!(n > 0)) return null;
  const p = Math.min(1, Math.max(0, share));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
