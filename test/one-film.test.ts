// One film, one key rule: a review posted through the API, a row imported by the CLI and a re-imported row of
// the same film all land on one film, whatever interface wrote them (src/app/import-reviews.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../src/node/load-model.ts';
import { createApp } from '../src/server/app.ts';
import { openSite } from '../src/server/open-site.ts';
import { createApiKey } from '../src/app/api-keys.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = join(root, 'node_modules/.bin/node');
const main = join(root, 'src/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'verdict-one-film-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function verdict(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(node, [main, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ballerina = readFileSync(join(root, 'examples/ballerina.txt'), 'utf8');

describe('one film whatever the interface', () => {
  it('a CLI import, an API post without a year and a re-import land on "Ballerina (2025)"', async () => {
    const db = join(dir, 'one.db');
    const csv = join(dir, 'first.csv');
    writeFileSync(csv, `title,year,critic,review\nBallerina,2025,Ann Critic,"${ballerina.replace(/"/g, '""')}"\n`);
    expect(verdict('import', csv, '--db', db, '--workers', '0', '--no-progress').status).toBe(0);

    const model = loadModel();
    const site = await openSite(db, model);
    try {
      const { token } = await createApiKey(site.store, 'test');
      const app = createApp({ model, data: site.data, keys: site.keys });
      const post = (body: unknown) => app.request('/api/v1/reviews', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      const r = await post({ film: 'Ballerina', critic: 'Bob Critic', text: 'Ana de Armas makes a great action star; the fights are thrilling.' });
      expect(r.status).toBe(201);
      expect(await r.json()).toMatchObject({ imported: 1, duplicates: 0 });
      // The CLI's row again, through the API: the same content hash, so nothing new.
      expect(await (await post({ film: 'Ballerina', critic: 'Ann Critic', text: ballerina })).json()).toMatchObject({ imported: 0, duplicates: 1 });
    } finally {
      await site.close();
    }

    const again = join(dir, 'again.jsonl');
    writeFileSync(again, `${JSON.stringify({ title: 'Ballerina', critic: 'Cy Critic', review: 'Stylish and brutal, if thin.' })}\n${JSON.stringify({ title: 'Ballerina', year: 2025, critic: 'Ann Critic', review: ballerina })}\n`);
    expect(verdict('import', again, '--db', db, '--workers', '0', '--no-progress').status).toBe(0);

    // `films --json` has the API's shape (GET /api/v1/films): `reviews` is the count.
    const films = JSON.parse(verdict('films', '--db', db, '--json').stdout) as { items: { title: string; year: number | null; reviews: number }[] };
    expect(films.items.map((f) => [f.title, f.year, f.reviews])).toEqual([['Ballerina', 2025, 3]]);
  });
});
