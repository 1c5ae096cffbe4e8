/**
 * Measures the store's films after real imports through `verdict import` (fresh SQLite databases):
 *
 * - franchises: the titled Pixar and DreamWorks reviews (../shared/data/titled, each review joined with its
 *   film's title and year from the movies file, as an editor's export would carry them) are imported; the
 *   franchise of the film each titled film's reviews landed on is compared with test/fixtures/films/franchises.json
 *   (truth written from general knowledge, before the import was run). Also: how many stored films each titled
 *   film was split into (target 1).
 * - flatiron: all of rt_flatiron/rt_reviews.jsonl.gz is imported as it is (no title column: films come from the
 *   text); films created from a person's name are counted (target 0): a stored film not linked to the index whose
 *   title is people's names by `titleIsPeople` (the rule the import rejects such rows by), judged here with the
 *   people all of the film's stored cards name, not one card's. The unlinked titles are printed for a reader.
 *
 * Run: node train/film-store-eval.ts [franchises|flatiron] [--keep DIR] [--workers N]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Person } from '../src/analyze/card.ts';
import { titleIsPeople } from '../src/analyze/entities/film-record.ts';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { loadFilmIndex } from '../src/node/load-films.ts';
import { MODELS_DIR } from '../src/node/load-model.ts';
import { filmKey, nameKey, reviewId } from '../src/store/ids.ts';
import { openStore } from '../src/store/open.ts';
import type { FilmRow, Store } from '../src/store/store.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/films/franchises.json');

interface Truth {
  title: string;
  year: number;
  franchise: string | null;
  accept?: (string | null)[];
}

interface TitledMovie {
  movie_id: string;
  movie_title: string;
  movie_year: number;
}

interface TitledReview {
  movie_id: string;
  quote: string | null;
  critic_name: string | null;
  [k: string]: unknown;
}

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const what = args.find((a) => a === 'franchises' || a === 'flatiron');
const workers = flag('--workers');

function verdictImport(files: string[], db: string, dir: string): void {
  const cli = join(ROOT, 'src/cli/main.ts');
  const extra = workers ? ['--workers', workers] : [];
  const r = spawnSync(process.execPath, [cli, 'import', ...files, '--db', db, '--no-progress', '--no-consensus', '--rejects', join(dir, 'rejects.tsv'), ...extra], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`verdict import exited with ${r.status}`);
}

/** The normalised franchise name (a leading "The" aside). */
const norm = (s: string | null): string | null => (s === null ? null : nameKey(s).replace(/^the /, ''));

async function franchises(dir: string): Promise<{ right: number; total: number; split: number }> {
  const truth = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { films: Truth[] }).films;
  const byTitle = new Map(truth.map((t) => [`${t.title}\u0000${t.year}`, t]));
  const file = join(dir, 'titled.jsonl');
  const lines: string[] = [];
  const reviewsOf = new Map<string, { title: string; year: number; ids: string[] }>();
  for (const set of ['pixar', 'dreamworks']) {
    const movies = new Map((await loadJsonlGz<TitledMovie>(dataFile(`titled/rt_${set}_movies.jsonl.gz`))).map((m) => [m.movie_id, m]));
    for (const r of await loadJsonlGz<TitledReview>(dataFile(`titled/rt_${set}_reviews.jsonl.gz`))) {
      const m = movies.get(r.movie_id);
      if (!m || !r.quote || !r.quote.trim()) continue;
      const { movie_id: _id, ...rest } = r;
      lines.push(JSON.stringify({ ...rest, movie_title: m.movie_title, movie_year: m.movie_year }));
      const k = `${m.movie_title}\u0000${m.movie_year}`;
      let e = reviewsOf.get(k);
      if (!e) reviewsOf.set(k, (e = { title: m.movie_title, year: m.movie_year, ids: [] }));
      e.ids.push(reviewId(filmKey(m.movie_title), r.critic_name, r.quote));
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  const db = join(dir, 'titled.db');
  verdictImport([file], db, dir);
  const store = await openStore(db);
  let right = 0;
  let split = 0;
  const out: string[] = [];
  try {
    for (const [k, e] of reviewsOf) {
      const t = byTitle.get(k);
      if (!t) throw new Error(`no truth for ${e.title} (${e.year}) in ${FIXTURE}`);
      const films = await filmsOf(store, e.ids);
      const main = films[0]?.film ?? null;
      if (films.length > 1) split++;
      const got = main?.franchise ?? null;
      const ok = [t.franchise, ...(t.accept ?? [])].some((a) => norm(a) === norm(got));
      if (ok) right++;
      out.push(
        `${ok ? 'ok  ' : 'MISS'}  ${`${e.title} (${e.year})`.padEnd(52)} ${String(got ?? '—').padEnd(26)} truth ${t.franchise ?? '—'}` +
          `${main ? `  → ${main.indexId ?? 'unlinked'}${main.position ? ` #${main.position}` : ''}` : ''}${films.length > 1 ? `  (split over ${films.length} films: ${films.map((f) => `${f.film.title} ×${f.n}`).join(', ')})` : ''}`,
      );
    }
    const c = await store.counts();
    const unlinked = await store.listFilms({ unlinked: true, limit: 0 });
    process.stdout.write(`${out.sort().join('\n')}\n\n`);
    process.stdout.write(
      `franchise right: ${right}/${reviewsOf.size} (${((100 * right) / reviewsOf.size).toFixed(1)}%; target ≥ 95%); titled films split over several stored films: ${split}; ` +
        `stored films ${c.films} (${unlinked.total} not linked to the index) for ${c.reviews} reviews\n`,
    );
  } finally {
    await store.close();
  }
  return { right, total: reviewsOf.size, split };
}

/** The stored films the reviews landed on, most reviews first. */
async function filmsOf(store: Store, ids: string[]): Promise<{ film: FilmRow; n: number }[]> {
  const n = new Map<string, number>();
  for (const id of ids) {
    const r = await store.getReview(id);
    if (r) n.set(r.filmId, (n.get(r.filmId) ?? 0) + 1);
  }
  const out: { film: FilmRow; n: number }[] = [];
  for (const [id, k] of n) {
    const film = await store.getFilm(id);
    if (film) out.push({ film, n: k });
  }
  return out.sort((a, b) => b.n - a.n);
}

async function flatiron(dir: string): Promise<{ films: number; people: number }> {
  const db = join(dir, 'flatiron.db');
  verdictImport([dataFile('rt_flatiron/rt_reviews.jsonl.gz')], db, dir);
  const index = loadFilmIndex(MODELS_DIR);
  const words = JSON.parse(readFileSync(join(MODELS_DIR, 'lexicons/entity-words.json'), 'utf8')) as { given: string[]; common: string[] };
  const given = new Set(words.given);
  const common = new Set(words.common);
  const indexNames = new Set<string>();
  for (const p of index?.personNames() ?? []) for (const x of p.split(/\s+/)) indexNames.add(x);
  const shaped: string[] = [];
  const store = await openStore(db);
  const people: string[] = [];
  const unlinkedTitles: string[] = [];
  let films = 0;
  let linked = 0;
  try {
    for (let offset = 0; ; offset += 1000) {
      const page = await store.listFilms({ limit: 1000, offset, order: 'title' });
      for (const f of page.items) {
        films++;
        if (f.indexId) {
          linked++;
          continue;
        }
        unlinkedTitles.push(`${f.title} (${f.reviewCount})`);
        const cardPeople: Person[] = [];
        for (const r of (await store.listReviews({ filmId: f.id, limit: 50 })).items) cardPeople.push(...(r.card?.people ?? []));
        const isPerson = titleIsPeople({ title: f.title, key: f.key, confidence: 0, source: 'text', mentions: [] }, cardPeople, index, given, common);
        // A looser count, for a reader: one to three capitalised words, none common, one of them a known name.
        const w = f.title.split(/\s+/);
        if (!isPerson && w.length <= 3 && w.every((x) => /^\p{Lu}[\p{Ll}'’.-]+$/u.test(x) && !common.has(x.toLowerCase())) && w.some((x) => given.has(x) || indexNames.has(x))) shaped.push(f.title);
        if (isPerson) people.push(`${f.title} (${f.reviewCount} review${f.reviewCount === 1 ? '' : 's'})`);
      }
      if (page.items.length < 1000) break;
    }
    const c = await store.counts();
    const rejects = readFileSync(join(dir, 'rejects.tsv'), 'utf8').split('\n').filter((l) => /\tE_NO_FILM\t/.test(l));
    const peopleRejects = rejects.filter((l) => /people's names/.test(l)).length;
    process.stdout.write(
      `rt_flatiron: ${c.reviews} reviews stored on ${films} films (${linked} linked to the index, ${films - linked} not); ` +
        `${rejects.length} rows without a film (${peopleRejects} whose text-read title was people's names)\n` +
        `films created from a person's name: ${people.length} (target 0)${people.length ? `: ${people.slice(0, 40).join('; ')}` : ''}\n` +
        `looser count (1–3 capitalised uncommon words, one a name the index or the word tables know; not all names): ${shaped.length}: ${shaped.join('; ')}\n` +
        `not linked (first 60 by title): ${unlinkedTitles.slice(0, 60).join('; ')}\n`,
    );
  } finally {
    await store.close();
  }
  return { films, people: people.length };
}

const keep = flag('--keep');
const dir = keep ?? mkdtempSync(join(tmpdir(), 'verdict-film-store-'));
try {
  if (!what || what === 'franchises') await franchises(dir);
  if (!what || what === 'flatiron') await flatiron(dir);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
