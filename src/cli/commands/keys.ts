/**
 * `verdict keys create|list|revoke`: API keys for the server's write routes. A new key is printed once;
 * only its hash is stored.
 */
import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/api-keys.ts';
import { parseRole } from '../../app/users.ts';
import { withStore } from '../../store/open.ts';
import { optionParser } from '../output.ts';

export function registerKeys(program: Command): void {
  const keys = program
    .command('keys')
    .description('Manage API keys for writes (POST /api/v1/reviews)')
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)');
  const db = (): string | undefined => keys.opts<{ db?: string }>().db;
  keys
    .command('create')
    .description('Create a key and print it (shown once: store it safely)')
    .argument('<name>', 'who or what the key is for')
    .option('--role <role>', 'what the key may do: editor (write reviews and corrections), admin, or reader', optionParser(parseRole), 'editor')
    .action((name: string, flags: { role: string }) =>
      withStore(db(), async (store) => {
        const { id, token } = await createApiKey(store, name, new Date(), parseRole(flags.role));
        process.stdout.write(`${token}\n`);
        process.stderr.write(`key ${id} created for "${name}"; it is shown only now. Send it as: Authorization: Bearer <key>\n`);
      }),
    );
  keys
    .command('list')
    .description('List keys (ids and names, never the keys themselves)')
    .option('--json', 'JSON output')
    .action((flags: { json?: boolean }) =>
      withStore(db(), async (store) => {
        const list = await listApiKeys(store);
        if (flags.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.length === 0) process.stdout.write('no keys\n');
        else for (const e of list) process.stdout.write(`${e.id}  ${e.revokedAt ? 'revoked' : 'live   '}  ${(e.role ?? 'editor').padEnd(6)}  ${e.createdAt}  ${e.name}\n`);
      }),
    );
  keys
    .command('revoke')
    .description('Revoke a key by its id')
    .argument('<id>', 'the key id (from `verdict keys list`)')
    .action((id: string) =>
      withStore(db(), async (store) => {
        if (await revokeApiKey(store, id)) process.stderr.write(`key ${id} revoked\n`);
        else {
          process.stderr.write(`verdict: no live key with id ${id}\n`);
          process.exitCode = 2;
        }
      }),
    );
}
