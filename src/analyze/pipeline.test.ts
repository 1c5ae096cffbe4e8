import { describe, expect, it } from 'vitest';
import { loadModel } from '../node/load-model.ts';
import { analyze } from './index.ts';
import { VerdictError } from './errors.ts';
import { planStages, STAGES } from './pipeline.ts';

const model = loadModel();
const text = 'Ana de Armas is superb as Eve. The story is thin but the action is thrilling, and the ending is a twist. 3/4';

describe('pipeline', () => {
  it('declares every stage once, each needing only parts an earlier stage adds', () => {
    const added = new Set<string>();
    for (const s of STAGES) {
      for (const need of s.needs) expect(added.has(need), `${s.name} needs ${need}`).toBe(true);
      expect(added.has(s.adds)).toBe(false);
      added.add(s.adds);
    }
  });

  it('adds what a chosen stage needs, in the declared order', () => {
    expect(planStages(['quotes']).map((s) => s.name)).toEqual(['rating', 'sentiment', 'quotes']);
    expect(planStages(['targets', 'aspects']).map((s) => s.name)).toEqual(['entities', 'aspects', 'targets']);
    expect(() => planStages(['nope' as 'rating'])).toThrow(VerdictError);
  });

  it('polarity only: the same verdict and sentence polarities as the whole card, the other parts empty', () => {
    const full = analyze(text, model);
    const polarity = analyze(text, model, { stages: ['sentiment'] });
    expect(polarity.verdict).toEqual(full.verdict);
    expect(polarity.rating).toEqual(full.rating);
    expect(polarity.sentences).toEqual(full.sentences);
    expect(full.aspects.length).toBeGreaterThan(0);
    expect(full.people.length).toBeGreaterThan(0);
    expect({ ...polarity, verdict: null, rating: null, sentences: [] }).toEqual({ ...full, verdict: null, rating: null, sentences: [], film: null, references: [], chronology: [], people: [], credits: [], aspects: [], targets: [], quotes: [], spoilers: [] });
  });

  it('the whole list gives the default card', () => {
    expect(analyze(text, model, { stages: STAGES.map((s) => s.name) })).toEqual(analyze(text, model));
  });
});
