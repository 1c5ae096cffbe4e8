import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VerdictError } from '../errors.ts';
import { assertValidText, textProblem } from './validate.ts';

describe('textProblem', () => {
  it.each([
    ['a NUL', 'ab\u0000c', 'E_BINARY_INPUT', /NUL character at offset 2/],
    ['a lone high surrogate', 'ab\ud800c', 'E_INVALID_UNICODE', /lone surrogate \(U\+D800\) at offset 2/],
    ['a lone low surrogate at the end', 'abc\udfff', 'E_INVALID_UNICODE', /\(U\+DFFF\) at offset 3/],
    ['mostly control characters', '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008x', 'E_BINARY_INPUT', /looks binary/],
  ])('%s is a problem with a code and one line', (_n, text, code, message) => {
    const p = textProblem(text, 'the text')!;
    expect(p.code).toBe(code);
    expect(p.message).toMatch(message);
    expect(p.message).not.toContain('\n');
    expect(() => assertValidText(text)).toThrow(VerdictError);
  });

  it.each(['plain text', 'emoji 🎬 pairs', 'tabs\tand\nnew lines\r\n', 'one escape \u001b and a form feed \f', 'C1 \u0085 \u0092 from cp1252 text'])('accepts %j', (text) => {
    expect(textProblem(text)).toBeNull();
  });

  it('accepts every well-formed string without NUL or C0 controls (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      const clean = s.replace(/[\u0000-\u0008\u000e-\u001f]/g, '');
      expect(textProblem(clean)).toBeNull();
    }));
  });
});
