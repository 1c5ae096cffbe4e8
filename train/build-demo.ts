/**
 * Builds the demo corpus `data/demo/reviews.jsonl.gz` from ../shared/data/titled (critics' quotes with their
 * critics, publications, dates, scores and fresh/rotten labels) plus the bundled Ballerina review.
 * Rows use the importer's column names (src/node/readers/columns.ts). Deterministic: same data, same bytes.
 *
 *   node train/build-demo.ts            (writes data/demo/reviews.jsonl.gz and prints the counts)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEMO_FILE = `${ROOT}data/demo/reviews.jsonl.gz`;
const LIMIT_BYTES = 5 * 1024 * 1024;

/** Films taken from the Pixar and DreamWorks sets (complete review lists), with their franchise. */
const FRANCHISES: Record<string, string[]> = {
  'Toy Story': ['Toy Story', 'Toy Story 2', 'Toy Story 3', 'Toy Story 4', 'Lightyear'],
  Shrek: ['Shrek', 'Shrek 2', 'Shrek the Third', 'Shrek Forever After', 'Puss in Boots', 'Puss in Boots: The Last Wish'],
  'How to Train Your Dragon': ['How to Train Your Dragon', 'How to Train Your Dragon 2', 'How to Train Your Dragon: The Hidden World'],
  'Kung Fu Panda': ['Kung Fu Panda', 'Kung Fu Panda 2', 'Kung Fu Panda 3', 'Kung Fu Panda 4'],
  Cars: ['Cars', 'Cars 2', 'Cars 3'],
  'Inside Out': ['Inside Out', 'Inside Out 2'],
};

/** John Wick films from rt_lzw (five recent reviews each; the source has no year, release years added). */
const JOHN_WICK: Record<string, { title: string; year: number }> = {
  'John Wick': { title: 'John Wick', year: 2014 },
  'John Wick: Chapter 2': { title: 'John Wick: Chapter 2', year: 2017 },
  'John Wick: Chapter 3 -- Parabellum': { title: 'John Wick: Chapter 3 - Parabellum', year: 2019 },
};

/** One demo row, in the importer's column names. */
export interface DemoRow {
  movie_title: string;
  year: number;
  franchise: string | null;
  critic: string | null;
  publication: string | null;
  fresh: 'fresh' | 'rotten' | null;
  rating: string | null;
  date: string | null;
  top_critic: boolean;
  url: string | null;
  review: string;
  source: string;
}

const CP1252: Record<number, string> = { 128: '€', 130: '‚', 131: 'ƒ', 132: '„', 133: '…', 134: '†', 135: '‡', 136: 'ˆ', 137: '‰', 138: 'Š', 139: '‹', 140: 'Œ', 142: 'Ž', 145: '‘', 146: '’', 147: '“', 148: '”', 149: '•', 150: '–', 151: '—', 152: '˜', 153: '™', 154: 'š', 155: '›', 156: 'œ', 158: 'ž', 159: 'Ÿ' };
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”' };

/** The sources' quotes carry HTML entities (`&#46;`, `&apos;`, `&#151;` as a Windows-1252 em dash): decoded for display. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (CP1252[code]) return CP1252[code]!;
      if (code === 10 || code === 13) return ' ';
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    const named = NAMED[body.toLowerCase()];
    if (named) return named;
    // Accented letters: &eacute; → é (base letter + combining mark, composed).
    const acc = /^([a-zA-Z])(acute|grave|circ|uml|tilde|cedil|ring)$/.exec(body);
    return acc ? `${acc[1]}${MARKS[acc[2]!]}`.normalize('NFC') : m;
  });
}

const MARKS: Record<string, string> = { acute: '\u0301', grave: '\u0300', circ: '\u0302', uml: '\u0308', tilde: '\u0303', cedil: '\u0327', ring: '\u030a' };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "2010-03-26" stays; "Mar 27, 2023" → "2023-03-27"; Rotten Tomatoes' placeholder 2000-01-01 → null. */
export function isoDate(s: string | null): string | null {
  if (!s) return null;
  const t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t === '2000-01-01' ? null : t;
  const m = /^([A-Za-z]{3})[a-z]* (\d{1,2}), (\d{4})$/.exec(t);
  if (m) {
    const mo = MONTHS.indexOf(m[1]!.toLowerCase());
    if (mo >= 0) return `${m[3]}-${String(mo + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  }
  return null;
}

function clean(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.trim();
  return t === '' ? null : t;
}

interface RtReview {
  movie_id: string;
  creation_date: string | null;
  critic_name: string | null;
  is_top_critic: boolean;
  publication_name: string | null;
  review_url: string | null;
  review_state: string;
  quote: string | null;
  original_score: string | null;
}

export async function buildDemo(): Promise<{ rows: DemoRow[]; films: Map<string, number> }> {
  const rows: DemoRow[] = [];
  const franchiseOf = new Map<string, string>();
  for (const [f, titles] of Object.entries(FRANCHISES)) for (const t of titles) franchiseOf.set(t, f);
  for (const set of ['pixar', 'dreamworks']) {
    const movies = await loadJsonlGz<{ movie_id: string; movie_title: string; movie_year: number }>(dataFile(`titled/rt_${set}_movies.jsonl.gz`));
    const wanted = new Map(movies.filter((m) => franchiseOf.has(m.movie_title)).map((m) => [m.movie_id, m]));
    const reviews = await loadJsonlGz<RtReview>(dataFile(`titled/rt_${set}_reviews.jsonl.gz`));
    for (const r of reviews) {
      const m = wanted.get(r.movie_id);
      const text = clean(r.quote);
      if (!m || !text) continue;
      rows.push({
        movie_title: m.movie_title,
        year: m.movie_year,
        franchise: franchiseOf.get(m.movie_title)!,
        critic: clean(r.critic_name),
        publication: clean(r.publication_name),
        fresh: r.review_state === 'fresh' ? 'fresh' : r.review_state === 'rotten' ? 'rotten' : null,
        rating: clean(r.original_score),
        date: isoDate(r.creation_date),
        top_critic: r.is_top_critic === true,
        url: clean(r.review_url),
        review: decodeEntities(text),
        source: `titled/rt_${set}`,
      });
    }
  }
  const lzw = await loadJsonlGz<{ movie_title: string; critic_name: string | null; top_critic: boolean; publisher_name: string | null; review_type: string; review_score: string | null; review_date: string | null; review_content: string | null }>(
    dataFile('titled/rt_lzw_movie_reviews.jsonl.gz'),
  );
  for (const r of lzw) {
    const film = JOHN_WICK[r.movie_title];
    const text = clean(r.review_content);
    if (!film || !text) continue;
    rows.push({
      movie_title: film.title,
      year: film.year,
      franchise: 'John Wick',
      critic: clean(r.critic_name),
      publication: clean(r.publisher_name),
      fresh: r.review_type === 'fresh' ? 'fresh' : r.review_type === 'rotten' ? 'rotten' : null,
      rating: clean(r.review_score),
      date: isoDate(r.review_date),
      top_critic: r.top_critic === true,
      url: null,
      review: text,
      source: 'titled/rt_lzw',
    });
  }
  rows.push({
    movie_title: 'Ballerina',
    year: 2025,
    franchise: 'John Wick',
    critic: null,
    publication: null,
    fresh: null,
    rating: null,
    date: null,
    top_critic: false,
    url: null,
    review: readFileSync(`${ROOT}examples/ballerina.txt`, 'utf8'),
    source: 'examples/ballerina.txt',
  });
  const films = new Map<string, number>();
  for (const r of rows) films.set(`${r.movie_title} (${r.year})`, (films.get(`${r.movie_title} (${r.year})`) ?? 0) + 1);
  return { rows, films };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, films } = await buildDemo();
  const gz = gzipSync(Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n'), { level: 9 });
  if (gz.length > LIMIT_BYTES) throw new Error(`demo corpus is ${gz.length} bytes, over the 5 MB limit`);
  writeFileSync(DEMO_FILE, gz);
  for (const [f, n] of films) console.log(`${String(n).padStart(5)}  ${f}`);
  console.log(`${rows.length} reviews of ${films.size} films, ${gz.length} bytes → ${DEMO_FILE}`);
}
