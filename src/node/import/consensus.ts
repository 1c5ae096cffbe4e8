/**
 * Consensus of the films an import touched, recomputed and cached right after the import (the store's
 * `consensusOf` does the work). On PostgreSQL several films are computed at once over the connection pool;
 * SQLite is synchronous, so there it goes one film at a time.
 */
import type { Store } from '../../store/store.ts';
import { consensusOf } from '../../store/views.ts';

export async function refreshFilms(store: Store, filmIds: Iterable<string>, concurrency = store.dialect === 'postgres' ? 4 : 1): Promise<number> {
  const ids = [...new Set(filmIds)];
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < ids.length) {
      const film = await store.getFilm(ids[next++]!);
      if (!film) continue;
      await consensusOf(store, film);
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return done;
}
