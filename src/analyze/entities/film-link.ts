/**
 * @module The entity stage's reading joined to the film index: the card's film gets the index id, year,
 * directors and series (or `unlinked`), and the people the review names get the roles the index gives them on
 * that film when the text does not state them. Pure.
 */
import type { Credit, FilmInfo, Person } from '../card.ts';
import { linkFilm, nameTokens, type FilmIndex, type FilmLink, type SeriesRelation } from './film-index.ts';
import { titleKey } from './titles.ts';

/** What the index adds to the card's film. */
export interface FilmIndexFields {
  /** Index id (the Wikipedia page key), when linked. */
  id?: string;
  year?: number;
  directors?: string[];
  series?: { name: string; order: number | null; relation: SeriesRelation | null; previous: string | null };
  /** How sure the link is, in [0, 1]. */
  linkConfidence?: number;
  /** 'people': the text names no title of the index; the people it names are this film's (title from the index). */
  linkedBy?: 'title' | 'people';
  /** The film was read from the text but is not (or not surely) in the index. */
  unlinked?: true;
}

/** The card's film with the index's fields. */
export type LinkedFilmInfo = FilmInfo & FilmIndexFields;
export type IndexCredit = Credit & { source: 'index' };

export interface LinkedEntities {
  film: LinkedFilmInfo | null;
  /** The people the text names, less those the linked film's cast list says are its characters. */
  people: Person[];
  /** Credits the index gives to people the review names, for roles the text does not state. */
  credits: IndexCredit[];
  link: FilmLink;
}

/** Whether the text writes a distinctive word of the character's name ("Hawke" of "Brian Hawke"). */
function namesCharacter(text: string, character: string): boolean {
  for (const t of character.split(/[^\p{L}'’-]+/u)) if (t.length > 2 && /^\p{Lu}/u.test(t) && new RegExp(`\\b${t.replace(/[^\p{L}]/gu, '.')}\\b`, 'u').test(text)) return true;
  return false;
}

/** Years 1900–2039 the text writes (film years, not ratings or times). */
export function yearsIn(text: string): number[] {
  // /(?<![\d.,/:])(19\d\d|20[0-3]\d)(?![\d.,/:%]\d)/g by string search for "19" and "20" (it runs on every
  // review). Matches cannot overlap: a start inside a match follows a digit.
  const at: number[] = [];
  for (let i = text.indexOf('19'); i >= 0; i = text.indexOf('19', i + 1)) at.push(i);
  const nineteen = at.length;
  for (let i = text.indexOf('20'); i >= 0; i = text.indexOf('20', i + 1)) at.push(i);
  if (!at.length) return [];
  if (nineteen > 0 && nineteen < at.length) at.sort((a, b) => a - b);
  const out = new Set<number>();
  for (const i of at) {
    const c = text.charCodeAt(i + 2);
    if (!(text.charCodeAt(i) === 49 ? isDigit(c) : c >= 48 && c <= 51) || !isDigit(text.charCodeAt(i + 3))) continue;
    if (i > 0 && NOT_BEFORE.has(text.charCodeAt(i - 1))) continue;
    if (NOT_AFTER.has(text.charCodeAt(i + 4)) && isDigit(text.charCodeAt(i + 5))) continue;
    out.add(Number(text.slice(i, i + 4)));
  }
  return [...out];
}
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const NOT_BEFORE = new Set([..."0123456789.,/:"].map((c) => c.charCodeAt(0)));
const NOT_AFTER = new Set([..."0123456789.,/:%"].map((c) => c.charCodeAt(0)));

/**
 * A title read from the text and written with a sequel's number after it ("The Hills Have Eyes 2"), or one the
 * index lacks written after a capitalised word that makes an index title with it ("How Do You Know" read as "Do
 * You Know"): the longer title, when the index has it.
 */
export function widened(text: string, film: FilmInfo, index: FilmIndex): FilmInfo {
  for (const m of film.mentions) {
    const after = /^ (\d{1,2}|II|III|IV|V|VI)(?![\p{L}\p{N}])/u.exec(text.slice(m.end, m.end + 5));
    if (!after) continue;
    const title = `${text.slice(m.start, m.end)} ${after[1]!}`;
    const key = titleKey(title);
    if (key && key !== film.key && index.rowsForKey(key).length) return { ...film, title, key, mentions: [{ start: m.start, end: m.end + after[0].length }] };
  }
  if (index.rowsForKey(film.key).length) return film;
  // A film the index lacks, its sequel number before the sentence's verb ("Zombi 3 has been widely panned").
  for (const m of film.mentions) {
    const after = /^ (\d{1,2})(?= (?:is|was|has|had|does|did|isn't|wasn't|doesn't|didn't)\b)/.exec(text.slice(m.end, m.end + 14));
    if (!after) continue;
    const title = `${text.slice(m.start, m.end)} ${after[1]!}`;
    return { ...film, title, key: titleKey(title), mentions: [{ start: m.start, end: m.end + after[0].length }] };
  }
  // A title cut at its comma ("Stay Away, Joe", "After Dark, My Sweet"): one or two capitalised words after it.
  for (const m of film.mentions) {
    const after = /^,? (\p{Lu}[\p{L}'’.-]*)(?: (\p{Lu}[\p{L}'’.-]*))?/u.exec(text.slice(m.end, m.end + 40));
    if (!after) continue;
    for (const taken of after[2] ? [after[0], after[0].slice(0, after[0].length - after[2].length - 1)] : [after[0]]) {
      const title = text.slice(m.start, m.end) + taken.replace(/\.$/, '');
      const key = titleKey(title);
      if (key && index.rowsForKey(key).length) return { ...film, title, key, mentions: [{ start: m.start, end: m.start + title.length }] };
    }
  }
  for (const m of film.mentions) {
    const before = /(?:^|[^\p{L}\p{N}'’-])(\p{Lu}[\p{L}'’-]*) $/u.exec(text.slice(Math.max(0, m.start - 30), m.start));
    if (!before) continue;
    const title = `${before[1]!} ${text.slice(m.start, m.end)}`;
    const key = titleKey(title);
    if (key && index.rowsForKey(key).length) return { ...film, title, key, mentions: [{ start: m.start - before[1]!.length - 1, end: m.end }] };
  }
  return film;
}

/** What the text says around a mention, for the index's credits that need the text's support. */
export interface LinkSupport {
  /** Whether the sentence at this offset speaks of directing ("director", "directed", "filmmaker"). */
  directingAt(offset: number): boolean;
}

/**
 * Join the review's film, references and people to the index. With `support`, an index director becomes a
 * director credit only where a mention's sentence speaks of directing ("Kasdan's film … the wrong director"; not
 * "Paul Thomas Anderson's Inherent Vice"), and an index character joins a cast credit only when the text names it.
 */
export function linkEntities(
  text: string,
  e: { film: FilmInfo | null; references: { title: string }[]; people: Person[]; credits: Credit[] },
  index: FilmIndex,
  support?: LinkSupport,
): LinkedEntities {
  if (e.film && e.film.source === 'text') e = { ...e, film: widened(text, e.film, index) };
  // (One shape of query: the title's fields undefined when there is no title.)
  const link = linkFilm(index, {
    titles: e.film ? [e.film.title] : [],
    theBefore: e.film ? e.film.mentions.length > 0 && e.film.mentions.every((m) => /(?:^|\s)the $/.test(text.slice(Math.max(0, m.start - 5), m.start))) : undefined,
    titleConfidence: e.film ? e.film.confidence : undefined,
    references: e.references.map((r) => r.title),
    years: yearsIn(text),
    people: e.people.map((p) => p.name),
    text,
    directors: e.credits.filter((c) => c.role === 'director').map((c) => c.person),
  });
  if (link.status !== 'linked') return { film: e.film ? { ...e.film, unlinked: true } : null, people: e.people, credits: [], link };
  const f = link.film;
  const fields: FilmIndexFields = { id: f.id, year: f.year, directors: [...f.directors], linkConfidence: link.confidence, linkedBy: link.by };
  if (f.series) fields.series = { name: f.series.name, order: f.series.order, relation: f.series.relation, previous: f.series.previous };
  // A film found through the people the text names: the index gives the title, which the text never writes.
  // So is a text-read title the index does not know, when the people it names settle another film.
  const film: LinkedFilmInfo =
    e.film && (link.by === 'title' || e.film.source !== 'text') ? { ...e.film, ...fields } : { title: f.title, key: titleKey(f.title), confidence: link.confidence, source: 'text', mentions: e.film && titleKey(f.title) === e.film.key ? e.film.mentions : [], ...fields };
  // A name the film's cast list gives to one of its characters, and to none of its people, is that character
  // ("Hawke" of "Errol Flynn as Brian Hawke"), not a person.
  const linkedNames = new Set(link.people.filter((p) => p.film === f.id).map((p) => p.name));
  const characterTokens = new Set<string>();
  for (const c of f.cast) if (c.character) for (const t of nameTokens(c.character)) if (t.length > 2) characterTokens.add(t);
  const isCharacter = (name: string): boolean => {
    if (!characterTokens.size || linkedNames.has(name)) return false;
    const t = nameTokens(name);
    return t.length > 0 && t.every((x) => characterTokens.has(x));
  };
  const people = characterTokens.size ? e.people.filter((p) => !isCharacter(p.name)) : e.people;
  const stated = new Set(e.credits.map((c) => `${c.person}\u0000${c.role}`));
  const credits: IndexCredit[] = [];
  for (const p of link.people) {
    // The index's roles beside the ones the text states ("Shatner's directorial debut": he acts in it too); a role
    // the text states is its reading, not repeated.
    if (p.film !== f.id) continue;
    const person = e.people.find((x) => x.name === p.name);
    const evidence = person?.mentions[0];
    if (!evidence) continue;
    for (const role of p.roles) {
      if (stated.has(`${p.name}\u0000${role}`)) continue;
      let at = evidence;
      if (role === 'director' && support) {
        const m = person!.mentions.find((x) => support.directingAt(x.start));
        if (!m) continue;
        at = m;
      }
      const c: IndexCredit = { person: p.name, role, evidence: at, source: 'index' };
      if (role === 'cast' && p.character && !e.credits.some((x) => x.person === p.name && x.character) && (!support || namesCharacter(text, p.character))) c.character = p.character;
      credits.push(c);
    }
  }
  return { film, people, credits, link };
}
