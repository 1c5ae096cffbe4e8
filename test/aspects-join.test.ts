import { describe, expect, it } from 'vitest';
import { rowProblems } from '../train/aspects-join.ts';

const todo = { id: 'rt-1', source: 'rt_flatiron', text: 'Gere is hypnotic, but the script is a mess.', split: 'train' };

describe('aspects-join rowProblems', () => {
  it('accepts a row that keeps its drawn fields and quotes its evidence exactly', () => {
    const row = { ...todo, aspects: [{ aspect: 'acting' as const, polarity: 'pos', evidence: 'Gere is hypnotic' }, { aspect: 'story' as const, polarity: 'neg', evidence: 'the script is a mess' }], overall: 'mixed' };
    expect(rowProblems(todo, row)).toEqual([]);
  });

  it('names a changed text, evidence not in the text, an unknown aspect, a repeated one and a bad polarity', () => {
    const row = { ...todo, text: 'Gere is hypnotic.', aspects: [{ aspect: 'acting' as const, polarity: 'pos', evidence: 'Gere is great' }, { aspect: 'acting' as const, polarity: 'good', evidence: 'Gere' }, { aspect: 'plot' as never, polarity: 'neg', evidence: 'Gere' }], overall: 'pos' };
    const p = rowProblems(todo, row).join('\n');
    expect(p).toMatch(/text differs/);
    expect(p).toMatch(/evidence not in the text/);
    expect(p).toMatch(/acting twice/);
    expect(p).toMatch(/polarity "good"/);
    expect(p).toMatch(/unknown aspect "plot"/);
  });
});
