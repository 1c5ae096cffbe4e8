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
    const app = createApp({ model, data: site.data, keys: site.keys, examples: { ballerina: BALLERINA } });
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

  it('logged no console errors (CSP violations show up there)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
