/**
 * @module Which database the server's commands use: a --db flag, else DATABASE_URL, else VERDICT_DB, else
 * ./verdict.db (the store's own rule, `storeUrl`), without the optional `sqlite:` prefix.
 */
import { storeUrl } from '../store/open.ts';

/** The database URL or SQLite path to use. */
export function defaultDatabase(flag?: string): string {
  return storeUrl(flag).replace(/^sqlite:(\/\/)?/i, '');
}
