/**
 * Repeated pull-quote lines. Publishers paste a sentence of the body again as a display quote
 * (in curly quotes, often cut short with an ellipsis); later stages must count it once.
 */
import type { Span } from '../card.ts';

/** Lower-case words only: quotes, punctuation and ellipses removed. */
function wordsForRepeat(s: string): string[] {
  const n = s.toLowerCase().replace(/[’‘`]/g, "'").replace(/[^\p{L}\p{N}']+/gu, ' ').trim();
  return n.length ? n.split(' ') : [];
}

/** Does the line `[start, end)` open with a quote mark? */
function quoteOpens(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  const c = text.charCodeAt(start);
  return c === 34 || c === 0x201c || c === 0x2018 || c === 39 || c === 0xab;
}
/** Does the line `[start, end)` end in an ellipsis, perhaps followed by one closing quote (without slicing it)? */
function ellipsisEndsAt(text: string, start: number, end: number): boolean {
  let e = end;
  const last = end > start ? text.charCodeAt(e - 1) : -1;
  if (last === 34 || last === 0x201d || last === 0x2019 || last === 39 || last === 0xbb) e--;
  return (e - 1 >= start && text.charCodeAt(e - 1) === 0x2026) || (e - 3 >= start && text.charCodeAt(e - 1) === 46 && text.charCodeAt(e - 2) === 46 && text.charCodeAt(e - 3) === 46);
}
/** Exact copies shorter than this are left alone. */
const MIN_COPY = 20;
const MIN_WORDS = 6;
/** Quote-like lines from which sentences are indexed by word. */
const INDEX_FROM = 16;
/** Most sentences a quote is compared with (those holding its rarest word, in order): a bound for lines repeated thousands of times. */
const MAX_HOSTS = 1000;

/** Does `host` contain `needle` as a run of whole words? */
function containsWords(host: readonly string[], needle: readonly string[]): boolean {
  const first = needle[0]!;
  for (let p = 0; p + needle.length <= host.length; p++) {
    if (host[p] !== first) continue;
    let k = 1;
    while (k < needle.length && host[p + k] === needle[k]) k++;
    if (k === needle.length) return true;
  }
  return false;
}

/**
 * For each sentence, the index of the sentence it repeats, or -1.
 * A quote-like sentence (opening with a quote mark or ending in an ellipsis) of at least six words repeats the
 * longer sentence that contains its words; an exact copy repeats the earlier copy (or, between a quote-like and
 * a plain copy, the plain one). Only quote-like lines are normalised, so the common case costs one Map lookup.
 */
export function findRepeats(text: string, sentences: readonly Span[]): Int32Array {
  const result = new Int32Array(sentences.length).fill(-1);
  const candidates: number[] = [];
  const firstCopy = new Map<string, number>();
  for (let i = 0; i < sentences.length; i++) {
    const { start, end } = sentences[i]!;
    if (quoteOpens(text, start, end) || ellipsisEndsAt(text, start, end)) candidates.push(i);
    else if (end - start >= MIN_COPY) {
      // Shorter lines never count as copies, so they need no key.
      const raw = text.slice(start, end);
      const earlier = firstCopy.get(raw);
      if (earlier === undefined) firstCopy.set(raw, i);
      else result[i] = earlier;
    }
  }
  if (candidates.length === 0) return result;
  const raws = sentences.map((s) => text.slice(s.start, s.end));

  const words: (string[] | undefined)[] = new Array(sentences.length);
  const wordsAt = (i: number): string[] => (words[i] ??= wordsForRepeat(raws[i]!));
  const lowers: (string | undefined)[] = new Array(sentences.length);
  // With many quote-like lines, the sentences holding each word (in order), so that a quote is compared only with
  // the sentences holding its rarest word: a host holds every word of the quote. Few quote-like lines (the usual
  // case) are compared with every line, passed over by one substring test.
  let byWord: Map<string, number[]> | null = null;
  if (candidates.length > INDEX_FROM) {
    byWord = new Map();
    for (let j = 0; j < raws.length; j++) {
      for (const w of new Set(wordsAt(j))) {
        const list = byWord.get(w);
        if (list) list.push(j);
        else byWord.set(w, [j]);
      }
    }
  }
  for (const i of candidates) {
    const mine = wordsAt(i);
    if (mine.length < MIN_WORDS) continue;
    // A line that holds these words holds their longest apostrophe-free one in its lower-cased text (normalising
    // changes only quotes and the characters between words): lines without it are passed over unnormalised.
    let probe = '';
    for (const w of mine) if (w.length > probe.length && !w.includes("'")) probe = w;
    let hosts: readonly number[] | null = null;
    if (byWord) {
      for (const w of mine) {
        const list = byWord.get(w)!;
        if (!hosts || list.length < hosts.length) hosts = list;
      }
    }
    let exactQuoteLike = -1;
    const n = hosts ? Math.min(hosts.length, MAX_HOSTS) : raws.length;
    for (let k = 0; k < n; k++) {
      const j = hosts ? hosts[k]! : k;
      if (j === i || result[j]! >= 0) continue;
      if (!hosts && probe && !(lowers[j] ??= raws[j]!.toLowerCase()).includes(probe)) continue;
      const host = wordsAt(j);
      if (host.length < mine.length) continue;
      const isCandidate = quoteOpens(text, sentences[j]!.start, sentences[j]!.end) || ellipsisEndsAt(text, sentences[j]!.start, sentences[j]!.end);
      if (host.length === mine.length) {
        if (!containsWords(host, mine)) continue;
        // Two quote-like copies: the later repeats the earlier; a plain copy wins outright.
        if (!isCandidate) {
          result[i] = j;
          break;
        }
        if (j < i && exactQuoteLike < 0) exactQuoteLike = j;
        continue;
      }
      if (containsWords(host, mine)) {
        result[i] = j;
        break;
      }
    }
    if (result[i]! < 0 && exactQuoteLike >= 0) result[i] = exactQuoteLike;
  }
  return result;
}
