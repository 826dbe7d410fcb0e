import { z } from 'zod';
import { API_CATALOG, type Operation } from './api-catalog';
import { linksOf } from './openapi-links';

const ProblemSchema = z.object({
  status: z.number().int(),
  title: z.string(),
  type: z.string(),
  detail: z.string(),
  instance: z.string(),
});

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request (the detail names the fields)',
  401: 'Missing or wrong X-API-KEY',
  404: 'Unknown id or route',
  409: 'Duplicate or conflicting entity',
  429: 'Too many failed X-API-KEY checks from this address (Retry-After says when to try again)',
  503: 'A dependency is down',
};

const OPEN_PATHS = new Set(['/api/health', '/api/health/ready', '/api/docs', '/api/docs-json']);

// Builds the OpenAPI 3.1 document from the catalog and the request schemas the endpoints validate with.
export function buildOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_CATALOG) {
    (paths[op.path] ??= {})[op.method] = toOperation(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tollgate admin API',
      version: '1',
      description:
        'BricksLLM-compatible admin API of the Tollgate AI gateway. No string (nor object key) may hold a NUL ' +
        'character or an unpaired surrogate, and no value may nest more than 32 levels deep: such a request is a 400.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { adminKey: { type: 'apiKey', in: 'header', name: 'X-API-KEY' } },
      schemas: { Problem: z.toJSONSchema(ProblemSchema) },
    },
    security: [{ adminKey: [] }],
    paths,
  };
}

// A model key spans slashes (azure/gpt-4o); every other path parameter is a uuid, anything else a 404.
const pathSchema = (op: Operation) =>
  op.restOfPath ? { type: 'string', minLength: 1 } : { type: 'string', format: 'uuid' };

const operationId = (op: Pick<Operation, 'method' | 'path'>) =>
  `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`;
const operationIdOf = (name: string) => {
  const [method = '', path = ''] = name.split(' ');
  return operationId({ method: method as Operation['method'], path });
};

// A body the endpoint can do without (every field optional) is not required: a missing one reads as {}.
const bodyRequired = (schema: z.ZodType) => !schema.safeParse({}).success;

function toOperation(op: Operation): Record<string, unknown> {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  // Every protected endpoint can refuse its input (400: an unknown query parameter, a NUL character), the
  // password (401) or an address that kept failing it (429).
  const errors = OPEN_PATHS.has(op.path) ? op.errors : [...new Set([...op.errors, 400, 401, 429])].sort();
  return {
    summary: op.summary,
    tags: [op.tag],
    operationId: operationId(op),
    ...(OPEN_PATHS.has(op.path) ? { security: [] } : {}),
    parameters: [
      ...pathParams.map((name) => ({ name, in: 'path', required: true, schema: pathSchema(op) })),
      ...(op.query ?? []).map((q) => ({
        name: q.name,
        in: 'query',
        required: q.required === true,
        schema: q.schema,
        ...(q.description ? { description: q.description } : {}),
      })),
    ],
    ...(op.body
      ? {
          requestBody: {
            required: bodyRequired(op.body),
            content: {
              'application/json': {
                schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }),
              },
            },
          },
        }
      : {}),
    responses: {
      '200': { description: 'OK', links: linksOf(op, operationIdOf) },
      ...Object.fromEntries(
        errors.map((status) => [
          String(status),
          {
            description: STATUS_TEXT[status] ?? 'Error',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        ]),
      ),
    },
  };
}
