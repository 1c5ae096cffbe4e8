import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FilmInfo, Person } from '../card.ts';
import { parseFilmIndex } from './film-index.ts';
import { filmRecord, indexFilmFor, titleIsPeople } from './film-record.ts';

const index = parseFilmIndex(readFileSync(new URL('../../../models/films/films.v1.json', import.meta.url), 'utf8'));
const textFilm = (title: string): FilmInfo => ({ title, key: title.toLowerCase(), confidence: 0.4, source: 'text', mentions: [] });
const person = (name: string): Person => ({ name, mentions: [{ start: 0, end: name.length }] });

describe('indexFilmFor', () => {
  it("keeps the card's link when the row's year agrees, and chooses the row's year's film otherwise", () => {
    const row = index.rowOf('Halloween_(1978_film)');
    expect(row).toBeGreaterThanOrEqual(0);
    const card = { film: { ...textFilm('Halloween'), source: 'metadata' as const, id: 'Halloween_(1978_film)' } };
    expect(indexFilmFor(index, card, { title: 'Halloween', year: 1978 })?.id).toBe('Halloween_(1978_film)');
    expect(indexFilmFor(index, card, { title: 'Halloween', year: 2018 })?.id).toBe('Halloween_(2018_film)');
    expect(indexFilmFor(index, card, { title: 'Halloween' })?.id).toBe('Halloween_(1978_film)');
  });

  it('links an unlinked card by the row title and year', () => {
    const card = { film: { ...textFilm('Toy Story 4'), unlinked: true as const } };
    expect(indexFilmFor(index, card, { title: 'Toy Story 4', year: 2019 })?.id).toBe('Toy_Story_4');
    expect(indexFilmFor(index, card, { title: 'Toy Story 4', year: 1950 })).toBeNull();
  });

  it('gives what the store keeps: series and order, directors, cast with characters, genres', () => {
    const r = filmRecord(index.film(index.rowOf('Toy_Story_4')));
    expect(r).toMatchObject({ id: 'Toy_Story_4', title: 'Toy Story 4', year: 2019, series: 'Toy Story', order: 4 });
    expect(r.directors).toEqual(['Josh Cooley']);
    expect(r.cast[0]?.name).toBe('Tom Hanks');
    expect(r.genres.length).toBeGreaterThan(0);
  });
});

describe('titleIsPeople', () => {
  it('reads titles made of names as people', () => {
    expect(titleIsPeople(textFilm('Hanks and Roberts'), [], index)).toBe(true);
    expect(titleIsPeople(textFilm('Jarmusch'), [], index)).toBe(true);
    expect(titleIsPeople(textFilm('All Spielberg'), [], index)).toBe(true);
    expect(titleIsPeople(textFilm('Again the Coens'), [], index)).toBe(true);
    expect(titleIsPeople(textFilm('Alicia and Deanna'), [], index)).toBe(true);
    expect(titleIsPeople(textFilm('Dr Zed'), [person('Dr Zed')], index)).toBe(true);
  });

  it('keeps real titles, titles of the index and titles the caller gave', () => {
    expect(titleIsPeople(textFilm('Toy Story'), [], index)).toBe(false);
    expect(titleIsPeople(textFilm('A Big Fat Waste of Time'), [], index)).toBe(false);
    expect(titleIsPeople(textFilm('Afghanistan'), [], index)).toBe(false);
    expect(titleIsPeople({ ...textFilm('Hanks and Roberts'), source: 'metadata' }, [], index)).toBe(false);
    expect(titleIsPeople(null, [], index)).toBe(false);
  });
});
