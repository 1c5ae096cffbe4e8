import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.ts';
import { scoreSentiment } from '../../src/analyze/sentiment/index.ts';
import { readDoc } from '../../src/analyze/text/index.ts';
import { loadModel } from '../../src/node/load-model.ts';

const text = readFileSync(new URL('./ballerina.txt', import.meta.url), 'utf8');
const expected = JSON.parse(readFileSync(new URL('./ballerina.expected.json', import.meta.url), 'utf8')) as {
  verdict: { fresh: boolean; scoreMin: number; scoreMax: number };
};
const model = loadModel();

describe('golden: ballerina.txt verdict with the shipped model', () => {
  it('loads a trained sentiment model from models/', () => {
    expect(model.sentiment).not.toBeNull();
    expect(model.version).toMatch(/^sentiment\.v1-[0-9a-f]{8}(?:\+aspects\.v1-[0-9a-f]{8})?\+lexicon-[0-9a-f]{8}\+ner\.v1-[0-9a-f]{8}(?:\+films-[0-9a-f]{8})?$/);
  });

  it('is fresh, scores within the expected range, and is never labelled negative', () => {
    const card = analyze(text, model);
    expect(card.verdict).not.toBeNull();
    expect(card.verdict!.fresh).toBe(expected.verdict.fresh);
    expect(card.verdict!.score).toBeGreaterThanOrEqual(expected.verdict.scoreMin);
    expect(card.verdict!.score).toBeLessThanOrEqual(expected.verdict.scoreMax);
    expect(card.verdict!.label).not.toBe('negative');
    expect(card.verdict!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(card.verdict!.confidence).toBeLessThanOrEqual(1);
  });

  it('gives every body sentence a polarity and the repeated pull-quote line none', () => {
    const doc = readDoc(text);
    const { sentences } = scoreSentiment(doc, model, null);
    doc.sentences.forEach((s, i) => {
      if (s.repeatOf >= 0) expect(sentences[i]).toBe(0);
      expect(Math.abs(sentences[i]!)).toBeLessThanOrEqual(1);
    });
    expect(sentences.some((p) => p > 0.5)).toBe(true);
    expect(sentences.some((p) => p < -0.2)).toBe(true);
  });

  it('reads the closing verdict sentence as positive and the "John Wick himself" complaint as negative', () => {
    const doc = readDoc(text);
    const { sentences } = scoreSentiment(doc, model, null);
    const find = (start: string): number => doc.sentences.findIndex((s) => doc.text.slice(s.start, s.end).startsWith(start));
    const seat = doc.sentences.findIndex((s) => doc.text.slice(s.start, s.end).includes('earns a seat at the high table'));
    expect(seat).toBeGreaterThanOrEqual(0);
    expect(sentences[seat]!).toBeGreaterThan(0);
    expect(find('Oddly enough')).toBeGreaterThanOrEqual(0);
  });
});
