/**
 * `verdict eval aspects`: per-aspect detection precision, recall, F1 and polarity accuracy (matched aspects,
 * `mixed` excluded) on the frozen test test/fixtures/aspects-v2/test.jsonl (450 rows, frozen 2026-12-01 before
 * anything was tuned on it; see its README), then the cross-validated figures on the training rows that the
 * trainer stored with the model, labelled as such. `--fixture` reads any annotated file of either format.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ASPECT_IDS, type AspectId, type Model } from '../../analyze/index.ts';
import { createContext } from '../../analyze/context.ts';
import { planStages, runStages } from '../../analyze/pipeline.ts';
import { readDoc } from '../../analyze/text/index.ts';
import { type AspectCounts, scores, zeroCounts } from '../../learn/aspects.ts';
import { loadLexiconModel, loadModel, MODELS_DIR } from '../../node/load-model.ts';

/** The first annotated set (training data since the frozen test was made). */
export const ASPECT_FIXTURE = fileURLToPath(new URL('../../../test/fixtures/aspects/sentences.jsonl', import.meta.url));
/** The frozen test: every aspect figure quoted comes from it. */
export const ASPECT_TEST = fileURLToPath(new URL('../../../test/fixtures/aspects-v2/test.jsonl', import.meta.url));
export const ASPECT_TEST_SHA256 = 'b304095156a78c8de3d7b0eeb7f28d02b068814ce6a2d7eedf7a6525295b938d';

export type GoldSign = '+' | '-' | 'mixed';

export interface AnnotatedSentence {
  id: string;
  text: string;
  aspects: Partial<Record<AspectId, GoldSign>>;
}

export interface AspectEval {
  perAspect: Record<AspectId, AspectCounts>;
  overall: AspectCounts;
  errors: { id: string; text: string; gold: string; found: string }[];
}

/** Annotated rows of either format: `{aspects: {id: '+'|'-'}}` (first set) or `{aspects: [{aspect, polarity}]}` (v2). */
export function loadAnnotated(path = ASPECT_FIXTURE): AnnotatedSentence[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as { id: string; text: string; aspects: Partial<Record<AspectId, '+' | '-'>> | { aspect: AspectId; polarity: 'pos' | 'neg' | 'mixed' }[] };
      if (!Array.isArray(r.aspects)) return { id: r.id, text: r.text, aspects: r.aspects };
      const aspects: Partial<Record<AspectId, GoldSign>> = {};
      for (const a of r.aspects) aspects[a.aspect] = a.polarity === 'pos' ? '+' : a.polarity === 'neg' ? '-' : 'mixed';
      return { id: r.id, text: r.text, aspects };
    });
}

const fmt = (m: Partial<Record<AspectId, string>>): string =>
  Object.entries(m)
    .map(([a, p]) => `${a}${p === 'mixed' ? '±' : p}`)
    .join(' ') || '—';

/** Run the aspect stage (as the card runs it) on each annotated text and count agreements. */
export function evalAspects(rows: readonly AnnotatedSentence[], model: Model): AspectEval {
  const perAspect = Object.fromEntries(ASPECT_IDS.map((a) => [a, zeroCounts()])) as Record<AspectId, AspectCounts>;
  const overall = zeroCounts();
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
      for (const c of [perAspect[a], overall]) {
        if (g && f) {
          c.tp++;
          if (g !== 'mixed') {
            c.polarityMatched++;
            if (g === f) c.polarityRight++;
          }
        } else if (f) c.fp++;
        else if (g) c.fn++;
      }
      if ((g && !f) || (f && !g) || (g && f && g !== 'mixed' && g !== f)) wrong = true;
    }
    if (wrong) errors.push({ id: row.id, text: row.text, gold: fmt(row.aspects), found: fmt(found) });
  }
  return { perAspect, overall, errors };
}

/** The per-aspect table and the overall line, with the targets of DESIGN.md. */
export function formatAspectEval(r: Pick<AspectEval, 'perAspect' | 'overall'>, title: string): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(7);
  const lines = [title, `  ${'aspect'.padEnd(11)} ${'gold'.padStart(5)} ${'found'.padStart(5)}  precision  recall      F1  polarity (n)`];
  const line = (name: string, c: AspectCounts): string => {
    const s = scores(c);
    return `  ${name.padEnd(11)} ${String(c.tp + c.fn).padStart(5)} ${String(c.tp + c.fp).padStart(5)}  ${pct(s.precision)}   ${pct(s.recall)} ${pct(s.f1)}   ${pct(s.polarity)} (${c.polarityMatched})`;
  };
  for (const a of ASPECT_IDS) lines.push(line(a, r.perAspect[a]));
  lines.push(line('overall', r.overall));
  const o = scores(r.overall);
  lines.push(`  targets: detection F1 ≥ 80% → ${o.f1 >= 0.8 ? 'met' : 'missed'}; polarity accuracy ≥ 88% → ${o.polarity >= 0.88 ? 'met' : 'missed'}`);
  return lines.join('\n');
}

/** The cross-validated training-set figures the trainer stored in models/aspects.v1.json, if any. */
export function storedCrossValidation(dir = MODELS_DIR): { protocol: string; perAspect: Record<AspectId, AspectCounts>; overall: AspectCounts } | null {
  const path = `${dir}/aspects.v1.json`;
  if (!existsSync(path)) return null;
  const h = JSON.parse(readFileSync(path, 'utf8')) as { cv?: { protocol: string; perAspect: Record<AspectId, AspectCounts>; overall: AspectCounts } };
  return h.cv ?? null;
}

export function registerEvalAspects(evalCmd: Command): void {
  evalCmd
    .command('aspects')
    .description('Per-aspect precision, recall, F1 and polarity accuracy on the frozen aspect test, and the cross-validated training figures')
    .option('--fixture <file>', 'another annotated JSONL file (default: the frozen test, test/fixtures/aspects-v2/test.jsonl)')
    .option('--no-model', 'without trained models (the rule cascade with its lexicon only)')
    .option('--errors', 'list the texts where the stage and the annotation disagree')
    .action((opts: { fixture?: string; model: boolean; errors?: boolean }) => {
      const model = opts.model ? loadModel() : loadLexiconModel();
      const modelName = !opts.model ? 'rule cascade, lexicon only' : (model.aspects ? 'learned clause model' : 'rule cascade') + `, model ${model.version}`;
      const path = opts.fixture ?? ASPECT_TEST;
      const rows = loadAnnotated(path);
      const r = evalAspects(rows, model);
      const name = opts.fixture ? opts.fixture : `FROZEN TEST test/fixtures/aspects-v2/test.jsonl (${rows.length} rows, frozen 2026-12-01, sha256 ${ASPECT_TEST_SHA256.slice(0, 8)}…)`;
      console.log(formatAspectEval(r, `aspects on ${name} — ${modelName}`));
      if (opts.errors) for (const e of r.errors) console.log(`\n  ${e.id}\n    gold ${e.gold} | found ${e.found}\n    ${e.text}`);
      const cv = opts.model && model.aspects ? storedCrossValidation() : null;
      if (cv) console.log(`\n${formatAspectEval(cv, `TRAINING SET, cross-validated (not the test): ${cv.protocol}`)}`);
    });
}
