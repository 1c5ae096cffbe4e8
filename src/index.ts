/**
 * @module verdict — the library. One review → its card (`analyze`), many on worker threads (`analyzeMany`),
 * a film's consensus from cards (`consensus`). Offsets in cards are UTF-16 code units (JavaScript string
 * indices) unless `offsets: 'codepoints'` is asked for.
 */
export { analyze, analyzeMany, checkText, loadModel, type AnalyzeManyOptions, type AnalyzeManyResult, type AnalyzeOptions, type ReviewInput } from './lib/analyze.ts';
export { consensus, type ConsensusInput } from './lib/consensus.ts';
export { ANALYZER_VERSION, ASPECT_IDS, ErrorCode, VerdictError, withOffsets, type Model, type OffsetUnit } from './analyze/index.ts';
export type * from './analyze/card.ts';
export type { ErrorCodeValue } from './analyze/errors.ts';
export type { ConsensusConfig, FilmConsensus, CertifiedRule } from './aggregate/types.ts';
