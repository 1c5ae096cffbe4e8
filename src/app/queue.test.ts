import { describe, expect, it } from 'vitest';
import { testCard } from '../store/store.case.test.ts';
import { changeChance, doubtsOf, lineWeight, priorityOf } from './queue.ts';

const card = (fresh: boolean, confidence: number, rating: number | null = null) => {
  const c = testCard('Some review text.', 'v', { fresh, score: fresh ? 70 : 30 });
  c.verdict!.confidence = confidence;
  if (rating !== null) c.rating = { raw: `${rating}/100`, value: rating, scale: 100, normalized: rating } as never;
  return c;
};

describe('the review queue order', () => {
  it('ranks an unsure verdict above a sure one, and a verdict that disagrees with the rating above both', () => {
    const unsure = doubtsOf({ label: null, rating: null, card: card(true, 0.55) });
    const sure = doubtsOf({ label: null, rating: null, card: card(true, 0.97) });
    const disagree = doubtsOf({ label: null, rating: 30, card: card(true, 0.8) });
    expect(changeChance(unsure)).toBeCloseTo(0.45);
    expect(changeChance(sure)).toBeCloseTo(0.03);
    expect(disagree.map((d) => d.kind)).toEqual(['rating', 'verdict']);
    expect(changeChance(disagree)).toBeCloseTo(0.45);
  });
  it('counts a human label as nearly sure, and flags a label the text contradicts', () => {
    expect(doubtsOf({ label: true, rating: null, card: card(true, 0.9) })).toEqual([]);
    expect(doubtsOf({ label: true, rating: null, card: card(false, 0.9) })[0]?.kind).toBe('label');
  });
  it('flags a film the text names differently', () => {
    const c = card(true, 0.9);
    c.film = { title: 'Other Film', key: 'other film', confidence: 0.8, source: 'text', mentions: [] };
    expect(doubtsOf({ label: null, rating: null, card: c, filmKey: 'this film' }).map((d) => d.kind)).toContain('film');
  });
  it('flags a link to a film of another year, and a director the film index does not list', () => {
    const c = card(true, 0.9);
    c.film = { title: 'Remade', key: 'remade', confidence: 1, source: 'metadata', mentions: [], year: 1990, linkConfidence: 0.9, directors: ['Ann Director'] };
    c.credits = [{ person: 'Bob Other', role: 'director', evidence: { start: 0, end: 1 } }];
    const d = doubtsOf({ label: null, rating: null, card: c, filmKey: 'remade', filmYear: 2020 });
    expect(d.map((x) => x.kind).sort()).toEqual(['credit', 'film', 'verdict']);
    expect(d.find((x) => x.kind === 'credit')?.detail).toContain('Ann Director');
  });
  it('weighs films on the 60% line most, and one review of a small film more than one of a large film', () => {
    expect(lineWeight(0.6)).toBe(1);
    expect(lineWeight(0.95)).toBe(0.25);
    expect(lineWeight(0.7)).toBeGreaterThan(lineWeight(0.8));
    const d = doubtsOf({ label: null, rating: null, card: card(true, 0.6) });
    expect(priorityOf(d, 10, 0.6)).toBeGreaterThan(priorityOf(d, 100, 0.6));
    expect(priorityOf(d, 10, 0.6)).toBeGreaterThan(priorityOf(d, 10, 0.95));
  });
});
