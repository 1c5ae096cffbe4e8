import { describe, expect, it } from 'vitest';
import { readDoc } from '../text/index.ts';
import { charBuckets } from './char-features.ts';

const MASK = (1 << 21) - 1;
const all = (text: string): Int32Array => {
  const doc = readDoc(text);
  return charBuckets(doc, 0, doc.tokens.count, MASK);
};
const shared = (a: Int32Array, b: Int32Array): number => [...a].filter((x) => b.includes(x)).length;

describe('character n-gram features', () => {
  it('are sorted, unique and within the mask', () => {
    const b = all('Unwatchable, unwatchable, UNWATCHABLE: a franchise-fatigued mess.');
    for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThan(b[i - 1]!);
    for (const x of b) expect(x >= 0 && x <= MASK).toBe(true);
  });

  it('read inflections and coinages through shared pieces of words, whatever the case', () => {
    expect([...all('UNWATCHABLE')]).toEqual([...all('unwatchable')]);
    // "unwatchably" shares most 3–5-grams with "unwatchable"; "delightful" shares none.
    expect(shared(all('unwatchably'), all('unwatchable'))).toBeGreaterThan(10);
    expect(shared(all('delightful'), all('unwatchable'))).toBe(0);
  });

  it('mark negation until the clause ends, as the word features do', () => {
    const good = all('good');
    expect(shared(all('not good'), good)).toBe(0);
    expect(shared(all('not bad, good'), good)).toBe(good.length);
    expect(shared(all("isn't good"), good)).toBe(0);
  });

  it('read only word tokens (numbers and punctuation give nothing)', () => {
    expect(all('2024 ... !!!').length).toBe(0);
  });
});
