/**
 * The labelled polarity sets of ../shared/data, loaded as (text, label) with their protocol keys.
 * titled/ is never read here: it is kept for the consensus evaluation and the demo.
 */
import { dataFile, loadJsonlGz } from '../node/data.ts';

export interface Labelled {
  text: string;
  /** 1 positive / fresh, 0 negative / rotten. */
  y: number;
  /** Grouping key for splits that must keep a film on one side (rt_flatiron film id, IMDB film URL). */
  group: string;
  /** Critic's own rating as written, when the source has one. */
  rating?: string;
  /** For a phrase: the whole sentence it comes from (an evaluation drops phrases of its test sentences). */
  source?: string;
  /** When the review was published (ms since 1970), where the source says. */
  date?: number;
}

export async function loadImdb(split: 'train' | 'test'): Promise<Labelled[]> {
  const rows = await loadJsonlGz<{ text: string; label: string; url: string; rating: number }>(dataFile(`imdb/imdb_${split}.jsonl.gz`));
  return rows.map((r) => ({ text: r.text, y: r.label === 'pos' ? 1 : 0, group: r.url, rating: `${r.rating}/10` }));
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
  const rows = await loadJsonlGz<{ review: string | null; fresh: string; id: number; rating: string | null; date?: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'));
  return rows
    .filter((r) => r.review !== null && r.review.trim() !== '')
    .map((r) => {
      const date = r.date ? Date.parse(r.date) : Number.NaN;
      return { text: r.review!, y: r.fresh === 'fresh' ? 1 : 0, group: String(r.id), ...(r.rating ? { rating: r.rating } : {}), ...(Number.isFinite(date) ? { date } : {}) };
    });
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

/**
 * Every non-neutral phrase of the SST train trees (the GLUE SST-2 training set is built the same way), as
 * plain text, de-duplicated; the group is the sentence id, so a sentence's phrases stay on one side of a split.
 */
export async function loadSstPhrases(): Promise<Labelled[]> {
  const rows = await loadJsonlGz<{ id: string; tree: string }>(dataFile('sst/sst_train.jsonl.gz'));
  const seen = new Set<string>();
  const out: Labelled[] = [];
  for (const r of rows) {
    const source = detokenizePtb(r.tree.replace(/\(\d |\)/g, '').replace(/\s+/g, ' ').trim());
    // Parse "(label child child)" / "(label word)" with a stack of open nodes.
    const stack: { label: number; words: string[] }[] = [];
    const re = /\(([0-4])|\)|[^\s()]+/g;
    for (const m of r.tree.matchAll(re)) {
      if (m[1] !== undefined) stack.push({ label: Number(m[1]), words: [] });
      else if (m[0] === ')') {
        const node = stack.pop()!;
        if (stack.length) stack[stack.length - 1]!.words.push(...node.words);
        if (node.label === 2) continue;
        const text = detokenizePtb(node.words.join(' '));
        if (seen.has(text)) continue;
        seen.add(text);
        out.push({ text, y: node.label > 2 ? 1 : 0, group: r.id, source });
      } else stack[stack.length - 1]?.words.push(m[0]);
    }
  }
  return out;
}
