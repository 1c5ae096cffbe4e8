/**
 * Trains the clause-level aspect model (src/analyze/aspects/learned.ts) and writes models/aspects.v1.{bin,json}.
 *
 *   node train/aspects-model.ts            # cross-validate, choose thresholds, train on everything, write
 *   node train/aspects-model.ts --cv       # cross-validation only (nothing written)
 *
 * Data (training only; the frozen test test/fixtures/aspects-v2/test.jsonl is never read here, except to keep its
 * texts out of the cluster vocabulary): the 6,000 annotated rows of test/fixtures/aspects-v2/train.jsonl (1,200) and
 * test/fixtures/aspects-v3/train.jsonl (4,800), whose evidence spans label the clauses they overlap, and the 485
 * sentences of test/fixtures/aspects/*.jsonl (sentence-level labels, no evidence: each is one unit). Features use the
 * word clusters of aspects-clusters.ts (GloVe, fetched pinned into a cache outside git) when they can be had.
 *
 * Protocol: 5-fold cross-validation over the 6,000 evidence-labelled rows (seeded), the old sentences always in the
 * training folds; thresholds and the per-aspect decision modes are chosen on the pooled out-of-fold predictions; the
 * shipped model is then trained on all of it. Seeded and deterministic: the same data give the same bytes.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ASPECT_IDS, type AspectId } from '../src/analyze/card.ts';
import { aspectUnits, weakUnits } from '../src/analyze/aspects/index.ts';
import { createContext, type DocContext } from '../src/analyze/context.ts';
import { DENSE, GATES, HEADS, quantize, type Gate, scoreUnit, type AspectHeader, type WeakModel, type WordVectors } from '../src/analyze/aspects/learned.ts';
import { findEntities } from '../src/analyze/entities/index.ts';
import type { Model } from '../src/analyze/model.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { chooseModes, chooseThresholds, countCases, textAspects, DEFAULT_HEADS, DEFAULT_MLP, mlpScore, scores, trainHeads, trainMlp, type GoldPolarity, type HeadOptions, type MlpOptions, type TextCase, type UnitExample } from '../src/learn/aspects.ts';
import { readManifest, writeManifest } from '../src/learn/manifest.ts';
import { seededRandom } from '../src/learn/seeded-random.ts';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { loadModel, MODELS_DIR } from '../src/node/load-model.ts';
import { GLOVE_PACKAGE, VECTOR_SCALE, wordClusters } from './aspects-clusters.ts';

const FIXTURES = new URL('../test/fixtures/', import.meta.url).pathname;
const FOLDS = 5;

/**
 * Which clauses the model reads (learned.ts `Gate`): every clause. Cross-validated F1 on the 6,000 rows: 64.3 for
 * every clause, 63.9 for the clauses that name an aspect or hold an opinion word, 63.2 for those that name an aspect
 * (the earlier model's gate). ASPECT_GATE overrides it.
 */
const GATE = (process.env.ASPECT_GATE ?? 'all') as Gate;
if (!GATES.includes(GATE)) throw new Error(`ASPECT_GATE: one of ${GATES.join(', ')}`);
/**
 * Feature groups left out of the shipped model: the GloVe nearest-aspect bins ("near") and the film index's surname
 * roles ("role") did not raise the cross-validated F1 (61.5 and 60.8 against 61.7 without them, on the 1,200 v2 rows);
 * the weak-label model and the dense GloVe mean/max features (trainer options `weak`, `dense`) neither (60.6,
 * 60.7–61.1). The words of the rest of the sentence ("context") and bigrams of fine clusters ("fineBigram") changed
 * nothing (61.7, 61.8). On the 6,000 rows: word bigrams ("bigram") 63.4 with against 64.3 without; the rule cascade's
 * mentions as features with its polarity ("rule", ruleShare 1) 64.0, polarity 89.0 against 64.3, 88.6 without, and
 * without them the cascade reads only its terms (and the mentions of the aspects the rules decide), which is cheaper.
 * ASPECT_DROP overrides the list for experiments. Also on the 6,000 rows, against 64.1: the rest of the sentence as
 * context 63.7; whole sentences as units 64.2 (polarity 86.1); the clause model's confidence as features 64.4 (it would
 * read every clause's polarity in the card); labels only where a span covers 30% or 60% of the shorter of clause and
 * span 64.1, 64.0; positive weight 2 or 4: 63.9, 64.3; 20 epochs 64.3; heads averaged over 5 seeds 64.2. With l2 0.05 (64.6): 1,024 or 2,048 fine clusters (CLUSTER_PARAMS)
 * instead of 512: 64.5, 64.4.
 */
const DROP: ReadonlySet<string> = new Set((process.env.ASPECT_DROP ?? 'near,role,context,fineBigram,bigram,rule').split(',').filter(Boolean));
/** The folds' seed (ASPECT_CV_SEED: other folds, to see whether a difference outlasts the split). */
const CV_SEED = Number(process.env.ASPECT_CV_SEED ?? 20261202);

interface V2Row {
  id: string;
  text: string;
  aspects: { aspect: AspectId; polarity: GoldPolarity; evidence: string }[];
}
interface OldRow {
  id: string;
  text: string;
  aspects: Partial<Record<AspectId, '+' | '-'>>;
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** A prepared text: its units' features and labels, and what the text-level scorer needs. */
interface Prepared {
  id: string;
  gold: Map<AspectId, GoldPolarity>;
  units: { buckets: Int32Array; lex: Int32Array; dense: Float32Array | null; labels: number; clause: number; rules: Map<AspectId, number> }[];
}

export interface AspectTrainOptions {
  heads: HeadOptions;
  ruleShare: number;
  useOld: boolean;
  useClusters: boolean;
  oldWeight: number;
  /** Dense features: mean and max of the clause's GloVe vectors (shipped int8 for the vocabulary). */
  dense: boolean;
  /** Train the weak-label model and use its probabilities as features. */
  weak: boolean;
  /** Add the third set's rows (test/fixtures/aspects-v3/train.jsonl) to the evidence-labelled ones. */
  useV3: boolean;
  /** Let the rule cascade decide an aspect (alone or with the model) where that raises the cross-validated F1. */
  modes: boolean;
  /** The learner: the linear heads, the one-hidden-layer network, or the mean of both's probabilities. */
  learner: 'linear' | 'mlp' | 'both';
  mlp: MlpOptions;
  /** Linear heads trained from this many shuffle seeds and averaged (one linear model: the card's cost is unchanged). */
  seeds: number;
}

/** The linear heads, averaged over `seeds` shuffle seeds. */
function trainAveraged(train: readonly UnitExample[], heads: HeadOptions, seeds: number): ReturnType<typeof trainHeads> {
  const avg = trainHeads(train, heads);
  for (let s = 1; s < seeds; s++) {
    const h = trainHeads(train, { ...heads, seed: heads.seed + s });
    for (let i = 0; i < avg.weights.length; i++) avg.weights[i]! += h.weights[i]!;
    for (let k = 0; k < HEADS; k++) avg.bias[k]! += h.bias[k]!;
    for (let i = 0; i < avg.dense.length; i++) avg.dense[i]! += h.dense[i]!;
  }
  for (let i = 0; i < avg.weights.length; i++) avg.weights[i]! /= seeds;
  for (let k = 0; k < HEADS; k++) avg.bias[k]! /= seeds;
  for (let i = 0; i < avg.dense.length; i++) avg.dense[i]! /= seeds;
  return avg;
}

export const DEFAULT_ASPECT_TRAIN: AspectTrainOptions = { heads: DEFAULT_HEADS, ruleShare: 0, useOld: true, useV3: true, useClusters: true, oldWeight: 1, modes: true, weak: false, dense: false, learner: 'linear', mlp: DEFAULT_MLP, seeds: 1 };

/** A text's document context as the aspect stage sees it: entities found first (as the pipeline runs them), when asked. */
function contextOf(text: string, model: Model, entities: boolean): DocContext {
  const ctx = createContext(readDoc(text, { format: 'text' }), model);
  if (entities) ctx.entities = findEntities(ctx);
  return ctx;
}

/** A text's key for leaving the frozen test out of unannotated corpora: its letters only, lower-cased. */
export const textKey = (t: string): string => t.toLowerCase().replace(/[^a-z]/g, '');

export const WEAK_OPTIONS: HeadOptions = { buckets: 1 << 17, epochs: 3, lr: 0.1, l2: 1e-4, seed: 2, positiveWeight: 1, lexScale: 1, l2Dense: 0 };

/**
 * The weak-label model: every clause of the shared short texts (rt_flatiron snippets, MR, SST train and dev; the
 * frozen test's texts left out; never titled/), labelled by the rule cascade, read with its aspect terms masked.
 */
async function trainWeak(log: (s: string) => void, model: Model, exclude: ReadonlySet<string>): Promise<WeakModel> {
  const texts: string[] = [];
  for (const r of await loadJsonlGz<{ review: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))) if (r.review) texts.push(r.review);
  for (const r of await loadJsonlGz<{ text: string }>(dataFile('mr/rt_polarity.jsonl.gz'))) texts.push(r.text);
  for (const f of ['sst/sst_train.jsonl.gz', 'sst/sst_dev.jsonl.gz']) for (const r of await loadJsonlGz<{ text: string }>(dataFile(f))) texts.push(r.text);
  const seen = new Set<string>();
  const examples: UnitExample[] = [];
  const empty = new Int32Array(0);
  for (const t of texts) {
    const key = textKey(t);
    if (exclude.has(key) || seen.has(key)) continue;
    seen.add(key);
    for (const u of weakUnits(contextOf(t, model, false), WEAK_OPTIONS.buckets - 1)) examples.push({ buckets: u.buckets, lex: empty, dense: null, labels: u.labels, weight: 1 });
  }
  log(`aspects: weak labels on ${seen.size} texts, ${examples.length} clauses, ${examples.filter((e) => e.labels).length} with a rule-cascade aspect`);
  const h = trainHeads(examples, WEAK_OPTIONS);
  return { buckets: WEAK_OPTIONS.buckets, weights: Float32Array.from(h.weights), bias: Float32Array.from(h.bias) };
}

function prepare(text: string, id: string, gold: Map<AspectId, GoldPolarity>, evidence: { aspect: AspectId; evidence: string }[] | null, model: Model, clusters: ReadonlyMap<string, number>, mask: number, stats: { missing: number }, weak: WeakModel | null, vectors: WordVectors | null): Prepared {
  const ctx = contextOf(text, model, true);
  const { doc } = ctx;
  const readClause = ctx.clausePolarity;
  const units = aspectUnits(ctx, { clusters, mask, clauses: evidence !== null && !DROP.has('clauses'), drop: DROP, weak, vectors, gate: GATE, cascade: null });
  const spans: { k: number; start: number; end: number }[] = [];
  if (evidence) {
    for (const e of evidence) {
      const k = ASPECT_IDS.indexOf(e.aspect);
      let at = doc.text.indexOf(e.evidence);
      if (at < 0) at = doc.text.toLowerCase().indexOf(e.evidence.toLowerCase().trim());
      if (at < 0) {
        stats.missing++;
        spans.push({ k, start: 0, end: doc.text.length });
      } else spans.push({ k, start: at, end: at + e.evidence.trim().length });
    }
  }
  const { start, end } = doc.tokens;
  return {
    id,
    gold,
    units: units.map((u) => {
      let labels = 0;
      if (evidence) {
        const s = start[u.tokenStart]!;
        const e = end[u.tokenEnd - 1]!;
        for (const sp of spans) if (sp.start < e && s < sp.end) labels |= 1 << sp.k;
      } else for (const a of gold.keys()) labels |= 1 << ASPECT_IDS.indexOf(a);
      return { buckets: u.buckets, lex: u.lex, dense: u.dense, labels, clause: readClause(u.tokenStart, u.tokenEnd), rules: u.rules };
    }),
  };
}

function examplesOf(rows: readonly Prepared[], weight: number): UnitExample[] {
  return rows.flatMap((r) => r.units.map((u) => ({ buckets: u.buckets, lex: u.lex, dense: u.dense, labels: u.labels, weight })));
}

function scoreCases(rows: readonly Prepared[], heads: { weights: Float64Array; bias: Float64Array; dense: Float64Array }, lexScale: number): TextCase[] {
  return rows.map((r) => ({
    id: r.id,
    gold: r.gold,
    units: r.units.map((u) => {
      const p = scoreUnit({ weights: heads.weights, bias: heads.bias, lexScale, dense: heads.dense }, u.buckets, u.lex, new Float64Array(HEADS), u.dense);
      return { p, clause: u.clause, rules: u.rules, weight: 1 };
    }),
  }));
}

export interface AspectBuild {
  header: AspectHeader & { cv: unknown };
  weights: Uint8Array;
}

export async function buildAspects(log: (s: string) => void, opts: AspectTrainOptions = DEFAULT_ASPECT_TRAIN, cvOnly = false): Promise<AspectBuild | null> {
  // The annotated training rows with evidence: the second set's train part and the third set (when joined).
  const v3Path = `${FIXTURES}aspects-v3/train.jsonl`;
  const v3 = opts.useV3 && existsSync(v3Path) ? readJsonl<V2Row>(v3Path) : [];
  const v2 = [...readJsonl<V2Row>(`${FIXTURES}aspects-v2/train.jsonl`), ...v3];
  const old = readdirSync(`${FIXTURES}aspects`)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readJsonl<OldRow>(`${FIXTURES}aspects/${f}`));
  // The frozen test's texts are read only to keep them out of the cluster vocabulary.
  const exclude = new Set(readJsonl<{ text: string }>(`${FIXTURES}aspects-v2/test.jsonl`).map((r) => textKey(r.text)));
  // The sentiment model and word tables only: the features read its clause polarity and the rule cascade, never an older aspect model.
  const model: Model = loadModel(MODELS_DIR, { aspects: false });
  const wc = opts.useClusters ? await wordClusters(log, exclude, model.lexicon.aspects) : null;
  if (opts.useClusters && !wc) log('aspects: no word clusters (embeddings unavailable): training without them');
  const clusters = new Map<string, number>();
  if (wc) wc.words.forEach((w, i) => clusters.set(w, wc.ids[i]!));
  const mask = opts.heads.buckets - 1;
  const weak = opts.weak ? await trainWeak(log, model, exclude) : null;
  let vectors: WordVectors | null = null;
  let vectorBytes = new Uint8Array(0);
  if (wc && opts.dense) {
    vectorBytes = new Uint8Array(Buffer.from(wc.vectors, 'base64'));
    const rows = new Map<string, number>();
    for (let i = 0; i < wc.vectorCount; i++) rows.set(wc.words[i]!, i);
    vectors = { rows, data: new Int8Array(vectorBytes.buffer, vectorBytes.byteOffset, vectorBytes.byteLength), scale: VECTOR_SCALE };
  }
  const stats = { missing: 0 };
  const prepV2 = v2.map((r) => prepare(r.text, r.id, new Map(r.aspects.map((a) => [a.aspect, a.polarity])), r.aspects, model, clusters, mask, stats, weak, vectors));
  const prepOld = opts.useOld ? old.map((r) => prepare(r.text, r.id, new Map(Object.entries(r.aspects).map(([a, p]) => [a as AspectId, p === '+' ? 'pos' : 'neg'])), null, model, clusters, mask, stats, weak, vectors)) : [];
  log(`aspects: ${prepV2.length} annotated rows (${prepV2.reduce((a, r) => a + r.units.length, 0)} clauses), ${prepOld.length} old sentences; ${stats.missing} evidence spans not found`);

  {
    // Reference: the rule cascade alone on the same rows.
    const ruleCases: TextCase[] = prepV2.map((r) => ({ id: r.id, gold: r.gold, units: r.units.map((u) => ({ p: Float64Array.from(ASPECT_IDS, (a) => (u.rules.has(a) ? 1 : 0)), clause: u.clause, rules: u.rules, weight: 1 })) }));
    const rcc = countCases(ruleCases, new Float64Array(HEADS).fill(0.5), 1);
    const rc = scores(rcc.overall);
    log(`  rule F1 by aspect: ${ASPECT_IDS.map((a) => `${a} ${(100 * scores(rcc.perAspect[a]).f1).toFixed(1)}`).join(', ')}`);
    log(`aspects: rule cascade on the annotated train rows: P ${(100 * rc.precision).toFixed(1)} R ${(100 * rc.recall).toFixed(1)} F1 ${(100 * rc.f1).toFixed(1)} polarity ${(100 * rc.polarity).toFixed(1)}`);
  }
  // Cross-validation over the annotated rows, seeded folds.
  const fold = new Uint8Array(prepV2.length);
  {
    const r = seededRandom(CV_SEED);
    const idx = [...prepV2.keys()];
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((row, n) => (fold[row] = n % FOLDS));
  }
  const oof: TextCase[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const train = [...examplesOf(prepV2.filter((_, i) => fold[i] !== f), 1), ...examplesOf(prepOld, opts.oldWeight)];
    const test = prepV2.filter((_, i) => fold[i] === f);
    const lin = opts.learner !== 'mlp' ? scoreCases(test, trainAveraged(train, opts.heads, opts.seeds), opts.heads.lexScale) : null;
    const net = opts.learner !== 'linear' ? trainMlp(train, opts.mlp) : null;
    const cases = lin ?? scoreCases(test, { weights: new Float64Array(opts.heads.buckets * HEADS), bias: new Float64Array(HEADS), dense: new Float64Array(HEADS * DENSE) }, 0);
    if (net) {
      const q = new Float64Array(HEADS);
      test.forEach((r, ri) => r.units.forEach((u, ui) => {
        mlpScore(net, u.buckets, u.lex, u.dense, q);
        const p = cases[ri]!.units[ui]!.p;
        for (let k = 0; k < HEADS; k++) p[k] = lin ? (p[k]! + q[k]!) / 2 : q[k]!;
      }));
    }
    oof.push(...cases);
  }
  const thresholds = chooseThresholds(oof, opts.ruleShare);
  const modes = opts.modes ? chooseModes(oof, thresholds, opts.ruleShare) : new Uint8Array(HEADS);
  const cv = countCases(oof, thresholds, opts.ruleShare, modes);
  const o = scores(cv.overall);
  const perAspect = Object.fromEntries(ASPECT_IDS.map((a) => [a, cv.perAspect[a]]));
  log(`aspects CV (${FOLDS}-fold, ${prepV2.length} annotated train rows): P ${(100 * o.precision).toFixed(1)} R ${(100 * o.recall).toFixed(1)} F1 ${(100 * o.f1).toFixed(1)} polarity ${(100 * o.polarity).toFixed(1)} (n=${cv.overall.polarityMatched}); thresholds ${[...thresholds].map((t) => t.toFixed(3)).join(' ')}; modes ${[...modes].join('')}`);
  for (const a of ASPECT_IDS) {
    const s = scores(cv.perAspect[a]);
    log(`  ${a.padEnd(10)} gold ${String(cv.perAspect[a].tp + cv.perAspect[a].fn).padStart(4)} P ${(100 * s.precision).toFixed(1).padStart(5)} R ${(100 * s.recall).toFixed(1).padStart(5)} F1 ${(100 * s.f1).toFixed(1).padStart(5)} pol ${(100 * s.polarity).toFixed(1).padStart(5)}`);
  }
  if (process.env.ASPECT_ERRORS) {
    const byId = new Map(v2.map((r) => [r.id, r]));
    for (const c of oof) {
      const found = textAspects(c.units, thresholds, opts.ruleShare, modes);
      const fp = [...found.keys()].filter((a) => !c.gold.has(a));
      const fn = [...c.gold.keys()].filter((a) => !found.has(a));
      if (fp.length || fn.length) console.log(`${c.id}\tFP ${fp.join(',')}\tFN ${fn.join(',')}\t${byId.get(c.id)!.text.slice(0, 200)}\t${byId.get(c.id)!.aspects.map((a) => `${a.aspect}:${a.evidence}`).join(' | ')}`);
    }
  }
  if (cvOnly) return null;

  const heads = trainAveraged([...examplesOf(prepV2, 1), ...examplesOf(prepOld, opts.oldWeight)], opts.heads, opts.seeds);
  const { scale, bytes: mainBytes } = quantize(heads.weights);
  const weakQ = weak ? quantize(weak.weights) : null;
  const bytes = new Uint8Array(mainBytes.length + (weakQ?.bytes.length ?? 0) + vectorBytes.length);
  bytes.set(mainBytes);
  if (weakQ) bytes.set(weakQ.bytes, mainBytes.length);
  bytes.set(vectorBytes, mainBytes.length + (weakQ?.bytes.length ?? 0));
  const round = (x: number): number => Math.round(x * 1e6) / 1e6;
  return {
    header: {
      buckets: opts.heads.buckets,
      scale,
      bias: [...heads.bias].map(round),
      thresholds: [...thresholds].map(round),
      modes: [...modes],
      ruleShare: opts.ruleShare,
      lexScale: opts.heads.lexScale,
      weakBuckets: weak ? weak.buckets : 0,
      weakScale: weakQ?.scale ?? 0,
      weakBias: weak ? [...weak.bias].map(round) : [],
      vectorCount: vectors ? wc!.vectorCount : 0,
      vectorScale: VECTOR_SCALE,
      dense: vectors ? [...heads.dense].map(round) : [],
      drop: [...DROP].sort(),
      gate: GATE,
      words: wc?.words ?? [],
      clusters: wc?.ids ?? [],
      cv: {
        protocol: `${FOLDS}-fold cross-validation over the ${prepV2.length} rows of test/fixtures/aspects-v2/train.jsonl and aspects-v3/train.jsonl (seed ${CV_SEED}); the ${prepOld.length} old sentences in every training fold; thresholds and decision modes chosen on the pooled out-of-fold predictions`,
        rows: prepV2.length,
        overall: cv.overall,
        perAspect,
      },
    },
    weights: bytes,
  };
}


/** What models/MANIFEST.json says of the aspect model. */
export const ASPECT_MANIFEST = {
  what: {
    bin: 'aspect model: one logistic regression per aspect (10 heads) over hashed clause features, int16 little-endian, bucket-major',
    json: 'aspect model header: bias, int16 scale, per-aspect thresholds, polarity blend, GloVe-distilled word clusters (ids only), cross-validated training figures',
  },
  command: 'node train/aspects-model.ts (also part of npm run train)',
  data: ['test/fixtures/aspects-v2/train.jsonl', 'test/fixtures/aspects-v3/train.jsonl', 'test/fixtures/aspects/*.jsonl', `${GLOVE_PACKAGE} (npm, PDDL; fetched pinned into a cache outside git, clusters only shipped)`, '../shared/data rt_flatiron/MR/SST texts (cluster vocabulary only)'],
};

/** Write the aspect files' entries into models/MANIFEST.json, keeping the rest of it. */
export function updateManifest(): void {
  const m = readManifest(MODELS_DIR);
  m.files['aspects.v1.bin'] = { sha256: '', bytes: 0, what: ASPECT_MANIFEST.what.bin, source: ASPECT_MANIFEST.command };
  m.files['aspects.v1.json'] = { sha256: '', bytes: 0, what: ASPECT_MANIFEST.what.json, source: ASPECT_MANIFEST.command };
  m.aspects = ASPECT_MANIFEST;
  writeManifest(MODELS_DIR, m);
}

/** Train the aspect model and write its files and manifest entries (after the sentiment model it reads). */
export async function writeAspects(log: (s: string) => void): Promise<void> {
  const built = (await buildAspects(log))!;
  writeFileSync(`${MODELS_DIR}aspects.v1.bin`, built.weights);
  writeFileSync(`${MODELS_DIR}aspects.v1.json`, `${JSON.stringify(built.header)}\n`);
  updateManifest();
  log('wrote models/aspects.v1.bin, models/aspects.v1.json and their MANIFEST.json entries');
}

if (import.meta.main) {
  const started = performance.now();
  const log = (s: string): void => console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${s}`);
  const args = process.argv.slice(2);
  const opts: AspectTrainOptions = structuredClone(DEFAULT_ASPECT_TRAIN);
  for (const a of args) {
    const m = /^--(\w+)=(.*)$/.exec(a);
    if (!m) continue;
    const [, k, v] = m;
    if (k!.startsWith('mlp_')) (opts.mlp as unknown as Record<string, number | boolean>)[k!.slice(4)] = v === 'true' ? true : v === 'false' ? false : Number(v);
    else if (k === 'learner') opts.learner = v as AspectTrainOptions['learner'];
    else if (k! in opts.heads) (opts.heads as unknown as Record<string, number>)[k!] = Number(v);
    else if (k === 'ruleShare' || k === 'oldWeight' || k === 'seeds') opts[k] = Number(v);
    else if (k === 'l2Dense') opts.heads.l2Dense = Number(v);
    else if (k === 'useOld' || k === 'useV3' || k === 'useClusters' || k === 'modes' || k === 'weak' || k === 'dense') opts[k] = v === 'true';
  }
  const built = await buildAspects(log, opts, args.includes('--cv'));
  if (built) {
    writeFileSync(`${MODELS_DIR}aspects.v1.bin`, built.weights);
    writeFileSync(`${MODELS_DIR}aspects.v1.json`, `${JSON.stringify(built.header)}\n`);
    updateManifest();
    log('wrote models/aspects.v1.bin, models/aspects.v1.json and their MANIFEST.json entries');
  }
}
