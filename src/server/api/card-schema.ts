/**
 * @module The review card as a zod schema (mirrors src/analyze/card.ts), for the OpenAPI document.
 * A test checks that a real card parses against it, so the two cannot drift apart unnoticed.
 */
import { z } from 'zod';
import { ASPECT_IDS } from '../../analyze/card.ts';

const int = () => z.number().int().min(0);
const SpanSchema = z.object({ start: int(), end: int() }).describe('Half-open character range [start, end) into the card text');

export const AspectIdSchema = z.enum(ASPECT_IDS);

export const ReviewCardSchema = z
  .object({
    version: z.string().describe('Analyser and model version that made the card'),
    format: z.enum(['text', 'markdown', 'html']),
    text: z.string().describe('Cleaned text: every offset refers to it'),
    sentences: z.array(
      SpanSchema.extend({ paragraph: int(), repeatOf: int().optional(), polarity: z.number().min(-1).max(1).optional() }),
    ),
    film: z
      .object({
        title: z.string(),
        key: z.string(),
        confidence: z.number(),
        source: z.enum(['metadata', 'html', 'markdown', 'text']),
        mentions: z.array(SpanSchema),
        franchise: z.object({ name: z.string(), evidence: SpanSchema }).optional(),
        id: z.string().optional().describe('Film index id (Wikipedia page key) when the review is linked to the film index'),
        year: z.number().int().optional().describe('From the film index'),
        directors: z.array(z.string()).optional().describe('From the film index'),
        series: z
          .object({
            name: z.string(),
            order: z.number().int().nullable(),
            relation: z.enum(['sequel', 'prequel', 'spin-off', 'installment', 'remake', 'reboot']).nullable(),
            previous: z.string().nullable().describe('Index id of the film this one follows'),
          })
          .optional()
          .describe('The film index series and the film’s place in it'),
        linkConfidence: z.number().min(0).max(1).optional().describe('How sure the link to the film index is'),
        linkedBy: z.enum(['title', 'people']).optional().describe('title: the review’s title named the film; people: the people it names did'),
        unlinked: z.literal(true).optional().describe('The film was read from the text but is not (or not surely) in the film index'),
      })
      .nullable(),
    references: z.array(z.object({ title: z.string(), key: z.string(), kind: z.enum(['film', 'series']), mentions: z.array(SpanSchema) })),
    chronology: z.array(z.object({ relation: z.enum(['after', 'before']), other: z.string(), otherKey: z.string(), evidence: SpanSchema })),
    people: z.array(z.object({ name: z.string(), mentions: z.array(SpanSchema) })),
    credits: z.array(
      z.object({
        person: z.string(),
        role: z.enum(['cast', 'director', 'writer', 'composer', 'cinematographer', 'producer', 'editor']),
        character: z.string().optional(),
        evidence: SpanSchema,
        source: z.literal('index').optional().describe('index: the role comes from the film index (the text names the person without it)'),
      }),
    ),
    verdict: z
      .object({ fresh: z.boolean(), score: z.number().min(0).max(100), label: z.enum(['negative', 'mixed', 'positive']), confidence: z.number().min(0).max(1) })
      .nullable(),
    rating: z
      .object({
        raw: z.string(),
        value: z.number(),
        scale: z.union([z.number(), z.literal('letter')]),
        normalized: z.number().min(0).max(100),
        span: SpanSchema.optional(),
        scaleAssumed: z.boolean().optional(),
      })
      .nullable(),
    aspects: z.array(z.object({ aspect: AspectIdSchema, polarity: z.number().min(-1).max(1), mentions: int(), evidence: z.array(SpanSchema) })),
    targets: z.array(z.object({ name: z.string(), kind: z.enum(['person', 'character']), polarity: z.number(), evidence: z.array(SpanSchema) })),
    quotes: z.array(SpanSchema.extend({ text: z.string(), score: z.number() })),
    spoilers: z.array(SpanSchema.extend({ reason: z.enum(['ending', 'death', 'twist', 'cameo', 'reveal']) })),
  })
  .describe('The review card: the analyser output contract');
