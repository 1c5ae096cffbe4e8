/**
 * The sentiment model as data: hashed n-gram weights plus calibration tables, validated once at load.
 */

/** Platt scaling `p = σ(a·z + b)`, fitted on held-out margins. */
export interface Platt {
  a: number;
  b: number;
}

export interface SentimentModel {
  /** Number of hash buckets (a power of two). */
  buckets: number;
  /** One weight per bucket: NB log-count ratio × logistic-regression weight, folded together. */
  weights: Float32Array;
  bias: number;
  /** Calibration for short texts (snippets, sentences) and for long ones (whole reviews). */
  calibration: { shortTokens: number; short: Platt; long: Platt };
  /** Monotone map from calibrated probability of "fresh" to an expected 0–100 score (knots, ascending). */
  scoreCurve: { p: number[]; score: number[] };
  /** Logistic map from an explicit normalised rating (0–100) to the probability of "fresh". */
  ratingToFresh: Platt;
}

/** Header of models/sentiment.v1.json; the weights live in the .bin file beside it as little-endian int16. */
export interface SentimentHeader {
  buckets: number;
  bias: number;
  /** int16 → weight: `w = q * scale`. */
  scale: number;
  calibration: SentimentModel['calibration'];
  scoreCurve: SentimentModel['scoreCurve'];
  ratingToFresh: Platt;
}

/** Build the model from its header and the weight bytes (int16 little-endian, one per bucket). */
export function sentimentFromParts(header: SentimentHeader, weightBytes: Uint8Array): SentimentModel {
  if (!Number.isInteger(Math.log2(header.buckets))) throw new Error('sentiment model: buckets must be a power of two');
  if (weightBytes.byteLength !== header.buckets * 2) throw new Error(`sentiment model: expected ${header.buckets * 2} weight bytes, got ${weightBytes.byteLength}`);
  const view = new DataView(weightBytes.buffer, weightBytes.byteOffset, weightBytes.byteLength);
  const weights = new Float32Array(header.buckets);
  for (let i = 0; i < header.buckets; i++) weights[i] = view.getInt16(i * 2, true) * header.scale;
  return { buckets: header.buckets, weights, bias: header.bias, calibration: header.calibration, scoreCurve: header.scoreCurve, ratingToFresh: header.ratingToFresh };
}

/** Quantise weights to int16 for shipping; returns the bytes and the scale. */
export function quantizeWeights(weights: Float32Array): { bytes: Uint8Array; scale: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const bytes = new Uint8Array(weights.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < weights.length; i++) view.setInt16(i * 2, Math.round(weights[i]! / scale), true);
  return { bytes, scale };
}
