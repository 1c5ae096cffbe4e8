/**
 * `verdict users create|list|disable|reset`: accounts for the site's editors (admin, editor, reader).
 * A generated password is printed once on stdout; only its scrypt hash is stored.
 */
import type { Command } from 'commander';
import { createUser, disableUser, listUsers, parseRole, resetPassword, UserError } from '../../app/users.ts';
import type { Role } from '../../store/store.ts';
import { optionParser } from '../output.ts';
import { withStore } from '../../store/open.ts';

/** Runs an account command; a UserError becomes one line on stderr and exit status 2. */
async function run(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    process.stderr.write(`verdict: ${e.message}\n`);
    process.exitCode = 2;
  }
}

/** A password from stdin when `--password-stdin` is given (never from the command line, where `ps` shows it). */
async function passwordFromStdin(flag: boolean | undefined): Promise<string | undefined> {
  if (!flag) return undefined;
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('Manage accounts for the site (admin, editor, reader)')
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)');
  const db = (): string | undefined => users.opts<{ db?: string }>().db;
  users
    .command('create')
    .description('Create an account; prints a generated password once (or reads one with --password-stdin)')
    .argument('<username>', 'login name (letters, digits, ".", "_", "-")')
    .option('--role <role>', 'admin, editor or reader', optionParser(parseRole), 'editor')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action((username: string, flags: { role: string; passwordStdin?: boolean }) =>
      run(() =>
        withStore(db(), async (store) => {
          const role = flags.role as Role;
          const given = await passwordFromStdin(flags.passwordStdin);
          const { user, password } = await createUser(store, username, role, given);
          if (given === undefined) process.stdout.write(`${password}\n`);
          process.stderr.write(`account "${user.username}" (${user.role}) created${given === undefined ? '; the password above is shown only now' : ''}\n`);
        }),
      ),
    );
  users
    .command('list')
    .description('List accounts (never their passwords)')
    .option('--json', 'JSON output')
    .action((flags: { json?: boolean }) =>
      withStore(db(), async (store) => {
        const list = await listUsers(store);
        if (flags.json) process.stdout.write(`${JSON.stringify(list.map(({ failedLogins: _f, ...u }) => u), null, 2)}\n`);
        else if (list.length === 0) process.stdout.write('no accounts\n');
        else for (const u of list) process.stdout.write(`${u.username.padEnd(20)} ${u.role.padEnd(7)} ${u.disabledAt ? 'disabled' : u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? 'locked  ' : 'active  '} ${u.createdAt}\n`);
      }),
    );
  users
    .command('disable')
    .description('Disable an account and end its sessions')
    .argument('<username>')
    .action((username: string) =>
      run(() =>
        withStore(db(), async (store) => {
          await disableUser(store, username);
          process.stderr.write(`account "${username}" disabled\n`);
        }),
      ),
    );
  users
    .command('reset')
    .description('Set a new password (printed once, or read with --password-stdin); re-enables and unlocks the account')
    .argument('<username>')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action((username: string, flags: { passwordStdin?: boolean }) =>
      run(() =>
        withStore(db(), async (store) => {
          const given = await passwordFromStdin(flags.passwordStdin);
          const password = await resetPassword(store, username, given);
          if (given === undefined) process.stdout.write(`${password}\n`);
          process.stderr.write(`password of "${username}" reset; its sessions were ended\n`);
        }),
      ),
    );
}
