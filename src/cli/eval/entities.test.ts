import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreEntities, type AnnotatedReview } from './entities.ts';

const load = (name: string): AnnotatedReview[] => JSON.parse(readFileSync(new URL(`../../../test/fixtures/entities/${name}`, import.meta.url), 'utf8')) as AnnotatedReview[];
const p = (c: { tp: number; fp: number }): number => c.tp / Math.max(1, c.tp + c.fp);
const r = (c: { tp: number; fn: number }): number => c.tp / Math.max(1, c.tp + c.fn);

describe('verdict eval entities', () => {
  it('meets the issue targets on the hand-annotated set', () => {
    const reviews = load('annotated.json');
    expect(reviews.length).toBeGreaterThanOrEqual(40);
    const s = scoreEntities(reviews);
    expect(p(s.people)).toBeGreaterThanOrEqual(0.9);
    expect(r(s.people)).toBeGreaterThanOrEqual(0.85);
    expect(p(s.cast)).toBeGreaterThanOrEqual(0.9);
    expect(r(s.cast)).toBeGreaterThanOrEqual(0.8);
    expect(s.titles.correct / s.titles.named).toBeGreaterThanOrEqual(0.9);
  });

  it('counts a miss and an extra', () => {
    const s = scoreEntities([{ source: 't', id: '1', text: 'Reeves is great. The Chancellor (Gabriel Byrne) waits.', film: null, people: ['Ian McShane', 'Gabriel Byrne'], cast: [], directors: [] }]);
    expect(s.people.tp).toBe(1);
    expect(s.people.fn).toBe(1);
    expect(s.cast.fp).toBe(1);
  });

  it('counts a title given where the annotator found no film to name, and not where an index film is known', () => {
    const text = 'Ballerina is a blast. Ana de Armas carries every fight in Ballerina with grace.';
    const none = scoreEntities([{ source: 't', id: '1', text, film: null, people: ['Ana de Armas'], cast: [], directors: [] }]);
    expect(none.titles).toEqual({ named: 0, correct: 0, none: 1, unfounded: 1 });
    const known = scoreEntities([{ source: 't', id: '2', text, film: null, filmIndexHref: 'Ballerina_(2025_film)', people: ['Ana de Armas'], cast: [], directors: [] }]);
    expect(known.titles).toEqual({ named: 0, correct: 0, none: 0, unfounded: 0 });
  });
});
