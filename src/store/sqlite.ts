/**
 * @module The SQLite store (the default): one file, WAL journal, FTS5 full-text search. Built on Node 24's
 * own `node:sqlite`: measured against better-sqlite3 on this schema and these statements
 * (bench/sqlite-drivers.ts) the two are level within noise, so the built-in wins by needing no native add-on
 * to compile or ship. bench/store.ts compares it with the PostgreSQL store. Writers in one process are serialised by a promise queue per file; writers in several
 * processes by SQLite's lock (`BEGIN IMMEDIATE` with a busy timeout).
 */
import { resolve } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { type Exec, type Fragment, type Row, SqlStore } from './sql-store.ts';
import type { JobRow } from './store.ts';

/**
 * One write queue per database file in this process: two handles on one file must not interleave their
 * transactions (the second `BEGIN IMMEDIATE` would wait synchronously, blocking the first from finishing).
 */
const writeQueues = new Map<string, Promise<unknown>>();

/** Statements longer than this (characters) are multi-row ones: `prepLong`. */
const LONG_SQL = 2000;
const LONG_KEPT = 32;
const LONG_SEEN = 64;
/** The page cache, in KiB (negative: SQLite's unit for a size rather than a page count). */
const CACHE_SIZE = -32768;

/**
 * The review-order indexes (migration 0003) that an import into an empty store builds once at its end, by name:
 * each row adds an entry at a random place in both, so past a few hundred thousand rows nearly every row dirties
 * two index pages of its own that every commit writes to the WAL and every checkpoint copies again (the store's CPU
 * per row went from 0.045 ms in the first 10,000 rows to about 0.09 at 300,000, about 0.065 without these two).
 * One sort at the end costs less. Written as in the migration (SQLite keeps no IF NOT EXISTS in the schema; another
 * process may build them first), so the schema is the same either way.
 */
const REVIEW_ORDER_INDEXES: Record<string, string> = {
  reviews_film_date: 'CREATE INDEX IF NOT EXISTS reviews_film_date ON reviews (film_id, date DESC, id)',
  reviews_critic_date: 'CREATE INDEX IF NOT EXISTS reviews_critic_date ON reviews (critic_id, date DESC, id)',
};

type Param = null | number | bigint | string | Uint8Array;

function param(v: unknown): Param {
  if (v === undefined || v === null) return null;
  if (v === true) return 1;
  if (v === false) return 0;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || v instanceof Uint8Array) return v;
  return JSON.stringify(v);
}

interface SqliteOptions {
  /** Milliseconds to wait for another process's write lock (default 15000). */
  busyTimeoutMs?: number;
}

export class SqliteStore extends SqlStore {
  readonly dialect = 'sqlite' as const;
  readonly path: string;
  private readonly conn: DatabaseSync;
  private readonly stmts = new Map<string, StatementSync>();
  private readonly longStmts = new Map<string, StatementSync>();
  /** Long statements prepared once and not kept (their text only), most recent last. */
  private readonly longSeen = new Set<string>();
  private readonly queueKey: string;
  private inTx = false;
  protected readonly db: Exec;

  constructor(path: string, options: SqliteOptions = {}) {
    super();
    this.path = path;
    this.queueKey = path === ':memory:' || path === '' ? `memory:${Math.random()}` : resolve(path);
    this.conn = new DatabaseSync(path, { timeout: options.busyTimeoutMs ?? 15_000 });
    if (path !== ':memory:' && path !== '') this.conn.exec('PRAGMA journal_mode = WAL');
    // A 32 MB page cache: room for the hot index pages of a large import, within the import's memory budget.
    // A checkpoint every 100,000 WAL pages (400 MB on disk at most) rather than SQLite's 1,000: an import's batches
    // rewrite the same index and count pages (each row adds an entry to four indexes keyed by random ids, about 5 WAL
    // pages per row past 100,000 rows), and a checkpoint copies each page once however often it was rewritten since
    // the last. Against 10,000 pages: 8–10% less CPU for the store's writes over 300,000 rows (bench/import-store.ts,
    // both at once), no memory (the WAL index is 8 KB per 1,000 pages). The WAL file is reused, not truncated: a
    // journal_size_limit that shrinks it after each checkpoint made the writes 20% dearer (the file regrown).
    this.conn.exec(`PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = ${CACHE_SIZE}; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 100000`);
    this.db = {
      all: async (sql, params = []) => this.prep(sql).all(...params.map(param)) as Row[],
      run: async (sql, params = []) => Number(this.prep(sql).run(...params.map(param)).changes),
      script: async (sql) => this.conn.exec(sql),
    };
  }

  private prep(sql: string): StatementSync {
    if (sql.length > LONG_SQL) return this.prepLong(sql);
    let s = this.stmts.get(sql);
    if (!s) {
      if (this.stmts.size > 500) this.stmts.clear();
      s = this.conn.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  /**
   * A long statement is a multi-row one, and most have a row count of their own batch (an import's films,
   * critics, counts): each compiled one holds 0.1–0.4 MB outside the JS heap, freed only when its wrapper is
   * collected. Kept from its second use only, a few at most: one used once dies young and its memory goes back at
   * once (cached, 500 of them grew an import's memory by about 1 MB per 1,000 rows).
   */
  private prepLong(sql: string): StatementSync {
    const kept = this.longStmts.get(sql);
    if (kept) {
      this.longStmts.delete(sql);
      this.longStmts.set(sql, kept);
      return kept;
    }
    const s = this.conn.prepare(sql);
    if (this.longSeen.delete(sql)) {
      if (this.longStmts.size >= LONG_KEPT) this.longStmts.delete(this.longStmts.keys().next().value!);
      this.longStmts.set(sql, s);
    } else {
      if (this.longSeen.size >= LONG_SEEN) this.longSeen.delete(this.longSeen.values().next().value!);
      this.longSeen.add(sql);
    }
    return s;
  }

  protected tx<T>(fn: (x: Exec) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.conn.exec('BEGIN IMMEDIATE');
      this.inTx = true;
      try {
        const out = await fn(this.db);
        this.conn.exec('COMMIT');
        return out;
      } catch (e) {
        if (this.conn.isTransaction) this.conn.exec('ROLLBACK');
        throw e;
      } finally {
        this.inTx = false;
      }
    };
    const prev = writeQueues.get(this.queueKey) ?? Promise.resolve();
    const p = prev.then(run, run);
    const tail = p.catch(() => undefined);
    writeQueues.set(this.queueKey, tail);
    void tail.then(() => {
      if (writeQueues.get(this.queueKey) === tail) writeQueues.delete(this.queueKey);
    });
    return p;
  }

  protected filmMatch(tokens: string[]): Fragment {
    return { sql: 'f.rowid IN (SELECT rowid FROM films_fts WHERE films_fts MATCH ?)', params: [ftsQuery(tokens)] };
  }

  protected reviewMatch(tokens: string[]): Fragment {
    return { sql: 'r.rowid IN (SELECT rowid FROM reviews_fts WHERE reviews_fts MATCH ?)', params: [ftsQuery(tokens)] };
  }

  protected async lockMigrations(): Promise<void> {
    // BEGIN IMMEDIATE already holds SQLite's write lock.
  }

  async claimJobs(kind: string, worker: string, limit: number, leaseMs?: number): Promise<JobRow[]> {
    const now = new Date().toISOString();
    const expired = leaseMs === undefined ? '' : ' OR locked_at < ?';
    const cutoff = leaseMs === undefined ? [] : [new Date(Date.now() - Math.max(0, leaseMs)).toISOString()];
    return this.tx(async (x) => {
      const rows = await x.all(
        `UPDATE jobs SET locked_by = ?, locked_at = ?, attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs WHERE kind = ? AND (locked_by IS NULL${expired}) ORDER BY id LIMIT ?) ` +
          'RETURNING id, kind, payload, attempts, locked_by',
        [worker, now, kind, ...cutoff, Math.max(0, limit)],
      );
      return rows.map(SqlStore.toJob).sort((a, b) => a.id - b.id);
    });
  }

  /**
   * Before a bulk import: drops the review-order indexes when the store holds no review yet (see
   * `REVIEW_ORDER_INDEXES`); true when it did. `restoreReviewIndexes` builds them again, and so does every open
   * (`migrate`), so an import killed in between leaves no store without them once it is opened again.
   */
  async deferReviewIndexes(): Promise<boolean> {
    return this.tx(async (x) => {
      if ((await x.all('SELECT 1 FROM reviews LIMIT 1')).length > 0) return false;
      for (const name of Object.keys(REVIEW_ORDER_INDEXES)) await x.script(`DROP INDEX IF EXISTS ${name}`);
      return true;
    });
  }

  /** Builds the review-order indexes where they are missing (a no-op when they are there). */
  async restoreReviewIndexes(): Promise<void> {
    const have = new Set(this.conn.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all().map((r) => r.name));
    const missing = Object.entries(REVIEW_ORDER_INDEXES).filter(([name]) => !have.has(name));
    if (missing.length === 0) return;
    // The sort spills to a temporary file through a small cache rather than into memory: at 1,000,000 rows 13 MB
    // more resident instead of 92, and no slower (2.2 s for both).
    this.conn.exec('PRAGMA temp_store = FILE; PRAGMA cache_size = -8192');
    try {
      await this.tx(async (x) => {
        for (const [, sql] of missing) await x.script(sql);
      });
    } finally {
      this.conn.exec(`PRAGMA temp_store = MEMORY; PRAGMA cache_size = ${CACHE_SIZE}`);
    }
  }

  override async migrate(): Promise<number[]> {
    const applied = await super.migrate();
    await this.restoreReviewIndexes();
    return applied;
  }

  /** Folds the WAL into the main file (after a bulk import). */
  async checkpoint(): Promise<void> {
    if (!this.inTx) this.conn.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    await (writeQueues.get(this.queueKey) ?? Promise.resolve());
    this.stmts.clear();
    this.longStmts.clear();
    this.longSeen.clear();
    if (this.conn.isOpen) {
      try {
        this.conn.exec('PRAGMA optimize');
      } catch {
        // read-only or busy: optimisation is optional
      }
      this.conn.close();
    }
  }
}

/** FTS5 query: every word must appear; the last one may be a prefix. Words are quoted, so no syntax leaks in. */
function ftsQuery(tokens: string[]): string {
  return tokens.map((t, i) => `"${t}"${i === tokens.length - 1 ? '*' : ''}`).join(' ');
}
