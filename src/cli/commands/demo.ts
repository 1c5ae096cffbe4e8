/**
 * `verdict demo`: loads the bundled demo corpus (data/demo/, built by train/build-demo.ts) into the default
 * database, through the ordinary import (so loading it twice adds nothing).
 */
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { runImport } from './import.ts';

const DEMO_DIR = fileURLToPath(new URL('../../../data/demo/', import.meta.url));

/** Import the demo corpus into `db` (default database when omitted); returns the number of new reviews. */
export async function loadDemo(options: { db?: string | undefined; progress?: boolean | undefined; workers?: number | undefined } = {}): Promise<number> {
  const files = existsSync(DEMO_DIR) ? readdirSync(DEMO_DIR).filter((f) => /\.jsonl(\.gz)?$/.test(f)).sort().map((f) => join(DEMO_DIR, f)) : [];
  if (files.length === 0) throw new Error(`the demo corpus is missing: no .jsonl.gz in ${DEMO_DIR} (build it with: node train/build-demo.ts)`);
  const s = await runImport({
    paths: files,
    db: options.db,
    source: 'demo',
    label: 'demo',
    rejects: join(tmpdir(), `verdict-demo-rejects-${process.pid}.tsv`),
    progress: options.progress,
    workers: options.workers,
  });
  return s.inserted;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Load the bundled demo corpus (Toy Story, Shrek, How to Train Your Dragon, John Wick, … and Ballerina) into the database')
    .option('--db <url>', 'database: a SQLite file or postgres:// URL (default: DATABASE_URL, VERDICT_DB, ./verdict.db)')
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', `
Then try:
  verdict films
  verdict film "Toy Story 4"
  verdict franchise "John Wick"`)
    .action(async (flags: { db?: string; progress: boolean }) => {
      await loadDemo({ db: flags.db, progress: flags.progress });
    });
}
