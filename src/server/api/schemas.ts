/**
 * @module Request and response schemas of the API, declared once: the routes validate with them and
 * the OpenAPI document (openapi.ts) is generated from them.
 */
import { z } from 'zod';
import { ReviewCardSchema } from './card-schema.ts';

export { ReviewCardSchema };

export const AnalyzeRequestSchema = z
  .object({
    text: z.string().min(1).describe('The review: plain text, Markdown or HTML'),
    format: z.enum(['text', 'markdown', 'html']).optional().describe('Force the input format (detected when absent)'),
    title: z.string().max(300).optional().describe("The film's title, when the source gives it (also read from `film` or `movie_title`, as POST /api/v1/reviews and `verdict import` name it; with a raw text body, the `title`, `film` or `movie_title` query parameter)"),
    rating: z.string().max(100).optional().describe("The critic's rating when given apart from the text, e.g. \"3/5\""),
  })
  .describe('A review to analyse; nothing is stored');

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI reference identifying the problem type'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional().describe('Stable machine code, e.g. E_EMPTY_TEXT'),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

/** Turn zod issues into the problem document's `errors` list. */
export function issuesOf(err: z.ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}
