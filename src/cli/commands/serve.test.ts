import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'verdict-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(args: string[]) {
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve', '--port', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Verdict is serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  return { child, url, stderr: () => err };
}

/** The JSON log lines; any other line on stderr fails the test with the line itself (an error a worker printed). */
const logLines = (stderr: string) =>
  stderr.trim().split('\n').filter(Boolean).map((l) => {
    if (!l.startsWith('{')) throw new Error(`not a log line on stderr: ${l}`);
    return JSON.parse(l) as { msg: string; pid: number; code?: number };
  });

/** Runs `verdict serve` to its end: exit status and stderr. */
async function runToEnd(args: string[]): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, err };
}

/** Wait (up to 30 s) until `ok()` holds: workers start one after another, slowly on a loaded machine. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
}

describe('verdict serve', () => {
  it('refuses a SQLite file that does not exist with a one-line error and exit 69, unless --create', async () => {
    const missing = join(dir, 'typo.db');
    const child = spawn(process.execPath, ['src/cli/main.ts', 'serve', '--port', '0', '--db', missing], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(69);
    expect(err).toBe(`verdict: no database at ${missing}; import reviews first or pass --db\n`);
    expect(existsSync(missing)).toBe(false);
  });

  it('with several workers, a missing file is one error from the primary, and a worker that cannot start stops the server with its status', async () => {
    const missing = join(dir, 'typo-workers.db');
    const gone = await runToEnd(['--port', '0', '--db', missing, '--workers', '2']);
    expect(gone.code).toBe(69);
    expect(gone.err).toBe(`verdict: no database at ${missing}; import reviews first or pass --db\n`);
    // The port is taken: every worker fails to listen; the server stops rather than restart them forever.
    const busy = await start(['--db', join(dir, 'b.db'), '--create']);
    const taken = new URL(busy.url).port;
    const failed = await runToEnd(['--port', taken, '--db', join(dir, 'b.db'), '--workers', '2', '--log-level', 'info']);
    busy.child.kill('SIGTERM');
    expect(failed.code).toBe(71);
    expect(failed.err).toContain(`verdict: port ${taken} is already in use`);
    expect(failed.err).toContain('worker failed to start; stopping');
  });

  it('serves from several worker processes on one port and stops them all on SIGTERM', async () => {
    const { child, url, stderr } = await start(['--db', join(dir, 'w.db'), '--create', '--workers', '2', '--log-level', 'info']);
    for (let i = 0; i < 4; i++) expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const listening = () => new Set(logLines(stderr()).filter((l) => l.msg === 'listening').map((l) => l.pid));
    await until(() => listening().size >= 2);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(listening().size).toBe(2);
  });

  it('prints its URL, serves, and exits 0 on SIGTERM after finishing', async () => {
    const { child, url, stderr } = await start(['--db', join(dir, 'v.db'), '--create', '--log-level', 'info']);
    const r = await fetch(`${url}/healthz`);
    expect(await r.json()).toEqual({ ok: true });
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const logs = logLines(stderr());
    expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['listening', 'request', 'stopped']));
  });
});
