/**
 * @module Everything the server needs from a database, opened in one place: the store (migrated), the site's
 * data over the application layer, and the API keys (in the same store).
 */
import { verifyApiKey } from '../app/api-keys.ts';
import type { Analyzer } from '../app/import-reviews.ts';
import type { CertifiedRule } from '../aggregate/types.ts';
import type { Model } from '../analyze/model.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { storeEditorData, type EditorData } from './editor/editor-data.ts';
import type { KeyStore, SiteData } from './site-data.ts';
import { storeSiteData } from './store-site-data.ts';

export interface Site {
  store: Store;
  data: SiteData;
  keys: KeyStore;
  editor: EditorData;
  close(): Promise<void>;
}

/** Open the site's data and keys on a database (SQLite path or postgres:// URL; default from the environment). */
export async function openSite(db: string | undefined, model: Model, analyzer?: Analyzer, options: { max?: number; /** The certified badge's thresholds (server configuration). */ certified?: CertifiedRule; /** Create a missing SQLite file (default true). */ create?: boolean } = {}): Promise<Site> {
  const store = await openStore(db, { ...(options.max === undefined ? {} : { max: options.max }), create: options.create ?? true });
  return {
    store,
    data: storeSiteData(store, model, { ...(analyzer ? { analyzer } : {}), ...(options.certified ? { certified: options.certified } : {}) }),
    keys: { verify: (token) => verifyApiKey(store, token) },
    editor: storeEditorData(store),
    close: () => store.close(),
  };
}
