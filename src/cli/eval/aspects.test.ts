import { describe, expect, it } from 'vitest';
import { ASPECT_IDS } from '../../analyze/index.ts';
import { loadLexiconModel } from '../../node/load-model.ts';
import { scores } from '../../learn/aspects.ts';
import { evalAspects, formatAspectEval, loadAnnotated } from './aspects.ts';

const rows = loadAnnotated();

describe('aspect fixture', () => {
  it('holds at least 200 annotated sentences from rt_flatiron, IMDB test and MR only', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.id).toMatch(/^(rt-\d+|imdb-test\/(pos|neg)\/\d+_\d+#\d+|mr-(pos|neg)-\d+)$/);
      for (const [a, p] of Object.entries(r.aspects)) {
        expect(ASPECT_IDS).toContain(a);
        expect(['+', '-']).toContain(p);
      }
    }
    // Sentences with no aspect are part of the set, as are ones with several.
    expect(rows.filter((r) => Object.keys(r.aspects).length === 0).length).toBeGreaterThan(50);
    expect(rows.filter((r) => Object.keys(r.aspects).length > 1).length).toBeGreaterThan(10);
  });
});

describe('evalAspects', () => {
  it('counts true and false positives per aspect', () => {
    const r = evalAspects(
      [
        { id: 'a', text: 'The story is weak but the action is great.', aspects: { story: '-', action: '+' } },
        { id: 'b', text: 'Often hilarious.', aspects: {} },
        { id: 'c', text: 'A plain sentence.', aspects: { acting: '+' } },
      ],
      loadLexiconModel(),
    );
    expect(r.perAspect.story).toEqual({ tp: 1, fp: 0, fn: 0, polarityMatched: 1, polarityRight: 1 });
    expect(r.perAspect.humor.fp).toBe(1);
    expect(r.perAspect.acting.fn).toBe(1);
    expect(r.overall).toEqual({ tp: 2, fp: 1, fn: 1, polarityMatched: 2, polarityRight: 2 });
    expect(scores(r.overall).f1).toBeCloseTo(2 / 3, 5);
    expect(r.errors.map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('keeps the lexicon-only stage above its floor on the annotated set', () => {
    const r = evalAspects(rows, loadLexiconModel());
    const o = scores(r.overall);
    expect(o.precision).toBeGreaterThan(0.75);
    expect(o.f1).toBeGreaterThan(0.65);
    expect(o.polarity).toBeGreaterThan(0.85);
    expect(formatAspectEval(r, 'lexicon only')).toContain('overall');
  });
});
