import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze/index.ts';
import { loadModel } from '../load-model.ts';
import { CARD_FIELDS, pickFields, stagesForFields } from './fields.ts';
import { analyzeJobsJson } from './jobs.ts';

const model = loadModel();
// 100 real reviews and snippets that name people (the entity development set): credits, quotes and ratings vary.
const texts = (JSON.parse(readFileSync(new URL('../../../test/fixtures/entities-v4/dev.json', import.meta.url), 'utf8')) as { text: string }[]).map((r) => r.text);

describe('--fields runs only the stages its fields need', () => {
  it('maps fields to stages', () => {
    expect(stagesForFields(undefined)).toBeUndefined();
    expect(stagesForFields(['verdict'])).toEqual(['sentiment']);
    expect(stagesForFields(['text', 'version'])).toEqual([]);
    expect(stagesForFields(['verdict', 'aspects', 'credits'])!.sort()).toEqual(['aspects', 'entities', 'sentiment']);
  });

  // The trimmed card must be the full card's fields, value for value: a stage that quietly reads another's output
  // without declaring the need would make a field differ here.
  it.each([...CARD_FIELDS.map((f) => [f]), ['verdict', 'aspects', 'credits'], ['quotes', 'rating'], ['film', 'spoilers']])('the same %s as the full card on real reviews', (...fields: string[]) => {
    for (const text of texts) {
      const full = pickFields(analyze(text, model), fields);
      const trimmed = analyze(text, model, { stages: stagesForFields(fields)! });
      expect(pickFields(trimmed, fields)).toEqual(full);
    }
  });

  it('makes the JSON lines the pool writes with those stages', () => {
    const [result] = analyzeJobsJson([{ text: texts[0]! }], model, ['verdict']);
    const card = JSON.parse((result as { json: string }).json);
    expect(Object.keys(card)).toEqual(['verdict']);
    expect(card.verdict).toEqual(analyze(texts[0]!, model).verdict);
  });
});
