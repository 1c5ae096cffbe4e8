/**
 * Measures film linking (`linkFilm` over the card's text-only reading) on the frozen entity set v2
 * (test/fixtures/entities-v2/frozen.json and roles.json: `filmIndexHref` is the right index film, null when the film is not in
 * the index or the text does not settle it). Measurement only: nothing is tuned on that set.
 *
 * Run: node train/film-link-eval.ts [--rows] [files…]   (default: the two frozen v2 files; any set with `filmIndexHref`
 * works, e.g. test/fixtures/entities-v3/dev.json, the development set)
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
import { loadFilmIndex } from '../src/node/load-films.ts';
import { loadLexiconModel, MODELS_DIR } from '../src/node/load-model.ts';

interface Row {
  id: string;
  text: string;
  filmIndexHref: string | null;
}

export function evalLinking(index: FilmIndex, rows: Row[]): { inIndex: number; right: number; wrong: number; missed: number; outside: number; falseLinks: number; lines: string[] } {
  const r = { inIndex: 0, right: 0, wrong: 0, missed: 0, outside: 0, falseLinks: 0, lines: [] as string[] };
  const model = loadLexiconModel();
  for (const row of rows) {
    const e = readEntities(createContext(readDoc(row.text), { ...model, films: index }));
    const got = (e.film as LinkedFilmInfo | null)?.id ?? null;
    if (row.filmIndexHref) {
      r.inIndex++;
      if (got === row.filmIndexHref) r.right++;
      else if (got) r.wrong++;
      else r.missed++;
    } else {
      r.outside++;
      if (got) r.falseLinks++;
    }
    r.lines.push(`${row.id}\twant ${row.filmIndexHref ?? '-'}\tgot ${got ?? 'unlinked'}\tfilm ${e.film?.title ?? '-'}`);
  }
  return r;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const before = process.memoryUsage();
  const t0 = performance.now();
  const index = loadFilmIndex(MODELS_DIR);
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  console.log(`film index load: ${ms.toFixed(0)} ms, heap +${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(1)} MiB, rss +${((after.rss - before.rss) / 2 ** 20).toFixed(1)} MiB (${index?.size ?? 0} films)`);
  if (!index) throw new Error('no film index in models/films: run node train/film-index.ts');
  const given = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const files = given.length ? given : ['frozen.json', 'roles.json'].map((f) => fileURLToPath(new URL(`../test/fixtures/entities-v2/${f}`, import.meta.url)));
  for (const path of files) {
    if (!existsSync(path)) continue;
    const file = path.split('/').slice(-2).join('/');
    const rows = JSON.parse(readFileSync(path, 'utf8')) as Row[];
    const r = evalLinking(index, rows);
    console.log(`film linking on ${file} (${rows.length} reviews): right index film ${r.right}/${r.inIndex} (${((100 * r.right) / r.inIndex).toFixed(1)}%; ${r.wrong} wrong, ${r.missed} unlinked); film not in the index or not settled: ${r.falseLinks}/${r.outside} linked anyway`);
    if (process.argv.includes('--rows')) for (const l of r.lines) console.log(l);
  }
}
