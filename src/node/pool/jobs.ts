/**
 * What the analysis pool's workers are asked and answer: one review's text and metadata → its card, or why not.
 */
import { analyze, type AnalyzeOptions, type Model, type ReviewCard } from '../../analyze/index.ts';

export interface AnalyzeJob {
  text: string;
  title?: string | undefined;
  rating?: string | undefined;
  format?: 'text' | 'markdown' | 'html' | undefined;
}

export type AnalyzeResult = { card: ReviewCard } | { error: { code: string; message: string } };

export interface PoolRequest {
  id: number;
  jobs: AnalyzeJob[];
}

export interface PoolResponse {
  id: number;
  results: AnalyzeResult[];
}

/** Analyse a batch; an analyser error (bad input) becomes that review's result, never the batch's. */
export function analyzeJobs(jobs: readonly AnalyzeJob[], model: Model): AnalyzeResult[] {
  return jobs.map((job) => {
    const options: AnalyzeOptions = {};
    if (job.title) options.title = job.title;
    if (job.rating) options.rating = job.rating;
    if (job.format) options.format = job.format;
    try {
      const card = analyze(job.text, model, options);
      // Markup with no visible text ("<script>…</script>", "<p></p>") is as empty as whitespace.
      if (card.text.trim() === '') return { error: { code: 'E_EMPTY_TEXT', message: `the review has no visible text once its ${card.format} markup is removed` } };
      return { card };
    } catch (e) {
      const err = e as { code?: unknown; message?: unknown };
      return { error: { code: typeof err.code === 'string' ? err.code : 'E_ANALYZE', message: String(err.message ?? e) } };
    }
  });
}
