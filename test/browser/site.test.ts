// Browser tests (issue 6): the real site in Debian's Chromium. Screenshots go to the folder printed below.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/node/load-model.ts';
import { loadDemo } from '../../src/cli/commands/demo.ts';
import { createApp } from '../../src/server/app.ts';
import { openSite, type Site } from '../../src/server/open-site.ts';
import { browserMissing, launchBrowser, screenshotDir, serveApp, SKIP_BROWSER } from './harness.ts';

const BALLERINA = readFileSync(new URL('../../examples/ballerina.txt', import.meta.url), 'utf8');

describe.skipIf(SKIP_BROWSER)('site in a browser', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let shots: string;
  let site: Site;
  const dir = mkdtempSync(join(tmpdir(), 'verdict-browser-'));
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const missing = browserMissing();
    if (missing) throw new Error(missing);
    // The real demo corpus in a fresh SQLite file, as `npm start` serves it.
    const db = join(dir, 'demo.db');
    await loadDemo({ db, progress: false });
    const model = loadModel();
    site = await openSite(db, model);
    const app = createApp({ model, data: site.data, keys: site.keys, editor: site.editor, examples: { ballerina: BALLERINA } });
    server = await serveApp(app);
    browser = await launchBrowser();
    shots = screenshotDir();
    console.log(`browser-test screenshots: ${shots}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(path: string, width = 1100): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${path}: ${m.text()}`);
    });
    await page.goto(server.url + path);
    return page;
  }

  it('home → search "Toy" → Toy Story 4: score and aspect chart drawn → a review with highlights', async () => {
    const page = await open('/');
    await page.getByTestId('home-search').fill('Toy');
    // Instant results (script) appear under the box.
    const instant = page.getByTestId('instant-results').getByRole('link', { name: /^Toy Story 4/ });
    await instant.waitFor();
    await page.screenshot({ path: join(shots, 'home-search.png') });
    await instant.click();
    await page.waitForURL(/\/films\//);
    expect(await page.locator('h1').innerText()).toContain('Toy Story 4');
    expect(await page.getByTestId('score-value').innerText()).toMatch(/^\d+$/);
    expect(await page.getByTestId('share-fresh').innerText()).toMatch(/\d+%/);
    const bars = page.getByTestId('aspect-chart').locator('svg rect.bar');
    expect(await bars.count()).toBeGreaterThan(0);
    const box = await bars.first().boundingBox();
    expect(box!.width).toBeGreaterThan(0);
    expect(await page.locator('svg[data-chart="histogram"] rect.bar').count()).toBe(10);
    await page.screenshot({ path: join(shots, 'film.png'), fullPage: true });
    // Open a review that discusses an aspect (the film page's own filter finds one).
    await page.locator('#f-aspect').selectOption('story');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/aspect=story/);
    await page.getByTestId('review-item').first().getByRole('link', { name: /Full review/ }).click();
    await page.waitForURL(/\/reviews\//);
    const marks = page.getByTestId('review-text').locator('mark.ev');
    expect(await marks.count()).toBeGreaterThan(0);
    expect(await page.locator('.legend').count()).toBe(1);
    expect(await marks.first().locator('.ev-tag').innerText()).toMatch(/[+−±]/);
    await page.screenshot({ path: join(shots, 'review.png'), fullPage: true });
    await page.close();
  });

  it('search works without script too (the form submits)', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/`);
    await page.getByTestId('home-search').fill('Toy');
    await page.getByTestId('home-search').press('Enter');
    await page.waitForURL(/\/films\?q=Toy/);
    expect(await page.getByTestId('film-results').innerText()).toContain('Toy Story 4');
    await ctx.close();
  });

  it('analyses the Ballerina review on the analyse page: Fresh, the cast and the chronology', async () => {
    const page = await open('/analyze');
    await page.getByTestId('example-ballerina').click();
    await page.getByTestId('card').waitFor();
    const verdict = await page.getByTestId('verdict').innerText();
    const card = await page.getByTestId('card').innerText();
    await page.screenshot({ path: join(shots, 'analyze-ballerina.png'), fullPage: true });
    expect(card).toContain('Ana de Armas');
    expect(verdict).toContain('Fresh');
    expect(await page.getByTestId('cast').innerText()).toMatch(/Ana de Armas\s+as\s+Eve Macarro/);
    expect(await page.getByTestId('chronology').innerText()).toMatch(/Chapter 3[\s\S]*Ballerina[\s\S]*Chapter 4/);
    await page.close();
  });

  it('analyses pasted text through the form and fits a phone screen', async () => {
    const page = await open('/analyze', 390);
    await page.getByLabel('Review text').fill('A thrilling, beautifully shot film with a weak script.');
    await page.getByRole('button', { name: 'Analyse' }).click();
    await page.getByTestId('card').waitFor();
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    await page.screenshot({ path: join(shots, 'analyze-phone.png'), fullPage: true });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('franchise page: John Wick ranked, Ballerina between Chapter 3 and Chapter 4', async () => {
    const page = await open('/franchises/john-wick');
    expect(await page.getByTestId('franchise-ranking').locator('tbody tr').count()).toBe(4);
    expect(await page.getByTestId('franchise-timeline').innerText()).toMatch(/Chapter 3[\s\S]*Ballerina[\s\S]*Chapter 4/);
    await page.screenshot({ path: join(shots, 'franchise-john-wick.png'), fullPage: true });
    await page.close();
  });

  /** A film's id by its title, through the API. */
  async function filmId(title: string): Promise<string> {
    const r = (await (await fetch(`${server.url}/api/v1/films?q=${encodeURIComponent(title)}&limit=20`)).json()) as { items: { id: string; title: string }[] };
    const f = r.items.find((x) => x.title === title);
    if (!f) throw new Error(`no film "${title}" in the demo corpus`);
    return f.id;
  }

  /** The page's scores in the review list, top to bottom. */
  const listedScores = async (page: Page): Promise<number[]> =>
    (await page.getByTestId('reviews').locator('[data-testid="review-item"] .meta strong').allInnerTexts()).map(Number);

  it('sorts the reviews of Toy Story 4 by score, date and top critics, with links that work without script', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/films/${await filmId('Toy Story 4')}`);
    // Cast and crew from the film index: directors, writers, the cast with their characters.
    expect(await page.getByTestId('film-directors').innerText()).toContain('Josh Cooley');
    expect(await page.getByTestId('film-cast').innerText()).toMatch(/Tom Hanks\s+as Woody/);
    const sorts = page.getByTestId('review-sort');
    await sorts.getByRole('link', { name: 'Highest score' }).click();
    await page.waitForURL(/sort=-score/);
    const high = await listedScores(page);
    expect(high.length).toBeGreaterThan(5);
    expect(high).toEqual([...high].sort((a, b) => b - a));
    expect(await sorts.locator('[aria-current]').innerText()).toBe('Highest score');
    await sorts.getByRole('link', { name: 'Lowest score' }).click();
    await page.waitForURL(/sort=score/);
    const low = await listedScores(page);
    expect(low).toEqual([...low].sort((a, b) => a - b));
    expect(low[0]).toBeLessThan(high[0]!);
    // The filter form keeps the order: fresh reviews only, still lowest score first.
    await page.locator('#f-fresh').selectOption('fresh');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/fresh=fresh/);
    expect(page.url()).toContain('sort=score');
    const freshLow = await listedScores(page);
    expect(freshLow).toEqual([...freshLow].sort((a, b) => a - b));
    await sorts.getByRole('link', { name: 'Top critics first' }).click();
    await page.waitForURL(/sort=top/);
    const badges = await page.getByTestId('review-item').evaluateAll((items) => items.map((li) => li.querySelector('.badge:not(.badge-fresh):not(.badge-rotten):not(.badge-none)') !== null));
    expect(badges[0]).toBe(true);
    expect(badges.indexOf(false) === -1 || badges.slice(badges.indexOf(false)).every((b) => !b)).toBe(true);
    await sorts.getByRole('link', { name: 'Oldest' }).click();
    await page.waitForURL(/sort=date/);
    const dates = await page.getByTestId('review-item').locator('.meta').allInnerTexts();
    const isoDates = dates.map((d) => /\d{4}-\d{2}-\d{2}/.exec(d)?.[0]).filter((d): d is string => d !== undefined);
    expect(isoDates).toEqual([...isoDates].sort());
    await page.screenshot({ path: join(shots, 'film-sorted.png'), fullPage: true });
    await ctx.close();
  });

  it('compares Toy Story and Toy Story 2 side by side, reached from the film page', async () => {
    const page = await open(`/films/${await filmId('Toy Story')}`, 390);
    expect(await page.getByTestId('top-critics-share').innerText()).toMatch(/\d+%[\s\S]*Top critics[\s\S]*\d+ of \d+ fresh/);
    // The franchise's other entries are one click away too.
    expect(await page.getByTestId('compare-siblings').getByRole('link').allInnerTexts()).toEqual(['Toy Story 2', 'Toy Story 3', 'Toy Story 4', 'Lightyear']);
    await page.getByTestId('compare-with').fill('Toy Story 2');
    await page.getByTestId('compare-with').press('Enter');
    await page.waitForURL(/\/compare\?films=/);
    const table = page.getByTestId('compare');
    expect(await table.locator('thead th').allInnerTexts()).toEqual([expect.stringContaining('Toy Story'), expect.stringContaining('Toy Story 2')]);
    for (const row of ['compare-share', 'compare-top', 'compare-score']) {
      const cells = await page.getByTestId(row).locator('td').allInnerTexts();
      expect(cells, row).toHaveLength(2);
      for (const c of cells) expect(c, row).toMatch(/\d+/);
    }
    expect(await table.locator('tbody tr[data-testid^="compare-aspect-"]').count()).toBeGreaterThan(0);
    // The two films' API answers give the same shares as the table.
    const api = (await (await fetch(`${server.url}/api/v1/compare?${new URL(page.url()).searchParams.toString()}`)).json()) as { films: { consensus: { share: number } }[] };
    const shown = (await page.getByTestId('compare-share').locator('td strong').allInnerTexts()).map((t) => Number(t.replace('%', '')));
    expect(shown).toEqual(api.films.map((f) => Math.round(f.consensus.share * 100)));
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    await page.screenshot({ path: join(shots, 'compare-toy-story.png'), fullPage: true });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  let unlinkedFilm = '';
  it('shows the cast and crew the reviews name for a film the film index does not know', async () => {
    const rows = [
      { text: 'Paper Lanterns, directed by Mara Quinlan, is a quiet marvel. Oskar Brandt is superb as the lighthouse keeper Elias.', critic: 'Ines Pagewright', publication: 'The Harbour Review', fresh: true },
      { text: 'Mara Quinlan directs Paper Lanterns with patience; Oskar Brandt plays Elias with real warmth, though the script sags.', critic: 'Theo Margins', publication: 'Lantern Weekly', fresh: true },
    ].map((r) => ({ ...r, film: 'Paper Lanterns', year: 2024 }));
    const put = await site.data.addReviews(rows);
    expect(put.imported).toBe(2);
    unlinkedFilm = await filmId('Paper Lanterns');
    const page = await open(`/films/${unlinkedFilm}`, 390);
    expect(await page.getByTestId('film-directors').innerText()).toBe('Mara Quinlan');
    expect(await page.getByTestId('film-cast').innerText()).toMatch(/Oskar Brandt\s+as Elias/);
    expect(await page.getByTestId('film-credits-source').isVisible()).toBe(true);
    await page.close();
  });

  it('has no horizontal overflow on any page at 320, 390 and 414 px', async () => {
    const ts4 = await filmId('Toy Story 4');
    const ts2 = await filmId('Toy Story 2');
    const pubs = (await (await fetch(`${server.url}/api/v1/publications?limit=1`)).json()) as { items: { id: string }[] };
    const critics = (await (await fetch(`${server.url}/api/v1/critics?limit=1`)).json()) as { items: { id: string }[] };
    const reviews = (await (await fetch(`${server.url}/api/v1/films/${ts4}/reviews?limit=1&aspect=story`)).json()) as { items: { id: string }[] };
    const paths = [
      '/',
      '/films',
      '/films?q=Toy',
      `/films/${ts4}`,
      `/films/${ts4}?sort=score&top=true`,
      `/films/${ts4}?aspect=story&sort=-score&offset=20`,
      `/films/${await filmId('Ballerina')}`,
      ...(unlinkedFilm ? [`/films/${unlinkedFilm}`] : []),
      `/reviews/${reviews.items[0]!.id}`,
      '/analyze',
      '/analyze?example=ballerina',
      '/franchises',
      '/franchises/john-wick',
      '/critics',
      `/critics/${critics.items[0]!.id}`,
      '/publications',
      `/publications/${pubs.items[0]!.id}`,
      `/compare?films=${ts4},${ts2}`,
      `/compare?films=${ts4},${ts2},${await filmId('Lightyear')}`,
      `/compare?films=${ts4}&with=Toy`,
      '/about',
      '/login',
      '/no-such-page',
    ];
    const wide: string[] = [];
    for (const width of [320, 390, 414]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      let at = '';
      page.on('console', (m) => {
        // The 404 page's own status is reported as a console error; anything else counts.
        if (m.type() === 'error' && at !== '/no-such-page') consoleErrors.push(`${at} at ${width}px: ${m.text()}`);
      });
      for (const path of paths) {
        at = path;
        await page.goto(server.url + path);
        const got = (await page.evaluate(`(() => {
          const w = window.innerWidth;
          const culprits = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 0.5).slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''));
          return { scroll: document.documentElement.scrollWidth, inner: w, culprits };
        })()`)) as { scroll: number; inner: number; culprits: string[] };
        if (got.scroll > got.inner) {
          wide.push(`${path} at ${width}px: ${got.scroll} px wide (${got.culprits.join(', ')})`);
          await page.screenshot({ path: join(shots, `overflow-${width}-${wide.length}.png`), fullPage: true });
        }
      }
      await page.close();
    }
    expect(wide).toEqual([]);
  });

  it('logged no console errors (CSP violations show up there)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
