/**
 * @module The PostgreSQL store (`DATABASE_URL=postgres://…`), driver `pg`: tsvector full-text search, a job
 * queue claimed with `FOR UPDATE SKIP LOCKED`, so any number of importers and workers can share one database.
 * Transactions that lose a deadlock or a serialisation race are retried.
 */
import pg from 'pg';
import { type Exec, type Fragment, REVIEW_INSERT_COLS, type Row, SqlStore } from './sql-store.ts';
import type { JobRow } from './store.ts';

export interface PostgresOptions {
  /** Schema to use (created by `migrate`); default the connection's search_path (usually `public`). */
  schema?: string | undefined;
  /** Pool size (default 4). */
  max?: number | undefined;
  /**
   * How long to keep retrying while the server is unreachable or restarting (ms, default 120 s): a statement or
   * transaction that lost its connection is retried whole once the server answers again.
   */
  reconnectMs?: number | undefined;
  /**
   * How long one connection attempt may take (ms, default 5 s; `?connect_timeout=` seconds in the URL, as libpq).
   * Until a first connection has succeeded nothing is retried: an unreachable server fails at once.
   */
  connectTimeoutMs?: number | undefined;
}

/** Errors of a lost or refused connection (server restarting, shut down, unreachable), not of the statement. */
export function isConnectionError(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  if (/^08/.test(code) || ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(String(err.message ?? ''));
}

/** `?` placeholders → `$1, $2, …` (the shared SQL never has `?` in literals). */
export function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

const RETRY = new Set(['40P01', '40001']);

/** SQL types of the review insert columns (REVIEW_INSERT_COLS). */
const REVIEW_TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'float8', 'boolean', 'boolean', 'jsonb', 'text', 'text', 'text'];

/**
 * Run `fn` again (with a growing pause, at most 2 s) while it fails on the connection, for up to `forMs`, but only
 * once the server has been reached (`connected()`): the retry is for connections lost mid-way, not for a wrong URL.
 */
async function reconnecting<T>(fn: () => Promise<T>, forMs: number, connected: () => boolean): Promise<T> {
  const until = Date.now() + forMs;
  for (let pause = 100; ; pause = Math.min(2000, pause * 2)) {
    try {
      return await fn();
    } catch (e) {
      if (!isConnectionError(e) || !connected() || Date.now() + pause > until) throw e;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

function execOf(q: pg.Pool | pg.PoolClient): Exec {
  return {
    all: async (sql, params = []) => (await q.query(numbered(sql), params)).rows as Row[],
    run: async (sql, params = []) => (await q.query(numbered(sql), params)).rowCount ?? 0,
    script: async (sql) => {
      await q.query(sql);
    },
  };
}

export class PostgresStore extends SqlStore {
  readonly dialect = 'postgres' as const;
  readonly schema: string | undefined;
  private readonly pool: pg.Pool;
  protected readonly db: Exec;

  constructor(url: string, options: PostgresOptions = {}) {
    super();
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new TypeError(`invalid schema name: ${options.schema}`);
    this.schema = options.schema;
    const timeoutMs = options.connectTimeoutMs ?? 5000;
    // The timeout goes to each client's connect, not to the pool (whose own timeout would also cut a wait for a
    // busy pool's free client).
    class TimedClient extends pg.Client {
      constructor(config: pg.ClientConfig = {}) {
        super({ ...config, connectionTimeoutMillis: timeoutMs });
      }
    }
    const where = new URL(url);
    this.pool = new pg.Pool({
      connectionString: url,
      Client: TimedClient,
      max: options.max ?? 4,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', () => {
      this.connected = true;
    });
    const forMs = options.reconnectMs ?? 120_000;
    const direct = execOf(this.pool);
    this.reconnectMs = forMs;
    const connected = (): boolean => this.connected;
    // A first connect that times out reads as the unreachable server it is (ETIMEDOUT, with the address).
    const timedOut = <T>(p: Promise<T>): Promise<T> =>
      p.catch((e: unknown) => {
        if (this.connected || !/timeout expired|connection timeout|Connection terminated unexpectedly/i.test(String((e as Error)?.message))) throw e;
        throw Object.assign(new Error(`connect timeout after ${timeoutMs} ms`), { code: 'ETIMEDOUT', address: where.hostname, port: Number(where.port || 5432) });
      });
    this.db = {
      all: (sql, params) => timedOut(reconnecting(() => direct.all(sql, params), forMs, connected)),
      run: (sql, params) => timedOut(reconnecting(() => direct.run(sql, params), forMs, connected)),
      script: (sql) => timedOut(reconnecting(() => direct.script(sql), forMs, connected)),
    };
    this.timedOut = timedOut;
  }

  private readonly reconnectMs: number;
  /** Whether a connection to the server has once succeeded (from then on, lost connections are retried). */
  private connected = false;
  private readonly timedOut: <T>(p: Promise<T>) => Promise<T>;

  /**
   * One transaction, retried whole after a deadlock or serialisation failure, and while the connection is lost
   * (a server restart). A COMMIT whose answer was lost may be applied twice; every write path is idempotent
   * (reviews by content hash, ON CONFLICT), so nothing is stored twice.
   */
  protected tx<T>(fn: (x: Exec) => Promise<T>): Promise<T> {
    return this.timedOut(reconnecting(() => this.txOnce(fn), this.reconnectMs, () => this.connected));
  }

  private async txOnce<T>(fn: (x: Exec) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      // The server may drop the connection between two statements (a restart): that is an 'error' event on the
      // checked-out client, which must not crash the process; the next statement then fails and the tx is retried.
      const onError = (): void => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const out = await fn(execOf(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        // A client whose connection was lost is dropped from the pool, not handed out again.
        broken = isConnectionError(e);
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        const code = (e as { code?: string }).code;
        if (code && RETRY.has(code) && attempt < 8) continue;
        throw e;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    }
  }

  /** One statement per 2,000 rows: each column sent as one array and expanded by unnest (far fewer parameters). */
  protected override async insertReviews(x: Exec, rows: unknown[][]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < rows.length; i += 2000) {
      const part = rows.slice(i, i + 2000);
      const columns = REVIEW_TYPES.map((_, c) => part.map((r) => r[c] ?? null));
      const ret = await x.all(
        `INSERT INTO reviews (${REVIEW_INSERT_COLS}) SELECT * FROM unnest(${REVIEW_TYPES.map((t) => `CAST(? AS ${t}[])`).join(', ')}) ON CONFLICT (id) DO NOTHING RETURNING id`,
        columns,
      );
      for (const r of ret) out.push(String(r.id));
    }
    return out;
  }

  protected override jsonParam(): string {
    return 'CAST(? AS jsonb)';
  }

  protected filmMatch(tokens: string[]): Fragment {
    return { sql: "f.search @@ to_tsquery('simple', ?)", params: [tsQuery(tokens)] };
  }

  protected reviewMatch(tokens: string[]): Fragment {
    return { sql: "r.search @@ to_tsquery('english', ?)", params: [tsQuery(tokens)] };
  }

  protected async lockMigrations(x: Exec): Promise<void> {
    // One migrator at a time per database (constant key: "verdict" in ASCII).
    await x.all('SELECT pg_advisory_xact_lock(7665726469637400)');
    if (this.schema) await x.run(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
  }

  async claimJobs(kind: string, worker: string, limit: number, leaseMs?: number): Promise<JobRow[]> {
    // FOR UPDATE re-checks the condition on a row another worker claimed meanwhile, so a renewed lease is skipped.
    // Leases are timed by the database's clock, so workers on machines whose clocks differ agree.
    const expired = leaseMs === undefined ? '' : ' OR locked_at < now() - make_interval(secs => ?)';
    const cutoff = leaseMs === undefined ? [] : [Math.max(0, leaseMs) / 1000];
    const rows = await this.db.all(
      'UPDATE jobs SET locked_by = ?, locked_at = now(), attempts = attempts + 1 WHERE id IN ' +
        `(SELECT id FROM jobs WHERE kind = ? AND (locked_by IS NULL${expired}) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, kind, payload, attempts, locked_by`,
      [worker, kind, ...cutoff, Math.max(0, limit)],
    );
    return rows.map(SqlStore.toJob).sort((a, b) => a.id - b.id);
  }

  override async renewJobs(ids: number[], worker: string): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.run('UPDATE jobs SET locked_at = now() WHERE locked_by = ? AND id = ANY(CAST(? AS bigint[]))', [worker, ids]);
  }

  /** Drops the store's schema and everything in it (tests use a schema per run). */
  async dropSchema(): Promise<void> {
    if (!this.schema) throw new Error('no schema to drop');
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** tsquery: every word must appear; the last one may be a prefix. Words are letters and digits only. */
function tsQuery(tokens: string[]): string {
  return tokens.map((t, i) => (i === tokens.length - 1 ? `${t}:*` : t)).join(' & ');
}
