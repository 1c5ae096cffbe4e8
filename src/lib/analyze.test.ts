import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze, analyzeMany, consensus, ErrorCode, loadModel } from '../index.ts';
import { cardJsonSchema } from '../server/api/card-json-schema.ts';

const model = loadModel();

describe('the library', () => {
  it('analyses with the shipped model by default', () => {
    expect(analyze('A wonderful, moving film with superb acting.').verdict?.fresh).toBe(true);
  });

  it.each([
    ['whitespace', ' \n\t ', ErrorCode.EMPTY_TEXT],
    ['a NUL byte', 'abc\0def ghi', ErrorCode.BINARY_INPUT],
    ['control characters', `PNG${'\x01\x02\x03\x04'.repeat(10)} text`, ErrorCode.BINARY_INPUT],
    ['replacement characters', `bad ${'\uFFFD'.repeat(20)} decode`, ErrorCode.INVALID_UTF8],
    ['a lone surrogate', 'broken \uD800 text here', ErrorCode.INVALID_UNICODE],
    ['not a string', 42 as unknown as string, ErrorCode.MISSING_TEXT],
  ])('throws a typed error on %s', (_what, text, code) => {
    expect(() => analyze(text, model)).toThrow(expect.objectContaining({ code }));
  });

  it('counts offsets in UTF-16 code units, or in code points when asked', () => {
    const text = 'I loved it 😀 so much. The acting is great.';
    const utf16 = analyze(text, model).sentences[1]!;
    expect(text.slice(utf16.start, utf16.end)).toBe('The acting is great.');
    const cp = analyze(text, model, { offsets: 'codepoints' });
    expect([...text].slice(cp.sentences[1]!.start, cp.sentences[1]!.end).join('')).toBe('The acting is great.');
    expect(cp.film).toEqual(analyze(text, model).film);
  });

  it('analyses many reviews on worker threads in input order, and builds their consensus', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => (i % 2 ? `Dull, tedious and badly acted ${i}.` : `A superb, thrilling film ${i}. Loved it.`));
    texts.splice(5, 0, '   ');
    const out = [];
    for await (const r of analyzeMany(texts, { concurrency: 2, batchSize: 4 })) out.push(r);
    expect(out.map((r) => r.index)).toEqual(texts.map((_, i) => i));
    expect('error' in out[5]! && out[5].error.code).toBe(ErrorCode.EMPTY_TEXT);
    const cards = out.flatMap((r) => ('card' in r ? [r.card] : []));
    expect(cards[0]!.text).toContain('film 0');
    const c = consensus(cards);
    expect(c.reviews).toBe(40);
  });
});

describe('the card JSON Schema', () => {
  it('is generated from the zod definition and shipped current in schema/card.v1.json', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../schema/card.v1.json', import.meta.url), 'utf8')) as unknown;
    expect(shipped, 'run `node scripts/card-schema.ts`').toEqual(cardJsonSchema());
    expect(cardJsonSchema().title).toBe('card.v1');
  });
});
