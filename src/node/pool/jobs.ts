/**
 * What the analysis pool's workers are asked and answer: one review's text and metadata → its card, or why not.
 */
import { analyze, type AnalyzeOptions, type Model, type OffsetUnit, type ReviewCard, type StageName } from '../../analyze/index.ts';
import { pickFields, stagesForFields } from './fields.ts';
import { filmRecord, indexFilmFor, titleIsPeople, type IndexFilmRecord } from '../../analyze/entities/film-record.ts';

export interface AnalyzeJob {
  text: string;
  title?: string | undefined;
  rating?: string | undefined;
  format?: 'text' | 'markdown' | 'html' | undefined;
  /** The row's own year of the film (with `title`, it can choose among the index's films of that title). */
  year?: number | null | undefined;
  /** Unit of the card's offsets (default UTF-16 code units). */
  offsets?: OffsetUnit | undefined;
}

export type AnalyzeResult =
  | {
      card: ReviewCard;
      /** The film index's film the review lands on (the model's index), when linked. */
      film?: IndexFilmRecord;
      /** The film title read from the text is only people's names ("Hanks and Roberts"): no film to store it on. */
      peopleTitle?: true;
    }
  | { error: { code: string; message: string } };

/** The card's film and the index film it lands on: the row's year may choose another film of its title. */
function withIndexFilm(card: ReviewCard, job: AnalyzeJob, model: Model): AnalyzeResult {
  const index = model.films;
  if (!index) return { card };
  const f = indexFilmFor(index, card, { title: job.title, year: job.year });
  if (!f) return titleIsPeople(card.film, card.people, index, model.lexicon.entities.given, model.lexicon.entities.common) ? { card, peopleTitle: true } : { card };
  if (card.film && card.film.id !== f.id) {
    const { unlinked: _unlinked, ...film } = card.film;
    card.film = { ...film, id: f.id, year: f.year, directors: [...f.directors], linkConfidence: card.film.linkConfidence ?? 0.9, linkedBy: 'title' };
    if (f.series) card.film.series = { ...f.series };
    else delete card.film.series;
  }
  return { card, film: filmRecord(f) };
}

/**
 * What an import needs of a card on the calling thread (the film it names, its rating, its chronology, its
 * version); the whole card travels as the JSON the store writes, so the importing thread neither copies the
 * card's object graph out of the worker nor serialises it again.
 */
export interface CardHead {
  version: string;
  film: { title: string; key?: string | undefined; franchise: string | null } | null;
  rating: { normalized: number } | null;
  chronology: ReviewCard['chronology'];
}

export type StoredResult =
  | { head: CardHead; json: string; film?: IndexFilmRecord; peopleTitle?: true }
  | { error: { code: string; message: string } };

/** A result made ready for the store: the card's head, and the card as JSON. */
export function toStored(r: AnalyzeResult): StoredResult {
  if ('error' in r) return r;
  const { card, ...rest } = r;
  const film = card.film ? { title: card.film.title, key: card.film.key, franchise: card.film.franchise?.name ?? null } : null;
  const head: CardHead = { version: card.version, film, rating: card.rating ? { normalized: card.rating.normalized } : null, chronology: card.chronology };
  return { ...rest, head, json: JSON.stringify(card) };
}

/** A card already serialised as JSON on the worker (and trimmed to `fields`), so the caller only writes it out. */
export type JsonResult = { json: string } | { error: { code: string; message: string } };

export interface PoolRequest {
  id: number;
  jobs: AnalyzeJob[];
  /** Answer with JSON strings (`JsonResult`), the card trimmed to these top-level fields when given. */
  json?: { fields?: readonly string[] | undefined } | undefined;
  /** Answer with `StoredResult`s (an import's). */
  stored?: true | undefined;
}

export interface PoolResponse {
  id: number;
  results: AnalyzeResult[] | JsonResult[] | StoredResult[];
}

/** Analyse a batch; an analyser error (bad input) becomes that review's result, never the batch's. */
export function analyzeJobs(jobs: readonly AnalyzeJob[], model: Model, stages?: readonly StageName[]): AnalyzeResult[] {
  return jobs.map((job) => {
    const options: AnalyzeOptions = {};
    if (stages) options.stages = stages;
    if (job.title) options.title = job.title;
    if (job.rating) options.rating = job.rating;
    if (job.format) options.format = job.format;
    if (job.offsets) options.offsets = job.offsets;
    try {
      const card = analyze(job.text, model, options);
      // Markup with no visible text ("<script>…</script>", "<p></p>") is as empty as whitespace.
      if (card.text.trim() === '') return { error: { code: 'E_EMPTY_TEXT', message: `the review has no visible text once its ${card.format} markup is removed` } };
      return withIndexFilm(card, job, model);
    } catch (e) {
      const err = e as { code?: unknown; message?: unknown };
      return { error: { code: typeof err.code === 'string' ? err.code : 'E_ANALYZE', message: String(err.message ?? e) } };
    }
  });
}

/** Analyse a batch into JSON strings (the card trimmed to `fields`, made by only the stages those need). */
export function analyzeJobsJson(jobs: readonly AnalyzeJob[], model: Model, fields?: readonly string[]): JsonResult[] {
  return analyzeJobs(jobs, model, stagesForFields(fields)).map((r) => ('error' in r ? r : { json: JSON.stringify(pickFields(r.card, fields)) }));
}
