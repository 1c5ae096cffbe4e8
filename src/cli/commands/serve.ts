/**
 * `verdict serve`: the web site and the JSON API (Hono on Node's HTTP server), with structured logs (pino)
 * and graceful shutdown.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { pino } from 'pino';
import { loadModel } from '../../node/load-model.ts';
import { createApp } from '../../server/app.ts';
import { defaultDatabase } from '../../server/database.ts';
import { openSite } from '../../server/open-site.ts';
import { closeOnSignals, listen } from '../../server/serve.ts';

export const EXAMPLES = { ballerina: fileURLToPath(new URL('../../../examples/ballerina.txt', import.meta.url)) };

export interface ServeFlags {
  port: string;
  host: string;
  db?: string;
  logLevel: string;
  trustProxy?: boolean;
}

/** Open the database, build the app and listen; prints the URL on stdout. */
export async function runServer(flags: ServeFlags): Promise<void> {
  // Logs go to stderr as JSON lines; stdout carries only the URL line.
  const log = pino({ level: flags.logLevel }, pino.destination(2));
  const model = loadModel();
  const site = await openSite(flags.db, model);
  const db = defaultDatabase(flags.db);
  const examples = Object.fromEntries(Object.entries(EXAMPLES).map(([k, f]) => [k, readFileSync(f, 'utf8')]));
  const app = createApp({ model, data: site.data, keys: site.keys, examples, logger: log, config: { trustProxy: flags.trustProxy === true } });
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${flags.port}`);
  const running = await listen(app, { host: flags.host, port });
  log.info({ url: running.url, db: db.replace(/\/\/[^@/]*@/, '//***@'), model: model.version }, 'listening');
  process.stdout.write(`Verdict is serving ${running.url}\n`);
  closeOnSignals(running, log, () => site.close());
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the web site and the JSON API (/api/v1, OpenAPI at /api/v1/openapi.json)')
    .option('-p, --port <port>', 'port (0 picks a free one)', process.env.PORT ?? '3000')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)')
    .option('--log-level <level>', 'pino log level (fatal, error, warn, info, debug)', process.env.LOG_LEVEL ?? 'info')
    .option('--trust-proxy', 'take the client address from X-Forwarded-For (only behind a reverse proxy)')
    .addHelpText('after', `
Environment: PORT, HOST, DATABASE_URL, VERDICT_DB, LOG_LEVEL.
Writes (POST /api/v1/reviews) need a key: verdict keys create NAME.`)
    .action((flags: ServeFlags) => runServer(flags));
}
