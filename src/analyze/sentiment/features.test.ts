import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDoc } from '../text/index.ts';
import { featureBuckets, hashToken, hashWord } from './features.ts';

const MASK = (1 << 20) - 1;
const all = (text: string): Int32Array => {
  const doc = readDoc(text);
  return featureBuckets(doc, 0, doc.tokens.count, MASK);
};

describe('hashed n-gram features', () => {
  it('hashes case-insensitively and reads a curly apostrophe as a straight one', () => {
    expect(hashToken('Great', 0, 5)).toBe(hashWord('great'));
    expect(hashToken('don’t', 0, 5)).toBe(hashWord("don't"));
    expect(hashWord('good')).not.toBe(hashWord('bad'));
  });

  it('gives the same buckets whatever the case', () => {
    expect([...all('A GREAT film.')]).toEqual([...all('a great film.')]);
  });

  it('marks negation until the clause ends: "not good" differs from "good", and the scope stops at a comma', () => {
    const good = all('good');
    const notGood = all('not good');
    const goodWord = good[0]!;
    expect(notGood.includes(goodWord)).toBe(false);
    // After the comma "good" is plain again.
    expect(all('not bad, good').includes(goodWord)).toBe(true);
    expect(all("isn't good").includes(goodWord)).toBe(false);
  });

  it('is order-sensitive through bigrams', () => {
    expect([...all('dog bites man')]).not.toEqual([...all('man bites dog')]);
  });

  it('returns sorted, unique buckets within the mask for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const b = all(s);
        for (let i = 0; i < b.length; i++) {
          expect(b[i]).toBeGreaterThanOrEqual(0);
          expect(b[i]).toBeLessThanOrEqual(MASK);
          if (i > 0) expect(b[i]!).toBeGreaterThan(b[i - 1]!);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('has at most three features (uni, bi, tri) per token', () => {
    const doc = readDoc('one two three four five six seven');
    expect(featureBuckets(doc, 0, doc.tokens.count, MASK).length).toBeLessThanOrEqual(3 * doc.tokens.count);
    expect(featureBuckets(doc, 2, 2, MASK).length).toBe(0);
  });
});
