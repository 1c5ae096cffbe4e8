/**
 * Browser-test harness: Debian's Chromium driven by playwright-core, against the app served on a free
 * loopback port. Without Chromium the tests fail with a clear message, unless VERDICT_SKIP_BROWSER=1.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.VERDICT_CHROMIUM ?? '/usr/bin/chromium';
export const SKIP_BROWSER = process.env.VERDICT_SKIP_BROWSER === '1';

/** Why the browser tests cannot run, or null when they can. */
export function browserMissing(): string | null {
  if (existsSync(CHROMIUM)) return null;
  return `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium), point VERDICT_CHROMIUM at it, or set VERDICT_SKIP_BROWSER=1 to skip the browser tests`;
}

export async function launchBrowser(): Promise<Browser> {
  const missing = browserMissing();
  if (missing) throw new Error(missing);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Serve an app on 127.0.0.1 with a free port. */
export async function serveApp(app: Hono): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** The folder screenshots go to (printed by the tests; not committed). */
export function screenshotDir(): string {
  const dir = process.env.VERDICT_SCREENSHOTS ?? join(tmpdir(), 'verdict-screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
