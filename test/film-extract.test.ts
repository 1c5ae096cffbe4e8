import { describe, expect, it } from 'vitest';
import { cleanSeries, nameList, ordinalValue, parseExtract, titleCharacter } from '../train/film-extract.ts';
import { personName } from '../train/film-index.ts';

describe('film lead parsing', () => {
  it('reads the Ballerina lead: director, writer, spin-off series, the "as" pair', () => {
    const f = parseExtract(
      'Ballerina is a 2025 American action thriller film directed by Len Wiseman and written by Shay Hatten. It is a spin-off installment within the John Wick film series, taking place between the events of John Wick: Chapter 3 – Parabellum (2019) and Chapter 4 (2023). It stars Ana de Armas as a ballerina and assassin Eve Macarro, who takes on an army of killers as she avenges the death of her father. The supporting cast includes Anjelica Huston, Gabriel Byrne, Lance Reddick, Norman Reedus, Ian McShane, and Keanu Reeves.',
      'Ballerina',
    );
    expect(f).toMatchObject({ directors: ['Len Wiseman'], writers: ['Shay Hatten'], series: 'John Wick', relation: 'spin-off', previous: null });
    expect(f.roles).toEqual([['Ana de Armas', 'Eve Macarro']]);
    expect(f.cast).toContain('Keanu Reeves');
  });

  it('reads a numbered sequel: the main count, the film it follows with its year', () => {
    const f = parseExtract(
      'Fast X is a 2023 American action film directed by Louis Leterrier from a screenplay by Justin Lin, Zach Dean, and Dan Mazeau. It is the sequel to F9 (2021), serving as the tenth and penultimate main installment, and the eleventh full-length film in the Fast & Furious franchise.',
      'Fast X',
    );
    expect(f).toMatchObject({ directors: ['Louis Leterrier'], writers: ['Justin Lin', 'Zach Dean', 'Dan Mazeau'], series: 'Fast & Furious', order: 10, relation: 'sequel', previous: { title: 'F9', year: 2021 } });
  });

  it('reads studios, "Name (Surname)" pairs with the listed cast, and the series owner\'s possessive', () => {
    const f = parseExtract(
      "Toy Story 4 is a 2019 American computer-animated comedy-drama film produced by Pixar Animation Studios for Walt Disney Pictures. It is the fourth installment in Pixar's Toy Story series and the sequel to Toy Story 3 (2010). It was directed by Josh Cooley from a screenplay by Andrew Stanton and Stephany Folsom. Toy Story 4 follows Woody (Hanks) and Buzz Lightyear (Allen) on a road trip.",
      'Toy Story 4',
      ['Tom Hanks', 'Tim Allen'],
    );
    expect(f.studios).toEqual(['Pixar Animation Studios', 'Walt Disney Pictures']);
    expect(f).toMatchObject({ series: 'Toy Story', order: 4, previous: { title: 'Toy Story 3', year: 2010 }, directors: ['Josh Cooley'] });
    expect(f.roles).toEqual([['Tom Hanks', 'Woody'], ['Tim Allen', 'Buzz Lightyear']]);
  });

  it('keeps another film\'s director, a source novel\'s author and a sentence after a title out', () => {
    const f = parseExtract(
      'Dracula Again is a 1936 American horror film produced by Universal Pictures as a sequel to the 1931 film Dracula. Directed by Lambert Hillyer from a screenplay by Garrett Fort, it is based on a short story by Bram Stoker.',
      'Dracula Again',
    );
    expect(f.directors).toEqual(['Lambert Hillyer']);
    expect(f.writers).toEqual(['Garrett Fort']);
    expect(f.previous).toEqual({ title: 'Dracula', year: 1931 });
    const g = parseExtract('More Graffiti is a 1979 film written and directed by Bill L. Norton. It is the sequel to American Graffiti. Whereas the first film was set in one night, this one spans years.', 'More Graffiti');
    expect(g.previous).toEqual({ title: 'American Graffiti', year: null });
    expect(g.directors).toEqual(['Bill L. Norton']);
    expect(g.writers).toEqual(['Bill L. Norton']);
  });

  it('shares a surname across "Joe and Anthony Russo" and reads co-directors', () => {
    expect(parseExtract('X is a 2019 film directed by Anthony and Joe Russo.', 'X').directors).toEqual(['Anthony Russo', 'Joe Russo']);
    expect(parseExtract('Pets is a 2016 film. It was directed by Chris Renaud, co-directed by Yarrow Cheney, and produced by Janet Healy.', 'Pets').directors).toEqual(['Chris Renaud', 'Yarrow Cheney']);
  });

  it('finds no series in a remake or in ordinal words that count something else', () => {
    const f = parseExtract('The Grinch is a 2018 animated film directed by Scott Mosier. It is the third screen adaptation of the book, and Illumination\'s second Dr. Seuss film adaptation.', 'The Grinch');
    expect(f.series).toBeNull();
    expect(f.previous).toBeNull();
  });
});

describe('helpers', () => {
  it('reads ordinals and cleans series names', () => {
    expect([ordinalValue('fourth'), ordinalValue('twenty-fourth'), ordinalValue('29th'), ordinalValue('final')]).toEqual([4, 24, 29, null]);
    expect(cleanSeries("Pixar's Toy Story series")).toBe('Toy Story');
    expect(cleanSeries('John Wick film series')).toBe('John Wick');
    expect(cleanSeries('Alvin and the Chipmunks live-action film series')).toBe('Alvin and the Chipmunks');
    expect(cleanSeries('The Twilight Saga')).toBe('The Twilight Saga');
    expect(cleanSeries('series')).toBeNull();
  });
  it('reads the character a title names for "as the title character", and none from a title that names no one', () => {
    expect(['Oliver Twist', 'The Life of David Gale', 'Think Fast, Mr. Moto', 'The Perils of Pauline'].map(titleCharacter)).toEqual(['Oliver Twist', 'David Gale', 'Mr. Moto', 'Pauline']);
    expect(['The Falcon Strikes Back', "Andy Hardy's Double Life", 'George of the Jungle', 'The Jerk, Too'].map(titleCharacter)).toEqual([null, null, null, null]);
  });
  it('stops a list of names at the end of the sentence', () => {
    expect(nameList('Chad Stahelski. The film follows John Wick', 0).names).toEqual(['Chad Stahelski']);
    expect(nameList('Keanu Reeves, Common, Laurence Fishburne and Ian McShane.', 0).names).toEqual(['Keanu Reeves', 'Common', 'Laurence Fishburne', 'Ian McShane']);
  });
});

describe('people of the film index', () => {
  it('skips a run that describes the name after it, but not a title before "stars"', () => {
    expect(parseExtract('The film stars South Park creators Trey Parker and Matt Stone.', 'Orgazmo').cast).toEqual(['Trey Parker', 'Matt Stone']);
    expect(parseExtract('It stars Puerto Rican singer Marc Anthony and Vanessa L. Williams.', 'A Film').cast).toEqual(['Marc Anthony', 'Vanessa L. Williams']);
    const two = parseExtract('Directed by Fernando Trueba, Two Much stars Antonio Banderas and Melanie Griffith.', 'Two Much');
    // ("Two Much" itself is read too; the index drops a film's own title from its people.)
    expect(two.directors).not.toContain('Antonio Banderas');
    expect(two.directors[0]).toBe('Fernando Trueba');
  });

  it('keeps people, cuts notes and labels, and drops what is no person', () => {
    expect(personName('David Powell (actor)')).toBe('David Powell');
    expect(personName('Dir.: Steve Asquith')).toBe('Steve Asquith');
    expect(personName('Academy Award-winner Lewis Milestone')).toBe('Lewis Milestone');
    expect(personName('Katherine MacDonald]]')).toBe('Katherine MacDonald');
    for (const kept of ['Ana de Armas', 'Olivia d\'Abo', 'Cedric the Entertainer', 'Oscar Isaac', 'Guinn "Big Boy" Williams', 'will.i.am', 'Lucrezia Lante della Rovere']) expect(personName(kept)).toBe(kept);
    for (const junk of ['Cast:', 'Academy Award for Best Actor', 'Puerto Rican', 'African American', 'Saturday Night Live', 'Chicago Symphony Orchestra', 'Cole and Dylan Sprouse', 'A year in the life of Susan Tom and her 11 children with disabilities', 'Rina Meija || style="text-align:center" |[189]']) expect(personName(junk)).toBeNull();
  });

  it('reads the authors of the work the film is based on', () => {
    const author = (t: string) => parseExtract(t, 'X').authors;
    expect(author('Emma is a 1996 period comedy film based on the 1815 novel of the same name by Jane Austen.')).toEqual(['Jane Austen']);
    expect(author("Carrie is a 1976 American horror film written by Lawrence D. Cohen, based on Stephen King's 1974 novel.")).toEqual(['Stephen King']);
    expect(author('The screenplay was written by Robert Blees and Wells Root, after the 1929 book Magnificent Obsession by Lloyd C. Douglas.')).toEqual(['Lloyd C. Douglas']);
    expect(author('It is based on a true story. It was directed by John Ford.')).toEqual([]);
  });
});
