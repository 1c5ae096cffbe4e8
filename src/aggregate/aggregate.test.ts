import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReviewCard } from '../analyze/card.ts';
import {
  bandOf,
  cardTimelineEdges,
  consensusConfig,
  keyResolver,
  criticProfile,
  emPrior,
  estimateShare,
  filmConsensus,
  franchiseView,
  rowTimelineEdges,
  timeline,
  wilson,
  type FilmConsensus,
  type ReviewFacts,
} from './index.ts';

/** A card with one sentence per text, the verdict given, and optional aspects on sentences. */
function card(sentences: { text: string; polarity: number; aspect?: string }[], verdict: { fresh: boolean; score: number; confidence?: number } | null): ReviewCard {
  let text = '';
  const spans: ReviewCard['sentences'] = [];
  const aspects: ReviewCard['aspects'] = [];
  for (const s of sentences) {
    if (text) text += ' ';
    const start = text.length;
    text += s.text;
    spans.push({ start, end: text.length, paragraph: 0, polarity: s.polarity });
    if (s.aspect) aspects.push({ aspect: s.aspect as ReviewCard['aspects'][number]['aspect'], polarity: s.polarity, mentions: 1, evidence: [{ start, end: text.length }] });
  }
  return {
    version: 'test',
    format: 'text',
    text,
    sentences: spans,
    film: null,
    references: [],
    chronology: [],
    people: [],
    credits: [],
    verdict: verdict && { ...verdict, label: verdict.fresh ? 'positive' : 'negative', confidence: verdict.confidence ?? 0.9 },
    rating: null,
    aspects,
    targets: [],
    quotes: [],
    spoilers: [],
  };
}

let next = 0;
function review(over: Partial<ReviewFacts> = {}): ReviewFacts {
  next++;
  return { id: `r${String(next).padStart(4, '0')}`, filmId: 'f1', criticId: `c${next}`, criticName: `Critic ${next}`, publicationName: null, topCritic: false, label: null, rating: null, card: null, ...over };
}

describe('wilson', () => {
  it('matches the textbook 95% interval for 8 of 10', () => {
    const i = wilson(0.8, 10)!;
    expect(i.low).toBeCloseTo(0.4902, 3);
    expect(i.high).toBeCloseTo(0.9433, 3);
  });
  it('is null without trials and stays inside [0, 1] around the share', () => {
    expect(wilson(0.5, 0)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p) => {
        const i = wilson(p, n)!;
        return i.low >= 0 && i.high <= 1 && i.low <= p + 1e-12 && p <= i.high + 1e-12;
      }),
    );
  });
  it('narrows as reviews grow', () => {
    const a = wilson(0.7, 20)!;
    const b = wilson(0.7, 200)!;
    expect(b.high - b.low).toBeLessThan(a.high - a.low);
  });
});

describe('bands', () => {
  it('follows the Metacritic boundaries', () => {
    expect([81, 80, 61, 60, 40, 39, 20, 19, 0, 100].map(bandOf)).toEqual([
      'acclaim', 'favourable', 'favourable', 'mixed', 'mixed', 'unfavourable', 'unfavourable', 'dislike', 'dislike', 'acclaim',
    ]);
  });
});

describe('filmConsensus', () => {
  it('takes the share from labels where present and says so', () => {
    const rs = [true, true, true, false].map((label) => review({ label, card: card([{ text: 'Whatever the model says here.', polarity: -0.5 }], { fresh: false, score: 20 }) }));
    const c = filmConsensus('f1', rs);
    expect(c.share).toBe(0.75);
    expect(c.shareSource).toBe('labels');
    expect(c.calls).toEqual({ labels: 4, ratings: 0, model: 0 });
    expect(c.interval!.low).toBeLessThan(0.75);
    expect(c.interval!.high).toBeGreaterThan(0.75);
  });

  it('falls back on the model for unlabelled reviews (mixed), and ignores labels when told', () => {
    const rs = [
      review({ label: true, card: card([], { fresh: false, score: 30 }) }),
      review({ card: card([], { fresh: true, score: 80 }) }),
      review({ card: null }),
    ];
    const c = filmConsensus('f1', rs);
    expect(c.counted).toBe(2);
    expect(c.share).toBe(1);
    expect(c.shareSource).toBe('mixed');
    const m = filmConsensus('f1', rs, consensusConfig({ ignoreLabels: true }));
    expect(m.shareSource).toBe('model');
    expect(m.share).toBe(0.5);
  });

  it('copes with no cards at all', () => {
    const c = filmConsensus('f1', [review(), review()]);
    expect(c.share).toBeNull();
    expect(c.interval).toBeNull();
    expect(c.score).toBeNull();
    expect(c.band).toBeNull();
    expect(c.line).toBeNull();
    expect(c.reviews).toBe(2);
    expect(c.certified).toBe(false);
  });

  it('certifies by the configured thresholds only', () => {
    const rs: ReviewFacts[] = [];
    for (let i = 0; i < 40; i++) rs.push(review({ label: i < 32, topCritic: i < 5 }));
    expect(filmConsensus('f1', rs).certified).toBe(true); // 80% over 40 with 5 top critics
    expect(filmConsensus('f1', rs.slice(1)).certified).toBe(false); // 39 reviews, 4 top critics
    expect(filmConsensus('f1', rs, consensusConfig({ certified: { minShare: 0.85 } })).certified).toBe(false);
    expect(filmConsensus('f1', rs.slice(1), consensusConfig({ certified: { minReviews: 30, minTopCritics: 4 } })).certified).toBe(true);
    expect(filmConsensus('f1', rs).certifiedRule).toBe('≥ 75% fresh over ≥ 40 reviews including ≥ 5 top critics');
  });

  it('averages explicit ratings over model scores, weighs top critics, and states the weights', () => {
    const rs = [
      review({ rating: 90, topCritic: true, card: card([], { fresh: true, score: 10 }) }),
      review({ rating: 40, card: card([], { fresh: false, score: 99 }) }),
      review({ card: card([], { fresh: false, score: 30 }) }),
    ];
    const c = filmConsensus('f1', rs, consensusConfig({ topCriticWeight: 2 }));
    // (2×90 + 40 + 30) / 4 = 62.5
    expect(c.score).toBe(62.5);
    expect(c.band).toBe('favourable');
    expect(c.weighting).toMatchObject({ topCritic: 2, explicitScores: 2, modelScores: 1 });
    expect(c.weights).toContain('top critics weigh 2×');
    expect(c.scoreBins.reduce((a, b) => a + b, 0)).toBe(3);
    expect(c.scoreBins[9]).toBe(1);
  });

  it('finds per-aspect agreement with quotes from the majority side', () => {
    const rs = [
      review({ card: card([{ text: 'The fight scenes are stunning and brutal.', polarity: 0.9, aspect: 'action' }, { text: 'The plot is thin.', polarity: -0.6, aspect: 'story' }], { fresh: true, score: 75 }) }),
      review({ card: card([{ text: 'Its action choreography is superb throughout.', polarity: 0.8, aspect: 'action' }], { fresh: true, score: 80 }) }),
      review({ card: card([{ text: 'The action gets numbing after a while.', polarity: -0.4, aspect: 'action' }, { text: 'The story drags and drags on.', polarity: -0.7, aspect: 'story' }], { fresh: false, score: 35 }) }),
    ];
    const c = filmConsensus('f1', rs);
    const action = c.aspects.find((a) => a.aspect === 'action')!;
    expect(c.aspects[0]!.aspect).toBe('action');
    expect(action.reviews).toBe(3);
    expect(action.share).toBeCloseTo(2 / 3, 3);
    expect(action.quotes.map((q) => q.text)).toEqual(['The fight scenes are stunning and brutal.', 'Its action choreography is superb throughout.']);
    const story = c.aspects.find((a) => a.aspect === 'story')!;
    expect(story.share).toBe(0);
    expect(story.quotes.map((q) => q.text)).toEqual(['The story drags and drags on.', 'The plot is thin.']);
  });

  it('does not quote a sentence that goes against the majority, even from a review positive on the aspect', () => {
    const mixed = card([{ text: 'The action is superb from the first frame.', polarity: 0.8, aspect: 'action' }, { text: 'Some action scenes feel rushed and messy.', polarity: -0.5, aspect: 'action' }], { fresh: true, score: 70 });
    mixed.aspects = [{ aspect: 'action', polarity: 0.3, mentions: 2, evidence: mixed.aspects.flatMap((a) => a.evidence) }];
    const c = filmConsensus('f1', [review({ card: mixed })]);
    expect(c.aspects[0]!.quotes.map((q) => q.text)).toEqual(['The action is superb from the first frame.']);
  });

  it('builds the line from the reviews’ own majority-side sentences, with offsets that point at them', () => {
    const rs = [
      review({ card: card([{ text: 'A thrilling, gorgeous ride with superb action from start to finish.', polarity: 0.9, aspect: 'action' }], { fresh: true, score: 85 }) }),
      review({ card: card([{ text: 'The action is superb and the ride is thrilling throughout.', polarity: 0.7, aspect: 'action' }], { fresh: true, score: 80 }) }),
      review({ card: card([{ text: 'A dull, lifeless slog that wastes everyone involved here.', polarity: -0.9 }], { fresh: false, score: 15 }) }),
    ];
    const c = filmConsensus('f1', rs);
    expect(c.line).not.toBeNull();
    expect(c.line).not.toContain('dull');
    for (const s of c.lineSources) {
      const r = rs.find((x) => x.id === s.reviewId)!;
      expect(r.card!.text.slice(s.start, s.end)).toBe(s.text);
      expect(c.line).toContain(s.text);
    }
    expect(c.quotes.length).toBeGreaterThan(0);
    expect(c.quotes.length).toBeLessThanOrEqual(5);
    expect(new Set(c.quotes.map((q) => q.reviewId)).size).toBe(c.quotes.length);
    expect(c.quotes.every((q) => !c.lineSources.some((s) => s.text === q.text))).toBe(true);
  });

  it('is independent of input order', () => {
    const rs = [0, 1, 2, 3, 4].map((i) => review({ label: i % 2 === 0, rating: i * 20, card: card([{ text: `Sentence number ${i} is a fine and memorable line.`, polarity: 0.5 }], { fresh: true, score: 70 }) }));
    expect(filmConsensus('f1', [...rs].reverse())).toEqual(filmConsensus('f1', rs));
  });
});

describe('estimateShare', () => {
  const model = (fresh: number, n: number) => Array.from({ length: n }, (_, i) => ({ p: i < fresh ? 1 : 0, source: 'model' as const }));
  it('corrects classify-and-count with tpr/fpr (adjusted)', () => {
    // True share 0.8, tpr 0.9, fpr 0.3 → observed 0.8×0.9 + 0.2×0.3 = 0.78.
    const est = estimateShare(model(78, 100), consensusConfig({ quantifier: { kind: 'adjusted', tpr: 0.9, fpr: 0.3 } }));
    expect(est.share).toBeCloseTo(0.8, 6);
    expect(estimateShare(model(78, 100)).share).toBeCloseTo(0.78, 6);
  });
  it('clamps the adjusted estimate into [0, 1] and keeps labels as given', () => {
    const cfg = consensusConfig({ quantifier: { kind: 'adjusted', tpr: 0.8, fpr: 0.2 } });
    expect(estimateShare(model(95, 100), cfg).share).toBe(1);
    const mixed = estimateShare([...model(0, 10), { p: 1, source: 'label' }], cfg);
    expect(mixed.share).toBeCloseTo(1 / 11, 6);
  });
  it('uses the mean calibrated probability (probability quantifier)', () => {
    const rs = [0.9, 0.6].map((confidence) => review({ card: card([], { fresh: true, score: 70, confidence }) }));
    rs.push(review({ card: card([], { fresh: false, score: 30, confidence: 0.7 }) }));
    const c = filmConsensus('f1', rs, consensusConfig({ quantifier: { kind: 'probability' } }));
    expect(c.share).toBeCloseTo((0.9 + 0.6 + 0.3) / 3, 4);
  });
  it('recovers a shifted share from calibrated probabilities (em quantifier)', () => {
    // Two kinds of text, calibrated at prior 0.5: kind A (p = 0.8) is written by 80% of fresh and 20% of rotten
    // reviews. A film 90% fresh then has 0.9×0.8 + 0.1×0.2 = 74% kind A: EM's maximum-likelihood share is 0.9,
    // where the mean probability says 0.644.
    const calls = [...Array.from({ length: 74 }, () => ({ p: 0.8, source: 'model' as const })), ...Array.from({ length: 26 }, () => ({ p: 0.2, source: 'model' as const }))];
    const est = estimateShare(calls, consensusConfig({ quantifier: { kind: 'em', prior: 0.5 } }));
    expect(est.share).toBeCloseTo(0.9, 3);
    expect(estimateShare(calls, consensusConfig({ quantifier: { kind: 'probability' } })).share).toBeCloseTo(0.644, 6);
  });
  it('em leaves the share where the probabilities already match the prior', () => {
    expect(emPrior([0.3, 0.7], 0.5)).toBeCloseTo(0.5, 6);
    expect(emPrior([], 0.6)).toBe(0.6);
  });
});

describe('franchiseView', () => {
  const films = [
    { id: 'a', title: 'John Wick', year: 2014 },
    { id: 'b', title: 'John Wick: Chapter 2', year: 2017 },
    { id: 'c', title: 'John Wick: Chapter 3', year: 2019 },
    { id: 'd', title: 'Ballerina', year: 2025 },
  ];
  const cons = (share: number | null, score: number | null, reviews = 10) => ({ share, score, reviews, certified: false }) as FilmConsensus;

  it('ranks by share, then score, films without consensus last', () => {
    const v = franchiseView('John Wick', [
      { film: films[0]!, consensus: cons(0.86, 70) },
      { film: films[1]!, consensus: cons(0.89, 72) },
      { film: films[2]!, consensus: cons(0.89, 75) },
      { film: films[3]!, consensus: null },
    ]);
    expect(v.ranking.map((e) => e.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(v.ranking.map((e) => e.rank)).toEqual([1, 2, 3, 4]);
  });

  it('ranks by the lower end of the interval: one glowing review does not outrank many good ones', () => {
    const one = { share: 1, score: 90, reviews: 1, certified: false, interval: wilson(1, 1) } as FilmConsensus;
    const many = { share: 0.8, score: 70, reviews: 100, certified: false, interval: wilson(0.8, 100) } as FilmConsensus;
    const v = franchiseView('John Wick', [{ film: films[3]!, consensus: one }, { film: films[0]!, consensus: many }]);
    expect(v.ranking.map((e) => e.id)).toEqual(['a', 'd']);
  });

  it('resolves chronology keys exactly or by a unique whole-word prefix', () => {
    const r = keyResolver([{ id: 'c', key: 'john wick 3 parabellum' }, { id: 'b', key: 'john wick 2' }, { id: 'x', key: 'cars 2' }, { id: 'y', key: 'cars 2 special' }]);
    expect(r('john wick 3')).toBe('c');
    expect(r('john wick 2')).toBe('b');
    expect(r('john wick')).toBeNull(); // two films start with it
    expect(r('cars 2')).toBe('x');
    expect(r('john wick 4')).toBeNull();
    expect(r('')).toBeNull();
  });

  it('orders the timeline by edges, not by release, and breaks cycles by dropping the weakest edge', () => {
    const edges = [
      { before: 'c', after: 'd' },
      { before: 'd', after: 'c' },
      { before: 'c', after: 'd' }, // net: c before d
      { before: 'a', after: 'c' },
      { before: 'b', after: 'a' }, // a single odd vote: cycle with the two below
      { before: 'a', after: 'b' },
      { before: 'a', after: 'b' },
    ];
    const { order, conflicts } = timeline(films, edges);
    expect(order.map((f) => f.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(conflicts).toEqual([]); // a↔b votes cancel to a before b
    const cyc = timeline(films, [{ before: 'a', after: 'b' }, { before: 'b', after: 'c' }, { before: 'c', after: 'a' }, { before: 'a', after: 'b' }, { before: 'b', after: 'c' }]);
    expect(cyc.conflicts).toEqual([{ fromFilmId: 'c', toFilmId: 'a' }]);
    expect(cyc.order.map((f) => f.id)).toEqual(['a', 'b', 'c']);
  });

  it('reads edges from cards and from stored rows', () => {
    const ids: Record<string, string> = { 'john wick chapter 3': 'c', 'john wick chapter 4': 'e' };
    const e = cardTimelineEdges('d', [
      { relation: 'after', other: 'John Wick: Chapter 3', otherKey: 'john wick chapter 3', evidence: { start: 0, end: 1 } },
      { relation: 'before', other: 'John Wick: Chapter 4', otherKey: 'john wick chapter 4', evidence: { start: 0, end: 1 } },
      { relation: 'before', other: 'Unknown', otherKey: 'unknown', evidence: { start: 0, end: 1 } },
    ], (k) => ids[k] ?? null);
    expect(e).toEqual([{ before: 'c', after: 'd' }, { before: 'd', after: 'e' }]);
    expect(rowTimelineEdges([{ fromFilmId: 'x', toFilmId: 'y', relation: 'after' }])).toEqual([{ before: 'y', after: 'x' }]);
  });
});

describe('criticProfile', () => {
  it('computes mean score, offset from consensus and agreement', () => {
    const consensus: Record<string, FilmConsensus> = {
      f1: { share: 0.9, score: 80 } as FilmConsensus,
      f2: { share: 0.2, score: 30 } as FilmConsensus,
    };
    const rs = [
      review({ filmId: 'f1', rating: 90, label: true }),
      review({ filmId: 'f2', rating: 60, label: true }),
      review({ filmId: 'f3', rating: 30, label: false }),
    ];
    const p = criticProfile({ id: 'c', name: 'C' }, rs, (id) => consensus[id]);
    expect(p.reviews).toBe(3);
    expect(p.meanScore).toBe(60);
    expect(p.meanOffset).toBe(20); // (+10 + 30) / 2
    expect(p.agreement).toBe(0.5);
    expect(p.compared).toBe(2);
  });
});
