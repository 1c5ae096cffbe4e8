import { describe, expect, it } from 'vitest';
import { createContext } from '../context.ts';
import { loadModel } from '../../node/load-model.ts';
import { readDoc } from '../text/index.ts';
import { aspectUnits } from './index.ts';

// A run-on sentence (lower-case words, no punctuation) is cut into clauses, and each clause reads the rule readings
// of the sentence around it as context. Were that all of the sentence, the features (and the work) would grow with
// its square (issue 14, "Linear time"): counted here, not timed.
const model = loadModel();
const words = 'the film is great and the acting superb but the plot drags'.split(' ');
/** `n` of the words in a pseudo-random order (a linear congruential generator's high bits: the same text every run). */
function runOn(n: number): string {
  let s = 1;
  return Array.from({ length: n }, () => words[((s = (s * 1664525 + 1013904223) >>> 0) >>> 16) % words.length]).join(' ');
}
const featureCount = (text: string): number => aspectUnits(createContext(readDoc(text), model)).reduce((n, u) => n + u.buckets.length + u.lex.length, 0);

describe('clause units of a run-on sentence', () => {
  it('hold features in proportion to its length', () => {
    expect(readDoc(runOn(8000)).sentences.length).toBe(1);
    const ratio = featureCount(runOn(8000)) / featureCount(runOn(4000));
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.3);
  });
});
