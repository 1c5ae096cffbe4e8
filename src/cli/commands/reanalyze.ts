/**
 * `verdict reanalyze`: brings every stored card to the current analyser and model version.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { openStore, storeUrl } from '../../store/open.ts';
import { redactDatabase } from '../errors.ts';
import { AnalyzePool } from '../../node/pool/pool.ts';
import { reanalyzeStore } from '../../app/reanalyze.ts';

export function registerReanalyze(program: Command): void {
  program
    .command('reanalyze')
    .description('Re-analyse stored reviews whose card is missing or was made by another analyser/model version')
    .option('--db <url>', 'database: a SQLite file or postgres:// URL (default: DATABASE_URL, VERDICT_DB, ./verdict.db)')
    .option('--workers <n>', 'analysis threads (default: one per core; 0 = analyse on the main thread)', (v) => Number(v))
    .option('--no-progress', 'no progress bar')
    .action(async (flags: { db?: string; workers?: number; progress: boolean }) => {
      const store = await openStore(flags.db);
      const pool = new AnalyzePool({ size: flags.workers });
      const started = performance.now();
      const total = (await store.counts()).reviews;
      const bar = flags.progress && process.stderr.isTTY
        ? new cliProgress.SingleBar({ format: 'reanalyze |{bar}| {value} cards | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
        : null;
      bar?.start(total || 1, 0);
      try {
        const s = await reanalyzeStore(store, pool, { onProgress: (n) => bar?.update(n) });
        bar?.stop();
        const secs = (performance.now() - started) / 1000;
        process.stderr.write(`verdict: reanalyze: ${s.updated} card(s) brought to ${s.version}${s.failed ? `, ${s.failed} refused by the analyser` : ''} in ${secs.toFixed(1)} s (${redactDatabase(storeUrl(flags.db))})\n`);
      } finally {
        bar?.stop();
        await pool.close();
        await store.close();
      }
    });
}
