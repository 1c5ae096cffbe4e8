/**
 * Explicit critic ratings: "3.5/4", "B+", "★★★½", "two and a half stars", "Grade: B-" → value, scale, 0–100.
 * Hand-written: no library knows critics' rating conventions, and the rejections (certificates, impossible
 * fractions, bare numbers with no scale) are the product.
 *
 * Normalisation (the table in README.md):
 * - Numeric scales are linear from the top of the scale down to 0: 3/5 = 60, 3/4 = 75, 7/10 = 70.
 * - Letter grades follow Metacritic's published conversion (A+ = A = 100, B+ = 83, B− = 67, C = 50, F = 0,
 *   linear between those anchors): A− 91, B 75, C+ 58, C− 42, D+ 33, D 25, D− 16, F+ 8, F− 0.
 *   https://www.metacritic.com/about-us/ (How we create the Metascore)
 */
import type { ParsedRating } from '../card.ts';

export const RatingReject = {
  CERTIFICATE: 'E_RATING_CERTIFICATE',
  OVER_SCALE: 'E_RATING_OVER_SCALE',
  RANGE: 'E_RATING_RANGE',
  NO_SCALE: 'E_RATING_NO_SCALE',
  VERDICT_WORD: 'E_RATING_VERDICT_WORD',
  BAD_SCALE: 'E_RATING_BAD_SCALE',
} as const;
export type RatingRejectCode = (typeof RatingReject)[keyof typeof RatingReject];

export type RatingResult =
  | ({ status: 'parsed' } & ParsedRating)
  | { status: 'rejected'; raw: string; code: RatingRejectCode; reason: string }
  | { status: 'unknown'; raw: string; reason: string };

export interface ParseRatingOptions {
  /** Scale to read a bare number on, when the caller knows it (e.g. a critic's usual scale). */
  scaleHint?: number;
}

/** Metacritic's letter-grade conversion. */
export const LETTER_GRADES: Readonly<Record<string, number>> = {
  'A+': 100, A: 100, 'A-': 91, 'B+': 83, B: 75, 'B-': 67, 'C+': 58, C: 50, 'C-': 42, 'D+': 33, D: 25, 'D-': 16, 'F+': 8, F: 0, 'F-': 0,
};

const CERTIFICATES = new Set(['G', 'PG', 'PG-13', 'R', 'NC-17', 'NR', 'X', 'U', 'UA', '12A', '15', '18', 'TV-MA', 'TV-14', 'UNRATED', 'NOT RATED']);
// Single letters that are not grades and appear as stray ratings in exports ("N", "T").
const STRAY_LETTERS = /^[E-Z]$/;
const VERDICT_WORDS = /^(?:recommended|not recommended|highly recommended|must see|must-see|skip it|see it|big screen watch|half price|full price|matinee|rental|stream it|wait for (?:dvd|video|streaming)|g\.?o\.?a\.?t\.?|yes|no|pass|fail)$/i;

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0, no: 0, one: 1, a: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
const NUM = String.raw`((?:\d+(?:[.,]\d+)?|[.,]\d+)(?:\s+1\/2|\s*½)?)`;
const WORD_NUM = String.raw`(zero|no|one|a|two|three|four|five|six|seven|eight|nine|ten)(?:\s+and\s+(?:a\s+)?half|\s*½)?`;

const round = (x: number): number => Math.round(x * 10) / 10;
const clamp = (x: number): number => Math.min(100, Math.max(0, x));

/** "3", "3.5", "3,5", "3 1/2", "3½" → number. */
function readNumber(s: string): number {
  const t = s.trim();
  const half = /\s+1\/2$|\s*½$/.test(t) ? 0.5 : 0;
  return Number.parseFloat(t.replace(/\s+1\/2$|\s*½$/, '').replace(',', '.')) + half;
}

function readWordNumber(word: string, whole: string): number {
  return (NUMBER_WORDS[word.toLowerCase()] ?? Number.NaN) + (/half|½/i.test(whole) ? 0.5 : 0);
}

function numeric(raw: string, value: number, scale: number, extra: Partial<ParsedRating> = {}): RatingResult {
  if (!(scale > 0) || !Number.isFinite(scale) || scale > 100) return { status: 'rejected', raw, code: RatingReject.BAD_SCALE, reason: `"${scale}" is not a usable scale` };
  if (!Number.isFinite(value) || value < 0) return { status: 'unknown', raw, reason: 'not a number' };
  if (value > scale) return { status: 'rejected', raw, code: RatingReject.OVER_SCALE, reason: `${value} exceeds its scale of ${scale}` };
  return { status: 'parsed', raw, value, scale, normalized: round(clamp((value / scale) * 100)), ...extra };
}

function letter(raw: string, grade: string): RatingResult {
  const normalized = LETTER_GRADES[grade];
  if (normalized === undefined) return { status: 'unknown', raw, reason: `"${grade}" is not a letter grade` };
  return { status: 'parsed', raw, value: normalized, scale: 'letter', normalized };
}

/** Canonical letter grade from "B+", "b plus", "B-plus", "A minus", "B –". */
function letterGrade(s: string): string | null {
  const m = /^([A-DF])\s*(?:(\+|plus)|(-|–|−|minus))?$/i.exec(s.replace(/[-\s]+(plus|minus)$/i, ' $1').trim());
  if (!m) return null;
  return m[1]!.toUpperCase() + (m[2] ? '+' : m[3] ? '-' : '');
}

// The standalone forms, made once (an import reads a rating cell per row).
const FRACTION = new RegExp(String.raw`^${NUM}\s*(?:\/|out\s+of|of)\s*(\d+(?:[.,]\d+)?)(?:\s*(?:stars?|points?))?\.?$`, 'i');
const WORDS = new RegExp(String.raw`^${WORD_NUM}\s*(?:stars?)?(?:\s*(?:out\s+of|of|\/)\s*(\w+))?(?:\s*stars?)?\.?$`, 'i');
const STARS = new RegExp(String.raw`^${NUM}\s*stars?\.?$`, 'i');
const BARE = new RegExp(String.raw`^${NUM}$`);

/** Strip what surrounds a rating in exports: spaces, quotes, "Grade:", "Rating:", trailing "stars". */
function unwrap(raw: string): string {
  return raw
    .trim()
    .replace(/^['"“‘]+|['"”’]+$/g, '')
    .replace(/^(?:grade|rating|score|verdict|overall)\s*[:\-–]\s*/i, '')
    .trim();
}

/**
 * Parse a rating that stands alone (a CSV cell, a `rating` field). Never throws.
 * Three outcomes: parsed; rejected with a reason (not a rating, or an impossible one); unknown.
 */
export function parseRating(input: string, options: ParseRatingOptions = {}): RatingResult {
  const raw = input;
  const s = unwrap(typeof input === 'string' ? input : String(input));
  if (s.length === 0) return { status: 'unknown', raw, reason: 'empty' };
  if (s.length > 60) return { status: 'unknown', raw, reason: 'too long to be a rating' };

  // Fractions: "3.5/4", "3 / 4", "4.5 of 5", "3 out of 5 stars", "3 1/2 / 4".
  let m = FRACTION.exec(s);
  if (m) return numeric(raw, readNumber(m[1]!), readNumber(m[2]!));
  // Word numbers: "two and a half stars", "three stars out of four", "four out of five".
  m = WORDS.exec(s);
  if (m && (m[2] || /stars?/i.test(s))) {
    const value = readWordNumber(m[1]!, s);
    const scale = m[2] ? (NUMBER_WORDS[m[2].toLowerCase()] ?? Number.parseFloat(m[2])) : starScale(value);
    return numeric(raw, value, scale, m[2] ? {} : { scaleAssumed: true });
  }
  // Numbers with "stars": "4 stars", "3 1/2 stars", "3.5 stars".
  m = STARS.exec(s);
  if (m) {
    const value = readNumber(m[1]!);
    return numeric(raw, value, starScale(value), { scaleAssumed: true });
  }
  // Star glyphs: "★★★½", "★★★☆☆" (empty stars give the scale), "****".
  if (/^[★☆✩✪⭐*½\s]+$/u.test(s) && /[★✪⭐*]|½/u.test(s)) {
    const full = countOf(s, FULL_STARS);
    const empty = countOf(s, EMPTY_STARS);
    const value = full + (s.includes('½') ? 0.5 : 0);
    if (empty > 0) return numeric(raw, value, Math.ceil(full + empty + (s.includes('½') ? 1 : 0)));
    return numeric(raw, value, starScale(value), { scaleAssumed: true });
  }
  // Letter grades.
  const grade = letterGrade(s);
  if (grade) return letter(raw, grade);
  if (CERTIFICATES.has(s.toUpperCase())) return { status: 'rejected', raw, code: RatingReject.CERTIFICATE, reason: `"${s}" is an age certificate, not a rating` };
  if (STRAY_LETTERS.test(s.toUpperCase())) return { status: 'rejected', raw, code: RatingReject.VERDICT_WORD, reason: `"${s}" is a stray letter, not a grade` };
  if (VERDICT_WORDS.test(s)) return { status: 'rejected', raw, code: RatingReject.VERDICT_WORD, reason: `"${s}" is a verdict word, not a rating on a scale` };
  // Ranges: "1-5", "3-4".
  if (/^\d+(?:\.\d+)?\s*[-–]\s*\d+(?:\.\d+)?$/.test(s)) return { status: 'rejected', raw, code: RatingReject.RANGE, reason: `"${s}" is a range, not a rating` };
  // Bare numbers: read on the hinted scale; above 5 the 10- or 100-point scale is the only reading.
  m = BARE.exec(s);
  if (m) {
    const value = readNumber(m[1]!);
    if (options.scaleHint && value <= options.scaleHint) return numeric(raw, value, options.scaleHint, { scaleAssumed: true });
    if (value > 5 && value <= 10) return numeric(raw, value, 10, { scaleAssumed: true });
    if (value > 10 && value <= 100) return numeric(raw, value, 100, { scaleAssumed: true });
    if (value > 100) return { status: 'rejected', raw, code: RatingReject.OVER_SCALE, reason: `${value} is above any rating scale` };
    return { status: 'rejected', raw, code: RatingReject.NO_SCALE, reason: `bare number ${value} has no scale (4, 5 or 10 points?)` };
  }
  return { status: 'unknown', raw, reason: 'no rating form recognised' };
}

const FULL_STARS = new Set(['★', '✪', '⭐', '*']);
const EMPTY_STARS = new Set(['☆', '✩']);

/** How many code points of `s` are in `chars`. */
function countOf(s: string, chars: ReadonlySet<string>): number {
  let n = 0;
  for (const c of s) if (chars.has(c)) n++;
  return n;
}

/** Stars with no stated scale: out of 5 when the value needs it, else the four-star scale most critics use. */
function starScale(value: number): number {
  return value > 4 ? 5 : 4;
}

// Ratings inside review text: labelled ("Grade: B-", "Rating: 3/5"), "3 out of 5 stars", "two and a half
// stars", star glyphs, and fractions on the usual scales. Dates ("9/11") and "24/7" never match: the scale must
// be 4, 5, 10 or 100, or written out ("out of"). A line holding only a letter grade counts too.
const IN_TEXT = new RegExp(
  [
    String.raw`(?<labelled>\b(?:grade|rating|score|verdict)\s*[:\-–]\s*(?:[A-DF](?:\s*(?:\+|-|–|−|plus|minus))?(?![\w])|\d+(?:\.\d+)?(?:\s*\/\s*\d+(?:\.\d+)?)?(?:\s*(?:out\s+of|of)\s*\d+)?(?:\s*stars?)?|[★☆½*]+))`,
    String.raw`(?<outof>\b\d+(?:\.\d+)?(?:\s+1\/2|½)?\s+(?:stars?\s+)?out\s+of\s+\d+(?:\s+stars?)?)`,
    String.raw`(?<words>\b(?:zero|one|two|three|four|five)(?:\s+and\s+a\s+half)?\s+stars?(?:\s+out\s+of\s+(?:four|five|4|5))?)`,
    String.raw`(?<stars>(?<![\w★☆])[★☆]{1,5}½?(?![\w★☆]))`,
    String.raw`(?<fraction>(?<![\w/.])\d+(?:\.\d+)?\s*\/\s*(?:4|5|10|100)(?![\w/]|\.\d))`,
    // A line holding only a letter grade ("B+" under the headline).
    String.raw`(?<line>^[ \t]*[A-DF](?:[ \t]*(?:\+|-|–|−))?[ \t]*$)`,
  ].join('|'),
  'gimu',
);

/**
 * What every match of IN_TEXT holds somewhere (a digit, a star glyph, a label word or "star", or the whole grade
 * line), under the same flags: one cheap scan, and text without any of them (most snippets) skips IN_TEXT.
 */
const IN_TEXT_HINT = /[0-9★☆]|grade|rating|score|verdict|star|^[ \t]*[A-DF](?:[ \t]*(?:\+|-|–|−))?[ \t]*$/imu;

/** Find the critic's rating inside review text: a labelled one wins, else the last one. Never throws. */
export function findRatingInText(text: string): ParsedRating | null {
  if (!IN_TEXT_HINT.test(text)) return null;
  let best: ParsedRating | null = null;
  let bestLabelled = false;
  for (const m of text.matchAll(IN_TEXT)) {
    const labelled = m.groups?.labelled !== undefined;
    if (bestLabelled && !labelled) continue;
    const r = parseRating(m[0]);
    if (r.status !== 'parsed') continue;
    const { status: _status, ...rating } = r;
    const lead = m[0].length - m[0].trimStart().length;
    best = { ...rating, raw: m[0].trim(), span: { start: m.index + lead, end: m.index + m[0].trimEnd().length } };
    bestLabelled = labelled;
  }
  return best;
}
