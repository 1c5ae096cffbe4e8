/**
 * Training the polarity model: NB-weighted logistic regression over hashed uni/bi/trigrams with negation
 * marking (NBSVM: Wang & Manning 2012, https://aclanthology.org/P12-2018/, with logistic loss and AdaGrad).
 * Seeded and deterministic: the same data and options give the same weights, bit for bit.
 */
import { readDoc } from '../src/analyze/text/index.ts';
import { docBuckets } from '../src/analyze/sentiment/index.ts';
import { sigmoid } from '../src/analyze/sentiment/score.ts';
import type { Platt } from '../src/analyze/sentiment/model.ts';

export interface Example {
  buckets: Int32Array;
  /** 1 = positive / fresh, 0 = negative / rotten. */
  y: number;
  tokens: number;
}

export interface TrainOptions {
  buckets: number;
  epochs: number;
  /** AdaGrad learning rate. */
  lr: number;
  /** NB smoothing. */
  alpha: number;
  seed: number;
  /** L2 penalty applied lazily to touched weights. */
  l2: number;
  /** Starting weight on each NB ratio: 1 starts from naive Bayes, 0 from nothing. */
  init: number;
}

export const DEFAULT_TRAIN: TrainOptions = { buckets: 1 << 22, epochs: 6, lr: 0.02, alpha: 1, seed: 1, l2: 1e-5, init: 0 };

/** Texts → examples, with the analyser's own text layer and feature function. */
export function featurize(texts: readonly string[], labels: readonly number[], buckets: number): Example[] {
  const mask = buckets - 1;
  return texts.map((t, i) => {
    const doc = readDoc(t);
    let tokens = 0;
    for (const s of doc.sentences) if (s.repeatOf < 0) tokens += s.tokenEnd - s.tokenStart;
    return { buckets: docBuckets(doc, mask), y: labels[i]!, tokens };
  });
}

/** Seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const r = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/** NB log-count ratios r_j over binarised features. */
export function nbRatios(examples: readonly Example[], buckets: number, alpha: number): Float32Array {
  const p = new Float64Array(buckets).fill(alpha);
  const q = new Float64Array(buckets).fill(alpha);
  let sp = alpha * buckets;
  let sq = alpha * buckets;
  for (const ex of examples) {
    const t = ex.y ? p : q;
    for (const b of ex.buckets) t[b]!++;
    if (ex.y) sp += ex.buckets.length;
    else sq += ex.buckets.length;
  }
  const r = new Float32Array(buckets);
  for (let j = 0; j < buckets; j++) r[j] = Math.log(p[j]! / sp) - Math.log(q[j]! / sq);
  return r;
}

/** Train; returns folded weights (r_j · w_j) and the bias. */
export function trainNbLr(examples: readonly Example[], opts: TrainOptions = DEFAULT_TRAIN): { weights: Float32Array; bias: number } {
  const r = nbRatios(examples, opts.buckets, opts.alpha);
  const w = new Float32Array(opts.buckets).fill(opts.init);
  const g2 = new Float32Array(opts.buckets);
  let bias = 0;
  let gb = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = shuffled(examples.length, opts.seed + epoch);
    for (let k = 0; k < order.length; k++) {
      const ex = examples[order[k]!]!;
      let z = bias;
      for (const b of ex.buckets) z += w[b]! * r[b]!;
      const g = sigmoid(z) - ex.y;
      for (const b of ex.buckets) {
        const gj = g * r[b]! + opts.l2 * w[b]!;
        g2[b]! += gj * gj;
        w[b]! -= (opts.lr * gj) / Math.sqrt(g2[b]! + 1e-8);
      }
      gb += g * g;
      bias -= (opts.lr * g) / Math.sqrt(gb + 1e-8);
    }
  }
  const weights = new Float32Array(opts.buckets);
  for (let j = 0; j < opts.buckets; j++) weights[j] = w[j]! * r[j]!;
  return { weights, bias };
}

export function marginOf(weights: Float32Array, bias: number, ex: Example): number {
  let z = bias;
  for (const b of ex.buckets) z += weights[b]!;
  return z;
}

/** Platt scaling by Newton's method on (margin, label) pairs. */
export function fitPlatt(z: readonly number[], y: readonly number[]): Platt {
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(a * z[i]! + b);
      const d = p - y[i]!;
      const h = Math.max(p * (1 - p), 1e-9);
      ga += d * z[i]!;
      gb += d;
      haa += h * z[i]! * z[i]!;
      hab += h * z[i]!;
      hbb += h;
    }
    haa += 1e-6;
    hbb += 1e-6;
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** Expected calibration error over 10 equal-width bins of confidence. */
export function expectedCalibrationError(p: readonly number[], y: readonly number[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, acc: 0 }));
  for (let i = 0; i < p.length; i++) {
    const pred = p[i]! >= 0.5 ? 1 : 0;
    const conf = Math.max(p[i]!, 1 - p[i]!);
    const bin = bins[Math.min(9, Math.floor(conf * 10))]!;
    bin.n++;
    bin.conf += conf;
    bin.acc += pred === y[i] ? 1 : 0;
  }
  let ece = 0;
  for (const b of bins) if (b.n) ece += (b.n / p.length) * Math.abs(b.acc / b.n - b.conf / b.n);
  return ece;
}

export function accuracy(weights: Float32Array, bias: number, examples: readonly Example[]): number {
  let ok = 0;
  for (const ex of examples) if ((marginOf(weights, bias, ex) >= 0 ? 1 : 0) === ex.y) ok++;
  return ok / Math.max(1, examples.length);
}
