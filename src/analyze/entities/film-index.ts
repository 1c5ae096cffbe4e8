/**
 * @module The film index (models/films/, built by train/film-index.ts from Wikipedia, CC BY-SA 4.0) and linking
 * a review to it. Pure: the index arrives as parsed data (the loader in src/node reads the file); `linkFilm`
 * chooses the index film a review judges from its title mentions, the years it writes and the people it names,
 * and links those people to the film's cast and crew.
 */
import { titleAliases, titleKey } from './titles.ts';

export const FILM_INDEX_FORMAT = 'verdict-films/1';
export const RELATIONS = ['sequel', 'prequel', 'spin-off', 'installment', 'remake', 'reboot'] as const;
export type SeriesRelation = (typeof RELATIONS)[number];

/**
 * The file's data: tables of strings, then one column per field with one entry per film (models/films/README.md).
 * People, genres, studios and series are numbers into their tables.
 */
export interface FilmIndexData {
  format: string;
  source: string;
  count: number;
  people: string[];
  genres: string[];
  studios: string[];
  seriesNames: string[];
  /** Wikipedia page key; "" when it is the title with spaces as underscores. */
  id: string[];
  title: string[];
  year: number[];
  /** `titleKey(title)`; "" when it is the lower-cased title. */
  key: string[];
  /** Other title keys, "|"-separated ("" when none). */
  aliases: string[];
  genre: number[][];
  /** Number into seriesNames, -1 when none. */
  series: number[];
  /** Position in the series, 0 when unknown. */
  order: number[];
  /** Number into RELATIONS, -1 when none. */
  relation: number[];
  /** Row of the film this one follows, -1 when none. */
  previous: number[];
  directors: number[][];
  writers: number[][];
  studio: number[][];
  /** People in billing order. */
  cast: number[][];
  /** Flattened [position in cast, character] pairs. */
  roles: (number | string)[][];
  /**
   * Authors of the work the film is based on ("based on the novel by Jane Austen"), "|"-separated ("" when none):
   * names as written, outside the people table (they are no film credit). Absent from files made before them.
   */
  authors?: string[];
}

export interface IndexFilm {
  /** Wikipedia page key, the film's id: "Ballerina_(2025_film)". */
  id: string;
  row: number;
  title: string;
  year: number;
  key: string;
  aliases: string[];
  genres: string[];
  series: { name: string; order: number | null; relation: SeriesRelation | null; previous: string | null } | null;
  directors: string[];
  writers: string[];
  studios: string[];
  cast: { name: string; character?: string }[];
}

export interface FilmIndex {
  readonly size: number;
  /** Rows of the films with this title key (title or alias). */
  rowsForKey(key: string): readonly number[];
  film(row: number): IndexFilm;
  /** Row of the film with this id, -1 when none. */
  rowOf(id: string): number;
  /** Rows of the films in this row's series, by order then year. */
  seriesRows(row: number): readonly number[];
  /** Rows (ascending, each once) of the films that credit this person (cast, director, writer), by full name (accents and case aside). */
  rowsForPerson(name: string): readonly number[];
  /** The same by the name's `nameTokens` joined with spaces (a name already split). */
  rowsForPersonKey(key: string): readonly number[];
  /** How many films of the index follow this one (sequels naming it). */
  followers(row: number): number;
  /** The film's people with their roles and name tokens (made once per film). */
  credits(row: number): readonly FilmCredit[];
  /** Every person the index credits (its name table). */
  personNames(): readonly string[];
  /** Whether some person the index credits has this surname (lower case, accents aside). */
  hasSurname(word: string): boolean;
  /** Whether some person's name, of one word or more, ends in this token (`nameTokens` form: "hanks", "madonna"). */
  hasLastToken(token: string): boolean;
  /** The film's title (without making the whole film). */
  titleOf(row: number): string;
  /** Authors of the work the film is based on, as the lead names them. */
  authorsOf(row: number): readonly string[];
  /** The characters the film's cast list names. */
  charactersOf(row: number): readonly string[];
  /** The words (longer than two letters) of the characters the film's cast list names, made once per film. */
  characterWords(row: number): readonly string[];
  /**
   * The title's first word as a text's capitalised words are compared (a trailing "'s" or "'" dropped), when it
   * is a capitalised word; "" when it is not (a number, a lower-case word); null when the title is one character.
   */
  titleLead(row: number): string | null;
  /** Rows (ascending) of the films that credit someone of this surname (`nameTokens` form, lower case). */
  rowsForSurname(surname: string): readonly number[];
}

export interface FilmCredit {
  name: string;
  tokens: string[];
  /** The tokens joined with spaces (`rowsForPersonKey`'s key). */
  key: string;
  roles: LinkedRole[];
  character?: string;
}

const NONE: readonly string[] = Object.freeze([]);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function fail(msg: string): never {
  throw new Error(`film index: ${msg}`);
}

const NO_ROWS: readonly number[] = Object.freeze([]);

/**
 * The people tables: each person's name key (`nameTokens` joined) and surname (the last of two or more tokens),
 * numbered once, and the rows (ascending, each once) that credit someone of that key or surname, flat: the rows
 * of key k are `keyRows[keyStart[k] .. keyStart[k + 1])`. One pass over the people (each name keyed once), then
 * two over the credits (count, fill), walked by number.
 */
interface PeopleTables {
  keyId: Map<string, number>;
  keyStart: Int32Array;
  keyRows: Int32Array;
  /** Each key's rows as a list, made on first ask and kept (callers read them per review). */
  keyLists: (readonly number[] | undefined)[];
  surnameId: Map<string, number>;
  surnameStart: Int32Array;
  surnameRows: Int32Array;
  surnameLists: (readonly number[] | undefined)[];
}

function buildPeopleTables(d: FilmIndexData): PeopleTables {
  const k = keyPeople(d.people);
  const [keyStart, keyRows] = rowLists(d, k.keyOf, k.keyId.size);
  const [surnameStart, surnameRows] = rowLists(d, k.surnameOf, k.surnameId.size);
  return { keyId: k.keyId, keyStart, keyRows, keyLists: [], surnameId: k.surnameId, surnameStart, surnameRows, surnameLists: [] };
}

/** Each person's key and surname, numbered (surname -1: a one-word name). */
function keyPeople(people: readonly string[]): { keyOf: Int32Array; surnameOf: Int32Array; keyId: Map<string, number>; surnameId: Map<string, number> } {
  const keyOf = new Int32Array(people.length);
  const surnameOf = new Int32Array(people.length).fill(-1);
  const keyId = new Map<string, number>();
  const surnameId = new Map<string, number>();
  for (let p = 0; p < people.length; p++) {
    const key = nameKey(people[p]!);
    let k = keyId.get(key);
    if (k === undefined) keyId.set(key, (k = keyId.size));
    keyOf[p] = k;
    const sp = key.lastIndexOf(' ');
    if (sp < 0) continue;
    const last = key.slice(sp + 1);
    let s = surnameId.get(last);
    if (s === undefined) surnameId.set(last, (s = surnameId.size));
    surnameOf[p] = s;
  }
  return { keyOf, surnameOf, keyId, surnameId };
}

/**
 * The rows crediting each group of people (`groupOf[person]`, -1: none), flat: starts and rows. Rows walked in
 * order, so each group's rows are ascending, a row counted once however many of its credits fall in the group.
 */
function rowLists(d: FilmIndexData, groupOf: Int32Array, groups: number): [Int32Array, Int32Array] {
  const start = groupStarts(d, groupOf, groups);
  return [start, groupRows(d, groupOf, start)];
}

/** Each group's first slot in the flat rows (and the total at the end): the counts, summed. */
function groupStarts(d: FilmIndexData, groupOf: Int32Array, groups: number): Int32Array {
  const start = new Int32Array(groups + 1);
  const lastRow = new Int32Array(groups).fill(-1);
  for (let r = 0; r < d.count; r++) {
    countRow(d.directors[r]!, r, groupOf, lastRow, start);
    countRow(d.writers[r]!, r, groupOf, lastRow, start);
    countRow(d.cast[r]!, r, groupOf, lastRow, start);
  }
  // Counts (at g + 1) to starts.
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  return start;
}

/** The flat rows: each group's next free slot, which the fill moves on to the group's end. */
function groupRows(d: FilmIndexData, groupOf: Int32Array, start: Int32Array): Int32Array {
  const groups = start.length - 1;
  const rows = new Int32Array(start[groups]!);
  const next = start.slice(0, groups);
  const lastRow = new Int32Array(groups).fill(-1);
  for (let r = 0; r < d.count; r++) {
    fillRow(d.directors[r]!, r, groupOf, lastRow, next, rows);
    fillRow(d.writers[r]!, r, groupOf, lastRow, next, rows);
    fillRow(d.cast[r]!, r, groupOf, lastRow, next, rows);
  }
  return rows;
}

function countRow(col: readonly number[], r: number, groupOf: Int32Array, lastRow: Int32Array, start: Int32Array): void {
  for (let j = 0; j < col.length; j++) {
    const g = groupOf[col[j]!]!;
    if (g < 0 || lastRow[g] === r) continue;
    lastRow[g] = r;
    start[g + 1]!++;
  }
}

function fillRow(col: readonly number[], r: number, groupOf: Int32Array, lastRow: Int32Array, next: Int32Array, rows: Int32Array): void {
  for (let j = 0; j < col.length; j++) {
    const g = groupOf[col[j]!]!;
    if (g < 0 || lastRow[g] === r) continue;
    lastRow[g] = r;
    rows[next[g]!++] = r;
  }
}

/** Rows of group k of a flat table, as a list made once (frozen: callers share it). */
function rowsOfGroup(start: Int32Array, rows: Int32Array, lists: (readonly number[] | undefined)[], k: number | undefined): readonly number[] {
  if (k === undefined || start[k] === start[k + 1]) return NO_ROWS;
  return (lists[k] ??= Object.freeze(Array.from(rows.subarray(start[k]!, start[k + 1]!))));
}

/** The film's people with their roles, each once (directors, writers, then the cast in billing order). */
function filmCredits(d: FilmIndexData, tokensOf: (string[] | undefined)[], i: number): FilmCredit[] {
  const m = new Map<number, FilmCredit>();
  for (const p of d.directors[i]!) putCredit(m, d, tokensOf, p, 'director', undefined);
  for (const p of d.writers[i]!) putCredit(m, d, tokensOf, p, 'writer', undefined);
  const roles = d.roles[i]!;
  const character = new Map<number, string>();
  for (let k = 0; k + 1 < roles.length; k += 2) if (!character.has(roles[k] as number)) character.set(roles[k] as number, roles[k + 1] as string);
  const cast = d.cast[i]!;
  for (let k = 0; k < cast.length; k++) putCredit(m, d, tokensOf, cast[k]!, 'cast', character.get(k));
  return [...m.values()];
}

function putCredit(m: Map<number, FilmCredit>, d: FilmIndexData, tokensOf: (string[] | undefined)[], p: number, role: LinkedRole, character: string | undefined): void {
  let e = m.get(p);
  if (!e) {
    const tokens = (tokensOf[p] ??= nameTokens(d.people[p]!));
    // (Every credit has the same fields: `character` undefined until the cast list names one.)
    e = { name: d.people[p]!, tokens, key: tokens.join(' '), roles: [], character: undefined };
    m.set(p, e);
  }
  if (!e.roles.includes(role)) e.roles.push(role);
  if (character && !e.character) e.character = character;
}

/** Rows by title key: each film's key (or lower-cased title) and aliases. */
function keyIndex(d: FilmIndexData): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < d.count; i++) {
    addKey(byKey, d.key[i] || d.title[i]!.toLowerCase(), i);
    const a = d.aliases[i]!;
    if (a) for (const k of a.split('|')) addKey(byKey, k, i);
  }
  return byKey;
}

function addKey(byKey: Map<string, number[]>, k: string, i: number): void {
  const l = byKey.get(k);
  if (!l) byKey.set(k, [i]);
  else if (l[l.length - 1] !== i) l.push(i);
}

/** Validate and index the film index's data (the parsed JSON, or its text). */
export function parseFilmIndex(input: unknown): FilmIndex {
  const d = (typeof input === 'string' ? JSON.parse(input) : input) as FilmIndexData;
  if (typeof d !== 'object' || d === null || d.format !== FILM_INDEX_FORMAT) fail(`expected format ${FILM_INDEX_FORMAT}`);
  const n = d.count;
  for (const col of ['id', 'title', 'year', 'key', 'aliases', 'genre', 'series', 'order', 'relation', 'previous', 'directors', 'writers', 'studio', 'cast', 'roles'] as const) {
    if (!Array.isArray(d[col]) || d[col].length !== n) fail(`column ${col} must have ${n} entries`);
  }
  if (d.authors !== undefined && (!Array.isArray(d.authors) || d.authors.length !== n)) fail(`column authors must have ${n} entries`);
  const byKey = keyIndex(d);
  let byId: Map<string, number> | null = null;
  let people: PeopleTables | null = null;
  const peopleTables = (): PeopleTables => (people ??= buildPeopleTables(d));
  let leads: (string | null)[] | null = null;
  // Rows whose cast list names a character (few): a bit each, so that the people route need not read the roles.
  const withRoles = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (d.roles[i]!.length) withRoles[i] = 1;
  const wordsOf = new Map<number, readonly string[]>();
  // How many films name this one as the film they follow: the original of a remade title is the one sequels cite.
  const followers = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (d.previous[i]! >= 0 && d.previous[i]! < n) followers[d.previous[i]!]!++;
  // Films and credit lists are made on first use and kept: a server links many reviews to the same films.
  const films: (IndexFilm | undefined)[] = new Array<IndexFilm | undefined>(n);
  const creditLists: (FilmCredit[] | undefined)[] = new Array<FilmCredit[] | undefined>(n);
  const tokensOf: (string[] | undefined)[] = new Array<string[] | undefined>(d.people.length);
  let bySeries: Map<number, number[]> | null = null;
  const idOf = (i: number): string => d.id[i] || d.title[i]!.replace(/ /g, '_');
  const names = (xs: number[]): string[] => xs.map((p) => d.people[p]!);
  const api: FilmIndex = {
    size: n,
    rowsForKey: (key) => byKey.get(key) ?? NO_ROWS,
    personNames: () => d.people,
    titleOf: (i) => d.title[i]!,
    authorsOf(i) {
      const a = d.authors?.[i];
      return a ? a.split('|') : NONE;
    },
    charactersOf(i) {
      const roles = d.roles[i]!;
      if (!roles.length) return NONE;
      const out: string[] = [];
      for (let k = 1; k < roles.length; k += 2) out.push(roles[k] as string);
      return out;
    },
    characterWords(i) {
      if (withRoles[i] !== 1) return NONE;
      let w = wordsOf.get(i);
      if (!w) wordsOf.set(i, (w = api.charactersOf(i).flatMap((c) => c.split(/\s+/).filter((x) => x.length > 2))));
      return w;
    },
    titleLead(i) {
      if (!leads) {
        // Built on first use: only the people route asks, for each film of the people a review names.
        leads = new Array<string | null>(n);
        for (let r = 0; r < n; r++) {
          const t = d.title[r]!;
          const sp = t.indexOf(' ');
          const first = sp < 0 ? t : t.slice(0, sp);
          leads[r] = t.length <= 1 ? null : /^\p{Lu}[\p{L}'’-]*$/u.test(first) ? stripPossessive(first) : '';
        }
      }
      return leads[i]!;
    },
    rowsForSurname(surname) {
      // Built on first use: only a review whose title is not in the index asks.
      const t = peopleTables();
      return rowsOfGroup(t.surnameStart, t.surnameRows, t.surnameLists, t.surnameId.get(surname));
    },
    hasSurname(word) {
      // (Only a title that may be a name asks.)
      return peopleTables().surnameId.has(nameTokens(word).join(' '));
    },
    hasLastToken(token) {
      // A surname, or a one-word name (its whole key).
      const t = peopleTables();
      return token !== '' && !token.includes(' ') && (t.surnameId.has(token) || t.keyId.has(token));
    },
    followers: (i) => followers[i] ?? 0,
    film(i) {
      if (!(i >= 0 && i < n)) fail(`no row ${i}`);
      const made = films[i];
      if (made) return made;
      const s = d.series[i]!;
      const cast: IndexFilm['cast'] = names(d.cast[i]!).map((name) => ({ name }));
      const roles = d.roles[i]!;
      for (let k = 0; k + 1 < roles.length; k += 2) {
        const c = cast[roles[k] as number];
        if (c && c.character === undefined) c.character = roles[k + 1] as string;
      }
      const rel = d.relation[i]!;
      return (films[i] = deepFreeze({
        id: idOf(i),
        row: i,
        title: d.title[i]!,
        year: d.year[i]!,
        key: d.key[i] || d.title[i]!.toLowerCase(),
        aliases: d.aliases[i] ? d.aliases[i]!.split('|') : [],
        genres: d.genre[i]!.map((g) => d.genres[g]!),
        series: s >= 0 ? { name: d.seriesNames[s]!, order: d.order[i] || null, relation: rel >= 0 ? RELATIONS[rel]! : null, previous: d.previous[i]! >= 0 ? idOf(d.previous[i]!) : null } : null,
        directors: names(d.directors[i]!),
        writers: names(d.writers[i]!),
        studios: d.studio[i]!.map((x) => d.studios[x]!),
        cast,
      }));
    },
    credits(i) {
      return (creditLists[i] ??= filmCredits(d, tokensOf, i));
    },
    rowOf(id) {
      if (!byId) {
        byId = new Map();
        for (let i = 0; i < n; i++) byId.set(idOf(i), i);
      }
      return byId.get(id) ?? -1;
    },
    rowsForPerson(name) {
      return api.rowsForPersonKey(nameTokens(name).join(' '));
    },
    rowsForPersonKey(key) {
      // Built on first use: only a review that names no film in the index needs it.
      const t = peopleTables();
      return rowsOfGroup(t.keyStart, t.keyRows, t.keyLists, t.keyId.get(key));
    },
    seriesRows(i) {
      if (!bySeries) {
        bySeries = new Map();
        for (let r = 0; r < n; r++) {
          const s = d.series[r]!;
          if (s < 0) continue;
          const l = bySeries.get(s);
          if (l) l.push(r);
          else bySeries.set(s, [r]);
        }
        for (const l of bySeries.values()) l.sort((a, b) => (d.order[a]! || 999) - (d.order[b]! || 999) || d.year[a]! - d.year[b]!);
      }
      return d.series[i]! >= 0 ? (bySeries.get(d.series[i]!) ?? []) : [];
    },
  };
  return api;
}

export type LinkedRole = 'cast' | 'director' | 'writer';

export interface PersonLink {
  /** The name as the review writes it ("Stahelski", "Angelica Huston"). */
  name: string;
  /** The name in the index ("Chad Stahelski", "Anjelica Huston"). */
  indexName: string;
  roles: LinkedRole[];
  character?: string;
  /** Id of the film the credit is on: the linked film, or another film of its series. */
  film: string;
  match: 'full' | 'surname';
}

export interface LinkQuery {
  /** The film's title as the review (or its metadata) gives it, then any other forms of it. */
  titles: readonly string[];
  /** Whether the text writes "the" before every mention of the first title ("the Cold War paranoia"). */
  theBefore?: boolean;
  /** How surely the text's reading gives the first title as the film (a weak one may be a reference). */
  titleConfidence?: number;
  /** Titles of other films the review refers to (they support candidates of their series). */
  references?: readonly string[];
  /** Years the review writes (1900–2030). */
  years?: readonly number[];
  /** People the review names, as written. */
  people?: readonly string[];
  /** The review's text: a film found through its people is surer when the text writes its title or characters. */
  text?: string;
  /** People the text says directed the film (as written): a film they directed is the likelier one. */
  directors?: readonly string[];
}

export type FilmLink =
  | {
      status: 'linked';
      /** 'title': the review's title named it; 'people': no title did, and the people it names are this film's. */
      by: 'title' | 'people';
      film: IndexFilm;
      confidence: number;
      /** The series and its films in order, when the index knows one. */
      series: { name: string; order: number | null; relation: SeriesRelation | null; previous: string | null; entries: { id: string; title: string; year: number; order: number | null }[] } | null;
      people: PersonLink[];
      /** The other films with the title, with their share of the choice. */
      alternatives: { id: string; title: string; year: number; share: number }[];
    }
  | { status: 'unlinked'; reason: 'no-title' | 'not-in-index' | 'no-match'; candidates: string[] };

const PARTICLES = new Set(['de', 'da', 'das', 'do', 'dos', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'la', 'le', 'du', 'bin', 'al', 'ten', 'ter', 'st']);

const PLAIN_NAME = /^[A-Za-z .-]*$/;

/** "Anjelica Huston" → ["anjelica", "huston"]; accents, stops and quoted nicknames dropped. */
export function nameTokens(name: string): string[] {
  // Plain ASCII names (most): nothing to normalise, strip or quote; the same split, without the regex passes.
  if (PLAIN_NAME.test(name)) return name.toLowerCase().split(/[ .]+/).filter((t) => t && !isSuffix(t));
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/["“”][^"“”]*["“”]/g, ' ')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}'’-]+/u)
    .filter((t) => t && !isSuffix(t));
}
const isSuffix = (t: string): boolean => t === 'jr' || t === 'sr' || t === 'ii' || t === 'iii';

const SUFFIX = /(?:^|[ .])(?:jr|sr|ii|iii)(?=[ .]|$)/;

/**
 * `nameTokens(name).join(' ')`, for a plain name without a suffix by one replace (no token array: the index's
 * tables key every person it credits).
 */
function nameKey(name: string): string {
  if (!PLAIN_NAME.test(name)) return nameTokens(name).join(' ');
  const lower = name.toLowerCase();
  return SUFFIX.test(lower) ? nameTokens(name).join(' ') : lower.replace(/[ .]+/g, ' ').trim();
}

/**
 * A full name's tokens in the index's spelling of its particle, when the index knows that form and not the one
 * written: reviewers write "Robert DeNiro" for Robert De Niro and "Leonardo Di Caprio" for Leonardo DiCaprio.
 */
export function indexTokens(index: FilmIndex, name: string): string[] {
  const t = nameTokens(name);
  if (t.length < 2 || index.rowsForPersonKey(t.join(' ')).length) return t;
  const last = t[t.length - 1]!;
  const prev = t[t.length - 2]!;
  const head = t.slice(0, -2);
  // "di caprio" → "dicaprio"
  if (PARTICLES.has(prev)) {
    const joined = [...head, prev + last];
    return index.rowsForPersonKey(joined.join(' ')).length ? joined : t;
  }
  // "deniro" → "de niro"
  for (const p of PARTICLES) {
    if (last.length < p.length + 3 || !last.startsWith(p)) continue;
    const split = [...head, prev, p, last.slice(p.length)];
    if (index.rowsForPersonKey(split.join(' ')).length) return split;
  }
  return t;
}

/** How the review's name matches an index name: 2 full, 1 surname (with a matching initial if given), 0 none. */
function nameMatch(review: readonly string[], index: readonly string[]): 0 | 1 | 2 {
  if (!review.length || !index.length) return 0;
  // Surnames first: most pairs differ there, and a full match has the same surname.
  if (review[review.length - 1] !== index[index.length - 1]) return 0;
  if (review.length === index.length && review.every((t, i) => t === index[i])) return 2;
  // "Stahelski", "de Armas": a surname alone; "Angelica Huston" for "Anjelica Huston": surname and initial.
  const given = review.filter((t, i) => i < review.length - 1 && !PARTICLES.has(t));
  if (!given.length) return index.length > 1 ? 1 : 0;
  return given[0]![0] === index[0]![0] && index.length > 1 ? 1 : 0;
}

interface Scored {
  row: number;
  score: number;
  evidence: number;
  people: PersonLink[];
}

/** A credit a review's name matches: 2 in full, 1 by surname. */
interface CreditMatch {
  e: FilmCredit;
  m: 1 | 2;
}

/** The credit of a list the name tokens match best, unless a surname match is shared (it says nothing about which). */
function pickCredit(t: readonly string[], list: readonly FilmCredit[]): CreditMatch | null {
  let best: CreditMatch | null = null;
  let ties = 0;
  for (let j = 0; j < list.length; j++) {
    const e = list[j]!;
    const m = nameMatch(t, e.tokens);
    if (!m) continue;
    if (!best || m > best.m) {
      best = { e, m };
      ties = 0;
    } else if (m === best.m) ties++;
  }
  return best && (best.m === 2 || ties === 0) ? best : null;
}

/** Crew of the series' other films ("series director Chad Stahelski"): directors and writers only. */
function seriesCrew(index: FilmIndex, film: IndexFilm): { film: string; list: readonly FilmCredit[] }[] {
  const out: { film: string; list: readonly FilmCredit[] }[] = [];
  for (const r of index.seriesRows(film.row)) {
    if (r === film.row) continue;
    const list: FilmCredit[] = [];
    for (const e of index.credits(r)) if (e.roles.includes('director') || e.roles.includes('writer')) list.push(e);
    out.push({ film: index.film(r).id, list });
  }
  return out;
}

/** The people of the film (and of its series' films) the review names. */
function linkPeople(index: FilmIndex, film: IndexFilm, people: readonly string[], tokens: readonly string[][] = people.map(nameTokens), ownOnly = false): PersonLink[] {
  const out: PersonLink[] = [];
  const own = index.credits(film.row);
  let others: { film: string; list: readonly FilmCredit[] }[] | null = null;
  for (let k = 0; k < people.length; k++) {
    const t = tokens[k]!;
    if (!t.length) continue;
    let hit = pickCredit(t, own);
    let on = film.id;
    if (!hit && film.series && !ownOnly) {
      others ??= seriesCrew(index, film);
      for (const o of others) {
        hit = pickCredit(t, o.list);
        if (hit) {
          on = o.film;
          break;
        }
      }
    }
    if (hit) out.push(personLink(people[k]!, hit, on, on === film.id));
  }
  return out;
}

function personLink(name: string, hit: CreditMatch, film: string, own: boolean): PersonLink {
  // (Every link has the same fields: `character` undefined when none.)
  return { name, indexName: hit.e.name, roles: own ? hit.e.roles : hit.e.roles.filter((r) => r !== 'cast'), character: own && hit.e.character ? hit.e.character : undefined, film, match: hit.m === 2 ? 'full' : 'surname' };
}

/**
 * Choose the index film the review judges. A title key (or alias) gives the candidates; the people the review
 * names, the years it writes and the other films of the series it refers to choose among them.
 */
export function linkFilm(index: FilmIndex, q: LinkQuery): FilmLink {
  const tokens = (q.people ?? []).map((p) => indexTokens(index, p));
  const byTitle = linkByTitle(index, q, tokens);
  if (byTitle.status === 'linked') {
    // A weakly read title the people the review names do not back, and another film they settle: the title was most likely
    // a reference ("The Parent Trap" and Hayley Mills in a review of Deanna Durbin and Ray Milland's film).
    const own = byTitle.people.filter((p) => p.film === byTitle.film.id).length;
    if (own <= 1 && (q.titleConfidence ?? 1) < 0.7 && tokens.filter((t) => t.length >= 2).length >= 2) {
      const other = linkByPeople(index, q, tokens);
      if (other?.status === 'linked' && other.film.id !== byTitle.film.id && other.people.filter((p) => p.film === other.film.id && p.match === 'full').length >= 2) return other;
    }
    return byTitle;
  }
  return linkByPeople(index, q, tokens) ?? byTitle;
}

function linked(index: FilmIndex, by: 'title' | 'people', scored: Scored[], people: readonly string[], tokens: readonly string[][]): FilmLink & { status: 'linked' } {
  const best = scored[0]!;
  const film = index.film(best.row);
  let total = 0;
  for (const s of scored) total += Math.exp(s.score - best.score);
  const share = 1 / total;
  const confidence = Math.round(share * (1 - 0.5 * Math.exp(-best.evidence)) * 100) / 100;
  return {
    status: 'linked',
    by,
    film,
    confidence,
    series: film.series
      ? {
          ...film.series,
          entries: index.seriesRows(film.row).map((r) => {
            const e = index.film(r);
            return { id: e.id, title: e.title, year: e.year, order: e.series?.order ?? null };
          }),
        }
      : null,
    people: linkPeople(index, film, people, tokens),
    alternatives: scored.slice(1, 6).map((s) => {
      const e = index.film(s.row);
      return { id: e.id, title: e.title, year: e.year, share: Math.round(Math.exp(s.score - best.score) * share * 100) / 100 };
    }),
  };
}

/** `x.replace(/['’]s?$/, '')` without a regex (run on every capitalised word of a review). */
export function stripPossessive(x: string): string {
  const last = x.charCodeAt(x.length - 1);
  if (last === 39 || last === 0x2019) return x.slice(0, -1);
  if (last === 115 && x.length > 1) {
    const prev = x.charCodeAt(x.length - 2);
    if (prev === 39 || prev === 0x2019) return x.slice(0, -2);
  }
  return x;
}

/** Whether an ascending list holds x (binary search). */
function sortedHas(list: readonly number[], x: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Whether the text writes this name as a whole word, capitalised as given ("Cobb", "Gary Figgis"); as a surname,
 * not where it is the given name of someone else ("Douglas" of "Douglas Sirk" is not Lloyd C. Douglas).
 */
function writes(text: string, name: string, asSurname = false): boolean {
  let at = text.indexOf(name);
  while (at >= 0) {
    const end = at + name.length;
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    const after = end < text.length ? text.charCodeAt(end) : 32;
    const next = text.charCodeAt(end + 1);
    if (!isWordChar(before) && !isWordChar(after) && !(asSurname && after === 32 && next >= 65 && next <= 90)) return true;
    at = text.indexOf(name, at + 1);
  }
  return false;
}
const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 191;

/** Rows of the films of the people named in full, with how many of the names each credits (ascending rows). */
interface Candidates {
  rows: number[];
  counts: number[];
}

/**
 * Candidates: the films of the people named in full, with how many of the names they credit (a surname named
 * alone counts through the films of that surname). (Each list is ascending without repeats: their rows sorted
 * together, then counted by runs.)
 */
function peopleCandidates(index: FilmIndex, full: readonly string[], tokens: readonly string[][]): Candidates | null {
  let total = 0;
  const lists: (readonly number[])[] = [];
  for (const p of full) {
    const l = index.rowsForPersonKey(p);
    if (l.length) lists.push(l);
    total += l.length;
  }
  if (!total) return null;
  const all = new Int32Array(total);
  total = 0;
  for (const l of lists) for (let j = 0; j < l.length; j++) all[total++] = l[j]!;
  if (lists.length > 1) all.sort();
  const rows: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < all.length; k++) {
    if (k > 0 && all[k] === all[k - 1]) counts[counts.length - 1]!++;
    else {
      rows.push(all[k]!);
      counts.push(1);
    }
  }
  for (const s of new Set(tokens.filter((t) => t.length === 1).map((t) => t[0]!))) countSurname(index.rowsForSurname(s), rows, counts);
  return { rows, counts };
}

/** One more count for each candidate row in an ascending list of a surname's films. */
function countSurname(list: readonly number[], rows: readonly number[], counts: number[]): void {
  if (list.length <= rows.length) {
    // Both ascending: one walk.
    for (let a = 0, b = 0; a < rows.length && b < list.length; ) {
      if (rows[a]! < list[b]!) a++;
      else if (rows[a]! > list[b]!) b++;
      else {
        counts[a]!++;
        a++;
        b++;
      }
    }
  } else for (let a = 0; a < rows.length; a++) if (sortedHas(list, rows[a]!)) counts[a]!++;
}

/** What the people route reads of the review, made once per query; the text's capitalised words on first use. */
interface PeopleQuery {
  index: FilmIndex;
  q: LinkQuery;
  people: readonly string[];
  tokens: readonly string[][];
  years: Set<number>;
  text: string;
  directedBy: Set<string>;
  capitalSet: Set<string> | null;
}

/**
 * A word of a character's name written in the text, not only as a word of another person the review names and the
 * index knows ("Kevin" of Kevin Spacey is no mention of Tron's Kevin Flynn; "Aileen Wuornos", a person of the index
 * too, is Monster's character when the film's cast list names her).
 */
function writesCharacterWord(pq: PeopleQuery, x: string, characters: readonly string[]): boolean {
  if (!writes(pq.text, x)) return false;
  const t = nameTokens(x)[0];
  if (t === undefined) return true;
  for (const name of pq.tokens) {
    if (!name.includes(t)) continue;
    const key = name.join(' ');
    // (The name is the character's when it holds every word of one: "Aileen Wuornos" for Monster's "Wuornos".)
    if (pq.index.rowsForPersonKey(key).length > 0 && !characters.some((c) => nameTokens(c).every((y) => name.includes(y)))) return false;
  }
  return true;
}

/** Whether the text writes this word (possessive dropped) capitalised: a film's title or character can be written only if its words are. */
function capitals(pq: PeopleQuery, stripped: string): boolean {
  if (!pq.capitalSet) {
    pq.capitalSet = new Set();
    for (const m of pq.text.match(/\p{Lu}[\p{L}\p{N}'’-]*/gu) ?? []) pq.capitalSet.add(stripPossessive(m));
  }
  return pq.capitalSet.has(stripped);
}

const capitalised = (pq: PeopleQuery, x: string): boolean => capitals(pq, stripPossessive(x));

/** Whether the text writes the name, each capitalised word of it capitalised. (The text search first: the capitalised words' test splits the name.) */
function writesName(pq: PeopleQuery, name: string): boolean {
  if (!writes(pq.text, name)) return false;
  for (const x of name.split(/[^\p{L}\p{N}'’-]+/u)) if (/^\p{Lu}/u.test(x) && !capitalised(pq, x)) return false;
  return true;
}

/** A film crediting one name only: whether the text writes its title (when it read none) or a character's word. */
function writesOwnWords(pq: PeopleQuery, row: number): boolean {
  if (!pq.q.titles.length) {
    // The title's first word, when a capitalised one, written capitalised in the text (a set look-up first).
    const lead = pq.index.titleLead(row);
    if (lead !== null && (lead === '' || capitals(pq, lead)) && writesName(pq, pq.index.titleOf(row))) return true;
  }
  for (const x of pq.index.characterWords(row)) if (capitalised(pq, x) && writesCharacterWord(pq, x, pq.index.charactersOf(row))) return true;
  return false;
}

/** Billing: the link's place in the film's cast list, -1 when not cast. */
const billed = (f: IndexFilm, l: PersonLink): number => (l.roles.includes('cast') ? f.cast.findIndex((c) => c.name === l.indexName) : -1);

/** Whether the text writes a distinctive word of a linked actor's character. */
function writesCharacter(pq: PeopleQuery, links: readonly PersonLink[]): boolean {
  for (const l of links) {
    if (l.character === undefined || nameTokens(l.character).length === 0) continue;
    for (const x of l.character.split(/\s+/)) if (x.length > 2 && /^\p{Lu}/u.test(x) && writesCharacterWord(pq, x, [l.character])) return true;
  }
  return false;
}

/** The candidate film's score through the people, or null when they do not make it one. */
function scorePeopleRow(pq: PeopleQuery, row: number, count: number): Scored | null {
  const { index, q, text, years } = pq;
  // Cheap checks first (an actor has many films): two of the names, or its title or a character written in the
  // text; only then the film and its links are made.
  if (count < 2 && (text === '' || !writesOwnWords(pq, row))) return null;
  const f = index.film(row);
  const links = linkPeople(index, f, pq.people, pq.tokens, true);
  let linkedFull = 0;
  let crew = false;
  for (const l of links) {
    if (l.match === 'full') linkedFull++;
    if (l.roles.includes('director') || l.roles.includes('writer')) crew = true;
  }
  if (!linkedFull) return null;
  // The film's own words in the text: its title (more than one letter), a character of a named actor's.
  // (Only when the review's title reading found nothing: a title it read is the film, other titles are others.)
  const titled = text !== '' && !q.titles.length && f.title.length > 1 && writes(text, f.title);
  const character = text !== '' && writesCharacter(pq, links);
  const own = titled || character;
  // One person and a one-word title the text writes ("I loved Big with Tom Hanks", "the Alien movies"): a
  // reference as often as the film.
  if (links.length < 2 && !(character || (titled && f.title.includes(' ')))) return null;
  // Billing: a surname alone is surer on one of the film's two leads ("Smith" of Hancock, not of The Kingdom).
  let evidence = 0;
  for (const l of links) {
    evidence += (l.match === 'full' ? 1 : 0.5) + (pq.directedBy.has(l.name) && l.roles.includes('director') ? 1 : 0);
    if (l.match === 'surname') {
      const b = billed(f, l);
      if (b >= 0 && b < 2) evidence += 0.25;
    }
  }
  if (titled) evidence += 1.5;
  if (character) evidence += 1;
  if (text !== '' && writesAuthor(index, row, text)) evidence += 1;
  if (years.has(f.year)) evidence += 1.5;
  // Two actors alone are too common a pair (the index lists only the leads of each film): three, or crew, or
  // the film's own words.
  // Two of the film's three top-billed leads, one named in full, are a pair the index settles when no other
  // film has them both (ties are left unlinked below).
  // Not when the text writes years and none is the film's (a later film of the pair).
  const leads = links.length === 2 && leadPair(f, links) && (!years.size || years.has(f.year) || years.has(f.year - 1) || years.has(f.year + 1));
  if (links.length < 3 && !crew && !own && !leads) return null;
  // (Leads alone rank below the film whose crew or own words the text also names.)
  return { row, score: evidence - (links.length < 3 && !crew && !own ? 0.5 : 0), evidence: Math.max(0, evidence - 1.5), people: links };
}

/**
 * Whether the text names the author of the work the film is based on, by surname at least ("my favourite Austen
 * novel", "King's book"): it tells two films of the same actors apart (Emma and Possession, both Paltrow and Northam).
 */
function writesAuthor(index: FilmIndex, row: number, text: string): boolean {
  for (const a of index.authorsOf(row)) {
    const surname = a.slice(a.lastIndexOf(' ') + 1);
    if (surname.length > 2 && writes(text, surname, true)) return true;
  }
  return false;
}

/** Whether every link is one of the film's three top-billed leads. */
function leadPair(f: IndexFilm, links: readonly PersonLink[]): boolean {
  for (const l of links) {
    const b = billed(f, l);
    if (b < 0 || b >= 3) return false;
  }
  return true;
}

/**
 * Nothing else to go on but a director the text names as such ("Writer-director Derrick Borte"): the one film
 * of theirs the index has (that they also wrote, when the text says so), unless the text's years say otherwise.
 * (Only when the text's reading found no title: a title the index lacks is a film the index lacks.)
 */
function directorOnly(pq: PeopleQuery): FilmLink | null {
  const { index, years } = pq;
  const only = new Set<number>();
  if (!pq.q.titles.length) for (const name of pq.directedBy) {
    const key = nameTokens(name).join(' ');
    if (!key.includes(' ')) continue;
    const wrote = new RegExp(`(?:writer[- ]director|written and directed by)\\s+${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').test(pq.text);
    for (const r of index.rowsForPersonKey(key)) {
      const e = index.credits(r).find((c) => c.key === key);
      if (e?.roles.includes('director') && (!wrote || e.roles.includes('writer'))) only.add(r);
    }
  }
  if (only.size !== 1) return null;
  const row = [...only][0]!;
  const y = index.film(row).year;
  if (years.size && !years.has(y) && !years.has(y - 1) && !years.has(y + 1)) return null;
  return linked(index, 'people', [{ row, score: 1, evidence: 0, people: [] }], pq.people, pq.tokens);
}

/**
 * No title of the review names an index film: a film of a person it names in full that credits at least two of
 * the people it names (full names or surnames; three when they are all cast, unless the text also writes the
 * film's title or one of its characters), or one of them when the text writes the film's title or a character of
 * theirs ("Tommy Lee Jones … Cobb's biographer"), more than any other film does.
 */
function linkByPeople(index: FilmIndex, q: LinkQuery, tokens: readonly string[][]): FilmLink | null {
  const people = q.people ?? [];
  const full = [...new Set(tokens.filter((t) => t.length >= 2).map((t) => t.join(' ')))];
  const pq: PeopleQuery = { index, q, people, tokens, years: new Set(q.years ?? []), text: q.text ?? '', directedBy: new Set(q.directors ?? []), capitalSet: null };
  if (!full.length || (full.length < 2 && !q.text && people.length < 2)) return bySurnames(pq);
  const c = peopleCandidates(index, full, tokens);
  if (!c) return bySurnames(pq);
  const scored: Scored[] = [];
  for (let k = 0; k < c.rows.length; k++) {
    const s = scorePeopleRow(pq, c.rows[k]!, c.counts[k]!);
    if (s) scored.push(s);
  }
  if (!scored.length) return directorOnly(pq) ?? bySurnames(pq);
  scored.sort((a, b) => b.score - a.score || a.row - b.row);
  // Two films that credit the same people equally: not settled.
  if (scored.length > 1 && scored[1]!.score >= scored[0]!.score) return null;
  return linked(index, 'people', scored, people, tokens);
}

/**
 * Nothing named in full settles a film, and no title is read: surnames named alone that the index credits together
 * on one film only ("Tierney … director Feist" is The Devil Thumbs a Ride, "Sanders, Barrie, Hale" The Saint
 * Strikes Back), one of them a lead (top two billed) or a director the text names as one; or one surname and a
 * word of its character's name, outside a series ("Theron … Aileen Wuornos" is Monster). The film's years, when the
 * text writes any, must agree.
 */
function bySurnames(pq: PeopleQuery): FilmLink | null {
  const { index, q, tokens, years } = pq;
  if (q.titles.length || pq.text === '') return null;
  const surnames = [...new Set(tokens.filter((t) => t.length === 1).map((t) => t[0]!))];
  if (!surnames.length) return null;
  const counts = new Map<number, number>();
  for (const x of surnames) {
    const rows = index.rowsForSurname(x);
    // (A surname of hundreds of films settles nothing alone, and costs a long walk.)
    if (rows.length > SURNAME_ROWS) continue;
    for (const r of rows) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  let found: Scored | null = null;
  for (const [row, count] of counts) {
    // One surname: only a film whose character's word the text writes (a set look-up per word, before the film is made).
    if (count < 2 && !index.characterWords(row).some((x) => capitalised(pq, x))) continue;
    const f = index.film(row);
    if (years.size && !years.has(f.year) && !years.has(f.year - 1) && !years.has(f.year + 1)) continue;
    const links = linkPeople(index, f, pq.people, tokens, true).filter((l) => l.match === 'surname' && !l.name.includes(' '));
    const lead = links.some((l) => {
      const b = billed(f, l);
      return (b >= 0 && b < 2) || (l.roles.includes('director') && pq.directedBy.has(l.name));
    });
    // (A series' character is every entry's: "Connery … Bond" is no one film.)
    if (!((links.length >= 2 && lead) || (links.length >= 1 && !f.series && writesCharacter(pq, links)))) continue;
    // Two films that fit: not settled.
    if (found) return null;
    found = { row, score: 1, evidence: 0.5 * links.length, people: links };
  }
  return found ? linked(index, 'people', [found], pq.people, tokens) : null;
}
// Films of one surname beyond which it is not walked (Smith, Jones, Brown).
const SURNAME_ROWS = 400;

function linkByTitle(index: FilmIndex, q: LinkQuery, tokens: readonly string[][]): FilmLink {
  const exact = new Set<string>();
  const alias = new Set<string>();
  q.titles.forEach((t, k) => {
    if (!t.trim()) return;
    const key = titleKey(t);
    (k === 0 ? exact : alias).add(key);
    for (const a of titleAliases(t)) if (a !== key) alias.add(a);
  });
  if (!exact.size && !alias.size) return { status: 'unlinked', reason: 'no-title', candidates: [] };
  const rows = new Map<number, number>();
  for (const k of exact) for (const r of index.rowsForKey(k)) rows.set(r, 3);
  for (const k of alias) for (const r of index.rowsForKey(k)) if (!rows.has(r)) rows.set(r, 2);
  if (!rows.size) return { status: 'unlinked', reason: 'not-in-index', candidates: [] };
  const years = new Set(q.years ?? []);
  const refSeries = new Set<string>();
  for (const t of q.references ?? []) for (const r of index.rowsForKey(titleKey(t))) {
    const s = index.film(r).series;
    if (s) refSeries.add(s.name);
  }
  const people = q.people ?? [];
  const scored: Scored[] = [];
  for (const [row, titleScore] of rows) {
    const f = index.film(row);
    // The title's own key matches the film's key better than an alias of it does.
    let score = titleScore + (exact.has(f.key) ? 0.5 : 0);
    let evidence = 0;
    const linked = linkPeople(index, f, people, tokens, true);
    for (const p of linked) evidence += p.match === 'full' ? 2 : 1;
    if (years.has(f.year)) evidence += 1.5;
    else if (years.has(f.year - 1) || years.has(f.year + 1)) evidence += 0.5;
    if (f.series && refSeries.has(f.series.name)) evidence += 1;
    // A film the encyclopedia knows more about is, all else equal, the one more often reviewed.
    // A film with sequels that name it is the one a bare title most often means (Halloween 1978, not 2007).
    score += evidence + 0.3 * Math.min(1, f.cast.length / 5) + (f.directors.length ? 0.2 : 0) + 0.4 * Math.min(2, index.followers(row)) + (f.year - 1900) / 10000;
    scored.push({ row, score, evidence, people: linked });
  }
  scored.sort((a, b) => b.score - a.score || a.row - b.row);
  const best = scored[0]!;
  const film = index.film(best.row);
  // Several people named, none of them in a well-credited film: the review is about another film of that title.
  const credited = film.cast.length + film.directors.length;
  const named = new Set(tokens.map((t) => t.join(' '))).size;
  // Or two people the index credits elsewhere, in full, and none of them here.
  const known = (): number => new Set(tokens.filter((t) => t.length >= 2 && index.rowsForPersonKey(t.join(' ')).length > 0).map((t) => t.join(' '))).size;
  if (best.evidence === 0 && ((named >= 3 && credited >= 4) || (named >= 2 && credited >= 3 && known() >= 2))) return { status: 'unlinked', reason: 'no-match', candidates: scored.map((s) => index.film(s.row).id) };
  // No evidence, and the text writes an article the index title lacks ("The Choke" is not Choke): another film.
  if (best.evidence === 0 && (/^(?:the|a|an)\s/i.test(q.titles[0] ?? '') || q.theBefore) && !/^(?:the|a|an)\s/i.test(film.title) && titleKey(q.titles[0]!) === film.key) return { status: 'unlinked', reason: 'no-match', candidates: scored.map((s) => index.film(s.row).id) };
  return linked(index, 'title', scored, people, tokens);
}
