import { describe, expect, it } from 'vitest';
import { createContext } from '../context.ts';
import { loadLexiconModel } from '../../node/load-model.ts';
import type { SentimentResult } from '../sentiment/index.ts';
import { readDoc, type Doc } from '../text/index.ts';
import { findSpoilers, selectQuotes } from './index.ts';

const model = loadLexiconModel();
const ctxOf = (doc: Doc, sentiment?: SentimentResult) => Object.assign(createContext(doc, model), { sentiment });

const none = (n: number): SentimentResult => ({ verdict: null, sentences: new Float32Array(n) });
const fresh = (n: number, fresh: boolean): SentimentResult => ({ verdict: { fresh, score: fresh ? 80 : 20, label: fresh ? 'positive' : 'negative', confidence: 0.9 }, sentences: new Float32Array(n) });

const review = [
  'The director has made a dazzling, funny and wonderfully acted thriller about grief and revenge.',
  'It is the best film of the year, with a gorgeous score and brilliant performances throughout.',
  'But the script is clumsy and the ending is a dull, predictable letdown for everyone involved.',
  'The villain is a boring cliché and the dialogue is awful in nearly every single scene here.',
  'Great.',
  'Is this the most thrilling and beautiful film of the decade, or merely a very good one?',
].join(' ');

describe('selectQuotes', () => {
  it('keeps both marks of a quoted title that opens or closes the quote', () => {
    // Real sentences of IMDB reviews: the opening mark used to be skipped with the sentence's leading punctuation,
    // and a clause cut at a title's closing mark dropped the mark.
    const opening = '"Notting Hill" is satisfying in its story revolving around the glittering pairing of Julia Roberts and Hugh Grant.';
    const closing = 'Wes Craven sure launched a wonderful, popular and brilliant trend with his "Last House on the Left", and everyone copied it for a decade after that with far less wit, style and verve than he ever had.';
    for (const [text, want] of [
      [opening, opening],
      [closing, 'Wes Craven sure launched a wonderful, popular and brilliant trend with his "Last House on the Left"'],
    ] as const) {
      const doc = readDoc(text);
      const quotes = selectQuotes(ctxOf(doc, fresh(doc.sentences.length, true)));
      expect(quotes.map((q) => q.text)).toEqual([want]);
      expect(doc.text.slice(quotes[0]!.start, quotes[0]!.end)).toBe(want);
    }
  });

  it('keeps the five best of many candidates, best first and equal scores in text order', () => {
    const good = 'The director has made a dazzling, funny and wonderfully acted thriller about grief and revenge.';
    const other = 'Every scene has a gorgeous score and brilliant performances in the best film of the year.';
    const lines = [good, other, good.replace('grief', 'love'), other.replace('year', 'decade'), good.replace('revenge', 'loss'), other.replace('score', 'cast'), good.replace('thriller', 'drama'), good.replace('funny', 'witty')];
    const doc = readDoc(lines.join(' '));
    const quotes = selectQuotes(ctxOf(doc, fresh(doc.sentences.length, true)));
    // Each line read alone scores as it does in the review (one paragraph, the same side): the reference ranking.
    const all = lines.flatMap((line, i) => {
      const alone = readDoc(line);
      const q = selectQuotes(ctxOf(alone, fresh(alone.sentences.length, true)));
      return q.map((x) => ({ start: doc.sentences[i]!.start, score: x.score }));
    });
    expect(all.length).toBeGreaterThan(5);
    const want = all.sort((x, y) => y.score - x.score || x.start - y.start).slice(0, 5);
    expect(quotes.map((q) => ({ start: q.start, score: q.score }))).toEqual(want);
  });

  it('keeps self-contained 8–35 word sentences on the verdict’s side, best first', () => {
    const doc = readDoc(review);
    const quotes = selectQuotes(ctxOf(doc, fresh(doc.sentences.length, true)));
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes[0]!.text.startsWith('The director has made a dazzling')).toBe(true);
    for (const q of quotes) {
      expect(doc.text.slice(q.start, q.end)).toBe(q.text);
      // Dangling "It", unresolved "But", questions and one-word lines never make it.
      expect(q.text).not.toMatch(/^(It|But|Great|Is)\b/);
    }
    for (let i = 1; i < quotes.length; i++) expect(quotes[i - 1]!.score).toBeGreaterThanOrEqual(quotes[i]!.score);
  });

  it('takes the rotten side when the verdict is rotten', () => {
    const doc = readDoc(review);
    const quotes = selectQuotes(ctxOf(doc, fresh(doc.sentences.length, false)));
    expect(quotes.map((q) => q.text)).toEqual(['The villain is a boring cliché and the dialogue is awful in nearly every single scene here.']);
  });

  it('falls back on the sentences’ own opinion without a verdict', () => {
    const doc = readDoc('A dreary, lifeless and boring mess of a movie from start to finish. The cast tries hard. The whole thing is a tedious and clumsy disaster.');
    const quotes = selectQuotes(ctxOf(doc, none(doc.sentences.length)));
    expect(quotes.length).toBe(2);
    expect(quotes.every((q) => /dreary|tedious/.test(q.text))).toBe(true);
  });

  it('quotes the opening clause of a sentence that is too long', () => {
    const long = 'Ana de Armas shows that she can be a great action star, and where I feel the story of the first films was definitely closed after the fourth chapter, this one ends on a note that I would not be against seeing more of in the future.';
    const doc = readDoc(long);
    const quotes = selectQuotes(ctxOf(doc, fresh(doc.sentences.length, true)));
    expect(quotes[0]!.text).toBe('Ana de Armas shows that she can be a great action star');
  });
});

describe('findSpoilers', () => {
  const sentences = [
    ['In the final scene, the hero dies saving his daughter.', 'death'],
    ['It turns out the narrator was a ghost all along.', 'twist'],
    ['Bill Murray makes an uncredited appearance as himself.', 'cameo'],
    ['At the end, she escapes the island with the twins.', 'ending'],
    ['Spoiler alert: skip this paragraph.', 'reveal'],
  ] as const;

  it.each(sentences)('flags “%s” as %s', (text, reason) => {
    const spoilers = findSpoilers(ctxOf(readDoc(text)));
    expect(spoilers.map((s) => s.reason)).toEqual([reason]);
  });

  it('leaves opinions about the ending and plain praise alone', () => {
    expect(findSpoilers(ctxOf(readDoc('The ending is weak. The acting is superb. In the end, it is a fine film.')))).toEqual([]);
  });

  it('gives the sentence span', () => {
    const text = 'A fine film. He dies in the last scene.';
    const [s] = findSpoilers(ctxOf(readDoc(text)));
    expect(text.slice(s!.start, s!.end)).toBe('He dies in the last scene.');
  });
});
