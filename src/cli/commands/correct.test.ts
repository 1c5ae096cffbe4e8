/**
 * The editors' commands end to end: users create|list|disable|reset, queue, correct review|merge|log|undo,
 * export --corrections, keys create --role.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCard } from '../../store/store.case.test.ts';
import { openStore } from '../../store/open.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'verdict-cli-correct-'));
const db = join(dir, 'v.db');
let ids: string[] = [];

function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/main.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '', VERDICT_DB: db } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const store = await openStore(db);
  const rows = ['A warm and winning film.', 'A dull and tired film.'].map((text, i) => {
    const card = testCard(text, 'test-1', { fresh: i === 0, score: i === 0 ? 70 : 30 });
    card.verdict!.confidence = 0.6;
    return { film: { title: 'Command Film', year: 2020 }, critic: `Critic ${i}`, text, card };
  });
  rows.push({ film: { title: 'Command Film Copy', year: 2020 }, critic: 'Critic 9', text: 'Another review.', card: testCard('Another review.') });
  ids = (await store.putReviews(rows)).inserted;
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verdict users', () => {
  it('creates (printing a generated password once), lists without hashes, disables and resets', async () => {
    const made = await run('users', 'create', 'Ed', '--role', 'editor');
    expect(made.code).toBe(0);
    expect(made.stdout.trim()).toMatch(/^[A-Za-z0-9]{20}$/);
    const list = await run('users', 'list', '--json');
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ username: 'ed', role: 'editor', disabledAt: null })]);
    expect(list.stdout).not.toContain('scrypt');
    expect(list.stdout).not.toContain(made.stdout.trim());
    expect((await run('users', 'create', 'ed')).code).toBe(2);
    expect((await run('users', 'create', 'x', '--role', 'boss')).stderr).toContain('unknown role');
    expect((await run('users', 'disable', 'ed')).code).toBe(0);
    expect((await run('users', 'list')).stdout).toContain('disabled');
    const reset = await run('users', 'reset', 'ed');
    expect(reset.stdout.trim()).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(reset.stdout.trim()).not.toBe(made.stdout.trim());
    expect((await run('users', 'list')).stdout).toContain('active');
    expect((await run('users', 'reset', 'nobody')).code).toBe(2);
  }, 180_000);
  it('gives API keys a role', async () => {
    expect((await run('keys', 'create', 'importer', '--role', 'reader')).code).toBe(0);
    expect((await run('keys', 'list')).stdout).toMatch(/reader\s+\S+\s+importer/);
  }, 180_000);
});

describe('verdict queue and verdict correct', () => {
  it('lists the queue, corrects a review, merges a film, shows the log, undoes, and exports the corrections', async () => {
    const queue = JSON.parse((await run('queue', '--json')).stdout);
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    const fix = await run('correct', 'review', ids[0]!, '--rotten', '--reason', 'sarcasm', '--as', 'ed', '--json');
    expect(fix.code).toBe(0);
    expect(JSON.parse(fix.stdout)[0]).toMatchObject({ field: 'fresh', before: true, after: false, user: 'ed', reason: 'sarcasm' });
    expect((await run('film', 'Command Film', '--json')).stdout).toContain('"fresh": 0');
    expect((await run('correct', 'merge', 'Command Film Copy', 'Command Film', '--as', 'ed')).code).toBe(0);
    const log = await run('correct', 'log', 'Command Film');
    expect(log.stdout).toMatch(/ed {2}merge/);
    expect(log.stdout).toMatch(/ed {2}fresh: true → false {2}"sarcasm"/);
    const exported = await run('export', '--corrections');
    expect(exported.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ id: ids[0], fresh: 'rotten', y: 0, modelFresh: 'fresh' })]);
    expect((await run('correct', 'undo', '1', '--as', 'ed')).code).toBe(0);
    expect((await run('correct', 'undo', '1')).stderr).toContain('already undone');
    expect((await run('correct', 'review', ids[1]!)).stderr).toContain('nothing to correct');
  }, 180_000);
});
