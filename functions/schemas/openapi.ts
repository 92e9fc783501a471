import * as z from 'zod';
import { commandList, type Command, type RouteAuth } from './routes.js';

const fieldErrorSchema = z.object({
  name: z.string().meta({ description: 'Dotted path of the field, e.g. child.dateOfBirth' }),
  href: z.string().meta({ description: 'Link to the form field, e.g. #child-dateOfBirth' }),
  text: z.string().meta({ description: 'GOV.UK wording, e.g. "Enter the child\'s first name"' }),
});
const errorSchema = z.object({ message: z.string(), errors: z.array(fieldErrorSchema).optional() });

type JsonSchema = Record<string, unknown>;

/** A request body is described as it is sent (input), a response as it is answered (output). */
const toJsonSchema = (s: z.ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

const PARAMETERS: Record<string, { description: string; pattern?: string }> = {
  reference: { description: 'The case reference, e.g. SCR-2026-0001', pattern: '^[A-Z]{2,6}-\\d{4}-\\d{4,}$' },
  memberId: { description: 'A review panel member' },
  recordsId: { description: 'A records request' },
  userId: { description: 'A staff account' },
  actionId: { description: 'An action of a review’s action plan' },
};

const SECURITY: Record<RouteAuth, { [scheme: string]: string[] }[]> = {
  public: [],
  staff: [{ staff: [] }],
  referrer: [{ referrer: [] }],
  any: [{ staff: [] }, { referrer: [] }],
};

/**
 * Puts `schema` under `name` in the components. One name, one shape: the
 * same name given to two shapes (two schemas, or a request and a response
 * of one schema that differ) is a mistake in the route table, and stops the
 * build of the document rather than describing one of them wrongly.
 */
function register(components: Map<string, JsonSchema>, name: string, schema: z.ZodType, io: 'input' | 'output') {
  const json = toJsonSchema(schema, io);
  const existing = components.get(name);
  if (existing && JSON.stringify(existing) !== JSON.stringify(json)) throw new Error(`OpenAPI: two different shapes are named ${name}`);
  if (!existing) components.set(name, json);
  return ref(name);
}

function operationOf(c: Command & { operationId: string }, components: Map<string, JsonSchema>) {
  const pathParams = [...c.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1] as string);
  const parameters = [
    ...pathParams.map((name) => ({
      name,
      in: 'path',
      required: true,
      ...(PARAMETERS[name] ? { description: PARAMETERS[name].description } : {}),
      schema: { type: 'string', ...(PARAMETERS[name]?.pattern ? { pattern: PARAMETERS[name].pattern } : {}) },
    })),
    ...(c.headers ?? []).map((h) => ({
      name: h.name,
      in: 'header',
      required: h.required,
      description: h.description,
      schema: { type: 'string', ...(h.pattern ? { pattern: h.pattern } : {}) },
    })),
    ...(c.query ?? []).map((q) => ({ name: q.name, in: 'query', required: false, description: q.description, schema: q.values.length > 0 ? { type: 'string', enum: [...q.values] } : { type: 'string' } })),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(c.responses)) {
    if (!spec) continue;
    const content: Record<string, { schema: unknown }> = {};
    if (spec.body) content['application/json'] = { schema: register(components, spec.body.name, spec.body.schema, 'output') };
    for (const [mediaType, alt] of Object.entries(spec.alternatives ?? {})) content[mediaType] = { schema: toJsonSchema(alt.schema, 'output') };
    responses[status] = { description: spec.description, ...(Object.keys(content).length ? { content } : {}) };
  }
  for (const [status, description] of Object.entries(c.errors)) responses[status] = errorResponse(description);
  if (c.auth !== 'public') responses['401'] = errorResponse('Sign in again: no token, an expired or revoked one, or the session ended');
  responses['500'] = errorResponse('Something went wrong on our side; nothing internal is shown');
  return {
    operationId: c.operationId,
    summary: c.summary,
    description: [c.description, `Who may: ${c.whoMay}.`].filter(Boolean).join('\n\n'),
    'x-who-may': c.whoMay,
    security: SECURITY[c.auth],
    ...(parameters.length ? { parameters } : {}),
    ...(c.request
      ? {
          requestBody: {
            required: true,
            description: `JSON, at most ${Math.floor(c.request.maxBytes / 1024)} KB`,
            content: { 'application/json': { schema: register(components, c.request.name, c.request.schema, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document, generated from the route table
 * (./routes.ts): every route the platform deploys, with its request and
 * response schemas from the same zod schemas that validate requests and
 * type the handlers' answers. Cross-field rules (a detail required when
 * "yes") are described in prose: JSON Schema cannot carry the GOV.UK wording.
 */
export function buildOpenApiDocument(serverUrl = '/') {
  const components = new Map<string, JsonSchema>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const c of commandList) {
    paths[c.path] ??= {};
    (paths[c.path] as Record<string, unknown>)[c.method.toLowerCase()] = operationOf(c, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Serious Case Review platform API',
      version: '1.0.0',
      description:
        'Referrals of cases to the Chair of the Strategic and Serious Case Review sub-committee (paragraph 4.1 of the 2008 procedure), ' +
        'the decision and review stages, and the administration of a Local Safeguarding Children Board. ' +
        'Every request but the public ones needs an ID token (Authorization: Bearer) of the pool the route names; ' +
        'a case the caller is not on answers 404.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: {
        ...Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b)).map(([name, json]) => [name, json])),
        Error: toJsonSchema(errorSchema, 'output'),
      },
      securitySchemes: {
        staff: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A staff user pool ID token (MFA)' },
        referrer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A referrer user pool ID token (a verified work email)' },
      },
    },
  };
}
