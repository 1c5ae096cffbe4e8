import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { AnalyzePool } from '../node/pool/pool.ts';
import { RejectsFile } from '../node/rejects-file.ts';
import { importFiles } from './import-reviews.ts';

const dir = mkdtempSync(join(tmpdir(), 'verdict-import-'));
const MAX = 2 * 1024 * 1024;
let pool: AnalyzePool;

beforeAll(() => {
  pool = new AnalyzePool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

async function run(store: Store, files: string[], name: string, batchSize = 2) {
  const rejects = new RejectsFile(join(dir, `${name}.rejects.tsv`));
  try {
    return await importFiles(store, files, pool, rejects, { reader: { maxBytes: MAX }, batchSize });
  } finally {
    rejects.close();
  }
}

describe('importFiles', () => {
  it('imports good rows, lists bad ones by line, and adds nothing on a second run', async () => {
    const csv = join(dir, 'mixed.csv');
    writeFileSync(csv, [
      'movie_title,critic_name,publisher_name,review_type,review_score,review_date,review_content,top_critic',
      'Toy Story,Ann Critic,Daily,fresh,4/5,"Mar 27, 2023",A joyous and inventive delight.,true',
      'Toy Story,Bob Critic,Weekly,rotten,2/5,2023-01-02,"Flat, dull and overlong.",false',
      'Toy Story,Bob Critic,Weekly,rotten,2/5,2023-01-02,"Flat, dull and overlong.",false', // duplicate row
      'Shrek,Ann Critic,Daily,fresh,,2001-05-18,"broken "quote here,false',
      'Shrek,,,fresh,,,,false', // no text
      ',Cy,,fresh,,,A review that names no film at all.,false',
      'Shrek,Cy,Mag,fresh,B+,2001-05-18,Irreverent fun for everyone.,false',
    ].join('\n'));
    const store = await openStore(join(dir, 'a.db'));
    try {
      const s1 = await run(store, [csv], 'a1');
      expect(s1).toMatchObject({ rows: 7, inserted: 3, duplicates: 1, rejected: 3 });
      const lines = readFileSync(join(dir, 'a1.rejects.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t').slice(1, 3));
      expect(lines[0]).toEqual(['line', 'code']);
      expect(lines.slice(1).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([['4', 'E_DUPLICATE'], ['5', 'E_BAD_CSV'], ['6', 'E_EMPTY_TEXT'], ['7', 'E_NO_FILM']]);
      expect(s1.films).toHaveLength(2);
      const page = await store.listReviews({ limit: 10 });
      const ann = page.items.find((r) => r.criticName === 'Ann Critic')!;
      expect(ann).toMatchObject({ filmTitle: 'Toy Story', publicationName: 'Daily', label: true, rawRating: '4/5', date: '2023-03-27', topCritic: true, source: csv });
      expect(ann.card?.text).toBe('A joyous and inventive delight.');
      expect(ann.modelVersion).toBe(ann.card?.version);

      const s2 = await run(store, [csv], 'a2');
      expect(s2).toMatchObject({ inserted: 0, duplicates: 4, rejected: 3 });
      expect((await store.counts()).reviews).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('analyses on the calling thread with a pool of size 0, with the same ids as the workers', async () => {
    const jsonl = join(dir, 'x.jsonl');
    writeFileSync(jsonl, '{"title":"Cars","text":"Pretty, but the story stalls."}\n{"title":"Cars","text":"Fast fun."}\n');
    const store = await openStore(join(dir, 'b.db'));
    const local = new AnalyzePool({ size: 0 });
    try {
      const rejects = new RejectsFile(join(dir, 'b.rejects.tsv'));
      const s = await importFiles(store, [jsonl], local, rejects, { reader: { maxBytes: MAX } });
      expect(s.inserted).toBe(2);
      expect(rejects.count).toBe(0);
      const again = await run(store, [jsonl], 'b2');
      expect(again).toMatchObject({ inserted: 0, duplicates: 2 });
    } finally {
      await local.close();
      await store.close();
    }
  });

  it("matches titles with the analyser's title key: variants of one title are one film", async () => {
    const jsonl = join(dir, 'wick.jsonl');
    writeFileSync(jsonl, [
      { title: 'John Wick: Chapter 3 -- Parabellum', critic: 'A', text: 'Relentless and gorgeous.' },
      { title: 'John Wick 3', critic: 'B', text: 'More of the same, but louder.' },
      { title: 'john wick: chapter 3 – parabellum', critic: 'A', text: 'Relentless   and gorgeous.' }, // same review again
    ].map((o) => JSON.stringify(o)).join('\n'));
    const store = await openStore(join(dir, 'c.db'));
    try {
      const s = await run(store, [jsonl], 'c');
      expect(s).toMatchObject({ inserted: 2, duplicates: 1 });
      expect(s.films).toHaveLength(1);
      const films = (await store.listFilms()).items;
      expect(films).toHaveLength(1);
      // Linked to the film index: its title, year, series and order.
      expect(films[0]).toMatchObject({ title: 'John Wick: Chapter 3 – Parabellum', year: 2019, reviewCount: 2, indexId: 'John_Wick:_Chapter_3_%E2%80%93_Parabellum', franchise: 'John Wick', position: 3 });
      expect(films[0]!.directors).toEqual(['Chad Stahelski']);
      expect(films[0]!.cast![0]).toMatchObject({ name: 'Keanu Reeves' });
    } finally {
      await store.close();
    }
  });

  it('a row without a year joins the one stored film of its title', async () => {
    const withYear = join(dir, 'y1.jsonl');
    writeFileSync(withYear, JSON.stringify({ title: 'Toy Story 4', year: 2019, critic: 'A', text: 'Lovely.' }));
    const noYear = join(dir, 'y2.csv');
    writeFileSync(noYear, 'title,critic,review\nToy Story 4,B,Touching and funny.\n');
    const store = await openStore(join(dir, 'd.db'));
    try {
      await run(store, [withYear], 'd1');
      await run(store, [noYear], 'd2');
      const films = (await store.listFilms()).items;
      expect(films.map((f) => [f.title, f.year, f.reviewCount])).toEqual([['Toy Story 4', 2019, 2]]);
    } finally {
      await store.close();
    }
  });
});
