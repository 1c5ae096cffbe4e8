/**
 * @module Running the app on Node: listen, log with pino, and shut down gracefully on SIGINT/SIGTERM
 * (stop accepting, let in-flight requests finish, close the store).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';

interface Running {
  url: string;
  port: number;
  /** Stop accepting connections, finish in-flight requests (up to `graceMs`), then resolve. */
  close(graceMs?: number): Promise<void>;
}

/** Listen on host:port (port 0 picks a free one). */
export function listen(app: Hono, opts: { host: string; port: number }): Promise<Running> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${info.port}`,
        port: info.port,
        close: (graceMs = 10_000) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => {
              (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            }, graceMs);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}

/**
 * Close `running` and then `cleanup` on the first SIGINT or SIGTERM; a second signal exits at once, unless
 * `repeatExits` is false (cluster workers: Ctrl-C reaches them and their primary, which then signals them too).
 */
export function closeOnSignals(running: Running, log: Logger, cleanup: () => Promise<void> | void, opts: { repeatExits?: boolean } = {}): void {
  let closing = false;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (closing && opts.repeatExits === false) return;
    if (closing) {
      log.warn({ signal: sig }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    log.info({ signal: sig }, 'shutting down: finishing in-flight requests');
    void running
      .close()
      .then(() => cleanup())
      .then(() => {
        log.info('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
