/**
 * The sentiment model as data: hashed n-gram weights plus calibration tables, validated once at load.
 */

/**
 * A weight table: the shipped int16s with their scale, or (training, evaluation protocols) floats with scale 1.
 * Bucket i weighs `weightAt(table, scale, i)` either way.
 */
export type WeightTable = Int16Array | Float32Array;

/** Platt scaling `p = σ(a·z + b)`, fitted on held-out margins. */
export interface Platt {
  a: number;
  b: number;
}

export interface RatingBlend {
  text: number;
  rating: number;
  bias: number;
  /**
   * The rating's own evidence: log-odds of fresh at each normalised rating (knots, ascending; monotone, from
   * labelled Rotten Tomatoes reviews). Absent in older headers, where the rating term is `normalized / 100`.
   */
  table?: { at: number[]; logit: number[] };
}

/** A second weight table for clauses and sentences, trained on short texts (phrases, snippets, sentences). */
export interface ClauseModel {
  /** Quantised weights: bucket i weighs `weightAt(weights, scale, i)`. */
  weights: WeightTable;
  scale: number;
  bias: number;
  calibration: Platt;
}

/**
 * Measured by the trainer on the same held-out Rotten Tomatoes films as `snippetRates` (never titled/).
 */
export interface Quantification {
  /** Mean calibrated probability of fresh over held-out fresh snippets (PACC's tpr). */
  probabilityTpr: number;
  /** Mean calibrated probability of fresh over held-out rotten snippets (PACC's fpr). */
  probabilityFpr: number;
  /** Share of fresh among those snippets: the prior the probabilities are calibrated under (for EM). */
  prior: number;
  /**
   * Film-level rates: the least-squares line of a held-out film's fresh share on its fresh-call share (count)
   * or on its mean probability, written as `(x − fpr) / (tpr − fpr)` (held-out films with ≥ 20 snippets).
   */
  filmCountRates: { tpr: number; fpr: number };
  filmProbabilityRates: { tpr: number; fpr: number };
  /** Held-out films with ≥ 20 snippets that the errors below average over. */
  heldOutFilms: number;
  /**
   * Per-film mean absolute error (points) of each quantifier on those films, its rates taken from the other
   * half of the held-out films: `count`, `probability`, `adjusted`, `probabilityAdjusted`, `em`, `filmCount`,
   * `filmProbability`.
   */
  heldOutFilmMae: Record<string, number>;
  /**
   * The same with the critics' own ratings read beside the text (the blend of `withRating`): the blended calls'
   * snippet rates, film-level lines on the blended calls and probabilities, and the held-out per-film errors of
   * `count`, `probability`, `adjusted`, `filmCount`, `filmProbability`. Absent in older headers.
   */
  withRating?: { rates: { tpr: number; fpr: number }; filmCountRates: { tpr: number; fpr: number }; filmProbabilityRates: { tpr: number; fpr: number }; heldOutFilms: number; heldOutFilmMae: Record<string, number> };
}

/**
 * The second model family: a character n-gram table (char-features.ts) read only for short texts (snippets,
 * sentences, under `calibration.shortTokens` tokens) whose word margin is unsure (|z| < `band`). There the
 * verdict is `σ(word·z + char·z_char + bias)`, stacked by logistic regression on held-out short texts.
 */
export interface CharModel {
  buckets: number;
  /** Quantised weights: bucket i weighs `weightAt(weights, scale, i)`. */
  weights: WeightTable;
  scale: number;
  bias: number;
  band: number;
  stack: { word: number; char: number; bias: number };
}

export interface SentimentModel {
  /** Number of hash buckets (a power of two). */
  buckets: number;
  /**
   * One weight per bucket (NB log-count ratio × logistic-regression weight, folded together), kept quantised as
   * shipped: bucket i weighs `weightAt(weights, scale, i)`. Half the memory of floats, so fewer cache misses.
   */
  weights: WeightTable;
  scale: number;
  bias: number;
  /** Margins are `bias + Σw / sqrt(features)^norm` (0: plain sum). */
  norm: number;
  /** Weight of the summing-up sentences' mean margin added to a whole review's margin (fitted on held-out data). */
  conclusionWeight: number;
  /** Calibration for short texts (snippets, sentences) and for long ones (whole reviews). */
  calibration: { shortTokens: number; short: Platt; long: Platt };
  /**
   * Monotone map from calibrated probability of "fresh" to a 0–100 score (knots, ascending), for short texts: the
   * held-out snippets' probabilities quantile by quantile onto their critics' ratings.
   */
  scoreCurve: { p: number[]; score: number[] };
  /** The same for whole reviews (`calibration.shortTokens` tokens or more), from held-out rated reviews; absent: `scoreCurve`. */
  scoreCurveLong?: { p: number[]; score: number[] };
  /**
   * With an explicit rating: `P(fresh) = σ(text · logit(p_text) + rating · normalized/100 + bias)`, fitted on
   * held-out rated Rotten Tomatoes snippets.
   */
  withRating: RatingBlend;
  /**
   * Held-out rates on Rotten Tomatoes snippets (films never seen in training): P(fresh call | fresh) and
   * P(fresh call | rotten), for an aggregate's adjusted classify-and-count of a film's fresh share.
   */
  snippetRates: { tpr: number; fpr: number };
  /** What an aggregate needs to turn calls into a film's share (see `Quantification`); absent in older headers. */
  quantification?: Quantification;
  /** Clause-level weights (same buckets and features); null reads clauses with the review weights. */
  clause: ClauseModel | null;
  /** The character n-gram family for unsure short texts; null (and absent in older headers): words only. */
  char?: CharModel | null;
  /** The word and clause tables side by side, built at load (`pairWeights`); absent: each read on its own. */
  paired?: PairedWeights;
}

/**
 * The card reads the word table (`weights`) and the clause table for the same buckets, each a random read of
 * 8 MB: side by side (bucket i's word weight at 2i, its clause weight at 2i + 1), one cache line serves both.
 * `word` and `clause` name the tables it copies: readers use `both` only while the model still holds those.
 */
export interface PairedWeights {
  word: WeightTable;
  clause: WeightTable;
  both: Int16Array;
}

/** The paired table of two int16 tables of one size (16 MB more memory at load, some 30 ms). */
export function pairWeights(word: Int16Array, clause: Int16Array): PairedWeights {
  const both = new Int16Array(2 * word.length);
  for (let i = 0; i < word.length; i++) {
    both[2 * i] = word[i]!;
    both[2 * i + 1] = clause[i]!;
  }
  return { word, clause, both };
}

/** Header of models/sentiment.v1.json; the weights live in the .bin file beside it as little-endian int16. */
export interface SentimentHeader {
  buckets: number;
  bias: number;
  /** int16 → weight: `w = q * scale`. */
  scale: number;
  norm: number;
  conclusionWeight: number;
  calibration: SentimentModel['calibration'];
  scoreCurve: SentimentModel['scoreCurve'];
  scoreCurveLong?: SentimentModel['scoreCurve'];
  withRating: RatingBlend;
  snippetRates: SentimentModel['snippetRates'];
  quantification?: Quantification;
  /** The clause table's bias, int16 scale and calibration; its weights are in their own .bin file. */
  clause: { bias: number; scale: number; calibration: Platt } | null;
  /** The character table's size, bias, int16 scale, gate and stack; its weights are in their own .bin file. */
  char?: { buckets: number; bias: number; scale: number; band: number; stack: CharModel['stack'] } | null;
}

const isPlatt = (p: unknown): p is Platt => typeof p === 'object' && p !== null && Number.isFinite((p as Platt).a) && Number.isFinite((p as Platt).b);

/** Build the model from its header and the weight bytes (int16 little-endian, one per bucket). */
export function sentimentFromParts(header: SentimentHeader, weightBytes: Uint8Array, clauseBytes: Uint8Array | null = null, charBytes: Uint8Array | null = null): SentimentModel {
  if (!Number.isInteger(Math.log2(header.buckets))) throw new Error('sentiment model: buckets must be a power of two');
  for (const k of ['bias', 'scale', 'norm', 'conclusionWeight'] as const) if (!Number.isFinite(header[k])) throw new Error(`sentiment model: "${k}" must be a number`);
  if (!isPlatt(header.calibration?.short) || !isPlatt(header.calibration.long) || ![header.withRating?.text, header.withRating?.rating, header.withRating?.bias].every(Number.isFinite)) throw new Error('sentiment model: bad calibration');
  const table = header.withRating.table;
  if (table && (!Array.isArray(table.at) || !Array.isArray(table.logit) || table.at.length !== table.logit.length || !table.at.length)) throw new Error('sentiment model: bad rating table');
  for (const curve of [header.scoreCurve, ...(header.scoreCurveLong ? [header.scoreCurveLong] : [])]) {
    if (!Array.isArray(curve?.p) || !Array.isArray(curve.score) || curve.p.length !== curve.score.length) throw new Error('sentiment model: bad score curve');
  }
  if (weightBytes.byteLength !== header.buckets * 2) throw new Error(`sentiment model: expected ${header.buckets * 2} weight bytes, got ${weightBytes.byteLength}`);
  const weights = int16s(weightBytes, header.buckets);
  let clause: ClauseModel | null = null;
  let paired: PairedWeights | undefined;
  if (header.clause && clauseBytes) {
    if (clauseBytes.byteLength !== header.buckets * 2) throw new Error(`sentiment model: expected ${header.buckets * 2} clause weight bytes, got ${clauseBytes.byteLength}`);
    if (!isPlatt(header.clause.calibration) || !Number.isFinite(header.clause.bias) || !Number.isFinite(header.clause.scale)) throw new Error('sentiment model: bad clause header');
    const clauseWeights = int16s(clauseBytes, header.buckets);
    clause = { weights: clauseWeights, scale: header.clause.scale, bias: header.clause.bias, calibration: header.clause.calibration };
    paired = pairWeights(weights, clauseWeights);
  }
  let char: CharModel | null = null;
  const ch = header.char;
  if (ch && charBytes) {
    if (!Number.isInteger(Math.log2(ch.buckets)) || charBytes.byteLength !== ch.buckets * 2) throw new Error(`sentiment model: expected ${ch.buckets * 2} character weight bytes, got ${charBytes.byteLength}`);
    if (![ch.bias, ch.scale, ch.band, ch.stack?.word, ch.stack?.char, ch.stack?.bias].every(Number.isFinite)) throw new Error('sentiment model: bad character header');
    char = { buckets: ch.buckets, weights: int16s(charBytes, ch.buckets), scale: ch.scale, bias: ch.bias, band: ch.band, stack: ch.stack };
  }
  const { buckets, bias, norm, conclusionWeight, calibration, scoreCurve, scoreCurveLong, withRating, snippetRates, quantification } = header;
  const q = quantification;
  const ok = q && [q.probabilityTpr, q.probabilityFpr, q.prior].every(Number.isFinite) && typeof q.heldOutFilmMae === 'object' && q.heldOutFilmMae !== null;
  return { buckets, weights, scale: header.scale, bias, norm, conclusionWeight, calibration, scoreCurve, ...(scoreCurveLong ? { scoreCurveLong } : {}), withRating, snippetRates, ...(ok ? { quantification: q } : {}), clause, char, ...(paired ? { paired } : {}) };
}

/**
 * The weight of bucket `i`: the int16 times the scale, rounded to float32 exactly as the float tables of earlier
 * versions held it (so that margins, and cards, are bit for bit what they were).
 */
export const weightAt = (weights: WeightTable, scale: number, i: number): number => Math.fround(weights[i]! * scale);

/** Whether this machine stores numbers little-endian, as the weight files do (all that Node runs on, in practice). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The shipped int16 little-endian weights as an Int16Array (a copy: the file's buffer may be shared or misaligned). */
function int16s(bytes: Uint8Array, n: number): Int16Array {
  // One copy of the bytes into the table's own buffer, read in place: some 40 ms less per process than reading
  // ten million int16s one by one.
  if (LITTLE_ENDIAN) {
    const weights = new Int16Array(n);
    new Uint8Array(weights.buffer).set(bytes.subarray(0, n * 2));
    return weights;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Int16Array(n);
  for (let i = 0; i < n; i++) weights[i] = view.getInt16(i * 2, true);
  return weights;
}

/** Quantise float weights to int16 for shipping; returns the bytes and the scale. */
export function quantizeWeights(weights: WeightTable): { bytes: Uint8Array; scale: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const bytes = new Uint8Array(weights.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < weights.length; i++) view.setInt16(i * 2, Math.round(weights[i]! / scale), true);
  return { bytes, scale };
}
