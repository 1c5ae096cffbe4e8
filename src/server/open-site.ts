/**
 * @module Everything the server needs from a database, opened in one place: the site's data and the API keys.
 */
import type { Model } from '../analyze/model.ts';
import { openKeys, type ApiKeys } from './keys.ts';
import { memorySiteData, type SiteData } from './site-data.ts';

export interface Site {
  data: SiteData;
  keys: ApiKeys;
  close(): Promise<void>;
}

/** Open the site's data and keys on a database (SQLite path or postgres:// URL). */
export async function openSite(db: string, _model: Model): Promise<Site> {
  const keys = await openKeys(db);
  const data = memorySiteData({ films: [], reviews: [], critics: [], franchises: [] });
  return {
    data,
    keys,
    async close() {
      await keys.close();
    },
  };
}
