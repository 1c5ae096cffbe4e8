/**
 * Builds the film index shipped in models/films/ from ../shared/data/films/wikipedia_films.jsonl.gz (Wikipedia,
 * CC BY-SA 4.0): per film its page key, title, year, title keys, genres, series and order, directors, writers,
 * studios, cast in billing order and the "A as B" pairs the lead states (train/film-extract.ts reads the leads).
 * The format is described in models/films/README.md. Deterministic: the same data give the same bytes.
 *
 * Run: node train/film-index.ts   (or npm run train -- films)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { titleAliases, titleKey } from '../src/analyze/entities/titles.ts';
import { FILM_INDEX_FORMAT, RELATIONS, type FilmIndexData } from '../src/analyze/entities/film-index.ts';
import { dataFile, readJsonlGz } from '../src/node/data.ts';
import { MODELS_DIR } from '../src/node/load-model.ts';
import { parseExtract, type ExtractFacts } from './film-extract.ts';

export const FILM_INDEX_FILE = 'films/films.v1.json';
const SOURCE = 'films/wikipedia_films.jsonl.gz';

interface Row {
  title: string;
  year: number;
  cast: string[];
  genres: string[];
  href: string | null;
  extract: string | null;
}

interface Film {
  row: Row;
  facts: ExtractFacts;
  key: string;
  series: string | null;
  order: number | null;
  previous: number;
}

/**
 * One entry per person: "Robert Downey Jr" and "Robert Downey Jr." are one, and so, within one film's credits, are
 * "Charles Chaplin" and "Charlie Chaplin" (the same surname, given names alike in their first three letters). The
 * first spelling is kept.
 */
function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = n.toLowerCase().replace(/[.,]/g, '').replace(/\s+/g, ' ');
    const words = k.split(' ');
    const alike = words.length >= 2 && words[0]!.length >= 3 ? `${words[0]!.slice(0, 3)}… ${words[words.length - 1]}` : null;
    if (seen.has(k) || (alike !== null && seen.has(alike))) return false;
    seen.add(k);
    if (alike !== null) seen.add(alike);
    return true;
  });
}

/** Trailing notes of a credit cell: "David Powell (actor)", "Melanie Wistar (Screenplay)", "Jim Wood (cast)". */
const CREDIT_NOTE = /\s*\((?:[^()]*\b(?:actor|actress|writers?|screenwriters?|screenplay|screenpaly|teleplay|narrator|cast|director|singer|musician|producer|voice|uncredited)\b[^()]*)\)\s*$/i;
/** An award before a name: "Academy Award-winner Lewis Milestone". */
const AWARD_PREFIX = /^(?:Academy Award|Oscar|Emmy|Golden Globe|Tony|Grammy)[- ](?:winning|winner|nominated|nominee)\s+/i;
/** Runs the leads and cast cells hold that are no person: awards, institutions, shows, groups of musicians. */
const NOT_A_PERSON = /\b(?:Award|Awards|Academy Awards?|Oscars|Orchestra|Opera|Symphony|Philharmonic|Idol|Saturday Night Live|Peas|Choir|Society|University|College|Institute|Association|Foundation|Museum|Olympics?)\b/;
/** Nationalities and origins the leads put before a name ("Puerto Rican singer Chayanne"); alone they are no one. */
const ORIGIN = new Set(['american', 'african american', 'asian american', 'puerto rican', 'mexican american', 'native american', 'british', 'english', 'canadian', 'australian', 'french', 'italian', 'german', 'irish', 'scottish', 'japanese', 'chinese', 'korean', 'indian', 'mexican', 'spanish', 'swedish', 'danish', 'norwegian', 'russian', 'brazilian', 'latino', 'latina']);
/** Lower-case words a name may hold (particles); any other makes a run a description ("A year in the life of …"). */
const NAME_PARTICLES = new Set(['de', 'van', 'von', 'da', 'di', 'le', 'la', 'du', 'del', 'della', 'dos', 'das', 'do', 'der', 'den', 'ter', 'ten', 'los', 'las', 'aus', 'zu', 'af', 'bin', 'ibn', 'al', 'el', 'y', 'e', 'st.']);

/**
 * A credited name as the index keeps it, or null when the run is no person. Notes, link brackets and labels are
 * cut ("Dir.: Steve Asquith" → Steve Asquith); awards, institutions, origins and descriptions are dropped, so that
 * the people table, which the analyser reads as known names, holds people.
 */
export function personName(raw: string): string | null {
  let s = raw.replace(/\[\[|\]\]/g, '').replace(CREDIT_NOTE, '').replace(/^(?:Dir|Cast|Starring|Director|Writer)s?\.?:\s*/i, '').replace(AWARD_PREFIX, '').trim();
  const origin = /^(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?) (?=\p{Lu})/u.exec(s);
  if (origin && ORIGIN.has(origin[1]!.toLowerCase()) && s.split(' ').length > 2) s = s.slice(origin[0].length);
  if (s === '' || /[:[\]=(){}|<>]/.test(s) || ORIGIN.has(s.toLowerCase()) || NOT_A_PERSON.test(s)) return null;
  const words = s.replace(/"[^"]*"/g, '').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 5) return null;
  // A lower-case word is a particle, an elided or joined one ("d'Abo", "deWilde"), "will.i.am", or the "the" of an
  // epithet ("Cedric the Entertainer"); "and" joins two people ("Cole and Dylan Sprouse"), which are no one name.
  const inName = (w: string, k: number): boolean => NAME_PARTICLES.has(w) || /^\p{Ll}+['’]?\p{Lu}|\p{L}\.\p{L}/u.test(w) || (w === 'the' && k > 0 && k < words.length - 1);
  if (words.some((w, k) => /^\p{Ll}/u.test(w) && !inName(w, k))) return null;
  return s;
}

/** The extract's people and the row's cast cells through `personName`; a role keeps its pair only with a person. */
function cleanPeople(row: Row, facts: ExtractFacts): { cast: string[]; facts: ExtractFacts } {
  // The film's own title is no one ("Directed by Fernando Trueba, Two Much stars …").
  const title = row.title.toLowerCase();
  const person = (x: string): string | null => {
    const p = personName(x);
    return p === null || p.toLowerCase() === title ? null : p;
  };
  const people = (xs: string[]): string[] => xs.map(person).filter((p): p is string => p !== null);
  return {
    cast: people(row.cast),
    facts: {
      ...facts,
      cast: people(facts.cast),
      directors: people(facts.directors),
      writers: people(facts.writers),
      authors: people(facts.authors),
      roles: facts.roles.flatMap(([a, c]) => {
        const p = person(a);
        return p === null ? [] : [[p, c] as [string, string]];
      }),
    },
  };
}

/** Names that present a film in its title without a credit the lead states ("Bram Stoker's Dracula"). */
const PRESENTERS = new Set(['disney', 'walt disney', 'tyler perry', 'dr. seuss', 'bram stoker', 'mary shelley', 'tim burton', 'john carpenter', 'wes craven', 'clive barker', 'stephen king', 'jim henson', 'national lampoon', 'tom clancy', 'neil simon', 'william shakespeare', 'shakespeare', 'jules verne', 'h. g. wells', 'edgar allan poe', 'dario argento', 'kevin smith', 'spike lee', 'george a. romero', 'rob zombie', 'ridley scott', 'the muppets', 'pixar', 'dreamworks', 'marvel', 'barbie']);

const ROMAN: Record<string, number> = { ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10, xi: 11, xii: 12 };

/** Read, parse and resolve every film with a page key. */
export async function readFilms(path = dataFile(SOURCE)): Promise<Film[]> {
  const films: Film[] = [];
  for await (const row of readJsonlGz<Row>(path)) {
    if (!row.href) continue;
    const { cast, facts } = cleanPeople(row, row.extract ? parseExtract(row.extract, row.title, row.cast) : EMPTY_FACTS);
    // The article's year is the film's: a list row of a re-release ("Finding Nemo 3D", 2012) is the 2003 film.
    const year = facts.year !== null && Math.abs(facts.year - row.year) <= 12 ? facts.year : row.year;
    films.push({ row: { ...row, year, cast }, facts, key: titleKey(row.title), series: facts.series, order: facts.order, previous: -1 });
  }
  resolve(films);
  return films;
}

const EMPTY_FACTS: ExtractFacts = { year: null, directors: [], writers: [], studios: [], cast: [], roles: [], authors: [], series: null, order: null, relation: null, previous: null, related: null };

/** The film a lead names ("John Wick (2014)"): same title (or key), its year when given, else the latest before. */
function finder(films: Film[]): (t: { title: string; year: number | null }, before: number) => number {
  const byTitle = new Map<string, number[]>();
  const byKey = new Map<string, number[]>();
  films.forEach((f, i) => {
    const bare = /^(.+?)\s+(?:in\s+)?(?:IMAX\s+)?3D$|^(.+?)\s*\([^)]*\)$/.exec(f.row.title);
    const keys: [Map<string, number[]>, string][] = [[byTitle, f.row.title.toLowerCase()], [byKey, f.key]];
    if (bare) keys.push([byKey, titleKey(bare[1] ?? bare[2]!)]);
    for (const [m, k] of keys) {
      const l = m.get(k);
      if (l) l.push(i);
      else m.set(k, [i]);
    }
  });
  return (t, before) => {
    const c = byTitle.get(t.title.toLowerCase()) ?? byKey.get(titleKey(t.title)) ?? [];
    let best = -1;
    for (const i of c) {
      const y = films[i]!.row.year;
      if (t.year !== null ? Math.abs(y - t.year) <= 1 && (best < 0 || Math.abs(y - t.year) < Math.abs(films[best]!.row.year - t.year)) : y <= before && (best < 0 || y > films[best]!.row.year)) best = i;
    }
    return best;
  };
}

/** Series and order through the films a lead names: a sequel is in its predecessor's series, one after it. */
function resolve(films: Film[]): void {
  const find = finder(films);
  const related = films.map((f, i) => {
    const p = f.facts.previous ? find(f.facts.previous, f.row.year) : -1;
    f.previous = p === i ? -1 : p;
    const r = f.facts.related ? find(f.facts.related, 9999) : -1;
    return r === i ? -1 : r;
  });
  // The first film of a series names no series: its sequels' series is its title.
  const seriesOf = (i: number, depth = 0): string | null => {
    const f = films[i]!;
    if (f.series || depth > 40) return f.series;
    const up = f.previous >= 0 ? f.previous : related[i]!;
    if (up >= 0) return seriesOf(up, depth + 1) ?? mainTitle(films[up]!.row.title);
    return null;
  };
  const orderOf = (i: number, depth = 0): number | null => {
    const f = films[i]!;
    if (f.facts.order !== null || depth > 40) return f.facts.order;
    if (f.previous >= 0) {
      const o = orderOf(f.previous, depth + 1);
      return o === null ? (films[f.previous]!.previous < 0 && films[f.previous]!.facts.relation === null ? 2 : null) : o + 1;
    }
    return null;
  };
  const series = films.map((_, i) => seriesOf(i));
  const orders = films.map((_, i) => orderOf(i));
  films.forEach((f, i) => {
    f.series = series[i]!;
    f.order = orders[i]!;
    // "Toy Story 4" in the Toy Story series is number 4 when the lead does not count.
    const n = /\s(\d{1,2})$/.exec(f.key);
    if (f.series && f.order === null && n && f.facts.relation !== 'spin-off') f.order = Number(n[1]);
  });
  // A first film that its sequels name gets the series and number 1.
  films.forEach((f, i) => {
    if (f.previous < 0 || !f.series) return;
    const p = films[f.previous]!;
    if (!p.series && p.previous < 0) {
      p.series = f.series;
      if (p.order === null && (f.order === 2 || orders[i] === 2)) p.order = 1;
    }
  });
}

function mainTitle(title: string): string {
  return title.replace(/\s+(?:in\s+)?(?:IMAX\s+)?3D$|\s*\([^)]*\)$/, '').split(/\s*[:–—]\s+|\s+-\s+/)[0]!.replace(/\s+(?:\d{1,2}|II|III|IV|Part \w+)$/, '');
}

const EDITION = /^(.+?)(?::\s+|\s+[–—-]\s+)(?:The\s+)?(?:IMAX(?:\s+3D)?\s+Experience|Special\s+Edition|Extended\s+Edition|Director['’]s\s+Cut|Re-?released\s+in\s+3-?D|\d+(?:st|nd|rd|th)\s+Anniversary(?:\s+Edition)?)$/iu;

/** Other keys a film is known by: the subtitle, "series N", a Roman numeral as a number ("Fast X" → "fast 10"). */
function aliasesOf(f: Film): string[] {
  const out = new Set(titleAliases(f.row.title));
  if (f.series && f.order !== null && f.order > 1 && f.order <= 30 && f.facts.relation !== 'spin-off') out.add(titleKey(`${f.series} ${f.order}`));
  const roman = /^(.*\S)\s+([ivx]+)$/.exec(f.key);
  if (roman && ROMAN[roman[2]!]) {
    out.add(`${roman[1]} ${ROMAN[roman[2]!]}`);
    if (f.series) out.add(titleKey(`${f.series} ${ROMAN[roman[2]!]}`));
  }
  // "Tim Burton's The Nightmare Before Christmas", "Disney's The Kid": the title without its presenter.
  const poss = /^(.+?)['’]s?\s+(\p{Lu}.*)$/u.exec(f.row.title);
  if (poss) {
    const owner = poss[1]!.toLowerCase();
    const credited = [...f.facts.directors, ...f.facts.writers, ...f.facts.studios].some((p) => p.toLowerCase() === owner || p.toLowerCase().split(' ').pop() === owner.split(' ').pop());
    if (credited || PRESENTERS.has(owner)) out.add(titleKey(poss[2]!));
  }
  // "The Nightmare Before Christmas (3D re-release)", "Donnie Darko (Director's Cut) (re-release)": the title
  // without its notes in brackets.
  const note = /^(.+?)(?:\s*\([^)]*\))+$/.exec(f.row.title);
  if (note) out.add(titleKey(note[1]!));
  // "Raiders of the Lost Ark: The IMAX Experience", "Avatar: Special Edition": an edition of the film re-released.
  // (Its subtitle names no film: no alias "special edition".)
  const edition = EDITION.exec(f.row.title);
  if (edition) {
    out.add(titleKey(edition[1]!));
    out.delete(titleKey(f.row.title.slice(edition[1]!.length).replace(/^\s*[:–—-]\s*/u, '')));
  }
  // "Finding Nemo 3D": a re-release listed under the original's article.
  const threeD = /^(.+?)\s+(?:in\s+)?(?:IMAX\s+)?3D$/.exec(f.row.title);
  if (threeD) out.add(titleKey(threeD[1]!));
  out.delete(f.key);
  return [...out].filter((k) => k.length > 1).sort();
}

/** Columnar, interned form of the films (the format of models/films/README.md). */
export function encodeIndex(films: Film[]): FilmIndexData {
  const tables = { people: new Map<string, number>(), genres: new Map<string, number>(), studios: new Map<string, number>(), series: new Map<string, number>() };
  const count = (m: Map<string, number>, s: string): void => void m.set(s, (m.get(s) ?? 0) + 1);
  const castOf = (f: Film): string[] => dedupe([...f.row.cast.map((c) => c.trim()).filter((c) => /^(?:\p{Lu}|(?:de|van|von|da|di|le|la|du|del|dos)\s)/u.test(c) && !/^voices?\b/i.test(c)), ...f.facts.cast, ...f.facts.roles.map(([a]) => a)]);
  // "Lasseter" in "story by Lasseter, Stanton, Pete Docter" is John Lasseter, credited in full elsewhere.
  for (const f of films) {
    const full = [...castOf(f), ...f.facts.directors, ...f.facts.writers].filter((p) => p.includes(' '));
    const bySurname = new Map<string, string | null>();
    for (const p of full) {
      const sn = p.split(' ').pop()!;
      bySurname.set(sn, bySurname.has(sn) && bySurname.get(sn) !== p ? null : p);
    }
    // The surname alone stands for the full name credited elsewhere in the lead (when only one person has it).
    const expand = (p: string): string => (p.includes(' ') ? p : (bySurname.get(p) ?? p));
    f.facts.directors = dedupe(f.facts.directors.map(expand));
    f.facts.writers = dedupe(f.facts.writers.map(expand));
  }
  for (const f of films) {
    for (const p of [...castOf(f), ...f.facts.directors, ...f.facts.writers]) count(tables.people, p);
    for (const g of f.row.genres) count(tables.genres, g);
    for (const s of f.facts.studios) count(tables.studios, s);
    if (f.series) count(tables.series, f.series);
  }
  // Most frequent first: small numbers for the names that recur.
  const order = (m: Map<string, number>): string[] => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s);
  const lists = { people: order(tables.people), genres: order(tables.genres), studios: order(tables.studios), series: order(tables.series) };
  const ids = Object.fromEntries(Object.entries(lists).map(([k, l]) => [k, new Map(l.map((s, i) => [s, i]))])) as Record<keyof typeof lists, Map<string, number>>;
  const data: FilmIndexData = {
    format: FILM_INDEX_FORMAT,
    source: 'Wikipedia contributors, CC BY-SA 4.0 (see models/films/README.md)',
    count: films.length,
    people: lists.people,
    genres: lists.genres,
    studios: lists.studios,
    seriesNames: lists.series,
    id: [], title: [], year: [], key: [], aliases: [], genre: [], series: [], order: [], relation: [], previous: [], directors: [], writers: [], studio: [], cast: [], roles: [], authors: [],
  };
  for (const f of films) {
    const id = f.row.href!;
    // The page key is the title with underscores for most films: "" stands for that.
    data.id.push(id === f.row.title.replace(/ /g, '_') ? '' : id);
    data.title.push(f.row.title);
    data.year.push(f.row.year);
    data.key.push(f.key === f.row.title.toLowerCase() ? '' : f.key);
    data.aliases.push(aliasesOf(f).join('|'));
    data.genre.push(f.row.genres.map((g) => ids.genres.get(g)!));
    data.series.push(f.series ? ids.series.get(f.series)! : -1);
    data.order.push(f.order ?? 0);
    data.relation.push(f.facts.relation ? RELATIONS.indexOf(f.facts.relation) : -1);
    data.previous.push(f.previous);
    data.directors.push(f.facts.directors.map((p) => ids.people.get(p)!));
    data.writers.push(f.facts.writers.map((p) => ids.people.get(p)!));
    data.studio.push(f.facts.studios.map((s) => ids.studios.get(s)!));
    const cast = castOf(f);
    data.cast.push(cast.map((p) => ids.people.get(p)!));
    // [cast position, character] pairs, flattened.
    data.roles.push(f.facts.roles.flatMap(([a, c]) => [cast.indexOf(a), c]));
    data.authors!.push(f.facts.authors.join('|'));
  }
  return data;
}

/** Writes models/films/films.v1.json and its MANIFEST.json entry; returns a summary. */
export async function buildFilmIndex(log: (s: string) => void = console.error): Promise<Record<string, number>> {
  const films = await readFilms();
  const data = encodeIndex(films);
  const text = `${JSON.stringify(data)}\n`;
  mkdirSync(`${MODELS_DIR}films`, { recursive: true });
  writeFileSync(`${MODELS_DIR}${FILM_INDEX_FILE}`, text);
  const bytes = Buffer.byteLength(text);
  const summary = {
    films: films.length,
    withDirector: films.filter((f) => f.facts.directors.length).length,
    withSeries: films.filter((f) => f.series).length,
    withRoles: films.filter((f) => f.facts.roles.length).length,
    withAuthors: films.filter((f) => f.facts.authors.length).length,
    people: data.people.length,
    bytes,
  };
  log(`film index: ${JSON.stringify(summary)}`);
  updateManifest(text, summary);
  return summary;
}

/** Adds (or replaces) the film index's entry in models/MANIFEST.json, leaving every other entry as it is. */
function updateManifest(text: string, summary: Record<string, number>): void {
  const path = `${MODELS_DIR}MANIFEST.json`;
  const manifest = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  const files = (manifest.files ?? {}) as Record<string, unknown>;
  files[FILM_INDEX_FILE] = {
    sha256: createHash('sha256').update(text).digest('hex'),
    bytes: Buffer.byteLength(text),
    what: `film index: ${summary.films} films from Wikipedia (CC BY-SA 4.0, models/films/README.md): ids, titles, years, title keys, genres, series and order, directors, writers, studios, cast, roles; built by node train/film-index.ts from ../shared/data/${SOURCE}`,
  };
  manifest.files = files;
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildFilmIndex();
