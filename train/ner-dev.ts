/**
 * The person tagger alone on the old development sets (test/fixtures/entities/*.json, never the frozen v2 sets):
 * people found by the tagger (single words linked to a full name of the same review) against the annotated
 * people, beside the rule recogniser's people on the same reviews.
 *
 * Run: node_modules/.bin/node train/ner-dev.ts [--verbose]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { tagPersons } from '../src/analyze/entities/person-tagger.ts';
import { createContext } from '../src/analyze/context.ts';
import { findEntities } from '../src/analyze/entities/index.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { loadPersonTagger } from '../src/node/load-ner.ts';
import { loadLexiconModel, MODELS_DIR } from '../src/node/load-model.ts';

type Gold = string | string[];
const norm = (s: string): string => s.toLowerCase().replace(/['’]s$/, '').replace(/^the\s+/, '').replace(/[.\s]+/g, ' ').trim();
const model = loadPersonTagger(MODELS_DIR);
if (!model) throw new Error('no models/ner.v1.*: run node_modules/.bin/node train/ner.ts');
const verbose = process.argv.includes('--verbose');

/** The tagger's people: distinct names, single words folded into a full name of the same review. */
export function taggerPeople(text: string): string[] {
  const doc = readDoc(text);
  const spans = tagPersons(model!, doc.text, doc.tokens, doc.sentences);
  const names = spans.map((s) => doc.text.slice(s.start, s.end).replace(/\s+/g, ' '));
  const multi = names.filter((n) => n.includes(' '));
  const out = new Map<string, string>();
  for (const n of names) {
    const words = n.split(' ');
    if (words.length === 1 && multi.some((m) => m.split(' ').at(-1) === n || m.split(' ')[0] === n)) continue;
    if (words.length > 1 && multi.some((m) => m !== n && m.endsWith(` ${n}`))) continue;
    out.set(norm(n), n);
  }
  return [...out.values()];
}

const score = (gold: Gold[], got: string[], misses: string[]): { tp: number; fp: number; fn: number } => {
  const used = new Set<number>();
  let tp = 0;
  for (const g of gold) {
    const f = (Array.isArray(g) ? g : [g]).map(norm);
    const k = got.findIndex((p, i) => !used.has(i) && f.includes(norm(p)));
    if (k >= 0) {
      used.add(k);
      tp++;
    } else misses.push(`missed ${JSON.stringify(g)}`);
  }
  got.forEach((p, i) => {
    if (!used.has(i)) misses.push(`extra ${p}`);
  });
  return { tp, fp: got.length - used.size, fn: gold.length - tp };
};
const line = (name: string, c: { tp: number; fp: number; fn: number }): string => {
  const p = c.tp / Math.max(1, c.tp + c.fp);
  const r = c.tp / Math.max(1, c.tp + c.fn);
  return `${name.padEnd(8)} P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${((2 * p * r) / Math.max(1e-9, p + r)).toFixed(3)} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
};
const dir = 'test/fixtures/entities';
const all = { tagger: { tp: 0, fp: 0, fn: 0 }, rules: { tp: 0, fp: 0, fn: 0 } };
for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
  const rows = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { id: string; text: string; people: Gold[] }[];
  const t = { tp: 0, fp: 0, fn: 0 };
  const r = { tp: 0, fp: 0, fn: 0 };
  for (const row of rows) {
    const mt: string[] = [];
    const mr: string[] = [];
    const a = score(row.people, taggerPeople(row.text), mt);
    const b = score(row.people, findEntities(createContext(readDoc(row.text), { ...loadLexiconModel(), ner: null })).people.map((p) => p.name), mr);
    for (const [x, y] of [[t, a], [r, b], [all.tagger, a], [all.rules, b]] as const) {
      x.tp += y.tp;
      x.fp += y.fp;
      x.fn += y.fn;
    }
    if (verbose && mt.length) console.log(`  ${f} ${row.id} tagger: ${mt.join('; ')}`);
  }
  console.log(`${f} (${rows.length})`);
  console.log(`  ${line('tagger', t)}`);
  console.log(`  ${line('rules', r)}`);
}
console.log('all');
console.log(`  ${line('tagger', all.tagger)}`);
console.log(`  ${line('rules', all.rules)}`);
