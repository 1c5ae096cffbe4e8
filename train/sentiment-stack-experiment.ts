/**
 * Tuning aid (not part of `npm run train`): stackers for short texts on `verdict eval sentiment`'s own
 * protocols (SST-2 dev, rt_flatiron by film, the first of MR's ten folds), the word and character tables
 * trained once per protocol (no refit on the calibration texts), each stacker fitted on the protocol's
 * held-out short texts. Inputs tried
 * beside the word margin: the character margin for every short text (not only unsure ones), a short-texts-only
 * word table, the word margin after / before the last contrast word ("but", "yet", …), and a dense family: the
 * mean int8 GloVe vector (the aspect trainer's cached vocabulary, ~/.cache/verdict/aspect-clusters-*.json;
 * negated words sign-flipped) through a logistic regression and a small tanh network. `NOPHRASE=1` keeps SST
 * phrases other than whole sentences out of the calibration texts, as the build does.
 *   node train/sentiment-stack-experiment.ts sst,rt,mr1 [hidden units, default 8]
 */
import { weightAt } from '../src/analyze/sentiment/model.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { readDoc, type Doc } from '../src/analyze/text/index.ts';
import { TokenKind } from '../src/analyze/text/tokens.ts';
import { charStacked, docCharBuckets, reviewMargin, sentenceMargins } from '../src/analyze/sentiment/index.ts';
import { calibrated, margin, sigmoid } from '../src/analyze/sentiment/score.ts';
import { featureBuckets, hashToken, hashWord, isNegator, isScopeEnd } from '../src/analyze/sentiment/features.ts';
import { DEFAULT_TRAIN, SHORT_TOKENS, exampleOf, fitLogistic, fitSentiment, marginOf, shuffled, trainNbLr, type Example } from '../src/learn/sentiment.ts';
import { seededRandom } from '../src/learn/seeded-random.ts';
import { inTestSplit, type Labelled } from '../src/learn/data.ts';
import { sentimentProtocols, textKey as key } from './sentiment-protocols.ts';

interface Vocab {
  dim: number;
  /** Open-addressing table: word hash → row + 1 (0 empty); its size is a power of two. */
  slots: Uint32Array;
  rows: Int32Array;
  /** int8 unit vectors, `dim` per row; a component is `q / scale`. */
  vectors: Int8Array;
  scale: number;
}

/** The lookup table of a vocabulary given by its words' hashes (in row order). */
export function slotTable(hashes: readonly number[]): { slots: Uint32Array; rows: Int32Array } {
  let size = 1;
  while (size < hashes.length * 2) size <<= 1;
  const slots = new Uint32Array(size);
  const rows = new Int32Array(size);
  hashes.forEach((h, r) => {
    let i = h & (size - 1);
    while (rows[i] !== 0 && slots[i] !== h) i = (i + 1) & (size - 1);
    if (rows[i] === 0) {
      slots[i] = h;
      rows[i] = r + 1;
    }
  });
  return { slots, rows };
}

function rowOf(d: Vocab, h: number): number {
  const mask = d.slots.length - 1;
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const r = d.rows[i]!;
    if (r === 0) return -1;
    if (d.slots[i] === h) return r - 1;
  }
}

/** Mean vector of the known words of tokens `[from, to)` into `out` (zeros when none); returns how many. */
export function meanVector(doc: Doc, from: number, to: number, d: Vocab, out: Float32Array): number {
  out.fill(0);
  const { text, tokens } = doc;
  let n = 0;
  let negated = false;
  for (let i = from; i < to; i++) {
    const s = tokens.start[i]!;
    const e = tokens.end[i]!;
    const kind = tokens.kind[i];
    if (kind === TokenKind.punct) {
      if (isScopeEnd(text, s, e)) negated = false;
      continue;
    }
    if (kind === TokenKind.word) {
      const r = rowOf(d, hashToken(text, s, e));
      if (r >= 0) {
        const v = d.vectors;
        const at = r * d.dim;
        if (negated) for (let j = 0; j < d.dim; j++) out[j]! -= v[at + j]!;
        else for (let j = 0; j < d.dim; j++) out[j]! += v[at + j]!;
        n++;
      }
    }
    if (isNegator(text, s, e)) negated = true;
  }
  if (n > 0) {
    const k = 1 / (n * d.scale);
    for (let j = 0; j < d.dim; j++) out[j]! *= k;
  }
  return n;
}


interface DenseOptions {
  hidden: number;
  epochs: number;
  lr: number;
  seed: number;
  l2: number;
}

const DEFAULT_DENSE: DenseOptions = { hidden: 32, epochs: 4, lr: 0.05, seed: 1, l2: 1e-6 };

// Mean unit vectors are short (components near ±0.05): the network reads them ×GAIN, folded into w1 at the end.
const GAIN = 10;

interface TrainedDense {
  hidden: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
  margin: (x: Float32Array) => number;
}

function trainDense(base: Pick<Vocab, 'dim'>, xs: readonly Float32Array[], ys: readonly number[], opts: DenseOptions = DEFAULT_DENSE): TrainedDense {
  const d = base.dim;
  const H = opts.hidden;
  const rand = seededRandom(opts.seed);
  const linear = H === 0;
  const nh = linear ? 1 : H;
  const w1 = new Float64Array(linear ? d : H * d);
  const b1 = new Float64Array(nh);
  const w2 = new Float64Array(nh);
  let b2 = 0;
  const a = Math.sqrt(6 / (d + nh));
  if (!linear) {
    for (let i = 0; i < w1.length; i++) w1[i] = (2 * rand() - 1) * a;
    for (let h = 0; h < H; h++) w2[h] = (2 * rand() - 1) * Math.sqrt(6 / (H + 1));
  }
  const g1 = new Float64Array(w1.length), gb1 = new Float64Array(nh), g2 = new Float64Array(nh);
  let gb2 = 0;
  const act = new Float64Array(nh);
  const x = new Float64Array(d);
  const eps = 1e-8;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = shuffled(xs.length, opts.seed + 100 + epoch);
    for (let k = 0; k < order.length; k++) {
      const src = xs[order[k]!]!;
      for (let j = 0; j < d; j++) x[j] = src[j]! * GAIN;
      let z = b2;
      if (linear) for (let j = 0; j < d; j++) z += w1[j]! * x[j]!;
      else {
        for (let h = 0; h < H; h++) {
          let s = b1[h]!;
          const at = h * d;
          for (let j = 0; j < d; j++) s += w1[at + j]! * x[j]!;
          act[h] = Math.tanh(s);
          z += w2[h]! * act[h]!;
        }
      }
      const g = sigmoid(z) - ys[order[k]!]!;
      gb2 += g * g;
      b2 -= (opts.lr * g) / Math.sqrt(gb2 + eps);
      if (linear) {
        for (let j = 0; j < d; j++) {
          const gj = g * x[j]! + opts.l2 * w1[j]!;
          g1[j]! += gj * gj;
          w1[j]! -= (opts.lr * gj) / Math.sqrt(g1[j]! + eps);
        }
        continue;
      }
      for (let h = 0; h < H; h++) {
        const gh = g * w2[h]! * (1 - act[h]! * act[h]!);
        const gw2 = g * act[h]! + opts.l2 * w2[h]!;
        g2[h]! += gw2 * gw2;
        w2[h]! -= (opts.lr * gw2) / Math.sqrt(g2[h]! + eps);
        gb1[h]! += gh * gh;
        b1[h]! -= (opts.lr * gh) / Math.sqrt(gb1[h]! + eps);
        const at = h * d;
        for (let j = 0; j < d; j++) {
          const gj = gh * x[j]! + opts.l2 * w1[at + j]!;
          g1[at + j]! += gj * gj;
          w1[at + j]! -= (opts.lr * gj) / Math.sqrt(g1[at + j]! + eps);
        }
      }
    }
  }
  const fw1 = Float32Array.from(w1, (v) => v * GAIN);
  const fb1 = Float32Array.from(b1);
  const fw2 = Float32Array.from(w2);
  const margin = (v: Float32Array): number => {
    let z = b2;
    if (linear) {
      for (let j = 0; j < d; j++) z += fw1[j]! * v[j]!;
      return z;
    }
    for (let h = 0; h < H; h++) {
      let s = fb1[h]!;
      const at = h * d;
      for (let j = 0; j < d; j++) s += fw1[at + j]! * v[j]!;
      z += fw2[h]! * Math.tanh(s);
    }
    return z;
  };
  return { hidden: H, w1: fw1, b1: fb1, w2: fw2, b2, margin };
}

const t0 = performance.now();
const lap = (s: string): void => console.error(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${s}`);

const cacheDir = process.env.VERDICT_CACHE ?? `${homedir()}/.cache/verdict`;
const cacheFile = readdirSync(cacheDir).filter((f) => /^aspect-clusters-.*\.json$/.test(f)).sort()[0];
if (!cacheFile) throw new Error(`no aspect-clusters-*.json in ${cacheDir}: run the aspect trainer (npm run train) first`);
const cache = JSON.parse(readFileSync(`${cacheDir}/${cacheFile}`, 'utf8')) as { vectors: string; vectorCount: number; words: string[] };
const vecBytes = Buffer.from(cache.vectors, 'base64');
const base: Vocab = { dim: 100, ...slotTable(cache.words.slice(0, cache.vectorCount).map(hashWord)), vectors: new Int8Array(vecBytes.buffer, vecBytes.byteOffset, vecBytes.byteLength), scale: 200 };


interface Feat { ex: Example; vec: Float32Array | null }
const feats = new WeakMap<Labelled, Feat>();
const featOf = (r: Labelled): Feat => {
  let f = feats.get(r);
  if (!f) {
    const doc = readDoc(r.text);
    const ex = exampleOf(doc, r.y, DEFAULT_TRAIN.buckets);
    let vec: Float32Array | null = null;
    if (ex.tokens < SHORT_TOKENS) {
      vec = new Float32Array(100);
      meanVector(doc, 0, doc.tokens.count, base, vec);
    }
    feats.set(r, (f = { ex, vec }));
  }
  return f;
};

const CONTRAST = new Set(['but', 'yet', 'however', 'though', 'although', 'still', 'nevertheless'].map(hashWord));
const which = (process.argv[2] ?? 'sst,rt').split(',');
const hidden = Number(process.argv[3] ?? 8);
const protocols = await sentimentProtocols(which);
lap('loaded');
for (const p of protocols) {
  const exclude = new Set(p.test.map((r) => key(r.text)));
  const fit: Feat[] = [];
  const calib: { r: Labelled; doc: Doc }[] = [];
  for (const r of p.train) {
    if (exclude.has(key(r.text)) || (r.source !== undefined && exclude.has(key(r.source)))) continue;
    if (inTestSplit(r.group, 0.1, 'protocol-calibration')) {
      if (process.env.NOPHRASE && r.source !== undefined && r.source !== r.text) continue;
      calib.push({ r, doc: readDoc(r.text) });
    }
    else fit.push(featOf(r));
  }
  lap(`${p.name}: ${fit.length} train, ${calib.length} calib; fitting`);
  const { model } = fitSentiment(fit.map((f) => f.ex), calib.map((c) => ({ doc: c.doc, y: c.r.y })), DEFAULT_TRAIN, false);
  lap(`${p.name}: band ${model.char?.band}`);
  const shortFit = fit.filter((f) => f.vec);
  const variants = [0, hidden].map((h) => ({ h, net: trainDense(base, shortFit.map((f) => f.vec!), shortFit.map((f) => f.ex.y), { hidden: h, epochs: 4, lr: 0.05, seed: 1, l2: 1e-6 }) }));
  lap(`${p.name}: dense trained`);
  const st = trainNbLr(shortFit.map((f) => f.ex), DEFAULT_TRAIN);
  lap(`${p.name}: short word table trained`);
  const rowFor = (doc: Doc, y: number) => {
    const m = sentenceMargins(doc, model);
    const z = reviewMargin(doc, model, m);
    let tokens = 0;
    for (const s of doc.sentences) if (s.repeatOf < 0) tokens += s.tokenEnd - s.tokenStart;
    const basep = charStacked(doc, model, z, tokens) ?? calibrated(model, z, tokens);
    if (tokens >= SHORT_TOKENS) return { y, short: false, z, zc: 0, zd: [0, 0], zs: 0, zb: 0, za: 0, basep };
    let last = -1;
    for (let i = 0; i < doc.tokens.count; i++) if (CONTRAST.has(hashToken(doc.text, doc.tokens.start[i]!, doc.tokens.end[i]!))) last = i;
    const zb = last >= 0 && last + 1 < doc.tokens.count ? margin(model, featureBuckets(doc, last + 1, doc.tokens.count, model.buckets - 1)) - model.bias : 0;
    const za = last > 0 ? margin(model, featureBuckets(doc, 0, last, model.buckets - 1)) - model.bias : 0;
    const zs = marginOf(st.weights, st.bias, exampleOf(doc, y, DEFAULT_TRAIN.buckets));
    const bs = docCharBuckets(doc, model.char!.buckets - 1);
    let zc = model.char!.bias;
    for (const b of bs) zc += weightAt(model.char!.weights, model.char!.scale, b);
    const v = new Float32Array(100);
    meanVector(doc, 0, doc.tokens.count, base, v);
    return { y, short: true, z, zc, zd: variants.map((x) => x.net.margin(v)), zs, zb, za, basep };
  };
  const cr = calib.map((c) => rowFor(c.doc, c.r.y)).filter((r) => r.short);
  const tr = p.test.map((r) => rowFor(readDoc(r.text), r.y));
  const stackers: [string, (r: (typeof tr)[number]) => number[]][] = [
    ['word+char all', (r) => [r.z, r.zc]],
    ['word+char+but', (r) => [r.z, r.zc, r.zb]],
    ['word+char+but+before', (r) => [r.z, r.zc, r.zb, r.za]],
    ['word+but', (r) => [r.z, r.zb]],
    ['word+short', (r) => [r.z, r.zs]],
    ['word+short+char', (r) => [r.z, r.zs, r.zc]],
    ['word+short+char+mlp', (r) => [r.z, r.zs, r.zc, r.zd[1]!]],
    ['word+short+mlp', (r) => [r.z, r.zs, r.zd[1]!]],
    ['word+lin', (r) => [r.z, r.zd[0]!]],
    ['word+mlp', (r) => [r.z, r.zd[1]!]],
    ['word+char+lin', (r) => [r.z, r.zc, r.zd[0]!]],
    ['word+char+mlp', (r) => [r.z, r.zc, r.zd[1]!]],
    ['word+char+lin+mlp', (r) => [r.z, r.zc, r.zd[0]!, r.zd[1]!]],
  ];
  const acc = (f: (r: (typeof tr)[number]) => number): string => (100 * tr.filter((r) => (f(r) >= 0.5 ? 1 : 0) === r.y).length / tr.length).toFixed(2);
  console.log(`${p.name} (n ${tr.length}, short ${tr.filter((r) => r.short).length}): base ${acc((r) => r.basep)}`);
  console.log(`  dense alone (calibration-free sign): lin ${acc((r) => (r.short ? sigmoid(r.zd[0]!) : r.basep))} mlp ${acc((r) => (r.short ? sigmoid(r.zd[1]!) : r.basep))}`);
  for (const [name0, x] of stackers) for (const band of [0.5, 1, 2, Infinity]) {
    const name = `${name0} |z|<${band}`;
    const inside = cr.filter((r) => Math.abs(r.z) < band);
    const w = fitLogistic(inside.map(x), inside.map((r) => r.y));
    const f = (r: (typeof tr)[number]): number => {
      if (!r.short) return r.basep;
      if (!(Math.abs(r.z) < band)) return calibrated(model, r.z, 1);
      const xs = x(r);
      let z = w[xs.length]!;
      xs.forEach((v, i) => (z += w[i]! * v));
      return sigmoid(z);
    };
    console.log(`  ${name}: ${acc(f)}  weights ${w.map((v) => v.toFixed(3)).join(' ')}`);
  }
}
lap('done');
