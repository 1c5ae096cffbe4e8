/**
 * `verdict migrate`: applies the store's pending numbered migrations (SQLite file or PostgreSQL).
 */
import type { Command } from 'commander';
import { storeUrl, withStore } from '../../store/open.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Create or upgrade the database schema (numbered migrations per dialect)')
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)')
    .action(async (flags: { db?: string }) => {
      await withStore(
        flags.db,
        async (store) => {
          const applied = await store.migrate();
          const version = await store.schemaVersion();
          const where = store.dialect === 'sqlite' ? storeUrl(flags.db) : 'PostgreSQL';
          process.stdout.write(
            applied.length ? `${where}: applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')}; schema version ${version}\n` : `${where}: up to date (schema version ${version})\n`,
          );
        },
        { migrate: false },
      );
    });
}
