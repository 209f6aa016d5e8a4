// One API operation as its route module declares it, beside the handler: what the OpenAPI
// document says of it (client/api/openapi.ts assembles the document from these) and which roles
// may call it (the handler's requireRole reads the same `roles`, and so does the authorization
// test), so the document, the guard and the test cannot drift apart.
import type { z } from 'zod';
import { ROLES, type Role } from './auth';

/** A schema the document names under components.schemas: a zod schema, or plain JSON Schema. */
export interface NamedSchema {
  name: string;
  schema: z.ZodType | Record<string, unknown>;
  /** Requests are documented as they are accepted (input), answers as they are sent (output). */
  io: 'input' | 'output';
}

export interface Operation {
  method: 'get' | 'post';
  /** The OpenAPI path, e.g. /v1/cases/{id}. */
  path: string;
  summary: string;
  tags: string[];
  /**
   * Who may call it; 'public' needs no key; 'scrape-token' needs the metrics scrape token
   * (TRANSFERFLOW_METRICS_TOKEN) instead of an API key, and no API key opens it.
   */
  roles: readonly Role[] | 'public' | 'scrape-token';
  /** What a refused caller was trying to do: "role bank may not <action>". */
  action: string;
  /**
   * How a key of a scoped role (bank: its banks; licensee: its organisation) is held to its scope
   * here. Required whenever `roles` lets a scoped role in: the authorization matrix test fails
   * without it, and tries every declared scope in and out of scope.
   * - bank-in-body: the body's bank.id must be one of the key's banks (403 otherwise)
   * - loan-check-id: the {id} loan check must be one of its banks' (404 otherwise)
   * - case-id: the {id} case must be its organisation's licence (404 otherwise, as if absent)
   * - listing: the answer lists in-scope items only
   * - none: nothing in the answer belongs to anyone (policies, pure evaluation)
   */
  scope?: OperationScope;
  /** Path parameters (strings), in the order of the path. */
  pathParams?: string[];
  /** The query, validated by the handler with this same schema. */
  query?: z.ZodObject;
  body?: { json: NamedSchema[]; example?: unknown } | { binary: true };
  /** The answers besides 400, 401 and 403, which every operation with roles has. */
  responses: Record<string, { description: string; json?: NamedSchema; binary?: true }>;
}

export type OperationScope = 'bank-in-body' | 'loan-check-id' | 'case-id' | 'listing' | 'none';

/** The roles whose keys carry a scope (client/api/auth.ts). */
export const SCOPED_ROLES: readonly Role[] = ['bank', 'licensee'];

/** Any authenticated caller. */
export const ANY_ROLE: readonly Role[] = ROLES;

/** A named request schema. */
export const input = (name: string, schema: NamedSchema['schema']): NamedSchema => ({ name, schema, io: 'input' });
/** A named answer schema. */
export const output = (name: string, schema: NamedSchema['schema']): NamedSchema => ({ name, schema, io: 'output' });

/** Every error answer: { error, message } or { error: 'invalid-input', issues } (client/errors.ts), with the request id. */
export const ERROR = output('Error', {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    reqId: { type: 'string', description: 'The request id (also the X-Request-Id header), as the server log names it' },
    issues: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
});
