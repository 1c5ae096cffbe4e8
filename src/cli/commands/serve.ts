/**
 * `verdict serve`: the web site and the JSON API (Hono on Node's HTTP server), with structured logs (pino)
 * and graceful shutdown.
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { pino } from 'pino';
import { loadModel } from '../../node/load-model.ts';
import { createApp } from '../../server/app.ts';
import { TaskPool } from '../../node/pool/task-pool.ts';
import { openSite } from '../../server/open-site.ts';
import { closeOnSignals, listen } from '../../server/serve.ts';
import { openStore, storeUrl } from '../../store/open.ts';
import { CliError, Exit, redactDatabase } from '../errors.ts';
import { parseCertified, serverConfig } from '../server-config.ts';
import { DEFAULT_CERTIFIED } from '../../aggregate/config.ts';
import type { ServerConfig } from '../../server/config.ts';

const EXAMPLES = { ballerina: fileURLToPath(new URL('../../../examples/ballerina.txt', import.meta.url)) };

export interface ServeFlags {
  port: string;
  host: string;
  db?: string;
  logLevel: string;
  trustProxy?: boolean;
  /** Processes serving the port (node:cluster); 1 serves in this process. */
  workers?: string;
  /** Reuse rendered film pages for this long (ms); 0 turns the cache off. */
  pageCacheMs?: string;
  /** Film pages are drafts until an editor publishes them. */
  requirePublish?: boolean;
  /** Origins allowed by CORS on /api/* (off when none). */
  cors?: string[];
  /** A JSON configuration file. */
  config?: string;
  /** No response compression. */
  compress?: boolean;
  /** PostgreSQL connections per process. */
  poolSize?: string;
  /** Certified thresholds, "share,reviews,topCritics". */
  certified?: string;
  /** Create the SQLite file when it is missing (otherwise a missing file is an error: a mistyped path serves an empty site). */
  create?: boolean;
}

/** Number of worker processes asked for: a number, or "auto" for one per core. */
function workerCount(flag: string | undefined): number {
  if (flag === undefined || flag === '') return 1;
  if (flag === 'auto') return availableParallelism();
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new CliError(`--workers expects a whole number from 1 to 64 or "auto", got "${flag}"`, Exit.USAGE);
  return n;
}

/**
 * The primary of a multi-process server: forks workers on one port, prints the URL once, restarts crashed workers,
 * stops them on a signal. A worker that exits before it ever listened failed to start (its reason is on stderr):
 * the others would fail the same way, so the server stops with its exit status rather than restart it forever.
 */
function runPrimary(n: number, logLevel: string): void {
  const log = pino({ level: logLevel }, pino.destination(2));
  let printed = false;
  let stopping = false;
  let failure = 0;
  const listening = new Set<number>();
  for (let i = 0; i < n; i++) cluster.fork();
  cluster.on('message', (w, msg: { type?: string; url?: string }) => {
    if (msg?.type !== 'listening') return;
    listening.add(w.id);
    if (!printed) {
      printed = true;
      process.stdout.write(`Verdict is serving ${msg.url} (${n} worker processes)\n`);
    }
  });
  const stopAll = (): void => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  cluster.on('exit', (w, code, signal) => {
    if (!stopping && !listening.has(w.id)) {
      failure = code || Exit.INTERNAL;
      log.error({ worker: w.process.pid, code, signal }, 'worker failed to start; stopping');
      stopAll();
    }
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        if (failure === 0) log.info('stopped');
        process.exit(failure);
      }
      return;
    }
    log.warn({ worker: w.process.pid, code, signal }, 'worker exited; starting another');
    cluster.fork();
  });
  const stop = (sig: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    log.info({ signal: sig }, 'shutting down workers');
    stopAll();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Open the database, build the app and listen; prints the URL on stdout. With several workers, forks them first. */
export async function runServer(flags: ServeFlags): Promise<void> {
  const n = workerCount(flags.workers);
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`not a port: "${flags.port}" (use a number from 0 to 65535 with --port, or PORT)`, Exit.USAGE);
  // Read before any worker starts, so that a bad configuration is one error, not one per worker.
  const settings = serveSettings(flags);
  if (n > 1 && cluster.isPrimary) {
    // The database is opened (created, migrated) once before the workers start: a missing file is one error and
    // one exit status here, and the workers never race each other to create the same file.
    const store = await openStore(flags.db, { create: flags.create === true });
    await store.close();
    return runPrimary(n, flags.logLevel);
  }
  try {
    await serveHere(flags, port, settings);
  } catch (e) {
    // A worker's IPC channel would keep it alive after the error is reported: let it go.
    if (cluster.isWorker) process.channel?.unref();
    throw e;
  }
}

/** The server's configuration: the file's (--config), overridden by the flags. */
function serveSettings(flags: ServeFlags): { config: Partial<ServerConfig>; poolSize: number | undefined } {
  const flagConfig: Partial<ServerConfig> = {};
  if (flags.trustProxy === true) flagConfig.trustProxy = true;
  if (flags.pageCacheMs !== undefined) flagConfig.pageCacheMs = Number(flags.pageCacheMs);
  if (flags.cors && flags.cors.length > 0) flagConfig.corsOrigins = flags.cors;
  if (flags.compress === false) flagConfig.compress = false;
  if (flags.requirePublish === true) flagConfig.requirePublish = true;
  if (flags.certified !== undefined) flagConfig.certified = parseCertified(flags.certified);
  const { config, poolSize: configPool } = serverConfig(flags.config, flagConfig);
  const poolSize = flags.poolSize !== undefined ? Number(flags.poolSize) : configPool;
  return { config, poolSize };
}

/** Serve in this process (the only one, or one of the primary's workers). */
async function serveHere(flags: ServeFlags, port: number, { config, poolSize }: ReturnType<typeof serveSettings>): Promise<void> {
  // Logs go to stderr as JSON lines; stdout carries only the URL line.
  const log = pino({ level: flags.logLevel }, pino.destination(2));
  const model = loadModel();
  // Analyses run on worker threads, never on the event loop that answers requests.
  const pool = new TaskPool();
  const site = await openSite(flags.db, model, pool, { ...(poolSize === undefined ? {} : { max: poolSize }), certified: config.certified ?? DEFAULT_CERTIFIED, create: flags.create === true });
  const db = storeUrl(flags.db);
  const examples = Object.fromEntries(Object.entries(EXAMPLES).map(([k, f]) => [k, readFileSync(f, 'utf8')]));
  const app = createApp({ model, analyzer: pool, data: site.data, keys: site.keys, editor: site.editor, examples, logger: log, config });
  const running = await listen(app, { host: flags.host, port });
  log.info({ url: running.url, db: redactDatabase(db), model: model.version }, 'listening');
  if (cluster.isWorker) process.send?.({ type: 'listening', url: running.url });
  else process.stdout.write(`Verdict is serving ${running.url}\n`);
  closeOnSignals(running, log, async () => {
    await site.close();
    await pool.close();
  }, { repeatExits: !cluster.isWorker });
}

/** The options `serve` and `start` share. */
export function serverOptions(cmd: Command): Command {
  return cmd
    .option('-p, --port <port>', 'port (0 picks a free one)', process.env.PORT ?? '3000')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .option('--db <url>', 'database: a SQLite file or postgres://… (default: DATABASE_URL, VERDICT_DB or ./verdict.db)')
    .option('--log-level <level>', 'pino log level (fatal, error, warn, info, debug)', process.env.LOG_LEVEL ?? 'info')
    .option('--workers <n>', 'processes serving the port (node:cluster), or "auto" for one per core', process.env.WEB_CONCURRENCY ?? '1')
    .option('--require-publish', 'film pages are drafts (editors only) until an editor publishes them');
}

export function registerServe(program: Command): void {
  serverOptions(program.command('serve').description('Serve the web site and the JSON API (/api/v1, OpenAPI at /api/v1/openapi.json)'))
    .option('--trust-proxy', 'take the client address from X-Forwarded-For (only behind a reverse proxy)')
    .option('--page-cache-ms <ms>', 'reuse a rendered film page this long while the film gains no review (0: off; default 10000)')
    .option('--cors <origins...>', 'allow these origins on /api/* by CORS ("*" for any; default: CORS off)')
    .option('--no-compress', 'no gzip/deflate of responses')
    .option('--pool-size <n>', 'PostgreSQL connections per process (default 4)')
    .option('--certified <share,reviews,top>', 'certified badge thresholds: share fresh, reviews, top critics (default 0.75,40,5)')
    .option('--config <file>', 'JSON configuration file (keys in the README; flags win over it and the environment)')
    .option('--create', 'create the SQLite database when the file is missing (default: a missing file is an error)')
    .addHelpText('after', `
Environment: PORT, HOST, DATABASE_URL, VERDICT_DB, LOG_LEVEL, WEB_CONCURRENCY (workers), VERDICT_CONFIG,
VERDICT_CORS, VERDICT_COMPRESS, VERDICT_PAGE_CACHE_MS, VERDICT_PAGE_SIZE, VERDICT_MAX_ANALYZE_BYTES,
VERDICT_MAX_WRITE_BYTES, VERDICT_ANALYZE_RATE, VERDICT_WRITE_RATE (per minute), VERDICT_TRUST_PROXY, VERDICT_POOL_SIZE,
VERDICT_CERTIFIED (share,reviews,top critics).
Rate limits are per process: with N workers a client may make up to N times the limit.
Writes (POST /api/v1/reviews) need a key: verdict keys create NAME.`)
    .action((flags: ServeFlags) => runServer(flags));
}
