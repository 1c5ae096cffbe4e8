/**
 * @module Sentiment: sentence polarity and the review's verdict from the trained model.
 */
import type { ParsedRating, Verdict } from '../card.ts';
import type { Model } from '../model.ts';
import type { Doc } from '../text/index.ts';
import { charBuckets, charRoom, writeCharFeatures } from './char-features.ts';
import { featureBuckets, writeFeatures } from './features.ts';
import type { RatingBlend, SentimentModel } from './model.ts';
import { applyPlatt, calibrated, interpolate, logit, margin, sigmoid } from './score.ts';
import { bucketBits, sortBuckets, sortRoom } from './sort.ts';

export interface SentimentResult {
  verdict: Verdict | null;
  /** Polarity in [-1, 1] per sentence (0 when unknown, and for repeated lines). */
  sentences: Float32Array;
  /**
   * The same unrounded: `spanPolarity` of each sentence's tokens, to the bit (NaN where not read: repeated lines,
   * empty sentences, no model). The clause memo reuses it for a clause that is a whole sentence.
   */
  readings?: Float64Array;
}

const sentimentOf = (model: Model): SentimentModel | null => (model.sentiment as SentimentModel | null) ?? null;

/** Feature buckets of the whole review: its sentences, a repeated pull-quote line counted once. */
export function docBuckets(doc: Doc, mask: number): Int32Array {
  return mergeBuckets(sentenceBuckets(doc, mask));
}

/** Feature buckets of each sentence (empty for repeated lines). */
function sentenceBuckets(doc: Doc, mask: number): Int32Array[] {
  return doc.sentences.map((s) => (s.repeatOf >= 0 ? EMPTY : featureBuckets(doc, s.tokenStart, s.tokenEnd, mask)));
}

const EMPTY = new Int32Array(0);

/** Sorted union of sorted bucket sets. */
function mergeBuckets(parts: readonly Int32Array[]): Int32Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const all = new Int32Array(total);
  let k = 0;
  for (const p of parts) {
    all.set(p, k);
    k += p.length;
  }
  all.sort();
  let w = 0;
  for (let r = 0; r < all.length; r++) if (r === 0 || all[r] !== all[r - 1]) all[w++] = all[r]!;
  return all.subarray(0, w);
}

/** Number of tokens the verdict reads (repeats excluded). */
export function docTokens(doc: Doc): number {
  let n = 0;
  for (const s of doc.sentences) if (s.repeatOf < 0) n += s.tokenEnd - s.tokenStart;
  return n;
}

/** Polarity in [-1, 1] of the tokens `[tokenStart, tokenEnd)` (a clause or sentence); 0 without a model. */
export function spanPolarity(doc: Doc, model: Model, tokenStart: number, tokenEnd: number): number {
  const sm = sentimentOf(model);
  if (!sm || tokenEnd <= tokenStart) return 0;
  // `clauseProbability` over `featureBuckets`, without their views: n tokens give n + (n − 1) + (n − 2) buckets.
  const n = tokenEnd - tokenStart;
  const k = n === 1 ? 1 : 3 * n - 3;
  // One allocation: the keys, then the sort's scratch.
  const store = new Int32Array(k + sortRoom(k));
  const keys = store.subarray(0, k);
  writeFeatures(doc, tokenStart, tokenEnd, sm.buckets - 1, keys, 0);
  sortBuckets(keys, bucketBits(sm.buckets - 1), store.subarray(k));
  return 2 * uniqueClauseProbability(sm, keys, 0, keys.length, n) - 1;
}

// Openers of a summing-up sentence: the critic's verdict is usually stated there.
const CONCLUSION = /^(?:overall|all in all|in the end|ultimately|in short|in sum|to sum up|bottom line|in conclusion|that said|still|even so|nevertheless|regardless)\b/i;

/** Sentences that sum up: the closing paragraph's sentences and those opening with "Overall," and the like. */
function conclusionSentences(doc: Doc): number[] {
  const out: number[] = [];
  const lastParagraph = doc.paragraphCount - 1;
  for (let i = 0; i < doc.sentences.length; i++) {
    const s = doc.sentences[i]!;
    if (s.repeatOf >= 0) continue;
    const inClosing = doc.paragraphCount > 1 ? s.paragraph === lastParagraph : i >= doc.sentences.length - 2;
    if (inClosing || CONCLUSION.test(doc.text.slice(s.start, s.start + 24))) out.push(i);
  }
  return out;
}

/** Raw margin of each sentence (0 for repeated lines and empty ones). */
export function sentenceMargins(doc: Doc, sm: SentimentModel, parts = sentenceBuckets(doc, sm.buckets - 1)): Float64Array {
  const out = new Float64Array(doc.sentences.length);
  for (let i = 0; i < doc.sentences.length; i++) if (parts[i]!.length) out[i] = margin(sm, parts[i]!);
  return out;
}

/**
 * The review's margin before calibration: the bag of its n-grams, plus the summing-up sentences' mean margin
 * (the closing paragraph, "Overall, …") weighed again, as an editor reads them twice. `conclusionWeight`
 * comes from the model (fitted on held-out reviews); short texts (≤ 3 sentences) are read as a bag.
 */
export function reviewMargin(doc: Doc, sm: SentimentModel, sentences: Float64Array, conclusionWeight = sm.conclusionWeight, bag = docBuckets(doc, sm.buckets - 1)): number {
  return withConclusion(doc, margin(sm, bag), conclusionWeight, (i) => sentences[i]!);
}

/** The bag's margin `z` with the summing-up sentences' mean margin (`marginOf` sentence) added. */
function withConclusion(doc: Doc, z: number, conclusionWeight: number, marginOf: (i: number) => number): number {
  if (conclusionWeight !== 0 && doc.sentences.length > 3) {
    const concl = conclusionSentences(doc);
    if (concl.length > 0) z += (conclusionWeight * concl.reduce((a, i) => a + marginOf(i), 0)) / concl.length;
  }
  return z;
}

/**
 * Every sentence's feature buckets at once (repeated lines left out), put in order by one radix sort instead of a
 * sort per sentence and another for the review's bag. `keys` holds them grouped by sentence, each group ascending
 * (repeats kept: readers skip a key equal to the one before); sentence `i` is `[at[i], at[i + 1])`. `bagMargin` is
 * `margin` over the sorted union, read between the two sorts. Sums over a group run in ascending bucket order, as
 * `margin` and `clauseProbability` add them over a sorted set, so the results are the same to the bit.
 */
interface SentenceFeatures {
  keys: Int32Array;
  at: Int32Array;
  bagMargin: number;
}

function sentenceFeatures(doc: Doc, sm: SentimentModel, room = 0): SentenceFeatures & { store: Int32Array } {
  const mask = sm.buckets - 1;
  const ss = doc.sentences;
  let n = 0;
  for (const s of ss) if (s.repeatOf < 0) n += 3 * (s.tokenEnd - s.tokenStart);
  // One allocation: keys and sentence ids, their copies for the scatter passes, and (from the ids on) room for
  // the sorts' scratch. (`room`: at least that many, for the character family to reuse once these are read.)
  const store = new Int32Array(Math.max(2 * n + sortRoom(n), room));
  const keys = store.subarray(0, n);
  const keys2 = store.subarray(n, 2 * n);
  const ids = store.subarray(2 * n, 3 * n);
  const ids2 = store.subarray(3 * n, 4 * n);
  let k = 0;
  for (let i = 0; i < ss.length; i++) {
    const s = ss[i]!;
    if (s.repeatOf >= 0) continue;
    const k0 = k;
    k = writeFeatures(doc, s.tokenStart, s.tokenEnd, mask, keys, k);
    ids.fill(i, k0, k);
  }
  const sentences = ss.length;
  // A short text: each sentence's run and a copy of all sorted in place (the radix passes' counts cost more).
  return k <= 512 ? sortedInPlace(sm, sentences, keys, ids, keys2, store.subarray(2 * n), k, store) : radixSorted(sm, sentences, keys, ids, keys2, ids2, k, store);
}

/**
 * `sentenceFeatures`' keys (`keys[0, k)`, of sentences `ids`) sorted in place, sentence by sentence; `spare` holds
 * the sorted bag; `scratch` (from the ids on, free once they are counted) is the sorts'.
 */
function sortedInPlace(sm: SentimentModel, sentences: number, keys: Int32Array, ids: Int32Array, spare: Int32Array, scratch: Int32Array, k: number, store: Int32Array): SentenceFeatures & { store: Int32Array } {
  const at = new Int32Array(sentences + 1);
  for (let r = 0; r < k; r++) at[ids[r]! + 1]++;
  for (let i = 0; i < sentences; i++) at[i + 1] += at[i]!;
  const bits = bucketBits(sm.buckets - 1);
  // One sentence with keys (most snippets): its sorted run is the sorted bag, so one sort serves both.
  let groups = 0;
  for (let i = 0; i < sentences; i++) if (at[i + 1]! > at[i]!) groups++;
  if (groups === 1) {
    sortBuckets(keys.subarray(0, k), bits, scratch);
    return { keys, at, bagMargin: uniqueMargin(sm, keys, 0, k), store };
  }
  const all = spare.subarray(0, k);
  all.set(keys.subarray(0, k));
  sortBuckets(all, bits, scratch);
  const bagMargin = uniqueMargin(sm, all, 0, k);
  for (let i = 0; i < sentences; i++) if (at[i + 1]! - at[i]! > 1) sortBuckets(keys.subarray(at[i]!, at[i + 1]!), bits, scratch);
  return { keys, at, bagMargin, store };
}

/** `sentenceFeatures`' keys (`keys[0, k)`, of sentences `ids`) by radix sort, with `keys2` and `ids2` for the scatter passes. */
function radixSorted(sm: SentimentModel, sentences: number, keys0: Int32Array, ids0: Int32Array, spareKeys: Int32Array, spareIds: Int32Array, k: number, store: Int32Array): SentenceFeatures & { store: Int32Array } {
  let keys = keys0;
  let ids = ids0;
  let keys2 = spareKeys;
  let ids2 = spareIds;
  // Least significant digit first, each pass stable: by bucket, 8 or 11 bits a pass.
  const bits = 32 - Math.clz32(sm.buckets - 1);
  const digit = k > 2048 ? 11 : 8;
  const size = 1 << digit;
  const dmask = size - 1;
  const count = new Int32Array(Math.max(size, sentences));
  for (let shift = 0; shift < bits; shift += digit) {
    if (shift > 0) count.fill(0, 0, size);
    for (let r = 0; r < k; r++) count[(keys[r]! >>> shift) & dmask]++;
    let sum = 0;
    for (let b = 0; b < size; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let r = 0; r < k; r++) {
      const v = keys[r]!;
      const d = count[(v >>> shift) & dmask]++;
      keys2[d] = v;
      ids2[d] = ids[r]!;
    }
    const kt = keys;
    keys = keys2;
    keys2 = kt;
    const it = ids;
    ids = ids2;
    ids2 = it;
  }
  const bagMargin = uniqueMargin(sm, keys, 0, k);
  // Then by sentence (stable): each sentence's keys stay ascending.
  const at = new Int32Array(sentences + 1);
  for (let r = 0; r < k; r++) at[ids[r]! + 1]++;
  for (let i = 0; i < sentences; i++) at[i + 1] += at[i]!;
  count.set(at.subarray(0, sentences));
  for (let r = 0; r < k; r++) keys2[count[ids[r]!]!++] = keys[r]!;
  return { keys: keys2, at, bagMargin, store };
}

/** The model's paired word and clause table (model.ts `PairedWeights`) while it holds the model's own two tables. */
function pairedOf(sm: SentimentModel): Int16Array | null {
  const p = sm.paired;
  return p && p.word === sm.weights && p.clause === sm.clause?.weights ? p.both : null;
}

/** `margin` over the distinct keys of the ascending run `keys[from, to)`. */
function uniqueMargin(sm: SentimentModel, keys: Int32Array, from: number, to: number): number {
  const paired = pairedOf(sm);
  const w = paired ?? sm.weights;
  const stride = paired ? 2 : 1;
  const scale = sm.scale;
  let z = 0;
  let n = 0;
  let prev = -1;
  for (let r = from; r < to; r++) {
    const v = keys[r]!;
    if (v === prev) continue;
    z += Math.fround(w[v * stride]! * scale);
    n++;
    prev = v;
  }
  return sm.bias + (sm.norm === 0 ? z : z / Math.pow(Math.max(1, n), sm.norm / 2));
}

/** `clauseProbability` over the distinct keys of the ascending run `keys[from, to)`. */
function uniqueClauseProbability(sm: SentimentModel, keys: Int32Array, from: number, to: number, tokens: number): number {
  const c = sm.clause;
  if (!c) return calibrated(sm, uniqueMargin(sm, keys, from, to), tokens);
  // (Paired: the clause weight of bucket v at 2v + 1.)
  const paired = pairedOf(sm);
  const w = paired ?? c.weights;
  const stride = paired ? 2 : 1;
  const at = paired ? 1 : 0;
  const scale = c.scale;
  let z = c.bias;
  let prev = -1;
  for (let r = from; r < to; r++) {
    const v = keys[r]!;
    if (v === prev) continue;
    z += Math.fround(w[v * stride + at]! * scale);
    prev = v;
  }
  return applyPlatt(c.calibration, z);
}

/** Character n-gram buckets of the whole text (repeated lines counted once). */
export function docCharBuckets(doc: Doc, mask: number): Int32Array {
  return mergeBuckets(doc.sentences.map((s) => (s.repeatOf >= 0 ? EMPTY : charBuckets(doc, s.tokenStart, s.tokenEnd, mask))));
}

/** Room `charStacked` writes and sorts `room` character buckets in. */
const charScratch = (room: number): number => room + sortRoom(room);

/**
 * The verdict of a short text whose word margin `z` is unsure, read again with the character table and
 * stacked; null where the character family does not apply (long or confident texts, no table).
 */
export function charStacked(doc: Doc, sm: SentimentModel, z: number, tokens: number, c = sm.char, scratch?: Int32Array): number | null {
  if (!c || tokens >= sm.calibration.shortTokens || !(Math.abs(z) < c.band)) return null;
  // docCharBuckets summed: all sentences' buckets sorted at once give the same ascending union.
  let room = 0;
  for (const s of doc.sentences) if (s.repeatOf < 0) room += charRoom(doc, s.tokenStart, s.tokenEnd);
  // The buckets, then the sort's scratch.
  const need = charScratch(room);
  const out = scratch && scratch.length >= need ? scratch : new Int32Array(need);
  let k = 0;
  for (const s of doc.sentences) if (s.repeatOf < 0) k = writeCharFeatures(doc, s.tokenStart, s.tokenEnd, c.buckets - 1, out, k);
  const bs = sortBuckets(out.subarray(0, k), bucketBits(c.buckets - 1), out.subarray(room));
  let zc = c.bias;
  let prev = -1;
  for (let i = 0; i < bs.length; i++) {
    const v = bs[i]!;
    if (v !== prev) zc += Math.fround(c.weights[v]! * c.scale);
    prev = v;
  }
  return sigmoid(c.stack.word * z + c.stack.char * zc + c.stack.bias);
}

/** Score the review: per-sentence polarity and a calibrated verdict, with the explicit rating when present. */
export function scoreSentiment(doc: Doc, model: Model, rating: ParsedRating | null): SentimentResult {
  const sentences = new Float32Array(doc.sentences.length);
  const readings = new Float64Array(doc.sentences.length).fill(NaN);
  const sm = sentimentOf(model);
  if (!sm) return { verdict: null, sentences, readings };
  const tokens = docTokens(doc);
  // A short text the character family may read: its buckets' room (and their sort's scratch) in the same allocation.
  let room = 0;
  if (sm.char && tokens < sm.calibration.shortTokens) for (const s of doc.sentences) if (s.repeatOf < 0) room += charRoom(doc, s.tokenStart, s.tokenEnd);
  const { keys, at, bagMargin, store } = sentenceFeatures(doc, sm, room ? charScratch(room) : 0);
  for (let i = 0; i < doc.sentences.length; i++) {
    const s = doc.sentences[i]!;
    if (s.repeatOf >= 0 || s.tokenEnd === s.tokenStart) continue;
    // (As spanPolarity reads these tokens: the same sorted keys, the same sum.)
    readings[i] = 2 * uniqueClauseProbability(sm, keys, at[i]!, at[i + 1]!, s.tokenEnd - s.tokenStart) - 1;
    sentences[i] = readings[i]!;
  }
  if (tokens === 0) return { verdict: null, sentences, readings };
  // Only the summing-up sentences' margins are read; a sentence without features (a repeated line) has margin 0.
  const z = withConclusion(doc, bagMargin, sm.conclusionWeight, (i) => (at[i + 1]! > at[i]! ? uniqueMargin(sm, keys, at[i]!, at[i + 1]!) : 0));
  // (The sentence features are read by now: their store is free.)
  let p = charStacked(doc, sm, z, tokens, sm.char, store) ?? calibrated(sm, z, tokens);
  const curve = tokens >= sm.calibration.shortTokens && sm.scoreCurveLong ? sm.scoreCurveLong : sm.scoreCurve;
  let score = Math.round(interpolate(curve.p, curve.score, p));
  if (rating) {
    // The critic's own rating is the strongest evidence of their verdict; the text still counts a little.
    const r = sm.withRating;
    p = sigmoid(r.text * logit(p) + r.rating * ratingEvidence(r, rating.normalized) + r.bias);
    score = Math.round(0.75 * rating.normalized + 0.25 * score);
  }
  const label: Verdict['label'] = p >= 0.65 ? 'positive' : p <= 0.35 ? 'negative' : 'mixed';
  return {
    verdict: { fresh: p >= 0.5, score: Math.min(100, Math.max(0, score)), label, confidence: Math.round(Math.max(p, 1 - p) * 1000) / 1000 },
    sentences,
    readings,
  };
}

/** The rating term of the blend: the table's log-odds of fresh at this rating, or the plain 0–1 rating. */
export const ratingEvidence = (r: RatingBlend, normalized: number): number => (r.table ? interpolate(r.table.at, r.table.logit, normalized) : normalized / 100);

/**
 * Adjusted classify-and-count (Forman 2008): a film's true share of fresh reviews from the share the model
 * calls fresh, corrected by the model's held-out rates on snippets. Clipped to [0, 1].
 */
export function adjustedFreshShare(calledFresh: number, rates: { tpr: number; fpr: number }): number {
  const span = rates.tpr - rates.fpr;
  if (span <= 0.05) return Math.min(1, Math.max(0, calledFresh));
  return Math.min(1, Math.max(0, (calledFresh - rates.fpr) / span));
}
