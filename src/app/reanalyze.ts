/**
 * @module Use case: re-analysis after a model or analyser change: every stored review whose card is missing or was made by
 * another version gets a new card, in batches through the worker pool, one transaction per batch. A review the new
 * card links to a film of the film index moves onto that film from one the index does not know (a review an editor
 * moved stays). Safe to interrupt and run again (each batch is written whole; the next run picks up the reviews
 * still stale).
 */
import { ANALYZER_VERSION, type Model } from '../analyze/index.ts';
import type { CardUpdate, Store } from '../store/store.ts';
import { indexFilm, oneAtATime, type Analyzer } from './import-reviews.ts';

interface ReanalyzeSummary {
  /** Cards rewritten. */
  updated: number;
  /** Reviews the analyser refused (kept with their old card). */
  failed: number;
  version: string;
}

/** The card version the current analyser and model make. */
export function currentCardVersion(model: Pick<Model, 'version'>): string {
  return `${ANALYZER_VERSION}+${model.version}`;
}

export async function reanalyzeStore(
  store: Pick<Store, 'staleReviewIds' | 'getReview' | 'updateCards'>,
  pool: Analyzer & { readonly localModel: Pick<Model, 'version'> },
  options: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<ReanalyzeSummary> {
  const version = currentCardVersion(pool.localModel);
  const batchSize = options.batchSize ?? 500;
  let updated = 0;
  let failed = 0;
  let after: string | undefined;
  const inFlight: Promise<void>[] = [];
  const serialize = oneAtATime();
  for (;;) {
    const ids = await store.staleReviewIds(version, batchSize, after);
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    const reviews = (await Promise.all(ids.map((id) => store.getReview(id)))).filter((r) => r !== null);
    const job = pool
      .analyze(reviews.map((r) => ({ text: r.text, title: r.filmTitle, rating: r.rawRating ?? undefined, format: r.card?.format, year: r.filmYear ?? undefined })))
      .then((results) => {
        const updates: CardUpdate[] = [];
        results.forEach((res, i) => {
          if ('card' in res) updates.push({ id: reviews[i]!.id, card: res.card, ...(res.film ? { film: indexFilm(res.film) } : {}) });
          else failed++;
        });
        return serialize(async () => {
          updated += await store.updateCards(updates);
          options.onProgress?.(updated + failed);
        });
      });
    inFlight.push(job);
    if (inFlight.length >= Math.max(2, pool.size * 2)) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return { updated, failed, version };
}
