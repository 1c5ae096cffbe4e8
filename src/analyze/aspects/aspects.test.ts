import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AspectId } from '../card.ts';
import { HYPHEN, opinionHits, opinionOf, clauseRanges, docWords, wordCodes } from '../clauses/index.ts';
import { WORD, wordHash, wordTableGet } from '../lexicon.ts';
import { hashSpan } from '../text/tokens.ts';
import { createContext, type DocContext } from '../context.ts';
import type { Entities } from '../entities/index.ts';
import { loadLexiconModel, loadModel } from '../../node/load-model.ts';
import { readDoc, type Doc } from '../text/index.ts';
import { aspectUnits, findAspects, findTargets, tokenAt } from './index.ts';
import { DENSE, HEADS, type AspectModel } from './learned.ts';
import type { Model } from '../model.ts';
import { readFileSync } from 'node:fs';

// The shipped word tables, no sentiment weights: the lexicon's reading alone.
const model = loadLexiconModel();
const { opinion: OPINION, selfOpinion: SELF_OPINION } = model.lexicon.aspects;
const ctxOf = (doc: Doc, entities?: Entities): DocContext => Object.assign(createContext(doc, model), { entities });
const aspectsOf = (text: string, entities?: Entities): Partial<Record<AspectId, number>> => Object.fromEntries(findAspects(ctxOf(readDoc(text), entities)).map((a) => [a.aspect, a.polarity]));
const emptyEntities = (): Entities => ({ film: null, references: [], chronology: [], people: [], credits: [] });

describe('clauses', () => {
  it('reads curly apostrophes as straight ones, and codes each token once (hyphens from the text)', () => {
    const doc = readDoc('It’s a not-very-funny, well-made Hitchcock film; the so-so plot isn’t good.');
    const words = docWords(doc);
    expect(words.filter((w) => w.includes("'"))).toEqual(["it's", "isn't"]);
    const codes = wordCodes(model.lexicon.aspects, doc, words);
    const at = (w: string): number => codes[words.indexOf(w)]!;
    expect(at('not-very-funny') & HYPHEN).toBe(HYPHEN);
    expect(at('so-so') & HYPHEN).toBe(HYPHEN);
    expect(at('film') & HYPHEN).toBe(0);
    expect(at('good') & WORD.opinionValue).toBe(WORD.opinionValue);
    expect(at('hitchcock') & WORD.filmmaker).toBe(WORD.filmmaker);
    expect(at(';') & (WORD.hit | HYPHEN)).toBe(0);
    expect(at(';') & WORD.clausePunct).toBe(WORD.clausePunct);
  });

  it('lower-cases each token as its own text would be, whatever letters sit beside it', () => {
    const alphabet = fc.constantFrom('A', 'b', 'İ', 'Σ', 'σ', 'ς', 'Ä', '’', "'", '-', ' ', '.', '𐐀');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (cs) => {
        const doc = readDoc(cs.join(''));
        const { start, end } = doc.tokens;
        expect(docWords(doc)).toEqual(Array.from(start, (s, i) => doc.text.slice(s, end[i]).toLowerCase().replaceAll('’', "'")));
      }),
    );
    expect(docWords(readDoc('ΟΔΟΣ İstanbul'))).toEqual(['οδος', 'i̇stanbul']);
  });

  it('word table: every table word has its flags, other words none', () => {
    const lex = model.lexicon.aspects;
    for (const w of lex.hitWords) expect(wordTableGet(lex.wordCodes, w) & WORD.hit).toBe(WORD.hit);
    for (const w of lex.intensifiers.keys()) expect(wordTableGet(lex.wordCodes, w) & WORD.intensifier).toBe(WORD.intensifier);
    for (const w of lex.filmmakers) expect(wordTableGet(lex.wordCodes, w) & WORD.filmmaker).toBe(WORD.filmmaker);
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...[...lex.hitWords].slice(0, 50))), (w) => (wordTableGet(lex.wordCodes, w) & WORD.hit) === (lex.hitWords.has(w) ? WORD.hit : 0)));
    expect(wordTableGet(lex.wordCodes, 'qqqzzx')).toBe(0);
    // opinionHits finds "not to say" by the negator flag, aspectAt the tables' words by theirs.
    expect(wordTableGet(lex.wordCodes, 'not') & WORD.negator).toBe(WORD.negator);
    for (const w of lex.aspectTerms.keys()) expect(wordTableGet(lex.wordCodes, w) & WORD.aspectTerm).toBe(WORD.aspectTerm);
    for (const w of lex.selfOpinion.keys()) expect(wordTableGet(lex.wordCodes, w) & WORD.selfOpinion).toBe(WORD.selfOpinion);
  });

  it('word table: a token\'s hash from the tokenizer is its word\'s table hash, however it is capitalised', () => {
    const t = model.lexicon.aspects.wordCodes;
    expect(t.words.length).toBeGreaterThan(1000);
    // A token's word never holds a curly apostrophe (docWords), so neither hash can find such an entry.
    for (const w of t.words.filter((x) => !x.includes('’'))) {
      expect(hashSpan(w, 0, w.length)).toBe(wordHash(w));
      const upper = w.toUpperCase();
      if (upper.toLowerCase() === w) expect(hashSpan(upper, 0, upper.length)).toBe(wordHash(w));
      const title = w.charAt(0).toUpperCase() + w.slice(1);
      if (title.toLowerCase() === w) expect(hashSpan(title, 0, title.length)).toBe(wordHash(w));
    }
    const doc = readDoc('GOOD Good good.');
    const codes = createContext(doc, model).codes;
    expect([codes[0], codes[1]]).toEqual([codes[2], codes[2]]);
    expect(codes[2]! & WORD.opinionValue).toBe(WORD.opinionValue);
  });

  it('finds the same opinion hits with the doc\'s word codes as without', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('not', 'a', 'good', 'too', 'long', 'very', 'funny', 'not-very-funny', 'isn’t', 'only', 'the', 'story', 'no', 'far', 'from', 'boring', 'to', 'say', ',', 'fun', 'made', 'well-acted'), { minLength: 1, maxLength: 30 }), (ws) => {
        const doc = readDoc(`${ws.join(' ')}.`);
        const ctx = ctxOf(doc);
        const codes = wordCodes(model.lexicon.aspects, doc, ctx.words);
        // Without: a view that keeps no codes (the context's would be read by default).
        expect(opinionHits(ctx, 0, doc.tokens.count, codes)).toEqual(opinionHits({ words: ctx.words, lexicon: ctx.lexicon }, 0, doc.tokens.count));
        expect(opinionHits(ctx, 0, doc.tokens.count)).toEqual(opinionHits(ctx, 0, doc.tokens.count, codes));
      }),
    );
  });

  it('cuts the same clauses with the context\'s word codes as without', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('but', 'though', 'even', 'and', ',', ';', '-', '—', 'good', 'the', 'story', 'plain', 'very', 'dull', 'while', '.'), { minLength: 1, maxLength: 30 }), (ws) => {
        const doc = readDoc(ws.join(' '));
        const ctx = ctxOf(doc);
        expect(clauseRanges(ctx, 0, doc.tokens.count)).toEqual(clauseRanges({ doc, words: ctx.words, lexicon: ctx.lexicon }, 0, doc.tokens.count));
      }),
    );
  });

  it('cuts at contrast words, semicolons, dashes and ", and"', () => {
    const doc = readDoc('The story is weak but the action is great; the score soars — the pacing drags, and the jokes land.');
    const ctx = ctxOf(doc);
    const words = ctx.words;
    const s = doc.sentences[0]!;
    const clauses = clauseRanges(ctx, s.tokenStart, s.tokenEnd).map(([a, b]) => words.slice(a, b).join(' '));
    expect(clauses).toEqual(['the story is weak', 'but the action is great', 'the score soars', 'the pacing drags', 'and the jokes land .']);
  });

  it('flips negated opinions and scales degree words', () => {
    const doc = readDoc('It is not bad. It is very good. It is good. It is too clever.');
    const ctx = ctxOf(doc);
    const v = doc.sentences.map((s) => opinionHits(ctx, s.tokenStart, s.tokenEnd)[0]!.value);
    expect(v[0]).toBeGreaterThan(0);
    expect(v[1]).toBeGreaterThan(v[2]!);
    expect(v[3]).toBeLessThan(0);
  });
});

describe('findAspects', () => {
  it('decides at clause level: the story is weak but the action is great', () => {
    const a = aspectsOf('The story is weak but the action is great.');
    expect(a.story).toBeLessThan(0);
    expect(a.action).toBeGreaterThan(0);
  });

  it('does not read plot summary as opinion', () => {
    expect(aspectsOf('As a little girl, Eve witnesses her father get killed by the leader of a cult.')).toEqual({});
    expect(aspectsOf('The story follows a widowed doctor in 1949 Hong Kong and her romance with a correspondent.')).toEqual({});
  });

  it('reads words that name and judge an aspect at once, with negation', () => {
    expect(aspectsOf('Often hilarious.').humor).toBeGreaterThan(0);
    expect(aspectsOf('A man in drag is not funny.').humor).toBeLessThan(0);
    expect(aspectsOf('An overlong and murky thriller.').pacing).toBeLessThan(0);
  });

  it('keeps genre labels apart from aspects', () => {
    expect(aspectsOf('This is the best action movie of the year.').action).toBeUndefined();
    expect(aspectsOf('A mediocre teen comedy.').humor).toBeUndefined();
    expect(aspectsOf('The film’s comedy is generous.').humor).toBeGreaterThan(0);
  });

  it('attaches each opinion word to its own term', () => {
    const a = aspectsOf('Even the glossy photography and her convincing performance cannot save the clumsy screenplay.');
    expect(a.visuals).toBeGreaterThan(0);
    expect(a.acting).toBeGreaterThan(0);
    expect(a.story).toBeLessThan(0);
  });

  it('weighs opinions about other films less', () => {
    const a = aspectsOf('The lore of the earlier films was wonderful. Here the world-building is boring.');
    expect(a.world).toBeLessThan(0);
  });

  it('lets a plural pronoun opening the next sentence stand for the aspect just named', () => {
    expect(aspectsOf('The film is built around its fight scenes. They are thrilling.').action).toBeGreaterThan(0);
    expect(aspectsOf('The film is built around its fight scenes. It is a thrilling film.').action).toBeUndefined();
  });

  it('skips a repeated pull-quote line', () => {
    const text = 'Intro line here.\n\nThe score by the great composer is gorgeous, and the plot is dull.\n“The score by the great composer is gorgeous…”\n\nEnd.';
    const doc = readDoc(text);
    expect(doc.sentences.some((s) => s.repeatOf >= 0)).toBe(true);
    const sound = findAspects(ctxOf(doc)).find((a) => a.aspect === 'sound')!;
    expect(sound.mentions).toBe(1);
  });

  it('reads a judged person as the aspect of their credit', () => {
    const text = 'Dench is brilliant as the adult Philomena. Nolan directs with a clumsy hand.';
    const doc = readDoc(text);
    const at = (n: string) => ({ start: text.indexOf(n), end: text.indexOf(n) + n.length });
    const e = emptyEntities();
    e.people = [
      { name: 'Judi Dench', mentions: [at('Dench')] },
      { name: 'Christopher Nolan', mentions: [at('Nolan')] },
    ];
    e.credits = [{ person: 'Christopher Nolan', role: 'director', evidence: at('Nolan') }];
    const a = Object.fromEntries(findAspects(ctxOf(doc, e)).map((x) => [x.aspect, x.polarity]));
    expect(a.acting).toBeGreaterThan(0);
    expect(a.direction).toBeLessThan(0);
    // Without the entities stage, a capitalised surname as a clause's subject is still read as a person.
    expect(aspectsOf(text).acting).toBeGreaterThan(0);
  });

  it('reads bare surnames: a subject with a person cue, well-known filmmakers, not a title before a copula', () => {
    expect(aspectsOf('Hitchcock fails miserably on this one.').direction).toBeLessThan(0);
    expect(aspectsOf('Cumberbatch nails it.').acting).toBeGreaterThan(0);
    expect(aspectsOf('Jaws is exciting and unpredictable.').acting).toBeUndefined();
    expect(aspectsOf('My favorite Bergman film, a brilliant one.').direction).toBeUndefined();
  });

  it('reads comparatives, denial verbs and "far from"', () => {
    expect(aspectsOf("It's hard to imagine acting that could be any flatter.").acting).toBeLessThan(0);
    expect(aspectsOf('It is completely missing a funny bone.').humor).toBeLessThan(0);
    expect(aspectsOf('The acting is far from painful.').acting).toBeGreaterThan(0);
    expect(aspectsOf('It succeeds mostly at being uneven and long.').pacing).toBeLessThan(0);
    expect(aspectsOf('It takes its sweet time in getting there.').pacing).toBeLessThan(0);
    expect(aspectsOf('A long take opens the film.').pacing).toBeUndefined();
  });

  it('carries a person to a next sentence that opens with he or she, and reads "beautifully shot" as the camera', () => {
    expect(aspectsOf('Cumberbatch plays the lead. He is superb.').acting).toBeGreaterThan(0);
    expect(aspectsOf('The film is beautifully shot.').visuals).toBeGreaterThan(0);
    expect(aspectsOf('He was shot in the back.').visuals).toBeUndefined();
  });

  it('gives a verb-modifying adverb to the subject, and reads "made fun of" as no praise', () => {
    expect(aspectsOf('Hitchcock masterfully gives the story room.').direction).toBeGreaterThan(0);
    expect(aspectsOf('The jokes made fun of the director.').humor).toBeUndefined();
    expect(aspectsOf('A story of incredible triumph against impossible odds.').story).toBeUndefined();
    expect(aspectsOf('A gripping story of survival.').story).toBeGreaterThan(0);
  });

  it('reads a name after "of" or a verb of seeing as talked about, not judged', () => {
    const text = 'It was great fun seeing Kurt Russell so young. Kurt Russell is great.';
    const doc = readDoc(text);
    const e = emptyEntities();
    e.people = [{ name: 'Kurt Russell', mentions: [{ start: 24, end: 36 }] }];
    expect(findAspects(ctxOf(doc, e)).some((x) => x.aspect === 'acting')).toBe(false);
    e.people[0]!.mentions.push({ start: 47, end: 59 });
    expect(findAspects(ctxOf(doc, e)).find((x) => x.aspect === 'acting')?.polarity).toBeGreaterThan(0);
  });

  it('keeps polarity in [-1, 1] and evidence inside the text for any input', () => {
    const words = ['the', 'story', 'acting', 'is', 'not', 'very', 'great', 'boring', 'but', ',', 'and', 'funny', 'score', '.', ';', 'John', 'action', 'movie', '—'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), (ws) => {
        const doc = readDoc(ws.join(' '));
        for (const a of findAspects(ctxOf(doc))) {
          expect(Math.abs(a.polarity)).toBeLessThanOrEqual(1);
          expect(a.mentions).toBeGreaterThan(0);
          for (const e of a.evidence) {
            expect(e.start).toBeGreaterThanOrEqual(0);
            expect(e.end).toBeLessThanOrEqual(doc.text.length);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('aspectUnits', () => {
  const text = 'It preaches to the converted; the score is lovely.';
  const units = (gate: 'named' | 'opinion' | 'all') => aspectUnits(ctxOf(readDoc(text), emptyEntities()), { clusters: new Map(), mask: 1023, gate, cascade: null });
  it('reads every clause, or only those that name an aspect, or name one or hold an opinion word', () => {
    expect(units('all')).toHaveLength(2);
    expect(units('named')).toHaveLength(1);
    expect(units('opinion')).toHaveLength(1);
    expect(units('named')[0]!.rules.get('sound')).toBeGreaterThan(0);
  });
  it('reads the cascade mentions of the asked aspects only', () => {
    const only = aspectUnits(ctxOf(readDoc(text), emptyEntities()), { clusters: new Map(), mask: 1023, gate: 'all', cascade: ['story'] });
    expect(only.every((u) => u.rules.size === 0)).toBe(true);
  });
});

describe('the learned model on the card', () => {
  it('sums the weights as it finds the features: the readings of the kept-bucket scorer', () => {
    const full = loadModel();
    const am = full.aspects as AspectModel;
    // A model with (zero) dense weights takes the other path: bucket lists, then the general scorer.
    const listed = { ...full, aspects: { ...am, vectors: { rows: new Map(), data: new Int8Array(0), scale: 1 }, dense: new Float32Array(HEADS * DENSE) } } as Model;
    const text = readFileSync(new URL('../../../test/golden/ballerina.txt', import.meta.url), 'utf8');
    for (const t of [text, 'The story is weak but the action is great.', 'It preaches to the converted.']) {
      const summed = findAspects(createContext(readDoc(t), full));
      expect(findAspects(createContext(readDoc(t), listed))).toEqual(summed);
    }
    expect(findAspects(createContext(readDoc(text), full)).length).toBeGreaterThan(3);
  });
});

describe('tokenAt', () => {
  it('finds the token holding an offset', () => {
    const doc = readDoc('Ana de Armas shines.');
    expect(tokenAt(doc, 4)).toBe(1);
    expect(tokenAt(doc, 5)).toBe(1);
    expect(tokenAt(doc, 0)).toBe(0);
  });
});

describe('findTargets', () => {
  const text = 'Ana de Armas is a great action star. The villain Krall is dull. The Krall films were better.';
  const doc = readDoc(text);
  const at = (n: string) => ({ start: text.indexOf(n), end: text.indexOf(n) + n.length });
  const e = emptyEntities();
  e.people = [{ name: 'Ana de Armas', mentions: [at('Ana de Armas')] }, { name: 'Idris Elba', mentions: [] }];
  e.credits = [{ person: 'Idris Elba', role: 'cast', character: 'Krall', evidence: at('Krall') }];
  const targets = findTargets(ctxOf(doc, e));

  it('finds opinion towards people and characters, with evidence', () => {
    const ana = targets.find((t) => t.name === 'Ana de Armas')!;
    expect(ana.kind).toBe('person');
    expect(ana.polarity).toBeGreaterThan(0);
    expect(text.slice(ana.evidence[0]!.start, ana.evidence[0]!.end)).toBe('Ana de Armas is a great action star.');
    const krall = targets.find((t) => t.name === 'Krall')!;
    expect(krall.kind).toBe('character');
    expect(krall.polarity).toBeLessThan(0);
    // "The Krall films" names a title, not the character.
    expect(krall.evidence).toHaveLength(1);
  });

  it('leaves out names nobody judges', () => {
    expect(targets.find((t) => t.name === 'Idris Elba')).toBeUndefined();
  });
});

describe('opinionOf', () => {
  it('reads an adverb as its adjective only where the word has no value of its own', () => {
    for (const base of OPINION.keys()) {
      for (const w of [`${base}ly`, ...(base.endsWith('y') ? [`${base.slice(0, -1)}ily`] : [])]) {
        const own = OPINION.get(w) ?? SELF_OPINION.get(w)?.[1];
        const back = w.endsWith('ily') ? `${w.slice(0, -3)}y` : w.slice(0, -2);
        const expected = own ?? (w.length > 6 ? (OPINION.get(back) ?? 0) : 0);
        if (w.includes('-')) continue;
        expect(opinionOf(model.lexicon.aspects, w)).toBe(expected);
      }
    }
    expect(opinionOf(model.lexicon.aspects, 'clumsily')).toBe(opinionOf(model.lexicon.aspects, 'clumsy'));
  });
});
