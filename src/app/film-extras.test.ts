import { describe, expect, it } from 'vitest';
import { filmConsensus, type ReviewFacts } from '../aggregate/index.ts';
import { testCard } from '../store/store.case.test.ts';
import { reviewCredits, shareOf } from './film-extras.ts';

const review = (i: number, over: Partial<ReviewFacts> = {}): ReviewFacts => ({
  id: `r${i}`, filmId: 'f', criticId: null, criticName: null, publicationName: null, topCritic: false, label: null, rating: null,
  card: testCard(`Review ${i}.`, 'test-1', { fresh: i % 3 !== 0, score: i % 3 !== 0 ? 70 : 30 }), ...over,
});

describe('shareOf', () => {
  it('counts as the consensus counts: labels first, else the model', () => {
    const reviews = [...Array.from({ length: 9 }, (_, i) => review(i)), review(9, { label: false }), review(10, { label: true, card: null }), review(11, { card: null })];
    const s = shareOf(reviews);
    const c = filmConsensus('f', reviews);
    expect(s).toMatchObject({ reviews: 12, fresh: c.fresh, counted: c.counted });
    expect(s.share).toBeCloseTo(c.share!, 4);
    expect(s.interval!.low).toBeCloseTo(c.interval!.low, 2);
    expect(s.interval!.high).toBeCloseTo(c.interval!.high, 2);
  });
  it('has no share and no interval without a call', () => {
    expect(shareOf([review(1, { card: null })])).toEqual({ reviews: 1, fresh: 0, counted: 0, share: null, interval: null });
  });
});

describe('reviewCredits', () => {
  const withCredits = (i: number, credits: { person: string; role: 'cast' | 'director' | 'composer'; character?: string; source?: 'index' }[]): ReviewFacts => {
    const r = review(i);
    r.card = { ...r.card!, credits: credits.map((c) => ({ ...c, evidence: { start: 0, end: 1 } })) };
    return r;
  };
  it('keeps people named by two reviews (five or more reviews), directors before cast, the usual character', () => {
    const reviews = [
      withCredits(1, [{ person: 'Ann Lead', role: 'cast', character: 'Hero' }, { person: 'Dee Rector', role: 'director' }]),
      withCredits(2, [{ person: 'ann lead', role: 'cast', character: 'Hero' }, { person: 'Dee Rector', role: 'director' }]),
      withCredits(3, [{ person: 'Ann Lead', role: 'cast', character: 'The Hero' }, { person: 'Once Only', role: 'cast' }]),
      withCredits(4, [{ person: 'Index Added', role: 'cast', source: 'index' }, { person: 'Index Added', role: 'cast', source: 'index' }]),
      withCredits(5, [{ person: 'Composer Two', role: 'composer' }, { person: 'Composer Two', role: 'composer' }]),
    ];
    expect(reviewCredits(reviews)).toEqual([
      { name: 'Dee Rector', role: 'director', reviews: 2 },
      { name: 'Ann Lead', role: 'cast', character: 'Hero', reviews: 3 },
    ]);
    // Under five reviews one mention is enough.
    expect(reviewCredits(reviews.slice(2, 3)).map((c) => c.name)).toEqual(['Ann Lead', 'Once Only']);
  });
});
