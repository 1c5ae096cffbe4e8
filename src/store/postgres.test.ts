/**
 * Runs the Store contract against PostgreSQL (127.0.0.1:5432, database `test`, or VERDICT_TEST_DATABASE_URL).
 * It never skips: an unreachable server fails the suite. Each run uses its own schema and drops it.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open.ts';
import { PostgresStore, numbered } from './postgres.ts';
import { storeContract } from './store.case.test.ts';

const url = process.env.VERDICT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const schema = `verdict_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`;

async function drop(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await c.end();
  }
}

storeContract('postgres', {
  open: () => openStore(url, { schema }),
  cleanup: () => drop(schema),
});

describe('PostgreSQL specifics', () => {
  const other = `${schema}_x`;
  afterAll(() => drop(other));

  it('numbers placeholders', () => {
    expect(numbered('a = ? AND b IN (?, ?)')).toBe('a = $1 AND b IN ($2, $3)');
  });

  it('creates its schema with tsvector columns and a GIN index, and migrates concurrently without error', async () => {
    const [a, b] = await Promise.all([openStore(url, { schema: other, migrate: false }), openStore(url, { schema: other, migrate: false })]);
    const applied = await Promise.all([a.migrate(), b.migrate()]);
    expect(applied.flat()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a).toBeInstanceOf(PostgresStore);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const cols = await c.query("SELECT table_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'search' ORDER BY table_name", [other]);
      expect(cols.rows).toEqual([
        { table_name: 'films', data_type: 'tsvector' },
        { table_name: 'reviews', data_type: 'tsvector' },
      ]);
      const idx = await c.query("SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'reviews_search'", [other]);
      expect(String(idx.rows[0]?.indexdef)).toMatch(/USING gin/);
    } finally {
      await c.end();
    }
    await a.close();
    await b.close();
  });

  it('takes the schema from the URL', async () => {
    const s = await openStore(`${url}?schema=${other}`);
    expect((s as PostgresStore).schema).toBe(other);
    expect(await s.schemaVersion()).toBeGreaterThanOrEqual(3);
    await s.close();
  });

  it('rejects an unsafe schema name', () => {
    expect(() => new PostgresStore(url, { schema: 'x; DROP TABLE y' })).toThrow(/invalid schema/);
  });
});
