/**
 * `verdict keys create|list|revoke`: API keys for the server's write routes. A new key is printed once;
 * only its hash is stored.
 */
import type { Command } from 'commander';
import { openKeys } from '../../server/keys.ts';
import { defaultDatabase } from '../../server/database.ts';

export function registerKeys(program: Command): void {
  const keys = program
    .command('keys')
    .description('Manage API keys for writes (POST /api/v1/reviews)')
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)');
  const db = (): string => defaultDatabase(keys.opts<{ db?: string }>().db);
  keys
    .command('create')
    .description('Create a key and print it (shown once: store it safely)')
    .argument('<name>', 'who or what the key is for')
    .action(async (name: string) => {
      const k = await openKeys(db());
      try {
        const { id, token } = await k.create(name);
        process.stdout.write(`${token}\n`);
        process.stderr.write(`key ${id} created for "${name}"; it is shown only now. Send it as: Authorization: Bearer <key>\n`);
      } finally {
        await k.close();
      }
    });
  keys
    .command('list')
    .description('List keys (ids and names, never the keys themselves)')
    .option('--json', 'JSON output')
    .action(async (flags: { json?: boolean }) => {
      const k = await openKeys(db());
      try {
        const list = await k.list();
        if (flags.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.length === 0) process.stdout.write('no keys\n');
        else for (const e of list) process.stdout.write(`${e.id}  ${e.revokedAt ? 'revoked' : 'live   '}  ${e.createdAt}  ${e.name}\n`);
      } finally {
        await k.close();
      }
    });
  keys
    .command('revoke')
    .description('Revoke a key by its id')
    .argument('<id>', 'the key id (from `verdict keys list`)')
    .action(async (id: string) => {
      const k = await openKeys(db());
      try {
        if (!(await k.revoke(id))) {
          process.stderr.write(`verdict: no live key with id ${id}\n`);
          process.exitCode = 2;
        } else process.stderr.write(`key ${id} revoked\n`);
      } finally {
        await k.close();
      }
    });
}
