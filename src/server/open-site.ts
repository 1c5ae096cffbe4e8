/**
 * @module Everything the server needs from a database, opened in one place: the store (migrated), the
 * site's data over it with the aggregator, and the API keys.
 */
import { consensusConfig, criticProfile, franchiseView, type ConsensusConfig } from '../aggregate/index.ts';
import type { Model } from '../analyze/model.ts';
import { openStore, storeUrl } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { defaultDatabase } from './database.ts';
import { openKeys, type ApiKeys } from './keys.ts';
import type { SiteData } from './site-data.ts';
import { storeSiteData, type Aggregator } from './store-site-data.ts';

export interface Site {
  store: Store;
  data: SiteData;
  keys: ApiKeys;
  close(): Promise<void>;
}

/** The aggregator's functions with one configuration. */
export function aggregator(config: ConsensusConfig = consensusConfig()): Aggregator {
  return {
    franchise: (name, films, edges) => franchiseView(name, films, edges),
    critic: (critic, reviews, consensus) => criticProfile({ id: critic.id, name: critic.name }, reviews, (id) => consensus.get(id), config),
  };
}

/** Open the site's data and keys on a database (SQLite path or postgres:// URL; default from the environment). */
export async function openSite(db: string | undefined, model: Model): Promise<Site> {
  const url = storeUrl(db);
  const store = await openStore(url);
  const keys = await openKeys(defaultDatabase(url));
  return {
    store,
    data: storeSiteData(store, model, aggregator()),
    keys,
    async close() {
      await keys.close();
      await store.close();
    },
  };
}
