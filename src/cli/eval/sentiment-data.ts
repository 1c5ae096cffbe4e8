/**
 * The labelled polarity sets of ../shared/data, loaded as (text, label) with their protocol keys.
 * titled/ is never read here: it is kept for the consensus evaluation and the demo.
 */
import { dataFile, loadJsonlGz } from '../../node/data.ts';

export interface Labelled {
  text: string;
  /** 1 positive / fresh, 0 negative / rotten. */
  y: number;
  /** Grouping key for splits that must keep a film on one side (rt_flatiron film id, IMDB film URL). */
  group: string;
  /** Critic's own rating as written, when the source has one. */
  rating?: string;
}

export async function loadImdb(split: 'train' | 'test'): Promise<Labelled[]> {
  const rows = await loadJsonlGz<{ text: string; label: string; url: string }>(dataFile(`imdb/imdb_${split}.jsonl.gz`));
  return rows.map((r) => ({ text: r.text, y: r.label === 'pos' ? 1 : 0, group: r.url }));
}

export async function loadMr(): Promise<Labelled[]> {
  const rows = await loadJsonlGz<{ id: string; text: string; label: string }>(dataFile('mr/rt_polarity.jsonl.gz'));
  return rows.map((r) => ({ text: r.text, y: r.label === 'pos' ? 1 : 0, group: r.id }));
}

export async function loadSst(split: 'train' | 'dev'): Promise<Labelled[]> {
  const rows = await loadJsonlGz<{ id: string; text: string; label: string | null }>(dataFile(`sst/sst_${split}.jsonl.gz`));
  return rows.filter((r) => r.label !== null).map((r) => ({ text: detokenizePtb(r.text), y: r.label === 'pos' ? 1 : 0, group: r.id }));
}

/** rt_flatiron critic snippets with text: fresh/rotten, grouped by film id. */
export async function loadRtFlatiron(): Promise<Labelled[]> {
  const rows = await loadJsonlGz<{ review: string | null; fresh: string; id: number; rating: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'));
  return rows
    .filter((r) => r.review !== null && r.review.trim() !== '')
    .map((r) => ({ text: r.review!, y: r.fresh === 'fresh' ? 1 : 0, group: String(r.id), ...(r.rating ? { rating: r.rating } : {}) }));
}

/** SST's PTB tokens back to plain text, so that features match what reviews look like. */
export function detokenizePtb(s: string): string {
  return s
    .replace(/-LRB-/g, '(').replace(/-RRB-/g, ')').replace(/``|''/g, '"')
    .replace(/ (n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1')
    .replace(/ ([.,;:!?)])/g, '$1').replace(/\( /g, '(');
}

/** Deterministic split of groups: a group goes to the test side when its hash falls under `share`. */
export function inTestSplit(group: string, share: number, salt = 'verdict'): boolean {
  let h = 0x811c9dc5;
  const s = salt + group;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 4294967296 < share;
}
