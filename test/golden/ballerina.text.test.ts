import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDoc } from '../../src/analyze/text/index.ts';

const text = readFileSync(new URL('./ballerina.txt', import.meta.url), 'utf8');
const expected = JSON.parse(readFileSync(new URL('./ballerina.expected.json', import.meta.url), 'utf8')) as { pullQuote: { repeatOf: string } };
const doc = readDoc(text);
const sentences = doc.sentences.map((s) => doc.text.slice(s.start, s.end));

describe('golden: ballerina.txt text layer', () => {
  it.each(['Ana de Armas', 'Chapters 3 and 4', 'Looney Tunes-esque', 'John Wick: Chapter 5', 'Continental Hotel owner Winston (Ian McShane)'])('has no boundary inside "%s"', (phrase) => {
    expect(sentences.some((s) => s.includes(phrase))).toBe(true);
  });

  it('splits the review into its 37 sentences over 5 paragraphs', () => {
    expect(sentences).toHaveLength(37);
    expect(doc.paragraphCount).toBe(5);
    expect(sentences[31]).toBe('Oddly enough, the only major downside of that second half is…well, John Wick himself.');
  });

  it('marks the publisher’s pull-quote line as a repeat of its body sentence, once', () => {
    const repeats = doc.sentences.map((s, i) => [i, s.repeatOf] as const).filter(([, r]) => r >= 0);
    expect(repeats).toHaveLength(1);
    const [quoteIndex, bodyIndex] = repeats[0]!;
    expect(sentences[quoteIndex]!.startsWith('“Ballerina looks great')).toBe(true);
    expect(sentences[bodyIndex]!.startsWith(expected.pullQuote.repeatOf)).toBe(true);
  });
});
