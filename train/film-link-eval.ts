/**
 * Measures film linking (`linkFilm` over the card's text-only reading) on the frozen entity set v2
 * (test/fixtures/entities-v2/frozen.json and roles.json: `filmIndexHref` is the right index film, null when the film is not in
 * the index or the text does not settle it). Measurement only: nothing is tuned on that set.
 *
 * Run: node train/film-link-eval.ts [--rows]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findEntities } from '../src/analyze/entities/index.ts';
import { linkFilm, type FilmIndex } from '../src/analyze/entities/film-index.ts';
import { createContext } from '../src/analyze/context.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { loadFilmIndex } from '../src/node/load-films.ts';
import { loadLexiconModel, MODELS_DIR } from '../src/node/load-model.ts';

interface Row {
  id: string;
  text: string;
  filmIndexHref: string | null;
}

export function evalLinking(index: FilmIndex, rows: Row[]): { inIndex: number; right: number; wrong: number; missed: number; outside: number; falseLinks: number; lines: string[] } {
  const r = { inIndex: 0, right: 0, wrong: 0, missed: 0, outside: 0, falseLinks: 0, lines: [] as string[] };
  for (const row of rows) {
    const doc = readDoc(row.text);
    const e = findEntities(createContext(doc, loadLexiconModel()));
    const link = linkFilm(index, {
      titles: e.film ? [e.film.title] : [],
      references: e.references.map((x) => x.title),
      years: [...doc.text.matchAll(/\b(?:19|20)\d\d\b/g)].map((m) => Number(m[0])),
      people: e.people.map((p) => p.name),
    });
    const got = link.status === 'linked' ? link.film.id : null;
    if (row.filmIndexHref) {
      r.inIndex++;
      if (got === row.filmIndexHref) r.right++;
      else if (got) r.wrong++;
      else r.missed++;
    } else {
      r.outside++;
      if (got) r.falseLinks++;
    }
    r.lines.push(`${row.id}\twant ${row.filmIndexHref ?? '-'}\tgot ${got ?? `unlinked (${link.status === 'unlinked' ? link.reason : ''})`}\tfilm ${e.film?.title ?? '-'}`);
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
  for (const file of ['frozen.json', 'roles.json']) {
    const path = fileURLToPath(new URL(`../test/fixtures/entities-v2/${file}`, import.meta.url));
    if (!existsSync(path)) continue;
    const rows = JSON.parse(readFileSync(path, 'utf8')) as Row[];
    const r = evalLinking(index, rows);
    console.log(`film linking on entities-v2/${file} (${rows.length} reviews): right index film ${r.right}/${r.inIndex} (${((100 * r.right) / r.inIndex).toFixed(1)}%; ${r.wrong} wrong, ${r.missed} unlinked); film not in the index or not settled: ${r.falseLinks}/${r.outside} linked anyway`);
    if (process.argv.includes('--rows')) for (const l of r.lines) console.log(l);
  }
}
