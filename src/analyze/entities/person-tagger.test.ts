import { describe, expect, it } from 'vitest';
import { loadLexiconModel, MODELS_DIR } from '../../node/load-model.ts';
import { createContext } from '../context.ts';
import { loadPersonTagger } from '../../node/load-ner.ts';
import { readDoc } from '../text/index.ts';
import { findEntities } from './index.ts';
import { hashString, personMargins, personTaggerFromParts, tagPersons, TAG_B, TAG_I, TAG_O, viterbi } from './person-tagger.ts';

const model = loadPersonTagger(MODELS_DIR)!;
const names = (text: string): string[] => {
  const doc = readDoc(text);
  return tagPersons(model, doc.text, doc.tokens, doc.sentences).map((s) => doc.text.slice(s.start, s.end));
};

describe('person tagger: decoding', () => {
  it('hashes strings the same way every time', () => {
    expect(hashString('Reeves')).toBe(hashString('Reeves'));
    expect(hashString('Reeves')).not.toBe(hashString('reeves'));
  });

  it('never puts I after O or at the start (BIO)', () => {
    // Emissions that prefer I everywhere: the best legal path starts with B.
    const scores = Float64Array.from([0, 0, 5, 0, 0, 5, 5, 0, 0]);
    const tags = new Uint8Array(3);
    viterbi(scores, 3, new Float64Array(12), tags);
    expect(tags[0]).toBe(TAG_B);
    expect(tags[1]).toBe(TAG_I);
    expect(tags[2]).toBe(TAG_O);
  });

  it('follows the allowed tags of a partly labelled sentence', () => {
    const scores = Float64Array.from([5, 0, 0, 5, 0, 0]);
    const tags = new Uint8Array(2);
    viterbi(scores, 2, new Float64Array(12), tags, Uint8Array.from([2, 7]));
    expect(tags[0]).toBe(TAG_B);
  });

  it('refuses model bytes of the wrong size', () => {
    expect(() => personTaggerFromParts({ format: 'ner.v1', bits: 4, gazBits: 6, trans: new Array(12).fill(0), scale: 1 }, new Uint8Array(10))).toThrow(/expected/);
  });
});

describe('person tagger: the shipped model', () => {
  it('loads', () => {
    expect(model).not.toBeNull();
    expect(model.weights.length).toBe((1 << model.bits) * 3);
  });

  it('finds full names, surnames, particles and possessives', () => {
    expect(names('Keanu Reeves is back, and Reeves has never been better.')).toEqual(['Keanu Reeves', 'Reeves']);
    expect(names('The film stars Ana de Armas in the lead.')).toEqual(['Ana de Armas']);
    expect(names("I liked Ian McShane's Winston best.")).toContain('Ian McShane');
  });

  it('leaves sentences without names alone', () => {
    expect(names('the film is a bore from start to finish.')).toEqual([]);
    const doc = readDoc('no names here at all.');
    expect([...personMargins(model, doc.text, doc.tokens, doc.sentences)].every((m) => m < 0)).toBe(true);
  });

  it('has margins that agree with the Viterbi path', () => {
    const doc = readDoc('Directed by Chad Stahelski, the film stars Ana de Armas and Keanu Reeves.');
    const spans = tagPersons(model, doc.text, doc.tokens, doc.sentences);
    const margins = personMargins(model, doc.text, doc.tokens, doc.sentences);
    const inName = new Set<number>();
    for (const s of spans) for (let i = s.from; i < s.to; i++) inName.add(i);
    for (let i = 0; i < doc.tokens.count; i++) expect(margins[i]! > 0).toBe(inName.has(i));
  });

  it('gives target tokens read in windows the margins of the whole sentence', () => {
    const doc = readDoc('Directed by Chad Stahelski, the film stars Ana de Armas and J. Keanu Reeves. I saw Travolta and Mr. Smith today.');
    const full = personMargins(model, doc.text, doc.tokens, doc.sentences);
    const targets = new Uint8Array(doc.tokens.count);
    // Scored tokens, split tokens ("and", ".", "I") and tokens at the sentences' ends.
    for (const i of [0, 2, 3, 4, 8, 9, 10, 12, 13, 14, 15, 16, 17, 19, 21, 22, 23]) if (i < doc.tokens.count) targets[i] = 1;
    const windowed = personMargins(model, doc.text, doc.tokens, doc.sentences, Uint8Array.from(doc.sentences, () => 1), targets);
    let read = 0;
    for (let i = 0; i < doc.tokens.count; i++) {
      if (targets[i]) expect(windowed[i]).toBe(full[i]);
      if (Number.isFinite(windowed[i])) read++;
    }
    // Tokens far from every target are not read.
    expect(read).toBeLessThan(doc.tokens.count);
  });

  it('reads long sentences around their targets, and wholly when a window reaches past that', () => {
    const texts = [
      'The film, which we saw last week in a small cinema near the old station, stars Keanu Reeves as the lead and was fun to watch all the way through.',
      'we saw it, and then we saw WHAT A LONG TITLE IN CAPITALS THAT GOES ON AND ON AND ON FOREVER Reeves in it.',
    ];
    for (const text of texts) {
      const doc = readDoc(text);
      const full = personMargins(model, doc.text, doc.tokens, doc.sentences);
      const targets = new Uint8Array(doc.tokens.count);
      for (let i = 0; i < doc.tokens.count; i++) if (/^(Keanu|Reeves)$/.test(doc.text.slice(doc.tokens.start[i], doc.tokens.end[i]))) targets[i] = 1;
      const windowed = personMargins(model, doc.text, doc.tokens, doc.sentences, Uint8Array.from(doc.sentences, () => 1), targets);
      expect(targets.some((x) => x === 1)).toBe(true);
      for (let i = 0; i < doc.tokens.count; i++) if (targets[i]) expect(windowed[i]).toBe(full[i]);
    }
  });
});

describe('person tagger inside the entity stage', () => {
  const shipped = loadLexiconModel();
  const people = (text: string, withTagger: boolean): string[] => findEntities(createContext(readDoc(text), withTagger ? shipped : { ...shipped, ner: null })).people.map((p) => p.name);

  it('finds a surname or a name with a common word that the rules alone miss', () => {
    expect(people('It was good to see Travolta back on form in this one.', false)).toEqual([]);
    expect(people('It was good to see Travolta back on form in this one.', true)).toEqual(['Travolta']);
    expect(people('The best scene belongs to Doris Day, who sings.', true)).toEqual(['Doris Day']);
  });

  it('keeps the credit patterns: a character named in "A as B" is no person', () => {
    const e = findEntities(createContext(readDoc('Keanu Reeves returns as John Wick, and Reeves is as good as ever.'), shipped));
    expect(e.people.map((p) => p.name)).toEqual(['Keanu Reeves']);
    expect(e.credits).toContainEqual(expect.objectContaining({ person: 'Keanu Reeves', role: 'cast', character: 'John Wick' }));
  });
});
