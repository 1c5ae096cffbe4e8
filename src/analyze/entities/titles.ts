/**
 * Titles: the film under review, other films and series named, the franchise, chronology, and `titleKey`.
 */
import type { ChronologyEdge, FilmInfo, FilmReference, Span } from '../card.ts';
import type { Doc } from '../text/index.ts';
import { TokenKind } from '../text/index.ts';
import { CUE } from '../lexicon.ts';
import type { Words } from './words.ts';

const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7', viii: '8', ix: '9', x: '10' };
/** Part words of numbered titles: part of the key rule the store shares, so code, not model data. */
const PART_WORDS = new Set(['chapter', 'part', 'episode', 'vol', 'volume', 'chapters', 'parts']);
const NUMBER_WORDS: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10' };
const SEPARATOR = /\s*(?::|\s[-–—]{1,2}\s|\s--\s|\s-\s)\s*/;
const NON_WORD = /[^\p{L}\p{N}\s]+/gu;
const DIACRITICS = /\p{M}+/gu;

function words(s: string): string[] {
  // ASCII has no decompositions and no marks: NFKD leaves it as it is.
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) if (s.charCodeAt(i) > 127) ascii = false;
  return (ascii ? s : s.normalize('NFKD').replace(DIACRITICS, ''))
    .toLowerCase()
    .replace(/&/g, ' and ')
    // ("A Bug?s Life", "Don?t Look Now": an apostrophe lost to a bad encoding.)
    .replace(/['’]|(?<=\p{L})\?(?=[st]\b)/gu, '')
    .replace(NON_WORD, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

function numberOf(word: string): string | null {
  if (/^\d+$/.test(word)) return String(Number(word));
  return ROMAN[word] ?? NUMBER_WORDS[word] ?? null;
}

/**
 * Normalised key of a film title, the same for the variants of one title: case, accents, punctuation, dashes,
 * "&"/"and", a leading article and a year in brackets do not count; a numbered entry keys as franchise + number
 * ("John Wick: Chapter 3 -- Parabellum", "John Wick: Chapter 3 – Parabellum" and "John Wick 3" → "john wick 3").
 * A subtitle alone ("Parabellum") keys as itself; `titleAliases` gives a numbered title's subtitle key too.
 */
export function titleKey(title: string): string {
  const simple = simpleKey(title);
  if (simple !== null) return simple;
  const t = title.replace(/\(\s*(?:19|20)\d\d\s*\)/g, ' ').trim();
  const parts = t.split(SEPARATOR);
  const main = words(parts[0] ?? '');
  let rest: string[] = [];
  for (let p = 1; p < parts.length; p++) rest = rest.concat(words(parts[p]!));
  // Franchise + number: "john wick chapter 3 …", "john wick 3", "star wars episode iv …".
  const all = main.concat(rest);
  for (let i = 1; i < all.length; i++) {
    const isPart = PART_WORDS.has(all[i]!);
    const n = isPart ? (i + 1 < all.length ? numberOf(all[i + 1]!) : null) : /^\d+$|^(?:ii|iii|iv|vi|vii|viii|ix)$/.test(all[i]!) ? numberOf(all[i]!) : null;
    if (n && i <= main.length) {
      const base = stripArticle(all.slice(0, i));
      if (base.length) return `${base.join(' ')} ${n}`;
    }
  }
  const key = stripArticle(main.concat(rest));
  return key.join(' ');
}

/**
 * titleKey of plain ASCII words joined by single spaces with no part word or roman numeral after the first (most
 * titles), in one pass over the characters; null for any other title. (A word that cannot be a part word or a
 * numeral, by its length or first letter, is not looked up: the full rule keys such a title the same way.)
 */
function simpleKey(title: string): string | null {
  const len = title.length;
  let from = 0;
  let count = 0;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? title.charCodeAt(i) : 32;
    if (c === 32) {
      if (i === from) return null;
      const c0 = title.charCodeAt(from) | 32;
      // Part words start with c, p, e or v and have at most 8 letters; the numerals i, v or x and at most 4.
      if (count > 0 && i - from <= 8 && (c0 === 99 || c0 === 112 || c0 === 101 || c0 === 118 || c0 === 105 || c0 === 120) && partOrNumeral(title.slice(from, i))) return null;
      count++;
      from = i + 1;
    } else if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return null;
  }
  const lower = title.toLowerCase();
  // A leading article goes, by one slice for the three: a rare "A …" or "An …" title meets a call already made.
  const article = count < 2 ? 0 : lower.startsWith('the ') ? 4 : lower.startsWith('a ') ? 2 : lower.startsWith('an ') ? 3 : 0;
  return article > 0 ? lower.slice(article) : lower;
}

/** Is this word (of ASCII letters) a part word or a roman numeral? (Few titles reach it: one call site for simpleKey to meet late, not two.) */
function partOrNumeral(word: string): boolean {
  const x = word.toLowerCase();
  return PART_WORDS.has(x) || ROMAN[x] !== undefined;
}

/** Other keys one title may be known by: a numbered title's subtitle ("Parabellum"). */
export function titleAliases(title: string): string[] {
  const parts = title.split(SEPARATOR);
  const out = new Set<string>([titleKey(title)]);
  if (parts.length > 1) {
    const last = stripArticle(withoutParts(words(parts[parts.length - 1]!)));
    if (last.length) out.add(last.join(' '));
  }
  return [...out];
}

/** The words without part words and the numbers after them ("chapter 3 parabellum" → "parabellum"). */
function withoutParts(ws: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) if (!(PART_WORDS.has(ws[i]!) || (i > 0 && PART_WORDS.has(ws[i - 1]!) && numberOf(ws[i]!)))) out.push(ws[i]!);
  return out;
}

function stripArticle(ws: string[]): string[] {
  return ws.length > 1 && (ws[0] === 'the' || ws[0] === 'a' || ws[0] === 'an') ? ws.slice(1) : ws;
}

/** A candidate title: a capitalised run that may hold short function words ("War of the Worlds"). */
interface Candidate {
  from: number;
  to: number;
  title: string;
  key: string;
  quoted: boolean;
  allCaps: boolean;
  subject: boolean;
  possessive: boolean;
  sentence: number;
  /** Next word after the run, lower-case ('' when none). */
  next: string;
  prev: string;
}

const QUOTE_MARKS = new Set(['"', '“', '”', '«', '»']);

function isTitleTok(w: Words, i: number): boolean {
  if (w.kind[i] === TokenKind.number) return true;
  return w.kind[i] === TokenKind.word && (w.shape[i] === 1 || w.shape[i] === 3 || (w.shape[i] === 2 && w.word[i] !== 'I'));
}

function pushCandidate(w: Words, out: Candidate[], from: number, to: number): void {
  const sent = w.sentence[from]!;
  // Trim trailing numbers that are not part of a title word run (keep "Iron Eagle IV", "Chapter 3").
  let end = to;
  while (end > from + 1 && w.kind[end - 1] !== TokenKind.word) end--;
  const title = w.text.slice(w.start[from]!, w.wordEnd[end - 1]!);
  let quoted = true;
  let allCaps = true;
  for (let k = from; k < end; k++) {
    if (!w.quoted[k]) quoted = false;
    if (w.kind[k] === TokenKind.word && w.shape[k] !== 3) allCaps = false;
  }
  // Look past the quotes around a title: '"Color Me Barbra" has …'.
  const ni = end < w.n && QUOTE_MARKS.has(w.word[end]!) ? end + 1 : end;
  const next = ni < w.n && w.sentence[ni] === sent ? w.lower[ni]! : '';
  const prevIdx = from - 1 >= 0 && QUOTE_MARKS.has(w.word[from - 1]!) ? from - 2 : from - 1;
  const prev = prevIdx >= 0 && w.sentence[prevIdx] === sent ? w.lower[prevIdx]! : '';
  const startsClause = w.initial[from] === 1 || prev === ',' || prev === '...' || prev === '…';
  out.push({
    from,
    to: end,
    title,
    key: '',
    quoted,
    allCaps,
    possessive: w.possessive[end - 1] === 1,
    subject: w.possessive[end - 1] === 1 ? w.lex.filmPossessed.has(next) : startsClause && w.lex.subjectNext.has(next),
    sentence: sent!,
    next,
    prev,
  });
}

/** titleKey with a per-document cache: a review repeats its titles. */
function cachedKey(keys: Map<string, string>, title: string): string {
  let k = keys.get(title);
  if (k === undefined) {
    k = titleKey(title);
    keys.set(title, k);
  }
  return k;
}

/** Candidate titles, without their keys (findTitles fills them once junk is gone). */
function findCandidates(w: Words): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  while (i < w.n) {
    if (!(w.kind[i] === TokenKind.word && (w.shape[i] === 1 || w.shape[i] === 3 || (w.shape[i] === 2 && w.word[i] !== 'I')))) {
      i++;
      continue;
    }
    const from = i;
    const to = w.possessive[i] ? i + 1 : titleRunEnd(w, from);
    pushCandidate(w, out, titleRunStart(w, from, to), to);
    i = Math.max(to, from + 1);
  }
  if (w.quotes.length > 0) pushQuotedCandidates(w, out);
  return out;
}

/** End of the capitalised run that starts at `from`, through connectors, a colon or a comma inside a title. */
function titleRunEnd(w: Words, from: number): number {
  const sent = w.sentence[from];
  let to = from + 1;
  while (to < w.n && w.sentence[to] === sent && to - from < 12) {
    if (isTitleTok(w, to)) {
      to++;
      if (w.possessive[to - 1]) break;
      continue;
    }
    // Connectors or a colon inside a title, when a title word follows ("War of the Worlds"); not "and" after a
    // number, which joins two titles ("Chapter 3 and John Wick: Chapter 4").
    if (w.kind[to - 1] === TokenKind.number && (w.lower[to] === 'and' || w.lower[to] === '&' || w.lower[to] === 'or')) break;
    let k = to;
    while (k < w.n && k - to < 3 && w.sentence[k] === sent && (w.lex.connectors.has(w.lower[k]!) || (k === to && w.lower[k] === ':')) && w.shape[k] !== 1 && w.shape[k] !== 3) k++;
    if (k > to && k < w.n && w.sentence[k] === sent && isTitleTok(w, k) && w.kind[k] !== TokenKind.number && !(w.lower[to] === ':' && PART_WORDS.has(w.lower[k]!))) {
      to = k + 1;
      if (w.possessive[to - 1]) break;
      continue;
    }
    // A comma inside a title: "Three Billboards Outside Ebbing, Missouri is …", "Port of Call, New Orleans is …".
    if (w.word[to] === ',' && to - from >= 2 && isTitleTok(w, to + 1)) {
      const e2 = commaTitleEnd(w, to, sent!);
      if (e2 >= 0) {
        to = e2;
        continue;
      }
    }
    break;
  }
  return to;
}

/** Where a title that runs on past the comma at `comma` ends (its verb follows), or -1 when it does not. */
function commaTitleEnd(w: Words, comma: number, sent: number): number {
  let e2 = comma + 1;
  while (e2 < w.n && e2 - comma <= 2 && w.sentence[e2] === sent && w.kind[e2] === TokenKind.word && w.shape[e2] === 1) e2++;
  return e2 < w.n && (w.lex.subjectNext.has(w.lower[e2]!) || thirdPersonVerb(w, e2)) ? e2 : -1;
}

/** Start of the title in the run `[from, to)`: past leading function words and a sentence-initial verb. */
function titleRunStart(w: Words, from: number, to: number): number {
  // Leading function words ("What Eastwood", "In You") are not part of a title; articles are.
  let start = from;
  while (start < to - 1 && w.lex.leaders.has(w.lower[start]!) && !(w.lower[start] === 'in' && w.shape[start] === 3) && !w.quoted[start]) start++;
  // "Mark The Dressmaker as …", "Watch The Wire": a sentence-initial word right before a capitalised article
  // (a verb, a name) is not part of the title that the article starts.
  if (start === from && w.initial[from] && to - from >= 3 && (w.word[from + 1] === 'The' || w.word[from + 1] === 'A') && !w.quoted[from] && w.word[from] !== 'The' && w.word[from] !== 'A') start = from + 1;
  return start;
}

/** A token span `[from, to)` as one number, for a set of spans. */
function spanKey(w: Words, from: number, to: number): number {
  return from * (w.n + 1) + to;
}

/** A short quoted or emphasised stretch that starts with a capital is a title as a whole. */
function pushQuotedCandidates(w: Words, out: Candidate[]): void {
  // (Spans already found, as a set: one lookup per quote rather than a scan of every candidate.)
  const found = new Set<number>();
  for (const c of out) found.add(spanKey(w, c.from, c.to));
  for (const [a, b] of w.quotes) {
    if (!(w.shape[a] === 1 || w.shape[a] === 3 || w.shape[a] === 2)) continue;
    let end = b;
    while (end > a + 1 && w.kind[end - 1] === TokenKind.punct) end--;
    if (found.has(spanKey(w, a, end))) continue;
    found.add(spanKey(w, a, end));
    const title = w.text.slice(w.start[a]!, w.end[end - 1]!);
    const sent = w.sentence[a]!;
    const next = b + 1 < w.n && w.sentence[b + 1] === sent ? w.lower[b + 1]! : '';
    const prev = a - 2 >= 0 && w.sentence[a - 2] === sent ? w.lower[a - 2]! : '';
    let allCaps = true;
    for (let k = a; k < end; k++) if (w.kind[k] === TokenKind.word && w.shape[k] !== 3) allCaps = false;
    out.push({ from: a, to: end, title, key: '', quoted: true, allCaps, possessive: false, subject: w.lex.subjectNext.has(next), sentence: sent, next, prev });
  }
}

/** A lower-case verb in the third person after a title ("… Missouri unfolds as …"). */
function thirdPersonVerb(w: Words, i: number): boolean {
  const x = w.lower[i]!;
  return w.kind[i] === TokenKind.word && w.shape[i] === 0 && x.length > 4 && x.endsWith('s') && !x.endsWith('ss') && !x.endsWith('ous') && !w.lex.stop.has(x) && w.lex.common.has(x.slice(0, -1));
}

function looksLikePerson(c: Candidate, w: Words): boolean {
  // (Over the word tokens in place: no array of words.)
  let count = 0;
  let first = -1;
  for (let k = c.from; k < c.to; k++) if (w.kind[k] === TokenKind.word && count++ === 0) first = k;
  if (count === 1) return w.lex.given.has(w.word[first]!);
  if (count < 2 || count > 3 || !w.lex.given.has(w.word[first]!)) return false;
  for (let k = c.from; k < c.to; k++) if (w.kind[k] === TokenKind.word && w.lex.stop.has(w.lower[k]!)) return false;
  return true;
}

/** Junk candidates: a lone sentence-initial common word ("However"), shouted common words, role words. */
function junk(c: Candidate, w: Words): boolean {
  // The word tokens' count, first two and whether all are function words, in one pass (no array of words).
  let count = 0;
  let first = '';
  let second = '';
  let allStop = true;
  for (let k = c.from; k < c.to; k++) {
    if (w.kind[k] !== TokenKind.word) continue;
    const x = w.lower[k]!;
    if (count === 0) first = x;
    else if (count === 1) second = x;
    count++;
    if (allStop && !w.lex.stop.has(x)) allStop = false;
  }
  if (count === 0) return true;
  if (allStop) return true;
  if (count === 1) {
    const x = first;
    if (w.initial[c.from] && (w.lex.common.has(x) || w.lex.stop.has(x)) && !c.quoted) return true;
    if (x.length < 2) return true;
  }
  // A shouted sentence ("DO NOT SEE THIS MOVIE") is not a title.
  const sentStart = w.initial[c.from] === 1;
  const sentEnds = c.to >= w.n || w.sentence[c.to] !== c.sentence || w.kind[c.to] === TokenKind.punct && (c.to + 1 >= w.n || w.sentence[c.to + 1] !== c.sentence);
  if (c.allCaps && !c.quoted && sentStart && sentEnds && count > 2) return true;
  // "Agent Horrigan" is a character; "Queen of the Damned", "Father of the Bride" are titles; a rank alone ("Sir",
  // "Captain") addresses a character, and is a title only quoted.
  if (w.lex.ranks.has(first) && (count === 1 ? !c.quoted : !w.lex.connectors.has(second))) return true;
  if (c.allCaps && count === 1 && first.length <= 3 && !c.quoted) return true;
  return false;
}

export interface TitleResult {
  film: FilmInfo | null;
  references: FilmReference[];
  chronology: ChronologyEdge[];
  /** Lower-case names that are titles, for the person recogniser. */
  titleNames: Set<string>;
}

function cleanMetaTitle(raw: string): string {
  let t = raw.replace(/\s+/g, ' ').trim();
  // "Ballerina review: …", "Film Review | Site", "Ballerina (2025) - Site".
  t = t.split(/\s[|·•]\s/)[0]!;
  const m = /^(.*?)\s+(?:movie\s+|film\s+)?review\b/i.exec(t);
  // "Dune: Part Two — review": the dash before "review" goes with it.
  if (m && m[1]) t = m[1].replace(/\s*[:\-–—]+$/, '');
  t = t.replace(/^(?:movie\s+|film\s+)?review\s*[:\-–—]\s*/i, '');
  t = t.replace(/\s[-–—]\s[^-–—]*$/, dropSiteSuffix);
  t = t.replace(/\(\s*\d{4}\s*\)/, '').trim();
  return t.replace(/^["“'‘]|["”'’]$/g, '').trim();
}

/** A dashed tail that names the site or the year ("- Site.com", "– 2025") goes; another stays. */
function dropSiteSuffix(tail: string): string {
  return /\d{4}|review|critic|\.com/i.test(tail) ? '' : tail;
}

function findMentions(text: string, lowerText: string, title: string): Span[] {
  const out: Span[] = [];
  const forms = new Set<string>();
  for (const form of [title, title.split(SEPARATOR)[0]!]) {
    const f = form.trim();
    if (f.length >= 2) forms.add(f);
  }
  for (const f of forms) {
    const lf = f.toLowerCase();
    let at = lowerText.indexOf(lf);
    while (at >= 0 && out.length < 200) {
      const before = at > 0 ? text[at - 1]! : ' ';
      const after = text[at + lf.length] ?? ' ';
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after) && !covers(out, at)) out.push({ start: at, end: at + lf.length });
      at = lowerText.indexOf(lf, at + lf.length);
    }
  }
  return out.sort(byStart);
}

/** Does one of `spans` hold the offset `at`? */
function covers(spans: Span[], at: number): boolean {
  for (const s of spans) if (s.start <= at && at < s.end) return true;
  return false;
}

function byStart(a: Span, b: Span): number {
  return a.start - b.start;
}

const CHRONO = /\b(between|prequel to|sequel to|set (?:before|after)|takes? place (?:before|after)|taking place (?:before|after)|follows the events of|following the events of|picks up where|picking up where)\b/;

interface Franchise {
  name: string;
  evidence: Span;
}

/** No candidate reads as a person's name (findTitles' default). */
function noPerson(): boolean {
  return false;
}

/**
 * The film under review, other films named, the franchise and the chronology. Each step is its own function,
 * so that a rare path met late (a deopt) costs V8 the recompile of one small step, not of the whole.
 */
export function findTitles(doc: Doc, w: Words, metaTitle: string | undefined, personish: (from: number, to: number) => boolean = noPerson): TitleResult {
  const candidates = titleCandidates(w);
  const franchise = findFranchise(w, candidates);
  const refs = findReferences(w, candidates, franchise);
  const film = givenFilm(doc, metaTitle) ?? textFilm(w, candidates, refs, franchise, personish);
  const titleNames = new Set<string>();
  if (film) {
    if (franchise && titleKey(franchise.name) !== film.key) film.franchise = franchise;
    titleNames.add(film.title.toLowerCase());
    titleNames.add(film.key);
    refs.delete(film.key);
  }
  if (franchise) titleNames.add(franchise.name.toLowerCase());
  const references = [...refs.values()];
  const chronology = findChronology(doc, w, references);
  for (const r of references) titleNames.add(r.title.toLowerCase());
  return { film, references, chronology, titleNames };
}

/** The candidates that are not junk, with the review's topic words among them, keyed. */
function titleCandidates(w: Words): Candidate[] {
  const all = findCandidates(w);
  const candidates: Candidate[] = [];
  for (const c of all) if (!junk(c, w)) candidates.push(c);
  addTopicOpeners(w, all, candidates);
  const keys = new Map<string, string>();
  for (const c of candidates) c.key = cachedKey(keys, c.title);
  return candidates;
}

/**
 * A word that opens two or more sentences as their subject and is never written in lower case is the review's
 * topic even when it is a common word ("Committed stars …", "Committed was not …"): its junk candidates count.
 */
function addTopicOpeners(w: Words, all: Candidate[], candidates: Candidate[]): void {
  const openers = new Map<string, Candidate[]>();
  for (const c of all) {
    if (c.to - c.from === 1 && w.initial[c.from] && w.lex.subjectNext.has(c.next) && w.lex.common.has(w.lower[c.from]!) && !w.lex.stop.has(w.lower[c.from]!)) {
      const list = openers.get(w.lower[c.from]!) ?? [];
      list.push(c);
      openers.set(w.lower[c.from]!, list);
    }
  }
  for (const [word, list] of openers) {
    if (list.length < 2) continue;
    let lower = false;
    for (let i = 0; i < w.n && !lower; i++) if (w.lower[i] === word && w.shape[i] === 0) lower = true;
    if (!lower) for (const c of list) if (!candidates.includes(c)) candidates.push(c);
  }
}

/** Franchise: a name followed by a franchise noun ("the John Wick franchise", "the second John Wick spin-off"). */
function findFranchise(w: Words, candidates: Candidate[]): Franchise | undefined {
  const votes = new Map<string, { name: string; count: number; evidence: Span }>();
  for (const c of candidates) {
    if (!w.lex.franchiseNouns.has(c.next) || c.allCaps || looksLikePerson(c, w) && c.to - c.from < 2) continue;
    // "Duvivier's movie": a filmmaker's name, not a franchise.
    if (c.possessive && (c.next === 'movie' || c.next === 'film')) continue;
    const name = c.title.replace(/^(?:The|A|An)\s+/, '');
    const key = titleKey(name);
    if (!key) continue;
    const v = votes.get(key) ?? { name, count: 0, evidence: { start: w.start[c.from]!, end: w.end[c.to]! } };
    v.count += 1 + 0.1 * name.split(' ').length;
    votes.set(key, v);
  }
  let franchise: Franchise | undefined;
  let best = 0;
  for (const v of votes.values()) {
    if (v.count > best) {
      best = v.count;
      franchise = { name: v.name, evidence: v.evidence };
    }
  }
  return franchise;
}

/** References: numbered chapters and series ("John Wick: Chapter 3", "the Fargo series"), by title key. */
function findReferences(w: Words, candidates: Candidate[], franchise: Franchise | undefined): Map<string, FilmReference> {
  const refs = new Map<string, FilmReference>();
  for (let i = 0; i + 1 < w.n; i++) {
    if (!(w.cue[i]! & (CUE.part | CUE.series))) continue;
    if (PART_WORDS.has(w.lower[i]!) && w.shape[i] === 1 && w.kind[i + 1] === TokenKind.number) addChapterRefs(w, candidates, franchise, refs, i);
    if (w.cue[i]! & CUE.series && i > 0) addSeriesRef(w, candidates, refs, i);
  }
  return refs;
}

/** The numbered chapters at the part word `i`: "John Wick: Chapter 3", "Parts 1 and 2" of the franchise. */
function addChapterRefs(w: Words, candidates: Candidate[], franchise: Franchise | undefined, refs: Map<string, FilmReference>, i: number): void {
  const l = w.lower[i]!;
  // Prefix: "John Wick: Chapter 3" or the franchise.
  let prefix = franchise?.name ?? '';
  const before = i >= 2 && w.word[i - 1] === ':' ? candidateEndingAt(candidates, i - 1) : undefined;
  if (before) prefix = before.title;
  const unit = l.startsWith('chapter') ? 'Chapter' : l.startsWith('part') ? 'Part' : l.startsWith('episode') ? 'Episode' : 'Volume';
  const spanFrom = before?.from ?? i;
  addChapterRef(w, refs, prefix, unit, spanFrom, i + 1);
  if (l.endsWith('s') && i + 3 < w.n && (w.lower[i + 2] === 'and' || w.lower[i + 2] === '&' || w.word[i + 2] === ',') && w.kind[i + 3] === TokenKind.number) {
    addChapterRef(w, refs, prefix, unit, spanFrom, i + 3);
  }
}

/** The chapter numbered by the token `num`, its mention from the token `spanFrom` through `num`. */
function addChapterRef(w: Words, refs: Map<string, FilmReference>, prefix: string, unit: string, spanFrom: number, num: number): void {
  const title = prefix ? `${prefix}: ${unit} ${w.word[num]!}` : `${unit} ${w.word[num]!}`;
  addRef(refs, title, 'film', { start: w.start[spanFrom]!, end: w.end[num]! });
}

/** The series named before the series noun `i` ("the Fargo series"), unless it reads as a person's name. */
function addSeriesRef(w: Words, candidates: Candidate[], refs: Map<string, FilmReference>, i: number): void {
  const c = candidateEndingAt(candidates, i);
  if (!c || looksLikePerson(c, w)) return;
  const article = i - (c.to - c.from) - 1 >= 0 && w.lower[c.from - 1] === 'the';
  addRef(refs, article && !/^the\s/i.test(c.title) ? `The ${c.title}` : c.title, 'series', { start: w.start[c.from]!, end: w.end[i]! });
}

/** The first candidate whose run ends at the token `to`. */
function candidateEndingAt(candidates: Candidate[], to: number): Candidate | undefined {
  for (const c of candidates) if (c.to === to) return c;
  return undefined;
}

function addRef(refs: Map<string, FilmReference>, title: string, kind: 'film' | 'series', span: Span): void {
  const key = titleKey(title);
  if (!key) return;
  const r = refs.get(key) ?? { title, key, kind, mentions: [] };
  if (!startsAt(r.mentions, span.start)) r.mentions.push(span);
  refs.set(key, r);
}

/** Does one of `spans` start at `start`? */
function startsAt(spans: Span[], start: number): boolean {
  for (const s of spans) if (s.start === start) return true;
  return false;
}

/** The film as the caller's metadata, the HTML head or the Markdown heading name it; null when none does. */
function givenFilm(doc: Doc, metaTitle: string | undefined): FilmInfo | null {
  const text = doc.text;
  if (metaTitle?.trim()) {
    const title = metaTitle.trim();
    return { title, key: titleKey(title), confidence: 1, source: 'metadata', mentions: findMentions(text, text.toLowerCase(), title) };
  }
  const htmlTitle = doc.meta.ogTitle ?? doc.meta.h1 ?? doc.meta.title;
  const title = htmlTitle ? cleanMetaTitle(htmlTitle) : '';
  if (!title) return null;
  return { title, key: titleKey(title), confidence: 0.9, source: doc.format === 'markdown' ? 'markdown' : 'html', mentions: findMentions(text, text.toLowerCase(), title) };
}

interface FilmVote {
  c: Candidate;
  score: number;
  best: number;
  count: number;
  mentions: Span[];
}

/** The film under review read from the text: the candidate title with the best votes, if they are enough. */
function textFilm(w: Words, candidates: Candidate[], refs: Map<string, FilmReference>, franchise: Franchise | undefined, personish: (from: number, to: number) => boolean): FilmInfo | null {
  const votes = new Map<string, FilmVote>();
  const franchiseKey = franchise ? titleKey(franchise.name) : '';
  for (const c of candidates) {
    if (looksLikePerson(c, w) || c.key === franchiseKey || refs.has(c.key)) continue;
    // (The two compares first: made for every candidate, they are not a path that optimised code meets late.)
    if (c.next !== 'film' && c.next !== 'movie' && w.lex.franchiseNouns.has(c.next)) continue;
    const s = titleScore(w, c);
    if (personish(c.from, c.to) || s <= 0) continue;
    const v = votes.get(c.key) ?? { c, score: 0, best: 0, count: 0, mentions: [] };
    v.score += s;
    v.best = Math.max(v.best, s);
    v.count++;
    v.mentions.push({ start: w.start[c.from]!, end: w.wordEnd[c.to - 1]! });
    votes.set(c.key, v);
  }
  mergeShortForms(votes);
  let top: FilmVote | undefined;
  for (const v of votes.values()) {
    if (!top || v.score > top.score || (v.score === top.score && (v.best > top.best || (v.best === top.best && v.c.from < top.c.from)))) top = v;
  }
  if (!top || top.score < 1.5) return null;
  // Every mention of the title counts as a mention, even one whose context read like a person's.
  const mentions = mentionsOfKey(w, candidates, top.c.key);
  return { title: top.c.title, key: top.c.key, confidence: Math.min(0.95, Math.round((0.3 + 0.1 * top.score) * 100) / 100), source: 'text', mentions };
}

/**
 * A title written in full once and, quoted, by its last words elsewhere ("The Bourne Ultimatum", then 'Ultimatum')
 * is one film: the short form's votes go to the longest full title. (Only quoted: a character's name ends many
 * capitalised runs, "Heroine Amber" and "Amber".)
 */
function mergeShortForms(votes: Map<string, FilmVote>): void {
  if (votes.size < 2) return;
  for (const [short, v] of votes) {
    if (short.length < 4 || !v.c.quoted) continue;
    let full: FilmVote | undefined;
    for (const [key, u] of votes) if (key !== short && key.endsWith(` ${short}`) && !afterColon(u.c.title, v.c.title) && (!full || key.length > full.c.key.length)) full = u;
    // Two readings of one mention ('"I Fall in Love Too Easily"' and its tail) are not two mentions.
    if (!full || v.mentions.some((m) => full.mentions.some((f) => f.start < m.end && m.start < f.end))) continue;
    full.score += v.score;
    full.best = Math.max(full.best, v.best);
    full.count += v.count;
    full.mentions.push(...v.mentions);
    votes.delete(short);
  }
}

/** Whether `short` ends `full` after a colon: a label ("OVERALL: Stripperella") or a subtitle, not a short form. */
function afterColon(full: string, short: string): boolean {
  return full.length > short.length && full.slice(0, full.length - short.length).trimEnd().endsWith(':');
}

/** The spans of the candidates keyed `key`, in text order. */
function mentionsOfKey(w: Words, candidates: Candidate[], key: string): Span[] {
  const out: Span[] = [];
  for (const c of candidates) if (c.key === key) out.push({ start: w.start[c.from]!, end: w.wordEnd[c.to - 1]! });
  return out.sort(byStart);
}

/** How strongly a candidate reads as the film under review (a title in the subject's place, quoted, …). */
function titleScore(w: Words, c: Candidate): number {
  const size = c.to - c.from;
  let s = 1;
  if (c.quoted) s += 1.5;
  if (w.lex.subjectNext.has(c.next) || (c.possessive && w.lex.filmPossessed.has(c.next))) s += 1;
  if (c.subject) s += 0.5;
  if (size >= 2 && !c.allCaps) s += 0.5;
  if (c.allCaps && c.title.length > 2 && !c.quoted) s += size === 1 && c.title.length <= 4 ? -0.5 : 1;
  if (w.paren[c.from]) s -= 1;
  if (c.allCaps && size === 1 && c.title.length <= 4 && c.quoted) s -= 1;
  // A long Title Case stretch is a heading or boilerplate ("Rated R for Strong Adult Themes …").
  if (size > 7 && !c.quoted) s -= 1;
  if (w.lex.referenceBefore.has(c.prev)) s -= 1.5;
  if (size === 1 && w.lex.common.has(w.lower[c.from]!) && !c.quoted && !c.allCaps) s -= 0.5;
  return s;
}

/** Chronology: statements that place the film among the references, each with its sentence. */
function findChronology(doc: Doc, w: Words, refList: FilmReference[]): ChronologyEdge[] {
  const chronology: ChronologyEdge[] = [];
  // An edge names a reference: without one (most reviews) no sentence needs reading.
  if (refList.length === 0) return chronology;
  const cueSentences = new Set<number>();
  for (let i = 0; i < w.n; i++) if (w.cue[i]! & CUE.chrono) cueSentences.add(w.sentence[i]!);
  for (const si of cueSentences) addChronology(doc, refList, doc.sentences[si]!, chronology);
  return chronology;
}

/** The edges that the sentence `s`, holding a chronology cue word, states (none when no cue phrase matches). */
function addChronology(doc: Doc, refList: FilmReference[], s: Span, chronology: ChronologyEdge[]): void {
  const m = CHRONO.exec(doc.text.slice(s.start, s.end).toLowerCase());
  if (!m) return;
  const uniq = referencesAfter(refList, s.start + m.index, s.end);
  const cue = m[1]!;
  const evidence = { start: s.start, end: s.end };
  if (cue === 'between') {
    if (uniq.length >= 2) {
      pushEdge(chronology, 'after', uniq[0]!, evidence);
      pushEdge(chronology, 'before', uniq[1]!, evidence);
    }
  } else if (uniq.length > 0) pushEdge(chronology, cue.includes('prequel') || cue.endsWith('before') ? 'before' : 'after', uniq[0]!, evidence);
}

/** The references mentioned within `[at, end)`, each once, in the order of their first mention there. */
function referencesAfter(refList: FilmReference[], at: number, end: number): FilmReference[] {
  const after: { r: FilmReference; x: Span }[] = [];
  for (const r of refList) for (const x of r.mentions) if (x.start >= at && x.end <= end) after.push({ r, x });
  after.sort(byMention);
  const uniq: FilmReference[] = [];
  for (const a of after) if (!uniq.includes(a.r)) uniq.push(a.r);
  return uniq;
}

function byMention(a: { x: Span }, b: { x: Span }): number {
  return a.x.start - b.x.start || a.x.end - b.x.end;
}

function pushEdge(chronology: ChronologyEdge[], relation: 'after' | 'before', r: FilmReference, evidence: Span): void {
  chronology.push({ relation, other: r.title, otherKey: r.key, evidence });
}
