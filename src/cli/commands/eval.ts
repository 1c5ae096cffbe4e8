/**
 * `verdict eval <what>`: measurements against the labelled data in ../shared/data.
 * Each measurement lives in src/cli/eval/<what>.ts and registers itself here.
 */
import type { Command } from 'commander';
import { registerEvalAspects } from '../eval/aspects.ts';
import { registerEvalConsensus } from '../eval/consensus.ts';
import { registerEvalEditing } from '../eval/editing.ts';
import { registerEvalEntities } from '../eval/entities.ts';
import { registerEvalRatings } from '../eval/ratings.ts';
import { registerEvalSentiment } from '../eval/sentiment.ts';

export function registerEval(program: Command): void {
  const evalCmd = program
    .command('eval')
    .description('Measure Verdict on the labelled data sets in ../shared/data (or VERDICT_DATA)');
  // Subcommands register below, one line each.
  registerEvalRatings(evalCmd);
  registerEvalEntities(evalCmd);
  registerEvalSentiment(evalCmd);
  registerEvalAspects(evalCmd);
  registerEvalConsensus(evalCmd);
  registerEvalEditing(evalCmd);
}
