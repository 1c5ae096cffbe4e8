/**
 * Prior-shift quantification of a film's fresh share from calibrated probabilities.
 */

/**
 * Maximum-likelihood share of the positive class under prior shift (EM, Saerens, Latinne & Decaestecker 2002):
 * the probabilities `ps` are calibrated where the positive share was `trainPrior`; alternately rescale each
 * posterior to the current share estimate and re-estimate the share as their mean, until it settles.
 */
export function emPrior(ps: readonly number[], trainPrior: number, maxIter = 200, tol = 1e-7): number {
  if (!ps.length) return trainPrior;
  const t = Math.min(1 - 1e-6, Math.max(1e-6, trainPrior));
  let q = t;
  for (let it = 0; it < maxIter; it++) {
    const a = q / t;
    const b = (1 - q) / (1 - t);
    let sum = 0;
    for (const p0 of ps) {
      const p = Math.min(1 - 1e-9, Math.max(1e-9, p0));
      sum += (a * p) / (a * p + b * (1 - p));
    }
    const next = sum / ps.length;
    if (Math.abs(next - q) < tol) return next;
    q = next;
  }
  return q;
}
