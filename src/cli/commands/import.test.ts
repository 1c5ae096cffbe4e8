import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const node = join(root, 'node_modules/.bin/node');
const main = join(root, 'src/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'verdict-import-cli-'));

function verdict(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(node, [main, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

function count(db: string, sql: string): number {
  const conn = new DatabaseSync(db, { readOnly: true, timeout: 5000 });
  try {
    return Number((conn.prepare(sql).get() as { n: number }).n);
  } finally {
    conn.close();
  }
}

describe('verdict import', () => {
  it('fails (65) when every row is rejected, naming the first reason on the last line', () => {
    const db = join(dir, 'rejected.db');
    const noText = join(dir, 'no-text.csv');
    writeFileSync(noText, 'film,critic\nUp,A\nUp,B\n');
    const a = verdict(['import', noText, '--db', db, '--no-progress', '--rejects', join(dir, 'a.tsv')]);
    expect(a.status).toBe(65);
    expect(a.stderr.trim().split('\n').pop()).toBe(`verdict: nothing stored: all 1 row(s) rejected; ${noText}: no review text column among film, critic (name it with --column text=NAME) (all in ${join(dir, 'a.tsv')})`);
    const empty = join(dir, 'empty-text.csv');
    writeFileSync(empty, 'film,critic,review\nUp,A,\nUp,B,   \n');
    const b = verdict(['import', empty, '--db', db, '--no-progress', '--rejects', join(dir, 'b.tsv')]);
    expect(b.status).toBe(65);
    expect(b.stderr.trim().split('\n').pop()).toMatch(new RegExp(`^verdict: nothing stored: all 2 row\\(s\\) rejected; first, ${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: .+ \\(all in `));
  });

  it('killed with SIGKILL halfway and run again, stores every row exactly once and no partial row', async () => {
    const N = 6000;
    const csv = join(dir, 'many.csv');
    const lines = ['title,critic,publication,fresh,rating,review'];
    for (let i = 0; i < N; i++) lines.push(`Film ${i % 40},Critic ${i % 300},Paper ${i % 50},${i % 3 ? 'fresh' : 'rotten'},${1 + (i % 5)}/5,"Review ${i}: a ${i % 2 ? 'lively, funny' : 'tired, joyless'} film."`);
    lines.push(lines[1]!, lines[2]!); // two duplicate rows
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const db = join(dir, 'killed.db');
    // The schema first, so the test can watch the reviews table fill.
    expect(verdict(['migrate', '--db', db]).status).toBe(0);

    const child = spawn(node, [main, 'import', csv, '--db', db, '--batch', '50', '--workers', '1', '--no-progress', '--no-consensus'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for (;;) {
      await new Promise((r) => setTimeout(r, 5));
      if (count(db, 'SELECT COUNT(*) AS n FROM reviews') >= 500 || child.exitCode !== null) break;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const afterKill = count(db, 'SELECT COUNT(*) AS n FROM reviews');
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(N);
    // Whole rows only: each stored review has its card, and the films' counts agree with their reviews.
    expect(count(db, 'SELECT COUNT(*) AS n FROM reviews WHERE card IS NULL OR model_version IS NULL')).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM films f WHERE review_count <> (SELECT COUNT(*) FROM reviews r WHERE r.film_id = f.id)')).toBe(0);
    // Into an empty store the review-order indexes were left to the end; the next open builds them.
    const orderIndexes = "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'index' AND name IN ('reviews_film_date', 'reviews_critic_date')";
    expect(count(db, orderIndexes)).toBe(0);

    const rerun = verdict(['import', csv, '--db', db, '--batch', '50', '--no-progress', '--no-consensus', '--rejects', join(dir, 'r.tsv')]);
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toMatch(new RegExp(`${N - afterKill} new review\\(s\\) of 40 film\\(s\\), ${afterKill + 2} already stored, 0 rejected`));
    expect(count(db, 'SELECT COUNT(*) AS n FROM reviews')).toBe(N);
    expect(count(db, 'SELECT COUNT(DISTINCT text) AS n FROM reviews')).toBe(N);
    expect(count(db, 'SELECT SUM(review_count) AS n FROM films')).toBe(N);
    expect(count(db, 'SELECT COUNT(*) AS n FROM reviews WHERE card IS NULL')).toBe(0);
    expect(count(db, orderIndexes)).toBe(2);
  }, 180_000); // several CLI processes, each loading the model: minutes on a loaded 2-core machine

  it('reports bad rows by line in the rejects file, imports the rest, and refuses a file without a text column', () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, Buffer.concat([
      Buffer.from('movie_title,review_content\nCars,"Fun ride."\nCars,"x"y\nCars,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\nCars,Dull.\n'),
    ]));
    const nocol = join(dir, 'nocol.csv');
    writeFileSync(nocol, 'movie_title,score\nCars,3\n');
    const rejects = join(dir, 'bad.tsv');
    const r = verdict(['import', csv, nocol, '--db', join(dir, 'bad.db'), '--rejects', rejects, '--workers', '0']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/2 new review\(s\) of 1 film\(s\), 0 already stored, 3 rejected/);
    const rows = readFileSync(rejects, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    expect(rows.map((x) => [x[0], x[1], x[2]])).toEqual([[csv, '3', 'E_BAD_CSV'], [csv, '4', 'E_INVALID_UTF8'], [nocol, '0', 'E_MISSING_TEXT']]);
    expect(rows[2]![3]).toMatch(/movie_title, score/);
  });

  it('verdict demo loads the bundled corpus once (twice adds nothing), and verdict film prints its consensus', () => {
    const db = join(dir, 'demo.db');
    const first = verdict(['demo', '--db', db, '--no-progress']);
    expect(first.status).toBe(0);
    const m = /demo: (\d+) new review\(s\) of (\d+) film\(s\), (\d+) already stored, 0 rejected/.exec(first.stderr);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(3000);
    expect(Number(m![2])).toBeGreaterThanOrEqual(16);
    const second = verdict(['demo', '--db', db, '--no-progress']);
    expect(second.stderr).toMatch(new RegExp(`demo: 0 new review\\(s\\) of 0 film\\(s\\), ${Number(m![1]) + Number(m![3])} already stored`));
    const film = spawnSync(node, [main, 'film', 'Toy Story 4', '--db', db, '--json'], { cwd: dir, encoding: 'utf8' });
    expect(film.status).toBe(0);
    const out = JSON.parse(film.stdout) as { title: string; reviews: number };
    expect(out).toMatchObject({ title: 'Toy Story 4' });
    expect(out.reviews).toBeGreaterThan(400);
  }, 180_000); // several CLI processes, each loading the model: minutes on a loaded 2-core machine
});
