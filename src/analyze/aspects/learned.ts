/**
 * The learned aspect model: for each clause, which of the ten aspects it judges (one logistic regression per
 * aspect over hashed features, "none" when no aspect passes its threshold), and with what polarity.
 *
 * Every clause is read (the model's `gate` can narrow that to the clauses that name an aspect). Features of a clause,
 * as groups the trainer keeps or leaves out (`drop`): its lower-cased words and word bigrams, the GloVe-distilled
 * word clusters of its words (two granularities), the aspect terms and opinion words of the lexicon (`aspectAt`,
 * `opinionHits`), the rule cascade's own reading of the clause, names of people as terms of acting or direction, and
 * the words of the rest of its sentence as context. Training is in src/learn/aspects.ts; the weights are loaded from
 * models/aspects.v1.* by src/node/load-model.ts.
 */
import type { AspectId } from '../card.ts';
import { ASPECT_IDS } from '../card.ts';
import { hashWord, mix } from '../sentiment/features.ts';
import { TokenKind } from '../text/tokens.ts';
import { MAX_CLAUSE_TOKENS, opinionHits, type OpinionHit } from '../clauses/index.ts';
import type { DocContext } from '../context.ts';

/** The model as data (validated once at load). */
export interface AspectModel {
  /** Hash buckets (a power of two). */
  buckets: number;
  /** `weights[bucket * heads + k] / scale`: aspect k's weight (heads = ASPECT_IDS.length), kept as int16: a small table reads fast. */
  weights: Int16Array;
  scale: number;
  bias: Float32Array;
  /** Probability at or above which a clause judges aspect k. */
  thresholds: Float32Array;
  /** Who decides aspect k: 0 the model, 1 the rule cascade, 2 either (chosen by cross-validation). */
  modes: Uint8Array;
  /** word → roles * 2^25 + near * 2^20 + coarse * 4096 + fine: GloVe k-means cluster ids (fine 4095: none), the aspect whose terms are nearest (0: none), and a surname's roles in the film index (bits: directed, acted, wrote). */
  clusters: ReadonlyMap<string, number>;
  clusterTable: ClusterTable;
  /** Weight of the word features against the lexicon and cluster ones. */
  lexScale: number;
  weak: WeakModel | null;
  /** Word vectors (GloVe, unit length, int8) and the weights of the dense clause features (HEADS × DENSE). */
  vectors: WordVectors | null;
  dense: Float32Array;
  /** Which clauses the model reads (the others judge no aspect). */
  gate: Gate;
  /** Feature groups the model was trained without (the trainer's choice by cross-validation). */
  drop: ReadonlySet<string>;
  /** Polarity: share of the rule cascade's lexicon polarity where it read the clause (the rest: the clause model). */
  ruleShare: number;
}

/**
 * The weak-label model: one logistic regression per aspect trained on ~60k unannotated snippets and sentences
 * whose clauses the rule cascade labelled, reading the clause's words with the aspect terms masked, so that it
 * learns how opinions of each aspect are worded beyond the terms. Its probabilities are features of the main model.
 */
export interface WeakModel {
  buckets: number;
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * Cluster ids by the word's hash (hashWord), open addressing: a token's id without building its string key. Each
 * slot is a (hash, id) pair side by side, so that a probe reads one cache line.
 */
export interface ClusterTable {
  /** `slots[2i]`: the word hash (as int32), `slots[2i + 1]`: its id (-1: empty slot). */
  slots: Int32Array;
  mask: number;
}

export function clusterTable(clusters: ReadonlyMap<string, number>): ClusterTable {
  let size = 1;
  while (size < clusters.size * 2) size <<= 1;
  const slots = new Int32Array(2 * size);
  for (let i = 1; i < slots.length; i += 2) slots[i] = -1;
  for (const [w, id] of clusters) {
    const h = hashWord(w) || 1;
    let i = h & (size - 1);
    while (slots[2 * i + 1] !== -1 && slots[2 * i] !== (h | 0)) i = (i + 1) & (size - 1);
    slots[2 * i] = h;
    slots[2 * i + 1] = id;
  }
  return { slots, mask: size - 1 };
}

/** The cluster id of a word hash, or -1. */
export function clusterOf(t: ClusterTable, hash: number): number {
  const h = (hash || 1) | 0;
  const { slots, mask } = t;
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const v = slots[2 * i + 1]!;
    if (v === -1 || slots[2 * i] === h) return v;
  }
}

/** Unit word vectors by word, int8 (value × scale), 100 per row. */
export interface WordVectors {
  rows: ReadonlyMap<string, number>;
  data: Int8Array;
  scale: number;
}

/** Dense clause features: the mean and the maximum of its words' vectors. */
export const DIM = 100;
export const DENSE = 2 * DIM;

/** The parts of a rule-cascade mention the features read. */
export interface RuleMention {
  aspect: AspectId;
  tokenStart: number;
  polarity: number;
}

/** The header of models/aspects.v1.json. */
export interface AspectHeader {
  buckets: number;
  scale: number;
  bias: number[];
  thresholds: number[];
  modes: number[];
  ruleShare: number;
  lexScale: number;
  /** Buckets and int16 scale of the weak-label table that follows the main one in the .bin file (0: none). */
  weakBuckets: number;
  weakScale: number;
  weakBias: number[];
  /** Rows of int8 word vectors after the weight tables in the .bin file (the first `vectorCount` of `words`). */
  vectorCount: number;
  vectorScale: number;
  dense: number[];
  drop: string[];
  /** Which clauses the model reads (models written before it was a choice: `gated`, true for 'named'). */
  gate?: Gate;
  gated?: boolean;
  /** Cluster ids by word: `clusters[k]` is the id of `words[k]`. */
  words: string[];
  clusters: number[];
}

export const HEADS = ASPECT_IDS.length;

/**
 * Which clauses the model reads: those that name an aspect (a lexicon term or a person), those that name one or
 * hold an opinion word of the lexicon, or every clause. A clause it does not read judges no aspect.
 */
export type Gate = 'named' | 'opinion' | 'all';
export const GATES: readonly Gate[] = ['named', 'opinion', 'all'];
const ASPECT_INDEX: ReadonlyMap<AspectId, number> = new Map(ASPECT_IDS.map((a, i) => [a, i]));

/**
 * The aspects whose rule-cascade mentions the model reads: all of them (null) when it takes rule features or
 * polarity from the cascade, else those the rules decide (alone or with the model; `modes`), often none. The
 * cascade then reads only the clauses that name one of those aspects, and only its terms elsewhere.
 */
export function ruleAspects(m: { drop: ReadonlySet<string>; ruleShare: number; modes: ArrayLike<number> }): AspectId[] | null {
  if (!m.drop.has('rule') || m.ruleShare > 0) return null;
  return ASPECT_IDS.filter((_, k) => m.modes[k] !== 0);
}

/** Rebuild the typed model from the header and the int16 weight table. */
export function aspectModelFromParts(h: AspectHeader, bytes: Uint8Array): AspectModel {
  const n = h.buckets * HEADS;
  const nw = h.weakBuckets * HEADS;
  const nv = h.vectorCount * DIM;
  if (bytes.byteLength !== (n + nw) * 2 + nv) throw new Error(`aspects model: expected ${(n + nw) * 2 + nv} bytes, got ${bytes.byteLength}`);
  const q = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (n + nw) * 2));
  const weights = q.slice(0, n);
  let vectors: WordVectors | null = null;
  if (nv > 0) {
    const rows = new Map<string, number>();
    for (let i = 0; i < h.vectorCount; i++) rows.set(h.words[i]!, i);
    vectors = { rows, data: new Int8Array(bytes.buffer.slice(bytes.byteOffset + (n + nw) * 2, bytes.byteOffset + bytes.byteLength)), scale: h.vectorScale };
  }
  let weak: WeakModel | null = null;
  if (nw > 0) {
    const ww = new Float32Array(nw);
    for (let i = 0; i < nw; i++) ww[i] = q[n + i]! / h.weakScale;
    weak = { buckets: h.weakBuckets, weights: ww, bias: Float32Array.from(h.weakBias) };
  }
  const clusters = new Map<string, number>();
  h.words.forEach((w, i) => clusters.set(w, h.clusters[i]!));
  return { buckets: h.buckets, weights, scale: h.scale, bias: Float32Array.from(h.bias), thresholds: Float32Array.from(h.thresholds), modes: Uint8Array.from(h.modes), clusters, ruleShare: h.ruleShare, lexScale: h.lexScale, drop: new Set(h.drop), gate: h.gate ?? (h.gated ? 'named' : 'all'), clusterTable: clusterTable(clusters), weak, vectors, dense: Float32Array.from(h.dense.length ? h.dense : new Array<number>(HEADS * DENSE).fill(0)) };
}

/** Int16 quantisation of a weight table: the scale that maps the largest |w| to 32767. */
export function quantize(weights: Float64Array | Float32Array): { scale: number; bytes: Uint8Array } {
  let max = 1e-9;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = Math.floor(32767 / max);
  const q = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i]! * scale);
  return { scale, bytes: new Uint8Array(q.buffer) };
}

const SALT = {
  bias: 0x1001,
  word: 0x2002,
  bigram: 0x3003,
  coarse: 0x4004,
  fine: 0x5005,
  term: 0x6006,
  termOpinion: 0x7007,
  person: 0x8008,
  rule: 0x9009,
  ruleSign: 0xa00a,
  context: 0xb00b,
  contextRule: 0xc00c,
  opinion: 0xd00d,
  length: 0xe00e,
  fineBigram: 0xf00f,
  contextTerm: 0x10010,
  first: 0x11011,
  near: 0x12012,
  nearAspect: 0x13013,
  nearOpinion: 0x14014,
  weak: 0x15015,
  weakOpinion: 0x16016,
  role: 0x17017,
  roleOpinion: 0x18018,
} as const;

/** Is the character at `at` an upper-case letter? */
function upperAt(text: string, at: number): boolean {
  const ch = text[at] ?? '';
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
const EMPTY = new Int32Array(0);
const START = hashWord('<s>');
const END = hashWord('</s>');
const TERM = hashWord('<term>');

/** One clause of a doc with its feature buckets. */
export interface ClauseUnit {
  sentence: number;
  tokenStart: number;
  tokenEnd: number;
  /** Lexicon, rule and shape features (weight 1). */
  buckets: Int32Array;
  /** Word, word-bigram and cluster features (weighted by the model's `lexScale`). */
  lex: Int32Array;
  /** Mean and maximum of the words' vectors (DENSE values), or null without vectors. */
  dense: Float32Array | null;
}

/** Mean and maximum of the vectors of the words of `[a, b)`. */
export function denseOf(v: WordVectors, words: readonly string[], a: number, b: number): Float32Array {
  const out = new Float32Array(DENSE);
  out.fill(-Infinity, DIM);
  let n = 0;
  for (let i = a; i < b; i++) {
    const r = v.rows.get(words[i]!);
    if (r === undefined) continue;
    n++;
    const base = r * DIM;
    for (let d = 0; d < DIM; d++) {
      const x = v.data[base + d]! / v.scale;
      out[d]! += x;
      if (x > out[DIM + d]!) out[DIM + d] = x;
    }
  }
  if (n === 0) out.fill(0);
  else for (let d = 0; d < DIM; d++) out[d]! /= n;
  return out;
}

/** What the features need besides the doc: term aspects by token and the rule cascade's mentions. */
export interface FeatureInput {
  /** The document context: the doc, its words, the word tables and the clauses of each sentence. */
  ctx: Pick<DocContext, 'doc' | 'words' | 'lexicon' | 'clausesOf'>;
  /** Aspect term at each token (the cascade's terms and people's names), or undefined. */
  terms: readonly (AspectId | undefined)[];
  /** Which terms are names of people. */
  personTokens: ReadonlySet<number>;
  rules: readonly RuleMention[];
  clusters: ReadonlyMap<string, number>;
  mask: number;
  /** Cut the sentences into clauses (true) or read each sentence as one unit. */
  clauses?: boolean;
  /** Feature groups left out (training experiments). */
  drop?: ReadonlySet<string>;
  /** Word vectors for the dense features (none: no dense features). */
  vectors?: WordVectors | null;
  /** Which clauses to read (all when absent). */
  gate?: Gate;
  /** Opinion hits of clauses the caller has read already, by the clause's first token. */
  hits?: ReadonlyMap<number, readonly OpinionHit[]>;
  /** The model's cluster table: token ids by hash (else `clusters` by word, as in training). */
  table?: ClusterTable;
  /** Text written all in lower case: every word may be a name. */
  caseless?: boolean;
  /** The weak-label model, whose probabilities become features. */
  weak?: WeakModel | null;
}

/** Masked word features of `[a, b)` for the weak-label model: words and bigrams, aspect terms as one placeholder. */
export function weakBuckets(words: readonly string[], terms: readonly (AspectId | undefined)[], a: number, b: number, mask: number): Int32Array {
  const f: number[] = [SALT.bias];
  let prev = START;
  for (let i = a; i < b; i++) {
    const h = terms[i] ? TERM : hashWord(words[i]!);
    if (h !== TERM) f.push(mix(SALT.word, h));
    f.push(mix(mix(SALT.bigram, prev), h));
    prev = h;
  }
  f.push(mix(mix(SALT.bigram, prev), END));
  return bucketsOf(f, mask);
}

type Flags = Record<'NE' | 'RO' | 'W' | 'BI' | 'CL' | 'FB' | 'FI' | 'CT' | 'RU' | 'OP' | 'WK', boolean>;

/** Which feature groups are on. */
function flagsOf(drop: ReadonlySet<string> | undefined): Flags {
  const on = (g: string): boolean => !drop || !drop.has(g);
  return { NE: on('near'), RO: on('role'), W: on('word'), BI: on('bigram'), CL: on('cluster'), FB: on('fineBigram'), FI: on('first'), CT: on('context'), RU: on('rule'), OP: on('opinion'), WK: on('weak') };
}

/**
 * Where `unitBuckets` puts a clause's features (masked buckets): kept as lists (training, evaluation), or summed
 * into the heads' scores at once (the card, `HeadSums`).
 */
export interface FeatureSink {
  /** Start a clause. */
  reset(): void;
  /** A lexicon, rule or shape feature (weight 1). */
  core(bucket: number): void;
  /** A word or cluster feature (weighted by the model's `lexScale`). */
  lex(bucket: number): void;
}

/** The buckets of one clause as lists. */
class BucketLists implements FeatureSink {
  readonly f: number[] = [];
  readonly x: number[] = [];
  reset(): void {
    this.f.length = 0;
    this.x.length = 0;
  }
  core(bucket: number): void {
    this.f.push(bucket);
  }
  lex(bucket: number): void {
    this.x.push(bucket);
  }
}

/** The int16 weights of one clause's buckets summed per head (exact integers, so in any order). */
export class HeadSums implements FeatureSink {
  // Plain arrays: a Float64Array of ten is past V8's on-heap size and costs a buffer allocation per review.
  readonly coreSum: number[] = new Array<number>(HEADS).fill(0);
  readonly lexSum: number[] = new Array<number>(HEADS).fill(0);
  readonly #w: Int16Array;
  constructor(weights: Int16Array) {
    this.#w = weights;
  }
  reset(): void {
    this.coreSum.fill(0);
    this.lexSum.fill(0);
  }
  core(bucket: number): void {
    const w = this.#w;
    const s = this.coreSum;
    const base = bucket * HEADS;
    for (let k = 0; k < HEADS; k++) s[k]! += w[base + k]!;
  }
  lex(bucket: number): void {
    const w = this.#w;
    const s = this.lexSum;
    const base = bucket * HEADS;
    for (let k = 0; k < HEADS; k++) s[k]! += w[base + k]!;
  }
  /** The heads' probabilities of the clause summed so far, into `out`. */
  probabilities<T extends Float64Array | number[]>(model: AspectModel, out: T): T {
    return headProbabilities(model, this.lexSum, this.coreSum, out);
  }
}

/** Probability of each head from its summed int16 word weights and core weights. */
function headProbabilities<T extends Float64Array | number[]>(model: AspectModel, lexSum: ArrayLike<number>, coreSum: ArrayLike<number>, out: T): T {
  const inv = 1 / model.scale;
  const ls = model.lexScale;
  for (let k = 0; k < HEADS; k++) out[k] = 1 / (1 + Math.exp(-(model.bias[k]! + inv * (ls * lexSum[k]! + coreSum[k]!))));
  return out;
}

/** Arrays one doc's clauses reuse while their features are gathered (emptied for each clause). */
interface Scratch {
  nears: number[];
  roles: number[];
}

/**
 * Feature buckets of one token range `[a, b)` (whose sentence's tokens are `[sa, sb)`), masked, into `scratch.f`
 * (core) and `scratch.x` (words and clusters): `sentenceRules` holds the rule cascade's mentions of that sentence
 * by their clause's first token, in token order.
 */
function unitBuckets(input: FeatureInput, a: number, b: number, sa: number, sb: number, sentenceRules: readonly (readonly [number, readonly RuleMention[]])[], flags: Flags, clauseHits: readonly OpinionHit[] | undefined, scratch: Scratch, sink: FeatureSink): void {
  const { mask } = input;
  // Buckets (masked at once, so the arrays hold small integers).
  scratch.nears.length = 0;
  scratch.roles.length = 0;
  sink.reset();
  sink.core(SALT.bias & mask);
  tokenBuckets(input, a, b, flags, scratch, sink);
  const hits = flags.OP ? (clauseHits ?? input.hits?.get(a) ?? opinionHits(input.ctx, a, b)) : [];
  if (hits.length) opinionBuckets(input, a, b, hits, scratch, sink);
  for (const [, ms] of flags.RU ? rulesIn(sentenceRules, a, a + 1) : NO_RUNS) {
    for (const m of ms) {
      sink.core((mix(SALT.rule, ASPECT_INDEX.get(m.aspect)!)) & mask);
      sink.core((mix(SALT.ruleSign, ASPECT_INDEX.get(m.aspect)! * 2 + (m.polarity >= 0 ? 1 : 0))) & mask);
    }
  }
  sink.core((mix(SALT.length, Math.min(6, Math.floor(Math.log2(1 + b - a))))) & mask);
  contextBuckets(input, a, b, sa, sb, sentenceRules, flags, sink);
  if (input.weak && flags.WK) weakModelBuckets(input, input.weak, a, b, hits.length > 0, sink);
}

/** The buckets of each token of `[a, b)`: words, bigrams, the first word, roles, nearness, clusters and terms. */
function tokenBuckets(input: FeatureInput, a: number, b: number, flags: Flags, scratch: Scratch, sink: FeatureSink): void {
  const { terms, personTokens, clusters, mask } = input;
  const { words, doc } = input.ctx;
  const { nears, roles } = scratch;
  const caseless = input.caseless ?? false;
  const { NE, RO, W, BI, CL, FB, FI } = flags;
  let prev = START;
  let prevFine = -1;
  let firstWord = true;
  const table = input.table;
  const hashes = doc.tokens.hash;
  for (let i = a; i < b; i++) {
    const w = words[i]!;
    const h = hashes[i]! >>> 0; // hashToken of the token, computed once by the tokenizer
    if (W) sink.lex((mix(SALT.word, h)) & mask);
    if (BI) sink.lex((mix(mix(SALT.bigram, prev), h)) & mask);
    if (firstWord && doc.tokens.kind[i] !== TokenKind.punct) {
      if (FI) sink.lex((mix(SALT.first, h)) & mask);
      firstWord = false;
    }
    prev = h;
    const tc = table ? clusterOf(table, h) : (clusters.get(w) ?? -1);
    const c = tc < 0 ? undefined : tc;
    // A surname in the film index (possessive or not), written as a name.
    const rc = RO && (w.endsWith("'s") || w.endsWith("s'")) ? clusters.get(w.slice(0, -2)) : c;
    if (rc !== undefined && rc >= 1 << 25 && RO && (caseless || upperAt(doc.text, doc.tokens.start[i]!))) {
      roles.push(rc >>> 25);
      sink.core((mix(SALT.role, rc >>> 25)) & mask);
    }
    if (c !== undefined && (c >>> 20) & 31 && NE && !terms[i]) {
      const near = (c >>> 20) & 31;
      sink.core((mix(SALT.near, near)) & mask);
      sink.core((mix(SALT.nearAspect, Math.floor((near - 1) / 3))) & mask);
      nears.push(near);
    }
    if (c !== undefined && CL && (c & 4095) !== 4095) {
      sink.lex((mix(SALT.coarse, (c >>> 12) & 255)) & mask);
      sink.lex((mix(SALT.fine, c & 4095)) & mask);
      if (prevFine >= 0 && FB) sink.lex((mix(mix(SALT.fineBigram, prevFine), c & 4095)) & mask);
      prevFine = c & 4095;
    } else prevFine = -1;
    const t = terms[i];
    if (t) sink.core((mix(personTokens.has(i) ? SALT.person : SALT.term, ASPECT_INDEX.get(t)!)) & mask);
  }
  if (BI) sink.lex((mix(mix(SALT.bigram, prev), END)) & mask);
}

/** The buckets of a clause `[a, b)` that holds opinion words (`hits`, not empty): its sign, and its terms, nearness and roles as judged. */
function opinionBuckets(input: FeatureInput, a: number, b: number, hits: readonly OpinionHit[], scratch: Scratch, sink: FeatureSink): void {
  const { terms, mask } = input;
  let opinion = 0;
  for (const x of hits) opinion += x.value;
  sink.core((mix(SALT.opinion, opinion > 0 ? 1 : 2)) & mask);
  for (let i = a; i < b; i++) if (terms[i]) sink.core((mix(SALT.termOpinion, ASPECT_INDEX.get(terms[i]!)!)) & mask);
  for (const near of scratch.nears) sink.core((mix(SALT.nearOpinion, near)) & mask);
  for (const r of scratch.roles) sink.core((mix(SALT.roleOpinion, r)) & mask);
}

/**
 * The rest of the sentence `[sa, sb)` around the clause `[a, b)`: its words, terms and the rule cascade's readings,
 * as context. Only the MAX_CLAUSE_TOKENS either side of the clause: in a run-on sentence every clause would read the
 * whole of it (quadratic); a sentence a critic writes is shorter, so its clauses still see all of it.
 */
function contextBuckets(input: FeatureInput, a: number, b: number, sa: number, sb: number, sentenceRules: readonly RuleRun[], flags: Flags, sink: FeatureSink): void {
  const { terms, mask } = input;
  const hashes = input.ctx.doc.tokens.hash;
  const ca = Math.max(sa, a - MAX_CLAUSE_TOKENS);
  const cb = Math.min(sb, b + MAX_CLAUSE_TOKENS);
  for (let i = ca; i < cb && flags.CT; i++) {
    if (i >= a && i < b) continue;
    sink.lex((mix(SALT.context, hashes[i]! >>> 0)) & mask);
    const t = terms[i];
    if (t) sink.core((mix(SALT.contextTerm, ASPECT_INDEX.get(t)!)) & mask);
  }
  for (const [start, ms] of flags.RU ? rulesIn(sentenceRules, ca, cb) : NO_RUNS) {
    if (start !== a) for (const m of ms) sink.core((mix(SALT.contextRule, ASPECT_INDEX.get(m.aspect)!)) & mask);
  }
}

/** The weak-label model's binned probabilities of the clause `[a, b)` as buckets (and with its opinion, when it has some). */
function weakModelBuckets(input: FeatureInput, wm: WeakModel, a: number, b: number, opinion: boolean, sink: FeatureSink): void {
  const { mask } = input;
  const p = scoreUnit({ weights: wm.weights, bias: wm.bias, lexScale: 1 }, weakBuckets(input.ctx.words, input.terms, a, b, wm.buckets - 1), EMPTY, new Float64Array(HEADS));
  for (let k = 0; k < HEADS; k++) {
    const bin = p[k]! >= 0.5 ? 3 : p[k]! >= 0.25 ? 2 : p[k]! >= 0.1 ? 1 : 0;
    sink.core((mix(SALT.weak, k * 4 + bin)) & mask);
    if (bin > 0 && opinion) sink.core((mix(SALT.weakOpinion, k * 4 + bin)) & mask);
  }
}

type RuleRun = readonly [number, readonly RuleMention[]];
const NO_RUNS: readonly RuleRun[] = [];

/** The sentence's rule readings that start in `[from, to)`, found by binary search over their sorted starts. */
function rulesIn(sentenceRules: readonly RuleRun[], from: number, to: number): RuleRun[] {
  const out: RuleRun[] = [];
  for (let k = firstAtLeast(sentenceRules, from); k < sentenceRules.length && sentenceRules[k]![0] < to; k++) out.push(sentenceRules[k]!);
  return out;
}

/** The first index of `xs` (sorted by start) whose start is at least `v` (xs.length if none). */
function firstAtLeast(xs: readonly (readonly [number, unknown])[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]![0] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Buckets of hashed features, in the order found (a repeated feature counts again). */
function bucketsOf(f: readonly number[], mask: number): Int32Array {
  const out = new Int32Array(f.length);
  for (let i = 0; i < f.length; i++) out[i] = f[i]! & mask;
  return out;
}

/** What `forEachClause` hands over for each clause: its place (its features are in the sink, until the next clause). */
export type ClauseVisit = (sentence: number, tokenStart: number, tokenEnd: number) => void;

/** Every clause (or sentence) of the doc the gate lets through, its features put into `sink`, repeated pull-quote lines skipped. */
export function forEachClause(input: FeatureInput, sink: FeatureSink, visit: ClauseVisit): void {
  const { doc } = input.ctx;
  const ruleAt = new Map<number, RuleMention[]>();
  for (const m of input.rules) {
    const list = ruleAt.get(m.tokenStart);
    if (list) list.push(m);
    else ruleAt.set(m.tokenStart, [m]);
  }
  const flags = flagsOf(input.drop);
  const scratch: Scratch = { nears: [], roles: [] };
  // The mentions' clause starts in token order (the cascade finds them in that order), and the first not yet passed.
  const starts = [...ruleAt.keys()];
  let next = 0;
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si]!;
    while (next < starts.length && starts[next]! < s.tokenStart) next++;
    const sentenceRules: [number, RuleMention[]][] = [];
    for (let j = next; j < starts.length && starts[j]! < s.tokenEnd; j++) sentenceRules.push([starts[j]!, ruleAt.get(starts[j]!)!]);
    if (s.repeatOf >= 0 || s.tokenEnd <= s.tokenStart) continue;
    const ranges = input.clauses === false ? [[s.tokenStart, s.tokenEnd] as const] : input.ctx.clausesOf(si);
    for (const [a, b] of ranges) {
      // The gate: a clause it shuts judges none.
      let hits = input.hits?.get(a);
      if (input.gate === 'named' || input.gate === 'opinion') {
        let named = false;
        for (let i = a; i < b && !named; i++) if (input.terms[i]) named = true;
        if (!named && input.gate === 'opinion') named = (hits ??= opinionHits(input.ctx, a, b)).length > 0;
        if (!named) continue;
      }
      unitBuckets(input, a, b, s.tokenStart, s.tokenEnd, sentenceRules, flags, hits, scratch, sink);
      visit(si, a, b);
    }
  }
}

/** Every clause of the doc the gate lets through, with its features kept (training, evaluation). */
export function clauseUnits(input: FeatureInput): ClauseUnit[] {
  const out: ClauseUnit[] = [];
  const { words } = input.ctx;
  const lists = new BucketLists();
  forEachClause(input, lists, function keepUnit(sentence, tokenStart, tokenEnd) {
    out.push({ sentence, tokenStart, tokenEnd, buckets: Int32Array.from(lists.f), lex: Int32Array.from(lists.x), dense: input.vectors ? denseOf(input.vectors, words, tokenStart, tokenEnd) : null });
  });
  return out;
}

/**
 * `scoreUnit` for the loaded model (int16 weights, no dense part) over one clause's buckets: the probabilities the
 * card's `HeadSums` gives for the same features.
 */
export function scoreModelUnit(model: AspectModel, buckets: ArrayLike<number>, lex: ArrayLike<number>, out: Float64Array): Float64Array {
  const sums = new HeadSums(model.weights);
  for (let i = 0; i < lex.length; i++) sums.lex(lex[i]!);
  for (let i = 0; i < buckets.length; i++) sums.core(buckets[i]!);
  return sums.probabilities(model, out);
}

/** Probability of each aspect for one clause: core buckets, word buckets (× lexScale) and dense values, written into `out`. */
export function scoreUnit(model: { weights: ArrayLike<number>; scale?: number; bias: ArrayLike<number>; lexScale: number; dense?: ArrayLike<number> }, buckets: Int32Array, lex: Int32Array, out: Float64Array, dense: Float32Array | null = null): Float64Array {
  const w = model.weights;
  const inv = 1 / (model.scale ?? 1);
  for (let k = 0; k < HEADS; k++) out[k] = 0;
  for (let i = 0; i < lex.length; i++) {
    const base = lex[i]! * HEADS;
    for (let k = 0; k < HEADS; k++) out[k]! += w[base + k]!;
  }
  for (let k = 0; k < HEADS; k++) out[k] = model.lexScale * out[k]!;
  for (let i = 0; i < buckets.length; i++) {
    const base = buckets[i]! * HEADS;
    for (let k = 0; k < HEADS; k++) out[k]! += w[base + k]!;
  }
  for (let k = 0; k < HEADS; k++) out[k] = model.bias[k]! + inv * out[k]!;
  const dw = model.dense;
  if (dense && dw) {
    for (let k = 0; k < HEADS; k++) {
      let z = 0;
      for (let d = 0; d < DENSE; d++) z += dense[d]! * dw[k * DENSE + d]!;
      out[k]! += z;
    }
  }
  for (let k = 0; k < HEADS; k++) out[k] = 1 / (1 + Math.exp(-out[k]!));
  return out;
}
