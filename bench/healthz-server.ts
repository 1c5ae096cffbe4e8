/**
 * The server of `npm run bench -- healthz`, as `verdict serve` builds it (analysis on the worker pool) but with
 * the analysis rate limit lifted, so the load reaches the pool. Prints its URL on stdout.
 */
import { createApp } from '../src/server/app.ts';
import { listen } from '../src/server/serve.ts';
import { loadModel } from '../src/node/load-model.ts';
import { TaskPool } from '../src/node/pool/task-pool.ts';

const model = loadModel();
const pool = new TaskPool();
const app = createApp({ model, analyzer: pool, config: { analyzeRate: { limit: 1e9, windowMs: 60_000 } } });
const running = await listen(app, { host: '127.0.0.1', port: 0 });
process.stdout.write(`${running.url}\n`);
process.on('SIGTERM', () => void running.close(100).then(() => pool.close()).then(() => process.exit(0)));
