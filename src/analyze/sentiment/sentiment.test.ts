import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_MODEL, type Model } from '../model.ts';
import { readDoc } from '../text/index.ts';
import { featureBuckets } from './features.ts';
import { charStacked, docBuckets, docCharBuckets, reviewMargin, scoreSentiment, sentenceMargins, spanPolarity } from './index.ts';
import { pairWeights, type SentimentModel } from './model.ts';
import { calibrated, clauseProbability, interpolate, sigmoid } from './score.ts';

// A small table, so that buckets collide within and across sentences, with weights of every size.
const BUCKETS = 1 << 10;
const table = (seed: number): Float32Array => {
  const w = new Float32Array(BUCKETS);
  let x = seed;
  for (let i = 0; i < BUCKETS; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    w[i] = ((x >> 8) % 1000) / 997;
  }
  return w;
};
const sm = (clause: boolean): SentimentModel => ({
  buckets: BUCKETS,
  weights: table(1),
  scale: 1,
  bias: 0.0417,
  norm: 0,
  conclusionWeight: 1,
  calibration: { shortTokens: 80, short: { a: 2.3, b: -0.22 }, long: { a: 0.85, b: -0.07 } },
  scoreCurve: { p: [0, 1], score: [0, 100] },
  withRating: { text: 0.5, rating: 1, bias: 0 },
  snippetRates: { tpr: 0.8, fpr: 0.2 },
  clause: clause ? { weights: table(2), scale: 1, bias: -0.13, calibration: { a: 1.7, b: 0.05 } } : null,
});
const withSentiment = (s: SentimentModel): Model => ({ ...EMPTY_MODEL, sentiment: s });

const sentence = fc.array(fc.constantFrom('good', 'bad', 'not', 'film', 'never', 'great', "isn't", ',', 'dull', 'fun', 'the', 'Overall,', '“a', 'plot'), { minLength: 1, maxLength: 14 }).map((ws) => ws.join(' ') + '.');
const review = fc.array(fc.tuple(sentence, fc.boolean()), { minLength: 1, maxLength: 9 }).map((ss) => ss.map(([s, nl]) => s + (nl ? '\n\n' : ' ')).join(''));

describe('charStacked', () => {
  it('sums the character table over docCharBuckets, to the bit (property)', () => {
    const char = { buckets: BUCKETS, weights: table(3), scale: 1, bias: 0.21, band: 10, stack: { word: 0.9, char: 0.7, bias: -0.05 } };
    const m = { ...sm(true), char };
    fc.assert(
      fc.property(review, fc.double({ min: -5, max: 5, noNaN: true }), (text, z) => {
        const doc = readDoc(text);
        const bs = docCharBuckets(doc, BUCKETS - 1);
        let zc = char.bias;
        for (let i = 0; i < bs.length; i++) zc += char.weights[bs[i]!]!;
        expect(charStacked(doc, m, z, 10)).toBe(sigmoid(char.stack.word * z + char.stack.char * zc + char.stack.bias));
      }),
      { numRuns: 300 },
    );
  });
});

describe('spanPolarity', () => {
  it('is the clause probability of the span\'s feature buckets, to the bit (property)', () => {
    for (const clause of [true, false]) {
      const m = sm(clause);
      fc.assert(
        fc.property(review, fc.nat(), fc.nat(), (text, x, y) => {
          const doc = readDoc(text);
          const a = x % (doc.tokens.count + 1);
          const b = a + (y % (doc.tokens.count - a + 1));
          const want = b <= a ? 0 : 2 * clauseProbability(m, featureBuckets(doc, a, b, BUCKETS - 1), b - a) - 1;
          expect(spanPolarity(doc, withSentiment(m), a, b)).toBe(want);
        }),
        { numRuns: 300 },
      );
    }
  });
});

describe('scoreSentiment', () => {
  it('reads each sentence and the bag exactly as the per-sentence functions do, to the bit (property)', () => {
    for (const clause of [true, false]) {
      const m = sm(clause);
      fc.assert(
        fc.property(review, (text) => {
          const doc = readDoc(text);
          const got = scoreSentiment(doc, withSentiment(m), null);
          doc.sentences.forEach((s, i) => {
            const want = s.repeatOf >= 0 || s.tokenEnd === s.tokenStart ? 0 : 2 * clauseProbability(m, featureBuckets(doc, s.tokenStart, s.tokenEnd, BUCKETS - 1), s.tokenEnd - s.tokenStart) - 1;
            expect(got.sentences[i]).toBe(Math.fround(want));
          });
          const tokens = doc.sentences.reduce((a, s) => a + (s.repeatOf < 0 ? s.tokenEnd - s.tokenStart : 0), 0);
          const p = calibrated(m, reviewMargin(doc, m, sentenceMargins(doc, m)), tokens);
          expect(got.verdict?.confidence).toBe(Math.round(Math.max(p, 1 - p) * 1000) / 1000);
          expect(got.verdict?.score).toBe(Math.min(100, Math.max(0, Math.round(interpolate(m.scoreCurve.p, m.scoreCurve.score, p)))));
        }),
        { numRuns: 150 },
      );
    }
  });

  it('gives each sentence read its spanPolarity, unrounded, to the bit (property)', () => {
    for (const clause of [true, false]) {
      const m = withSentiment(sm(clause));
      fc.assert(
        fc.property(review, (text) => {
          const doc = readDoc(text);
          const { readings } = scoreSentiment(doc, m, null);
          doc.sentences.forEach((s, i) => {
            if (s.repeatOf >= 0 || s.tokenEnd === s.tokenStart) expect(readings![i]).toBeNaN();
            else expect(readings![i]).toBe(spanPolarity(doc, m, s.tokenStart, s.tokenEnd));
          });
        }),
        { numRuns: 150 },
      );
    }
  });

  it('reads the paired word and clause table as the two tables, to the bit (property)', () => {
    const int16 = (seed: number): Int16Array => Int16Array.from(table(seed), (x) => Math.round(x * 30000) - 15000);
    const word = int16(1);
    const clauseWeights = int16(2);
    const apart: SentimentModel = { ...sm(true), weights: word, scale: 1 / 997, clause: { weights: clauseWeights, scale: 1 / 991, bias: -0.13, calibration: { a: 1.7, b: 0.05 } } };
    const paired = withSentiment({ ...apart, paired: pairWeights(word, clauseWeights) });
    fc.assert(
      fc.property(review, (text) => {
        const doc = readDoc(text);
        expect(scoreSentiment(doc, paired, null)).toEqual(scoreSentiment(doc, withSentiment(apart), null));
        expect(spanPolarity(doc, paired, 0, doc.tokens.count)).toBe(spanPolarity(doc, withSentiment(apart), 0, doc.tokens.count));
      }),
      { numRuns: 150 },
    );
  });

  it('counts a repeated pull-quote line once and gives it no polarity', () => {
    const m = sm(true);
    const body = 'The plot is dull and the film is never fun at all.';
    const doc = readDoc(`${body} More good things happen here.\n\n“The plot is dull and the film is never fun…”`);
    expect(doc.sentences[2]!.repeatOf).toBe(0);
    const got = scoreSentiment(doc, withSentiment(m), null);
    expect(got.sentences[2]).toBe(0);
    expect(got.sentences[0]).not.toBe(0);
    expect(clauseProbability(m, docBuckets(doc, BUCKETS - 1), 1)).toBeGreaterThan(0);
  });
});
