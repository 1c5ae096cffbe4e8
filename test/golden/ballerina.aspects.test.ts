import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findTargets } from '../../src/analyze/aspects/index.ts';
import type { Entities } from '../../src/analyze/entities/index.ts';
import { analyze, type Span } from '../../src/analyze/index.ts';
import { createContext } from '../../src/analyze/context.ts';
import { readDoc } from '../../src/analyze/text/index.ts';
import { loadModel } from '../../src/node/load-model.ts';

const text = readFileSync(new URL('./ballerina.txt', import.meta.url), 'utf8');
const expected = JSON.parse(readFileSync(new URL('./ballerina.expected.json', import.meta.url), 'utf8')) as {
  aspects: Record<string, 'positive' | 'negative'>;
  quotes: { topThreeContainsOneOf: string[] };
};
const model = loadModel();
const card = analyze(text, model);

describe('golden: ballerina.txt aspects, targets and quotes', () => {
  it.each(Object.entries(expected.aspects))('finds %s %s', (aspect, sign) => {
    const a = card.aspects.find((x) => x.aspect === aspect);
    expect(a, aspect).toBeDefined();
    if (sign === 'positive') expect(a!.polarity).toBeGreaterThan(0);
    else expect(a!.polarity).toBeLessThan(0);
  });

  it('cites evidence sentences of the cleaned text for every aspect', () => {
    for (const a of card.aspects) {
      expect(a.evidence.length).toBeGreaterThan(0);
      for (const e of a.evidence) expect(card.sentences.some((s) => s.start === e.start && s.end === e.end)).toBe(true);
    }
  });

  it('counts the publisher’s pull-quote line once', () => {
    const repeat = card.sentences.find((s) => s.repeatOf !== undefined)!;
    expect(repeat).toBeDefined();
    const cited = (spans: Span[]): boolean => spans.some((e) => e.start === repeat.start);
    expect(card.aspects.some((a) => cited(a.evidence))).toBe(false);
    expect(cited(card.quotes)).toBe(false);
    // "Ballerina looks great" is said once in the body: one visuals mention, not two.
    expect(card.aspects.find((a) => a.aspect === 'visuals')!.mentions).toBe(1);
  });

  it('ranks one of the expected lines among the top three pull quotes', () => {
    const top = card.quotes.slice(0, 3).map((q) => q.text);
    expect(top.some((q) => expected.quotes.topThreeContainsOneOf.some((p) => q.includes(p)))).toBe(true);
  });

  it('keeps pull quotes between 8 and 35 words, on the fresh side', () => {
    expect(card.quotes.length).toBeGreaterThanOrEqual(3);
    for (const q of card.quotes) {
      const n = q.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      expect(n).toBeGreaterThanOrEqual(8);
      expect(n).toBeLessThanOrEqual(35);
      expect(card.text.slice(q.start, q.end)).toBe(q.text);
    }
  });

  it('reads opinions about people and characters (hand-built entities)', () => {
    const doc = readDoc(text);
    const spans = (n: string): Span[] => {
      const out: Span[] = [];
      for (let i = doc.text.indexOf(n); i >= 0; i = doc.text.indexOf(n, i + 1)) out.push({ start: i, end: i + n.length });
      return out;
    };
    const entities: Entities = {
      film: null,
      references: [],
      chronology: [],
      people: [
        { name: 'Ana de Armas', mentions: spans('de Armas') },
        { name: 'Keanu Reeves', mentions: spans('Reeves') },
      ],
      credits: [
        { person: 'Ana de Armas', role: 'cast', character: 'Eve Macarro', evidence: spans('Ana de Armas')[0]! },
        { person: 'Keanu Reeves', role: 'cast', character: 'John Wick', evidence: spans('Reeves')[0]! },
      ],
    };
    const targets = findTargets(Object.assign(createContext(doc, model), { entities }));
    const of = (name: string) => targets.find((t) => t.name === name);
    expect(of('Ana de Armas')!.polarity).toBeGreaterThan(0);
    expect(of('Ana de Armas')!.kind).toBe('person');
    expect(of('John Wick')!.polarity).toBeLessThan(0);
    expect(of('John Wick')!.kind).toBe('character');
    expect(of('John Wick')!.evidence.some((e) => doc.text.slice(e.start, e.end).includes('John Wick himself'))).toBe(true);
  });
});
