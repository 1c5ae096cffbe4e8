import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/open.ts';
import { AnalyzePool } from '../node/pool/pool.ts';
import { reanalyzeStore, currentCardVersion } from './reanalyze.ts';
import { RejectsFile } from '../node/rejects-file.ts';
import { importFiles } from './import-reviews.ts';

describe('reanalyzeStore', () => {
  it('brings every card made by another version (or missing) to the current one, and then finds nothing to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-reanalyze-'));
    const file = join(dir, 'r.jsonl');
    writeFileSync(file, Array.from({ length: 30 }, (_, i) => JSON.stringify({ title: `Film ${i % 4}`, text: `Review ${i}: ${i % 2 ? 'wonderful and moving' : 'dreary and dull'}.` })).join('\n'));
    const db = join(dir, 'r.db');
    const pool = new AnalyzePool({ size: 0 });
    const store = await openStore(db);
    try {
      const rejects = new RejectsFile(join(dir, 'rejects.tsv'));
      await importFiles(store, [file], pool, rejects, { reader: { maxBytes: 1 << 20 } });
      const version = currentCardVersion(pool.localModel);
      // An older model made some cards; some reviews have none.
      const conn = new DatabaseSync(db);
      conn.exec(`UPDATE reviews SET model_version = 'old+v0', card = json_set(card, '$.version', 'old+v0') WHERE rowid % 3 = 0`);
      conn.exec('UPDATE reviews SET model_version = NULL, card = NULL WHERE rowid % 3 = 1');
      conn.close();
      expect((await store.staleReviewIds(version, 100)).length).toBe(20);
      const s = await reanalyzeStore(store, pool, { batchSize: 7 });
      expect(s).toEqual({ updated: 20, failed: 0, version });
      expect(await store.staleReviewIds(version, 100)).toEqual([]);
      const page = await store.listReviews({ limit: 100 });
      expect(page.items.every((r) => r.card?.version === version && r.modelVersion === version && r.card.text.startsWith('Review'))).toBe(true);
      expect((await reanalyzeStore(store, pool)).updated).toBe(0);
    } finally {
      await store.close();
      await pool.close();
    }
  });

  it('moves reviews stored before the film index onto the index film their new cards link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-reanalyze-index-'));
    // The model as it was before the index: the shipped files without models/films/.
    const before = join(dir, 'models');
    cpSync(new URL('../../models/', import.meta.url), before, { recursive: true });
    rmSync(join(before, 'films'), { recursive: true, force: true });
    const file = join(dir, 'r.jsonl');
    const rows = [
      { title: 'toy story 4 (2019)', text: 'Woody and Forky make a wonderful pair; Tom Hanks is as good as ever.' },
      { title: 'Toy Story 4', text: 'A dull, tired sequel, Toy Story 4 has nothing to add. Tim Allen shouts.' },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    const db = join(dir, 'r.db');
    const old = new AnalyzePool({ size: 0, modelDir: before });
    const pool = new AnalyzePool({ size: 0 });
    const store = await openStore(db);
    try {
      await importFiles(store, [file], old, new RejectsFile(join(dir, 'rejects.tsv')), { reader: { maxBytes: 1 << 20 } });
      const stored = (await store.listReviews({ limit: 10 })).items;
      expect(stored).toHaveLength(2);
      for (const r of stored) expect((await store.getFilm(r.filmId))?.indexId ?? null).toBeNull();
      expect((await reanalyzeStore(store, pool)).updated).toBe(2);
      const films = new Set((await store.listReviews({ limit: 10 })).items.map((r) => r.filmId));
      expect(films.size).toBe(1);
      const film = await store.getFilm([...films][0]!);
      expect(film).toMatchObject({ title: 'Toy Story 4', year: 2019, indexId: 'Toy_Story_4', franchise: 'Toy Story', reviewCount: 2 });
    } finally {
      await store.close();
      await pool.close();
      await old.close();
    }
  });
});
