import { describe, expect, it } from 'vitest';
import type { ReviewCard } from '../../analyze/card.ts';
import { seededRandom } from '../../learn/seeded-random.ts';
import { measureRates, samplingFloor, spearman } from './consensus.ts';

describe('spearman', () => {
  it('is 1 for the same order, -1 for the reverse, and handles ties with average ranks', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 10);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 10);
    // Ranks [1.5, 1.5, 3] vs [1, 2, 3]: r = 0.866…
    expect(spearman([5, 5, 9], [1, 2, 3])).toBeCloseTo(Math.sqrt(3) / 2, 6);
  });
});

describe('measureRates', () => {
  const card = (fresh: boolean, confidence: number) => ({ verdict: { fresh, score: 50, label: 'mixed', confidence } }) as unknown as ReviewCard;
  it('measures tpr, fpr and mean probabilities per class', () => {
    const r = measureRates([
      { card: card(true, 0.9), label: true },
      { card: card(false, 0.8), label: true },
      { card: card(true, 0.6), label: false },
      { card: card(false, 0.7), label: false },
    ]);
    expect(r.tpr).toBe(0.5);
    expect(r.fpr).toBe(0.5);
    expect(r.ptpr).toBeCloseTo((0.9 + 0.2) / 2, 10);
    expect(r.pfpr).toBeCloseTo((0.6 + 0.3) / 2, 10);
    expect(r.n).toBe(4);
  });
});

describe('samplingFloor', () => {
  it('is the mean absolute sampling error of a share drawn from calibrated probabilities', () => {
    // 100 reviews at p = 0.5: sd of the share 5 points, mean absolute error 5 * sqrt(2 / pi) = 3.99.
    expect(samplingFloor([{ probabilities: Array(100).fill(0.5) }]).floor).toBeCloseTo(3.989, 2);
    // Certain probabilities leave nothing to chance.
    expect(samplingFloor([{ probabilities: [1, 0, 1, 1] }])).toEqual({ floor: 0, variance: 0 });
    // Labels drawn from the probabilities: the share's error around the mean probability matches the floor.
    const rnd = seededRandom(3);
    const films = Array.from({ length: 400 }, () => ({ probabilities: Array.from({ length: 30 }, () => rnd()) }));
    let err = 0;
    for (const f of films) {
      const mean = f.probabilities.reduce((a, b) => a + b, 0) / f.probabilities.length;
      const share = f.probabilities.filter((p) => rnd() < p).length / f.probabilities.length;
      err += Math.abs(share - mean) * 100;
    }
    expect(err / films.length).toBeGreaterThan(samplingFloor(films).floor * 0.9);
    expect(err / films.length).toBeLessThan(samplingFloor(films).floor * 1.1);
  });
});
