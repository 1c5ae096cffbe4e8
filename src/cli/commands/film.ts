/**
 * `verdict film TITLE|ID [--json]`: a film's consensus — share fresh with its interval and where the calls
 * came from, certified badge, weighted score and band (weights stated), aspects, the one-line consensus and
 * the top pull quotes.
 */
import type { Command } from 'commander';
import type { FilmConsensus, QuoteRef } from '../../aggregate/index.ts';
import { withExistingStore } from '../../store/open.ts';
import type { FilmRow } from '../../store/store.ts';
import { consensusOf } from '../../app/consensus.ts';
import { resolveFilms } from '../../app/films.ts';
import { filmDetail } from '../../server/store-site-data.ts';
import { printJson } from '../output.ts';

export function registerFilm(program: Command): void {
  program
    .command('film')
    .description("Show a film's consensus")
    .argument('<title-or-id>', 'film title ("Toy Story 4", "Toy Story (1995)") or id')
    .option('--json', 'JSON output: the shape of GET /api/v1/films/{id}')
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)')
    .action(async (query: string, flags: { json?: boolean; db?: string }) => {
      await withExistingStore(flags.db, async (store) => {
        const films = await resolveFilms(store, query);
        const first = films[0];
        if (!first) {
          process.stderr.write(`verdict film: no film matches "${query}" (list them with \`verdict films --search …\`)\n`);
          process.exitCode = 2;
          return;
        }
        if (films.some((f) => f.key !== first.key)) {
          process.stderr.write(`verdict film: "${query}" matches several films; say which (title with year, or id):\n`);
          for (const f of films) process.stderr.write(`  ${filmLabel(f)}  ${f.id}\n`);
          process.exitCode = 2;
          return;
        }
        const consensus = await consensusOf(store, first);
        if (flags.json) {
          // The API's shape (GET /api/v1/films/{id}), from the same serializer.
          printJson(await filmDetail(store, { film: first, consensus }));
          if (films.length > 1) process.stderr.write(`verdict: also ${films.slice(1).map((f) => `${filmLabel(f)} (${f.id})`).join(', ')}\n`);
          return;
        }
        process.stdout.write(renderConsensus(first, consensus));
        if (films.length > 1) process.stdout.write(`\nAlso: ${films.slice(1).map((f) => `${filmLabel(f)} (${f.id})`).join(', ')}\n`);
      });
    });
}

/** "Title (year)", or the title alone when the year is unknown. */
export function filmLabel(f: { title: string; year: number | null }): string {
  return f.year ? `${f.title} (${f.year})` : f.title;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function source(c: FilmConsensus): string {
  if (c.shareSource === 'labels') return "from the critics' own fresh/rotten labels";
  const parts: string[] = [];
  if (c.calls.labels) parts.push(`${c.calls.labels} critics' labels`);
  if (c.calls.ratings) parts.push(`${c.calls.ratings} from explicit ratings`);
  if (c.calls.model) parts.push(`${c.calls.model} estimated by the model from the text`);
  return parts.join(', ');
}

function cite(q: QuoteRef): string {
  const who = [q.critic, q.publication].filter(Boolean).join(', ');
  return `“${q.text.trim()}”${who ? ` — ${who}` : ''}`;
}

/** What the film index says of the film (Wikipedia, CC BY-SA 4.0), or that it is not linked. */
function filmFacts(film: FilmRow): string[] {
  if (!film.indexId) return ['Index        not linked to the film index (`verdict films --unlinked`)'];
  const out: string[] = [];
  if (film.directors?.length) out.push(`Directed by  ${film.directors.join(', ')}`);
  if (film.writers?.length) out.push(`Written by   ${film.writers.join(', ')}`);
  if (film.cast?.length) out.push(`Cast         ${film.cast.slice(0, 8).map((c) => (c.character ? `${c.name} as ${c.character}` : c.name)).join(', ')}${film.cast.length > 8 ? ', …' : ''}`);
  if (film.genres?.length) out.push(`Genres       ${film.genres.join(', ')}`);
  out.push(`Index        ${readableId(film.indexId)} (film index from Wikipedia, CC BY-SA 4.0)`);
  return out;
}

/** A Wikipedia page id as a reader writes it (`…_%E2%80%93_Parabellum` → `…_–_Parabellum`). */
export function readableId(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id; // not percent-encoded after all
  }
}

/** The consensus as terminal text. */
function renderConsensus(film: FilmRow, c: FilmConsensus): string {
  const out: string[] = [];
  out.push(`${filmLabel(film)}${film.franchise ? `  [${film.franchise}${film.position ? ` #${film.position}` : ''}]` : ''}  ${film.id}`);
  out.push(...filmFacts(film));
  out.push(`Reviews      ${c.reviews}${c.topCritics ? ` (${c.topCritics} top critics)` : ''}`);
  if (c.share === null) out.push('Share fresh  — (no review has a fresh/rotten call yet)');
  else {
    const ci = c.interval ? ` (95% interval ${pct(c.interval.low)}–${pct(c.interval.high)})` : '';
    out.push(`Share fresh  ${pct(c.share)}${ci}, ${c.fresh} of ${c.counted}; ${source(c)}`);
    out.push(`Certified    ${c.certified ? 'yes' : 'no'} (rule: ${c.certifiedRule})`);
  }
  if (c.score === null) out.push('Score        — (no scores yet)');
  else out.push(`Score        ${Math.round(c.score)}/100, ${c.band}; ${c.weights}`);
  if (c.line) out.push('', `Consensus    ${c.line}`);
  if (c.aspects.length) {
    out.push('', 'Aspects');
    for (const a of c.aspects) {
      out.push(`  ${a.aspect.padEnd(11)} ${pct(a.share).padStart(4)} positive over ${a.reviews} review${a.reviews === 1 ? '' : 's'}`);
      for (const q of a.quotes) out.push(`      ${cite(q)}`);
    }
  }
  if (c.quotes.length) {
    out.push('', 'Top quotes');
    for (const q of c.quotes) out.push(`  ${cite(q)}`);
  }
  return `${out.join('\n')}\n`;
}
