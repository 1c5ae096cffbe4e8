/**
 * @module Offsets in another unit. Cards count offsets in UTF-16 code units (JavaScript string indices);
 * Python and Rust index strings by code point, so `offsets: 'codepoints'` rewrites every span of a card.
 */
import type { ReviewCard } from './card.ts';

export type OffsetUnit = 'utf16' | 'codepoints';

/** For each UTF-16 index 0..text.length, the code-point index at that position. */
function codePointIndex(text: string): Uint32Array {
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point: the low half maps to the same index.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        map[++i] = cp;
      }
    }
    cp++;
  }
  map[text.length] = cp;
  return map;
}

function rewrite(value: unknown, map: Uint32Array): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, map));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const o = value as Record<string, unknown>;
  const isSpan = typeof o.start === 'number' && typeof o.end === 'number';
  for (const [k, v] of Object.entries(o)) {
    out[k] = isSpan && (k === 'start' || k === 'end') ? map[Math.min(v as number, map.length - 1)] : rewrite(v, map);
  }
  return out;
}

/** The card with its offsets in `unit` (a copy; the card itself is left as it is). */
export function withOffsets(card: ReviewCard, unit: OffsetUnit): ReviewCard {
  if (unit === 'utf16') return card;
  const map = codePointIndex(card.text);
  const { text, ...rest } = card;
  return { text, ...(rewrite(rest, map) as Omit<ReviewCard, 'text'>) };
}
