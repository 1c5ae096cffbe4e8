/**
 * @module Keys and ids the store derives: `nameKey` (matching critics, publications), `filmKey` (titles when the analyser
 * gave none, film titles), `reviewId` (content hash) and short stable ids for films, critics, publications.
 */
import { createHash } from 'node:crypto';
import { titleKey } from '../analyze/entities/index.ts';

/** Lower case, accents removed, "&" → "and", apostrophes dropped, other punctuation → spaces, spaces collapsed. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// An import asks for the keys of the same titles row after row: each distinct title is keyed once (bounded).
const filmKeys = new Map<string, string>();

/**
 * A film title's key when the caller gave none: the analyser's `titleKey` ("John Wick: Chapter 3 -- Parabellum"
 * and "John Wick 3" are one film), else `nameKey` without a leading "the"/"a"/"an".
 */
export function filmKey(title: string): string {
  let key = filmKeys.get(title);
  if (key === undefined) {
    key = titleKey(title) || nameKey(title).replace(/^(the|a|an) (?=\S)/, '');
    if (filmKeys.size >= 8192) filmKeys.clear();
    filmKeys.set(title, key);
  }
  return key;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Content hash of a review: film key, critic key and whitespace-normalised text. Hex, 32 characters. */
export function reviewId(filmKey: string, critic: string | null | undefined, text: string): string {
  const body = text.replace(/\s+/g, ' ').trim();
  return sha256(`${filmKey}\u0000${critic ? nameKey(critic) : ''}\u0000${body}`).slice(0, 32);
}

/** Stable film id from its key and year: readable prefix + hash (so two writers agree without coordination). */
export function filmId(key: string, year: number | null): string {
  return `f${sha256(`${key}\u0000${year ?? ''}`).slice(0, 12)}`;
}

export function criticId(key: string): string {
  return `c${sha256(key).slice(0, 12)}`;
}

export function publicationId(key: string): string {
  return `p${sha256(key).slice(0, 12)}`;
}
