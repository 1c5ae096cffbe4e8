/**
 * Learning the aspect model (src/analyze/aspects/learned.ts): one logistic regression per aspect over the
 * hashed clause features, trained jointly with AdaGrad and L2, seeded shuffles, no clock: the same examples
 * and options give the same weights, bit for bit. Also the text-level scoring that cross-validation, threshold
 * choice and `verdict eval aspects` share.
 */
import { ASPECT_IDS, type AspectId } from '../analyze/card.ts';
import { DENSE, HEADS } from '../analyze/aspects/learned.ts';
import { seededRandom } from './seeded-random.ts';

export interface UnitExample {
  buckets: Int32Array;
  /** Word features, scaled by `lexScale`. */
  lex: Int32Array;
  /** Dense values (DENSE of them), or null. */
  dense: Float32Array | null;
  /** Bit k set: the unit judges aspect k. */
  labels: number;
  /** Loss weight of the example. */
  weight: number;
}

export interface HeadOptions {
  buckets: number;
  epochs: number;
  lr: number;
  l2: number;
  seed: number;
  /** Loss weight of a positive label relative to a negative one. */
  positiveWeight: number;
  /** Value of a word feature (the lexicon and cluster ones are 1). */
  lexScale: number;
  /** L2 penalty of the dense weights. */
  l2Dense: number;
}

/**
 * l2 0.05 by 5-fold CV on the 6,000 rows, over three fold seeds: F1 64.6, 64.4, 64.2 against 64.1, 64.0, 64.0 at 0.1
 * (0.02 and 0.03: 64.5, 64.6 on the first seed).
 */
export const DEFAULT_HEADS: HeadOptions = { buckets: 1 << 14, epochs: 12, lr: 0.1, l2: 0.05, seed: 1, positiveWeight: 3, lexScale: 0.3, l2Dense: 0.01 };

export interface Heads {
  weights: Float64Array;
  bias: Float64Array;
  /** HEADS × DENSE dense weights. */
  dense: Float64Array;
}

function order(n: number, r: () => number): Uint32Array {
  const o = new Uint32Array(n);
  for (let i = 0; i < n; i++) o[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = o[i]!;
    o[i] = o[j]!;
    o[j] = t;
  }
  return o;
}

/** One-vs-rest logistic regression over binary features, all heads in one pass per example. */
export function trainHeads(examples: readonly UnitExample[], opts: HeadOptions = DEFAULT_HEADS): Heads {
  const w = new Float64Array(opts.buckets * HEADS);
  const g2 = new Float64Array(opts.buckets * HEADS).fill(1e-8);
  const bias = new Float64Array(HEADS);
  const gb = new Float64Array(HEADS).fill(1e-8);
  // Start the biases at the label rates, so the first epoch does not spend itself on them.
  for (let k = 0; k < HEADS; k++) {
    let pos = 0;
    for (const ex of examples) if (ex.labels & (1 << k)) pos++;
    const rate = (pos + 1) / (examples.length + 2);
    bias[k] = Math.log(rate / (1 - rate));
  }
  const r = seededRandom(opts.seed);
  const g = new Float64Array(HEADS);
  const dw = new Float64Array(HEADS * DENSE);
  const dg2 = new Float64Array(HEADS * DENSE).fill(1e-8);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const idx of order(examples.length, r)) {
      const ex = examples[idx]!;
      const x = ex.buckets;
      const lx = ex.lex;
      const s = opts.lexScale;
      for (let k = 0; k < HEADS; k++) {
        let z = 0;
        for (let i = 0; i < lx.length; i++) z += w[lx[i]! * HEADS + k]!;
        z = bias[k]! + s * z;
        for (let i = 0; i < x.length; i++) z += w[x[i]! * HEADS + k]!;
        if (ex.dense) for (let d = 0; d < DENSE; d++) z += ex.dense[d]! * dw[k * DENSE + d]!;
        const y = (ex.labels >> k) & 1;
        const p = 1 / (1 + Math.exp(-z));
        g[k] = (p - y) * ex.weight * (y ? opts.positiveWeight : 1);
      }
      for (let k = 0; k < HEADS; k++) {
        const gk = g[k]!;
        gb[k]! += gk * gk;
        bias[k]! -= (opts.lr * gk) / Math.sqrt(gb[k]!);
      }
      for (let i = 0; i < x.length; i++) {
        const base = x[i]! * HEADS;
        for (let k = 0; k < HEADS; k++) {
          const j = base + k;
          const grad = g[k]! + opts.l2 * w[j]!;
          if (grad === 0) continue;
          g2[j]! += grad * grad;
          w[j]! -= (opts.lr * grad) / Math.sqrt(g2[j]!);
        }
      }
      if (ex.dense) {
        for (let k = 0; k < HEADS; k++) {
          for (let d = 0; d < DENSE; d++) {
            const j = k * DENSE + d;
            const grad = g[k]! * ex.dense[d]! + opts.l2Dense * dw[j]!;
            dg2[j]! += grad * grad;
            dw[j]! -= (opts.lr * grad) / Math.sqrt(dg2[j]!);
          }
        }
      }
      for (let i = 0; i < lx.length; i++) {
        const base = lx[i]! * HEADS;
        for (let k = 0; k < HEADS; k++) {
          const j = base + k;
          const grad = s * g[k]! + opts.l2 * w[j]!;
          if (grad === 0) continue;
          g2[j]! += grad * grad;
          w[j]! -= (opts.lr * grad) / Math.sqrt(g2[j]!);
        }
      }
    }
  }
  return { weights: w, bias, dense: dw };
}

/** One text as the text-level scorer sees it: each unit's probabilities and polarity readings. */
export interface ScoredUnit {
  p: Float64Array;
  /** The clause model's polarity of the unit in [-1, 1]. */
  clause: number;
  /** The rule cascade's polarity per aspect found in the unit. */
  rules: ReadonlyMap<AspectId, number>;
  weight: number;
}

export type GoldPolarity = 'pos' | 'neg' | 'mixed';

export interface TextCase {
  id: string;
  gold: ReadonlyMap<AspectId, GoldPolarity>;
  units: ScoredUnit[];
}

export interface AspectCounts {
  tp: number;
  fp: number;
  fn: number;
  /** Matched, gold not mixed. */
  polarityMatched: number;
  polarityRight: number;
}

export const zeroCounts = (): AspectCounts => ({ tp: 0, fp: 0, fn: 0, polarityMatched: 0, polarityRight: 0 });

/** How an aspect is decided: by the model, by the rule cascade, or by either (chosen per aspect by cross-validation). */
export const MODE = { model: 0, rule: 1, either: 2 } as const;
const NO_MODES: ArrayLike<number> = new Array<number>(HEADS).fill(MODE.model);

export function unitJudges(mode: number, model: boolean, rule: boolean): boolean {
  return mode === MODE.model ? model : mode === MODE.rule ? rule : model || rule;
}

/** Text-level aspects of one case: aspect → polarity, for the units at or above the thresholds. */
export function textAspects(units: readonly ScoredUnit[], thresholds: ArrayLike<number>, ruleShare: number, modes: ArrayLike<number> = NO_MODES): Map<AspectId, number> {
  const out = new Map<AspectId, number>();
  for (let k = 0; k < HEADS; k++) {
    const aspect = ASPECT_IDS[k]!;
    let num = 0;
    let den = 0;
    for (const u of units) {
      // A model that takes no polarity from the rules reads their mentions only of the aspects they decide (learned.ts `ruleAspects`).
      const rule = ruleShare === 0 && modes[k] === MODE.model ? undefined : u.rules.get(aspect);
      if (!unitJudges(modes[k]!, u.p[k]! >= thresholds[k]!, rule !== undefined)) continue;
      const pol = rule === undefined ? u.clause : ruleShare * rule + (1 - ruleShare) * u.clause;
      const wt = u.weight * Math.max(u.p[k]!, rule !== undefined ? 0.5 : 0);
      num += wt * pol;
      den += wt;
    }
    if (den > 0) out.set(aspect, num / den);
  }
  return out;
}

/** Count agreements per aspect over many cases. */
export function countCases(cases: readonly TextCase[], thresholds: ArrayLike<number>, ruleShare: number, modes: ArrayLike<number> = NO_MODES): { perAspect: Record<AspectId, AspectCounts>; overall: AspectCounts } {
  const perAspect = Object.fromEntries(ASPECT_IDS.map((a) => [a, zeroCounts()])) as Record<AspectId, AspectCounts>;
  const overall = zeroCounts();
  for (const c of cases) {
    const found = textAspects(c.units, thresholds, ruleShare, modes);
    for (const a of ASPECT_IDS) addCount(perAspect[a], overall, c.gold.get(a), found.get(a));
  }
  return { perAspect, overall };
}

/** Add one (gold, found) pair of one aspect of one text to its counts and to the overall ones. */
export function addCount(c: AspectCounts, overall: AspectCounts, gold: GoldPolarity | undefined, found: number | undefined): void {
  for (const x of [c, overall]) {
    if (gold && found !== undefined) {
      x.tp++;
      if (gold !== 'mixed') {
        x.polarityMatched++;
        if ((gold === 'pos') === found >= 0) x.polarityRight++;
      }
    } else if (found !== undefined) x.fp++;
    else if (gold) x.fn++;
  }
}

export function scores(c: AspectCounts): { precision: number; recall: number; f1: number; polarity: number } {
  const precision = c.tp / Math.max(1, c.tp + c.fp);
  const recall = c.tp / Math.max(1, c.tp + c.fn);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, polarity: c.polarityRight / Math.max(1, c.polarityMatched) };
}

/**
 * Thresholds by cross-validated predictions: one shared threshold that maximises overall F1, then, for each
 * aspect with at least `minGold` gold opinions, its own where that raises the overall F1.
 */
export function chooseThresholds(cases: readonly TextCase[], ruleShare: number, minGold = 25): Float64Array {
  const grid: number[] = [];
  for (let t = 0.1; t <= 0.9001; t += 0.025) grid.push(Math.round(t * 1000) / 1000);
  const f1At = (th: Float64Array): number => scores(countCases(cases, th, ruleShare).overall).f1;
  let best = new Float64Array(HEADS).fill(0.5);
  let bestF = -1;
  for (const t of grid) {
    const th = new Float64Array(HEADS).fill(t);
    const f = f1At(th);
    if (f > bestF + 1e-9) {
      bestF = f;
      best = th;
    }
  }
  for (let k = 0; k < HEADS; k++) {
    let gold = 0;
    for (const c of cases) if (c.gold.has(ASPECT_IDS[k]!)) gold++;
    if (gold < minGold) continue;
    for (const t of grid) {
      const th = Float64Array.from(best);
      th[k] = t;
      const f = f1At(th);
      if (f > bestF + 1e-9) {
        bestF = f;
        best = th;
      }
    }
  }
  return best;
}

/**
 * Per aspect, the decision mode (model, rule cascade, either) under which that aspect's own F1 on the cases is
 * highest (the model on a tie): the rules stay only where they beat the model.
 */
export function chooseModes(cases: readonly TextCase[], thresholds: ArrayLike<number>, ruleShare: number): Uint8Array {
  const modes = new Uint8Array(HEADS);
  const byMode = [MODE.model, MODE.rule, MODE.either].map((m) => countCases(cases, thresholds, ruleShare, new Uint8Array(HEADS).fill(m)).perAspect);
  for (let k = 0; k < HEADS; k++) {
    const aspect = ASPECT_IDS[k]!;
    let best = scores(byMode[0]![aspect]).f1;
    for (const m of [MODE.rule, MODE.either]) {
      const f = scores(byMode[m]![aspect]).f1;
      if (f > best + 1e-9) {
        best = f;
        modes[k] = m;
      }
    }
  }
  return modes;
}

/**
 * The one-hidden-layer network (an experiment, `--learner=mlp|both` in train/aspects-model.ts; not shipped): ReLU
 * units over the same hashed buckets, AdaGrad. By 5-fold CV on the 6,000 rows it does not beat the linear heads alone
 * (64.0 at best against 64.1), and the mean of both (64.7) gains too little for a card that sums 32 more weights per
 * feature.
 */
export interface MlpOptions extends Pick<HeadOptions, 'buckets' | 'epochs' | 'lr' | 'l2' | 'seed' | 'positiveWeight' | 'lexScale'> {
  /** Hidden units (ReLU). */
  hidden: number;
  /** Half-width of the uniform initial input weights. */
  init: number;
  /** Also a linear (wide) part from the buckets straight to the heads. */
  wide: boolean;
}

export const DEFAULT_MLP: MlpOptions = { hidden: 32, epochs: 12, lr: 0.05, l2: 1e-3, seed: 3, positiveWeight: 3, lexScale: 0.3, init: 0.05, wide: false, buckets: 1 << 14 };

/** A one-hidden-layer network over the hashed features: `w1[bucket * hidden + j]`, `w2[j * HEADS + k]`. */
export interface Mlp {
  hidden: number;
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  b2: Float64Array;
  /** Wide part, `wide[bucket * HEADS + k]` (zeros when not trained). */
  wide: Float64Array;
  /** Dense inputs to hidden, `wd[d * hidden + j]`. */
  wd: Float64Array;
  lexScale: number;
}

/** Forward pass of one unit: pre-activations into `pre`, head logits into `z`. */
export function mlpForward(m: Mlp, buckets: ArrayLike<number>, lex: ArrayLike<number>, dense: Float32Array | null, pre: Float64Array, z: Float64Array, wideOn: boolean): void {
  const H = m.hidden;
  const { w1, w2, wd } = m;
  for (let j = 0; j < H; j++) pre[j] = m.b1[j]!;
  for (let i = 0; i < buckets.length; i++) {
    const base = buckets[i]! * H;
    for (let j = 0; j < H; j++) pre[j]! += w1[base + j]!;
  }
  const s = m.lexScale;
  for (let i = 0; i < lex.length; i++) {
    const base = lex[i]! * H;
    for (let j = 0; j < H; j++) pre[j]! += s * w1[base + j]!;
  }
  if (dense) for (let d = 0; d < dense.length; d++) {
    const v = dense[d]!;
    if (v === 0) continue;
    const base = d * H;
    for (let j = 0; j < H; j++) pre[j]! += v * wd[base + j]!;
  }
  for (let k = 0; k < HEADS; k++) z[k] = m.b2[k]!;
  for (let j = 0; j < H; j++) {
    const h = pre[j]! > 0 ? pre[j]! : 0;
    if (h === 0) continue;
    const base = j * HEADS;
    for (let k = 0; k < HEADS; k++) z[k]! += h * w2[base + k]!;
  }
  if (wideOn) {
    const w = m.wide;
    for (let i = 0; i < buckets.length; i++) {
      const base = buckets[i]! * HEADS;
      for (let k = 0; k < HEADS; k++) z[k]! += w[base + k]!;
    }
    for (let i = 0; i < lex.length; i++) {
      const base = lex[i]! * HEADS;
      for (let k = 0; k < HEADS; k++) z[k]! += s * w[base + k]!;
    }
  }
}

/** Probabilities of one unit under the network. */
export function mlpScore(m: Mlp, buckets: ArrayLike<number>, lex: ArrayLike<number>, dense: Float32Array | null, out: Float64Array): Float64Array {
  const pre = new Float64Array(m.hidden);
  mlpForward(m, buckets, lex, dense, pre, out, m.wide.length > 0);
  for (let k = 0; k < HEADS; k++) out[k] = 1 / (1 + Math.exp(-out[k]!));
  return out;
}

/** Train the network with AdaGrad, seeded initialisation and shuffles (deterministic). */
export function trainMlp(examples: readonly UnitExample[], opts: MlpOptions = DEFAULT_MLP): Mlp {
  const H = opts.hidden;
  const r = seededRandom(opts.seed);
  const nd = examples.find((e) => e.dense)?.dense?.length ?? 0;
  const m: Mlp = { hidden: H, w1: new Float64Array(opts.buckets * H), b1: new Float64Array(H).fill(0.01), w2: new Float64Array(H * HEADS), b2: new Float64Array(HEADS), wide: new Float64Array(opts.wide ? opts.buckets * HEADS : 0), wd: new Float64Array(nd * H), lexScale: opts.lexScale };
  for (let i = 0; i < m.w1.length; i++) m.w1[i] = (2 * r() - 1) * opts.init;
  for (let i = 0; i < m.wd.length; i++) m.wd[i] = (2 * r() - 1) * opts.init;
  const a2 = Math.sqrt(6 / (H + HEADS));
  for (let i = 0; i < m.w2.length; i++) m.w2[i] = (2 * r() - 1) * a2;
  for (let k = 0; k < HEADS; k++) {
    let pos = 0;
    for (const ex of examples) if (ex.labels & (1 << k)) pos++;
    const rate = (pos + 1) / (examples.length + 2);
    m.b2[k] = Math.log(rate / (1 - rate));
  }
  const G = (n: number): Float64Array => new Float64Array(n).fill(1e-8);
  const g1 = G(m.w1.length), gb1 = G(H), g2 = G(m.w2.length), gb2 = G(HEADS), gw = G(m.wide.length), gd = G(m.wd.length);
  const pre = new Float64Array(H);
  const z = new Float64Array(HEADS);
  const g = new Float64Array(HEADS);
  const gh = new Float64Array(H);
  const { lr, l2 } = opts;
  const step = (w: Float64Array, acc: Float64Array, j: number, grad: number): void => {
    acc[j]! += grad * grad;
    w[j]! -= (lr * grad) / Math.sqrt(acc[j]!);
  };
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const idx of order(examples.length, r)) {
      const ex = examples[idx]!;
      mlpForward(m, ex.buckets, ex.lex, ex.dense, pre, z, opts.wide);
      for (let k = 0; k < HEADS; k++) {
        const y = (ex.labels >> k) & 1;
        const p = 1 / (1 + Math.exp(-z[k]!));
        g[k] = (p - y) * ex.weight * (y ? opts.positiveWeight : 1);
      }
      gh.fill(0);
      for (let j = 0; j < H; j++) {
        const h = pre[j]! > 0 ? pre[j]! : 0;
        const base = j * HEADS;
        let s = 0;
        for (let k = 0; k < HEADS; k++) {
          s += g[k]! * m.w2[base + k]!;
          if (h > 0) step(m.w2, g2, base + k, g[k]! * h + l2 * m.w2[base + k]!);
        }
        if (h > 0) gh[j] = s;
      }
      for (let k = 0; k < HEADS; k++) step(m.b2, gb2, k, g[k]!);
      for (let j = 0; j < H; j++) if (gh[j] !== 0) step(m.b1, gb1, j, gh[j]!);
      const upd = (list: ArrayLike<number>, v: number): void => {
        for (let i = 0; i < list.length; i++) {
          const base = list[i]! * H;
          for (let j = 0; j < H; j++) if (gh[j] !== 0) step(m.w1, g1, base + j, v * gh[j]! + l2 * m.w1[base + j]!);
          if (opts.wide) {
            const wb = list[i]! * HEADS;
            for (let k = 0; k < HEADS; k++) step(m.wide, gw, wb + k, v * g[k]! + l2 * m.wide[wb + k]!);
          }
        }
      };
      upd(ex.buckets, 1);
      upd(ex.lex, opts.lexScale);
      if (ex.dense) for (let d = 0; d < nd; d++) {
        const v = ex.dense[d]!;
        if (v === 0) continue;
        for (let j = 0; j < H; j++) if (gh[j] !== 0) step(m.wd, gd, d * H + j, v * gh[j]! + l2 * m.wd[d * H + j]!);
      }
    }
  }
  return m;
}
