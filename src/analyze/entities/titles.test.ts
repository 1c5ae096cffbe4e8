import { describe, expect, it } from 'vitest';
import { createContext } from '../context.ts';
import { loadLexiconModel } from '../../node/load-model.ts';
import { readDoc } from '../text/index.ts';
import { findEntities } from './index.ts';

const model = loadLexiconModel();
const run = (text: string) => findEntities(createContext(readDoc(text), model));

// The sample reviews hold almost no chronology: these pin the rarer steps of findTitles down.
describe('references and chronology', () => {
  it('reads "between" as one edge each way, and numbered chapters with their prefix', () => {
    const e = run('Ballerina takes place between John Wick: Chapter 3 and John Wick: Chapter 4. It is a spin-off of the John Wick franchise.');
    expect(e.references.map((r) => r.title)).toEqual(['John Wick: Chapter 3', 'John Wick: Chapter 4']);
    expect(e.chronology.map((c) => [c.relation, c.otherKey])).toEqual([['after', 'john wick 3'], ['before', 'john wick 4']]);
    expect(e.chronology[0]!.evidence).toEqual({ start: 0, end: 76 });
  });
  it('reads a prequel as before, and a series with its article', () => {
    const e = run('Set before Chapter 3, this prequel to John Wick: Chapter 2 drags. The Continental series was better.');
    expect(e.references.map((r) => r.title)).toEqual(['Continental: Chapter 3', 'John Wick: Chapter 2', 'The Continental']);
    expect(e.chronology.map((c) => [c.relation, c.otherKey])).toEqual([['before', 'continental 3']]);
  });
  it('gives the franchise to plural part words ("Parts 1 and 2") and reads "picks up where" as after', () => {
    const e = run('This sequel to Parts 1 and 2 of the Dune franchise is long. It picks up where Dune: Part One ended, and Part Two follows.');
    expect(e.references.map((r) => r.key)).toEqual(['dune 1', 'dune 2']);
    expect(e.chronology.map((c) => [c.relation, c.otherKey])).toEqual([['after', 'dune 1']]);
  });
  it('takes no rank or honorific alone for a title, unless quoted', () => {
    expect(run('Sir was wrong about the butler, and Mr was no better.').film?.title).toBeUndefined();
    expect(run('"Sir" is a quiet, moving film.').film?.title).toBe('Sir');
  });
  it('states no edge without a reference to point at', () => {
    expect(run('It is a sequel to nothing and takes place before lunch.').chronology).toEqual([]);
  });
});

describe('the film under review', () => {
  it('counts a quoted short form of a title written in full as that film', () => {
    const e = run("I liked 'Identity' and 'Supremacy', and 'Ultimatum' meshes them. If you watch The Bourne Ultimatum first, you will still enjoy it. 'Ultimatum' might have the edge.");
    expect(e.film?.title).toBe('The Bourne Ultimatum');
  });
  it('does not count one quoted mention twice for its two readings', () => {
    const e = run('ANCHORS AWEIGH is certainly a lesser film than ON THE TOWN. Sinatra then croons, "I Fall in Love Too Easily," before his epiphany.');
    expect(e.film?.title).toBe('ANCHORS AWEIGH');
  });
});
