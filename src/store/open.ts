/**
 * @module `openStore(url?)`: the store a URL names. `postgres://` or `postgresql://` → PostgreSQL (`?schema=name`
 * selects a schema); anything else is a SQLite file path (`sqlite:` prefix allowed, `:memory:` for tests).
 * Without a URL: `DATABASE_URL`, then `VERDICT_DB`, then `./verdict.db`.
 */
import { existsSync } from 'node:fs';
import { PostgresStore, type PostgresOptions } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store } from './store.ts';

interface OpenOptions extends PostgresOptions {
  /** Apply pending migrations on open (default true). */
  migrate?: boolean | undefined;
  /** Create a SQLite file that does not exist (default true; reading commands pass false). */
  create?: boolean | undefined;
}

/** Which database `openStore` would use for this flag/environment. */
export function storeUrl(url?: string | undefined, env: Record<string, string | undefined> = process.env): string {
  return url || env.DATABASE_URL || env.VERDICT_DB || 'verdict.db';
}

function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens (and by default migrates) the store named by `url`, or by the environment. */
export async function openStore(url?: string | undefined, options: OpenOptions = {}): Promise<Store> {
  const target = storeUrl(url);
  let store: Store;
  if (isPostgresUrl(target)) {
    // `?schema=name` in the URL picks a schema (created by migrate), like the `schema` option.
    const u = new URL(target);
    const schema = u.searchParams.get('schema') ?? undefined;
    u.searchParams.delete('schema');
    // `?connect_timeout=` (seconds, libpq's name) bounds each connection attempt.
    const timeout = u.searchParams.get('connect_timeout');
    u.searchParams.delete('connect_timeout');
    const connectTimeoutMs = options.connectTimeoutMs ?? (timeout && Number(timeout) > 0 ? Number(timeout) * 1000 : undefined);
    store = new PostgresStore(u.toString(), { ...options, schema: options.schema ?? schema, connectTimeoutMs });
  } else {
    // `mysql://…` and the like are not file names: say so rather than create a file of that name.
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(target)?.[1];
    if (scheme && scheme.toLowerCase() !== 'sqlite') throw Object.assign(new Error(`${scheme}:// databases are not supported (use a SQLite file path or postgres://…)`), { code: 'ERR_DB_SCHEME' });
    const file = target.replace(/^sqlite:(\/\/)?/i, '');
    if (options.create === false && file !== ':memory:' && !existsSync(file)) throw Object.assign(new Error(`no database at ${file}`), { code: 'ERR_NO_DATABASE', path: file });
    store = new SqliteStore(file);
  }
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (e) {
      await store.close().catch(() => undefined);
      throw e;
    }
  }
  return store;
}

/** Opens the store, runs `fn`, and closes the store whatever happens. */
export async function withStore<T>(url: string | undefined, fn: (store: Store) => Promise<T>, options: OpenOptions = {}): Promise<T> {
  const store = await openStore(url, options);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** `withStore` for reading commands: a SQLite file that does not exist is an error, not a new empty database. */
export function withExistingStore<T>(url: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  return withStore(url, fn, { create: false });
}
