/**
 * The film index on the site: a linked film's page shows its year, directors, cast with characters, genres and series
 * (linked to the franchise page), the API returns them, and every page credits Wikipedia (CC BY-SA 4.0).
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { createApp } from './app.ts';
import { FILMS, FRANCHISES } from './fixtures.ts';
import { memorySiteData } from './site-data.ts';

const linked = {
  ...FILMS[0]!,
  index: {
    id: 'Toy_Story_4',
    url: 'https://en.wikipedia.org/wiki/Toy_Story_4',
    directors: ['Josh Cooley'],
    writers: ['Andrew Stanton', 'Stephany Folsom'],
    cast: [{ name: 'Tom Hanks', character: 'Woody' }, { name: 'Tim Allen', character: 'Buzz Lightyear' }, { name: 'Annie Potts' }],
    genres: ['animated', 'comedy'],
    series: { id: 'toy-story', name: 'Toy Story', order: 4 },
    license: 'Wikipedia contributors, CC BY-SA 4.0',
  },
};

const app = createApp({ model: EMPTY_MODEL, data: memorySiteData({ films: [linked, FILMS[1]!], reviews: [], critics: [], franchises: FRANCHISES }) });

describe('film index on the site', () => {
  it("shows a linked film's directors, cast with characters, genres and series, with the attribution", async () => {
    const body = await (await app.request('/films/toy-story-4')).text();
    expect(body).toContain('data-testid="film-directors">Josh Cooley');
    expect(body).toMatch(/Tom Hanks <span class="muted">as Woody<\/span>, Tim Allen <span class="muted">as Buzz Lightyear<\/span>, Annie Potts/);
    expect(body).toContain('data-testid="film-genres">animated, comedy');
    expect(body).toMatch(/Part of <a href="\/franchises\/toy-story">Toy Story<\/a> \(film 4\)/);
    expect(body).toContain('CC BY-SA 4.0');
    const other = await (await app.request('/films/toy-story')).text();
    expect(other).not.toContain('data-testid="film-facts"');
  });

  it('returns the index fields in the API and credits Wikipedia in the footer and on /about', async () => {
    const film = (await (await app.request('/api/v1/films/toy-story-4')).json()) as { index: { directors: string[]; cast: unknown[] } };
    expect(film.index.directors).toEqual(['Josh Cooley']);
    expect(film.index.cast[0]).toEqual({ name: 'Tom Hanks', character: 'Woody' });
    const home = await (await app.request('/')).text();
    expect(home).toContain('data-testid="film-index-credit"');
    expect(home).toContain('href="/about#film-index"');
    const about = await (await app.request('/about')).text();
    expect(about).toMatch(/Wikipedia<\/strong>, by\s+<strong>Wikipedia contributors<\/strong>/);
    expect(about).toContain('CC BY-SA 4.0');
  });
});
