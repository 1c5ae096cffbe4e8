/**
 * Measures the extract parsing behind the film index (train/film-extract.ts) against films checked by hand:
 * `[{ href, title, year, directors: [..], series: string|null, previous: string|null, order?: number|null }]`.
 * A film is right on directors when the sets of names agree, on series / previous / order when the values agree
 * (after normalising case, a leading "the", "film series"/"franchise", punctuation; null must match null).
 * Series is the one the extract names (the parse), as the checked set's conventions say; the index also carries
 * series inferred through the film a sequel follows, reported apart.
 *
 * Run: node train/film-index-eval.ts [CHECKED.json]   (default test/fixtures/films/checked.json, else the
 * entities-gold worktree's copy)
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataFile, readJsonlGz } from '../src/node/data.ts';
import { parseExtract } from './film-extract.ts';

interface Checked {
  href: string;
  title: string;
  year: number;
  directors: string[];
  series: string | null;
  previous: string | null;
  order?: number | null;
}

const norm = (s: string | null | undefined): string =>
  (s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\b(?:film series|film franchise|franchise|series)\b/g, ' ')
    .replace(/^\s*the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

export interface FilmEvalResult {
  films: number;
  directors: number;
  series: number;
  previous: number;
  order: number;
  year: number;
  misses: { href: string; field: string; want: unknown; got: unknown }[];
}

export async function evalFilmExtracts(checked: Checked[]): Promise<FilmEvalResult> {
  const want = new Map(checked.map((c) => [c.href, c]));
  const got = new Map<string, ReturnType<typeof parseExtract>>();
  for await (const row of readJsonlGz<{ href: string | null; title: string; extract: string | null; cast: string[] }>(dataFile('films/wikipedia_films.jsonl.gz'))) {
    if (row.href && want.has(row.href) && row.extract) got.set(row.href, parseExtract(row.extract, row.title, row.cast));
  }
  const r: FilmEvalResult = { films: checked.length, directors: 0, series: 0, previous: 0, order: 0, year: 0, misses: [] };
  for (const c of checked) {
    const f = got.get(c.href);
    const dirs = new Set((f?.directors ?? []).map(norm));
    const wantDirs = new Set(c.directors.map(norm));
    const same = dirs.size === wantDirs.size && [...wantDirs].every((d) => dirs.has(d));
    if (same) r.directors++;
    else r.misses.push({ href: c.href, field: 'directors', want: c.directors, got: f?.directors ?? null });
    if (norm(f?.series) === norm(c.series)) r.series++;
    else r.misses.push({ href: c.href, field: 'series', want: c.series, got: f?.series ?? null });
    if (norm(f?.previous?.title) === norm(c.previous)) r.previous++;
    else r.misses.push({ href: c.href, field: 'previous', want: c.previous, got: f?.previous?.title ?? null });
    if (f?.year === c.year) r.year++;
    else r.misses.push({ href: c.href, field: 'year', want: c.year, got: f?.year ?? null });
    if ((f?.order ?? null) === (c.order ?? null)) r.order++;
    else r.misses.push({ href: c.href, field: 'order', want: c.order ?? null, got: f?.order ?? null });
  }
  return r;
}

function defaultPath(): string {
  const here = fileURLToPath(new URL('../test/fixtures/films/checked.json', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../entities-gold/test/fixtures/films/checked.json', import.meta.url));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? defaultPath();
  if (!existsSync(path)) {
    console.error(`no checked films at ${path}: nothing to measure`);
    process.exit(2);
  }
  const checked = JSON.parse(readFileSync(path, 'utf8')) as Checked[];
  const r = await evalFilmExtracts(checked);
  const pct = (n: number): string => `${((100 * n) / r.films).toFixed(1)}%`;
  console.log(`film extracts checked by hand: ${r.films} (${path})`);
  console.log(`directors ${pct(r.directors)}  series ${pct(r.series)}  previous ${pct(r.previous)}  order ${pct(r.order)}  year ${pct(r.year)}`);
  if (process.argv.includes('--misses')) for (const m of r.misses) console.log(`  ${m.field.padEnd(9)} ${m.href}: want ${JSON.stringify(m.want)} got ${JSON.stringify(m.got)}`);
}
