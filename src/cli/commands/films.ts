/**
 * `verdict films [--search Q]`: the films in the database, most reviewed first, or those whose title matches.
 */
import type { Command } from 'commander';
import { listFilms } from '../../app/films.ts';
import { withExistingStore } from '../../store/open.ts';
import { filmLabel } from './film.ts';
import { filmSummary } from '../../server/store-site-data.ts';
import { printJson } from '../output.ts';
import { CliError, Exit } from '../errors.ts';

export function registerFilms(program: Command): void {
  program
    .command('films')
    .description('List films (most reviewed first), or search their titles')
    .option('-s, --search <q>', 'full-text search on titles (the last word may be a prefix)')
    .option('--franchise <name>', 'only the films of this franchise')
    .option('--unlinked', 'only the films not linked to the film index (for an editor to look at), most reviewed first')
    .option('-n, --limit <n>', 'how many to show', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'JSON output: the shape of GET /api/v1/films (share fresh, score, certified)')
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)')
    .action(async (flags: { search?: string; franchise?: string; unlinked?: boolean; limit: string; offset: string; json?: boolean; db?: string }) => {
      const limit = Number.parseInt(flags.limit, 10);
      const offset = Number.parseInt(flags.offset, 10);
      if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(offset) || offset < 0) {
        throw new CliError('--limit and --offset take whole numbers ≥ 0 (see verdict films --help)', Exit.USAGE);
      }
      await withExistingStore(flags.db, async (store) => {
        const page = await listFilms(store, { search: flags.search, franchise: flags.franchise, unlinked: flags.unlinked ? true : undefined, limit, offset });
        if (flags.json) {
          // The API's shape (GET /api/v1/films), from the same serializer.
          printJson({ items: page.items.map(filmSummary), total: page.total, limit, offset });
          return;
        }
        if (page.items.length === 0) {
          process.stdout.write(
            flags.search ? `no film matches "${flags.search}"\n` : flags.unlinked ? 'every film is linked to the film index\n' : 'no films yet (import reviews with `verdict import`, or `verdict demo`)\n',
          );
          return;
        }
        const width = Math.max(...page.items.map(({ film }) => filmLabel(film).length));
        for (const { film: f, consensus: c } of page.items) {
          const n = `${f.reviewCount} review${f.reviewCount === 1 ? '' : 's'}`;
          const share = typeof c?.share === 'number' ? `${Math.round(c.share * 100)}%` : '—';
          const score = typeof c?.score === 'number' ? String(Math.round(c.score)) : '—';
          process.stdout.write(`${filmLabel(f).padEnd(width)}  ${n.padStart(12)}  ${share.padStart(4)} fresh  ${score.padStart(3)}/100  ${f.franchise ? `[${f.franchise}]  ` : ''}${f.indexId || flags.unlinked ? '' : '(unlinked)  '}${f.id}\n`);
        }
        if (page.total > offset + page.items.length) process.stdout.write(`… ${page.total - offset - page.items.length} more (use --offset ${offset + page.items.length})\n`);
      });
    });
}
