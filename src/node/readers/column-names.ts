/**
 * @module The import's fields and the usual column names for each, apart from the cell parsers of columns.ts
 * (which pull in date-fns): `verdict analyze --jsonl` finds a record's text, title and rating with these alone.
 */

/** The fields an import understands. */
export const FIELDS = ['text', 'film', 'year', 'critic', 'publication', 'label', 'rating', 'date', 'topCritic', 'url', 'franchise', 'format'] as const;
export type Field = (typeof FIELDS)[number];

/** Usual column names per field, in order of preference (compared after `columnKey`). */
export const COLUMN_ALIASES: Record<Field, readonly string[]> = {
  text: ['review', 'review_content', 'quote', 'text', 'short_review', 'review_text', 'content', 'body'],
  film: ['movie_title', 'title', 'film', 'film_title', 'movie'],
  year: ['year', 'movie_year', 'film_year', 'release_year'],
  critic: ['critic', 'critic_name', 'author', 'reviewer'],
  publication: ['publisher', 'publication', 'publication_name', 'publisher_name', 'outlet'],
  label: ['fresh', 'review_type', 'review_state', 'is_fresh', 'label', 'score_sentiment', 'sentiment'],
  rating: ['rating', 'review_score', 'original_score', 'score', 'grade'],
  date: ['date', 'review_date', 'creation_date', 'published', 'published_at'],
  topCritic: ['top_critic', 'is_top_critic'],
  url: ['url', 'review_url', 'link'],
  franchise: ['franchise', 'series', 'collection'],
  format: ['format'],
};

/** Column name key: lower case, separators and camel-case humps as `_` ("reviewContent" → "review_content"). */
export function columnKey(name: string): string {
  return name
    .trim()
    .replace(/^\uFEFF/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
