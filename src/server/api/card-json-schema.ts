/**
 * @module The review card's JSON Schema (`card.v1`), generated from the one zod definition (card-schema.ts).
 * Shipped in the package as schema/card.v1.json (written by scripts/card-schema.ts; a test keeps it current)
 * and served at /api/v1/schemas/card.v1.json.
 */
import { z } from 'zod';
import { ReviewCardSchema } from './card-schema.ts';

export const CARD_SCHEMA_VERSION = 'card.v1';

export function cardJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ReviewCardSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: `https://verdict.invalid/schemas/${CARD_SCHEMA_VERSION}.json`,
    title: CARD_SCHEMA_VERSION,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
    description: `${String(schema.description ?? 'The review card')}. Offsets are UTF-16 code units into \`text\` unless the card was made with offsets: 'codepoints'.`,
  };
}
