import { describe, expect, it } from 'vitest';
import { clusterOf, clusterTable, HEADS, quantize, ruleAspects, scoreModelUnit, scoreUnit, type AspectModel } from '../analyze/aspects/learned.ts';
import { hashWord } from '../analyze/sentiment/features.ts';
import { chooseModes, chooseThresholds, countCases, DEFAULT_MLP, mlpScore, MODE, scores, textAspects, trainHeads, trainMlp, type ScoredUnit, type UnitExample } from './aspects.ts';

const opts = { buckets: 64, epochs: 20, lr: 0.2, l2: 1e-4, seed: 3, positiveWeight: 1, lexScale: 0.5, l2Dense: 0 };
const ex = (buckets: number[], labels: number): UnitExample => ({ buckets: Int32Array.from(buckets), lex: new Int32Array(0), dense: null, labels, weight: 1 });

describe('trainHeads', () => {
  // Bucket 0 is the bias feature; bucket 1 means story (head 0), bucket 2 humor (head 9).
  const data = [ex([0, 1], 1), ex([0, 2], 1 << 9), ex([0, 3], 0), ex([0, 1, 2], 1 | (1 << 9)), ex([0, 4], 0)];

  it('learns one head per aspect, bit for bit the same from the same seed', () => {
    const a = trainHeads(data, opts);
    const b = trainHeads(data, opts);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    const p = scoreUnit({ weights: a.weights, bias: a.bias, lexScale: 1 }, Int32Array.from([0, 1]), new Int32Array(0), new Float64Array(HEADS));
    expect(p[0]).toBeGreaterThan(0.5);
    expect(p[9]).toBeLessThan(0.5);
  });

  it('quantises to int16 and scores the same through the scale', () => {
    const h = trainHeads(data, opts);
    const { scale, bytes } = quantize(h.weights);
    const q = new Int16Array(bytes.buffer);
    const x = Int32Array.from([0, 2]);
    const f = scoreUnit({ weights: h.weights, bias: h.bias, lexScale: 1 }, x, new Int32Array(0), new Float64Array(HEADS));
    const i = scoreUnit({ weights: q, scale, bias: h.bias, lexScale: 1 }, x, new Int32Array(0), new Float64Array(HEADS));
    for (let k = 0; k < HEADS; k++) expect(i[k]).toBeCloseTo(f[k]!, 3);
  });
});

describe('trainMlp', () => {
  // Head 0 only for buckets 1 and 2 together (an interaction a linear head cannot fit), head 9 for bucket 3.
  const data = [ex([0, 1, 2], 1), ex([0, 1], 0), ex([0, 2], 0), ex([0, 3], 1 << 9), ex([0], 0)];
  const mlpOpts = { ...DEFAULT_MLP, buckets: 64, hidden: 8, epochs: 300, lr: 0.1, l2: 0, positiveWeight: 1 };

  it('learns an interaction of two features, bit for bit the same from the same seed', () => {
    const a = trainMlp(data, mlpOpts);
    const b = trainMlp(data, mlpOpts);
    expect(Buffer.from(a.w1.buffer).equals(Buffer.from(b.w1.buffer))).toBe(true);
    const p = (buckets: number[]): Float64Array => mlpScore(a, Int32Array.from(buckets), new Int32Array(0), null, new Float64Array(HEADS));
    expect(p([0, 1, 2])[0]).toBeGreaterThan(0.8);
    expect(p([0, 1])[0]).toBeLessThan(0.2);
    expect(p([0, 2])[0]).toBeLessThan(0.2);
    expect(p([0, 3])[9]).toBeGreaterThan(0.8);
  });
});

describe('scoreModelUnit', () => {
  it('gives the probabilities of the general scorer for the int16 table', () => {
    const h = trainHeads([ex([0, 1], 1), ex([0, 2], 1 << 9), ex([0, 3], 0)], opts);
    const { scale, bytes } = quantize(h.weights);
    const weights = new Int16Array(bytes.buffer);
    const model = { weights, scale, bias: Float32Array.from(h.bias), lexScale: 0.3 } as unknown as AspectModel;
    const core = [0, 2, 2];
    const lex = [1, 3];
    const a = scoreModelUnit(model, core, lex, new Float64Array(HEADS));
    const b = scoreUnit({ weights, scale, bias: model.bias, lexScale: 0.3 }, Int32Array.from(core), Int32Array.from(lex), new Float64Array(HEADS));
    for (let k = 0; k < HEADS; k++) expect(a[k]).toBeCloseTo(b[k]!, 12);
  });
});

describe('ruleAspects', () => {
  const modes = new Uint8Array(HEADS);
  modes[1] = MODE.either;
  it('reads every rule mention when the model takes rule features or rule polarity', () => {
    expect(ruleAspects({ drop: new Set(), ruleShare: 0, modes })).toBeNull();
    expect(ruleAspects({ drop: new Set(['rule']), ruleShare: 1, modes })).toBeNull();
  });
  it('else only those of the aspects the rules decide', () => {
    expect(ruleAspects({ drop: new Set(['rule']), ruleShare: 0, modes })).toEqual(['world']);
    expect(ruleAspects({ drop: new Set(['rule']), ruleShare: 0, modes: new Uint8Array(HEADS) })).toEqual([]);
  });
});

describe('cluster table', () => {
  it('finds a word by its hash and nothing for an unknown one', () => {
    const t = clusterTable(new Map([['score', 7], ['music', 7 + 4096], ['plot', 12]]));
    expect(clusterOf(t, hashWord('music'))).toBe(7 + 4096);
    expect(clusterOf(t, hashWord('plot'))).toBe(12);
    expect(clusterOf(t, hashWord('zebra'))).toBe(-1);
  });
});

describe('text-level scoring', () => {
  const unit = (p: Partial<Record<number, number>>, rules: [string, number][] = [], clause = 0.5): ScoredUnit => ({
    p: Float64Array.from({ length: HEADS }, (_, k) => p[k] ?? 0),
    clause,
    rules: new Map(rules) as ScoredUnit['rules'],
    weight: 1,
  });
  const th = new Float64Array(HEADS).fill(0.5);

  it('takes an aspect where a clause passes its threshold, with the cascade polarity where it read the clause', () => {
    const found = textAspects([unit({ 0: 0.9 }, [['story', -0.8]]), unit({ 9: 0.7 }, [], 0.6)], th, 1);
    expect(found.get('story')).toBeLessThan(0);
    expect(found.get('humor')).toBeGreaterThan(0);
    expect(found.has('acting')).toBe(false);
  });

  it('lets the rule cascade decide an aspect in rule mode', () => {
    const modes = new Array<number>(HEADS).fill(MODE.model);
    modes[1] = MODE.rule;
    expect(textAspects([unit({ 1: 0.9 })], th, 1, modes).has('world')).toBe(false);
    expect(textAspects([unit({}, [['world', -0.5]])], th, 1, modes).get('world')).toBeLessThan(0);
  });

  it('keeps the rules for an aspect only where they beat the model on its own F1', () => {
    // The model misses world in both texts and the rules find it; the model finds story and the rules add a false one.
    const cases = [
      { id: 'a', gold: new Map([['world', 'neg'], ['story', 'pos']] as const), units: [unit({ 0: 0.9 }, [['world', -0.5]])] },
      { id: 'b', gold: new Map([['world', 'pos']] as const), units: [unit({}, [['world', 0.5], ['story', 0.4]])] },
    ];
    const modes = chooseModes(cases, th, 0);
    expect(modes[1]).not.toBe(MODE.model);
    expect(modes[0]).toBe(MODE.model);
  });

  it('reads no rule polarity for an aspect the model decides when the rules give none', () => {
    const found = textAspects([unit({ 0: 0.9 }, [['story', -0.8]], 0.6)], th, 0);
    expect(found.get('story')).toBeGreaterThan(0);
  });

  it('counts detection and polarity (mixed excluded), and picks thresholds that fit the cases', () => {
    const cases = [
      { id: 'a', gold: new Map([['story', 'neg']] as const), units: [unit({ 0: 0.8 }, [['story', -0.6]])] },
      { id: 'b', gold: new Map([['humor', 'mixed']] as const), units: [unit({ 9: 0.6 })] },
      { id: 'c', gold: new Map(), units: [unit({ 0: 0.3 })] },
    ];
    const c = countCases(cases, th, 1);
    expect(c.overall).toEqual({ tp: 2, fp: 0, fn: 0, polarityMatched: 1, polarityRight: 1 });
    expect(scores(c.overall).f1).toBe(1);
    const t = chooseThresholds(cases, 1);
    expect(scores(countCases(cases, t, 1).overall).f1).toBe(1);
  });
});
