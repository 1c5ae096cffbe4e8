/**
 * The analyser's stages, declared in one place. Each names the parts of the document context it needs and the
 * part it adds (spaCy-style); `analyze(text, model, { stages })` runs the chosen stages and what they need, in
 * this order. A part no stage filled stays empty on the card (null or []), as the card contract says.
 */
import { findAspects, findTargets } from './aspects/index.ts';
import type { DocContext } from './context.ts';
import { ErrorCode, VerdictError } from './errors.ts';
import { readEntities } from './entities/index.ts';
import { findSpoilers, selectQuotes } from './quotes/index.ts';
import { findRating } from './rating/index.ts';
import { scoreSentiment } from './sentiment/index.ts';

/** The parts a stage can add to the context. */
export type ContextPart = 'rating' | 'entities' | 'sentiment' | 'aspects' | 'targets' | 'quotes' | 'spoilers';

/** Each stage is named after the part it adds. */
export type StageName = ContextPart;

export interface Stage {
  readonly name: StageName;
  /** Parts of the context that must be there before it runs (their stages join any selection). */
  readonly needs: readonly ContextPart[];
  readonly adds: ContextPart;
  run(ctx: DocContext): void;
}

/** The stages, in run order. */
export const STAGES: readonly Stage[] = [
  {
    name: 'rating',
    needs: [],
    adds: 'rating',
    run(ctx) {
      ctx.rating = findRating(ctx.doc, ctx.options.rating);
    },
  },
  {
    name: 'entities',
    needs: [],
    adds: 'entities',
    run(ctx) {
      // With the film index in the model, the film gets its index id, year, directors and series, or `unlinked`.
      ctx.entities = readEntities(ctx);
    },
  },
  {
    name: 'sentiment',
    // The critic's own rating sharpens the verdict.
    needs: ['rating'],
    adds: 'sentiment',
    run(ctx) {
      ctx.sentiment = scoreSentiment(ctx.doc, ctx.model, ctx.rating ?? null);
    },
  },
  {
    name: 'aspects',
    needs: ['entities'],
    adds: 'aspects',
    run(ctx) {
      ctx.aspects = findAspects(ctx);
    },
  },
  {
    name: 'targets',
    needs: ['entities'],
    adds: 'targets',
    run(ctx) {
      ctx.targets = findTargets(ctx);
    },
  },
  {
    name: 'quotes',
    // Quotes side with the verdict.
    needs: ['sentiment'],
    adds: 'quotes',
    run(ctx) {
      ctx.quotes = selectQuotes(ctx);
    },
  },
  {
    name: 'spoilers',
    needs: [],
    adds: 'spoilers',
    run(ctx) {
      ctx.spoilers = findSpoilers(ctx);
    },
  },
];

export const STAGE_NAMES: readonly StageName[] = STAGES.map((s) => s.name);

const byPart = new Map<ContextPart, Stage>(STAGES.map((s) => [s.adds, s]));

/** The stages to run for a selection (all when absent): the chosen ones and, transitively, what they need. */
export function planStages(selection?: readonly StageName[]): readonly Stage[] {
  if (!selection) return STAGES;
  const chosen = new Set<StageName>();
  const add = (name: StageName): void => {
    if (chosen.has(name)) return;
    const stage = byPart.get(name);
    if (!stage) throw new VerdictError(ErrorCode.UNKNOWN_STAGE, `unknown stage "${String(name)}" (stages: ${STAGE_NAMES.join(', ')})`);
    chosen.add(name);
    for (const need of stage.needs) add(need);
  };
  for (const name of selection) add(name);
  return STAGES.filter((s) => chosen.has(s.name));
}

/** Run the planned stages over one context. */
export function runStages(ctx: DocContext, stages: readonly Stage[]): void {
  for (const stage of stages) stage.run(ctx);
}
