/**
 * @module Aspects: per-aspect opinion at clause level, and opinion towards people and characters.
 */
import type { AspectOpinion, TargetOpinion } from '../card.ts';
import type { Entities } from '../entities/index.ts';
import type { Model } from '../model.ts';
import type { SentimentResult } from '../sentiment/index.ts';
import type { Doc } from '../text/index.ts';

/** Aspect opinions. (Stub until the aspect stage lands.) */
export function findAspects(_doc: Doc, _sentiment: SentimentResult, _model: Model): AspectOpinion[] {
  return [];
}

/** Opinions about named people and characters. (Stub.) */
export function findTargets(_doc: Doc, _entities: Entities, _sentiment: SentimentResult, _model: Model): TargetOpinion[] {
  return [];
}
