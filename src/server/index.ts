/**
 * @module verdict/server — the HTTP application for embedding: build the Hono app over a database and serve it.
 *
 * ```ts
 * import { openServer } from 'verdict/server';
 * const server = await openServer({ db: './verdict.db', port: 3000 });
 * console.log(server.url); // … await server.close();
 * ```
 */
import type { Hono } from 'hono';
import { loadModel } from '../node/load-model.ts';
import { createApp, type AppDeps } from './app.ts';
import type { ServerConfig } from './config.ts';
import { openSite } from './open-site.ts';
import { listen } from './serve.ts';

export { createApp, type AppDeps } from './app.ts';
export { DEFAULT_CONFIG, resolveConfig, type ServerConfig } from './config.ts';
export { openSite, type Site } from './open-site.ts';
export { listen } from './serve.ts';
export { cardJsonSchema, CARD_SCHEMA_VERSION } from './api/card-json-schema.ts';

/** Open the database (SQLite path or postgres:// URL; default from the environment), build the app and listen. */
export async function openServer(options: { db?: string; host?: string; port?: number; config?: Partial<ServerConfig> } = {}): Promise<{ app: Hono; url: string; port: number; close(): Promise<void> }> {
  const model = loadModel();
  const site = await openSite(options.db, model);
  const deps: AppDeps = { model, data: site.data, keys: site.keys };
  if (options.config) deps.config = options.config;
  const app = createApp(deps);
  const running = await listen(app, { host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return { app, url: running.url, port: running.port, close: async () => { await running.close(); await site.close(); } };
}
