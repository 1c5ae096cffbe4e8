/**
 * `verdict franchise NAME`: the franchise's films ranked by consensus, the whole series in release order as the
 * film index knows it, and the in-universe timeline where reviews state one.
 */
import type { Command } from 'commander';
import { withExistingStore } from '../../store/open.ts';
import { filmLabel } from './film.ts';
import { franchiseId, franchiseOf, listFranchises } from '../../app/franchise.ts';
import { EMPTY_MODEL } from '../../analyze/model.ts';
import { loadFilmIndex } from '../../node/load-films.ts';
import { MODELS_DIR } from '../../node/load-model.ts';
import { storeSiteData } from '../../server/store-site-data.ts';
import { printJson } from '../output.ts';

export function registerFranchise(program: Command): void {
  program
    .command('franchise')
    .description("Show a franchise: films ranked by consensus, and the in-universe timeline")
    .argument('<name>', 'franchise name (case and punctuation ignored)')
    .option('--json', 'JSON output: the shape of GET /api/v1/franchises/{id}')
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)')
    .action(async (name: string, flags: { json?: boolean; db?: string }) => {
      await withExistingStore(flags.db, async (store) => {
        const index = loadFilmIndex(MODELS_DIR);
        const got = await franchiseOf(store, name, undefined, index);
        if (!got) {
          const known = await listFranchises(store);
          process.stderr.write(`verdict franchise: no franchise "${name}"${known.length ? `; known: ${known.map((f) => f.name).join(', ')}` : ''}\n`);
          process.exitCode = 2;
          return;
        }
        const { view } = got;
        if (flags.json) {
          // The API's shape (GET /api/v1/franchises/{id}), from the same serializer.
          printJson(await storeSiteData(store, { ...EMPTY_MODEL, films: index }).franchise(franchiseId(got.franchise.name)));
          return;
        }
        const out: string[] = [`${view.name}: ${view.ranking.length} film${view.ranking.length === 1 ? '' : 's'}`, '', 'Ranked by consensus'];
        for (const e of view.ranking) {
          const share = e.share === null ? '   —' : `${Math.round(e.share * 100)}%`.padStart(4);
          const score = e.score === null ? '  —' : String(Math.round(e.score)).padStart(3);
          out.push(`  ${String(e.rank).padStart(2)}. ${share} fresh  score ${score}  ${e.certified ? 'certified  ' : ''}${filmLabel(e)}  · ${e.reviews} reviews`);
        }
        out.push('');
        if (got.releases.length) {
          out.push('Release order (film index; not story order)');
          got.releases.forEach((r, i) => out.push(`  ${String(i + 1).padStart(2)}. ${filmLabel(r)}${r.order ? `  · film ${r.order}` : r.relation ? `  · ${r.relation}` : ''}  · ${r.filmId ? `${r.reviews} review${r.reviews === 1 ? '' : 's'}  ${r.filmId}` : 'no reviews yet'}`));
        } else out.push('Release order: no film of the franchise is linked to the film index');
        out.push('');
        if (view.timeline.length) {
          out.push('In-universe timeline (from the reviews)');
          view.timeline.forEach((t, i) => out.push(`  ${i + 1}. ${filmLabel(t)}`));
          if (view.conflicts.length) out.push(`  (${view.conflicts.length} contradicting statement${view.conflicts.length === 1 ? '' : 's'} left out)`);
        } else out.push('In-universe timeline: no review states one yet');
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}
