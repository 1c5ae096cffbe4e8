/**
 * The maths of polarity, apart from the Doc (spaCy's predict/annotate split): margins, calibration, scores.
 */
import type { Platt, SentimentModel } from './model.ts';

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const logit = (p: number): number => Math.log(Math.max(1e-6, p) / Math.max(1e-6, 1 - p));

/** Raw linear margin of a set of feature buckets. */
export function margin(model: SentimentModel, buckets: Int32Array): number {
  let z = 0;
  const w = model.weights;
  const scale = model.scale;
  for (let i = 0; i < buckets.length; i++) z += Math.fround(w[buckets[i]!]! * scale);
  return model.bias + (model.norm === 0 ? z : z / Math.pow(Math.max(1, buckets.length), model.norm / 2));
}

/** Calibrated probability that a clause or sentence is positive: the clause table when the model has one. */
export function clauseProbability(model: SentimentModel, buckets: Int32Array, tokens: number): number {
  const c = model.clause;
  if (!c) return calibrated(model, margin(model, buckets), tokens);
  let z = c.bias;
  const w = c.weights;
  const scale = c.scale;
  for (let i = 0; i < buckets.length; i++) z += Math.fround(w[buckets[i]!]! * scale);
  return applyPlatt(c.calibration, z);
}

export const applyPlatt = (c: Platt, z: number): number => sigmoid(c.a * z + c.b);

/** Calibrated probability of a positive verdict for a text of `tokens` tokens with margin `z`. */
export function calibrated(model: SentimentModel, z: number, tokens: number): number {
  const c = tokens < model.calibration.shortTokens ? model.calibration.short : model.calibration.long;
  return applyPlatt(c, z);
}

/** Piecewise-linear lookup on ascending knots. */
export function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (xs.length === 0) return 50;
  if (x <= xs[0]!) return ys[0]!;
  for (let i = 1; i < xs.length; i++) {
    if (x <= xs[i]!) {
      const t = (x - xs[i - 1]!) / (xs[i]! - xs[i - 1]! || 1);
      return ys[i - 1]! + t * (ys[i]! - ys[i - 1]!);
    }
  }
  return ys[ys.length - 1]!;
}
