// Bad input at the readers (issue 14): nothing lost without a report.
import { Readable } from 'node:stream';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCsv } from './csv.ts';
import { readJsonl } from './jsonl.ts';
import { listInputs, readInputs, type ReadItem } from './index.ts';
import { decodeReview, readFileBounded } from '../read-input.ts';

const MAX = 2 * 1024 * 1024;

async function all(gen: AsyncGenerator<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const x of gen) out.push(x);
  return out;
}
const csv = (s: string, opts = {}): Promise<ReadItem[]> => all(readCsv(Readable.from([Buffer.from(s)]), 'x.csv', { maxBytes: MAX, ...opts }));
const rows = (items: ReadItem[]) => items.flatMap((i) => (i.kind === 'row' ? [{ line: i.line, ...i.row }] : []));
const rejects = (items: ReadItem[]) => items.flatMap((i) => (i.kind === 'reject' ? [{ line: i.line, code: i.code }] : []));

describe('csv recovery after a broken quote', () => {
  it('the issue 14 repro: rows B and C are stored, the broken row A is reported by its line', async () => {
    const items = await csv('film,critic,review\n"Up","A","An unclosed quote here, a fine film\n"Up","B","A good review of a wonderful film."\n"Up","C","Another good review of a lovely film."\n');
    expect(rows(items).map((r) => [r.line, r.critic])).toEqual([[3, 'B'], [4, 'C']]);
    expect(rejects(items)).toEqual([{ line: 2, code: 'E_BAD_CSV' }]);
    expect((items[0] as { reason: string }).reason).toMatch(/not closed.*read again/);
  });

  it('a broken quote among 600 good rows loses none of them', async () => {
    const good = Array.from({ length: 600 }, (_, i) => `"Up","critic ${i}","Review number ${i}, a good film."`);
    good.splice(100, 0, '"Up","broken","An unclosed quote, then the rest');
    const items = await csv(`film,critic,review\n${good.join('\n')}\n`);
    expect(rows(items)).toHaveLength(600);
    expect(rejects(items)).toEqual([{ line: 102, code: 'E_BAD_CSV' }]);
  });

  it('a legitimate multi-line quoted field is still one row, with its last line', async () => {
    const items = await csv('film,review\nUp,"first line\nsecond line, ""quoted""\nthird"\nCars,next\n');
    expect(items[0]).toMatchObject({ kind: 'row', line: 2, endLine: 4, row: { text: 'first line\nsecond line, "quoted"\nthird' } });
    expect(rows(items).map((r) => r.film)).toEqual(['Up', 'Cars']);
  });

  it('lines that each reopen a quote never closed are read in linear time, each rejected or read', async () => {
    // `a,"x` opens a quote; each `y","z` keeps it open inside a quote and opens a new one outside.
    const lines = ['a,"x', ...Array.from({ length: 20_000 }, () => 'y","z'), 'Up,fine'];
    const t = performance.now();
    const items = await csv(`film,review\n${lines.join('\n')}\n`);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(rejects(items)).toHaveLength(20_001);
    expect(rows(items).map((r) => r.film)).toEqual(['Up']);
  });

  // Every line after the header ends in a row or a reject (line…endLine): corrupt quoting anywhere loses nothing silently.
  it('no line silently lost (property)', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', 'é'), maxLength: 10 });
    const quoted = cell.map((c) => `"${c.replace(/"/g, '""')}"`);
    const broken = fc.oneof(cell.map((c) => `"${c.replace(/"/g, '')}`), cell.map((c) => `${c.replace(/\n/g, ' ')}"x`), fc.constant('"'));
    const field = fc.oneof({ weight: 4, arbitrary: quoted }, { weight: 2, arbitrary: cell.map((c) => c.replace(/[\n,"]/g, '')) }, { weight: 1, arbitrary: broken });
    const row = fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join(','));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (records) => {
        const body = records.join('\n');
        const items = await csv(`a,b,text\n${body}\n`);
        const lines = body.split('\n');
        const covered = new Set<number>();
        for (const it of items) {
          expect(it.line).toBeGreaterThan(1);
          for (let l = it.line; l <= (it.endLine ?? it.line); l++) covered.add(l);
        }
        lines.forEach((l, k) => {
          if (l.trim() !== '') expect(covered.has(k + 2), `line ${k + 2} (${JSON.stringify(l)}) is in no row or reject`).toBe(true);
        });
        // Items come in file order and never overlap.
        for (let k = 1; k < items.length; k++) expect(items[k]!.line).toBeGreaterThan(items[k - 1]!.endLine ?? items[k - 1]!.line);
      }),
      { numRuns: 300 },
    );
  });
});

describe('text validated at the boundary', () => {
  it('JSON Lines: a lone surrogate or a NUL in the text or another field is a reject of its row, the rest read', async () => {
    const input = '{"text":"Lone \\ud800 here."}\n{"text":"ok","critic":"A\\u0000B"}\n{"text":"Fine."}\n{"text":"pair \\ud83c\\udfac ok"}\n';
    const items = await all(readJsonl(Readable.from([Buffer.from(input)]), 'x.jsonl', { maxBytes: MAX }));
    expect(rejects(items)).toEqual([{ line: 1, code: 'E_INVALID_UNICODE' }, { line: 2, code: 'E_BINARY_INPUT' }]);
    expect(rows(items).map((r) => r.text)).toEqual(['Fine.', 'pair 🎬 ok']);
  });

  it('CSV: binary control characters are a reject by line', async () => {
    const items = await csv(`film,review\nUp,${'\u0001\u0002\u0003'.repeat(5)}x\nCars,fine\n`);
    expect(rejects(items)).toEqual([{ line: 2, code: 'E_BINARY_INPUT' }]);
    expect(rows(items).map((r) => r.film)).toEqual(['Cars']);
  });

  it('UTF-16 with a byte-order mark is decoded (LE and BE); without one a NUL is binary', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Good film.', 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeReview(le)).toBe('Good film.');
    expect(decodeReview(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('Good film.');
    expect(() => decodeReview(le.subarray(2))).toThrow(/NUL byte/);
  });
});

describe('files', () => {
  it('reading a device stops at the size limit whatever stat says', () => {
    expect(() => readFileBounded('/dev/zero', 1024)).toThrow(/over the 1\.0 KB limit/);
  });

  it('reading a FIFO stops at the size limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-fifo-'));
    const fifo = join(dir, 'f.txt');
    execFileSync('mkfifo', [fifo]);
    // A writer that writes more than the limit; the reader gives up once past it.
    const script = `const fs=require('fs');const fd=fs.openSync(${JSON.stringify(fifo)},'w');try{for(let i=0;i<64;i++)fs.writeSync(fd,Buffer.alloc(65536,97))}catch{}`;
    const writer = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    try {
      expect(() => readFileBounded(fifo, 100_000)).toThrow(/over the 97\.7 KB limit/);
    } finally {
      writer.kill();
    }
  });

  it('folders: link loops and dangling links are rejects, the rest is imported once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-links-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.txt'), 'A plain review.');
    writeFileSync(join(dir, 'sub', 'b.txt'), 'Another review.');
    symlinkSync('..', join(dir, 'sub', 'loop'));
    symlinkSync('nowhere.txt', join(dir, 'dangling.txt'));
    symlinkSync('self.txt', join(dir, 'self.txt'));
    symlinkSync('a.txt', join(dir, 'alias.txt'));
    symlinkSync('sub', join(dir, 'sub2'));
    const { files } = listInputs([dir]);
    const items = await all(readInputs(files, { maxBytes: MAX }));
    expect(rows(items).map((r) => r.text)).toEqual(['A plain review.', 'Another review.']);
    expect(items.flatMap((i) => (i.kind === 'reject' ? [[i.file.slice(dir.length + 1), i.code]] : []))).toEqual([
      ['dangling.txt', 'E_BROKEN_LINK'], ['self.txt', 'E_LINK_LOOP'], ['sub/loop', 'E_LINK_LOOP'],
    ]);
  });
});
