/**
 * `verdict eval ratings`: how many of the critics' own ratings the parser understands.
 */
import type { Command } from 'commander';
import { parseRating } from '../../analyze/rating/index.ts';
import { dataFile, readJsonlGz } from '../../node/data.ts';

interface Group {
  count: number;
  strings: Map<string, number>;
}

const SETS: { file: string; field: string; target: boolean }[] = [
  { file: 'rt_flatiron/rt_reviews.jsonl.gz', field: 'rating', target: true },
  { file: 'titled/rt_pixar_reviews.jsonl.gz', field: 'original_score', target: false },
  { file: 'titled/rt_dreamworks_reviews.jsonl.gz', field: 'original_score', target: false },
  { file: 'titled/rt_lzw_movie_reviews.jsonl.gz', field: 'review_score', target: false },
];

/** Parse every non-empty rating of one file and print the shares and the commonest strings per outcome. */
export async function evalRatingsFile(path: string, field: string, top: number, withTarget: boolean): Promise<{ parsed: number; handled: number }> {
  const groups: Record<'parsed' | 'rejected' | 'unknown', Group> = {
    parsed: { count: 0, strings: new Map() },
    rejected: { count: 0, strings: new Map() },
    unknown: { count: 0, strings: new Map() },
  };
  const reasons = new Map<string, number>();
  let total = 0;
  for await (const row of readJsonlGz(path)) {
    const raw = row[field];
    if (raw === null || raw === undefined || String(raw).trim() === '') continue;
    total++;
    const r = parseRating(String(raw));
    const g = groups[r.status];
    g.count++;
    g.strings.set(String(raw), (g.strings.get(String(raw)) ?? 0) + 1);
    if (r.status === 'rejected') reasons.set(r.code, (reasons.get(r.code) ?? 0) + 1);
  }
  const pct = (n: number): string => `${((100 * n) / Math.max(1, total)).toFixed(2)}%`;
  const parsed = groups.parsed.count / Math.max(1, total);
  const handled = (groups.parsed.count + groups.rejected.count) / Math.max(1, total);
  console.log(`\n${path} — field "${field}": ${total} non-empty ratings`);
  console.log(`  parsed            ${String(groups.parsed.count).padStart(7)}  ${pct(groups.parsed.count)}`);
  console.log(`  rejected (reason) ${String(groups.rejected.count).padStart(7)}  ${pct(groups.rejected.count)}   ${[...reasons].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  console.log(`  not understood    ${String(groups.unknown.count).padStart(7)}  ${pct(groups.unknown.count)}`);
  console.log(`  parsed or rejected with a reason: ${pct(groups.parsed.count + groups.rejected.count)}`);
  for (const [name, g] of Object.entries(groups)) {
    const common = [...g.strings].sort((a, b) => b[1] - a[1]).slice(0, top);
    if (common.length) console.log(`  most common ${name}: ${common.map(([s, n]) => `${JSON.stringify(s)} ×${n}`).join(', ')}`);
  }
  if (withTarget) {
    const ok = parsed >= 0.97 && handled >= 0.99;
    console.log(`  target (≥ 97% parsed, ≥ 99% parsed or rejected): ${ok ? 'target met' : 'target missed'}`);
  }
  return { parsed, handled };
}

export function registerEvalRatings(evalCmd: Command): void {
  evalCmd
    .command('ratings')
    .description("Parse the critics' own ratings in the shared data sets and report parsed / rejected / not understood")
    .option('--data <file>', 'a .jsonl.gz file to run on instead of the default sets')
    .option('--field <name>', 'the rating field of --data', 'rating')
    .option('--top <n>', 'how many common strings to list per group', (s) => Number.parseInt(s, 10), 15)
    .action(async (flags: { data?: string; field: string; top: number }) => {
      if (flags.data) {
        await evalRatingsFile(flags.data, flags.field, flags.top, true);
        return;
      }
      for (const set of SETS) await evalRatingsFile(dataFile(set.file), set.field, flags.top, set.target);
    });
}
