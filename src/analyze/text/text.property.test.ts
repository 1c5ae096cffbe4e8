import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean } from './clean.ts';
import { readDoc } from './index.ts';

// Strings that look like reviews: words, abbreviations, punctuation, quotes, markup and entities.
const pieces = fc.constantFrom(
  'The', 'film', 'Mr.', 'Dr.', 'M.', 'U.S.', 'No.', '2', '3.5', 'Ana de Armas', '…', '...', '.', '!', '?', ',', ':', '—',
  '“', '”', '"', "'", '(', ')', '\n', '\n\n', ' ', '<p>', '</p>', '<br />', '<script>x</script>', '&amp;', '&#44;', '*', '#',
  'Chapters 3 and 4', 'é', '☆', '\t', '\r\n',
);
const reviewish = fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((a) => a.join(' '));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), reviewish);
const formats = fc.constantFrom(undefined, 'text' as const, 'markdown' as const, 'html' as const);

describe('text layer properties', () => {
  it('never throws, and slices reproduce sentences and tokens', () => {
    fc.assert(
      fc.property(anyText, formats, (raw, format) => {
        const doc = readDoc(raw, format ? { format } : {});
        for (const s of doc.sentences) {
          expect(s.end).toBeGreaterThan(s.start);
          const slice = doc.text.slice(s.start, s.end);
          expect(slice).toBe(slice.trim());
          expect(slice.length).toBe(s.end - s.start);
        }
        for (let i = 0; i < doc.tokens.count; i++) {
          const t = doc.text.slice(doc.tokens.start[i], doc.tokens.end[i]);
          expect(t.length).toBeGreaterThan(0);
          expect(/\s/.test(t)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('sentences are ordered, disjoint, and cover every non-space character; tokens stay inside them', () => {
    fc.assert(
      fc.property(anyText, formats, (raw, format) => {
        const doc = readDoc(raw, format ? { format } : {});
        const covered = new Uint8Array(doc.text.length);
        let prevEnd = 0;
        for (const s of doc.sentences) {
          expect(s.start).toBeGreaterThanOrEqual(prevEnd);
          prevEnd = s.end;
          covered.fill(1, s.start, s.end);
          for (let k = s.tokenStart; k < s.tokenEnd; k++) {
            expect(doc.tokens.start[k]).toBeGreaterThanOrEqual(s.start);
            expect(doc.tokens.end[k]).toBeLessThanOrEqual(s.end);
          }
        }
        for (let i = 0; i < doc.text.length; i++) {
          if (!/\s/.test(doc.text[i]!)) expect(covered[i]).toBe(1);
        }
        for (let k = 1; k < doc.tokens.count; k++) expect(doc.tokens.start[k]).toBeGreaterThanOrEqual(doc.tokens.end[k - 1]!);
      }),
      { numRuns: 400 },
    );
  });

  it('cleaning is idempotent: the cleaned text is a fixed point of cleaning as text', () => {
    fc.assert(
      fc.property(anyText, formats, (raw, format) => {
        const once = clean(raw, format ? { format } : {}).text;
        expect(clean(once, { format: 'text' }).text).toBe(once);
      }),
      { numRuns: 400 },
    );
  });
});
