// The deployment of the README's "Deploying" section, in small: two `verdict serve` processes and two
// `verdict worker` processes on one PostgreSQL (a schema of this test's own, dropped after). Reviews come in through
// the queue (`verdict import --queue --enqueue-only`) and through both servers' API; each server then answers the
// same film. PostgreSQL must be reachable, as for the store's contract suite: the test fails, never skips.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/app/api-keys.ts';
import { openStore } from '../src/store/open.ts';
import type { PostgresStore } from '../src/store/postgres.ts';

const root = new URL('../', import.meta.url).pathname;
const base = process.env.VERDICT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dir = mkdtempSync(join(tmpdir(), 'verdict-deploy-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
}

function verdict(args: string[]): Proc {
  const child = spawn(process.execPath, ['src/cli/main.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '', VERDICT_DB: '' } });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

async function serving(p: Proc): Promise<string> {
  for (;;) {
    const m = /Verdict is serving (http:\/\/127\.0\.0\.1:\d+)/.exec(p.out());
    if (m) return m[1]!;
    if (p.child.exitCode !== null) throw new Error(`verdict serve exited ${p.child.exitCode}: ${p.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const review = (i: number): string =>
  i % 3 === 0 ? `Review ${i}: dull, lifeless and far too long; the story drags and the jokes fall flat.` : `Review ${i}: a wonderful, moving film; the animation is gorgeous and the score soars.`;

/** share, score and review count of the film titled `title`, as one server answers them. */
async function film(url: string, title: string): Promise<{ id: string; reviews: number; shareFresh: number; score: number; consensusShare: number }> {
  const list = (await (await fetch(`${url}/api/v1/films?q=${encodeURIComponent(title)}`)).json()) as { items: { id: string; title: string }[] };
  const hit = list.items.find((f) => f.title === title);
  if (!hit) throw new Error(`${url} does not list ${title}`);
  const f = (await (await fetch(`${url}/api/v1/films/${hit.id}`)).json()) as { id: string; reviews: number; shareFresh: number; score: number; consensus: { share: number } };
  return { id: f.id, reviews: f.reviews, shareFresh: f.shareFresh, score: f.score, consensusShare: f.consensus.share };
}

describe('two servers and two workers on one PostgreSQL', () => {
  it('imports through the queue and through both servers, and both servers show the same film', async () => {
    const schema = `verdict_deploy_${process.pid}_${Date.now() % 1e8}`;
    const db = `${base}?schema=${schema}`;
    const store = await openStore(db); // migrates the schema before any process starts
    try {
      const { token } = await createApiKey(store, 'deploy test', new Date());
      const queued = 240;
      const lines = ['title,critic,review'];
      for (let i = 0; i < queued; i++) lines.push(`Up (2009),Critic ${i},"${review(i)}"`);
      writeFileSync(join(dir, 'queue.csv'), `${lines.join('\n')}\n`);

      // Everything starts at once, as a deployment would: servers, workers waiting on the queue, the importer.
      const servers = [0, 1].map(() => verdict(['serve', '--port', '0', '--db', db, '--log-level', 'warn']));
      const workers = [0, 1].map((i) => verdict(['worker', '--db', db, '--wait', '--workers', '0', '--json', '--rejects', join(dir, `w${i}.tsv`)]));
      const importer = verdict(['import', join(dir, 'queue.csv'), '--queue', '--enqueue-only', '--batch', '20', '--db', db, '--rejects', join(dir, 'import.tsv')]);
      expect(await importer.exit).toBe(0);
      expect(importer.err()).toMatch(/240 rows read, 12 batch\(es\) queued, 0 rejected/);
      for (;;) {
        const left = await store.jobCounts('import');
        if (left.pending + left.claimed === 0) break;
        for (const w of workers) if (w.child.exitCode !== null) throw new Error(`a worker exited ${w.child.exitCode}: ${w.err()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await store.counts()).reviews).toBe(queued);
      const urls = await Promise.all(servers.map(serving));

      // Both servers read the queue's reviews.
      const before = await Promise.all(urls.map((u) => film(u, 'Up')));
      expect(before[0]!.reviews).toBe(queued);
      expect(before[1]).toEqual(before[0]);

      // Writes through each server's API: 30 new reviews each, "Up" joining the stored "Up (2009)", and one row the queue
      // already stored (a duplicate, whichever server gets it).
      const post = async (url: string, from: number): Promise<{ imported: number; duplicates: number }> => {
        const rows = Array.from({ length: 30 }, (_, k) => ({ film: 'Up', critic: `API critic ${from + k}`, text: review(from + k) }));
        rows.push({ film: 'Up (2009)', critic: 'Critic 7', text: review(7) });
        const r = await fetch(`${url}/api/v1/reviews`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(rows) });
        expect(r.status).toBe(201);
        return (await r.json()) as { imported: number; duplicates: number };
      };
      const written = await Promise.all([post(urls[0]!, 1000), post(urls[1]!, 2000)]);
      expect(written.map((w) => [w.imported, w.duplicates])).toEqual([[30, 1], [30, 1]]);

      const after = await Promise.all(urls.map((u) => film(u, 'Up')));
      expect(after[0]!.reviews).toBe(queued + 60);
      expect(after[0]!.id).toBe(before[0]!.id); // one film, whichever path the reviews took
      expect(after[1]).toEqual(after[0]);
      expect(after[0]!.shareFresh).toBeCloseTo((queued + 60 - (queued + 60) / 3) / (queued + 60), 1);
      expect((await store.counts()).reviews).toBe(queued + 60);

      // The workers stop on SIGTERM; between them they did every batch, none twice.
      for (const w of workers) w.child.kill('SIGTERM');
      expect(await Promise.all(workers.map((w) => w.exit))).toEqual([0, 0]);
      const done = workers.map((w) => (JSON.parse(w.out()) as { jobs: number[] }).jobs);
      expect(done[0]!.filter((j) => done[1]!.includes(j))).toEqual([]);
      expect(done[0]!.length + done[1]!.length).toBe(12);
      for (const s of servers) s.child.kill('SIGTERM');
      expect(await Promise.all(servers.map((s) => s.exit))).toEqual([0, 0]);
    } finally {
      await (store as PostgresStore).dropSchema().catch(() => undefined);
      await store.close();
    }
  }, 90_000);
});
