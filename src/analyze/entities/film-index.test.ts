import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLexiconModel } from '../../node/load-model.ts';
import { createContext } from '../context.ts';
import { readDoc } from '../text/index.ts';
import { FILM_INDEX_FORMAT, linkFilm, nameTokens, parseFilmIndex, type FilmIndex, type FilmIndexData } from './film-index.ts';
import { findEntities, titleKey } from './index.ts';

const root = new URL('../../../', import.meta.url);
const shipped: FilmIndex = parseFilmIndex(readFileSync(new URL('models/films/films.v1.json', root), 'utf8'));

/** What the card knows of a review: the film's title, the other films, the years and people it names. */
function queryOf(text: string) {
  const e = findEntities(createContext(readDoc(text), loadLexiconModel()));
  return {
    titles: e.film ? [e.film.title] : [],
    references: e.references.map((r) => r.title),
    years: [...text.matchAll(/\b(?:19|20)\d\d\b/g)].map((m) => Number(m[0])),
    people: e.people.map((p) => p.name),
  };
}

/** A small index in the shipped format: two films called Ballerina, one Sicario. */
function tiny(): FilmIndexData {
  const people = ['Ana de Armas', 'Keanu Reeves', 'Len Wiseman', 'Elle Fanning', 'Dane DeHaan', 'Eric Summer', 'Emily Blunt', 'Denis Villeneuve', 'Jon Bernthal', 'Victor Garber'];
  const p = (n: string): number => people.indexOf(n);
  return {
    format: FILM_INDEX_FORMAT,
    source: 'test',
    count: 3,
    people,
    genres: ['Action', 'Animated'],
    studios: [],
    seriesNames: ['John Wick'],
    id: ['Ballerina_(2025_film)', 'Ballerina_(2016_film)', ''],
    title: ['Ballerina', 'Ballerina', 'Sicario'],
    year: [2025, 2016, 2015],
    key: ['', '', ''],
    aliases: ['', 'leap', ''],
    genre: [[0], [1], [0]],
    series: [0, -1, -1],
    order: [0, 0, 0],
    relation: [2, -1, -1],
    previous: [-1, -1, -1],
    directors: [[p('Len Wiseman')], [p('Eric Summer')], [p('Denis Villeneuve')]],
    writers: [[], [], []],
    studio: [[], [], []],
    cast: [[p('Ana de Armas'), p('Keanu Reeves')], [p('Elle Fanning'), p('Dane DeHaan')], [p('Emily Blunt'), p('Jon Bernthal'), p('Victor Garber')]],
    roles: [[0, 'Eve Macarro'], [], []],
  };
}

describe('the shipped film index', () => {
  it('holds the films the issue names, with their series, order and aliases', () => {
    expect(shipped.size).toBeGreaterThan(30000);
    const wick3 = shipped.film(shipped.rowOf('John_Wick:_Chapter_3_%E2%80%93_Parabellum'));
    expect(wick3.series).toMatchObject({ name: 'John Wick', order: 3, previous: 'John_Wick:_Chapter_2' });
    expect(wick3.directors).toEqual(['Chad Stahelski']);
    expect(shipped.rowsForKey(titleKey('Parabellum'))).toContain(wick3.row);
    expect(shipped.rowsForKey(titleKey('John Wick 3'))).toContain(wick3.row);
    const fastX = shipped.film(shipped.rowOf('Fast_X'));
    expect(fastX.series).toMatchObject({ name: 'Fast & Furious', order: 10 });
    expect(shipped.rowsForKey(titleKey('Fast & Furious 10'))).toContain(fastX.row);
    const ts4 = shipped.film(shipped.rowOf('Toy_Story_4'));
    expect(ts4.cast.find((c) => c.name === 'Tom Hanks')?.character).toBe('Woody');
    expect(ts4.series?.previous).toBe('Toy_Story_3');
  });

  it('rejects data of another format or with a short column', () => {
    expect(() => parseFilmIndex({ ...tiny(), format: 'other/1' })).toThrow(/format/);
    expect(() => parseFilmIndex({ ...tiny(), year: [2025] })).toThrow(/year/);
  });
});

describe('linkFilm', () => {
  it('links the Ballerina review to the 2025 film, its series and its people', () => {
    const q = queryOf(readFileSync(new URL('examples/ballerina.txt', root), 'utf8'));
    const link = linkFilm(shipped, q);
    expect(link.status).toBe('linked');
    if (link.status !== 'linked') return;
    expect(link.film.id).toBe('Ballerina_(2025_film)');
    expect(link.film.year).toBe(2025);
    expect(link.film.directors).toEqual(['Len Wiseman']);
    expect(link.confidence).toBeGreaterThan(0.6);
    expect(link.series).toMatchObject({ name: 'John Wick', relation: 'spin-off' });
    expect(link.series?.entries.map((e) => e.id)).toContain('John_Wick:_Chapter_4');
    const person = (n: string) => link.people.find((p) => p.name === n);
    // A misspelt given name still links on the surname; a surname alone gets the role the text does not state.
    expect(person('Angelica Huston')).toMatchObject({ indexName: 'Anjelica Huston', roles: ['cast'], match: 'surname' });
    expect(person('Reeves')).toMatchObject({ indexName: 'Keanu Reeves', roles: ['cast'], film: 'Ballerina_(2025_film)' });
    expect(person('Ana de Armas')).toMatchObject({ character: 'Eve Macarro', match: 'full' });
    expect(person('Len Wiseman')).toMatchObject({ roles: ['director'], film: 'Ballerina_(2025_film)' });
    // Stahelski directs the series, not this film: linked to the series' film he directed.
    expect(person('Chad Stahelski')?.roles).toEqual(['director']);
    expect(person('Chad Stahelski')?.film).toMatch(/^John_Wick/);
  });

  it('chooses between two films of one title by the people named', () => {
    const idx = parseFilmIndex(tiny());
    const wick = linkFilm(idx, { titles: ['Ballerina'], people: ['de Armas', 'Reeves'] });
    expect(wick.status === 'linked' && wick.film.id).toBe('Ballerina_(2025_film)');
    const leap = linkFilm(idx, { titles: ['Ballerina'], people: ['Elle Fanning', 'DeHaan'] });
    expect(leap.status === 'linked' && leap.film.id).toBe('Ballerina_(2016_film)');
    if (wick.status === 'linked' && leap.status === 'linked') {
      expect(wick.confidence).toBeGreaterThan(0.8);
      expect(wick.alternatives.map((a) => a.id)).toEqual(['Ballerina_(2016_film)']);
    }
    // And by the year written, when no one is named; unsure when nothing tells them apart.
    const y = linkFilm(idx, { titles: ['Ballerina'], years: [2016] });
    expect(y.status === 'linked' && y.film.id).toBe('Ballerina_(2016_film)');
    const none = linkFilm(idx, { titles: ['Ballerina'] });
    expect(none.status === 'linked' && none.confidence).toBeLessThan(0.5);
  });

  it('tells remakes apart on the shipped index by director or year', () => {
    const carpenter = linkFilm(shipped, { titles: ['Halloween'], people: ['John Carpenter', 'Jamie Lee Curtis', 'Donald Pleasence'] });
    expect(carpenter.status === 'linked' && carpenter.film.id).toBe('Halloween_(1978_film)');
    const green = linkFilm(shipped, { titles: ['Halloween'], people: ['David Gordon Green', 'Jamie Lee Curtis', 'Judy Greer'] });
    expect(green.status === 'linked' && green.film.id).toBe('Halloween_(2018_film)');
    const lynch = linkFilm(shipped, { titles: ['Dune'], people: ['Lynch', 'Kyle MacLachlan'] });
    expect(lynch.status === 'linked' && lynch.film.id).toBe('Dune_(1984_film)');
    const villeneuve = linkFilm(shipped, { titles: ['Dune'], people: ['Villeneuve', 'Timothée Chalamet'] });
    expect(villeneuve.status === 'linked' && villeneuve.film.id).toBe('Dune_(2021_film)');
    const thing = linkFilm(shipped, { titles: ['The Thing'], years: [1982] });
    expect(thing.status === 'linked' && thing.film.id).toBe('The_Thing_(1982_film)');
  });

  it('reads a bare title as the film its sequels follow, not a later remake', () => {
    const dragon = linkFilm(shipped, { titles: ['How to Train Your Dragon'] });
    expect(dragon.status === 'linked' && dragon.film.id).toBe('How_to_Train_Your_Dragon_(film)');
    expect(linkFilm(shipped, { titles: ['How to Train Your Dragon'], years: [2025] })).toMatchObject({ film: { year: 2025 } });
    // A re-release row of the list is the original film, found by its sequel.
    const nemo = linkFilm(shipped, { titles: ['Finding Nemo'] });
    expect(nemo).toMatchObject({ status: 'linked', film: { id: 'Finding_Nemo', year: 2003 } });
    expect(shipped.film(shipped.rowOf('Finding_Dory')).series).toMatchObject({ name: 'Finding Nemo', order: 2, previous: 'Finding_Nemo' });
  });

  it('links a film the list names only by a re-released edition, and not by the edition\'s words', () => {
    expect(linkFilm(shipped, { titles: ['Raiders of the Lost Ark'] })).toMatchObject({ status: 'linked', film: { id: 'Raiders_of_the_Lost_Ark' } });
    expect(linkFilm(shipped, { titles: ['Donnie Darko'] })).toMatchObject({ status: 'linked', film: { id: 'Donnie_Darko' } });
    expect(linkFilm(shipped, { titles: ['Special Edition'] }).status).toBe('unlinked');
  });

  it('links a title written as an alias', () => {
    const p = linkFilm(shipped, { titles: ['Parabellum'], people: ['Keanu Reeves', 'Halle Berry'] });
    expect(p.status === 'linked' && p.film.id).toBe('John_Wick:_Chapter_3_%E2%80%93_Parabellum');
    const f = linkFilm(shipped, { titles: ['Fast & Furious 10'] });
    expect(f.status === 'linked' && f.film.id).toBe('Fast_X');
  });

  it('leaves unlinked a film not in the index, or one whose named people are all strangers to it', () => {
    expect(linkFilm(shipped, { titles: ['A Film Nobody Made Zqx'] })).toMatchObject({ status: 'unlinked', reason: 'not-in-index' });
    expect(linkFilm(shipped, { titles: [] })).toMatchObject({ status: 'unlinked', reason: 'no-title' });
    const idx = parseFilmIndex(tiny());
    expect(linkFilm(idx, { titles: ['Sicario'], people: ['Benicio del Toro', 'Josh Brolin', 'Isabela Merced'] })).toMatchObject({ status: 'unlinked', reason: 'no-match' });
  });

  it('links a review that names no title by the people it names, when they settle it', () => {
    const idx = parseFilmIndex(tiny());
    const sicario = linkFilm(idx, { titles: [], people: ['Emily Blunt', 'Denis Villeneuve', 'Someone Else'] });
    expect(sicario).toMatchObject({ status: 'linked', by: 'people', film: { id: 'Sicario' } });
    // Two actors settle a film only as two of its three leads, and not against the years the text writes; a
    // wrong title falls back to the people too.
    expect(linkFilm(idx, { titles: [], people: ['Elle Fanning', 'Dane DeHaan'], text: 'Elle Fanning and Dane DeHaan' })).toMatchObject({ status: 'linked', by: 'people', film: { id: 'Ballerina_(2016_film)' } });
    expect(linkFilm(idx, { titles: [], people: ['Elle Fanning', 'Dane DeHaan'], years: [2021], text: 'Elle Fanning and Dane DeHaan in 2021' })).toMatchObject({ status: 'unlinked', reason: 'no-title' });
    const more = tiny();
    more.cast[1]!.unshift(more.people.indexOf('Jon Bernthal'), more.people.indexOf('Victor Garber'));
    expect(linkFilm(parseFilmIndex(more), { titles: [], people: ['Elle Fanning', 'Dane DeHaan'], text: 'Elle Fanning and Dane DeHaan' })).toMatchObject({ status: 'unlinked', reason: 'no-title' });
    expect(linkFilm(idx, { titles: ['Emily Blunt'], people: ['Emily Blunt', 'Denis Villeneuve'] })).toMatchObject({ status: 'linked', by: 'people' });
    expect(idx.rowsForPerson('denis villeneuve')).toEqual([2]);
  });

  it('counts a character written in the text, not a word of a named person that a character shares', () => {
    // "Kevin" of Kevin Spacey is no mention of Tron's Kevin Flynn: the two leads settle K-PAX.
    const pax = 'Kevin Spacey and Jeff Bridges are both in top form, as a mysterious man who may be from another planet, and the psychiatrist.';
    expect(linkFilm(shipped, { ...queryOf(pax), titles: [], text: pax })).toMatchObject({ status: 'linked', film: { id: 'K-PAX_(film)' } });
    // A character whom the index knows as a person too is still the film's character.
    const monster = 'As Aileen Wuornos, the notorious Florida murderer, Charlize Theron pulls off the most astounding makeover.';
    expect(linkFilm(shipped, { ...queryOf(monster), titles: [], text: monster })).toMatchObject({ status: 'linked', film: { id: 'Monster_(2003_film)' } });
  });

  it('tells two films of the same actors apart by the author of the book one is based on, when the text names them', () => {
    const text = 'Not my favourite Austen novel, and Paltrow is not my favourite actress, but the real find is Jeremy Northam as the hero.';
    const q = { ...queryOf(text), titles: [], text };
    expect(linkFilm(shipped, q)).toMatchObject({ status: 'linked', by: 'people', film: { id: 'Emma_(1996_theatrical_film)' } });
    // Without the author, Emma and Possession (2002) credit both equally: not settled.
    const bare = text.replace('Austen ', '');
    expect(linkFilm(shipped, { ...queryOf(bare), titles: [], text: bare })).toMatchObject({ status: 'unlinked' });
    expect(shipped.authorsOf(shipped.rowOf('Magnificent_Obsession_(1954_film)'))).toEqual(['Lloyd C. Douglas']);
    // Two films of the same two leads, one from a novel by Lloyd C. Douglas: his surname settles it; the given name
    // of Douglas Sirk does not.
    const d = tiny();
    d.cast[0] = [...d.cast[1]!];
    d.authors = ['', 'Lloyd C. Douglas', ''];
    const idx = parseFilmIndex(d);
    const people = ['Elle Fanning', 'Dane DeHaan'];
    expect(linkFilm(idx, { titles: [], people, text: 'Elle Fanning and Dane DeHaan in a tale from a Douglas novel' })).toMatchObject({ status: 'linked', film: { id: 'Ballerina_(2016_film)' } });
    expect(linkFilm(idx, { titles: [], people, text: 'Elle Fanning and Dane DeHaan, as if Douglas Sirk had made it' })).toMatchObject({ status: 'unlinked' });
  });

  it('lists a name\'s films once each, ascending, for two people of one name; gives title leads and character words', () => {
    const d = tiny();
    // "Émily Blunt" and "Emily Blunt": one name once accents are dropped; her films listed once, in order.
    d.people.push('Émily Blunt');
    d.cast[0]!.push(d.people.length - 1);
    d.cast[2]!.push(d.people.length - 1);
    d.title[1] = "Ballerina's Leap";
    d.title[2] = '8 Mile';
    const idx = parseFilmIndex(d);
    expect(idx.rowsForPerson('Emily Blunt')).toEqual([0, 2]);
    expect(idx.rowsForPersonKey('emily blunt')).toEqual([0, 2]);
    expect([0, 1, 2].map((r) => idx.titleLead(r))).toEqual(['Ballerina', 'Ballerina', '']);
    expect(idx.characterWords(0)).toEqual(['Eve', 'Macarro']);
    expect(idx.characterWords(1)).toEqual([]);
  });

  it('links by a director the text names as such when the index has one film of theirs, and not by a title the text writes with an article the index title lacks', () => {
    const idx = parseFilmIndex(tiny());
    expect(linkFilm(idx, { titles: [], people: ['Denis Villeneuve'], directors: ['Denis Villeneuve'], text: 'Director Denis Villeneuve keeps it tense.' })).toMatchObject({ status: 'linked', by: 'people', film: { id: 'Sicario' } });
    expect(linkFilm(idx, { titles: [], people: ['Denis Villeneuve'], text: 'Denis Villeneuve keeps it tense.' })).toMatchObject({ status: 'unlinked' });
    expect(linkFilm(idx, { titles: [], people: ['Denis Villeneuve'], directors: ['Denis Villeneuve'], years: [1990], text: 'Director Denis Villeneuve, 1990.' })).toMatchObject({ status: 'unlinked' });
    expect(linkFilm(idx, { titles: ['The Sicario'] })).toMatchObject({ status: 'unlinked', reason: 'no-match' });
    expect(linkFilm(idx, { titles: ['Sicario'] })).toMatchObject({ status: 'linked', film: { id: 'Sicario' } });
  });

  it('takes the film the people settle over a weakly read title they do not back', () => {
    const idx = parseFilmIndex(tiny());
    const q = { titles: ['Leap'], people: ['Elle Fanning', 'Emily Blunt', 'Jon Bernthal'], text: 'Leap with Elle Fanning. Emily Blunt and Jon Bernthal.' };
    expect(linkFilm(idx, { ...q, titleConfidence: 0.5 })).toMatchObject({ status: 'linked', by: 'people', film: { id: 'Sicario' } });
    expect(linkFilm(idx, { ...q, titleConfidence: 0.9 })).toMatchObject({ status: 'linked', by: 'title', film: { id: 'Ballerina_(2016_film)' } });
  });

  it('does not guess between two of the film\'s people who share a surname', () => {
    const d = tiny();
    d.people.push('Kevin Reeves');
    d.cast[0]!.push(d.people.length - 1);
    const link = linkFilm(parseFilmIndex(d), { titles: ['Ballerina'], people: ['Reeves', 'Keanu Reeves', 'Ana de Armas'] });
    expect(link.status === 'linked' && link.people.map((p) => p.name)).toEqual(['Keanu Reeves', 'Ana de Armas']);
  });
});

describe('nameTokens', () => {
  it('drops accents, nicknames in quotes and suffixes', () => {
    expect(nameTokens('Timothée Chalamet')).toEqual(['timothee', 'chalamet']);
    expect(nameTokens('Chris "Ludacris" Bridges')).toEqual(['chris', 'bridges']);
    expect(nameTokens('Robert Downey Jr.')).toEqual(['robert', 'downey']);
  });
});
