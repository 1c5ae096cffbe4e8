// Fault tests (npm run test:faults, run by .ci/run): a PostgreSQL of the test's own stopped and started in the
// middle of an import, a full SQLite database, SIGTERM during an import. Each asserts what was stored, never a time.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import { CONSENSUS_VERSION } from '../../src/aggregate/config.ts';

const root = join(import.meta.dirname, '../..');
const main = join(root, 'src/cli/main.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function corpus(dir: string, n: number): string {
  const file = join(dir, 'reviews.csv');
  const lines = ['title,critic,review'];
  for (let i = 0; i < n; i++) lines.push(`Film ${i % 13},Critic ${i % 90},Review ${i}: the story is ${i % 2 ? 'great' : 'poor'} and the acting is ${i % 3 ? 'fine' : 'weak'}.`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function run(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [main, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, done: new Promise((r) => child.once('exit', (code) => r({ code, stderr }))) };
}

async function until(cond: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 6000; i++) {
    if (await cond()) return;
    await sleep(20);
  }
  throw new Error(`gave up waiting for ${what}`);
}

const pgBin = (() => {
  const base = '/usr/lib/postgresql';
  const v = existsSync(base) ? readdirSync(base).sort().at(-1) : undefined;
  return v ? join(base, v, 'bin') : '';
})();

describe('a PostgreSQL restarted in the middle of an import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-pgfault-'));
  const data = join(dir, 'data');
  const port = 20000 + (process.pid % 20000);
  // PostgreSQL refuses to run as root: there, its tools run as the postgres user, owning the folder.
  const asRoot = process.getuid?.() === 0;
  const pg = (tool: string, a: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(pgBin, tool), ...a], { stdio: 'ignore' }) : execFileSync(join(pgBin, tool), a, { stdio: 'ignore' });
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const pgCtl = (...a: string[]) => pg('pg_ctl', ['-D', data, '-w', '-t', '60', ...a]);
  afterAll(() => {
    try {
      pgCtl('stop', '-m', 'immediate');
    } catch {
      /* already stopped */
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('the import waits for the server, resumes, and stores every row exactly once', async () => {
    pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    pgCtl('-o', opts, '-l', join(dir, 'log'), 'start');
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const n = 4000;
    const file = corpus(dir, n);
    const probe = await openStore(url, { reconnectMs: 60_000 });
    try {
      const imp = run(['import', file, '--db', url, '--workers', '0', '--batch', '50', '--no-progress', '--rejects', join(dir, 'rejects.tsv')]);
      await until(async () => (await probe.counts()).reviews >= 200, 'the first rows');
      pgCtl('stop', '-m', 'fast'); // every connection is cut
      await sleep(1500);
      pgCtl('-o', opts, '-l', join(dir, 'log'), 'start');
      const { code, stderr } = await imp.done;
      expect(stderr).not.toMatch(/Error|at /);
      expect(code).toBe(0);
      expect((await probe.counts()).reviews).toBe(n);
      const again = run(['import', file, '--db', url, '--workers', '0', '--no-progress', '--rejects', join(dir, 'rejects2.tsv')]);
      expect((await again.done).stderr).toMatch(/0 new review\(s\)/);
      expect((await probe.counts()).reviews).toBe(n);
    } finally {
      await probe.close();
    }
  }, 240_000);
});

describe('SQLite', () => {
  it('a full disk: a clear error, the database intact, and the same import resumes to every row exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-full-'));
    const db = join(dir, 'v.db');
    const n = 3000;
    const file = corpus(dir, n);
    // A "disk" of a few hundred pages: max_page_count holds for the connection that sets it, so the import's own
    // connection is capped through the store (the pragma is not persistent).
    const store = await openStore(db);
    const conn = (store as unknown as { conn: DatabaseSync }).conn;
    const pages = Number((conn.prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
    conn.exec(`PRAGMA max_page_count = ${pages + 120}`);
    const { importFiles } = await import('../../src/app/import-reviews.ts');
    const { AnalyzePool } = await import('../../src/node/pool/pool.ts');
    const { RejectsFile } = await import('../../src/node/rejects-file.ts');
    const pool = new AnalyzePool({ size: 0 });
    const rejects = new RejectsFile(join(dir, 'r.tsv'));
    await expect(importFiles(store, [file], pool, rejects, { reader: { maxBytes: 1 << 22 }, batchSize: 100 })).rejects.toThrow(/full/i);
    rejects.close();
    const stored = (await store.counts()).reviews;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(n);
    expect(stored % 100).toBe(0); // whole batches only
    await store.close();
    const check = new DatabaseSync(db);
    expect(check.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    check.close();
    const resumed = run(['import', file, '--db', db, '--workers', '0', '--no-progress', '--rejects', join(dir, 'r2.tsv')]);
    const out = await resumed.done;
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(new RegExp(`${n - stored} new review\\(s\\)`));
    const after = await openStore(db);
    expect((await after.counts()).reviews).toBe(n);
    await after.close();
  }, 240_000);

  it('SIGTERM during an import: the batches read are written whole, it exits, and the same import resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-term-'));
    const db = join(dir, 'v.db');
    const n = 20000;
    const file = corpus(dir, n);
    const imp = run(['import', file, '--db', db, '--workers', '0', '--batch', '100', '--no-progress', '--rejects', join(dir, 'r.tsv')]);
    const probe = new DatabaseSync(db, { readOnly: false });
    await until(async () => {
      try {
        return Number((probe.prepare('SELECT count(*) AS n FROM reviews').get() as { n: number }).n) >= 300;
      } catch {
        return false; // not migrated yet
      }
    }, 'the first rows');
    imp.child.kill('SIGTERM');
    const { code, stderr } = await imp.done;
    expect(stderr).toMatch(/stopped by SIGTERM/);
    expect(code).toBe(143);
    const stored = Number((probe.prepare('SELECT count(*) AS n FROM reviews').get() as { n: number }).n);
    expect(stored).toBeLessThan(n);
    // Nothing half-written: every stored review has its card and its film.
    expect(probe.prepare('SELECT count(*) AS n FROM reviews r LEFT JOIN films f ON f.id = r.film_id WHERE f.id IS NULL OR r.card IS NULL').get()).toEqual({ n: 0 });
    expect(probe.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    probe.close();
    const again = await run(['import', file, '--db', db, '--workers', '0', '--no-progress', '--rejects', join(dir, 'r2.tsv')]).done;
    expect(again.code).toBe(0);
    const after = await openStore(db);
    expect((await after.counts()).reviews).toBe(n);
    // The films of the stopped run show a consensus again (none left stale).
    expect(await after.staleConsensusFilms(CONSENSUS_VERSION, 10)).toEqual([]);
    await after.close();
  }, 240_000);
});
