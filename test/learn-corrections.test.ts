// Learning from editors (issue 12): a review an editor corrects is exported as a training row, folded into the
// trainer's examples the way `npm run train -- --corrections FILE` folds them, and moves the model on its phrase.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN, exampleOf, marginOf, trainNbLr } from '../src/learn/sentiment.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { correctionTrainingRows, correctReview } from '../src/app/corrections.ts';
import { openStore } from '../src/store/open.ts';
import { testCard } from '../src/store/store.case.test.ts';
import { loadCorrections } from '../train/corrections.ts';

const dir = mkdtempSync(join(tmpdir(), 'verdict-learn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('learning from editors', () => {
  it('a corrected phrase moves the model', async () => {
    const store = await openStore(join(dir, 'l.db'));
    // The model read "a real scream" as praise; an editor marks the review rotten.
    const phrase = 'The sequel is a real scream from start to finish.';
    const put = await store.putReviews([{ film: { title: 'Learning Film' }, critic: 'Ann', text: phrase, card: testCard(phrase, 'test-1', { fresh: true, score: 80 }) }]);
    await correctReview(store, put.inserted[0]!, { field: 'fresh', value: false }, { user: 'ed', reason: 'sarcastic' });
    const rows = [];
    for await (const r of correctionTrainingRows(store)) rows.push(r);
    await store.close();
    expect(rows).toEqual([expect.objectContaining({ text: phrase, fresh: 'rotten', y: 0, modelFresh: 'fresh', source: 'editor' })]);
    const file = join(dir, 'corrections.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

    // A small corpus in which "a real scream" only ever came with praise.
    const opts = { ...DEFAULT_TRAIN, buckets: 1 << 16, epochs: 6 };
    const base: { text: string; y: number }[] = [];
    for (let i = 0; i < 40; i++) {
      base.push({ text: `Film ${i} is a real scream, a delight and a joy.`, y: 1 });
      base.push({ text: `Film ${i} is dull, tired and a chore to sit through.`, y: 0 });
      base.push({ text: `Film ${i} is wonderful and moving.`, y: 1 });
      base.push({ text: `Film ${i} is a mess and a bore.`, y: 0 });
    }
    const ex = (rows2: { text: string; y: number }[]) => rows2.map((r) => exampleOf(readDoc(r.text), r.y, opts.buckets));
    const probe = exampleOf(readDoc(phrase), 0, opts.buckets);
    const before = trainNbLr(ex(base), opts);
    const folded = loadCorrections(file);
    expect(folded.length).toBe(10);
    const after = trainNbLr([...ex(base), ...ex(folded)], opts);
    const m0 = marginOf(before.weights, before.bias, probe);
    const m1 = marginOf(after.weights, after.bias, probe);
    expect(m0).toBeGreaterThan(0);
    expect(m1).toBeLessThan(m0 - 1);
    expect(m1).toBeLessThan(0);
    // The rest of the model keeps its sense.
    const praise = exampleOf(readDoc('Film 99 is wonderful and moving.'), 1, opts.buckets);
    expect(marginOf(after.weights, after.bias, praise)).toBeGreaterThan(0);
  });
});
