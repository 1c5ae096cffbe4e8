/**
 * The analyser's stages, declared in one place. Each names the parts of the document context it needs and the
 * part it adds (spaCy-style); `analyze(text, model, { stages })` runs the chosen stages and what they need, in
 * this order. A part no stage filled stays empty on the card (null or []), as the card contract says.
 */
import { findAspects, findTargets } from './aspects/index.ts';
import type { DocContext } from './context.ts';
import { ErrorCode, VerdictError } from './errors.ts';
import { findEntities } from './entities/index.ts';
import { findSpoilers, selectQuotes } from './quotes/index.ts';
import { findRating } from './rating/index.ts';
import { scoreSentiment } from './sentiment/index.ts';

/** The parts a stage can add to the context. */
export type ContextPart = 'rating' | 'entities' | 'sentiment' | 'aspects' | 'targets' | 'quotes' | 'spoilers';

export interface Stage {
  name: StageName;
  /** Parts of the context that must be there before it runs (their stages are added to any selection). */
  needs: readonly ContextPart[];
  adds: ContextPart;
  run(ctx: DocContext): void;
}

/** The stages, in run order. */
export const STAGES = [
  { name: 'rating', needs: [], adds: 'rating', run: (ctx: DocContext) => void (ctx.rating = findRating(ctx.doc, ctx.options.rating)) },
  { name: 'entities', needs: [], adds: 'entities', run: (ctx: DocContext) => void (ctx.entities = findEntities(ctx)) },
  // The critic's own rating sharpens the verdict.
  { name: 'sentiment', needs: ['rating'], adds: 'sentiment', run: (ctx: DocContext) => void (ctx.sentiment = scoreSentiment(ctx.doc, ctx.model, ctx.rating ?? null)) },
  { name: 'aspects', needs: ['entities'], adds: 'aspects', run: (ctx: DocContext) => void (ctx.aspects = findAspects(ctx)) },
  { name: 'targets', needs: ['entities'], adds: 'targets', run: (ctx: DocContext) => void (ctx.targets = findTargets(ctx)) },
  // Quotes side with the verdict.
  { name: 'quotes', needs: ['sentiment'], adds: 'quotes', run: (ctx: DocContext) => void (ctx.quotes = selectQuotes(ctx)) },
  { name: 'spoilers', needs: [], adds: 'spoilers', run: (ctx: DocContext) => void (ctx.spoilers = findSpoilers(ctx)) },
] as const satisfies readonly { name: string; needs: readonly ContextPart[]; adds: ContextPart; run(ctx: DocContext): void }[];

export type StageName = (typeof STAGES)[number]['name'];

export const STAGE_NAMES: readonly StageName[] = STAGES.map((s) => s.name);

const byPart = new Map<ContextPart, Stage>(STAGES.map((s) => [s.adds, s as Stage]));

/** The stages to run for a selection (all when absent): the chosen ones and, transitively, what they need. */
export function planStages(selection?: readonly StageName[]): Stage[] {
  if (!selection) return STAGES as readonly Stage[] as Stage[];
  const chosen = new Set<StageName>();
  const add = (name: StageName): void => {
    if (chosen.has(name)) return;
    const stage = STAGES.find((s) => s.name === name);
    if (!stage) throw new VerdictError(ErrorCode.UNKNOWN_STAGE, `unknown stage "${String(name)}" (stages: ${STAGE_NAMES.join(', ')})`);
    chosen.add(name);
    for (const need of stage.needs) add(byPart.get(need)!.name);
  };
  for (const name of selection) add(name);
  return (STAGES as readonly Stage[]).filter((s) => chosen.has(s.name));
}

/** Run the planned stages over one context. */
export function runStages(ctx: DocContext, stages: readonly Stage[]): void {
  for (const stage of stages) stage.run(ctx);
}
