/**
 * @module The OpenAPI 3.1 document, generated from the zod schemas the routes validate with
 * (https://spec.openapis.org/oas/v3.1.0). JSON Schema 2020-12 is OpenAPI 3.1's schema dialect.
 */
import { z } from 'zod';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. /api/v1/films/{id} */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; contentTypes: string[]; description?: string };
  responses: Record<string, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Needs an API key. */
  auth?: boolean;
}

/** Named component schemas: each appears once under components.schemas and is $ref'd elsewhere. */
type Components = Record<string, z.ZodType>;

type Json = Record<string, unknown>;

function strip(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** Point `#/$defs/X` references (registered components) at `#/components/schemas/X`. */
function relink(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(relink);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) out[k] = k === '$ref' && typeof x === 'string' ? x.replace(/^#\/\$defs\//, '#/components/schemas/') : relink(x);
    return out;
  }
  return v;
}

/** Build the document. */
export function buildOpenApi(ops: Operation[], components: Components, info: { version: string }): Json {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const uri = (id: string): string => `#/components/schemas/${id}`;
  const all = z.toJSONSchema(registry, { target: 'draft-2020-12', uri, unrepresentable: 'any' }) as { schemas: Record<string, Json> };
  const schemas: Record<string, Json> = {};
  for (const [id, s] of Object.entries(all.schemas)) schemas[id] = strip(s);
  // A schema that is a registered component becomes a $ref; anything else is inlined (its own nested components still $ref'd).
  const byIdentity = new Map<z.ZodType, string>(Object.entries(components).map(([id, s]) => [s, id]));
  const toSchema = (s: z.ZodType, io: 'input' | 'output' = 'output'): Json => {
    const id = byIdentity.get(s);
    if (id) return { $ref: uri(id) };
    const json = z.toJSONSchema(s, { target: 'draft-2020-12', metadata: registry, io, unrepresentable: 'any' }) as Json;
    const { $defs: _d, ...rest } = strip(json) as Json & { $defs?: unknown };
    return relink(rest) as Json;
  };
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of ops) {
    const parameters: Json[] = [];
    for (const [where, obj] of [['path', op.params], ['query', op.query]] as const) {
      if (!obj) continue;
      for (const [name, field] of Object.entries(obj.shape)) {
        const f = field as z.ZodType;
        const schema = toSchema(f, 'input');
        const required = where === 'path' || !f.safeParse(undefined).success;
        const param: Json = { name, in: where, required, schema };
        if (f.description) param.description = f.description;
        parameters.push(param);
      }
    }
    const responses: Record<string, Json> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const resp: Json = { description: r.description };
      if (r.schema) resp.content = { [r.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json')]: { schema: toSchema(r.schema) } };
      responses[status] = resp;
    }
    const operation: Json = { operationId: op.operationId, summary: op.summary, tags: op.tags, responses };
    if (parameters.length) operation.parameters = parameters;
    if (op.body) {
      const schema = toSchema(op.body.schema, 'input');
      operation.requestBody = {
        required: true,
        ...(op.body.description ? { description: op.body.description } : {}),
        content: Object.fromEntries(op.body.contentTypes.map((t) => [t, t === 'application/json' ? { schema } : { schema: { type: 'string' } }])),
      };
    }
    if (op.auth) operation.security = [{ apiKey: [] }];
    (paths[op.path] ??= {})[op.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Verdict API',
      version: info.version,
      description: 'Film criticism read closely: review cards, film consensus, franchises and critics. Errors are RFC 9457 problem details.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [...new Set(ops.flatMap((o) => o.tags))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key made with `verdict keys create`, sent as `Authorization: Bearer <key>`' } },
    },
  };
}
