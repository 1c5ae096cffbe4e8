/**
 * `verdict eval entities`: precision and recall of people, cast pairs and directors, and the reviewed film's
 * title, against the hand-annotated set in test/fixtures/entities/annotated.json; the entity stage as the card runs it
 * (with the film index unless --no-index).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createContext } from '../../analyze/context.ts';
import { readEntities, titleKey } from '../../analyze/entities/index.ts';
import type { Model } from '../../analyze/model.ts';
import { readDoc } from '../../analyze/text/index.ts';
import { loadFilmIndex } from '../../node/load-films.ts';
import { loadLexiconModel, MODELS_DIR } from '../../node/load-model.ts';

/** A name, or several acceptable spellings of one name. */
export type Gold = string | string[];

export interface AnnotatedReview {
  source: string;
  id: string;
  text: string;
  film: string | null;
  people: Gold[];
  cast: { person: Gold; character: string }[];
  directors: Gold[];
  /** The film's index entry when the annotator knew it (later sets), null when none. */
  filmIndexHref?: string | null;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface EntityScores {
  people: Counts;
  cast: Counts;
  directors: Counts;
  /** `unfounded`: reviews with no film to name (no title written, no index film known) that the card gave one. */
  titles: { named: number; correct: number; none: number; unfounded: number };
  misses: string[];
}

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/^the\s+/, '')
    .replace(/[.\s]+/g, ' ')
    .trim();
const forms = (g: Gold): string[] => (Array.isArray(g) ? g : [g]).map(norm);
const characterMatch = (gold: string, got: string): boolean => {
  const a = norm(gold);
  const b = norm(got);
  return a === b || a.split(' ').pop() === b.split(' ').pop();
};

/** Match predictions to gold items one to one; count true positives, false positives and misses. */
function matchSets<P>(gold: Gold[], got: P[], same: (g: Gold, p: P) => boolean, label: (x: Gold | P) => string, misses: string[], tag: string): Counts {
  const used = new Set<number>();
  let tp = 0;
  for (const g of gold) {
    const k = got.findIndex((p, i) => !used.has(i) && same(g, p));
    if (k >= 0) {
      used.add(k);
      tp++;
    } else misses.push(`${tag} missed: ${label(g)}`);
  }
  got.forEach((p, i) => {
    if (!used.has(i)) misses.push(`${tag} extra: ${label(p)}`);
  });
  return { tp, fp: got.length - used.size, fn: gold.length - tp };
}

export function scoreEntities(reviews: AnnotatedReview[], model: Model = loadLexiconModel()): EntityScores {
  const total: EntityScores = { people: { tp: 0, fp: 0, fn: 0 }, cast: { tp: 0, fp: 0, fn: 0 }, directors: { tp: 0, fp: 0, fn: 0 }, titles: { named: 0, correct: 0, none: 0, unfounded: 0 }, misses: [] };
  const addTo = (a: Counts, b: Counts): void => {
    a.tp += b.tp;
    a.fp += b.fp;
    a.fn += b.fn;
  };
  for (const r of reviews) {
    const e = readEntities(createContext(readDoc(r.text), model));
    const misses: string[] = [];
    addTo(total.people, matchSets(r.people, e.people.map((p) => p.name), (g, p) => forms(g).includes(norm(p)), (x) => JSON.stringify(x), misses, 'person'));
    const cast = e.credits.filter((c) => c.role === 'cast' && c.character);
    addTo(
      total.cast,
      matchSets(
        r.cast.map((c) => [...forms(c.person).map((f) => `${f}|${c.character}`)]),
        cast,
        (g, p) => (g as string[]).some((f) => f.split('|')[0] === norm(p.person) && characterMatch(f.split('|')[1]!, p.character!)),
        (x) => (typeof x === 'object' && !Array.isArray(x) ? `${x.person} as ${x.character}` : JSON.stringify(x)),
        misses,
        'cast',
      ),
    );
    const directors = [...new Set(e.credits.filter((c) => c.role === 'director').map((c) => c.person))];
    addTo(total.directors, matchSets(r.directors, directors, (g, p) => forms(g).includes(norm(p)), (x) => JSON.stringify(x), misses, 'director'));
    if (r.film) {
      total.titles.named++;
      if (e.film && e.film.key === titleKey(r.film)) total.titles.correct++;
      else misses.push(`film: want ${JSON.stringify(r.film)}, got ${JSON.stringify(e.film?.title ?? null)}`);
    } else if (!r.filmIndexHref) {
      total.titles.none++;
      if (e.film) {
        total.titles.unfounded++;
        misses.push(`film: want none, got ${JSON.stringify(e.film.title)}`);
      }
    }
    if (misses.length) total.misses.push(`${r.source} ${r.id}: ${misses.join('; ')}`);
  }
  return total;
}

const pr = (c: Counts): { p: number; r: number } => ({ p: c.tp / Math.max(1, c.tp + c.fp), r: c.tp / Math.max(1, c.tp + c.fn) });

export function registerEvalEntities(evalCmd: Command): void {
  evalCmd
    .command('entities')
    .description('Precision and recall of people, cast pairs and directors on the hand-annotated review set')
    .option('--fixture <file>', 'annotated reviews (JSON array)', fileURLToPath(new URL('../../../test/fixtures/entities/annotated.json', import.meta.url)))
    .option('--verbose', 'list every miss and extra')
    .option('--no-tagger', 'rules alone, without the learned person tagger (models/ner.v1.*)')
    .option('--no-index', 'the text alone, without the film index (models/films/)')
    .action((flags: { fixture: string; verbose?: boolean; tagger: boolean; index: boolean }) => {
      const reviews = JSON.parse(readFileSync(flags.fixture, 'utf8')) as AnnotatedReview[];
      const model = loadLexiconModel();
      // The card's entity stage: the text's reading joined to the film index, as `analyze` runs it.
      const films = flags.index ? loadFilmIndex(MODELS_DIR) : null;
      const s = scoreEntities(reviews, { ...model, ner: flags.tagger ? model.ner : null, films });
      const line = (name: string, c: Counts, tp: number, tr: number): string => {
        const { p, r } = pr(c);
        const ok = p >= tp && r >= tr;
        return `${name.padEnd(10)} P ${p.toFixed(3)}  R ${r.toFixed(3)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})  target P ≥ ${tp}, R ≥ ${tr}: ${ok ? 'met' : 'missed'}`;
      };
      console.log(`${reviews.length} annotated reviews (${flags.fixture})`);
      // The targets of the entity issue (people, cast pairs and directors as the card reports them).
      console.log(line('people', s.people, 0.92, 0.9));
      console.log(line('cast pairs', s.cast, 0.9, 0.85));
      console.log(line('directors', s.directors, 0.95, 0.9));
      const t = s.titles.correct / Math.max(1, s.titles.named);
      console.log(`${'film title'.padEnd(10)} ${s.titles.correct}/${s.titles.named} correct (${(100 * t).toFixed(1)}%)  target ≥ 90%: ${t >= 0.9 ? 'met' : 'missed'}`);
      // The other side of the title: a film named where the review names none (a heading, a place, a person read as one).
      console.log(`${''.padEnd(10)} ${s.titles.unfounded}/${s.titles.none} reviews with no film to name given one anyway`);
      if (flags.verbose) for (const m of s.misses) console.log(`  ${m}`);
    });
}
