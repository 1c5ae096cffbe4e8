/**
 * Checks the annotated chunks of a drawn aspect set and joins them into its train.jsonl.
 *
 *   node train/aspects-join.ts --set aspects-v3              # every chunk must be complete
 *   node train/aspects-join.ts --set aspects-v3 --partial    # the rows annotated so far (experiments only)
 *
 * Each `raw/<chunk>.jsonl` must hold the rows of `raw/<chunk>.todo.jsonl` in the same order with the same id, source,
 * text and split, each with `aspects` (known ids, polarity pos/neg/mixed, evidence an exact substring of the text,
 * one entry per aspect) and `overall`. A failed check stops the join and names the row.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ASPECT_IDS, type AspectId } from '../src/analyze/card.ts';

const { values: args } = parseArgs({ options: { set: { type: 'string', default: 'aspects-v3' }, partial: { type: 'boolean', default: false } } });
const DIR = new URL(`../test/fixtures/${args.set}/`, import.meta.url).pathname;

interface TodoRow {
  id: string;
  source: string;
  text: string;
  split: string;
}
interface Row extends TodoRow {
  aspects: { aspect: AspectId; polarity: string; evidence: string }[];
  overall: string;
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

const ASPECTS: ReadonlySet<string> = new Set(ASPECT_IDS);
const POLARITIES = new Set(['pos', 'neg', 'mixed']);

/** Problems of one annotated row against its todo row, or none. */
export function rowProblems(todo: TodoRow, row: Row): string[] {
  const out: string[] = [];
  for (const k of ['id', 'source', 'text', 'split'] as const) if (row[k] !== todo[k]) out.push(`${k} differs from the todo row`);
  if (!Array.isArray(row.aspects)) out.push('no aspects list');
  if (!POLARITIES.has(row.overall)) out.push(`overall "${String(row.overall)}"`);
  const seen = new Set<string>();
  for (const a of row.aspects ?? []) {
    if (!ASPECTS.has(a.aspect)) out.push(`unknown aspect "${a.aspect}"`);
    if (seen.has(a.aspect)) out.push(`aspect ${a.aspect} twice`);
    seen.add(a.aspect);
    if (!POLARITIES.has(a.polarity)) out.push(`polarity "${a.polarity}"`);
    if (typeof a.evidence !== 'string' || !a.evidence || !row.text.includes(a.evidence)) out.push(`evidence not in the text: "${a.evidence}"`);
  }
  return out;
}

if (import.meta.main) {
  const chunks = readdirSync(`${DIR}raw`)
    .filter((f) => f.endsWith('.todo.jsonl'))
    .map((f) => f.slice(0, -'.todo.jsonl'.length))
    .sort();
  const out: Row[] = [];
  let problems = 0;
  for (const c of chunks) {
    const todo = readJsonl<TodoRow>(`${DIR}raw/${c}.todo.jsonl`);
    const path = `${DIR}raw/${c}.jsonl`;
    const rows = existsSync(path) ? readJsonl<Row>(path) : [];
    if (rows.length !== todo.length && !args.partial) {
      console.error(`${c}: ${rows.length} of ${todo.length} rows annotated`);
      problems++;
    }
    if (rows.length > todo.length) {
      console.error(`${c}: ${rows.length} rows, more than the ${todo.length} drawn`);
      problems++;
    }
    rows.forEach((r, i) => {
      const todoRow = todo[i];
      const p = todoRow ? rowProblems(todoRow, r) : ['no todo row'];
      for (const x of p) console.error(`${c} line ${i + 1} (${r.id}): ${x}`);
      problems += p.length;
    });
    out.push(...rows);
    console.error(`${c}: ${rows.length} rows, ${rows.reduce((a, r) => a + r.aspects.length, 0)} aspect opinions, ${rows.filter((r) => r.aspects.length).length} rows with one or more`);
  }
  if (problems) {
    console.error(`${problems} problems: nothing written`);
    process.exit(1);
  }
  // The order and fields of the drawn rows, one per line, as the other sets are written.
  writeFileSync(`${DIR}train.jsonl`, out.map((r) => JSON.stringify({ id: r.id, source: r.source, text: r.text, split: r.split, aspects: r.aspects, overall: r.overall })).join('\n') + '\n');
  console.error(`wrote ${args.set}/train.jsonl: ${out.length} rows, ${out.reduce((a, r) => a + r.aspects.length, 0)} aspect opinions`);
}
