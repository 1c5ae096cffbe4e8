import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalyzePool } from '../node/pool/pool.ts';
import { RejectsFile } from '../node/rejects-file.ts';
import { openStore } from '../store/open.ts';
import { consensusOf } from './consensus.ts';
import { correctReview, mergeFilms, undoCorrection } from './corrections.ts';
import { importFiles } from './import-reviews.ts';
import { reanalyzeStore } from './reanalyze.ts';

const dir = mkdtempSync(join(tmpdir(), 'verdict-corrections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('corrections that stick', () => {
  it('survive re-analysis by a new model and re-import of the same rows; the consensus follows at once; undo restores', async () => {
    const file = join(dir, 'r.jsonl');
    const rows = Array.from({ length: 10 }, (_, i) => ({ title: 'Sticky Film', critic: `Critic ${i}`, text: `Review ${i}: ${i < 6 ? 'wonderful, warm and moving' : 'dreary, dull and long'}.` }));
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    const db = join(dir, 's.db');
    const pool = new AnalyzePool({ size: 0 });
    const store = await openStore(db);
    try {
      await importFiles(store, [file], pool, new RejectsFile(join(dir, 'rejects.tsv')), { reader: { maxBytes: 1 << 20 } });
      const film = (await store.findFilmsByTitle('Sticky Film'))[0]!;
      const fresh0 = (await consensusOf(store, film)).fresh;
      const target = (await store.listReviews({ filmId: film.id, limit: 100 })).items.find((r) => r.card?.verdict?.fresh)!;
      const c = await correctReview(store, target.id, { field: 'fresh', value: false }, { user: 'ed', reason: 'irony' });
      expect(c).toMatchObject({ field: 'fresh', before: true, after: false, user: 'ed', reason: 'irony' });
      expect((await consensusOf(store, (await store.getFilm(film.id))!)).fresh).toBe(fresh0 - 1);
      // A model upgrade: every card is made again; the correction still wins.
      const conn = new DatabaseSync(db);
      conn.exec(`UPDATE reviews SET model_version = 'old+v0'`);
      conn.close();
      expect((await reanalyzeStore(store, pool)).updated).toBe(10);
      expect((await store.getReview(target.id))?.card?.verdict?.fresh).toBe(false);
      expect((await consensusOf(store, (await store.getFilm(film.id))!)).fresh).toBe(fresh0 - 1);
      // Re-importing the same rows (even with a label) changes nothing.
      writeFileSync(file, rows.map((r) => JSON.stringify({ ...r, fresh: true })).join('\n'));
      const again = await importFiles(store, [file], pool, new RejectsFile(join(dir, 'rejects2.tsv')), { reader: { maxBytes: 1 << 20 } });
      expect(JSON.stringify(again)).toContain('"duplicates":10');
      expect((await store.getReview(target.id))?.label).toBe(false);
      // Undo: the model's call is back, and so is the share.
      await undoCorrection(store, c.id, { user: 'ed' });
      expect((await store.getReview(target.id))?.card?.verdict?.fresh).toBe(true);
      expect((await consensusOf(store, (await store.getFilm(film.id))!)).fresh).toBe(fresh0);
      expect(await store.checkedCount(film.id)).toBe(0);
      // Merging refuses itself and a film already merged.
      await expect(mergeFilms(store, film.id, film.id, { user: 'ed' })).rejects.toThrow(/itself/);
    } finally {
      await store.close();
      await pool.close();
    }
  });
});
