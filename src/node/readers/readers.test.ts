import { Readable } from 'node:stream';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnKey, parseColumnFlags, parseDate, parseLabel, resolveColumns } from './columns.ts';
import { readCsv, scanQuotes, splitQuoted, splitRecord, splitWithCsvParse } from './csv.ts';
import { readJsonl } from './jsonl.ts';
import { listInputs, readFile, readInputs, type ReadItem } from './index.ts';

const MAX = 2 * 1024 * 1024;

async function all(gen: AsyncGenerator<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const x of gen) out.push(x);
  return out;
}
const csv = (s: string | Buffer, opts = {}): Promise<ReadItem[]> => all(readCsv(Readable.from([Buffer.from(s)]), 'x.csv', { maxBytes: MAX, ...opts }));
const rows = (items: ReadItem[]) => items.flatMap((i) => (i.kind === 'row' ? [{ line: i.line, ...i.row }] : []));
const rejects = (items: ReadItem[]) => items.flatMap((i) => (i.kind === 'reject' ? [{ line: i.line, code: i.code }] : []));

describe('columns', () => {
  it.each([
    ['review_content', 'review_content'],
    ['reviewContent', 'review_content'],
    ['Movie Title', 'movie_title'],
    ['\uFEFFtext', 'text'],
  ])('columnKey(%s) = %s', (a, b) => expect(columnKey(a)).toBe(b));

  it('recognises the usual names of the RT exports', () => {
    const h = ['id', 'movie_title', 'critic_name', 'top_critic', 'publisher_name', 'review_type', 'review_score', 'review_date', 'review_content'];
    expect(resolveColumns(h)).toEqual({ text: 8, film: 1, critic: 2, publication: 4, label: 5, rating: 6, date: 7, topCritic: 3 });
    const p = ['creation_date', 'critic_name', 'review_state', 'is_fresh', 'is_top_critic', 'publication_name', 'review_url', 'quote', 'original_score'];
    expect(resolveColumns(p)).toMatchObject({ text: 7, critic: 1, label: 2, topCritic: 4, publication: 5, url: 6, rating: 8, date: 0 });
  });

  it('explicit mappings win, and a mapping to a missing column is an error', () => {
    expect(resolveColumns(['body', 'review'], { text: 'body' })).toMatchObject({ text: 0 });
    expect(() => resolveColumns(['a'], { text: 'nope' })).toThrow(/no column "nope"/);
    expect(parseColumnFlags(['text=body', 'topCritic=top'])).toEqual({ text: 'body', topCritic: 'top' });
    expect(() => parseColumnFlags(['colour=x'])).toThrow(/unknown field/);
  });

  it.each([
    ['fresh', true], ['Rotten', false], ['POSITIVE', true], ['NEGATIVE', false], ['True', true], [0, false], [true, true], ['maybe', undefined],
  ])('parseLabel(%s)', (v, want) => expect(parseLabel(v)).toBe(want));

  it.each([
    ['Mar 27, 2023', '2023-03-27'], ['November 10, 2018', '2018-11-10'], ['2010-03-26', '2010-03-26'], ['27 March 2023', '2023-03-27'], ['someday', undefined],
  ])('parseDate(%s)', (v, want) => expect(parseDate(v)).toBe(want));
});

describe('csv reader', () => {
  it('reads rows with a multi-line quoted field and a BOM, reporting the starting line', async () => {
    const items = await csv('\uFEFFmovie_title,review,fresh\r\nToy Story,"Great, ""really""\r\nfun",fresh\r\nCars,Meh,rotten\r\n');
    expect(rows(items)).toEqual([
      { line: 2, film: 'Toy Story', text: 'Great, "really"\nfun', label: true },
      { line: 4, film: 'Cars', text: 'Meh', label: false },
    ]);
  });

  it('rejects a record with broken quoting by its line and reads on', async () => {
    const items = await csv('title,review\nA,"x"y\nB,good\nC,"bad" , "worse"z\nD,fine\n');
    expect(rejects(items)).toEqual([{ line: 2, code: 'E_BAD_CSV' }, { line: 4, code: 'E_BAD_CSV' }]);
    expect(rows(items).map((r) => r.film)).toEqual(['B', 'D']);
  });

  it('a quote never closed is rejected at its line and the lines after it still import', async () => {
    const items = await csv('title,review\nA,ok\nB,"unclosed\nC,three\nD,four\n');
    expect(rejects(items)).toEqual([{ line: 3, code: 'E_BAD_CSV' }]);
    expect(rows(items).map((r) => r.film)).toEqual(['A', 'C', 'D']);
  });

  it('a quote in the middle of an unquoted field is literal', async () => {
    const items = await csv('title,review\nA,a 5" doll\nB,next\n');
    expect(rows(items).map((r) => r.text)).toEqual(['a 5" doll', 'next']);
  });

  it('rejects invalid UTF-8, wrong field counts and empty text by line', async () => {
    const bad = Buffer.concat([Buffer.from('title,review\nA,caf'), Buffer.from([0xe9]), Buffer.from('\nB,x,extra\nC,  \nD,ok\n')]);
    const items = await csv(bad);
    expect(rejects(items)).toEqual([{ line: 2, code: 'E_INVALID_UTF8' }, { line: 3, code: 'E_BAD_CSV' }, { line: 4, code: 'E_EMPTY_TEXT' }]);
    expect(rows(items).map((r) => r.film)).toEqual(['D']);
  });

  it('rejects a 50 MB line without holding it and imports the rest', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x61);
    const stream = Readable.from((function* () {
      yield Buffer.from('title,review\nA,first\nB,');
      for (let i = 0; i < big.length; i += 1 << 20) yield big.subarray(i, i + (1 << 20));
      yield Buffer.from('\nC,last\n');
    })());
    const items = await all(readCsv(stream, 'big.csv', { maxBytes: MAX }));
    expect(rejects(items)).toEqual([{ line: 3, code: 'E_TOO_LARGE' }]);
    expect(rows(items).map((r) => r.film)).toEqual(['A', 'C']);
  });

  it('refuses a file without a text column, naming its columns', async () => {
    const items = await csv('title,score\nA,3\n');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'reject', line: 0, code: 'E_MISSING_TEXT' });
    expect((items[0] as { reason: string }).reason).toMatch(/title, score/);
  });

  it('detects tab and semicolon delimiters; --film overrides the film column', async () => {
    expect(rows(await csv('title\treview\nA\tgood; fine\n'))).toEqual([{ line: 2, film: 'A', text: 'good; fine' }]);
    expect(rows(await csv('title;review\nA;ok\n', { film: 'Z' }))).toEqual([{ line: 2, film: 'Z', text: 'ok' }]);
  });

  it('quote scanning agrees with csv-parse on well-formed records (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' ', 'é'), maxLength: 8 });
    fc.assert(fc.property(fc.array(cell, { minLength: 1, maxLength: 5 }), (cells) => {
      const line = cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
      // the whole record scanned line by line ends outside quotes, and splits back to its cells
      let q = false;
      for (const l of line.split('\n')) q = scanQuotes(Buffer.from(l), q, 44);
      expect(q).toBe(false);
      expect(splitRecord(line, ',')).toEqual(cells);
    }));
  });

  it('the plain-quoting splitter reads every record it accepts as csv-parse does (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '""', '\n', '\r', ' ', ';', 'é'), minLength: 1, maxLength: 24 });
    let accepted = 0;
    fc.assert(
      fc.property(text, fc.constantFrom(',', ';'), (t, d) => {
        const fast = splitQuoted(t, d);
        if (fast === null) return;
        accepted++;
        expect(fast).toEqual(splitWithCsvParse(t, d));
      }),
      { numRuns: 2000 },
    );
    // well-formed quoted records are taken by the splitter, not all left to csv-parse
    expect(splitQuoted('"Up","A ""fine"" film, truly",x,', ',')).toEqual(['Up', 'A "fine" film, truly', 'x', '']);
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('jsonl reader', () => {
  it('reads objects by the usual keys and rejects bad lines by number', async () => {
    const input = Buffer.concat([
      Buffer.from('{"movie_title":"Shrek","quote":"Fun.","review_state":"fresh","is_top_critic":true,"creation_date":"2001-05-18"}\n'),
      Buffer.from('not json\n\n[1]\n{"title":"X"}\n{"text":"caf'), Buffer.from([0xff]), Buffer.from('"}\n'),
      Buffer.from('{"short_review":"Great.","title":"Y","movie_year":2001}'),
    ]);
    const items = await all(readJsonl(Readable.from([input]), 'x.jsonl', { maxBytes: MAX }));
    expect(rows(items)).toEqual([
      { line: 1, film: 'Shrek', text: 'Fun.', label: true, topCritic: true, date: '2001-05-18' },
      { line: 7, film: 'Y', text: 'Great.', year: 2001 },
    ]);
    expect(rejects(items)).toEqual([
      { line: 2, code: 'E_BAD_JSON' }, { line: 4, code: 'E_BAD_JSON' }, { line: 5, code: 'E_MISSING_TEXT' }, { line: 6, code: 'E_INVALID_UTF8' },
    ]);
  });
});

describe('files and folders', () => {
  it('walks a folder of reviews and tabular files, gzip included, with --film', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-readers-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.txt'), 'A plain review.');
    writeFileSync(join(dir, 'sub', 'b.md'), '# Title\n\nMarkdown *review*.');
    writeFileSync(join(dir, 'c.html'), '<p>Html review.</p>');
    writeFileSync(join(dir, 'd.jsonl.gz'), gzipSync('{"text":"zipped"}\n'));
    writeFileSync(join(dir, 'empty.txt'), '  \n');
    writeFileSync(join(dir, 'notes.pdf'), 'x');
    const { files, ignored } = listInputs([dir]);
    expect(ignored).toEqual([join(dir, 'notes.pdf')]);
    const items = await all(readInputs(files, { maxBytes: MAX, film: 'Toy Story' }));
    expect(rows(items).map((r) => [r.text.slice(0, 8), r.film, r.format])).toEqual([
      ['A plain ', 'Toy Story', 'text'], ['<p>Html ', 'Toy Story', 'html'], ['zipped', 'Toy Story', undefined], ['# Title\n', 'Toy Story', 'markdown'],
    ]);
    expect(rejects(items)).toEqual([{ line: 0, code: 'E_EMPTY_TEXT' }]);
    const progress = { bytes: 0 };
    await all(readFile(join(dir, 'd.jsonl.gz'), { maxBytes: MAX, progress }));
    expect(progress.bytes).toBeGreaterThan(0);
  });
});

describe('.json files and rejects files in folders', () => {
  it('a pretty-printed JSON array or object is read as such; one object per line still as JSON Lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-json-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify([{ text: 'A fine film.', movie_title: 'Up' }, { review: 'Dull.', movie_title: 'Cars' }, 3], null, 2));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ text: 'Wonderful.', movie_title: 'Coco' }, null, 2));
    writeFileSync(join(dir, 'c.json'), '{"text":"One."}\n{"text":"Two."}\n');
    writeFileSync(join(dir, 'd.json.gz'), gzipSync(JSON.stringify([{ text: 'Zipped.' }], null, 2)));
    const a = await all(readFile(join(dir, 'a.json'), { maxBytes: MAX }));
    expect(rows(a).map((r) => [r.line, r.text, r.film])).toEqual([[1, 'A fine film.', 'Up'], [2, 'Dull.', 'Cars']]);
    expect(rejects(a)).toEqual([{ line: 3, code: 'E_BAD_JSON' }]);
    expect(rows(await all(readFile(join(dir, 'b.json'), { maxBytes: MAX }))).map((r) => r.text)).toEqual(['Wonderful.']);
    expect(rows(await all(readFile(join(dir, 'c.json'), { maxBytes: MAX }))).map((r) => r.text)).toEqual(['One.', 'Two.']);
    expect(rows(await all(readFile(join(dir, 'd.json.gz'), { maxBytes: MAX }))).map((r) => r.text)).toEqual(['Zipped.']);
  });

  it('a folder walk skips the rejects files an earlier import wrote there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-rej-'));
    writeFileSync(join(dir, 'r.txt'), 'A review.');
    writeFileSync(join(dir, 'verdict-rejects.tsv'), 'file\tline\tcode\treason\n');
    writeFileSync(join(dir, 'verdict-rejects-2026-12-01T23-00-00.tsv'), 'file\tline\tcode\treason\n');
    expect(listInputs([dir]).files).toEqual([join(dir, 'r.txt')]);
  });
});
