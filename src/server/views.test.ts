import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.ts';
import type { ReviewCard } from '../analyze/card.ts';
import { scoreOf, snippetOf } from './views.ts';

const base = (text: string, over: Partial<ReviewCard> = {}): ReviewCard => ({ ...analyze(text), ...over });

describe('snippetOf', () => {
  it('prefers a pull quote that is not a spoiler', () => {
    const c = base('He dies. What a film.', { quotes: [{ start: 0, end: 8, text: 'He dies.', score: 1 }, { start: 9, end: 21, text: 'What a film.', score: 0.5 }], spoilers: [{ start: 0, end: 8, reason: 'death' }] });
    expect(snippetOf(c)).toEqual({ snippet: 'What a film.', spoiler: false });
  });
  it('falls back to the opening sentences, skipping spoilers', () => {
    const c = base('He dies at the end. The film is warm and funny.', { spoilers: [{ start: 0, end: 19, reason: 'death' }] });
    expect(snippetOf(c)).toEqual({ snippet: 'The film is warm and funny.', spoiler: false });
  });
  it('flags a snippet that is all spoiler', () => {
    const c = base('He dies at the end.', { spoilers: [{ start: 0, end: 19, reason: 'death' }] });
    expect(snippetOf(c)).toEqual({ snippet: 'He dies at the end.', spoiler: true });
  });
  it('clips long text at a word boundary', () => {
    const s = snippetOf(base('word '.repeat(200))).snippet;
    expect(s.length).toBeLessThanOrEqual(281);
    expect(s.endsWith('word…')).toBe(true);
  });
});

describe('scoreOf', () => {
  it('uses the stored normalised rating, else the card rating, else the model, else null', () => {
    const c = base('Fine.');
    expect(scoreOf(c, 70)).toBe(70);
    expect(scoreOf({ ...c, rating: { raw: '3/5', value: 3, scale: 5, normalized: 60 } })).toBe(60);
    expect(scoreOf({ ...c, verdict: { fresh: true, score: 77, label: 'positive', confidence: 0.9 } })).toBe(77);
    expect(scoreOf(c)).toBeNull();
  });
});
