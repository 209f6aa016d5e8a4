// The OpenAPI document, assembled from the operations the route modules declare beside their
// handlers (client/api/operations.ts), with schemas generated from the same zod schemas that
// validate requests: the document and the behaviour cannot disagree.
import { z } from 'zod';
import { ERROR, type NamedSchema, type Operation } from './operation';
import { OPERATIONS } from './operations';
import { ROLES } from './auth';

function jsonSchema(s: NamedSchema): Record<string, unknown> {
  if (!('_zod' in s.schema)) return s.schema as Record<string, unknown>;
  const json = z.toJSONSchema(s.schema as z.ZodType, {
    target: 'openapi-3.0',
    io: s.io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

const ref = (s: NamedSchema) => ({ $ref: `#/components/schemas/${s.name}` });
const BINARY = { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } };

/** Who may call it, in the words the summaries used to carry by hand. */
function rolesText(op: Operation): string {
  if (op.roles === 'public') return 'No key needed.';
  if (op.roles === 'scrape-token') return 'The scrape token (TRANSFERFLOW_METRICS_TOKEN), not an API key.';
  return op.roles.length === ROLES.length ? 'Any role.' : `Roles: ${op.roles.join(', ')}.`;
}

function parameters(op: Operation): object[] {
  const path = (op.pathParams ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  if (!op.query) return path;
  const js = jsonSchema({ name: '', schema: op.query, io: 'input' }) as {
    properties: Record<string, { description?: string }>;
    required?: string[];
  };
  const query = Object.entries(js.properties).map(([name, p]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema: p,
    description: p.description,
  }));
  return [...path, ...query];
}

function operation(op: Operation, use: (s: NamedSchema) => void): object {
  const responses: Record<string, object> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    if (r.json) use(r.json);
    responses[status] = {
      description: r.description,
      ...(r.json ? { content: { 'application/json': { schema: ref(r.json) } } } : r.binary ? { content: BINARY } : {}),
    };
  }
  if (op.roles === 'scrape-token') {
    use(ERROR);
    const error = { content: { 'application/json': { schema: ref(ERROR) } } };
    responses['401'] = { description: 'Missing or wrong scrape token', ...error };
    responses['403'] = { description: 'Metrics are off (no TRANSFERFLOW_METRICS_TOKEN)', ...error };
  } else if (op.roles !== 'public') {
    use(ERROR);
    const error = { content: { 'application/json': { schema: ref(ERROR) } } };
    responses['400'] ??= { description: 'Invalid input: every issue with its field path', ...error };
    responses['401'] = { description: 'Missing or unknown API key', ...error };
    responses['403'] = { description: 'The key’s role may not do this', ...error };
  }
  let requestBody: object | undefined;
  if (op.body && 'binary' in op.body) requestBody = { required: true, content: BINARY };
  else if (op.body) {
    op.body.json.forEach(use);
    const schema = op.body.json.length === 1 ? ref(op.body.json[0]) : { oneOf: op.body.json.map(ref) };
    requestBody = {
      required: true,
      content: {
        'application/json': { schema, ...(op.body.example === undefined ? {} : { example: op.body.example }) },
      },
    };
  }
  const params = parameters(op);
  return {
    summary: op.summary,
    description: rolesText(op),
    tags: op.tags,
    'x-roles': op.roles,
    ...(op.roles === 'public'
      ? { security: [] }
      : op.roles === 'scrape-token'
        ? { security: [{ scrapeToken: [] }] }
        : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

export function openApiDocument(operations: readonly Operation[] = OPERATIONS): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  const use = (s: NamedSchema) => {
    schemas[s.name] ??= jsonSchema(s);
  };
  const paths: Record<string, Record<string, object>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operation(op, use);
  return {
    openapi: '3.0.3',
    info: {
      title: 'transferflow API',
      version: '1',
      description:
        'Technology-transfer workflows and M&A loan checks under versioned policy packs. Authenticate with `Authorization: Bearer <API key>`.',
    },
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer' },
        ...(operations.some((op) => op.roles === 'scrape-token')
          ? { scrapeToken: { type: 'http', scheme: 'bearer', description: 'TRANSFERFLOW_METRICS_TOKEN' } }
          : {}),
      },
      schemas,
    },
    paths,
  };
}
