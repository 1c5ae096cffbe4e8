/**
 * @module Which database the server and its commands use: a --db flag, else DATABASE_URL, else VERDICT_DB,
 * else ./verdict.db (the same order the store uses).
 */

/** The database URL or SQLite path to use. */
export function defaultDatabase(flag?: string): string {
  return flag || process.env.DATABASE_URL || process.env.VERDICT_DB || 'verdict.db';
}
