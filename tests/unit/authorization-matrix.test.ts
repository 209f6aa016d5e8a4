// The authorization matrix, driven by the roles each route module exports beside its handler
// (client/api/operations.ts): every documented operation, asked by every role, answers 403
// exactly to the roles it does not list, and 401 without a key. No server is needed: the guard
// runs before any work, so Temporal and the database are stand-ins that fail if reached.
import type { FastifyInstance } from 'fastify';
import { ApiKeys, ROLES, type Role } from '../../client/api/auth';
import { OPERATIONS } from '../../client/api/operations';
import type { Operation } from '../../client/api/operation';

// Every route the server registers, to show none escapes the matrix.
const mockRoutes: Array<{ method: string; url: string }> = [];
jest.mock('fastify', () => {
  const actual = jest.requireActual('fastify');
  const withRouteLog = (options: unknown) => {
    const app = actual(options);
    app.addHook('onRoute', (r: { method: string | string[]; url: string }) => {
      for (const method of [r.method].flat()) if (method !== 'HEAD') mockRoutes.push({ method, url: r.url });
    });
    return app;
  };
  return Object.assign(withRouteLog, actual, { default: withRouteLog, __esModule: true });
});
// Imported after the mock so the server is built by the wrapped factory.
import { buildApi } from '../../client/api/server';

const keyOf = (role: Role) => `matrix-${role}-key-0123456789`;

/** Any property is itself; calling it fails: a handler that gets past the guard stops at the first server it needs. */
const offline: any = new Proxy(function offline() {}, {
  get: (_target, key) => (key === 'then' ? undefined : offline),
  apply: () => {
    throw new Error('no server in the authorization test');
  },
});

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = buildApi({
    temporal: offline,
    prisma: offline,
    evidence: offline,
    keys: new ApiKeys(ROLES.map((role) => ({ name: `matrix-${role}`, role, key: keyOf(role) }))),
    syncTimeoutMs: 10,
  });
  // Over a real socket: fastify's inject needs an ES module jest cannot load here.
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

const PATH_VALUES: Record<string, string> = { id: 'matrix-case-1', sha256: 'a'.repeat(64) };

async function call(op: Operation, key?: string): Promise<{ statusCode: number; json(): unknown }> {
  const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => PATH_VALUES[name]);
  const post = op.method === 'post';
  const res = await fetch(`${base}${url}`, {
    method: op.method.toUpperCase(),
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(post ? { 'content-type': 'application/json' } : {}),
    },
    body: post ? '{}' : undefined,
  });
  const text = await res.text();
  return { statusCode: res.status, json: () => JSON.parse(text) };
}

const guarded = OPERATIONS.filter((op): op is Operation & { roles: readonly Role[] } => op.roles !== 'public');

describe.each(guarded.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('%s', (_name, op) => {
  test('401 without a key', async () => {
    const res = await call(op);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthenticated' });
  });

  test.each([...ROLES])('role %s', async (role) => {
    const res = await call(op, keyOf(role));
    if (op.roles.includes(role)) {
      expect([401, 403]).not.toContain(res.statusCode);
    } else {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({
        error: 'forbidden',
        message: `role ${role} may not ${op.action} (allowed: ${op.roles.join(', ')})`,
        reqId: expect.any(String),
      });
    }
  });
});

test('public operations and the OpenAPI document need no key', async () => {
  for (const op of OPERATIONS.filter((o) => o.roles === 'public'))
    expect([401, 403]).not.toContain((await call(op)).statusCode);
  expect((await fetch(`${base}/v1/openapi.json`)).status).toBe(200);
});

test('every route the server registers is a documented operation (so it is in this matrix)', () => {
  // The OpenAPI document itself is the one route it does not list.
  const routes = mockRoutes.filter((r) => r.url !== '/v1/openapi.json');
  expect(routes.length).toBeGreaterThan(15);
  for (const route of routes) {
    const pattern = new RegExp(`^${route.url.replace(/:\w+/g, '[^/]+')}$`);
    const covering = OPERATIONS.filter((op) => op.method.toUpperCase() === route.method && pattern.test(op.path));
    expect({ route, covered: covering.length > 0 }).toEqual({ route, covered: true });
  }
});
