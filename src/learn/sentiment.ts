/**
 * Learning the polarity model: NB-weighted logistic regression over hashed uni/bi/trigrams with negation
 * marking (NBSVM: Wang & Manning 2012, https://aclanthology.org/P12-2018/, with logistic loss and AdaGrad).
 * Pure and deterministic (seeded shuffles, no clock): the same data and options give the same weights, bit
 * for bit. Used by `npm run train` (train/) and by `verdict eval sentiment`, which trains its protocol models.
 */
import type { Doc } from '../analyze/text/index.ts';
import { readDoc } from '../analyze/text/index.ts';
import { charStacked, docBuckets, docCharBuckets, reviewMargin, sentenceMargins } from '../analyze/sentiment/index.ts';
import type { CharModel, Platt, SentimentModel } from '../analyze/sentiment/model.ts';
import { sigmoid } from '../analyze/sentiment/score.ts';
import { seededRandom } from './seeded-random.ts';

export interface Example {
  buckets: Int32Array;
  /** 1 = positive / fresh, 0 = negative / rotten. */
  y: number;
  tokens: number;
  /** Character n-gram buckets, for short texts only (the character family reads nothing else). */
  chars?: Int32Array;
}

export interface TrainOptions {
  buckets: number;
  epochs: number;
  /** AdaGrad learning rate. */
  lr: number;
  /** NB smoothing. */
  alpha: number;
  seed: number;
  /** L2 penalty applied to touched weights. */
  l2: number;
  /** Starting weight on each NB ratio: 1 starts from naive Bayes, 0 from nothing. */
  init: number;
  /** Divide a text's margin by sqrt(feature count)^norm (0: plain sum, 1: length-normalised). */
  norm: number;
  /** 1 scales features by their NB ratios (NBSVM); 0 trains plain logistic regression on binary features. */
  nb: number;
  /** NBSVM interpolation weight β (1 or absent: none). */
  beta?: number;
}

export const DEFAULT_TRAIN: TrainOptions = { buckets: 1 << 22, epochs: 4, lr: 0.02, alpha: 2, seed: 1, l2: 1e-5, init: 0, norm: 0, nb: 1 };

/** Length scale of a feature set: margins are `bias + Σw / lengthScale`. */
export const lengthScale = (n: number, norm: number): number => (norm === 0 ? 1 : Math.pow(Math.max(1, n), norm / 2));

/** One Doc → an example (a repeated pull-quote line counted once). */
export function exampleOf(doc: Doc, y: number, buckets: number): Example {
  let tokens = 0;
  for (const s of doc.sentences) if (s.repeatOf < 0) tokens += s.tokenEnd - s.tokenStart;
  return { buckets: docBuckets(doc, buckets - 1), y, tokens, ...(tokens < SHORT_TOKENS ? { chars: docCharBuckets(doc, CHAR_BUCKETS - 1) } : {}) };
}

/** Texts → examples, with the analyser's own text layer and feature function. */
export function featurize(texts: readonly string[], labels: readonly number[], buckets: number): Example[] {
  return texts.map((t, i) => exampleOf(readDoc(t), labels[i]!, buckets));
}


export function shuffled(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const r = seededRandom(seed);
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
  const r = opts.nb ? nbRatios(examples, opts.buckets, opts.alpha) : new Float32Array(opts.buckets).fill(1);
  const w = new Float32Array(opts.buckets).fill(opts.init);
  const g2 = new Float32Array(opts.buckets);
  let bias = 0;
  let gb = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = shuffled(examples.length, opts.seed + epoch);
    for (let k = 0; k < order.length; k++) {
      const ex = examples[order[k]!]!;
      const inv = 1 / lengthScale(ex.buckets.length, opts.norm);
      let z = 0;
      for (const b of ex.buckets) z += w[b]! * r[b]!;
      z = bias + z * inv;
      const g = sigmoid(z) - ex.y;
      for (const b of ex.buckets) {
        const gj = g * r[b]! * inv + opts.l2 * w[b]!;
        g2[b]! += gj * gj;
        w[b]! -= (opts.lr * gj) / Math.sqrt(g2[b]! + 1e-8);
      }
      gb += g * g;
      bias -= (opts.lr * g) / Math.sqrt(gb + 1e-8);
    }
  }
  const weights = new Float32Array(opts.buckets);
  if (opts.beta !== undefined && opts.beta < 1) {
    // NBSVM interpolation (Wang & Manning 2012): w ← (1 − β)·mean|w| + β·w over the features seen in training.
    let sum = 0, seen = 0;
    for (let j = 0; j < opts.buckets; j++) if (g2[j]! > 0) {
      sum += Math.abs(w[j]!);
      seen++;
    }
    const mean = sum / Math.max(1, seen);
    for (let j = 0; j < opts.buckets; j++) if (g2[j]! > 0) w[j] = (1 - opts.beta) * mean + opts.beta * w[j]!;
  }
  for (let j = 0; j < opts.buckets; j++) weights[j] = w[j]! * r[j]!;
  return { weights, bias };
}

export function marginOf(weights: Float32Array, bias: number, ex: Example, norm = 0): number {
  let z = 0;
  for (const b of ex.buckets) z += weights[b]!;
  return bias + z / lengthScale(ex.buckets.length, norm);
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

/** Expected calibration error of the predicted label's confidence, over 10 equal-width bins. */
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

export function accuracy(weights: Float32Array, bias: number, examples: readonly Example[], norm = 0): number {
  let ok = 0;
  for (const ex of examples) if ((marginOf(weights, bias, ex, norm) >= 0 ? 1 : 0) === ex.y) ok++;
  return ok / Math.max(1, examples.length);
}

/** Newton's method for a small logistic regression (features plus an intercept, lightly ridged). */
export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], ridge = 1e-4): number[] {
  const d = (x[0]?.length ?? 0) + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < 50; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = [...x[i]!, 1];
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * row[j]!;
      const p = sigmoid(z);
      const v = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        g[j]! += (p - y[i]!) * row[j]!;
        for (let k = 0; k < d; k++) h[j]![k]! += v * row[j]! * row[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      g[j]! += ridge * w[j]!;
      h[j]![j]! += ridge;
    }
    const step = solve(h, g);
    let moved = 0;
    for (let j = 0; j < d; j++) {
      w[j]! -= step[j]!;
      moved += Math.abs(step[j]!);
    }
    if (moved < 1e-9) break;
  }
  return w;
}

/** Gaussian elimination with partial pivoting (tiny systems only). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const d = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / d;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

const logLoss = (z: readonly number[], y: readonly number[], c: Platt): number => {
  let l = 0;
  for (let i = 0; i < z.length; i++) {
    const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(c.a * z[i]! + c.b)));
    l -= y[i]! ? Math.log(p) : Math.log(1 - p);
  }
  return l / Math.max(1, z.length);
};

export const SHORT_TOKENS = 80;
/** Size of the character n-gram table (2^21 buckets: 4 MB as int16). */
export const CHAR_BUCKETS = 1 << 21;
// Gates no wider than |z| < 1 (about 40% of snippets): the character pass must cost next to nothing per text.
const CHAR_BANDS = [0.25, 0.5, 0.75, 1];
const CONCLUSION_WEIGHTS = [0, 0.25, 0.5, 1, 1.5];

export interface FittedSentiment {
  model: SentimentModel;
  /** Calibrated probability of each calibration text, in order. */
  calibP: number[];
}

/**
 * Train on `train`, then on the held-out `calib` documents choose the conclusion weight (by log-loss) and fit
 * Platt calibration for short and long texts, each on the exact margin the analyser computes. With
 * `refit`, the weights are trained again on train + calib and keep that calibration.
 */
export function fitSentiment(train: readonly Example[], calib: readonly { doc: Doc; y: number }[], opts: TrainOptions = DEFAULT_TRAIN, refit = false): FittedSentiment {
  const { weights, bias } = trainNbLr(train, opts);
  const identity: Platt = { a: 1, b: 0 };
  const model: SentimentModel = {
    buckets: opts.buckets, weights, scale: 1, bias, norm: opts.norm, conclusionWeight: 0,
    calibration: { shortTokens: SHORT_TOKENS, short: identity, long: identity },
    scoreCurve: { p: [0, 1], score: [0, 100] }, withRating: { text: 0.3, rating: 10, bias: -6 }, snippetRates: { tpr: 1, fpr: 0 }, clause: null,
  };
  const rows = calib.map(({ doc, y }) => {
    const m = sentenceMargins(doc, model);
    const bag = reviewMargin(doc, model, m, 0);
    let tokens = 0;
    for (const s of doc.sentences) if (s.repeatOf < 0) tokens += s.tokenEnd - s.tokenStart;
    return { bag, concl: reviewMargin(doc, model, m, 1) - bag, tokens, y };
  });
  const long = rows.filter((r) => r.tokens >= SHORT_TOKENS);
  const short = rows.filter((r) => r.tokens < SHORT_TOKENS);
  let best = { cw: 0, platt: identity, loss: Infinity };
  for (const cw of long.length ? CONCLUSION_WEIGHTS : [0]) {
    const z = long.map((r) => r.bag + cw * r.concl);
    const y = long.map((r) => r.y);
    const platt = long.length ? fitPlatt(z, y) : identity;
    const loss = logLoss(z, y, platt);
    if (loss < best.loss - 1e-6) best = { cw, platt, loss };
  }
  model.conclusionWeight = best.cw;
  model.calibration.long = best.platt;
  if (short.length) model.calibration.short = fitPlatt(short.map((r) => r.bag + best.cw * r.concl), short.map((r) => r.y));
  const calibP = rows.map((r) => sigmoid((r.tokens < SHORT_TOKENS ? model.calibration.short : model.calibration.long).a * (r.bag + best.cw * r.concl) + (r.tokens < SHORT_TOKENS ? model.calibration.short : model.calibration.long).b));
  const shortCalib = rows.map((r, i) => ({ ...r, i, doc: calib[i]!.doc, z: r.bag + best.cw * r.concl })).filter((r) => r.tokens < SHORT_TOKENS);
  const charTrain = train.filter((ex) => ex.chars);
  model.char = charTrain.length && shortCalib.length ? fitCharFamily(model, charTrain, shortCalib, opts) : null;
  shortCalib.forEach((r) => {
    const q = charStacked(r.doc, model, r.z, r.tokens);
    if (q !== null) calibP[r.i] = q;
  });
  if (refit) {
    const extra = calib.map(({ doc, y }) => exampleOf(doc, y, opts.buckets));
    const again = trainNbLr([...train, ...extra], opts);
    model.weights = again.weights;
    model.bias = again.bias;
    if (model.char) {
      const c = trainNbLr([...charTrain, ...extra.filter((ex) => ex.chars)].map(charExample), { ...opts, buckets: CHAR_BUCKETS });
      model.char = { ...model.char, weights: c.weights, bias: c.bias };
    }
  }
  return { model, calibP };
}

/**
 * The rating table of the blend: P(fresh) at each whole normalised rating, made monotone by pooling adjacent
 * violators (isotonic regression), smoothed towards the overall share and written as log-odds. A "3/5" is not
 * halfway between rotten and fresh: the labels say where each rating falls.
 */
export function ratingTable(rows: readonly { normalized: number; y: number }[], smoothing = 2): { at: number[]; logit: number[] } {
  const byValue = new Map<number, { n: number; f: number }>();
  let fresh = 0;
  for (const r of rows) {
    const v = Math.round(Math.min(100, Math.max(0, r.normalized)));
    const s = byValue.get(v) ?? { n: 0, f: 0 };
    s.n++;
    s.f += r.y;
    byValue.set(v, s);
    fresh += r.y;
  }
  const base = (fresh + 1) / (rows.length + 2);
  // Pool adjacent violators over the values in ascending order.
  const blocks: { at: number[]; n: number; f: number }[] = [];
  for (const v of [...byValue.keys()].sort((a, b) => a - b)) {
    const s = byValue.get(v)!;
    blocks.push({ at: [v], n: s.n, f: s.f });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.f / a.n < b.f / b.n) break;
      blocks.splice(blocks.length - 2, 2, { at: [...a.at, ...b.at], n: a.n + b.n, f: a.f + b.f });
    }
  }
  const at: number[] = [];
  const lo: number[] = [];
  for (const b of blocks) {
    const p = (b.f + smoothing * base) / (b.n + smoothing);
    for (const v of b.at) {
      at.push(v);
      lo.push(Math.round(1e4 * Math.log(p / (1 - p))) / 1e4);
    }
  }
  return { at, logit: lo };
}

const charExample = (ex: Example): Example => ({ buckets: ex.chars!, y: ex.y, tokens: ex.tokens });

/**
 * The character family: a table trained on the short training texts, then, on the held-out short texts, the
 * gate (the band of unsure word margins it reads, chosen by log-loss over all of them) and the stack inside it;
 * null when too few held-out texts are unsure to fit one.
 */
function fitCharFamily(model: SentimentModel, train: readonly Example[], calib: readonly { doc: Doc; z: number; tokens: number; y: number }[], opts: TrainOptions): CharModel | null {
  const t = trainNbLr(train.map(charExample), { ...opts, buckets: CHAR_BUCKETS });
  const zc = calib.map((r) => marginOf(t.weights, t.bias, charExample(exampleOf(r.doc, r.y, opts.buckets))));
  const platt = model.calibration.short;
  let best: { band: number; stack: CharModel['stack']; loss: number } = { band: 0, stack: { word: 1, char: 0, bias: 0 }, loss: Infinity };
  for (const band of CHAR_BANDS) {
    const inside = calib.map((r, i) => ({ r, i })).filter(({ r }) => Math.abs(r.z) < band);
    if (inside.length < 50) continue;
    const [w, c, b] = fitLogistic(inside.map(({ r, i }) => [r.z, zc[i]!]), inside.map(({ r }) => r.y));
    const stack = { word: w!, char: c!, bias: b! };
    let loss = 0;
    calib.forEach((r, i) => {
      const p = Math.abs(r.z) < band ? sigmoid(stack.word * r.z + stack.char * zc[i]! + stack.bias) : sigmoid(platt.a * r.z + platt.b);
      loss -= Math.log(Math.min(1 - 1e-9, Math.max(1e-9, r.y ? p : 1 - p)));
    });
    if (loss < best.loss - 1e-6) best = { band, stack, loss };
  }
  return best.band > 0 ? { buckets: CHAR_BUCKETS, weights: t.weights, scale: 1, bias: t.bias, band: best.band, stack: best.stack } : null;
}
