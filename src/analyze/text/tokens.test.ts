import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBuffer, tokenizeByPattern, tokenizeInto } from './tokens.ts';

const run = (f: typeof tokenizeInto, text: string, from: number, to: number): number[][] => {
  const buf = new TokenBuffer(4);
  f(text, from, to, buf);
  const t = buf.finish();
  return Array.from({ length: t.count }, (_, i) => [t.start[i]!, t.end[i]!, t.kind[i]!, t.hash[i]!]);
};

// Characters where the scanner could part from the pattern: separators, dots, spaces of every kind, marks,
// digits of other scripts, surrogate pairs and lone halves.
const piece = fc.constantFrom('a', 'Z', 'Q', 'İ', 'Σ', 'É', '9', ' ', '\n', '\t', '\v', '.', "'", '’', '-', '/', ',', 'é', '\u0301', '😀', '\ud83d', '\ude00', '\u00a0', '\u2003', '\ufeff', '!', '中', '٣', '\u200b', '½', '…', '—');

describe('tokenizeInto', () => {
  it('cuts the same tokens as the token pattern, with the same hashes, on any slice', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), fc.nat(), fc.nat(), (parts, x, y) => {
        const text = parts.join('');
        const from = x % (text.length + 1);
        const to = from + (y % (text.length - from + 1));
        expect(run(tokenizeInto, text, from, to)).toEqual(run(tokenizeByPattern, text, from, to));
        expect(run(tokenizeInto, text, 0, text.length)).toEqual(run(tokenizeByPattern, text, 0, text.length));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps inner apostrophes, hyphens and periods, and an ellipsis whole', () => {
    const text = "It doesn't work... U.S-made 3.5/4 films!";
    const words = run(tokenizeInto, text, 0, text.length).map(([s, e]) => text.slice(s, e));
    expect(words).toEqual(['It', "doesn't", 'work', '...', 'U.S-made', '3.5/4', 'films', '!']);
  });
});
