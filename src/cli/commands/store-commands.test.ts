/**
 * The read commands end to end (migrate, films, film, critic, franchise, export) on a small SQLite database.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CriticProfileSchema, FilmDetailSchema, FilmListSchema } from '../../server/api/dto.ts';
import { testCard } from '../../store/store.case.test.ts';
import { openStore } from '../../store/open.ts';
import { EMPTY_MODEL } from '../../analyze/model.ts';
import { createApp } from '../../server/app.ts';
import { storeSiteData } from '../../server/store-site-data.ts';
import { listFilms } from '../../app/films.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'verdict-cli-store-'));
const db = join(dir, 'v.db');

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

const texts: [string, boolean, string][] = [
  ['A joyous, inventive delight, with a witty script.', true, 'Ann Critic'],
  ['Funny, moving and beautifully animated.', true, 'Ben Writer'],
  ['A tired sequel with a dull, "lazy" story, sadly.', false, 'Cy Reviewer'],
];

beforeAll(async () => {
  const store = await openStore(db);
  await store.putReviews(
    texts.map(([text, label, critic], i) => ({
      film: { title: 'Toy Story 4', year: 2019, franchise: 'Toy Story' },
      critic,
      publication: 'The Paper',
      text,
      label,
      rating: label ? 80 : 30,
      rawRating: label ? '4/5' : '1.5/5',
      topCritic: i === 0,
      date: `2019-06-2${i}`,
      card: testCard(text, 'test-1', { fresh: label, score: label ? 80 : 30 }),
    })),
  );
  const r = await store.putReviews([
    { film: { title: 'Toy Story', year: 1995, franchise: 'Toy Story' }, critic: 'Ann Critic', text: 'A landmark.', label: true, card: testCard('A landmark.') },
    // Unanimous and well reviewed, so it ranks first on the share and on its interval's lower end alike.
    ...['Dee', 'Eve', 'Fay', 'Gus', 'Hal'].map((critic) => ({ film: { title: 'Toy Story', year: 1995 }, critic, text: 'A classic.', label: true, card: testCard('A classic.') })),
    { film: { title: 'Cars', year: 2006 }, critic: 'Ben Writer', text: 'Vroom, but empty.', label: false, card: testCard('Vroom, but empty.', 'test-1', { fresh: false, score: 35 }) },
  ]);
  const ts4 = (await store.findFilmsByTitle('Toy Story 4'))[0];
  const ts1 = await store.getFilm(r.films[0] as string);
  await store.addChronology([{ fromFilmId: ts1!.id, toFilmId: ts4!.id, relation: 'before', reviewId: null }]);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('store read commands', () => {
  it('migrate reports the schema version', async () => {
    const r = await run('migrate');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/up to date \(schema version \d+\)/);
  });

  it('films lists most reviewed first and searches titles', async () => {
    const all = await run('films');
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Toy Story \(1995\)\s+6 reviews/);
    expect(lines[1]).toMatch(/^Toy Story 4 \(2019\)\s+3 reviews/);
    expect(lines).toHaveLength(3);
    const hit = await run('films', '--search', 'car', '--json');
    expect(JSON.parse(hit.stdout)).toMatchObject({ total: 1, items: [{ title: 'Cars', year: 2006, reviews: 1 }] });
    expect(FilmListSchema.safeParse(JSON.parse(hit.stdout)).success).toBe(true);
    expect(Object.keys((JSON.parse(hit.stdout) as { items: object[] }).items[0]!)).toEqual(expect.arrayContaining(['shareFresh', 'score', 'certified']));
    const none = await run('films', '--search', 'zzzz');
    expect(none.stdout).toMatch(/no film matches/);
  });

  it('an empty search lists every film: GET /api/v1/films?q= and listFilms, which films --search uses', async () => {
    const store = await openStore(db);
    try {
      const app = createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL) });
      const body = (await (await app.request('/api/v1/films?q=')).json()) as { total: number };
      expect(body.total).toBe(3);
      expect((await listFilms(store, { search: '', limit: 10 })).total).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('film --json is GET /api/v1/films/{id}, field for field', { timeout: 120_000 }, async () => {
    const cli = JSON.parse((await run('film', 'Toy Story 4', '--json')).stdout) as { id: string };
    const store = await openStore(db);
    try {
      const app = createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL) });
      const api = (await (await app.request(`/api/v1/films/${cli.id}`)).json()) as Record<string, unknown>;
      expect(Object.keys(api)).toEqual(expect.arrayContaining(['index', 'published', 'checked']));
      expect(cli).toEqual(api);
    } finally {
      await store.close();
    }
  });

  it('reading commands on a SQLite file that does not exist fail with 69 and create nothing', async () => {
    const missing = join(dir, 'missing.db');
    for (const args of [['films'], ['export'], ['queue']]) {
      const r = await run(...args, '--db', missing);
      expect(r.stderr).toMatch(/no database at .*missing\.db; import reviews first or pass --db/);
      expect(r.code).toBe(69);
    }
    expect(existsSync(missing)).toBe(false);
    const mysql = await run('films', '--db', 'mysql://u:p@h/x');
    expect(mysql.stderr).toMatch(/mysql:\/\/ databases are not supported/);
    expect(mysql.code).toBe(64);
  }, 240_000);

  it('film prints the consensus, by title or id, and as JSON', async () => {
    const r = await run('film', 'toy story 4');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Share fresh\s+67% .*2 of 3; from the critics' own fresh\/rotten labels/);
    expect(r.stdout).toMatch(/Certified\s+no/);
    expect(r.stdout).toMatch(/Score\s+\d+\/100, (acclaim|favourable|mixed)/);
    const j = await run('film', 'Toy Story 4', '--json');
    // The API's FilmDetail shape (one serializer).
    const body = JSON.parse(j.stdout) as { id: string; reviews: number; shareFresh: number; score: number; consensus: { counted: number; share: number } };
    expect(body.reviews).toBe(3);
    expect(body.consensus.share).toBeCloseTo(2 / 3);
    expect(body.shareFresh).toBeCloseTo(2 / 3);
    expect(FilmDetailSchema.safeParse(body).success).toBe(true);
    const byId = await run('film', body.id, '--json');
    expect((JSON.parse(byId.stdout) as { id: string }).id).toBe(body.id);
    const ambiguous = await run('film', 'story');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/matches several films/);
    const missing = await run('film', 'Nope Nothing');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no film matches "Nope Nothing"/);
  });

  it('critic prints the profile', async () => {
    const r = await run('critic', 'ann critic');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Ann Critic {2}\(top critic\)/);
    expect(r.stdout).toMatch(/Reviews\s+2/);
    expect(r.stdout).toMatch(/Agreement\s+100%/);
    const j = JSON.parse((await run('critic', 'Cy Reviewer', '--json')).stdout) as { reviews: number; agreement: number };
    expect(j).toMatchObject({ reviews: 1, agreement: 0 });
    expect(CriticProfileSchema.safeParse(j).success).toBe(true);
    expect((await run('critic', 'nobody at all')).code).toBe(2);
  });

  it('franchise ranks films and gives the timeline', async () => {
    const r = await run('franchise', 'TOY STORY');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1\. 100% fresh.*Toy Story \(1995\)/);
    expect(r.stdout).toMatch(/2\. {2}67% fresh.*Toy Story 4 \(2019\)/);
    expect(r.stdout).toMatch(/timeline[^\n]*\n\s+1\. Toy Story \(1995\)\n\s+2\. Toy Story 4 \(2019\)/);
    expect((await run('franchise', 'Cars')).code).toBe(2);
  });

  it('exports CSV that parses back, and JSON Lines with cards on request', async () => {
    const out = join(dir, 'all.csv');
    const r = await run('export', '--format', 'csv', '--output', out);
    expect(r.code).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(10);
    const lazy = rows.find((x) => x.critic === 'Cy Reviewer');
    expect(lazy).toMatchObject({ review: texts[2]?.[0], movie_title: 'Toy Story 4', year: '2019', fresh: 'rotten', rating: '1.5/5', franchise: 'Toy Story' });
    const j = await run('export', '--format', 'jsonl', '--film', 'Cars', '--cards');
    const lines = j.stdout.trim().split('\n').map((l) => JSON.parse(l) as { movie_title: string; card: { text: string } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ movie_title: 'Cars', card: { text: 'Vroom, but empty.' } });
    const bad = await run('export', '--format', 'xml');
    expect(bad.code).toBe(2);
  });
});
