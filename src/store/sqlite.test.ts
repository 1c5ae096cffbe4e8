import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open.ts';
import { SqliteStore } from './sqlite.ts';
import { storeContract } from './store.case.test.ts';

const dir = mkdtempSync(join(tmpdir(), 'verdict-store-'));
const file = join(dir, 'contract.db');

storeContract('sqlite', {
  open: () => openStore(file),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});

describe('SQLite specifics', () => {
  const dir2 = mkdtempSync(join(tmpdir(), 'verdict-store-'));
  afterAll(() => rmSync(dir2, { recursive: true, force: true }));

  it('uses a WAL journal, FTS5 tables and records migrations', async () => {
    const path = join(dir2, 'wal.db');
    const store = await openStore(path);
    expect(store).toBeInstanceOf(SqliteStore);
    await store.close();
    const db = new DatabaseSync(path);
    expect(db.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['films', 'reviews', 'critics', 'publications', 'chronology', 'consensus', 'jobs', 'api_keys', 'reviews_fts', 'films_fts', 'schema_migrations']));
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: 'init' },
      { version: 2, name: 'consensus-version' },
      { version: 3, name: 'review-order-indexes' },
      { version: 4, name: 'api-keys' },
      { version: 5, name: 'accounts' },
      { version: 6, name: 'corrections' },
      { version: 8, name: 'film-index' },
    ]);
    db.close();
  });

  it('checkpoints its WAL every 100,000 pages, not every 1,000 (an import rewrites the same index pages)', async () => {
    const store = await openStore(join(dir2, 'checkpoint.db'));
    const conn = (store as unknown as { conn: DatabaseSync }).conn;
    expect(conn.prepare('PRAGMA wal_autocheckpoint').get()).toMatchObject({ wal_autocheckpoint: 100000 });
    await store.close();
  });

  it('keeps a multi-row statement from its second use only, and a few at most (each holds up to 0.4 MB)', async () => {
    const store = await openStore(join(dir2, 'statements.db'));
    const inner = store as unknown as { stmts: Map<string, unknown>; longStmts: Map<string, unknown>; longSeen: Set<string> };
    // Batches of a new size each time, as an import's are: new films, critics and publications in every one.
    let total = 0;
    for (let b = 0; b < 60; b++) {
      const n = 200 + b;
      total += n;
      await store.putReviews(
        Array.from({ length: n }, (_, i) => ({ film: { title: `Title b${b}x${i}` }, critic: `Critic b${b}x${i}`, publication: `Paper b${b}x${i}`, text: `Review ${b} ${i}` })),
      );
    }
    expect((await store.counts()).reviews).toBe(total);
    expect(inner.stmts.size).toBeLessThan(150); // two short ones a batch (all of them cached: about 480)
    expect(inner.longStmts.size).toBeLessThanOrEqual(32);
    expect(inner.longSeen.size).toBeLessThanOrEqual(64);
    // The same batch size twice: its statements are kept from the second batch on.
    const again = (tag: string) => Array.from({ length: 210 }, (_, i) => ({ film: { title: `Again ${tag}x${i}` }, critic: `Critic ${tag}x${i}`, text: `Again ${tag} ${i}` }));
    await store.putReviews(again('a'));
    const kept = inner.longStmts.size;
    await store.putReviews(again('b'));
    expect(inner.longStmts.size).toBeGreaterThan(kept);
    await store.close();
  });

  it('drops the review-order indexes for an import into an empty store only, and builds them as the migration does', async () => {
    const path = join(dir2, 'deferred.db');
    const store = (await openStore(path)) as SqliteStore;
    const conn = (store as unknown as { conn: DatabaseSync }).conn;
    const indexes = () => conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'reviews_%_date' ORDER BY name").all();
    const asMigrated = indexes();
    expect(asMigrated.map((r) => r.sql)).toEqual([
      'CREATE INDEX reviews_critic_date ON reviews (critic_id, date DESC, id)',
      'CREATE INDEX reviews_film_date ON reviews (film_id, date DESC, id)',
    ]);
    expect(await store.deferReviewIndexes()).toBe(true);
    expect(indexes()).toEqual([]);
    await store.putReviews(Array.from({ length: 50 }, (_, i) => ({ film: { title: `Film ${i % 5}` }, critic: `Critic ${i}`, date: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, text: `Review ${i}` })));
    await store.restoreReviewIndexes();
    expect(indexes()).toEqual(asMigrated);
    // The film's reviews come back newest first through the rebuilt index.
    const plan = conn.prepare("EXPLAIN QUERY PLAN SELECT id FROM reviews WHERE film_id = 'x' ORDER BY date DESC, id").all();
    expect(plan.map((r) => r.detail).join(' ')).toContain('reviews_film_date');
    // A store that holds reviews keeps them.
    expect(await store.deferReviewIndexes()).toBe(false);
    expect(indexes()).toEqual(asMigrated);
    // The cache and temporary store are as before the build.
    expect(conn.prepare('PRAGMA cache_size').get()).toMatchObject({ cache_size: -32768 });
    expect(conn.prepare('PRAGMA temp_store').get()).toMatchObject({ temp_store: 2 });
    await store.close();
  });

  it('an import killed with the indexes dropped finds them again on the next open', async () => {
    const path = join(dir2, 'killed.db');
    const store = (await openStore(path)) as SqliteStore;
    expect(await store.deferReviewIndexes()).toBe(true);
    await store.putReviews([{ film: { title: 'Up' }, critic: 'A', text: 'A fine film.' }]);
    await store.close(); // no restore: as after SIGKILL
    const db = new DatabaseSync(path);
    const count = () => db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name LIKE 'reviews_%_date'").get()!.n;
    expect(count()).toBe(0);
    await (await openStore(path)).close();
    expect(count()).toBe(2);
    db.close();
  });

  it('opens without migrating when asked, and reports version 0', async () => {
    const store = await openStore(join(dir2, 'empty.db'), { migrate: false });
    expect(await store.schemaVersion()).toBe(0);
    expect(await store.migrate()).toEqual([1, 2, 3, 4, 5, 6, 8]);
    expect(await store.schemaVersion()).toBe(8);
    await store.close();
  });

  it('two processes writing one file at once store every review exactly once', async () => {
    const path = join(dir2, 'race.db');
    await (await openStore(path)).close();
    const writer = (order: string) =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [new URL('./fixtures/writer.ts', import.meta.url).pathname, path, order], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`writer exited ${code}`))));
      });
    const [a, b] = await Promise.all([writer('forward'), writer('reverse')]);
    expect(a + b).toBe(400);
    const store = await openStore(path);
    expect((await store.counts()).reviews).toBe(400);
    const films = await store.listFilms();
    expect(films.items.map((f) => f.reviewCount).reduce((x, y) => x + y, 0)).toBe(400);
    await store.close();
  });

  it('accepts a sqlite: prefix and :memory:', async () => {
    const a = await openStore(`sqlite:${join(dir2, 'prefixed.db')}`);
    expect((a as SqliteStore).path).toBe(join(dir2, 'prefixed.db'));
    await a.close();
    const m = await openStore(':memory:');
    expect((await m.counts()).reviews).toBe(0);
    await m.close();
  });
});
