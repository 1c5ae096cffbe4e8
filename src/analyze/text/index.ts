/**
 * @module Text layer: cleaning, sentences, tokens and repeated lines, all with character offsets.
 */
import type { InputFormat } from '../card.ts';
import { clean, type TextMeta } from './clean.ts';
import { findRepeats } from './repeats.ts';
import { splitSentences } from './sentences.ts';
import { TokenBuffer, tokenizeInto, type Tokens } from './tokens.ts';

export { clean, detectFormat, normalizePlain, type Cleaned, type TextMeta } from './clean.ts';
export { splitSentences, type SentenceSpan } from './sentences.ts';
export { tokenize, TokenKind, type Tokens } from './tokens.ts';
export { findRepeats } from './repeats.ts';
export { assertValidText, textProblem, type TextProblem } from './validate.ts';

export interface DocSentence {
  start: number;
  end: number;
  paragraph: number;
  /** Tokens `[tokenStart, tokenEnd)` of this sentence. */
  tokenStart: number;
  tokenEnd: number;
  /** Index of the sentence this one repeats, or -1. */
  repeatOf: number;
}

/** One review, cleaned and segmented: the input of every later stage. */
export interface Doc {
  text: string;
  format: InputFormat;
  meta: TextMeta;
  sentences: DocSentence[];
  tokens: Tokens;
  paragraphCount: number;
}

/** Clean, split and tokenise raw input. Pure; never throws. */
export function readDoc(raw: string, options: { format?: InputFormat } = {}): Doc {
  const cleaned = clean(raw, options);
  const { text } = cleaned;
  const spans = splitSentences(text);
  const buf = new TokenBuffer(Math.max(16, text.length >> 2));
  const repeats = findRepeats(text, spans);
  // (A loop, not a callback: one closure less per document for V8 to compile.)
  const sentences: DocSentence[] = [];
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const tokenStart = buf.count;
    tokenizeInto(text, s.start, s.end, buf);
    sentences.push({ start: s.start, end: s.end, paragraph: s.paragraph, tokenStart, tokenEnd: buf.count, repeatOf: repeats[i]! });
  }
  const last = spans[spans.length - 1];
  return { text, format: cleaned.format, meta: cleaned.meta, sentences, tokens: buf.finish(), paragraphCount: last ? last.paragraph + 1 : 0 };
}
