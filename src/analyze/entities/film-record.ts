/**
 * @module The index film a stored review lands on, and whether a title read from the text is only people's names.
 * Pure: a function of the card, the row's own title and year, and the film index. The import use case stores
 * reviews on the film this gives (one film per index entry; franchise and order from the index's series).
 */
import type { FilmInfo, Person, ReviewCard } from '../card.ts';
import { nameTokens, type FilmIndex, type IndexFilm } from './film-index.ts';
import { titleKey } from './titles.ts';

/** What the store keeps of an index film. */
export interface IndexFilmRecord {
  id: string;
  title: string;
  year: number;
  series: string | null;
  order: number | null;
  directors: string[];
  writers: string[];
  cast: { name: string; character?: string }[];
  genres: string[];
}

export function filmRecord(f: IndexFilm): IndexFilmRecord {
  return {
    id: f.id,
    title: f.title,
    year: f.year,
    series: f.series?.name ?? null,
    order: f.series?.order ?? null,
    directors: [...f.directors],
    writers: [...f.writers],
    cast: f.cast.map((c) => (c.character ? { name: c.name, character: c.character } : { name: c.name })),
    genres: [...f.genres],
  };
}

/** The film of `key` made within a year of `year`, when exactly one is (the row's own metadata). */
function byKeyAndYear(index: FilmIndex, title: string, year: number): IndexFilm | null {
  const key = titleKey(title) || title.toLowerCase().trim();
  const near = index.rowsForKey(key).map((r) => index.film(r)).filter((f) => Math.abs(f.year - year) <= 1);
  const exact = near.filter((f) => f.year === year);
  const pick = exact.length === 1 ? exact : near;
  return pick.length === 1 ? pick[0]! : null;
}

/**
 * The index film for a review: the card's link, unless the row's own year says another film of that title
 * (then that film, or none); a row whose title and year name one index film is linked by them when the text
 * could not settle it.
 */
export function indexFilmFor(index: FilmIndex, card: Pick<ReviewCard, 'film'>, row: { title?: string | undefined; year?: number | null | undefined }): IndexFilm | null {
  const id = card.film?.id;
  const linked = id ? index.rowOf(id) : -1;
  const film = linked >= 0 ? index.film(linked) : null;
  const year = row.year ?? null;
  if (film && (year === null || Math.abs(film.year - year) <= 1)) return film;
  if (row.title && year !== null) return byKeyAndYear(index, row.title, year);
  return film;
}

/** First names of each index's people (the first word of three or more credited people's names), capitalised: a memo, not state. */
const givenNames = new WeakMap<FilmIndex, Set<string>>();

function givenOf(index: FilmIndex): Set<string> {
  let set = givenNames.get(index);
  if (!set) {
    const n = new Map<string, number>();
    for (const p of index.personNames()) {
      const w = p.split(/\s+/);
      if (w.length >= 2 && /^\p{Lu}\p{Ll}+$/u.test(w[0]!)) n.set(w[0]!, (n.get(w[0]!) ?? 0) + 1);
    }
    set = new Set([...n].filter(([, k]) => k >= 3).map(([w]) => w));
    givenNames.set(index, set);
  }
  return set;
}

/** Words before a name that do not make it a title: "A Cormac McCarthy", "All of Romero", "Again the Coens". */
const LEAD = /^(?:(?:a|an|the|all|again|about|of|even|only|just|both|like|pure|more|another|classic|vintage|early|late|young|old|typical|prime|peak|it['’]s|that['’]s|here['’]s|this is)\s+)+/i;
/** A family or a team: "the Coen Brothers", "the Wayans Bros". */
const TAIL = /\s+(?:brothers|bros\.?|sisters|family)$/i;

/**
 * True when a film title read from the text is only the names of people ("Hanks and Roberts", "Jarmusch",
 * "All Spielberg", "Again the Coens", "Alicia and Deanna"): after leading function words, every part (split at
 * "and", "&", commas) is a person the review names, a full name or surname of someone the index credits (a
 * plural surname for a family: "the Coens"), or a given name (of the model's word tables) alone or before
 * capitalised words; and the title is no film of the index.
 */
export function titleIsPeople(film: FilmInfo | null, people: readonly Person[], index: FilmIndex | null, given: ReadonlySet<string> = new Set(), common: ReadonlySet<string> = new Set()): boolean {
  if (!film || film.source !== 'text' || film.id) return false;
  const t = film.title.trim();
  if (!t || /\d/.test(t)) return false;
  if (index && index.rowsForKey(titleKey(t) || t.toLowerCase()).length > 0) return false;
  const parts = t.replace(LEAD, '').replace(TAIL, '').split(/\s*(?:,|&|\band\b)\s*/i).filter(Boolean);
  if (parts.length === 0) return false;
  const named = new Set<string>();
  const namedSurnames = new Set<string>();
  for (const p of people) {
    const k = nameTokens(p.name);
    if (!k.length) continue;
    named.add(k.join(' '));
    namedSurnames.add(k[k.length - 1]!);
  }
  // A surname, or a one-word name ("Madonna", "Eminem"), of someone the index credits.
  const known = (w: string): boolean => index !== null && index.hasLastToken(w);
  const indexGiven = index ? givenOf(index) : new Set<string>();
  const surname = (w: string): boolean => namedSurnames.has(w) || known(w) || (w.length > 3 && w.endsWith('s') && (namedSurnames.has(w.slice(0, -1)) || known(w.slice(0, -1))));
  return parts.every((part) => {
    const words = part.split(/\s+/);
    const k = nameTokens(part);
    if (k.length === 0 || k.length > 4 || !words.every((w) => /^\p{Lu}/u.test(w))) return false;
    const full = k.join(' ');
    if (named.has(full)) return true;
    // A first name: of the model's word tables, or of three or more people the index credits (not a common word).
    if (given.has(words[0]!) || (indexGiven.has(words[0]!) && !common.has(words[0]!.toLowerCase()))) return true;
    if (k.length === 1) return surname(full);
    if (index && index.rowsForPerson(part).length > 0) return true;
    // "Goldies Hawn", "Jullianne Moore": a known surname after uncommon words (a misspelt or unknown given name).
    return k.length <= 3 && surname(k[k.length - 1]!) && words.slice(0, -1).every((w) => !common.has(w.toLowerCase()));
  });
}
