/**
 * `verdict correct …` and `verdict queue`: the editors' corrections and review queue from the terminal, through
 * the same use cases as the site and the API (src/app/corrections.ts, src/app/queue.ts). Each correction is an
 * audited event; `--as NAME` names the editor (default cli:<login name>).
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { ASPECT_IDS, type AspectId } from '../../analyze/card.ts';
import { auditOf, CorrectionError, correctReview, mergeFilms, moveReview, publishFilm, setFilmFranchise, splitFilm, undoCorrection, type ReviewChange } from '../../app/corrections.ts';
import { resolveFilms } from '../../app/films.ts';
import { DOUBT_KINDS, reviewQueue, type DoubtKind } from '../../app/queue.ts';
import { withExistingStore } from '../../store/open.ts';
import type { CorrectionRow, Store } from '../../store/store.ts';

const DB = '--db <url>';
const DB_HELP = 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)';

const defaultUser = (): string => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
};

class CliError extends Error {}

async function run(db: string | undefined, fn: (store: Store) => Promise<void>): Promise<void> {
  try {
    await withExistingStore(db, fn);
  } catch (e) {
    if (!(e instanceof CorrectionError || e instanceof CliError)) throw e;
    process.stderr.write(`verdict correct: ${e.message}\n`);
    process.exitCode = 2;
  }
}

async function oneFilm(store: Store, query: string): Promise<string> {
  const films = await resolveFilms(store, query);
  if (films.length === 1) return films[0]!.id;
  if (films.length === 0) throw new CliError(`no film matches "${query}"`);
  throw new CliError(`"${query}" matches several films (${films.map((f) => `${f.title}${f.year ? ` (${f.year})` : ''} ${f.id}`).join('; ')}): give the id`);
}

function printed(rows: CorrectionRow[], json: boolean | undefined): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(rows.map(({ undo: _u, ...r }) => r), null, 2)}\n`);
    return;
  }
  for (const r of rows) {
    const what = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    process.stdout.write(`#${r.id}  ${r.createdAt}  ${r.user}  ${r.field}: ${what(r.before)} → ${what(r.after)}${r.reason ? `  "${r.reason}"` : ''}${r.undoneAt ? `  (undone by ${r.undoneBy})` : ''}\n`);
  }
}

export function registerCorrect(program: Command): void {
  const correct = program.command('correct').description("Editors' corrections: a review's verdict, score, film, aspects, quote, credits; merge and split films, franchise, publish, undo, audit log");

  correct
    .command('review')
    .description('Correct one review (each option is one audited correction), or confirm it with --confirm')
    .argument('<id>', 'review id')
    .option('--fresh', 'the review is fresh')
    .option('--rotten', 'the review is rotten')
    .option('--score <n>', 'score 0–100')
    .option('--film <title-or-id>', 'move the review to this film')
    .option('--aspect <aspect=polarity...>', `aspect opinion, e.g. story=-1 or humor=none (${ASPECT_IDS.join(', ')})`)
    .option('--quote <start-end>', 'the pull quote, as character offsets into the card text')
    .option('--confirm', 'the review is right as it is')
    .option('--reason <text>', 'why')
    .option('--as <name>', 'who makes the correction', defaultUser())
    .option('--json', 'print the audit events as JSON')
    .option(DB, DB_HELP)
    .action((id: string, f: { fresh?: boolean; rotten?: boolean; score?: string; film?: string; aspect?: string[]; quote?: string; confirm?: boolean; reason?: string; as: string; json?: boolean; db?: string }) =>
      run(f.db, async (store) => {
        const who = { user: f.as, reason: f.reason ?? null };
        const changes: ReviewChange[] = [];
        if (f.fresh && f.rotten) throw new CliError('--fresh or --rotten, not both');
        if (f.fresh || f.rotten) changes.push({ field: 'fresh', value: f.fresh === true });
        if (f.score !== undefined) changes.push({ field: 'score', value: Number(f.score) });
        if (f.aspect?.length) {
          const value: Partial<Record<AspectId, number | null>> = {};
          for (const a of f.aspect) {
            const m = /^(\w+)=(none|[+-]?\d*\.?\d+)$/.exec(a);
            if (!m) throw new CliError(`--aspect expects aspect=polarity (a number from -1 to 1, or none), got "${a}"`);
            value[m[1] as AspectId] = m[2] === 'none' ? null : Number(m[2]);
          }
          changes.push({ field: 'aspects', value });
        }
        if (f.quote) {
          const m = /^(\d+)-(\d+)$/.exec(f.quote);
          if (!m) throw new CliError('--quote expects START-END character offsets');
          changes.push({ field: 'quote', value: { start: Number(m[1]), end: Number(m[2]) } });
        }
        if (f.confirm) changes.push({ field: 'checked' });
        if (changes.length === 0 && !f.film) throw new CliError('nothing to correct: give --fresh/--rotten, --score, --film, --aspect, --quote or --confirm');
        const rows: CorrectionRow[] = [];
        for (const ch of changes) rows.push(await correctReview(store, id, ch, who));
        if (f.film) rows.push(await moveReview(store, id, await oneFilm(store, f.film), who));
        printed(rows, f.json);
      }),
    );

  correct
    .command('merge')
    .description('Merge a film into another: its reviews move there, and later imports of it land there too')
    .argument('<film>', 'the film to merge (title or id)')
    .argument('<into>', 'the film it is merged into (title or id)')
    .option('--reason <text>')
    .option('--as <name>', 'who makes the correction', defaultUser())
    .option(DB, DB_HELP)
    .action((from: string, into: string, f: { reason?: string; as: string; db?: string }) =>
      run(f.db, async (store) => printed([await mergeFilms(store, await oneFilm(store, from), await oneFilm(store, into), { user: f.as, reason: f.reason ?? null })], false)),
    );

  correct
    .command('split')
    .description('Split reviews off a film into another film (created when missing)')
    .argument('<film>', 'the film they are on now (title or id)')
    .argument('<review-ids...>', 'the reviews to move')
    .requiredOption('--title <title>', 'the film they belong to')
    .option('--year <year>', "that film's year")
    .option('--reason <text>')
    .option('--as <name>', 'who makes the correction', defaultUser())
    .option(DB, DB_HELP)
    .action((film: string, reviewIds: string[], f: { title: string; year?: string; reason?: string; as: string; db?: string }) =>
      run(f.db, async (store) =>
        printed([await splitFilm(store, await oneFilm(store, film), reviewIds, { title: f.title, year: f.year === undefined ? null : Number(f.year) }, { user: f.as, reason: f.reason ?? null })], false),
      ),
    );

  correct
    .command('franchise')
    .description("Set a film's franchise and its order in it (\"none\" clears it)")
    .argument('<film>', 'title or id')
    .argument('<franchise>', 'franchise name, or none')
    .option('--position <n>', 'order in the franchise')
    .option('--reason <text>')
    .option('--as <name>', 'who makes the correction', defaultUser())
    .option(DB, DB_HELP)
    .action((film: string, name: string, f: { position?: string; reason?: string; as: string; db?: string }) =>
      run(f.db, async (store) =>
        printed([await setFilmFranchise(store, await oneFilm(store, film), name === 'none' ? null : name, f.position === undefined ? null : Number(f.position), { user: f.as, reason: f.reason ?? null })], false),
      ),
    );

  correct
    .command('publish')
    .description('Publish a film page (with --draft: back to draft)')
    .argument('<film>', 'title or id')
    .option('--draft', 'take it back to draft')
    .option('--as <name>', 'who makes the correction', defaultUser())
    .option(DB, DB_HELP)
    .action((film: string, f: { draft?: boolean; as: string; db?: string }) => run(f.db, async (store) => printed([await publishFilm(store, await oneFilm(store, film), !f.draft, { user: f.as })], false)));

  correct
    .command('undo')
    .description('Undo a correction by its number (itself audited)')
    .argument('<n>', 'correction number (from `verdict correct log`)')
    .option('--reason <text>')
    .option('--as <name>', 'who undoes it', defaultUser())
    .option(DB, DB_HELP)
    .action((n: string, f: { reason?: string; as: string; db?: string }) => run(f.db, async (store) => printed([await undoCorrection(store, Number(n), { user: f.as, reason: f.reason ?? null })], false)));

  correct
    .command('log')
    .description('The audit log of a review, a film, or (without an argument) the latest corrections')
    .argument('[review-or-film]', 'review id, or film title or id')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'JSON output')
    .option(DB, DB_HELP)
    .action((what: string | undefined, f: { limit: string; json?: boolean; db?: string }) =>
      run(f.db, async (store) => {
        const limit = Number(f.limit) || 50;
        if (!what) return printed(await auditOf(store, { limit }), f.json);
        if (await store.getReview(what)) return printed(await auditOf(store, { reviewId: what, limit }), f.json);
        printed(await auditOf(store, { filmId: await oneFilm(store, what), limit }), f.json);
      }),
    );

  program
    .command('queue')
    .description('The review queue: unchecked reviews, the check that would change most first')
    .option('--film <title-or-id>', 'only this film')
    .option('--kind <kind>', `only this kind of doubt (${DOUBT_KINDS.join(', ')})`)
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'JSON output')
    .option(DB, DB_HELP)
    .action((f: { film?: string; kind?: string; limit: string; json?: boolean; db?: string }) =>
      run(f.db, async (store) => {
        if (f.kind && !(DOUBT_KINDS as readonly string[]).includes(f.kind)) throw new CliError(`--kind is one of ${DOUBT_KINDS.join(', ')}`);
        const filmId = f.film ? await oneFilm(store, f.film) : undefined;
        const page = await reviewQueue(store, { filmId, kind: f.kind as DoubtKind | undefined, limit: Number(f.limit) || 20, offset: 0 });
        if (f.json) {
          process.stdout.write(`${JSON.stringify({ total: page.total, items: page.items.map((i) => ({ id: i.review.id, film: i.review.filmTitle, critic: i.review.criticName, priority: i.priority, doubts: i.doubts })) }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${page.total} reviews in doubt\n`);
        for (const i of page.items) process.stdout.write(`${i.review.id}  ${i.review.filmTitle}  ${i.review.criticName ?? '?'}  ${i.doubts.map((d) => d.detail).join('; ')}\n`);
      }),
    );
}
