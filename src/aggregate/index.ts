/**
 * @module The aggregator: many review cards → a film's consensus, a franchise's ranking and timeline, a
 * critic's profile. Pure: callers read the reviews (e.g. from the store) and pass their facts in.
 */
export type * from './types.ts';
export { bandOf, certifiedRuleText, consensusConfig, CONSENSUS_VERSION, DEFAULT_CERTIFIED, DEFAULT_CONFIG } from './config.ts';
export { estimateShare, filmConsensus, modelFreshProbability, reviewCall, reviewScore, type CallSource } from './consensus.ts';
export { criticProfile } from './critic.ts';
export { cardTimelineEdges, franchiseView, keyResolver, releaseOrder, rowTimelineEdges, timeline, type ReleaseEntry } from './franchise.ts';
export { emPrior } from './quantify.ts';
export { wilson } from './wilson.ts';
