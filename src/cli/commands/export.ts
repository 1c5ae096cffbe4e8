/**
 * `verdict export --format jsonl|csv`: every stored review, streamed in id order. Column names are the ones
 * `verdict import` recognises, so an export re-imports as is; the model's call rides along.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { withExistingStore } from '../../store/open.ts';
import type { ReviewView } from '../../store/store.ts';
import { correctionTrainingRows } from '../../app/corrections.ts';
import { resolveFilms } from '../../app/films.ts';
import { streamReviews } from '../../app/reviews.ts';

/** Export columns: the importer's names first (review, movie_title, …), then what the store and model add. */
const EXPORT_COLUMNS = [
  'id',
  'review',
  'movie_title',
  'year',
  'critic',
  'publication',
  'fresh',
  'rating',
  'rating_normalized',
  'date',
  'top_critic',
  'url',
  'franchise',
  'model_fresh',
  'model_score',
  'model_confidence',
  'model_version',
] as const;

type Flat = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null>;

function flatten(r: ReviewView, franchise: string | null): Flat {
  const v = r.card?.verdict ?? null;
  return {
    id: r.id,
    review: r.text,
    movie_title: r.filmTitle,
    year: r.filmYear,
    critic: r.criticName,
    publication: r.publicationName,
    fresh: r.label === null ? null : r.label ? 'fresh' : 'rotten',
    rating: r.rawRating,
    rating_normalized: r.rating,
    date: r.date,
    top_critic: r.topCritic,
    url: r.url,
    franchise,
    model_fresh: v ? (v.fresh ? 'fresh' : 'rotten') : null,
    model_score: v ? v.score : null,
    model_confidence: v ? v.confidence : null,
    model_version: r.modelVersion,
  };
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF (or leading/trailing space). */
function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Export every review (JSON Lines or CSV, in the column names `verdict import` reads)')
    .option('-f, --format <format>', 'jsonl or csv', 'jsonl')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--film <title-or-id>', "only this film's reviews")
    .option('--cards', 'JSON Lines only: include each full review card')
    .option('--corrections', "JSON Lines of the reviews editors corrected, as training rows (text, fresh, y, aspects) for `npm run train -- --corrections FILE`")
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)')
    .action(async (flags: { format: string; output?: string; film?: string; cards?: boolean; corrections?: boolean; db?: string }) => {
      const format = flags.format.toLowerCase();
      if (format !== 'jsonl' && format !== 'csv') {
        process.stderr.write(`verdict export: --format must be jsonl or csv, not "${flags.format}"\n`);
        process.exitCode = 2;
        return;
      }
      await withExistingStore(flags.db, async (store) => {
        let filmId: string | undefined;
        if (flags.film) {
          const films = await resolveFilms(store, flags.film);
          if (films.length !== 1) {
            process.stderr.write(`verdict export: --film "${flags.film}" matches ${films.length} films${films.length ? `: ${films.map((f) => f.id).join(', ')}` : ''}\n`);
            process.exitCode = 2;
            return;
          }
          filmId = films[0]?.id;
        }
        const out: Writable = flags.output ? createWriteStream(flags.output) : process.stdout;
        // A closed pipe (`verdict export | head`) ends the export quietly.
        if (!flags.output) process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(0) : undefined));
        const franchises = new Map<string, string | null>();
        const franchiseOf = async (id: string): Promise<string | null> => {
          if (!franchises.has(id)) franchises.set(id, (await store.getFilm(id))?.franchise ?? null);
          return franchises.get(id) ?? null;
        };
        let n = 0;
        if (flags.corrections) {
          for await (const row of correctionTrainingRows(store)) {
            await write(out, `${JSON.stringify(row)}\n`);
            n++;
          }
          if (flags.output) {
            out.end();
            await once(out, 'finish');
          }
          process.stderr.write(`exported ${n} corrected review${n === 1 ? '' : 's'} as training rows${flags.output ? ` to ${flags.output}` : ''}\n`);
          return;
        }
        if (format === 'csv') await write(out, `${EXPORT_COLUMNS.join(',')}\r\n`);
        const rows = streamReviews(store, { filmId });
        for await (const r of rows) {
          const flat = flatten(r, await franchiseOf(r.filmId));
          if (format === 'csv') await write(out, `${EXPORT_COLUMNS.map((c) => csvField(flat[c])).join(',')}\r\n`);
          else await write(out, `${JSON.stringify(flags.cards ? { ...flat, card: r.card } : flat)}\n`);
          n++;
        }
        if (flags.output) {
          out.end();
          await once(out, 'finish');
          process.stderr.write(`exported ${n} review${n === 1 ? '' : 's'} to ${flags.output}\n`);
        }
      });
    });
}

