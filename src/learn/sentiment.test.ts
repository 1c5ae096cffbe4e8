import { describe, expect, it } from 'vitest';
import { EMPTY_LEXICON } from '../analyze/lexicon.ts';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { seededRandom } from './seeded-random.ts';
import { scoreSentiment, spanPolarity } from '../analyze/sentiment/index.ts';
import { quantizeWeights, sentimentFromParts, weightAt } from '../analyze/sentiment/model.ts';
import { sigmoid } from '../analyze/sentiment/score.ts';
import { readDoc } from '../analyze/text/index.ts';
import { accuracy, expectedCalibrationError, featurize, fitLogistic, fitPlatt, fitSentiment, nbRatios, ratingTable, trainNbLr, type TrainOptions } from './sentiment.ts';
import { scoreCurveOf } from './sentiment-build.ts';

const OPTS: TrainOptions = { buckets: 1 << 16, epochs: 4, lr: 0.05, alpha: 1, seed: 1, l2: 1e-5, init: 0, norm: 0, nb: 1 };
const POS = ['a great film', 'wonderful acting and a moving story', 'I loved it', 'brilliant, funny and smart', 'a superb thriller', 'great fun'];
const NEG = ['a dull film', 'terrible acting and a boring story', 'I hated it', 'not good at all', 'a tedious mess', 'awful and dull'];

/** A toy corpus: sentences drawn from the two pools above, seeded. */
function corpus(n: number, seed: number): { texts: string[]; labels: number[] } {
  const r = seededRandom(seed);
  const texts: string[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = r() < 0.5 ? 1 : 0;
    const pool = y ? POS : NEG;
    texts.push(`${pool[Math.floor(r() * pool.length)]!}. ${pool[Math.floor(r() * pool.length)]!}.`);
    labels.push(y);
  }
  return { texts, labels };
}

describe('learning the polarity model', () => {
  const { texts, labels } = corpus(400, 5);
  const examples = featurize(texts, labels, OPTS.buckets);

  it('separates a toy corpus and is bit-for-bit deterministic', () => {
    const a = trainNbLr(examples, OPTS);
    const b = trainNbLr(examples, OPTS);
    expect(accuracy(a.weights, a.bias, examples)).toBeGreaterThan(0.95);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(a.bias).toBe(b.bias);
  });

  it('NBSVM interpolation: β = 1 changes nothing, β = 0 leaves weights proportional to the NB ratios', () => {
    const plain = trainNbLr(examples, OPTS);
    const one = trainNbLr(examples, { ...OPTS, beta: 1 });
    expect(Buffer.from(one.weights.buffer).equals(Buffer.from(plain.weights.buffer))).toBe(true);
    const nb = trainNbLr(examples, { ...OPTS, beta: 0 });
    const r = nbRatios(examples, OPTS.buckets, OPTS.alpha);
    const seen = [...new Set(examples.flatMap((ex) => [...ex.buckets]))].filter((j) => Math.abs(r[j]!) > 0.1);
    const spread = (w: Float32Array): number => {
      const k = seen.map((j) => w[j]! / r[j]!);
      return Math.max(...k) - Math.min(...k);
    };
    // Pure NB: one common multiple of the ratios (float32 rounding aside); the trained weights are not.
    expect(spread(nb.weights)).toBeLessThan(1e-4);
    expect(spread(plain.weights)).toBeGreaterThan(0.01);
  });

  it('Platt scaling recovers a known logistic map', () => {
    const r = seededRandom(9);
    const z: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const x = (r() - 0.5) * 8;
      z.push(x);
      y.push(r() < sigmoid(2 * x - 1) ? 1 : 0);
    }
    const p = fitPlatt(z, y);
    expect(p.a).toBeGreaterThan(1.7);
    expect(p.a).toBeLessThan(2.3);
    expect(p.b).toBeGreaterThan(-1.3);
    expect(p.b).toBeLessThan(-0.7);
    const w = fitLogistic(z.map((x) => [x]), y);
    expect(w[0]!).toBeCloseTo(p.a, 1);
  });

  it('expected calibration error is 0 for perfect confident answers and large for confident wrong ones', () => {
    expect(expectedCalibrationError([1, 0, 1], [1, 0, 1])).toBeCloseTo(0, 6);
    expect(expectedCalibrationError([0.99, 0.99], [0, 0])).toBeGreaterThan(0.9);
  });

  it('round-trips through int16 quantisation and scores reviews, sentences and spans', () => {
    const calib = corpus(100, 6);
    const { model } = fitSentiment(examples, calib.texts.map((t, i) => ({ doc: readDoc(t), y: calib.labels[i]! })), OPTS);
    const q = quantizeWeights(model.weights);
    const { weights: _w, clause: _c, char: _ch, ...rest } = model;
    const loaded = sentimentFromParts({ ...rest, scale: q.scale, clause: null }, q.bytes);
    for (let i = 0; i < 50; i++) expect(Math.abs(weightAt(loaded.weights, loaded.scale, i) - model.weights[i]!)).toBeLessThanOrEqual(q.scale);
    const m = { version: 'test', sentiment: loaded, lexicon: EMPTY_LEXICON };

    const good = scoreSentiment(readDoc('A great film. I loved it. Wonderful acting and a moving story.'), m, null);
    expect(good.verdict?.fresh).toBe(true);
    expect(good.verdict!.confidence).toBeGreaterThan(0.5);
    expect(good.sentences.every((p) => p > 0)).toBe(true);
    const bad = scoreSentiment(readDoc('A dull film. I hated it. A tedious mess.'), m, null);
    expect(bad.verdict?.fresh).toBe(false);
    expect(bad.verdict!.label).toBe('negative');

    const doc = readDoc('A great film, but a tedious mess.');
    const comma = doc.text.indexOf(',');
    let cut = 0;
    while (doc.tokens.start[cut]! < comma) cut++;
    expect(spanPolarity(doc, m, 0, cut)).toBeGreaterThan(0);
    expect(spanPolarity(doc, m, cut, doc.tokens.count)).toBeLessThan(0);
    expect(spanPolarity(doc, m, 3, 3)).toBe(0);
    expect(spanPolarity(doc, EMPTY_MODEL, 0, doc.tokens.count)).toBe(0);
    expect(scoreSentiment(doc, EMPTY_MODEL, null).verdict).toBeNull();
  });

  it('trains the character family on short texts and ships it: gated, stacked, and the same after loading', () => {
    // Mixed texts ("a great film. a tedious mess.") with either label leave the word table unsure.
    const r = seededRandom(9);
    const mixed = Array.from({ length: 300 }, () => `${POS[Math.floor(r() * POS.length)]!}. ${NEG[Math.floor(r() * NEG.length)]!}.`);
    const mixedY = mixed.map(() => (r() < 0.5 ? 1 : 0));
    const train = [...examples, ...featurize(mixed.slice(0, 200), mixedY.slice(0, 200), OPTS.buckets)];
    const { model } = fitSentiment(train, mixed.slice(200).map((t, i) => ({ doc: readDoc(t), y: mixedY[200 + i]! })), OPTS);
    const c = model.char!;
    expect(c).toBeTruthy();
    expect(c.band).toBeGreaterThan(0);
    const q = quantizeWeights(model.weights);
    const cq = quantizeWeights(c.weights);
    const { weights: _w, clause: _c, char: _ch, ...rest } = model;
    const header = { ...rest, scale: q.scale, clause: null, char: { buckets: c.buckets, bias: c.bias, scale: cq.scale, band: c.band, stack: c.stack } };
    const loaded = sentimentFromParts(header, q.bytes, null, cq.bytes);
    expect(loaded.char?.band).toBe(c.band);
    expect(() => sentimentFromParts(header, q.bytes, null, cq.bytes.subarray(2))).toThrow(/character weight bytes/);
    // An unsure short text is read by both tables; the loaded model agrees with the trained one.
    const doc = readDoc('A great film, a dull story.');
    const a = scoreSentiment(doc, { version: 't', sentiment: model, lexicon: EMPTY_LEXICON }, null).verdict!;
    const b = scoreSentiment(doc, { version: 't', sentiment: loaded, lexicon: EMPTY_LEXICON }, null).verdict!;
    expect(b.fresh).toBe(a.fresh);
    expect(Math.abs(b.confidence - a.confidence)).toBeLessThan(0.01);
    // A long text never is: without the character table its verdict does not move.
    const long = readDoc(Array.from({ length: 30 }, (_, i) => (i % 2 ? 'A great film.' : 'I loved it.')).join(' '));
    const withChar = scoreSentiment(long, { version: 't', sentiment: loaded, lexicon: EMPTY_LEXICON }, null).verdict;
    const without = scoreSentiment(long, { version: 't', sentiment: { ...loaded, char: null }, lexicon: EMPTY_LEXICON }, null).verdict;
    expect(withChar).toEqual(without);
  });

  it('lets an explicit rating move the verdict', () => {
    const calib = corpus(100, 7);
    const { model } = fitSentiment(examples, calib.texts.map((t, i) => ({ doc: readDoc(t), y: calib.labels[i]! })), OPTS);
    model.withRating = { text: 0.1, rating: 10, bias: -6 };
    const m = { version: 'test', sentiment: model, lexicon: EMPTY_LEXICON };
    const doc = readDoc('A dull film.');
    const rating = { raw: '4/4', value: 4, scale: 4, normalized: 100 } as Parameters<typeof scoreSentiment>[2];
    expect(scoreSentiment(doc, m, null).verdict!.fresh).toBe(false);
    expect(scoreSentiment(doc, m, rating).verdict!.fresh).toBe(true);
  });
});

describe('adjusted classify-and-count', () => {
  it('undoes the held-out error rates and clips to [0, 1]', async () => {
    const { adjustedFreshShare } = await import('../analyze/sentiment/index.ts');
    const rates = { tpr: 0.85, fpr: 0.25 };
    // A film whose reviews are 70% fresh is called fresh 0.7·0.85 + 0.3·0.25 = 0.67 of the time.
    expect(adjustedFreshShare(0.7 * 0.85 + 0.3 * 0.25, rates)).toBeCloseTo(0.7, 6);
    expect(adjustedFreshShare(0.1, rates)).toBe(0);
    expect(adjustedFreshShare(0.99, rates)).toBe(1);
  });
});

describe('the rating table', () => {
  it('is monotone in the rating and says where a middling rating falls', () => {
    const rows: { normalized: number; y: number }[] = [];
    // 3/5 (60) is mostly fresh here, 2/5 (40) mostly rotten; a noisy 80 below 70 is pooled away.
    for (let i = 0; i < 40; i++) rows.push({ normalized: 60, y: i < 30 ? 1 : 0 }, { normalized: 40, y: i < 6 ? 1 : 0 }, { normalized: 100, y: 1 });
    for (let i = 0; i < 10; i++) rows.push({ normalized: 70, y: i < 9 ? 1 : 0 }, { normalized: 80, y: i < 8 ? 1 : 0 });
    const t = ratingTable(rows);
    expect(t.at).toEqual([40, 60, 70, 80, 100]);
    for (let i = 1; i < t.logit.length; i++) expect(t.logit[i]!).toBeGreaterThanOrEqual(t.logit[i - 1]!);
    expect(t.logit[0]!).toBeLessThan(0);
    expect(t.logit[1]!).toBeGreaterThan(0);
    // 70 and 80 violate the order (0.9 then 0.8): pooled into one value.
    expect(t.logit[2]).toBe(t.logit[3]);
  });
});

describe('scoreCurveOf', () => {
  it('maps probabilities onto the ratings quantile by quantile, so scores spread as ratings do', () => {
    const rnd = seededRandom(5);
    const ratings = Array.from({ length: 2000 }, () => Math.round(rnd() * 100));
    // A noisy reader: the mean rating at each probability would squeeze into the middle; the quantiles do not.
    const ps = ratings.map((r) => Math.min(0.999, Math.max(0.001, 0.5 * (r / 100) + 0.5 * rnd())));
    const curve = scoreCurveOf(ps, ratings);
    for (let i = 1; i < curve.p.length; i++) {
      expect(curve.p[i]!).toBeGreaterThan(curve.p[i - 1]!);
      expect(curve.score[i]!).toBeGreaterThanOrEqual(curve.score[i - 1]!);
    }
    expect(curve.score[0]!).toBeLessThan(5);
    expect(curve.score[curve.score.length - 1]!).toBeGreaterThan(95);
  });

  it('has a neutral curve without data', () => {
    expect(scoreCurveOf([], [])).toEqual({ p: [0, 1], score: [0, 100] });
  });
});
