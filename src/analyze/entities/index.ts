/**
 * @module Entities: the film under review, franchise references, chronology, people and credits.
 * Pure: works over the Doc's tokens; no list of films or people; the model's word tables (models/lexicons/entities*.json).
 */
import type { ChronologyEdge, Credit, FilmInfo, FilmReference, Person, Span } from '../card.ts';
import type { DocContext } from '../context.ts';
import type { Model } from '../model.ts';
import { CUE } from '../lexicon.ts';
import { linkEntities, widened } from './film-link.ts';
import type { LinkSupport } from './film-link.ts';
import type { FilmCredit, FilmIndex } from './film-index.ts';
import { stripPossessive } from './film-index.ts';
import { fullNames, reviseCredits } from './credits.ts';
import { personMargins } from './person-tagger.ts';
import { findPeople } from './people.ts';
import { judgeRuns, rejudge, taggerSentences } from './runs.ts';
import type { PeopleResult } from './people.ts';
import type { Run } from './runs.ts';
import { findTitles } from './titles.ts';
import type { TitleResult } from './titles.ts';
import { anyMarked, buildWords } from './words.ts';
import type { Words } from './words.ts';

export { titleAliases, titleKey } from './titles.ts';
import { titleAliases, titleKey } from './titles.ts';

export interface Entities {
  film: FilmInfo | null;
  references: FilmReference[];
  chronology: ChronologyEdge[];
  people: Person[];
  credits: Credit[];
}

type EntityContext = Pick<DocContext, 'doc' | 'lexicon' | 'options'> & { readonly model?: Pick<Model, 'ner' | 'films'> };

/**
 * Find who and what the review is about; `options.title`: the film's title when the source gives it. With the
 * model's person tagger (`model.ner`), its reading corrects the rules' person judgement; without it, rules alone.
 */
export function findEntities(ctx: EntityContext): Entities {
  const { doc } = ctx;
  const title = ctx.options.title;
  const w = buildWords(doc, ctx.lexicon.entities);
  // The film data's names inform the first judgement too (the tagger's margins come later, where wanted).
  w.gaz = ctx.model?.ner?.gaz ?? null;
  const index = ctx.model?.films;
  w.credited = index ? (key) => index.rowsForPersonKey(key).length > 0 : null;
  // A first person judgement (no titles known yet) keeps names out of the film's title: sure names, and the
  // head or tail words of a full name used elsewhere ("Quaid" of "Dennis Quaid").
  const first = judgeRuns(w);
  const wanted = tagRuns(ctx, w, first);
  const personTok = personTokens(w, first);
  // Likely full names of the first judgement (findPeople judges the runs again, in place).
  const likelyNames = new Set<string>();
  for (const r of first) if (r.person >= 1 && r.words.length >= 2) likelyNames.add(r.name);
  // A place alone is no title ("a famous Las Vegas illusionist"); a title that names one is ("Three Billboards
  // Outside Ebbing, Missouri"), and so is a place the index has a film of (Nashville, Fargo). Nor is a name the
  // lexicon knows as no film ("Academy Award stuff", 'a bad "Saturday Night Live" sketch').
  const places = w.lex.places;
  const named = (from: number, to: number): boolean => {
    if (places.size === 0) return false;
    const name = w.text.slice(w.start[from]!, w.wordEnd[to - 1]!);
    return places.has(name) && !(index && index.rowsForKey(titleKey(name)).length);
  };
  const notTitle = (from: number, to: number): boolean => anyMarked(personTok, from, to) || named(from, to);
  let titles = findTitles(doc, w, title, notTitle);
  // A title on the least evidence that no index film bears names no film (readEntities drops it): it keeps no name
  // from the people either ("auteurs like Wong and Tarantino", "Ed and Alice (Jay Mohr and …)").
  if (index && titles.film && weakUnknown(widened(doc.text, titles.film, index), index)) titles = withoutFilm(titles);
  // The runs' judgements as findPeople's first pass would make them again (it changes the runs after).
  const judged = first.map((r) => r.person);
  let found = revise(w, peopleWithTitles(w, titles, first, judged), titles, index);
  // A film title read from the text that turns out to be a character's name ("Akasha (Aaliyah)") is not the
  // film: choose again without the characters' and the people's names (rare, so the second pass costs little).
  const characters = titles.film && titles.film.source === 'text' ? titleCharacters(w, titles.film, found, likelyNames, index) : null;
  if (characters) {
    titles = titlesWithout(ctx, w, notTitle, characters, found);
    const tagger = ctx.model?.ner;
    if (tagger && wanted) w.personMargin = personMargins(tagger, doc.text, doc.tokens, doc.sentences, wanted);
    found = revise(w, peopleWithTitles(w, titles, first), titles, index);
  }
  const credits = found.credits;
  const { people, film } = index ? filmsAmongPeople(index, found.people, credits, titles.film) : { people: found.people, film: titles.film };
  // A reference that is a person's name is a person, not a film.
  const personNames = new Set(people.map((p) => p.name.toLowerCase()));
  const references = titles.references.filter((r) => !personNames.has(r.title.toLowerCase()));
  return { film, references, chronology: titles.chronology, people, credits };
}

/** The titles read again, the characters' and the people's names kept out of them as well as the person marks. */
function titlesWithout(ctx: EntityContext, w: Words, notTitle: (from: number, to: number) => boolean, characters: ReadonlySet<string>, found: PeopleResult): TitleResult {
  const characterTok = new Uint8Array(w.n);
  const names = new Set(found.people.flatMap((p) => p.name.toLowerCase().split(' ')).filter((x) => x.length > 2));
  for (let i = 0; i < w.n; i++) if (characters.has(w.lower[i]!) || names.has(w.lower[i]!)) characterTok[i] = 1;
  const personish = (from: number, to: number): boolean => notTitle(from, to) || characters.has(w.text.slice(w.start[from]!, w.wordEnd[to - 1]!).toLowerCase()) || anyMarked(characterTok, from, to);
  return findTitles(ctx.doc, w, ctx.options.title, personish);
}

/**
 * The tagger reads the sentences where its reading can change a judgement, then the runs are judged again.
 * Only the tokens of the runs it may judge differently get margins (windows of their sentences); the rare
 * second people pass judges runs afresh and reads the whole sentences. The sentences read, or null.
 */
function tagRuns(ctx: EntityContext, w: Words, first: Run[]): Uint8Array | null {
  const tagger = ctx.model?.ner;
  if (!tagger) return null;
  const { doc } = ctx;
  const targets = new Uint8Array(w.n);
  const wanted = taggerSentences(w, first, doc.sentences.length, targets);
  if (!wanted.includes(1)) return null;
  w.personMargin = personMargins(tagger, doc.text, doc.tokens, doc.sentences, wanted, targets);
  rejudge(w, first);
  return wanted;
}

/** Tokens of the first judgement's names, kept out of the film's title. */
function personTokens(w: Words, first: readonly Run[]): Uint8Array {
  const personTok = new Uint8Array(w.n);
  const parts = new Set<string>();
  for (const r of first) {
    // Sure names, and likely full names in the possessive ("Keanu Reeves's John").
    if (r.person >= 2 || (r.person >= 1 && r.possessive && r.words.length >= 2)) personTok.fill(1, r.from, r.to);
    if (r.person >= 1 && r.words.length >= 2) {
      parts.add(r.words[0]!);
      parts.add(r.words[r.words.length - 1]!);
    }
  }
  singleParts(w, first, parts);
  const sure = new Set<string>();
  for (const r of first) if (r.person >= 2 && r.words.length >= 2) sure.add(r.name);
  for (const r of first) if (sure.has(r.name) || (r.words.length === 1 && parts.has(r.words[0]!))) personTok.fill(1, r.from, r.to);
  // "Lizabeth Scott, Lionel Stander and Nadia Cassini": a full name listed beside a full person's name is one too.
  for (let k = 0; k + 1 < first.length; k++) if (listedBeside(w, first[k]!, first[k + 1]!)) personTok.fill(1, Math.min(first[k]!.from, first[k + 1]!.from), first[k + 1]!.to);
  return personTok;
}

/**
 * A single word mostly used like a person's name ("Connery again. He proves …") is one in all its mentions; so
 * is one a reflexive pronoun follows ("Duvivier himself hated it").
 */
function singleParts(w: Words, first: readonly Run[], parts: Set<string>): void {
  const singles = new Map<string, { sum: number; count: number }>();
  for (const r of first) {
    if (r.words.length !== 1) continue;
    const v = singles.get(r.words[0]!) ?? { sum: 0, count: 0 };
    v.sum += r.person;
    v.count++;
    singles.set(r.words[0]!, v);
  }
  for (const [word, v] of singles) if (v.sum >= 2 && v.sum / v.count >= 0.75) parts.add(word);
  for (const r of first) if (r.words.length === 1 && r.to < w.n && (w.lower[r.to] === 'himself' || w.lower[r.to] === 'herself') && !r.article && !r.quoted) parts.add(r.words[0]!);
}

/** Two full names listed together ("A, B", "A and B"), one a likely person and the other no title-like run. */
function listedBeside(w: Words, a: Run, b: Run): boolean {
  if (a.words.length < 2 || b.words.length < 2 || (a.person >= 1) === (b.person >= 1) || a.possessive) return false;
  if (b.from - a.to < 1 || b.from - a.to > 2 || w.sentence[a.from] !== w.sentence[b.from]) return false;
  for (let t = a.to; t < b.from; t++) if (!w.lex.listJoiners.has(w.lower[t]!)) return false;
  const other = a.person >= 1 ? b : a;
  return !other.article && !other.quoted && !other.rank;
}

/**
 * The cast credits read again over the people found (credits.ts); a weak film title read from the text may
 * turn out to be a character's name ("Ethan Hawke embodies Reverend Toller"), so it does not stop a character.
 */
function revise(w: Words, f: PeopleResult, t: TitleResult, index: FilmIndex | null | undefined): PeopleResult {
  const named = fullNames(w, f.people, f.credits, f.runs, index);
  const weak = t.film && t.film.source === 'text' && t.film.confidence < 0.5 ? { ...t, film: null } : t;
  const revised = reviseCredits(w, named.people, named.credits, index, titleTokens(w, weak));
  return { people: revised.people, credits: revised.credits, runs: f.runs };
}

/**
 * The characters' names (lower case) when the text-read film title is one of them, or a person's name, so that
 * the titles are read again without them; null when the title stands.
 */
function titleCharacters(w: Words, film: FilmInfo, found: PeopleResult, likelyNames: ReadonlySet<string>, index: FilmIndex | null | undefined): Set<string> | null {
  const characters = new Set(found.credits.flatMap((c) => (c.character ? [c.character.toLowerCase()] : [])));
  // A weak title (named once, no sign of a title) that reads as a likely full name is a person too.
  // ("to see Rock Star": a verb of watching before it keeps it a title).
  const watched = film.mentions.some((m) => {
    const before = /(\p{L}+)\s+$/u.exec(w.text.slice(Math.max(0, m.start - 12), m.start));
    return before !== null && w.lex.watchVerbs.has(before[1]!.toLowerCase());
  });
  if (film.confidence < 0.5 && likelyNames.has(film.title) && !watched) characters.add(film.title.toLowerCase());
  // A title the film index knows as a person's name and not as a film's ("Errol Flynn (Robin Hood …)") is
  // that person.
  if (index && !index.rowsForKey(film.key).length && namesPeople(index, film.title, film.confidence)) characters.add(film.title.toLowerCase());
  return characters.has(film.title.toLowerCase()) ? characters : null;
}

/**
 * A "person" whose whole name is a film of the index and no credited person's ("Logan Lucky gives off …",
 * "Christopher Robin"): the film, not a person; the review's film when it read none surely.
 */
function filmsAmongPeople(index: FilmIndex, people: Person[], credits: readonly Credit[], chosen: FilmInfo | null): { people: Person[]; film: FilmInfo | null } {
  // (A name's title key is its lower case: no article, number or punctuation to normalise.)
  const films = people.filter((p) => p.name.includes(' ') && /^[\p{L} '’-]+$/u.test(p.name) && index.rowsForKey(p.name.toLowerCase()).length > 0 && !index.rowsForPerson(p.name).length && !credits.some((c) => c.person === p.name));
  if (!films.length) return { people, film: chosen };
  const drop = new Set(films.map((p) => p.name));
  const first = films[0]!;
  const film = !chosen || (chosen.source === 'text' && chosen.confidence < 0.5 && !index.rowsForKey(chosen.key).length) ? { title: first.name, key: titleKey(first.name), confidence: 0.5, source: 'text' as const, mentions: first.mentions } : chosen;
  return { people: people.filter((p) => !drop.has(p.name)), film };
}

/** The confidence of a text-read title on the least evidence that still names a film (titles.ts: 0.3 + 0.1 × votes). */
const WEAKEST_TITLE = 0.5;

/** A title read from the text on the least evidence: one plain mention, or two of one word. */
function weakTitle(film: FilmInfo): boolean {
  return film.source === 'text' && film.confidence <= WEAKEST_TITLE;
}

/** A weak title that no film of the index bears, by its key or an alias. */
function weakUnknown(film: FilmInfo, index: FilmIndex): boolean {
  return weakTitle(film) && index.rowsForKey(film.key).length === 0 && !titleAliases(film.title).some((a) => index.rowsForKey(a).length > 0);
}

/** The titles without the film's (its name no longer kept from the people). */
function withoutFilm(t: TitleResult): TitleResult {
  const names = new Set(t.titleNames);
  names.delete(t.film!.title.toLowerCase());
  names.delete(t.film!.key);
  for (const r of t.references) names.add(r.title.toLowerCase());
  return { film: null, references: t.references, chronology: t.chronology, titleNames: names };
}

/**
 * The entity stage as the card runs it: the text's reading, joined to the film index when the model has one
 * (the film's index id, year, directors and series, or `unlinked`; the index's credits for people the text names
 * without a role, marked `source: 'index'`; the linked film's characters dropped from the people).
 */
export function readEntities(ctx: EntityContext): Entities {
  const e = findEntities(ctx);
  const index = ctx.model?.films;
  if (!index) return e;
  const support = directingSupport(ctx.doc, ctx.lexicon.entities);
  let linked = linkEntities(ctx.doc.text, e, index, support);
  // The linked film's cast and crew named where the text's reading saw no person ("Owen Wilson plays …" read as
  // part of a title, a surname without a cue): people, with the index's roles.
  if (linked.link.status === 'linked') {
    const more = namedCredits(ctx.doc, e, index.credits(linked.link.film.row), ctx.lexicon.entities);
    if (more.length) {
      const withMore: Entities = { film: e.film, references: e.references, chronology: e.chronology, people: [...e.people, ...more], credits: e.credits };
      linked = linkEntities(ctx.doc.text, withMore, index, support);
    }
  }
  const kept = linked.people === e.people ? null : new Set(linked.people.map((p) => p.name));
  const own = kept ? e.credits.filter((c) => kept.has(c.person)) : e.credits;
  // A weak title that links to no film is seldom the film ("My Grade: D", "Korean War"; findEntities drops the
  // unknown ones before the people are read, this the index titles that did not link): no film rather than one made up.
  const film = linked.film && linked.link.status !== 'linked' && weakTitle(linked.film) ? null : linked.film;
  // (Spelt out, not spread: the entities keep one shape.)
  return { film, references: e.references, chronology: e.chronology, people: linked.people, credits: linked.credits.length ? [...own, ...linked.credits] : own };
}

/**
 * Mentions of the linked film's credited people that no person or film mention covers: the surname (after the
 * given name, or alone when it is no common word and follows no other capitalised word), as written.
 */
function namedCredits(doc: DocContext['doc'], e: Entities, credits: readonly FilmCredit[], lex: DocContext['lexicon']['entities']): Person[] {
  const bySurname = new Map<string, FilmCredit>();
  for (const c of credits) if (c.tokens.length >= 2) bySurname.set(c.tokens[c.tokens.length - 1]!, c);
  // A surname of a person already read is that person's, not another's.
  for (const p of e.people) bySurname.delete(p.name.split(' ').pop()!.toLowerCase());
  if (!bySurname.size) return [];
  const covered = coveredSpans(e);
  const { text, tokens } = doc;
  const found = new Map<string, Person>();
  for (let i = 0; i < tokens.count; i++) {
    const c0 = text.charCodeAt(tokens.start[i]!);
    if (c0 >= 65 && c0 <= 90) surnameAt(text, tokens, i, bySurname, lex, covered, found);
  }
  return [...found.values()];
}

/** The spans the text's reading gave to people, the film and the references, flat: start, end, start, end, … */
function coveredSpans(e: Entities): Int32Array {
  let n = e.film?.mentions.length ?? 0;
  for (const p of e.people) n += p.mentions.length;
  for (const r of e.references) n += r.mentions.length;
  const out = new Int32Array(2 * n);
  let k = 0;
  for (const p of e.people) k = putSpans(out, k, p.mentions);
  if (e.film) k = putSpans(out, k, e.film.mentions);
  for (const r of e.references) k = putSpans(out, k, r.mentions);
  return out;
}

function putSpans(out: Int32Array, k: number, spans: readonly Span[]): number {
  for (const m of spans) {
    out[k++] = m.start;
    out[k++] = m.end;
  }
  return k;
}

function overlapsAny(covered: Int32Array, a: number, b: number): boolean {
  for (let k = 0; k < covered.length; k += 2) if (covered[k]! < b && a < covered[k + 1]!) return true;
  return false;
}

/** A credited person's surname at capitalised token i, added to `found` (with the given name before it when written). */
function surnameAt(text: string, tokens: DocContext['doc']['tokens'], i: number, bySurname: Map<string, FilmCredit>, lex: DocContext['lexicon']['entities'], covered: Int32Array, found: Map<string, Person>): void {
  const raw = stripPossessive(text.slice(tokens.start[i]!, tokens.end[i]!));
  const credit = bySurname.get(raw.toLowerCase());
  // (Most capitalised words are no credited surname: the rest of the reading is a call away.)
  if (credit) creditedMention(text, tokens, i, raw, credit, lex, covered, found);
}

function creditedMention(text: string, tokens: DocContext['doc']['tokens'], i: number, raw: string, credit: FilmCredit, lex: DocContext['lexicon']['entities'], covered: Int32Array, found: Map<string, Person>): void {
  const end = tokens.start[i]! + raw.length;
  let start = tokens.start[i]!;
  const prev = i > 0 ? text.slice(tokens.start[i - 1]!, tokens.end[i - 1]!) : '';
  const adjacent = i > 0 && /^\s+$/.test(text.slice(tokens.end[i - 1]!, tokens.start[i]!));
  if (adjacent && prev.toLowerCase() === credit.tokens[0]) start = tokens.start[i - 1]!;
  else if ((adjacent && /^\p{Lu}/u.test(prev)) || lex.common.has(raw.toLowerCase())) return;
  if (overlapsAny(covered, start, end)) return;
  const name = text.slice(start, end);
  let p = found.get(name);
  if (!p) found.set(name, (p = { name, mentions: [] }));
  p.mentions.push({ start, end });
}

/**
 * Whether a title the index does not know is people's names by the index: "Errol Flynn", "Signe Hasso and Shelley
 * Winters" (every part a credited full name), or, weakly read, one word that is a credited surname ("Eastwood").
 */
function namesPeople(index: FilmIndex, title: string, confidence: number): boolean {
  const parts = title.split(/\s+(?:and|&)\s+|,\s*/);
  if (parts.every((p) => p.includes(' ') && index.rowsForPerson(p).length > 0)) return true;
  return confidence <= 0.5 && !title.includes(' ') && /^\p{Lu}\p{Ll}+$/u.test(title) && index.hasSurname(title);
}

/** Sentences that speak of directing, read only where an index director is named (rare, so lazily). */
function directingSupport(doc: DocContext['doc'], lex: DocContext['lexicon']['entities']): LinkSupport {
  const { sentences, tokens, text } = doc;
  return {
    directingAt(offset) {
      let lo = 0;
      let hi = sentences.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (sentences[mid]!.start <= offset) lo = mid;
        else hi = mid - 1;
      }
      const s = sentences[lo];
      if (!s) return false;
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        const lw = text.slice(tokens.start[i]!, tokens.end[i]!).toLowerCase();
        if (lex.roleNouns.get(lw) === 'director' || lex.byRoles.get(lw) === 'director' || (lex.cueFlags.get(lw) ?? 0) & CUE.directing) return true;
      }
      return false;
    },
  };
}

/** People and credits, with the tokens of the film's and the references' mentions kept out of names. */
function peopleWithTitles(w: Words, titles: TitleResult, first: Run[], judged?: readonly number[]): PeopleResult {
  const notPeople = new Set(titles.titleNames);
  if (titles.film) for (const x of titles.film.title.toLowerCase().split(/\s+/)) if (titles.film.title.split(/\s+/).length === 1) notPeople.add(x);
  return findPeople(w, notPeople, titleTokens(w, titles), first, judged);
}

/** Tokens inside the film's and the references' mentions: titles, not names. */
function titleTokens(w: Words, titles: TitleResult): Uint8Array {
  const titleTokens = new Uint8Array(w.n);
  const spans = [...(titles.film?.mentions ?? []), ...titles.references.flatMap((r) => r.mentions)].sort((a, b) => a.start - b.start);
  let si = 0;
  for (let i = 0; i < w.n && si < spans.length; i++) {
    while (si < spans.length && spans[si]!.end <= w.start[i]!) si++;
    const sp = spans[si];
    if (sp && sp.start <= w.start[i]! && w.end[i]! <= sp.end) titleTokens[i] = 1;
  }
  return titleTokens;
}
