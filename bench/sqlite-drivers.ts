/**
 * Which SQLite driver the store uses, measured: Node 24's built-in `node:sqlite` against better-sqlite3 on the
 * store's own schema (migrations/sqlite) and its own statement shapes: multi-row review inserts (200 rows per
 * statement, 1,000 per transaction, WAL, FTS5 trigger) and a film's reviews read back with their cards parsed.
 * better-sqlite3 is not a dependency: install it anywhere and point at it.
 *
 *   (cd /tmp/bsq && npm install better-sqlite3)
 *   BETTER_SQLITE3=/tmp/bsq/node_modules/better-sqlite3 node bench/sqlite-drivers.ts [rows=50000]
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

interface Db {
  exec(sql: string): unknown;
  prepare(sql: string): { run(...p: unknown[]): unknown; all(...p: unknown[]): unknown[] };
  close(): unknown;
}

const where = process.env.BETTER_SQLITE3;
if (!where) {
  process.stderr.write('set BETTER_SQLITE3 to an installed better-sqlite3 folder (see the header of this file)\n');
  process.exit(2);
}
// better-sqlite3 ships no types here; the part used is its synchronous Database API.
const Better = createRequire(import.meta.url)(where) as new (path: string) => Db;
const dir = new URL('../src/store/migrations/sqlite/', import.meta.url);
const schema = readdirSync(dir)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => readFileSync(new URL(f, dir), 'utf8'))
  .join('\n');
const card = JSON.stringify({
  version: 'x',
  text: 'A joyous, inventive delight, with a witty script and great voice acting.',
  sentences: [{ start: 0, end: 70, paragraph: 0, polarity: 0.9 }],
  aspects: [{ aspect: 'story', polarity: 0.9, mentions: 1, evidence: [{ start: 0, end: 70 }] }],
  verdict: { fresh: true, score: 80, label: 'positive', confidence: 1 },
});
const N = Number(process.argv[2] ?? 50000);
const B = 1000;
const R = 200;
const FILMS = 500;

function run(kind: 'node:sqlite' | 'better-sqlite3'): { driver: string; insertRowsPerSecond: number; filmReadMs: number } {
  const path = join(tmpdir(), `verdict-driver-${kind.replace(/\W/g, '')}.db`);
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  const db: Db = kind === 'node:sqlite' ? (new DatabaseSync(path) as unknown as Db) : new Better(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536');
  db.exec(schema);
  const film = db.prepare('INSERT INTO films (id, title, key) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING');
  for (let f = 0; f < FILMS; f++) film.run(`f${f}`, `Film ${f}`, `film ${f}`);
  const marks = Array.from({ length: R }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  const ins = db.prepare(
    'INSERT INTO reviews (id, film_id, critic_id, publication_id, date, url, text, raw_rating, rating, label, top_critic, card, model_version, source, created_at) ' +
      `VALUES ${marks} ON CONFLICT (id) DO NOTHING RETURNING id`,
  );
  const t0 = performance.now();
  for (let i = 0; i < N; i += B) {
    db.exec('BEGIN IMMEDIATE');
    for (let k = 0; k < B; k += R) {
      const vals: unknown[] = [];
      for (let j = 0; j < R; j++) {
        const n = i + k + j;
        vals.push(`id${n}`, `f${n % FILMS}`, null, null, '2020-01-01', null, `Review number ${n}, with words about the film: it was great.`, '7/10', 70, 1, 0, card, 'x', 'bench', '2026-01-01');
      }
      ins.all(...vals);
    }
    db.exec('COMMIT');
  }
  const write = performance.now() - t0;
  const sel = db.prepare('SELECT r.id, r.text, r.card, r.label, r.rating FROM reviews r WHERE r.film_id = ? ORDER BY r.date DESC, r.id LIMIT 1000');
  const t1 = performance.now();
  for (let f = 0; f < FILMS; f++) for (const r of sel.all(`f${f}`) as { card: string }[]) JSON.parse(r.card);
  const read = performance.now() - t1;
  db.close();
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  return { driver: kind, insertRowsPerSecond: Math.round(N / (write / 1000)), filmReadMs: Number((read / FILMS).toFixed(2)) };
}

const results = [];
for (let rep = 0; rep < 2; rep++) for (const k of ['node:sqlite', 'better-sqlite3'] as const) results.push(run(k));
process.stdout.write(`${JSON.stringify({ rows: N, reviewsPerFilm: N / FILMS, results }, null, 2)}\n`);
