/**
 * `verdict critic NAME`: a critic's profile — reviews, mean score, mean offset from each film's consensus,
 * agreement rate — and their latest reviews.
 */
import type { Command } from 'commander';
import { withExistingStore } from '../../store/open.ts';
import { filmLabel } from './film.ts';
import { criticProfileOf, listCritics, resolveCritic } from '../../app/critic.ts';
import { reviewSummary } from '../../server/store-site-data.ts';
import { printJson } from '../output.ts';

export function registerCritic(program: Command): void {
  program
    .command('critic')
    .description("Show a critic's profile: reviews, mean score, offset from the consensus, agreement")
    .argument('<name-or-id>', 'critic name (case and punctuation ignored; a unique part is enough) or id')
    .option('-n, --limit <n>', 'how many of their reviews to list', '10')
    .option('--json', 'JSON output: the shape of GET /api/v1/critics/{id}, plus `latest` reviews')
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)')
    .action(async (query: string, flags: { limit: string; json?: boolean; db?: string }) => {
      await withExistingStore(flags.db, async (store) => {
        const critic = await resolveCritic(store, query);
        if (!critic) {
          const near = await listCritics(store, { search: query, limit: 10, offset: 0 });
          process.stderr.write(`verdict critic: no single critic matches "${query}"${near.items.length ? `; candidates: ${near.items.map((c) => c.name).join(', ')}` : ''}\n`);
          process.exitCode = 2;
          return;
        }
        const { profile, reviews, publication } = await criticProfileOf(store, critic);
        const limit = Math.max(0, Number.parseInt(flags.limit, 10) || 0);
        if (flags.json) {
          // The API's shape (GET /api/v1/critics/{id}), with their latest reviews as GET …/reviews lists them.
          const p = profile;
          printJson({ id: critic.id, name: critic.name, publication, topCritic: critic.topCritic, reviews: p.reviews, profileReviews: p.profileReviews, meanScore: p.meanScore, meanOffset: p.meanOffset, agreement: p.agreement, latest: reviews.slice(0, limit).map(reviewSummary) });
          return;
        }
        const out: string[] = [];
        out.push(`${critic.name}${critic.topCritic ? '  (top critic)' : ''}  ${critic.id}`);
        out.push(`Reviews          ${profile.reviews}${profile.profileReviews < profile.reviews ? ` (the figures below read the latest ${profile.profileReviews})` : ''}`);
        out.push(`Mean score       ${profile.meanScore === null ? '—' : `${Math.round(profile.meanScore)}/100`}`);
        out.push(`Offset           ${profile.meanOffset === null ? '—' : `${profile.meanOffset >= 0 ? '+' : ''}${profile.meanOffset.toFixed(1)} points from the consensus score (over ${profile.compared} films)`}`);
        out.push(`Agreement        ${profile.agreement === null ? '—' : `${Math.round(profile.agreement * 100)}% of their calls side with the majority`}`);
        if (reviews.length && limit) {
          out.push('', 'Latest reviews');
          for (const r of reviews.slice(0, limit)) {
            const call = r.label === null ? (r.card?.verdict ? (r.card.verdict.fresh ? 'fresh*' : 'rotten*') : '?') : r.label ? 'fresh' : 'rotten';
            const text = r.text.replace(/\s+/g, ' ').trim();
            out.push(`  ${(r.date ?? '').padEnd(10)}  ${call.padEnd(7)}  ${filmLabel({ title: r.filmTitle, year: r.filmYear })}: ${text.length > 100 ? `${text.slice(0, 99)}…` : text}`);
          }
          if (reviews.some((r) => r.label === null)) out.push('  (* = the model\'s call; no label in the source)');
        }
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}
