import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLexiconModel, loadModel } from '../../node/load-model.ts';
import { createContext } from '../context.ts';
import { readDoc } from '../text/index.ts';
import { parseFilmIndex } from './film-index.ts';
import { findEntities, readEntities } from './index.ts';

const root = new URL('../../../', import.meta.url);
const index = parseFilmIndex(readFileSync(new URL('models/films/films.v1.json', root), 'utf8'));
const lexicon = loadLexiconModel();
const text = (t: string) => findEntities(createContext(readDoc(t), lexicon));
// The shipped model: the person tagger and the film index.
const full = loadModel();
const tagged = (t: string) => readEntities(createContext(readDoc(t), full));
const indexed = (t: string) => readEntities(createContext(readDoc(t), { ...lexicon, films: index }));
const pairs = (e: { credits: { person: string; role: string; character?: string }[] }) => e.credits.filter((c) => c.role === 'cast' && c.character).map((c) => `${c.person} as ${c.character}`);

describe('crew credits', () => {
  const directors = (t: string) => text(t).credits.filter((c) => c.role === 'director').map((c) => c.person);
  it('reads "P wrote and directed", "P directed and co-wrote" and "written and directed by P" as both crafts', () => {
    const crew = (t: string) => text(t).credits.filter((c) => c.role !== 'cast').map((c) => `${c.person}: ${c.role}`);
    expect(crew('Richard Kelly wrote and directed this strange film.')).toEqual(['Richard Kelly: director', 'Richard Kelly: writer']);
    expect(crew('Jim Jarmusch, who wrote and directed it, keeps his distance.')).toEqual(['Jim Jarmusch: director', 'Jim Jarmusch: writer']);
    expect(crew('Neil Jordan directed and co-wrote the film.')).toEqual(['Neil Jordan: director', 'Neil Jordan: writer']);
    expect(crew('It was written and directed by Kelly Fremon Craig.')).toEqual(['Kelly Fremon Craig: director', 'Kelly Fremon Craig: writer']);
    expect(crew('Richard Kelly wrote the book, and it shows.')).toEqual([]);
  });
  it('reads "under the direction of P" and "the cinematography of P", not "in the direction of"', () => {
    const crew = (t: string) => text(t).credits.filter((c) => c.role !== 'cast').map((c) => `${c.person}: ${c.role}`);
    expect(crew('Under the direction of Carol Reed, the cast shines.')).toEqual(['Carol Reed: director']);
    expect(crew('I loved the cinematography of Roger Deakins in this one.')).toEqual(['Roger Deakins: cinematographer']);
    expect(crew('The film nods in the direction of Denzel Washington.')).toEqual([]);
  });
  it('reads "P, who directed …" and "P, one of the … directors" as directing, not a trade after a comma', () => {
    expect(directors('Masayuki Suo, who directed this fine film, is on a roll.')).toEqual(['Masayuki Suo']);
    expect(directors('It adapts Luciano Ligabue, who also directs the movie and writes the music.')).toEqual(['Luciano Ligabue']);
    expect(directors('Ernst Marischka, one of the most respected Austrian directors, made it in 1954.')).toEqual(['Ernst Marischka']);
    // A character's trade, and a place before "the director".
    expect(text('It is about Donald Woods, the white liberal newspaper editor who risked his life.').credits).toEqual([]);
    expect(directors('On Broadway, the director was an imperious presence.')).toEqual([]);
    expect(directors('Martin Weisz, who was directed by nobody, stars.')).toEqual([]);
  });
  it('reads "P is <up to four words> as C", not a comparison', () => {
    const cast = (t: string) => pairs(tagged(t));
    expect(cast('Ruth Donnelly is tremendous comic relief as restaurant owner Martha, fanning the flames.')).toEqual(['Ruth Donnelly as Martha']);
    expect(cast('Arnold Schwarzenegger is on top form as Ben.')).toEqual(['Arnold Schwarzenegger as Ben']);
    expect(cast('Owen Wilson is almost as good as Dick, the lead.')).toEqual([]);
    expect(cast('Walter Brennan was great as well as Tony.')).toEqual([]);
  });
  it('credits the name a describing noun leads to after "directed by" ("Orson Welles protege Richard Wilson")', () => {
    expect(directors('Directed by Orson Welles protege Richard Wilson, it is a stark, monochrome beauty.')).toEqual(['Richard Wilson']);
    expect(directors('Enter Accepted, directed by John Cusack pal Steve Pink and led by Justin Long.')).toEqual(['Steve Pink']);
    expect(directors('It was directed by Steven Spielberg and stars Tom Hanks.')).toEqual(['Steven Spielberg']);
    // An article and describing words between "by" and a full name.
    expect(directors('It was directed by the great John Ford in 1950.')).toEqual(['John Ford']);
    expect(directors('It was directed by the Elizabethan stage, said no one.')).toEqual([]);
  });
  it('reads "the directorial debut of P" and "P helms"', () => {
    expect(directors('The directorial debut of Ben Affleck is assured.')).toEqual(['Ben Affleck']);
    expect(directors('Jim Jarmusch helms this with a light touch.')).toEqual(['Jim Jarmusch']);
    expect(directors('It was helmed by Kathryn Bigelow, who helms well.')).toEqual(['Kathryn Bigelow']);
  });
});

describe('two lists paired in order', () => {
  // Real sentences of IMDB reviews.
  it('pairs "A and B as/play/star as C and D" and "C and D (A and B)" in order', () => {
    expect(pairs(text('It is hard not to warm up to Jack Lemmon and Walter Matthau as Felix Unger and Oscar Madison.'))).toEqual(['Jack Lemmon as Felix Unger', 'Walter Matthau as Oscar Madison']);
    expect(pairs(text('I saw James Earl Jones and Christopher Plummer play Othello and Iago on Broadway.'))).toEqual(['James Earl Jones as Othello', 'Christopher Plummer as Iago']);
    expect(pairs(text('Husband and wife Paul Bettany and Jennifer Connelly star as Charles and Emma Darwin.'))).toEqual(['Paul Bettany as Charles', 'Jennifer Connelly as Emma Darwin']);
    expect(pairs(text('It follows Jesse and Celine (Ethan Hawke and Julie Delpy) through one night in Vienna.'))).toEqual(['Ethan Hawke as Jesse', 'Julie Delpy as Celine']);
  });
  it('leaves a cast list of "P as C, Q as D" to its own pairs, and lists of unequal length alone', () => {
    expect(pairs(text('Also starring Bartlett Robinson as Benjamin Frank Mahoney, Robert Cornthwaite as Harry Knight, Sheila Bond as Dancer.'))).toEqual([
      'Bartlett Robinson as Benjamin Frank Mahoney',
      'Robert Cornthwaite as Harry Knight',
      'Sheila Bond as Dancer',
    ]);
    expect(pairs(text('Jesse, Celine and Mary (Ethan Hawke and Julie Delpy) meet on a train.'))).toEqual([]);
  });
});

describe('an aside between the actor and "as"', () => {
  it('reads "P, <aside>, as C", not a list, a second clause or another person inside the aside', () => {
    expect(pairs(tagged('The movie stars Jennifer Connelly, almost twenty years before she would win an Oscar, as Natalie Becker.'))).toEqual(['Jennifer Connelly as Natalie Becker']);
    expect(pairs(tagged('Look for Cliff Edwards, the voice of Jiminy Cricket, as Bert.'))).toContain('Cliff Edwards as Bert');
    expect(pairs(tagged('It stars Conor Mullen, and Julian Rhind-Tutt, as Green.'))).not.toContain('Conor Mullen as Green');
    expect(pairs(tagged('Kyle Hadley, was beaten by Anthony Quinn, as Paul Gauguin.'))).not.toContain('Kyle Hadley as Paul Gauguin');
    expect(pairs(tagged('Strother Martin, fantastic in his role, as the Satan worshiper.'))).toEqual([]);
  });
  it('reads "C, played <a few words> by P"', () => {
    expect(pairs(tagged('Penguin, played to perfection by Danny DeVito, steals the film.'))).toEqual(['Danny DeVito as Penguin']);
    expect(pairs(tagged('Bruno Anthony, played with utter brilliance by Robert Walker, is the heart of it.'))).toEqual(['Robert Walker as Bruno Anthony']);
  });
  it('reads "P, as C, …" and a sentence opening "As C, P …"', () => {
    expect(pairs(tagged('Walter Brennan, as Ben, steals every scene.'))).toEqual(['Walter Brennan as Ben']);
    expect(pairs(tagged('The cast is fine. As Ratso, Dustin Hoffman is superb.'))).toEqual(['Dustin Hoffman as Ratso']);
    expect(pairs(tagged('As usual, Tom Hanks is fine.'))).toEqual([]);
    expect(pairs(tagged('Jim Backus, as doctors, is fine.'))).toEqual([]);
  });
  it('reads "P (<aside>) as C", not "C (P) as …" nor a character that runs on into its noun after "the"', () => {
    expect(pairs(tagged('Everyone does well, especially Robert Guillame (is that how you spell it?) as Rafiki.'))).toEqual(['Robert Guillame as Rafiki']);
    expect(pairs(tagged('Radah Mitchell (High Art) as Fry is a joy to watch.'))).toEqual(['Radah Mitchell as Fry']);
    expect(pairs(tagged('Peter Graves (It Conquered The World) as the Presidential candidate is fine.'))).toEqual([]);
    expect(pairs(tagged('Uncle Ben (Lewis Black) as the College Dean steals it.'))).not.toContain('Uncle Ben as College Dean');
  });
});

describe('another name after "known as"', () => {
  it('is no character, with words between too', () => {
    expect(pairs(tagged('He read about Archie Belaney, known simply as Grey Owl, for weeks.'))).toEqual([]);
    expect(pairs(tagged('Marlon Brando, unrecognisable as Kurtz, mumbles.'))).toEqual(['Marlon Brando as Kurtz']);
  });
});

describe('a credited character written in full', () => {
  const people = (t: string) => tagged(t).people.map((p) => p.name);
  it('is a character wherever it is named, not a person', () => {
    expect(people("In the local cafe he meets Rose Hudkins, who catches his eye. Glynnis O'Connor is delightful as Rose.")).toEqual(["Glynnis O'Connor"]);
    expect(people('A young French girl named Alice Dupres Barkley, played by Lenore Aubert. Poor Alice Barkley is in trouble.')).toEqual(['Lenore Aubert']);
  });
  it('includes a word the film data knows only as a character\'s (no given name, no surname)', () => {
    expect(people('In this one Batman is tired, and Wolverine looks bored beside Keanu Reeves.')).toEqual(['Keanu Reeves']);
  });
  it('reads a name in capitals that the film index knows, not capitals in brackets, and shows it cased when it is also written so', () => {
    expect(people('STARLIFT stars DORIS DAY, JANICE RULE and RUTH ROMAN in a thin story.')).toEqual(['DORIS DAY', 'JANICE RULE', 'RUTH ROMAN']);
    expect(people('It has a pulse-pounding Max Steiner (KING KONG, GWTW, DODGE CITY et al.) score.')).toEqual(['Max Steiner']);
    expect(people('ROSS HUNTER produced it. Ross Hunter knew his audience.')).toEqual(['Ross Hunter']);
  });
  it('keeps a month, a day or a common word that opens a name the film index knows, not a group it lists', () => {
    expect(people('Eventually, he meets up with feisty May Robson and the Dead End Kids.')).toEqual(['May Robson']);
    expect(people('June Haver is lovely in this musical, and Haver sings well.')).toEqual(['June Haver']);
    expect(people('Only Tuesday Weld was introduced in this picture.')).toEqual(['Tuesday Weld']);
    expect(people('I love The Monkees and the Three Stooges.')).toEqual([]);
  });
  it('stays a person when another person\'s name holds its words', () => {
    // A surname alone is the full name's whose tail it is before a suffix, not the father's the index also knows.
    expect(people('Robert Downey Jr. is great here. Downey steals every scene.')).toEqual(['Robert Downey Jr']);
    expect(people('Robert Walker as Jack is fine, and Jack Nicholson would have been better.')).toContain('Jack Nicholson');
  });
});

describe('brackets after a comma, and nicknames in brackets', () => {
  it('reads "C, (P)" and "P, (C)" by which name the film data knows as a person', () => {
    expect(pairs(tagged('The third story has Phillip Grayson, (Peter Cushing) moving into the house.'))).toEqual(['Peter Cushing as Phillip Grayson']);
    expect(pairs(tagged('William Powell, (Philo Vance) is called in to solve the case.'))).toEqual(['William Powell as Philo Vance']);
  });
  it('reads "First (Nick) Last" as one name, not a character and its actor', () => {
    expect(pairs(tagged('I would have enjoyed it more but for Jason (Herb) Evers and his constant harping.'))).toEqual([]);
    expect(pairs(tagged('Anthony (Tony) Curtis is fine as the sailor.'))).toEqual([]);
  });
});

describe('the person first in brackets', () => {
  // With the film index: the full name outside is the one it credits, the name inside no one's.
  it('reads "P (C)" as P plays C when the index credits P and no one named C', () => {
    expect(pairs(indexed('The supporting cast includes Aaron Eckhart (Nick) and Sally Hawkins (Sue).'))).toEqual(['Aaron Eckhart as Nick', 'Sally Hawkins as Sue']);
    expect(pairs(indexed('Keanu Reeves (John Wick) is back, and Ian McShane (Winston) too.'))).toEqual(['Keanu Reeves as John Wick', 'Ian McShane as Winston']);
    // One such pair among brackets that read the other way is turned alone.
    expect(pairs(indexed('Willy Clark (Walter Matthau) and Al Lewis (George Burns) were a team; Aaron Eckhart (Nick) is fine too.'))).toEqual([
      'Walter Matthau as Willy Clark',
      'George Burns as Al Lewis',
      'Aaron Eckhart as Nick',
    ]);
  });
  it('credits no film, word or place in brackets, nor a surname of someone named in full', () => {
    expect(pairs(indexed('Brian Dennehy (Cocoon) and Tom Berenger (Platoon) are wasted here.'))).toEqual([]);
    expect(pairs(indexed('Anil Kapoor (Producer) and Mira Nair (India) were at the premiere.'))).toEqual([]);
    expect(pairs(indexed('Walter Matthau and George Burns star. Willy Clark (Matthau) and Al Lewis (Burns) were a team.'))).toEqual(['Walter Matthau as Willy Clark', 'George Burns as Al Lewis']);
  });
  it('reads "C is played by P"', () => {
    expect(pairs(text('Toby was played by Bernard Hepton, and Fisher is played by Derek Luke.'))).toEqual(['Bernard Hepton as Toby', 'Derek Luke as Fisher']);
  });
});

describe('cast credits read again (credits.ts)', () => {
  it('reads "P in the role of C" and "the portrayal of C by P"', () => {
    expect(pairs(text('Why put Timothy Dalton in the role of Rochester? Nobody knows.'))).toEqual(['Timothy Dalton as Rochester']);
    expect(pairs(text('Even the portrayal of an older Alan Quatermain by Sean Connery was good.'))).toEqual(['Sean Connery as Alan Quatermain']);
    expect(pairs(text('The performance of Hamlet by Kenneth Branagh is a marvel.'))).toEqual(['Kenneth Branagh as Hamlet']);
    expect(pairs(text('It was shot in London in the role of a backdrop, by Night Films.'))).toEqual([]);
  });
  it('reads a sentence of two full names joined by "is" as a cast list writes it, and only that', () => {
    expect(pairs(text('Kim Greist plays Laura Burnford. Robert Hays is Bob Seaver. The dog is great.'))).toEqual(['Kim Greist as Laura Burnford', 'Robert Hays as Bob Seaver']);
    expect(pairs(text('I think Robert Hays is Bob Seaver.'))).toEqual([]);
  });
  it('reads an actor, a few describing words and "as" or "playing", then a character', () => {
    expect(pairs(text('Rose Hobart was absolutely horrid and lifeless as Julie, sadly.'))).toEqual(['Rose Hobart as Julie']);
    expect(pairs(text('Kenneth Branagh excels as Hamlet, bringing wit to it.'))).toEqual(['Kenneth Branagh as Hamlet']);
    expect(pairs(text('Broadway first saw Jack Lemmon playing Felix and Walter Matthau playing Oscar.'))).toEqual(['Jack Lemmon as Felix', 'Walter Matthau as Oscar']);
    expect(pairs(text('I noticed Mildred Natwick playing a supporting role as Mrs. MacGregor, the protector of the girl.'))).toEqual(['Mildred Natwick as Mrs. MacGregor']);
  });
  it('keeps a rank in the character and drops the character from the people', () => {
    const e = text('He asks his colleagues (among them Bela Lugosi as Dr. Benet) how he managed it.');
    expect(pairs(e)).toEqual(['Bela Lugosi as Dr. Benet']);
    expect(e.people.map((p) => p.name)).toEqual(['Bela Lugosi']);
  });
  it('reads no pair where "as" leads a clause or follows "such", or the name is another person’s', () => {
    expect(pairs(text('Frank Miller waited for an hour, as Tony is about to kill him.'))).toEqual([]);
    expect(pairs(text('Michael Caine played in comedies such as Alfie, later.'))).toEqual([]);
    expect(pairs(text('Otto Preminger made it. Dana Andrews gives a tense performance as Preminger wanted.'))).toEqual([]);
  });
  it('reads a performance noun after a possessive ("P\'s infamous turn as C") and "P\'s C" with a full character name', () => {
    expect(pairs(text('He is the bad guy since Dolph Lundgren\'s infamous turn as Ivan Drago in that film.'))).toEqual(['Dolph Lundgren as Ivan Drago']);
    expect(pairs(text('The acting is superb, like Alan Howard\'s Jack Brotherhood in the third episode.'))).toEqual(['Alan Howard as Jack Brotherhood']);
    expect(pairs(text("Eddie Murphy's James Brownesque performance rescues the movie."))).toEqual([]);
  });
  it('turns "Actor (Character)" pairs where the index knows the names in front as people', () => {
    const e = indexed('Holes is a Disney movie. The acting was well done, especially Shia LaBeouf (Stanley), Jon Voight (Mr. Sir) and Jake Smith (Squid).');
    expect(pairs(e)).toEqual(expect.arrayContaining(['Shia LaBeouf as Stanley', 'Jon Voight as Mr. Sir', 'Jake Smith as Squid']));
    expect(e.people.map((p) => p.name)).not.toContain('Squid');
    // Character (Actor), the usual order, stays as read.
    expect(pairs(indexed('Insurance investigator Peter Lynch (George Hilton) is assigned to the case.'))).toEqual(['George Hilton as Peter Lynch']);
  });
});

describe('directors read again (credits.ts)', () => {
  it('credits a director beside the role word or after "a film by"', () => {
    const dirs = (t: string) => text(t).credits.filter((c) => c.role === 'director').map((c) => c.person);
    expect(dirs('We ought to point out that the director, George Stevens, was a polymath.')).toEqual(['George Stevens']);
    expect(dirs('Anthony Hickox the director should have seen a stinker.')).toEqual(['Anthony Hickox']);
    expect(dirs('It is a film by Uwe Boll, and I knew it.')).toEqual(['Uwe Boll']);
    expect(dirs('I have now seen quite a few films by Pedro Almodóvar, and this is the weakest.')).toEqual([]);
    expect(dirs('Stars such as comedian Richard Pryor, director Spike Lee and others appear.')).toEqual(['Spike Lee']);
  });
});

describe('surnames read alone (credits.ts)', () => {
  it('take the full name the index credits when the text writes it', () => {
    const e = indexed("There should be a sub-genre called 'the Robert Mitchum Western'. Mitchum's brilliant here, as Mitchum always is.");
    expect(e.people.map((p) => p.name)).toContain('Robert Mitchum');
    expect(e.people.map((p) => p.name)).not.toContain('Mitchum');
  });
});
