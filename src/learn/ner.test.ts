import { describe, expect, it } from 'vitest';
import { GAZETTEER_SETS, tagTokens, TAG_B, TAG_I, TAG_O, type Gazetteers } from '../analyze/entities/person-tagger.ts';
import { f1, fromConll, modelOf, personSpans, scoreConll, trainTagger } from './ner.ts';

const gaz = { bits: 10 } as Gazetteers;
for (const k of GAZETTEER_SETS) gaz[k] = new Uint32Array(1 << 5);

const sentences: [string[], string[]][] = [
  [['I', 'met', 'John', 'Smith', 'today', '.'], ['O', 'O', 'B-PER', 'I-PER', 'O', 'O']],
  [['Mary', 'Jones', 'was', 'there', '.'], ['B-PER', 'I-PER', 'O', 'O', 'O']],
  [['We', 'saw', 'Paris', 'in', 'May', '.'], ['O', 'O', 'B-LOC', 'O', 'O', 'O']],
  [['Smith', "'s", 'film', 'is', 'long', '.'], ['B-PER', 'O', 'O', 'O', 'O', 'O']],
  [['They', 'met', 'Anna', 'Brown', '.'], ['O', 'O', 'B-PER', 'I-PER', 'O']],
];
const PER = (t: string): boolean => t === 'PER';

describe('person tagger training', () => {
  it('reads IO and BIO spans', () => {
    expect(personSpans(['I-PER', 'I-PER', 'O', 'I-PER'], PER)).toEqual([[0, 2], [3, 4]]);
    expect(personSpans(['B-PER', 'B-PER', 'I-PER'], PER)).toEqual([[0, 1], [1, 3]]);
    expect(personSpans(['B-LOC', 'O'], PER)).toEqual([]);
  });

  it("re-tokenises a CoNLL sentence with Verdict's tokenizer, possessives attached", () => {
    const ex = fromConll(['Smith', "'s", 'film'], ['B-PER', 'O', 'O'], PER);
    expect(ex.text).toBe("Smith's film");
    expect(ex.tokens.count).toBe(2);
    expect([...ex.allow]).toEqual([1 << TAG_B, 1 << TAG_O]);
  });

  it('learns the training sentences and is the same every run (seeded)', () => {
    const examples = sentences.map(([t, g]) => fromConll(t, g, PER));
    const a = trainTagger(examples, { bits: 12, epochs: 10, seed: 1, gaz });
    const b = trainTagger(examples, { bits: 12, epochs: 10, seed: 1, gaz });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    const model = modelOf(a, 12, gaz);
    const c = scoreConll((ex) => tagTokens(model, ex.text, ex.tokens, ex.sentences).tags, examples);
    expect(f1(c).f).toBe(1);
    const tags = tagTokens(model, examples[0]!.text, examples[0]!.tokens, examples[0]!.sentences).tags;
    expect([...tags]).toEqual([TAG_O, TAG_O, TAG_B, TAG_I, TAG_O, TAG_O]);
  });
});
