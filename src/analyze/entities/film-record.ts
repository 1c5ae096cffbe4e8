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

/** Last name tokens of each index's people, made once per (immutable) index: a memo, not state. */
const surnames = new WeakMap<FilmIndex, Set<string>>();

function surnamesOf(index: FilmIndex): Set<string> {
  let set = surnames.get(index);
  if (!set) {
    set = new Set<string>();
    for (const p of index.personNames()) {
      const t = nameTokens(p);
      if (t.length >= 2) set.add(t[t.length - 1]!);
    }
    surnames.set(index, set);
  }
  return set;
}

/**
 * True when a film title read from the text is only the names of people ("Hanks and Roberts", "Jarmusch",
 * "Tom Hanks"): every part (split at "and", "&", commas) is a person the review names, or a full name or
 * surname of someone the index credits, and the title is no film of the index.
 */
export function titleIsPeople(film: FilmInfo | null, people: readonly Person[], index: FilmIndex | null): boolean {
  if (!film || film.source !== 'text' || film.id) return false;
  const t = film.title.trim();
  if (!t || /\d/.test(t)) return false;
  if (index && index.rowsForKey(titleKey(t) || t.toLowerCase()).length > 0) return false;
  const parts = t.split(/\s*(?:,|&|\band\b)\s*/i).filter(Boolean);
  if (parts.length === 0) return false;
  const named = new Set<string>();
  const namedSurnames = new Set<string>();
  for (const p of people) {
    const k = nameTokens(p.name);
    if (!k.length) continue;
    named.add(k.join(' '));
    namedSurnames.add(k[k.length - 1]!);
  }
  const known = index ? surnamesOf(index) : new Set<string>();
  return parts.every((part) => {
    const k = nameTokens(part);
    if (k.length === 0 || k.length > 4 || !/^\p{Lu}/u.test(part)) return false;
    const full = k.join(' ');
    if (named.has(full)) return true;
    if (k.length === 1) return namedSurnames.has(full) || known.has(full);
    return index ? index.rowsForPerson(part).length > 0 : false;
  });
}
