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

const QUOTE_OPEN = /^["“‘'«]/;
/** Does `s` end in an ellipsis, perhaps followed by one closing quote (without a regex scan of the whole line)? */
function ellipsisEnd(s: string): boolean {
  let e = s.length;
  const last = s[e - 1];
  if (last === '"' || last === '”' || last === '’' || last === "'" || last === '»') e--;
  return s[e - 1] === '…' || (e >= 3 && s.charCodeAt(e - 1) === 46 && s.charCodeAt(e - 2) === 46 && s.charCodeAt(e - 3) === 46);
}
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
  const raws = sentences.map((s) => text.slice(s.start, s.end));
  const candidates: number[] = [];
  const firstCopy = new Map<string, number>();
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i]!;
    if (QUOTE_OPEN.test(raw) || ellipsisEnd(raw)) candidates.push(i);
    else {
      const earlier = firstCopy.get(raw);
      if (earlier === undefined) firstCopy.set(raw, i);
      else if (raw.length >= 20) result[i] = earlier;
    }
  }
  if (candidates.length === 0) return result;

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
      const isCandidate = QUOTE_OPEN.test(raws[j]!) || ellipsisEnd(raws[j]!);
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
