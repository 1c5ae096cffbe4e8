import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

describe('verdict serve', () => {
  it('serves from several worker processes on one port and stops them all on SIGTERM', async () => {
    const { child, url, stderr } = await start(['--db', join(dir, 'w.db'), '--workers', '2', '--log-level', 'info']);
    for (let i = 0; i < 4; i++) expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const pids = new Set(stderr().trim().split('\n').map((l) => JSON.parse(l) as { msg: string; pid: number }).filter((l) => l.msg === 'listening').map((l) => l.pid));
    expect(pids.size).toBe(2);
  });

  it('prints its URL, serves, and exits 0 on SIGTERM after finishing', async () => {
    const child = spawn(process.execPath, ['src/cli/main.ts', 'serve', '--port', '0', '--db', join(dir, 'v.db'), '--log-level', 'info'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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
    const r = await fetch(`${url}/healthz`);
    expect(await r.json()).toEqual({ ok: true });
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const logs = err.trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['listening', 'request', 'stopped']));
  });
});
