/**
 * @module The review card: the analyser's output contract (DESIGN.md, "The review card").
 * Plain JSON. Every span is a pair of character offsets into `ReviewCard.text`, the cleaned text.
 */

/** A half-open character range `[start, end)` into the card's cleaned text. */
export interface Span {
  start: number;
  end: number;
}

export type InputFormat = 'text' | 'markdown' | 'html';

/** Stable aspect ids (DESIGN.md). Extend with care: they are an API. */
export const ASPECT_IDS = [
  'story',
  'world',
  'characters',
  'acting',
  'direction',
  'action',
  'visuals',
  'sound',
  'pacing',
  'humor',
] as const;
export type AspectId = (typeof ASPECT_IDS)[number];

export interface SentenceInfo extends Span {
  /** 0-based paragraph number (blank lines separate paragraphs). */
  paragraph: number;
  /** Index of the body sentence this one repeats (a publisher's pull-quote line); later stages count it once. */
  repeatOf?: number;
  /** Sentence polarity in [-1, 1], when the sentiment stage ran. */
  polarity?: number;
}

export interface FilmInfo {
  title: string;
  /** Normalised title key (`titleKey`), the same function the store matches titles with. */
  key: string;
  confidence: number;
  /** Where the title came from: metadata given by the caller, the HTML head or first heading, the Markdown heading, or the text itself. */
  source: 'metadata' | 'html' | 'markdown' | 'text';
  mentions: Span[];
  franchise?: { name: string; evidence: Span };
  /** From the film index (models/films/, Wikipedia) when the review is linked to a film of it. */
  id?: string;
  year?: number;
  directors?: string[];
  series?: { name: string; order: number | null; relation: 'sequel' | 'prequel' | 'spin-off' | 'installment' | 'remake' | 'reboot' | null; previous: string | null };
  linkConfidence?: number;
  linkedBy?: 'title' | 'people';
  /** The film was read from the text but is not (or not surely) in the index. */
  unlinked?: true;
}

export interface FilmReference {
  title: string;
  key: string;
  kind: 'film' | 'series';
  mentions: Span[];
}

export interface ChronologyEdge {
  relation: 'after' | 'before';
  /** Title of the other film, as in `references`. */
  other: string;
  otherKey: string;
  /** The sentence that says it. */
  evidence: Span;
}

export type CreditRole = 'cast' | 'director' | 'writer' | 'composer' | 'cinematographer' | 'producer' | 'editor';

export interface Person {
  name: string;
  mentions: Span[];
}

export interface Credit {
  person: string;
  role: CreditRole;
  character?: string;
  evidence: Span;
  /** 'index': the film index gives this role to a person the text names without one. */
  source?: 'index';
}

export interface Verdict {
  fresh: boolean;
  /** 0–100. */
  score: number;
  label: 'negative' | 'mixed' | 'positive';
  /** Calibrated probability that `fresh` is right, in [0.5, 1]. */
  confidence: number;
}

export interface ParsedRating {
  raw: string;
  value: number;
  /** Top of the scale (4, 5, 10, 100), or 'letter' for letter grades. */
  scale: number | 'letter';
  /** 0–100. */
  normalized: number;
  /** Where the rating sits in the cleaned text, when it was found in the text. */
  span?: Span;
  /** True when the scale was not written and was inferred (e.g. a bare "7" read as 7/10). */
  scaleAssumed?: boolean;
}

export interface AspectOpinion {
  aspect: AspectId;
  /** Polarity in [-1, 1]. */
  polarity: number;
  mentions: number;
  evidence: Span[];
}

export interface TargetOpinion {
  /** Person or character name as in `people` / `credits`. */
  name: string;
  kind: 'person' | 'character';
  polarity: number;
  evidence: Span[];
}

export interface PullQuote extends Span {
  text: string;
  score: number;
}

export interface Spoiler extends Span {
  reason: 'ending' | 'death' | 'twist' | 'cameo' | 'reveal';
}

/** The review card. Sections a stage has not filled are empty arrays or null, never missing. */
export interface ReviewCard {
  /** Version of the analyser and model that made this card (the store re-analyses on change). */
  version: string;
  format: InputFormat;
  /** Cleaned text: every offset in the card refers to it. */
  text: string;
  sentences: SentenceInfo[];
  film: FilmInfo | null;
  references: FilmReference[];
  chronology: ChronologyEdge[];
  people: Person[];
  credits: Credit[];
  verdict: Verdict | null;
  rating: ParsedRating | null;
  aspects: AspectOpinion[];
  targets: TargetOpinion[];
  quotes: PullQuote[];
  spoilers: Spoiler[];
}
