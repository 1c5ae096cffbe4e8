/**
 * `verdict start` (what `npm start` runs): on first start, load the bundled demo corpus into the default
 * database (the SQLite file ./verdict.db unless DATABASE_URL or VERDICT_DB says otherwise), then serve the
 * site and the API and print the URL.
 */
import type { Command } from 'commander';
import { ensureFirstAdmin } from '../../app/users.ts';
import { openStore, storeUrl, withStore } from '../../store/open.ts';
import { loadDemo } from './demo.ts';
import { runServer, serverOptions, type ServeFlags } from './serve.ts';
import { redactDatabase } from '../errors.ts';

/** True when the database holds no review yet (a first start). */
async function isEmptyDatabase(db: string): Promise<boolean> {
  const store = await openStore(db);
  try {
    return (await store.counts()).reviews === 0;
  } finally {
    await store.close();
  }
}

export function registerStart(program: Command): void {
  serverOptions(program.command('start').description('Serve the site and the API; on first start, load the bundled demo corpus into the database'))
    .option('--no-demo', 'do not load the demo corpus into an empty database')
    .action(async (flags: ServeFlags & { demo: boolean }) => {
      const db = storeUrl(flags.db);
      if (flags.demo && (await isEmptyDatabase(db))) {
        process.stderr.write(`verdict: first start: loading the demo corpus into ${redactDatabase(db)} …\n`);
        await loadDemo({ db, progress: process.stderr.isTTY === true });
      }
      const admin = await withStore(db, (store) => ensureFirstAdmin(store));
      if (admin) {
        process.stderr.write(`verdict: no admin account yet: created "${admin.username}" with the one-time password\n\n    ${admin.password}\n\n  Log in at /login and keep it safe (it is shown only now; \`verdict users reset ${admin.username}\` sets a new one).\n`);
      }
      await runServer({ ...flags, db, create: true });
    });
}
