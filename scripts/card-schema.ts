// Writes schema/card.v1.json from the card's zod definition (run by `npm run build` and by hand after a card change).
import { writeFileSync } from 'node:fs';
import { cardJsonSchema, CARD_SCHEMA_VERSION } from '../src/server/api/card-json-schema.ts';

const file = new URL(`../schema/${CARD_SCHEMA_VERSION}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify(cardJsonSchema(), null, 2)}\n`);
console.log(`wrote schema/${CARD_SCHEMA_VERSION}.json`);
