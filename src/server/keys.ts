/**
 * @module API keys for writes. A key is shown once when created (`verdict keys create`); only its SHA-256
 * hash is stored, so a leaked database does not leak keys. Keys have a public id for listing and revoking.
 * Stored in the same database as the reviews (table `api_keys`): SQLite by default, PostgreSQL when the
 * database URL says so. Parameterised SQL only.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { KeyStore } from './site-data.ts';

export interface ApiKeyInfo {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface ApiKeys extends KeyStore {
  create(name: string, now?: Date): Promise<{ id: string; token: string }>;
  list(): Promise<ApiKeyInfo[]>;
  /** True when a live key was revoked. */
  revoke(id: string, now?: Date): Promise<boolean>;
  close(): Promise<void>;
}

const PREFIX = 'vk_';

/** SHA-256 of a token, hex. Keys are 256 random bits, so a fast hash is enough (no password stretching needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new key: `vk_<id>_<secret>`; the id part is public. */
export function newToken(): { id: string; token: string } {
  const id = randomBytes(6).toString('hex');
  return { id, token: `${PREFIX}${id}_${randomBytes(32).toString('base64url')}` };
}

function idOf(token: string): string | null {
  const m = /^vk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(token);
  return m ? m[1]! : null;
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

interface Row {
  id: string;
  name: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

const toInfo = (r: Row): ApiKeyInfo => ({ id: r.id, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at });

const DDL = 'CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)';

/** Keys in a SQLite file (or ':memory:'). */
export function sqliteKeys(file: string): ApiKeys {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec(DDL);
  const byId = db.prepare('SELECT id, name, hash, created_at, revoked_at FROM api_keys WHERE id = ?');
  return {
    async create(name, now = new Date()) {
      const k = newToken();
      db.prepare('INSERT INTO api_keys (id, name, hash, created_at) VALUES (?, ?, ?, ?)').run(k.id, name, hashToken(k.token), now.toISOString());
      return k;
    },
    async list() {
      return (db.prepare('SELECT id, name, hash, created_at, revoked_at FROM api_keys ORDER BY created_at, id').all() as unknown as Row[]).map(toInfo);
    },
    async revoke(id, now = new Date()) {
      return Number(db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id).changes) > 0;
    },
    async verify(token) {
      const id = idOf(token);
      if (!id) return null;
      const row = byId.get(id) as Row | undefined;
      return row && row.revoked_at === null && sameHash(row.hash, hashToken(token)) ? row.id : null;
    },
    async close() {
      db.close();
    },
  };
}

/** Keys in PostgreSQL (in `schema` when given, created if missing; else the connection's search path). */
export async function postgresKeys(url: string, opts: { schema?: string } = {}): Promise<ApiKeys> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  if (opts.schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error(`not a schema name: ${opts.schema}`);
    const schema = opts.schema;
    pool.on('connect', (client) => {
      void client.query(`SET search_path TO ${schema}`);
    });
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  }
  await pool.query(DDL);
  return {
    async create(name, now = new Date()) {
      const k = newToken();
      await pool.query('INSERT INTO api_keys (id, name, hash, created_at) VALUES ($1, $2, $3, $4)', [k.id, name, hashToken(k.token), now.toISOString()]);
      return k;
    },
    async list() {
      return (await pool.query<Row>('SELECT id, name, hash, created_at, revoked_at FROM api_keys ORDER BY created_at, id')).rows.map(toInfo);
    },
    async revoke(id, now = new Date()) {
      return ((await pool.query('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now.toISOString(), id])).rowCount ?? 0) > 0;
    },
    async verify(token) {
      const id = idOf(token);
      if (!id) return null;
      const row = (await pool.query<Row>('SELECT id, name, hash, created_at, revoked_at FROM api_keys WHERE id = $1', [id])).rows[0];
      return row && row.revoked_at === null && sameHash(row.hash, hashToken(token)) ? row.id : null;
    },
    async close() {
      await pool.end();
    },
  };
}

/** Keys in the database a URL or path names: postgres://… or a SQLite file. */
export async function openKeys(db: string): Promise<ApiKeys> {
  return /^postgres(ql)?:\/\//.test(db) ? postgresKeys(db) : sqliteKeys(db);
}
