import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filmConsensus, type ReviewFacts } from '../src/aggregate/index.ts';
import { loadJsonlGz } from '../src/node/data.ts';
import { decodeEntities, isoDate, type DemoRow } from '../train/build-demo.ts';

const FILE = fileURLToPath(new URL('../data/demo/reviews.jsonl.gz', import.meta.url));

describe('demo corpus', () => {
  it('is under 5 MB and holds the promised films with critics, labels and scores', async () => {
    expect(statSync(FILE).size).toBeLessThanOrEqual(5 * 1024 * 1024);
    const rows = await loadJsonlGz<DemoRow>(FILE);
    const titles = new Set(rows.map((r) => r.movie_title));
    for (const t of [
      'Toy Story', 'Toy Story 2', 'Toy Story 3', 'Toy Story 4',
      'Shrek', 'Shrek 2', 'Shrek the Third', 'Shrek Forever After',
      'How to Train Your Dragon', 'How to Train Your Dragon 2', 'How to Train Your Dragon: The Hidden World',
      'John Wick', 'John Wick: Chapter 2', 'John Wick: Chapter 3 - Parabellum', 'Ballerina',
    ]) expect(titles.has(t), t).toBe(true);
    expect(rows.every((r) => typeof r.review === 'string' && r.review.trim().length > 0 && Number.isInteger(r.year))).toBe(true);
    expect(rows.filter((r) => r.critic).length).toBeGreaterThan(rows.length * 0.95);
    expect(rows.filter((r) => r.rating).length).toBeGreaterThan(rows.length * 0.5);
    expect(rows.some((r) => /&#?\w+;/.test(r.review))).toBe(false);

    // From its labels, Toy Story 4's share rounds to its published Tomatometer (97%).
    const ts4: ReviewFacts[] = rows
      .filter((r) => r.movie_title === 'Toy Story 4')
      .map((r, i) => ({ id: String(i), filmId: 'ts4', criticId: null, criticName: r.critic, publicationName: r.publication, topCritic: r.top_critic, label: r.fresh === null ? null : r.fresh === 'fresh', rating: null, card: null }));
    const c = filmConsensus('ts4', ts4);
    expect(Math.round(c.share! * 100)).toBe(97);
    expect(c.shareSource).toBe('labels');
    expect(c.certified).toBe(true);
  });

  it('decodes the sources’ HTML entities and dates', () => {
    expect(decodeEntities('It&apos;s great&#46; Truly&#151;a &quot;gem&quot; &amp; more&#44; &#8217;')).toBe('It\'s great. Truly—a "gem" & more, ’');
    expect(decodeEntities('AT&T; &bogus; Andr&eacute; &Ntilde;')).toBe('AT&T; &bogus; André Ñ');
    expect(isoDate('Mar 27, 2023')).toBe('2023-03-27');
    expect(isoDate('2010-03-26')).toBe('2010-03-26');
    expect(isoDate('2000-01-01')).toBeNull();
    expect(isoDate('someday')).toBeNull();
  });
});
