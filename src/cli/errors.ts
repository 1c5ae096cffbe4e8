/**
 * @module How the CLI fails (clig.dev): one line `verdict: <what happened and what to do>` on stderr, a distinct
 * exit status per kind of failure, and the stack trace only with `DEBUG=verdict`.
 */
import { VerdictError } from '../analyze/errors.ts';

/** Exit statuses (after sysexits.h where one fits), listed in `verdict --help` and the README. */
export const Exit = {
  /** Something unexpected: a bug (run with DEBUG=verdict for the stack). */
  INTERNAL: 1,
  /** Bad input (empty, binary, invalid UTF-8, over the size limit) or nothing found for the query. */
  BAD_INPUT: 2,
  /** Bad usage: an unknown command or option, or an option value that does not parse. */
  USAGE: 64,
  /** An import stored nothing (every row rejected, or no rows). */
  NOTHING_STORED: 65,
  /** An input file or folder is missing or unreadable. */
  NO_INPUT: 66,
  /** The database cannot be reached or does not exist. */
  DATABASE: 69,
  /** The server cannot listen (address in use, permission denied). */
  LISTEN: 71,
} as const;

/** A failure the CLI explains in one line, with its exit status. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = Exit.USAGE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A database URL (or a message holding one) fit for printing: its user and password are masked. */
export const redactDatabase = (s: string): string => s.replace(/\/\/[^@/\s]*@/g, '//***@');
const redact = redactDatabase;

/** One line and an exit status for any error a command throws. */
export function explain(err: unknown): { message: string; exitCode: number } {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof VerdictError) return { message: `${err.message} [${err.code}]`, exitCode: Exit.BAD_INPUT };
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number; severity?: string; routine?: string };
  const code = typeof e?.code === 'string' ? e.code : '';
  const path = e?.path ? String(e.path) : '';
  switch (code) {
    case 'ENOENT':
      return { message: `${path || 'a file'}: no such file or folder (check the path)`, exitCode: Exit.NO_INPUT };
    case 'EISDIR':
      return { message: `${path || 'the input'} is a folder, not a file (give a file, or - for standard input)`, exitCode: Exit.NO_INPUT };
    case 'EACCES':
    case 'EPERM':
      if (e.syscall === 'listen') return { message: `cannot listen on port ${e.port ?? ''}: permission denied (use a port above 1023)`, exitCode: Exit.LISTEN };
      return { message: `${path || 'a file'}: permission denied`, exitCode: Exit.NO_INPUT };
    case 'EADDRINUSE':
      return { message: `port ${e.port ?? ''} is already in use (stop the other server or pick another with --port)`, exitCode: Exit.LISTEN };
    case 'EADDRNOTAVAIL':
      return { message: `cannot listen on ${e.address ?? 'that address'}: not an address of this machine (check --host)`, exitCode: Exit.LISTEN };
    case 'ERR_SOCKET_BAD_PORT':
      return { message: 'not a port: use a number from 0 to 65535 with --port', exitCode: Exit.USAGE };
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return { message: `cannot reach the database${e.address ? ` at ${e.address}${e.port ? `:${e.port}` : ''}` : ''} (${code}): is PostgreSQL running, and is --db / DATABASE_URL right?`, exitCode: Exit.DATABASE };
    case '3D000':
      return { message: `${e.message}: create it (createdb) or fix --db / DATABASE_URL`, exitCode: Exit.DATABASE };
    case '28P01':
    case '28000':
      return { message: `the database refused the login: ${e.message} (check the user and password in --db / DATABASE_URL)`, exitCode: Exit.DATABASE };
    case 'ERR_NO_DATABASE':
      return { message: `no database at ${path}; import reviews first or pass --db`, exitCode: Exit.DATABASE };
    case 'ERR_DB_SCHEME':
      return { message: `${e.message}`, exitCode: Exit.USAGE };
    case 'ERR_SQLITE_ERROR':
      return { message: `SQLite: ${e.message}`, exitCode: Exit.DATABASE };
  }
  if (e?.severity && e?.routine) return { message: `PostgreSQL: ${redact(e.message)}`, exitCode: Exit.DATABASE };
  if (err instanceof AggregateError && err.errors.length > 0) return explain(err.errors[0]);
  const message = err instanceof Error ? err.message : String(err);
  return { message: `${redact(message)} (run with DEBUG=verdict for details)`, exitCode: Exit.INTERNAL };
}
