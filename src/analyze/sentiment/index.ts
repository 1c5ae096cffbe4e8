/**
 * @module Sentiment: sentence polarity and the review's verdict from the trained model.
 */
import type { ParsedRating, Verdict } from '../card.ts';
import type { Model } from '../model.ts';
import type { Doc } from '../text/index.ts';
import { charBuckets } from './char-features.ts';
import { featureBuckets } from './features.ts';
import type { RatingBlend, SentimentModel } from './model.ts';
import { calibrated, clauseProbability, interpolate, logit, margin, sigmoid } from './score.ts';

export interface SentimentResult {
  verdict: Verdict | null;
  /** Polarity in [-1, 1] per sentence (0 when unknown, and for repeated lines). */
  sentences: Float32Array;
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
function docTokens(doc: Doc): number {
  let n = 0;
  for (const s of doc.sentences) if (s.repeatOf < 0) n += s.tokenEnd - s.tokenStart;
  return n;
}

/** Polarity in [-1, 1] of the tokens `[tokenStart, tokenEnd)` (a clause or sentence); 0 without a model. */
export function spanPolarity(doc: Doc, model: Model, tokenStart: number, tokenEnd: number): number {
  const sm = sentimentOf(model);
  if (!sm || tokenEnd <= tokenStart) return 0;
  return 2 * clauseProbability(sm, featureBuckets(doc, tokenStart, tokenEnd, sm.buckets - 1), tokenEnd - tokenStart) - 1;
}

// Openers of a summing-up sentence: the critic's verdict is usually stated there.
const CONCLUSION = /^(?:overall|all in all|in the end|ultimately|in short|in sum|to sum up|bottom line|in conclusion|that said|still|even so|nevertheless|regardless)\b/i;

/** Sentences that sum up: the closing paragraph's sentences and those opening with "Overall," and the like. */
function conclusionSentences(doc: Doc): number[] {
  const out: number[] = [];
  const lastParagraph = doc.paragraphCount - 1;
  doc.sentences.forEach((s, i) => {
    if (s.repeatOf >= 0) return;
    const inClosing = doc.paragraphCount > 1 ? s.paragraph === lastParagraph : i >= doc.sentences.length - 2;
    if (inClosing || CONCLUSION.test(doc.text.slice(s.start, s.start + 24))) out.push(i);
  });
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
  let z = margin(sm, bag);
  if (conclusionWeight !== 0 && doc.sentences.length > 3) {
    const concl = conclusionSentences(doc);
    if (concl.length > 0) z += (conclusionWeight * concl.reduce((a, i) => a + sentences[i]!, 0)) / concl.length;
  }
  return z;
}

/** Character n-gram buckets of the whole text (repeated lines counted once). */
export function docCharBuckets(doc: Doc, mask: number): Int32Array {
  return mergeBuckets(doc.sentences.map((s) => (s.repeatOf >= 0 ? EMPTY : charBuckets(doc, s.tokenStart, s.tokenEnd, mask))));
}

/**
 * The verdict of a short text whose word margin `z` is unsure, read again with the character table and
 * stacked; null where the character family does not apply (long or confident texts, no table).
 */
export function charStacked(doc: Doc, sm: SentimentModel, z: number, tokens: number, c = sm.char): number | null {
  if (!c || tokens >= sm.calibration.shortTokens || !(Math.abs(z) < c.band)) return null;
  const bs = docCharBuckets(doc, c.buckets - 1);
  let zc = c.bias;
  for (let i = 0; i < bs.length; i++) zc += c.weights[bs[i]!]!;
  return sigmoid(c.stack.word * z + c.stack.char * zc + c.stack.bias);
}

/** Score the review: per-sentence polarity and a calibrated verdict, with the explicit rating when present. */
export function scoreSentiment(doc: Doc, model: Model, rating: ParsedRating | null): SentimentResult {
  const sentences = new Float32Array(doc.sentences.length);
  const sm = sentimentOf(model);
  if (!sm) return { verdict: null, sentences };
  const parts = sentenceBuckets(doc, sm.buckets - 1);
  const margins = sentenceMargins(doc, sm, parts);
  doc.sentences.forEach((s, i) => {
    if (s.repeatOf >= 0 || s.tokenEnd === s.tokenStart) return;
    sentences[i] = sm.clause ? 2 * clauseProbability(sm, parts[i]!, s.tokenEnd - s.tokenStart) - 1 : 2 * calibrated(sm, margins[i]!, s.tokenEnd - s.tokenStart) - 1;
  });
  const tokens = docTokens(doc);
  if (tokens === 0) return { verdict: null, sentences };
  const z = reviewMargin(doc, sm, margins, sm.conclusionWeight, mergeBuckets(parts));
  let p = charStacked(doc, sm, z, tokens) ?? calibrated(sm, z, tokens);
  let score = Math.round(interpolate(sm.scoreCurve.p, sm.scoreCurve.score, p));
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
