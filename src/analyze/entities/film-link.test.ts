import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLexiconModel, loadModel } from '../../node/load-model.ts';
import { analyze } from '../index.ts';
import { createContext } from '../context.ts';
import { readDoc } from '../text/index.ts';
import { indexTokens, linkFilm, parseFilmIndex } from './film-index.ts';
import { linkEntities, yearsIn } from './film-link.ts';
import { findEntities, readEntities } from './index.ts';
import { titleKey } from './titles.ts';

const root = new URL('../../../', import.meta.url);
const index = parseFilmIndex(readFileSync(new URL('models/films/films.v1.json', root), 'utf8'));
const run = (text: string) => {
  const doc = readDoc(text);
  return linkEntities(doc.text, findEntities(createContext(doc, loadLexiconModel())), index);
};

describe('linkEntities', () => {
  it('gives the Ballerina card the index id, year, director, series, and the roles the text leaves out', () => {
    const got = run(readFileSync(new URL('examples/ballerina.txt', root), 'utf8'));
    expect(got.film).toMatchObject({ title: 'Ballerina', source: 'text', id: 'Ballerina_(2025_film)', year: 2025, directors: ['Len Wiseman'], series: { name: 'John Wick', relation: 'spin-off' } });
    expect(got.film?.unlinked).toBeUndefined();
    // "Reeves is still great": the text never says he acts in it; the index does.
    expect(got.credits).toContainEqual(expect.objectContaining({ person: 'Reeves', role: 'cast', source: 'index' }));
    // Wiseman's directing is stated by the index, not the text; Stahelski directs other films of the series.
    expect(got.credits).toContainEqual(expect.objectContaining({ person: 'Len Wiseman', role: 'director' }));
    expect(got.credits.some((c) => c.person === 'Chad Stahelski')).toBe(false);
    // A credit the text states is not repeated.
    expect(got.credits.some((c) => c.person === 'Ana de Armas' && c.role === 'cast')).toBe(false);
    for (const c of got.credits) expect(c.evidence.end).toBeGreaterThan(c.evidence.start);
  });

  it('flags a film read from the text that is not in the index', () => {
    const got = run('Zqxwv Returns is the dullest film of the year. Zqxwv Returns never finds its feet.');
    expect(got.film).toMatchObject({ unlinked: true });
    expect(got.film?.id).toBeUndefined();
    expect(got.credits).toEqual([]);
  });

  it('widens a read title by the sequel number or the word before it when the index has the longer title; leaves "the Cold War" unlinked', () => {
    const e = (title: string, start: number) => ({ film: { title, key: titleKey(title), confidence: 0.55, source: 'text' as const, mentions: [{ start, end: start + title.length }] }, references: [], people: [], credits: [] });
    const how = 'How Do You Know is not up there.';
    expect(linkEntities(how, e('Do You Know', 4), index).film).toMatchObject({ title: 'How Do You Know', id: 'How_Do_You_Know', mentions: [{ start: 0, end: 15 }] });
    const hills = 'Another shabby "The Hills Have Eyes 2". Dull.';
    expect(linkEntities(hills, e('The Hills Have Eyes', 16), index).film).toMatchObject({ title: 'The Hills Have Eyes 2', mentions: [{ start: 16, end: 37 }] });
    expect(linkEntities(hills, e('The Hills Have Eyes', 16), index).film?.year).not.toBe(1977);
    const war = 'It grins at pastiches of the Cold War paranoia of old films.';
    expect(linkEntities(war, e('Cold War', war.indexOf('Cold')), index).film).toMatchObject({ unlinked: true });
    expect(linkEntities('Cold War is a marvel.', e('Cold War', 0), index).film).toMatchObject({ id: 'Cold_War_(2018_film)' });
    // A film the index lacks keeps the sequel number written before the sentence's verb.
    expect(linkEntities('Zombi 3 has been widely panned.', e('Zombi', 0), index).film).toMatchObject({ title: 'Zombi 3', unlinked: true });
    expect(linkEntities('Zombi 3 zombies are slow.', e('Zombi', 0), index).film).toMatchObject({ title: 'Zombi' });
  });

  it('widens a title cut at its comma when the index has the whole title', () => {
    const text = 'I saw Three Billboards Outside Ebbing, Missouri last night.';
    const title = 'Three Billboards Outside Ebbing';
    const cut = { film: { title, key: titleKey(title), confidence: 0.55, source: 'text' as const, mentions: [{ start: 6, end: 6 + title.length }] }, references: [], people: [], credits: [] };
    expect(linkEntities(text, cut, index).film).toMatchObject({ title: 'Three Billboards Outside Ebbing, Missouri', id: 'Three_Billboards_Outside_Ebbing,_Missouri', mentions: [{ start: 6, end: 47 }] });
  });

  it('reads a particle as the index spells it: "DeNiro" is De Niro, "Di Caprio" DiCaprio', () => {
    expect(indexTokens(index, 'Robert DeNiro')).toEqual(['robert', 'de', 'niro']);
    expect(indexTokens(index, 'Leonardo Di Caprio')).toEqual(['leonardo', 'dicaprio']);
    // A name the index knows as written, or a split the index does not know, stays as it is.
    expect(indexTokens(index, 'Robert De Niro')).toEqual(['robert', 'de', 'niro']);
    expect(indexTokens(index, 'John Lennon')).toEqual(['john', 'lennon']);
    const people = ['Jane Fonda', 'Robert DeNiro'];
    expect(linkFilm(index, { titles: [], people, text: 'Jane Fonda and Robert DeNiro as Iris and Stanley.' })).toMatchObject({ status: 'linked', film: { id: 'Stanley_%26_Iris' } });
  });

  it('reads the years a text writes, not numbers that are something else', () => {
    expect(yearsIn('Carpenter’s 1978 original, remade in 2007, runs 91 minutes; 7/10; 1999.5; 2019')).toEqual([1978, 2007, 2019]);
    // Each once, in the order first written; not inside longer numbers, prices or ratios.
    expect(yearsIn('2019, then 1999 and 2019 again; 19999 19 20 2040 $1,2000 3:2001 12.1984 1984%5 1984%')).toEqual([2019, 1999, 1984]);
    expect(yearsIn('no years here')).toEqual([]);
  });
});

describe('the card, with the shipped model', () => {
  const model = loadModel();
  it('carries the linked film: id, year, directors, series; an unknown film is unlinked', () => {
    const card = analyze(readFileSync(new URL('examples/ballerina.txt', root), 'utf8'), model);
    expect(card.film).toMatchObject({ title: 'Ballerina', id: 'Ballerina_(2025_film)', year: 2025, directors: ['Len Wiseman'], series: { name: 'John Wick', relation: 'spin-off' }, linkedBy: 'title' });
    expect(card.version).toMatch(/\+films-[0-9a-f]{8}$/);
    const other = analyze('Zqxwv Returns is the dullest film of the year. Zqxwv Returns never finds its feet.', model);
    expect(other.film).toMatchObject({ unlinked: true });
  });
});

describe('the entity stage with the film index (readEntities)', () => {
  const model = { ...loadLexiconModel(), films: index };
  it('names no film for a title read on the least evidence that no index film bears, and keeps one read surely', () => {
    const read = (t: string) => readEntities(createContext(readDoc(t), model)).film;
    // Words of real IMDB reviews that the text alone reads as a title on one plain mention (confidence 0.45).
    const weak = ['My father fought in the Korean War, and this film got every detail of it wrong.', 'A film for fans of Hanks and Roberts, who are both in fine form here.'];
    for (const t of weak) {
      expect(findEntities(createContext(readDoc(t), loadLexiconModel())).film?.confidence).toBe(0.45);
      expect(read(t)).toBeNull();
    }
    // Nor does such a title keep its words from the people: "Wong and Tarantino" read as a title hid Tarantino.
    const auteurs = readEntities(createContext(readDoc('It has none of the style of auteurs like Wong and Tarantino, and it shows.'), model));
    expect(auteurs.film).toBeNull();
    expect(auteurs.people.map((p) => p.name)).toContain('Tarantino');
    // A title the index bears links, however weakly it was read.
    expect(read('The detectives of Scotland Yard bumble along until the last reel, and the ending is weak.')).toMatchObject({ id: 'Scotland_Yard_(1930_film)' });
    expect(read('Zqxwv Returns is the dullest film of the year. Zqxwv Returns never finds its feet.')).toMatchObject({ title: 'Zqxwv Returns', unlinked: true });
  });
  const read = (text: string) => readEntities(createContext(readDoc(text), model));
  it('drops the linked film\'s characters from the people and credits its director only where the text speaks of directing', () => {
    const flags = read('Against All Flags is pirate fun. Errol Flynn is out on a secret mission; Hawke meets the pirates.');
    expect(flags.film?.id).toBe('Against_All_Flags');
    expect(flags.people.map((p) => p.name)).not.toContain('Hawke');
    const tourist = read("The Accidental Tourist is a fine film. Lawrence Kasdan's film lacks spirit; he seems to be the wrong director for it.");
    expect(tourist.credits).toContainEqual(expect.objectContaining({ person: 'Lawrence Kasdan', role: 'director', source: 'index' }));
    const vice = read("Paul Thomas Anderson's Inherent Vice provides a rush of pure pleasure.");
    expect(vice.film?.id).toBe('Inherent_Vice_(film)');
    expect(vice.credits.some((c) => c.role === 'director')).toBe(false);
  });
  it('adds the index\'s other roles to a person whose role the text states, not the stated one again', () => {
    const trek = readEntities(createContext(readDoc('Star Trek V: The Final Frontier is a mess. William Shatner directed it, and it shows.'), { ...loadLexiconModel(), films: index })).credits;
    expect(trek.map((c) => `${c.person}: ${c.role}${c.source === 'index' ? ' (index)' : ''}`)).toEqual(['William Shatner: director', 'William Shatner: cast (index)']);
  });
  it('links through one person when the text writes the film\'s title, and reads a "person" that is an index film as the film', () => {
    const cobb = read("Tommy Lee Jones is superb in the title role, but the film dwells on the lackluster character of Cobb's biographer.");
    expect(cobb.film).toMatchObject({ id: 'Cobb_(film)', linkedBy: 'people' });
    const lucky = read('While Logan Lucky gives off the impression of a shaggy comedy, it is deliriously clever.');
    expect(lucky.people.map((p) => p.name)).not.toContain('Logan Lucky');
    expect(lucky.film).toMatchObject({ title: 'Logan Lucky', id: 'Logan_Lucky' });
  });
  it('links through surnames alone that only one film credits together, or a surname and its character outside a series', () => {
    expect(read('Ultra-stylish and handsomely acted by Bale and Jackman, it is a workout for your mind.').film).toMatchObject({ id: 'The_Prestige_(film)', linkedBy: 'people' });
    expect(read('Not only is Theron completely convincing as Florida serial killer Aileen Wuornos, she is unrecognizable.').film).toMatchObject({ id: 'Monster_(2003_film)' });
    // Connery played Bond in many films, whatever the index lists; two surnames of no one film settle nothing.
    expect(read('Rigg adds the class to feature that Connery usually did, and the action is as fine as any Bond.').film?.id).toBeUndefined();
    expect(read('Smith and Jones are fine, but the film is not.').film?.id).toBeUndefined();
  });
  it('reads a title the index knows only as people\'s names as those people', () => {
    const e = read('The film has a great cast with Signe Hasso and Shelley Winters as the women in his life.');
    expect(e.people.map((p) => p.name)).toEqual(expect.arrayContaining(['Signe Hasso', 'Shelley Winters']));
  });
});
