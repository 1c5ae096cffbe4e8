/**
 * Measures film linking (`linkFilm` over the card's text-only reading) on the frozen entity set v2
 * (test/fixtures/entities-v2/frozen.json and roles.json: `filmIndexHref` is the right index film, null when the film is not in
 * the index or the text does not settle it). Measurement only: nothing is tuned on that set.
 *
 * Run: node train/film-link-eval.ts [--rows] [files…]   (default: the two frozen v2 files; any set with `filmIndexHref`
 * works, e.g. test/fixtures/entities-v3/dev.json, the development set)
 *      node train/film-link-eval.ts --rt   (link consistency at scale: every rt_flatiron snippet, read without its film)
 *
 * The link is the card's: the entity stage as `analyze` runs it (readEntities with the film index).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readEntities } from '../src/analyze/entities/index.ts';
import type { FilmIndex } from '../src/analyze/entities/film-index.ts';
import { createContext } from '../src/analyze/context.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import type { LinkedFilmInfo } from '../src/analyze/entities/film-link.ts';
import { nameTokens } from '../src/analyze/entities/film-index.ts';
import { loadFilmIndex } from '../src/node/load-films.ts';
import { loadLexiconModel, MODELS_DIR } from '../src/node/load-model.ts';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';

interface Row {
  id: string;
  text: string;
  filmIndexHref: string | null;
  /** The people the annotator found in the text, as written (a list: spellings of one name). */
  people?: (string | string[])[];
}

/**
 * Whether the text alone, with the index, can settle the annotator's film: it writes the film's title (or an
 * alias), or names two of the people the index credits on it, or one of them and a character of its cast list.
 * Annotators also used what they knew ("Ray Liotta as Gary Figgis" is Cop Land, which the index's cast list
 * does not say): those rows are beyond any reading of text and index, so the linking figure is read beside this.
 */
export function settledByText(index: FilmIndex, row: Row): boolean {
  const r = row.filmIndexHref ? index.rowOf(row.filmIndexHref) : -1;
  if (r < 0) return false;
  const f = index.film(r);
  const lower = row.text.toLowerCase();
  const key = (t: string): string => t.toLowerCase().replace(/^(?:the|a|an) /, '');
  if ([f.title, ...f.aliases].some((t) => t.length > 1 && lower.includes(key(t)))) return true;
  const credits = index.credits(r);
  const credited = (row.people ?? []).filter((g) =>
    (Array.isArray(g) ? g : [g]).some((name) => {
      const t = nameTokens(name);
      return credits.some((c) => c.tokens.length > 0 && t.length > 0 && c.tokens[c.tokens.length - 1] === t[t.length - 1]);
    }),
  ).length;
  if (credited >= 2) return true;
  const characterWritten = index.characterWords(r).some((w) => new RegExp(`\\b${w.replace(/[^\p{L}]/gu, '.')}\\b`, 'u').test(row.text));
  return credited >= 1 && characterWritten;
}

export function evalLinking(index: FilmIndex, rows: Row[]): { inIndex: number; right: number; wrong: number; missed: number; outside: number; falseLinks: number; settled: number; rightSettled: number; lines: string[] } {
  const r = { inIndex: 0, right: 0, wrong: 0, missed: 0, outside: 0, falseLinks: 0, settled: 0, rightSettled: 0, lines: [] as string[] };
  const model = loadLexiconModel();
  for (const row of rows) {
    const e = readEntities(createContext(readDoc(row.text), { ...model, films: index }));
    const got = (e.film as LinkedFilmInfo | null)?.id ?? null;
    if (row.filmIndexHref) {
      r.inIndex++;
      const settled = settledByText(index, row);
      if (settled) r.settled++;
      if (settled && got === row.filmIndexHref) r.rightSettled++;
      if (got === row.filmIndexHref) r.right++;
      else if (got) r.wrong++;
      else r.missed++;
    } else {
      r.outside++;
      if (got) r.falseLinks++;
    }
    r.lines.push(`${row.filmIndexHref && settledByText(index, row) ? "settled" : "-"}\t${row.id}\twant ${row.filmIndexHref ?? '-'}\tgot ${got ?? 'unlinked'}\tfilm ${e.film?.title ?? '-'}`);
  }
  return r;
}

/**
 * A proxy for link precision where no annotator has read the reviews: the snippets of one rt_flatiron film (its rt
 * id) review one film, so a text-only link is consistent when it is the film most of its id's snippets link (ids
 * with at least 3 links that agree). Counts every link, and the consistent ones.
 */
export async function rtConsistency(index: FilmIndex): Promise<string> {
  const model = { ...loadLexiconModel(), films: index };
  const rows = await loadJsonlGz<{ id: number; review: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'));
  const links = new Map<number, string[]>();
  let read = 0;
  for (const r of rows) {
    if (!r.review) continue;
    read++;
    const id = (readEntities(createContext(readDoc(r.review), model)).film as LinkedFilmInfo | null)?.id;
    if (!id) continue;
    const list = links.get(r.id);
    if (list) list.push(id);
    else links.set(r.id, [id]);
  }
  let linked = 0;
  let judged = 0;
  let consistent = 0;
  for (const list of links.values()) {
    linked += list.length;
    const counts = new Map<string, number>();
    for (const l of list) counts.set(l, (counts.get(l) ?? 0) + 1);
    const top = Math.max(...counts.values());
    if (top < 3) continue;
    judged += list.length;
    consistent += top;
  }
  return `rt_flatiron, ${read} snippets read without their film: ${linked} linked to an index film; of the ${judged} on rt ids with a majority film (at least 3 links agree), ${consistent} (${((100 * consistent) / judged).toFixed(1)}%) link that film`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const before = process.memoryUsage();
  const t0 = performance.now();
  const index = loadFilmIndex(MODELS_DIR);
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  console.log(`film index load: ${ms.toFixed(0)} ms, heap +${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(1)} MiB, rss +${((after.rss - before.rss) / 2 ** 20).toFixed(1)} MiB (${index?.size ?? 0} films)`);
  if (!index) throw new Error('no film index in models/films: run node train/film-index.ts');
  if (process.argv.includes('--rt')) {
    console.log(await rtConsistency(index));
    process.exit(0);
  }
  const given = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const files = given.length ? given : ['frozen.json', 'roles.json'].map((f) => fileURLToPath(new URL(`../test/fixtures/entities-v2/${f}`, import.meta.url)));
  for (const path of files) {
    if (!existsSync(path)) continue;
    const file = path.split('/').slice(-2).join('/');
    const rows = JSON.parse(readFileSync(path, 'utf8')) as Row[];
    const r = evalLinking(index, rows);
    console.log(`film linking on ${file} (${rows.length} reviews): right index film ${r.right}/${r.inIndex} (${((100 * r.right) / r.inIndex).toFixed(1)}%; ${r.wrong} wrong, ${r.missed} unlinked); film not in the index or not settled: ${r.falseLinks}/${r.outside} linked anyway`);
    console.log(`  the text and the index settle ${r.settled} of the ${r.inIndex} (title or alias written, two credited people, or one and a character): right on ${r.rightSettled}/${r.settled}; ${r.inIndex - r.settled} carry none of these signs (the annotator knew the film from elsewhere)`);
    if (process.argv.includes('--rows')) for (const l of r.lines) console.log(l);
  }
}
