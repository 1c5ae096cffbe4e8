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
    .replace(/['’]/g, '')
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
  let lower: string | null = null;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? title.charCodeAt(i) : 32;
    if (c === 32) {
      if (i === from) return null;
      const c0 = title.charCodeAt(from) | 32;
      // Part words start with c, p, e or v and have at most 8 letters; the numerals i, v or x and at most 4.
      if (count > 0 && i - from <= 8 && (c0 === 99 || c0 === 112 || c0 === 101 || c0 === 118 || c0 === 105 || c0 === 120)) {
        lower ??= title.toLowerCase();
        const x = lower.slice(from, i);
        if (PART_WORDS.has(x) || ROMAN[x] !== undefined) return null;
      }
      count++;
      from = i + 1;
    } else if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return null;
  }
  lower ??= title.toLowerCase();
  if (count > 1) {
    if (lower.startsWith('the ')) return lower.slice(4);
    if (lower.startsWith('a ')) return lower.slice(2);
    if (lower.startsWith('an ')) return lower.slice(3);
  }
  return lower;
}

/** Other keys one title may be known by: a numbered title's subtitle ("Parabellum"). */
export function titleAliases(title: string): string[] {
  const parts = title.split(SEPARATOR);
  const out = new Set<string>([titleKey(title)]);
  if (parts.length > 1) {
    const last = stripArticle(words(parts[parts.length - 1]!).filter((x, i, a) => !(PART_WORDS.has(x) || (i > 0 && PART_WORDS.has(a[i - 1]!) && numberOf(x)))));
    if (last.length) out.add(last.join(' '));
  }
  return [...out];
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
    const sent = w.sentence[i];
    let to = i + 1;
    if (!w.possessive[i]) {
      while (to < w.n && w.sentence[to] === sent && to - from < 12) {
        if (isTitleTok(w, to)) {
          to++;
          if (w.possessive[to - 1]) break;
          continue;
        }
        // Connectors or a colon inside a title, when a title word follows ("War of the Worlds").
        let k = to;
        while (k < w.n && k - to < 3 && w.sentence[k] === sent && (w.lex.connectors.has(w.lower[k]!) || (k === to && w.lower[k] === ':')) && w.shape[k] !== 1 && w.shape[k] !== 3) k++;
        if (k > to && k < w.n && w.sentence[k] === sent && isTitleTok(w, k) && w.kind[k] !== TokenKind.number && !(w.lower[to] === ':' && PART_WORDS.has(w.lower[k]!))) {
          to = k + 1;
          if (w.possessive[to - 1]) break;
          continue;
        }
        // A comma inside a title: "Three Billboards Outside Ebbing, Missouri is …", "Port of Call, New Orleans is …".
        if (w.word[to] === ',' && to - from >= 2 && isTitleTok(w, to + 1)) {
          let e2 = to + 1;
          while (e2 < w.n && e2 - to <= 2 && w.sentence[e2] === sent && w.kind[e2] === TokenKind.word && w.shape[e2] === 1) e2++;
          if (e2 < w.n && (w.lex.subjectNext.has(w.lower[e2]!) || thirdPersonVerb(w, e2))) {
            to = e2;
            continue;
          }
        }
        break;
      }
    }
    // Leading function words ("What Eastwood", "In You") are not part of a title; articles are.
    let start = from;
    while (start < to - 1 && w.lex.leaders.has(w.lower[start]!) && !(w.lower[start] === 'in' && w.shape[start] === 3) && !w.quoted[start]) start++;
    // "Mark The Dressmaker as …", "Watch The Wire": a sentence-initial word right before a capitalised article
    // (a verb, a name) is not part of the title that the article starts.
    if (start === from && w.initial[from] && to - from >= 3 && (w.word[from + 1] === 'The' || w.word[from + 1] === 'A') && !w.quoted[from] && w.word[from] !== 'The' && w.word[from] !== 'A') start = from + 1;
    pushCandidate(w, out, start, to);
    i = Math.max(to, from + 1);
  }
  // A short quoted or emphasised stretch that starts with a capital is a title as a whole.
  // (Spans already found, as a set: one lookup per quote rather than a scan of every candidate.)
  const found = new Set<number>();
  const spanKey = (from: number, to: number): number => from * (w.n + 1) + to;
  if (w.quotes.length > 0) for (const c of out) found.add(spanKey(c.from, c.to));
  for (const [a, b] of w.quotes) {
    if (!(w.shape[a] === 1 || w.shape[a] === 3 || w.shape[a] === 2)) continue;
    let end = b;
    while (end > a + 1 && w.kind[end - 1] === TokenKind.punct) end--;
    if (found.has(spanKey(a, end))) continue;
    found.add(spanKey(a, end));
    const title = w.text.slice(w.start[a]!, w.end[end - 1]!);
    const sent = w.sentence[a]!;
    const next = b + 1 < w.n && w.sentence[b + 1] === sent ? w.lower[b + 1]! : '';
    const prev = a - 2 >= 0 && w.sentence[a - 2] === sent ? w.lower[a - 2]! : '';
    let allCaps = true;
    for (let k = a; k < end; k++) if (w.kind[k] === TokenKind.word && w.shape[k] !== 3) allCaps = false;
    out.push({ from: a, to: end, title, key: '', quoted: true, allCaps, possessive: false, subject: w.lex.subjectNext.has(next), sentence: sent, next, prev });
  }
  return out;
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
  // "Agent Horrigan" is a character; "Queen of the Damned", "Father of the Bride" are titles.
  if (w.lex.ranks.has(first) && count > 1 && !w.lex.connectors.has(second)) return true;
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
  t = t.replace(/\s[-–—]\s[^-–—]*$/, (s) => (/\d{4}|review|critic|\.com/i.test(s) ? '' : s));
  t = t.replace(/\(\s*\d{4}\s*\)/, '').trim();
  return t.replace(/^["“'‘]|["”'’]$/g, '').trim();
}

function findMentions(text: string, lowerText: string, title: string): Span[] {
  const out: Span[] = [];
  const forms = new Set([title, title.split(SEPARATOR)[0]!].map((s) => s.trim()).filter((s) => s.length >= 2));
  for (const f of forms) {
    const lf = f.toLowerCase();
    let at = lowerText.indexOf(lf);
    while (at >= 0 && out.length < 200) {
      const before = at > 0 ? text[at - 1]! : ' ';
      const after = text[at + lf.length] ?? ' ';
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) {
        if (!out.some((s) => s.start <= at && at < s.end)) out.push({ start: at, end: at + lf.length });
      }
      at = lowerText.indexOf(lf, at + lf.length);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const CHRONO = /\b(between|prequel to|sequel to|set (?:before|after)|takes? place (?:before|after)|taking place (?:before|after)|follows the events of|following the events of|picks up where|picking up where)\b/;

export function findTitles(doc: Doc, w: Words, metaTitle: string | undefined, personish: (from: number, to: number) => boolean = () => false): TitleResult {
  const text = doc.text;
  const all = findCandidates(w);
  const candidates = all.filter((c) => !junk(c, w));
  // A word that opens two or more sentences as their subject and is never written in lower case is the
  // review's topic even when it is a common word ("Committed stars …", "Committed was not …").
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
  const keys = new Map<string, string>();
  for (const c of candidates) c.key = cachedKey(keys, c.title);
  const titleNames = new Set<string>();

  // Franchise: a name followed by a franchise noun ("the John Wick franchise", "the second John Wick spin-off").
  const franchiseVotes = new Map<string, { name: string; count: number; evidence: Span }>();
  for (const c of candidates) {
    if (!w.lex.franchiseNouns.has(c.next) || c.allCaps || looksLikePerson(c, w) && c.to - c.from < 2) continue;
    // "Duvivier's movie": a filmmaker's name, not a franchise.
    if (c.possessive && (c.next === 'movie' || c.next === 'film')) continue;
    const name = c.title.replace(/^(?:The|A|An)\s+/, '');
    const key = titleKey(name);
    if (!key) continue;
    const v = franchiseVotes.get(key) ?? { name, count: 0, evidence: { start: w.start[c.from]!, end: w.end[c.to]! } };
    v.count += 1 + 0.1 * name.split(' ').length;
    franchiseVotes.set(key, v);
  }
  let franchise: { name: string; evidence: Span } | undefined;
  let best = 0;
  for (const v of franchiseVotes.values()) {
    if (v.count > best) {
      best = v.count;
      franchise = { name: v.name, evidence: v.evidence };
    }
  }

  // References: numbered chapters, series, quoted or shouted titles, titles after "like", "than", …
  const refs = new Map<string, FilmReference>();
  const addRef = (title: string, kind: 'film' | 'series', span: Span): void => {
    const key = titleKey(title);
    if (!key) return;
    const r = refs.get(key) ?? { title, key, kind, mentions: [] };
    if (!r.mentions.some((m) => m.start === span.start)) r.mentions.push(span);
    refs.set(key, r);
  };
  for (let i = 0; i + 1 < w.n; i++) {
    if (!(w.cue[i]! & (CUE.part | CUE.series))) continue;
    const l = w.lower[i]!;
    if (PART_WORDS.has(l) && w.shape[i] === 1 && w.kind[i + 1] === TokenKind.number) {
      // Prefix: "John Wick: Chapter 3" or the franchise.
      let prefix = franchise?.name ?? '';
      if (i >= 2 && w.word[i - 1] === ':') {
        const c = candidates.find((x) => x.to === i - 1);
        if (c) prefix = c.title;
      }
      const unit = l.startsWith('chapter') ? 'Chapter' : l.startsWith('part') ? 'Part' : l.startsWith('episode') ? 'Episode' : 'Volume';
      const spanFrom = i >= 2 && w.word[i - 1] === ':' ? (candidates.find((x) => x.to === i - 1)?.from ?? i) : i;
      const mk = (num: string, end: number): void => {
        const title = prefix ? `${prefix}: ${unit} ${num}` : `${unit} ${num}`;
        addRef(title, 'film', { start: w.start[spanFrom]!, end: w.end[end]! });
      };
      mk(w.word[i + 1]!, i + 1);
      if (l.endsWith('s') && i + 3 < w.n && (w.lower[i + 2] === 'and' || w.lower[i + 2] === '&' || w.word[i + 2] === ',') && w.kind[i + 3] === TokenKind.number) {
        mk(w.word[i + 3]!, i + 3);
      }
    }
    if (w.cue[i]! & CUE.series && i > 0) {
      const c = candidates.find((x) => x.to === i);
      if (c && !looksLikePerson(c, w)) {
        const article = i - (c.to - c.from) - 1 >= 0 && w.lower[c.from - 1] === 'the';
        addRef(article && !/^the\s/i.test(c.title) ? `The ${c.title}` : c.title, 'series', { start: w.start[c.from]!, end: w.end[i]! });
      }
    }
  }

  // The film under review.
  let film: FilmInfo | null = null;
  const meta = metaTitle?.trim() ? { title: metaTitle.trim(), source: 'metadata' as const } : undefined;
  const htmlTitle = doc.meta.ogTitle ?? doc.meta.h1 ?? doc.meta.title;
  const given = meta ?? (htmlTitle && cleanMetaTitle(htmlTitle) ? { title: cleanMetaTitle(htmlTitle), source: doc.format === 'markdown' ? ('markdown' as const) : ('html' as const) } : undefined);
  const lowerText = given ? text.toLowerCase() : '';
  if (given) {
    film = { title: given.title, key: titleKey(given.title), confidence: given.source === 'metadata' ? 1 : 0.9, source: given.source, mentions: findMentions(text, lowerText, given.title) };
  } else {
    const votes = new Map<string, { c: Candidate; score: number; best: number; count: number; mentions: Span[] }>();
    const franchiseKey = franchise ? titleKey(franchise.name) : '';
    // Every mention of a title counts as a mention, even one whose context read like a person's.
    const allMentions = new Map<string, Span[]>();
    for (const c of candidates) {
      const list = allMentions.get(c.key) ?? [];
      list.push({ start: w.start[c.from]!, end: w.wordEnd[c.to - 1]! });
      allMentions.set(c.key, list);
    }
    for (const c of candidates) {
      if (looksLikePerson(c, w) || c.key === franchiseKey || refs.has(c.key)) continue;
      if (w.lex.franchiseNouns.has(c.next) && c.next !== 'film' && c.next !== 'movie') continue;
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
      if (personish(c.from, c.to)) continue;
      if (s <= 0) continue;
      const v = votes.get(c.key) ?? { c, score: 0, best: 0, count: 0, mentions: [] };
      v.score += s;
      v.best = Math.max(v.best, s);
      v.count++;
      v.mentions.push({ start: w.start[c.from]!, end: w.wordEnd[c.to - 1]! });
      votes.set(c.key, v);
    }
    let top: { c: Candidate; score: number; best: number; count: number; mentions: Span[] } | undefined;
    for (const v of votes.values()) {
      if (!top || v.score > top.score || (v.score === top.score && (v.best > top.best || (v.best === top.best && v.c.from < top.c.from)))) top = v;
    }
    if (top && top.score >= 1.5) {
      const title = top.c.title;
      const mentions = (allMentions.get(top.c.key) ?? top.mentions).sort((a, b) => a.start - b.start);
      film = { title, key: top.c.key, confidence: Math.min(0.95, Math.round((0.3 + 0.1 * top.score) * 100) / 100), source: 'text', mentions };
    }
  }
  if (film) {
    if (franchise && titleKey(franchise.name) !== film.key) film.franchise = franchise;
    titleNames.add(film.title.toLowerCase());
    titleNames.add(film.key);
    refs.delete(film.key);
  }
  if (franchise) titleNames.add(franchise.name.toLowerCase());

  // Chronology: statements that place the film among others, each with its sentence.
  const chronology: ChronologyEdge[] = [];
  const refList = [...refs.values()];
  const cueSentences = new Set<number>();
  for (let i = 0; i < w.n; i++) if (w.cue[i]! & CUE.chrono) cueSentences.add(w.sentence[i]!);
  for (const si of cueSentences) {
    const s = doc.sentences[si]!;
    const sentence = text.slice(s.start, s.end).toLowerCase();
    const m = CHRONO.exec(sentence);
    if (!m) continue;
    const at = s.start + m.index;
    const after = refList
      .flatMap((r) => r.mentions.filter((x) => x.start >= at && x.end <= s.end).map((x) => ({ r, x })))
      .sort((a, b) => a.x.start - b.x.start || a.x.end - b.x.end);
    const uniq: FilmReference[] = [];
    for (const a of after) if (!uniq.includes(a.r)) uniq.push(a.r);
    const cue = m[1]!;
    const evidence = { start: s.start, end: s.end };
    const edge = (relation: 'after' | 'before', r: FilmReference | undefined): void => {
      if (r) chronology.push({ relation, other: r.title, otherKey: r.key, evidence });
    };
    if (cue === 'between') {
      if (uniq.length >= 2) {
        edge('after', uniq[0]);
        edge('before', uniq[1]);
      }
    } else if (cue.includes('prequel') || cue.endsWith('before')) edge('before', uniq[0]);
    else edge('after', uniq[0]);
  }
  for (const r of refs.values()) titleNames.add(r.title.toLowerCase());
  return { film, references: [...refs.values()], chronology, titleNames };
}
