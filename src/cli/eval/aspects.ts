/**
 * `verdict eval aspects`: per-aspect detection precision, recall, F1 and polarity accuracy against the
 * hand-annotated sentences in test/fixtures/aspects/sentences.jsonl (see its README for how they were drawn).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ASPECT_IDS, type AspectId, type Model } from '../../analyze/index.ts';
import { createContext } from '../../analyze/context.ts';
import { planStages, runStages } from '../../analyze/pipeline.ts';
import { readDoc } from '../../analyze/text/index.ts';
import { loadLexiconModel, loadModel } from '../../node/load-model.ts';

export const ASPECT_FIXTURE = fileURLToPath(new URL('../../../test/fixtures/aspects/sentences.jsonl', import.meta.url));
/** The annotated sets: the first (the stage was developed against it) and three later draws kept for measuring. */
export const ASPECT_SETS: { name: string; path: string }[] = [
  { name: 'development set (sentences.jsonl)', path: ASPECT_FIXTURE },
  { name: 'second set (heldout.jsonl)', path: fileURLToPath(new URL('../../../test/fixtures/aspects/heldout.jsonl', import.meta.url)) },
  { name: 'third set (heldout2.jsonl)', path: fileURLToPath(new URL('../../../test/fixtures/aspects/heldout2.jsonl', import.meta.url)) },
  { name: 'fourth set (heldout3.jsonl)', path: fileURLToPath(new URL('../../../test/fixtures/aspects/heldout3.jsonl', import.meta.url)) },
];

export interface AnnotatedSentence {
  id: string;
  text: string;
  aspects: Partial<Record<AspectId, '+' | '-'>>;
}

export interface AspectCounts {
  tp: number;
  fp: number;
  fn: number;
  /** True positives whose polarity sign agrees with the annotation. */
  polarityRight: number;
}

export interface AspectEval {
  perAspect: Record<AspectId, AspectCounts>;
  overall: AspectCounts;
  errors: { id: string; text: string; gold: string; found: string }[];
}

export function loadAnnotated(path = ASPECT_FIXTURE): AnnotatedSentence[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AnnotatedSentence);
}

const fmt = (m: Partial<Record<AspectId, string>>): string =>
  Object.entries(m)
    .map(([a, p]) => `${a}${p}`)
    .join(' ') || '—';

/** Run the aspect stage on each annotated sentence and count agreements. */
export function evalAspects(rows: readonly AnnotatedSentence[], model: Model): AspectEval {
  const zero = (): AspectCounts => ({ tp: 0, fp: 0, fn: 0, polarityRight: 0 });
  const perAspect = Object.fromEntries(ASPECT_IDS.map((a) => [a, zero()])) as Record<AspectId, AspectCounts>;
  const overall = zero();
  const errors: AspectEval['errors'] = [];
  // The aspect stage and what it needs (entities), through the declared pipeline.
  const stages = planStages(['aspects']);
  for (const row of rows) {
    const doc = readDoc(row.text, { format: 'text' });
    const found: Partial<Record<AspectId, '+' | '-'>> = {};
    const ctx = createContext(doc, model);
    runStages(ctx, stages);
    for (const a of ctx.aspects ?? []) found[a.aspect] = a.polarity >= 0 ? '+' : '-';
    let wrong = false;
    for (const a of ASPECT_IDS) {
      const g = row.aspects[a];
      const f = found[a];
      const c = perAspect[a];
      if (g && f) {
        c.tp++;
        overall.tp++;
        if (g === f) {
          c.polarityRight++;
          overall.polarityRight++;
        } else wrong = true;
      } else if (f) {
        c.fp++;
        overall.fp++;
        wrong = true;
      } else if (g) {
        c.fn++;
        overall.fn++;
        wrong = true;
      }
    }
    if (wrong) errors.push({ id: row.id, text: row.text, gold: fmt(row.aspects), found: fmt(found) });
  }
  return { perAspect, overall, errors };
}

export function scores(c: AspectCounts): { precision: number; recall: number; f1: number; polarity: number } {
  const precision = c.tp / Math.max(1, c.tp + c.fp);
  const recall = c.tp / Math.max(1, c.tp + c.fn);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, polarity: c.polarityRight / Math.max(1, c.tp) };
}

export function formatAspectEval(r: AspectEval, rows: number, modelName: string): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(7);
  const lines = [`aspects on ${rows} hand-annotated sentences (${modelName})`, `  ${'aspect'.padEnd(11)} ${'gold'.padStart(5)} ${'found'.padStart(5)}  precision  recall      F1  polarity`];
  const line = (name: string, c: AspectCounts): string => {
    const s = scores(c);
    return `  ${name.padEnd(11)} ${String(c.tp + c.fn).padStart(5)} ${String(c.tp + c.fp).padStart(5)}  ${pct(s.precision)}   ${pct(s.recall)} ${pct(s.f1)}   ${pct(s.polarity)}`;
  };
  for (const a of ASPECT_IDS) lines.push(line(a, r.perAspect[a]));
  lines.push(line('overall', r.overall));
  const o = scores(r.overall);
  lines.push(`  targets: detection F1 ≥ 80% → ${o.f1 >= 0.8 ? 'met' : 'missed'}; polarity accuracy ≥ 85% → ${o.polarity >= 0.85 ? 'met' : 'missed'}`);
  return lines.join('\n');
}

export function registerEvalAspects(evalCmd: Command): void {
  evalCmd
    .command('aspects')
    .description('Per-aspect precision, recall, F1 and polarity accuracy on the hand-annotated sentences')
    .option('--fixture <file>', 'one annotated JSONL file (default: the four sets in test/fixtures/aspects/)')
    .option('--no-model', 'lexicon only, without the trained sentiment model')
    .option('--errors', 'list the sentences where the stage and the annotation disagree')
    .action((opts: { fixture?: string; model: boolean; errors?: boolean }) => {
      const model = opts.model ? loadModel() : loadLexiconModel();
      const modelName = opts.model ? `model ${model.version}` : 'lexicon only';
      const sets = opts.fixture ? [{ name: opts.fixture, path: opts.fixture }] : ASPECT_SETS;
      const all: AnnotatedSentence[] = [];
      for (const set of sets) {
        const rows = loadAnnotated(set.path);
        all.push(...rows);
        const r = evalAspects(rows, model);
        console.log(`\n${set.name}`);
        console.log(formatAspectEval(r, rows.length, modelName));
        if (opts.errors) for (const e of r.errors) console.log(`\n  ${e.id}\n    gold ${e.gold} | found ${e.found}\n    ${e.text}`);
      }
      if (sets.length > 1) {
        console.log('\nall sets together');
        console.log(formatAspectEval(evalAspects(all, model), all.length, modelName));
      }
    });
}
