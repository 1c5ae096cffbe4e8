/**
 * Repeated pull-quote lines. Publishers paste a sentence of the body again as a display quote
 * (in curly quotes, often cut short with an ellipsis); later stages must count it once.
 */
import type { Span } from '../card.ts';

/** Lower-case words only: quotes, punctuation and ellipses removed. */
function normalizeForRepeat(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

const QUOTE_OPEN = /^["“‘'«]/;
const ELLIPSIS_END = /(?:…|\.\.\.)["”’'»]?$/;
const MIN_WORDS = 6;

/**
 * For each sentence, the index of the sentence it repeats, or -1.
 * A sentence is a repeat when its words (at least six) occur inside another sentence and it is quote-like
 * (opens with a quote mark or ends in an ellipsis), or when it is an exact copy of an earlier sentence.
 */
export function findRepeats(text: string, sentences: readonly Span[]): Int32Array {
  const result = new Int32Array(sentences.length).fill(-1);
  const norms = sentences.map((s) => normalizeForRepeat(text.slice(s.start, s.end)));
  // Index sentences by each of their words' 4-gram starts so that a candidate finds its hosts quickly.
  const byShingle = new Map<string, number[]>();
  const shingle = (words: string[], k: number): string => words.slice(k, k + 4).join(' ');
  const wordsOf = norms.map((n) => (n.length ? n.split(' ') : []));
  for (let i = 0; i < sentences.length; i++) {
    const w = wordsOf[i]!;
    for (let k = 0; k + 4 <= w.length; k++) {
      const key = shingle(w, k);
      let list = byShingle.get(key);
      if (!list) byShingle.set(key, (list = []));
      if (list[list.length - 1] !== i) list.push(i);
    }
  }
  const quoteLikes = sentences.map((s) => {
    const raw = text.slice(s.start, s.end);
    return QUOTE_OPEN.test(raw) || ELLIPSIS_END.test(raw);
  });
  for (let i = 0; i < sentences.length; i++) {
    const w = wordsOf[i]!;
    if (w.length < MIN_WORDS) continue;
    const quoteLike = quoteLikes[i]!;
    for (const j of byShingle.get(shingle(w, 0)) ?? []) {
      if (j === i) continue;
      const host = norms[j]!;
      const mine = norms[i]!;
      if (host === mine) {
        // Exact copies: the quote-like one is the repeat; between equals, the later one.
        if (quoteLike !== quoteLikes[j] ? quoteLike : j < i) {
          result[i] = j;
          break;
        }
        continue;
      }
      if (quoteLike && host.length > mine.length && (` ${host} `).includes(` ${mine} `)) {
        result[i] = j;
        break;
      }
    }
  }
  // A repeat of a repeat points at the original.
  for (let i = 0; i < result.length; i++) {
    let j = result[i]!;
    let guard = 0;
    while (j >= 0 && result[j]! >= 0 && guard++ < result.length) j = result[j]!;
    result[i] = j;
  }
  return result;
}
