import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContext } from '../context.ts';
import { loadLexiconModel } from '../../node/load-model.ts';
import { readDoc } from '../text/index.ts';
import { findEntities, readEntities, titleAliases, titleKey } from './index.ts';
import { loadModel } from '../../node/load-model.ts';

const model = loadLexiconModel();
const full = loadModel();
const run = (text: string, title?: string) => findEntities(createContext(readDoc(text), model, { title }));
const names = (text: string): string[] => run(text).people.map((p) => p.name);

describe('titleKey', () => {
  it('gives one key to the variants of one numbered title', () => {
    const keys = ['John Wick: Chapter 3 -- Parabellum', 'John Wick: Chapter 3 – Parabellum', 'John Wick 3', 'john wick: chapter three'].map(titleKey);
    expect(new Set(keys)).toEqual(new Set(['john wick 3']));
    expect(titleAliases('John Wick: Chapter 3 – Parabellum')).toContain(titleKey('Parabellum'));
  });
  it('ignores case, accents, a leading article, "&", punctuation and a year', () => {
    expect(titleKey('The Sandlot')).toBe(titleKey('sandlot'));
    expect(titleKey('Fast & Furious')).toBe(titleKey('Fast and Furious'));
    expect(titleKey('Amélie (2001)')).toBe(titleKey('Amelie'));
    expect(titleKey('Iron Eagle IV')).toBe(titleKey('Iron Eagle 4'));
    expect(titleKey('Wall-E')).not.toBe(titleKey('Wall'));
    // An apostrophe a bad encoding turned into "?".
    expect(titleKey('A Bug?s Life')).toBe(titleKey("A Bug's Life"));
    expect(titleKey('What?')).toBe('what');
  });
  it('keys plain titles as the full rule does: articles, numerals and part words after the first word, odd spaces', () => {
    expect(titleKey('The Matrix')).toBe('matrix');
    expect(titleKey('An Education')).toBe('education');
    expect(titleKey('The')).toBe('the');
    expect(titleKey('Rocky II')).toBe('rocky 2');
    expect(titleKey('Star Wars Episode IV')).toBe('star wars 4');
    expect(titleKey('Kill Bill Volume Two')).toBe('kill bill 2');
    expect(titleKey('Part One')).toBe('part one');
    expect(titleKey('The  Matrix ')).toBe('matrix');
    expect(titleKey('Vice Versa')).toBe('vice versa');
  });
});

describe('people', () => {
  it('reads particles, Mc names, initials and possessives', () => {
    const text = 'The film belongs to Ana de Armas, and Max von Sydow is wasted. Ian McShane’s Winston is fun. John C. Holmes is not.';
    const got = names(text);
    expect(got).toContain('Ana de Armas');
    expect(got).toContain('Max von Sydow');
    expect(got).toContain('Ian McShane');
    // Dotted initials are initials ("M.C" was read as an acronym, leaving "Gainey" alone).
    expect(names('The cast includes M.C. Gainey and L.Q. Jones, who are fine.')).toEqual(['M.C. Gainey', 'L.Q. Jones']);
    // Hyphenated given names of syllables beside a name ("Kar-wai" alone reads as a compound word).
    expect(names('It recalls Wong Kar-wai, and Chow Yun-fat is great. A comedy from Hong Sang-soo.')).toEqual(['Wong Kar-wai', 'Chow Yun-fat', 'Hong Sang-soo']);
    expect(names('Well-made and smart. An Also-ran Spielberg film.')).not.toContain('Also-ran Spielberg');
  });
  it('never reads a pronoun\'s contraction as a name, whatever follows it', () => {
    expect(names("Randy works. He's a dope. He doesn't pay.")).toEqual([]);
    expect(names("Randy sings. She's great. She always is. Let's go. Here's why.")).toEqual([]);
    expect(names("Why? We're not told. They're gone, and You'd never know.")).toEqual([]);
    expect(names('The door opens. Mr. Then Lady and the Senator leave.')).toEqual([]);
    expect(names("It stars Karen Allen and I'm still so bored I walk out.")).not.toContain("I'm");
  });
  it('reads a full name the film index credits as a person, after an article too ("a Bette Davis picture")', () => {
    const withIndex = (t: string) => readEntities(createContext(readDoc(t), full)).people.map((p) => p.name);
    expect(withIndex('Like so many other horror movies, Uwe Boll elected to add scenes from the game.')).toEqual(['Uwe Boll']);
    expect(withIndex('Today it is mainly thought of as a Bette Davis picture, perhaps.')).toEqual(['Bette Davis']);
    expect(withIndex('It was wonderful to see Elina Lowensohn, one of my favorite actresses.')).toEqual(['Elina Lowensohn']);
    // Without the index the rules alone decide.
    expect(names('Like so many other horror movies, Uwe Boll elected to add scenes from the game.')).toEqual([]);
  });
  it('reads a place as no person and no film, even with words stripped off its front or in brackets', () => {
    expect(names('A Hong Kong version of it would be better.')).toEqual([]);
    expect(names('Miss Piggy has secretly stayed in New York and is now spying on him.')).toEqual([]);
    expect(names('My vote is seven. Title (Brazil): "A Bolha".')).toEqual([]);
    expect(run('He wants to become a famous Las Vegas illusionist, and it is charming.').film).toBeNull();
    // A surname that is also a place stays a name; a title that names a place stays a title.
    expect(names('Denzel Washington plays the coach, and Washington is superb.')).toContain('Denzel Washington');
    expect(run('Three Billboards Outside Ebbing, Missouri is a fine film.').film?.title).toBe('Three Billboards Outside Ebbing, Missouri');
  });
  it('reads no film from the names the lexicon knows as none (awards, television shows)', () => {
    const film = (text: string) => findEntities(createContext(readDoc(text), full)).film;
    expect(film("Great fun for an evening on the sofa. Don't expect Academy Award stuff with this but it will leave you with a smile.")).toBeNull();
    expect(film("Comes across like a bad 'Saturday Night Live' political sketch, dragged on for way too long.")).toBeNull();
    expect(film("It's an interesting mix of American Idol and suicide bombers that almost works.")).toBeNull();
    expect(film('It won Best Picture, which says more about that year than about the film.')).toBeNull();
  });
  it('links a surname to the full name used elsewhere, and keeps a lone surname as it is', () => {
    const e = run('Ballerina is a spin-off. Len Wiseman directs the first half of Ballerina. Later Wiseman hands over. Reeves is still great.');
    const len = e.people.find((p) => p.name === 'Len Wiseman');
    expect(len?.mentions).toHaveLength(2);
    expect(e.people.map((p) => p.name)).toContain('Reeves');
    expect(e.credits).toContainEqual(expect.objectContaining({ person: 'Len Wiseman', role: 'director' }));
  });
  it('gives a first name joined to a full name its surname, and drops a leading verb form', () => {
    const got = names('Dick and Barry Van Dyke are fun. Recognizing Jennifer Lynch in the credits helped. Manchester Utd played well.');
    expect(got).toEqual(expect.arrayContaining(['Dick Van Dyke', 'Barry Van Dyke', 'Jennifer Lynch']));
    expect(got).not.toContain('Recognizing Jennifer Lynch');
    expect(got).not.toContain('Manchester Utd');
  });
  it('reads aliases, reflexives and named characters', () => {
    const got = names('Curtis (Billy Jayne, credited as Billy Jacoby) is nasty. Neither Lemmons nor Harold Ramis can save it. In Rivette’s film, Rivette himself plays. A boy named Norman Bates moves in; Anthony Perkins is fine.');
    expect(got).toEqual(expect.arrayContaining(['Billy Jayne', 'Lemmons', 'Harold Ramis', 'Rivette', 'Anthony Perkins']));
    expect(got).not.toContain('Billy Jacoby');
    expect(got).not.toContain('Norman Bates');
  });
  it('reads a name after "performance of", names listed beside names, and not a subtitle', () => {
    const e = run('The performance of Keenen Ivory Wayans is wasted. Fine support from Lizabeth Scott, Lionel Stander and the comely Nadia Cassini. Dirty Dancing 2: Havana Nights is weaker.');
    const got = e.people.map((p) => p.name);
    expect(got).toEqual(expect.arrayContaining(['Keenen Ivory Wayans', 'Lizabeth Scott', 'Lionel Stander']));
    expect(got).not.toContain('Havana Nights');
    expect(got.map((x) => x.toLowerCase())).not.toContain(e.film?.title.toLowerCase());
  });
  it('keeps places, groups and characters out', () => {
    const got = names('Eve trains with the Ruska Roma in Europe, far from the Continental Hotel. The Chancellor (Gabriel Byrne) waits.');
    expect(got).toEqual(['Gabriel Byrne']);
  });
});

describe('credits', () => {
  it.each([
    ['Ballerina stars Ana de Armas as Eve Macarro.', 'Ana de Armas', 'Eve Macarro'],
    ['Her mentor Winston (Ian McShane) sends her away.', 'Ian McShane', 'Winston'],
    ['Later, Norman Reedus plays Daniel Pines with care.', 'Norman Reedus', 'Daniel Pines'],
    ['The villain, Arklon, played by Wings Hauser, is the best thing here.', 'Wings Hauser', 'Arklon'],
    ['The film is long. Keanu Reeves’s John is weary.', 'Keanu Reeves', 'John'],
    ['It is fun, with Monica Dolan, who plays Miss Gilchrist.', 'Monica Dolan', 'Miss Gilchrist'],
    ['Peter Falk is the rumpled lieutenant Frank Columbo in this one.', 'Peter Falk', 'Frank Columbo'],
    ['The songs are fine and Ruth was wonderful as Marian.', 'Ruth', 'Marian'],
    ['The sisters Anna and Elsa are voiced by Kristen Bell and Idina Menzel respectively.', 'Idina Menzel', 'Elsa'],
    ['Meryl Streep and Amy Adams play Julia and Julie, respectively, with gusto.', 'Meryl Streep', 'Julia'],
    ['Weak is the character of Ada Crane played by Laura Dern.', 'Laura Dern', 'Ada Crane'],
    ['I liked Tom Selleck here. Tom’s character Quigley is a crack shot.', 'Tom Selleck', 'Quigley'],
    ['It is one of Tom Cruise’s finest films. He captures us with his role of David Aames.', 'Tom Cruise', 'David Aames'],
    ['Meryl Streep is back, and her portrayal of Margaret Thatcher is uncanny.', 'Meryl Streep', 'Margaret Thatcher'],
  ])('%s', (text, person, character) => {
    expect(run(text).credits).toContainEqual(expect.objectContaining({ person, role: 'cast', character }));
  });
  it('pairs the lists of a "respectively" sentence in order, and no more', () => {
    const c = run('The sisters Anna and Elsa are voiced by Kristen Bell and Idina Menzel respectively.').credits.filter((x) => x.role === 'cast');
    expect(c.map((x) => `${x.person}|${x.character}`).sort()).toEqual(['Idina Menzel|Elsa', 'Kristen Bell|Anna']);
    expect(run('Anna and Elsa are voiced by Kristen Bell, Idina Menzel and Josh Gad respectively.').credits.filter((x) => x.character)).toEqual([]);
  });
  it('reads a film\'s original title in brackets as no character', () => {
    const c = run("It follows Nuri Bilge Ceylan's 2002 film Distant (Uzak Kara), his third feature.").credits;
    expect(c.filter((x) => x.character)).toEqual([]);
  });
  it('takes no rank, function word or "such as" name for a character', () => {
    const c = run('As portrayed by Frank Finlay, he is cold. Danny Glover was excellent as Mr. Fine extras such as David Paymer, with Doug Hutchison, help.').credits;
    expect(c.filter((x) => x.character)).toEqual([]);
  });
  it('reads crew roles', () => {
    const c = run('The film was directed by Ted Post, with a score by Max Steiner and photography by Ernest Haller.').credits;
    expect(c).toContainEqual(expect.objectContaining({ person: 'Ted Post', role: 'director' }));
    expect(c).toContainEqual(expect.objectContaining({ person: 'Max Steiner', role: 'composer' }));
    expect(c).toContainEqual(expect.objectContaining({ person: 'Ernest Haller', role: 'cinematographer' }));
  });
});

describe('film, references and chronology', () => {
  it('takes the title from metadata when given', () => {
    const e = run('A fine film. Everyone in it is great.', 'Ballerina (2025)');
    expect(e.film).toMatchObject({ title: 'Ballerina (2025)', key: 'ballerina', source: 'metadata', confidence: 1 });
  });
  it('takes the title from the HTML head', () => {
    const e = run('<html><head><title>Ballerina review: a fine spin-off | Site</title></head><body><p>Ballerina is fun.</p></body></html>');
    expect(e.film).toMatchObject({ title: 'Ballerina', source: 'html' });
    expect(e.film?.mentions.length).toBeGreaterThanOrEqual(1);
  });
  it('keeps a leading verb, a character and a rank-led name out of the title', () => {
    expect(run('Watch The Wire with care. The Wire is a show of rare patience.').film?.title).toBe('The Wire');
    const e = run('In Prince of the Dunes, Zara (Mia Lopez) is a thief. Zara lies. Zara runs. Zara steals. Later Zara wins.');
    expect(e.credits).toContainEqual(expect.objectContaining({ person: 'Mia Lopez', character: 'Zara' }));
    expect(e.film?.title).not.toBe('Zara');
  });
  it('finds a sequel statement', () => {
    const e = run('Parabellum is a sequel to John Wick: Chapter 2 and it shows. Parabellum is loud.');
    expect(e.chronology).toContainEqual(expect.objectContaining({ relation: 'after', otherKey: 'john wick 2' }));
  });
});

describe('hostile input', () => {
  it('returns nothing invented for text with no names, lower case only, or another script', () => {
    for (const text of ['this film is fine. i liked it a lot and so will you.', '這部電影很好看。張三和李四演得很好。', 'Это хороший фильм. Иван Петров играет Бориса.']) {
      const e = run(text);
      expect(e.people.filter((p) => !/[А-Яа-я]/.test(p.name))).toEqual([]);
      expect(e.credits.filter((c) => !/[А-Яа-я]/.test(c.person))).toEqual([]);
    }
    expect(run('這部電影很好看。張三和李四演得很好。').people).toEqual([]);
  });
  it('survives 10,000 capitalised words in a row without inventing people', () => {
    const words = ['Big', 'Red', 'Dog', 'House', 'Blue', 'Sky', 'Green', 'Tree'];
    const text = Array.from({ length: 10_000 }, (_, i) => words[i % words.length]).join(' ');
    const e = run(text);
    expect(e.people).toEqual([]);
    expect(e.credits).toEqual([]);
  });
  it('never throws and keeps every offset inside the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const doc = readDoc(s);
        const e = findEntities(createContext(doc, model));
        const spans = [...e.people.flatMap((p) => p.mentions), ...e.credits.map((c) => c.evidence), ...(e.film?.mentions ?? []), ...e.references.flatMap((r) => r.mentions)];
        for (const sp of spans) {
          expect(sp.start).toBeGreaterThanOrEqual(0);
          expect(sp.end).toBeLessThanOrEqual(doc.text.length);
          expect(sp.start).toBeLessThanOrEqual(sp.end);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('credit patterns over the tagger\'s people', () => {
  const cast = (text: string) => run(text).credits.filter((c) => c.role === 'cast' && c.character).map((c) => `${c.person} as ${c.character}`);
  const directors = (text: string) => run(text).credits.filter((c) => c.role === 'director').map((c) => c.person);
  it('reads "P (as C)", "C (late great P)", "P was great as C" and an appositive after "as"', () => {
    expect(cast('Marc Kudisch (as Conrad) supplies us with comedic relief.')).toEqual(['Marc Kudisch as Conrad']);
    expect(cast('After mob boss Vic Moretti (late great Anthony Franciosa) kills his lady, the film starts.')).toEqual(['Anthony Franciosa as Vic Moretti']);
    expect(cast('It was fun. Richard Hatch was great as Apollo.')).toEqual(['Richard Hatch as Apollo']);
    expect(cast('Starring Simon Oakland as his always angry boss, Tony Vincenzo.')).toEqual(['Simon Oakland as Tony Vincenzo']);
    expect(cast("The performances are superb, particularly Bruce Dern's role as the wicked sleazeball, Uncle Bud.")).toEqual(['Bruce Dern as Uncle Bud']);
  });
  it('reads a character after describing words, "P makes a … C" and "C, played <adverb> by P"', () => {
    expect(cast('Added to the cast is Jerry Stiller as Timon\'s slightly crazy Uncle Max.')).toEqual(['Jerry Stiller as Uncle Max']);
    expect(cast('The game cast mug it up: Chuck McCann as klutzy crook Brooks, and more.')).toEqual(['Chuck McCann as Brooks']);
    expect(cast('In the remake, Michael Caine makes a much improved Frank Hogg.')).toEqual(['Michael Caine as Frank Hogg']);
    expect(cast('With support from her friend Polly, played exquisitely by Maddie Corman, she agrees.')).toEqual(['Maddie Corman as Polly']);
    expect(cast('Byron Thames plays her best friend in the world, Jeff Moran.')).toEqual(['Byron Thames as Jeff Moran']);
    // Not a character: a film after "makes a", a name that goes on into its noun.
    expect(cast('Steven Spielberg makes a fine New York story.')).toEqual([]);
    expect(cast('Tom Hanks as Spielberg\'s hero is fine.')).toEqual([]);
  });
  it('reads a director past a trade or an owner after "by"', () => {
    expect(directors('It is a directorial effort by actor John Saxon, who also plays a bad guy.')).toEqual(['John Saxon']);
    expect(directors('A thriller directed by Amenabar\'s usual collaborator Mateo Gil.')).toEqual(['Mateo Gil']);
    expect(directors('It bears the unmistakable mark of filmmakers Joel and Ethan Coen.')).toEqual(['Joel Coen', 'Ethan Coen']);
  });
  it('reads a director from "director and screenwriter P" and "P is one director who"', () => {
    expect(directors('If only director and screenwriter Derek Cianfrance had cut it.')).toEqual(['Derek Cianfrance']);
    expect(directors('The score is bright, and Walters is one director who knows when to leave Astaire alone.')).toEqual(['Walters']);
    expect(directors('Walters is one of the dancers.')).toEqual([]);
  });
  it('keeps a contraction out of a name', () => {
    expect(names("What a waste of a cast. That's James Cromwell as the deputy.")).toContain('James Cromwell');
    expect(names("He's a dope.")).toEqual([]);
  });
});
