// The authorization matrix, driven by the roles and scopes each route module exports beside its
// handler (client/api/operations.ts): every documented operation, asked by every role, answers 403
// exactly to the roles it does not list, and 401 without a key; every operation that lets a
// scoped role in (a bank key names its banks, a licensee key its organisation) declares how it
// holds the key to its scope, and is asked in scope and out of scope. The database is real
// (PGlite, seeded with licences, cases and loan checks of two owners each); Temporal is a
// stand-in that fails if reached, so "in scope" shows as getting past the guard to Temporal.
import type { FastifyInstance } from 'fastify';
import { ApiKeys, ROLES, type Role } from '../../client/api/auth';
import { OPERATIONS } from '../../client/api/operations';
import { SCOPED_ROLES, type Operation } from '../../client/api/operation';
import { loanCheckId } from '../../activities/loan-check-id';
import { loanCheckResult } from '../../activities/loan-check-result';
import { decideMaLoan } from '../../policies/ma-loan/decide';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { openTestDatabase, type TestDatabase } from '../support/test-db';

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

/** The bank the bank key acts for, and one it does not. */
const OWN_BANK = 'matrix-bank';
const OTHER_BANK = 'other-bank';
/** The organisation the licensee key acts for, and another. */
const OWN_ORG = 'Matrix Licensee Ltd.';
const OTHER_ORG = 'Other Licensee Ltd.';
const OWN_LICENCE = 'matrix-own-licence';
/** Cases the licensee key must not see: another organisation's licence, other kinds, and none at all. */
const NOT_ITS_CASES = ['matrix-other-licence', 'matrix-rights-grant', 'matrix-review', 'matrix-absent'];

const keyOf = (role: Role) => `matrix-${role}-key-0123456789`;
const SCRAPE_TOKEN = 'matrix-scrape-token-0123456789';

/** Any property is itself; calling it fails: a handler that gets past the guard stops at the first server it needs. */
const offline: any = new Proxy(function offline() {}, {
  get: (_target, key) => (key === 'then' ? undefined : offline),
  apply: () => {
    throw new Error('no server in the authorization test');
  },
});

let app: FastifyInstance;
let base: string;
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase('pglite');
  await seed(db);
  app = buildApi(
    {
      temporal: offline,
      prisma: db.prisma,
      evidence: offline,
      keys: new ApiKeys(
        ROLES.map((role) => ({
          name: `matrix-${role}`,
          role,
          key: keyOf(role),
          ...(role === 'bank' ? { bankIds: [OWN_BANK] } : role === 'licensee' ? { licenseeId: OWN_ORG } : {}),
        })),
      ),
      syncTimeoutMs: 10,
    },
    { metrics: { token: SCRAPE_TOKEN } },
  );
  // Over a real socket: fastify's inject needs an ES module jest cannot load here.
  base = await app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);
afterAll(async () => {
  await app.close();
  await db.destroy();
});

/** Two licences (own and another organisation's, both waiting for their licensee), a rights-grant, a review, and a loan check of each bank. */
async function seed({ prisma }: TestDatabase): Promise<void> {
  const row = (id: string, kind: string, input: object, pendingRoles: string[] = []) => ({
    id,
    kind,
    workflowId: `${kind}/${id}`,
    stage: 'paying',
    pendingRoles,
    policyId: 'p',
    policyVersion: '1',
    policyHash: 'h',
    eligibility: 'eligible',
    requestHash: 'r',
    input,
    view: { pending: { escalated: false } },
    openedBy: 'matrix-tto',
    version: 1,
    updatedAt: new Date(),
  });
  const licensee = (id: string, name: string) => ({ licensee: { id, name } });
  await prisma.case.createMany({
    data: [
      row(OWN_LICENCE, 'deferred-licence', licensee(OWN_ORG, 'Matrix'), ['licensee']),
      row('matrix-other-licence', 'deferred-licence', licensee(OTHER_ORG, OWN_ORG), ['licensee']),
      // Named like the organisation, yet not a licence: still not the licensee's.
      row('matrix-rights-grant', 'rights-grant', licensee(OWN_ORG, OWN_ORG), ['licensee']),
      row('matrix-review', 'diligence-exemption', {}, ['licensee']),
    ],
  });
  for (const bankId of [OWN_BANK, OTHER_BANK]) {
    const request = { ...EXAMPLE_LOAN_REQUEST, bank: { ...EXAMPLE_LOAN_REQUEST.bank, id: bankId } };
    const id = loanCheckId(bankId, 'seeded');
    const asOf = '2025-06-01';
    const decision = decideMaLoan(request, asOf);
    await prisma.loanCheck.create({
      data: {
        id,
        workflowId: `ma-loan/${bankId}/seeded`,
        bankId,
        requestId: 'seeded',
        requestHash: 'r',
        asOf,
        policyId: decision.policy.id,
        policyVersion: decision.policy.version,
        policyHash: decision.policy.hash,
        decision: decision.decision,
        jurisdiction: 'chongqing',
        request: request as object,
        result: loanCheckResult(decision, {
          id,
          workflowId: `ma-loan/${bankId}/seeded`,
          requestId: 'seeded',
          bankId,
          requestHash: 'r',
          recordedAt: new Date().toISOString(),
        }) as object,
        submittedBy: 'seed',
      },
    });
  }
}

const PATH_VALUES: Record<string, string> = { id: 'matrix-case-1', sha256: 'a'.repeat(64) };

async function call(
  op: Operation,
  key?: string,
  {
    values = PATH_VALUES,
    body = {},
    query = '',
  }: { values?: Record<string, string>; body?: unknown; query?: string } = {},
): Promise<{ statusCode: number; json(): any }> {
  const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name]) + query;
  const post = op.method === 'post';
  const res = await fetch(`${base}${url}`, {
    method: op.method.toUpperCase(),
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(post ? { 'content-type': 'application/json' } : {}),
    },
    body: post ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { statusCode: res.status, json: () => JSON.parse(text) };
}

const guarded = OPERATIONS.filter((op): op is Operation & { roles: readonly Role[] } => Array.isArray(op.roles));

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

// /metrics: Prometheus holds a scrape token, not an API key, and no API key of any role opens it.
const scraped = OPERATIONS.filter((op) => op.roles === 'scrape-token');
test('scrape-token operations: 401 without the token or with any API key, 200 with the token', async () => {
  expect(scraped.map((op) => op.path)).toEqual(['/metrics']);
  for (const op of scraped) {
    expect((await call(op)).statusCode).toBe(401);
    for (const role of ROLES)
      expect({ role, status: (await call(op, keyOf(role))).statusCode }).toEqual({ role, status: 401 });
    const res = await fetch(`${base}${op.path}`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^transferflow_decisions_recorded\{mechanism="ma-loan",outcome="approved"\} 2$/m);
  }
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

// ——— Scopes: every operation a scoped role may call, in scope and out of scope ———

const admitsScoped = OPERATIONS.filter(
  (op): op is Operation & { roles: readonly Role[] } =>
    Array.isArray(op.roles) && op.roles.some((r) => SCOPED_ROLES.includes(r)),
);

test('every operation that lets a bank or licensee key in declares how it holds the key to its scope', () => {
  expect(admitsScoped.length).toBeGreaterThan(5);
  for (const op of admitsScoped)
    expect({ op: `${op.method} ${op.path}`, scope: op.scope ?? 'undeclared' }).not.toMatchObject({
      scope: 'undeclared',
    });
});

/** What an in-scope caller sends: the operation's own example body (it must reach past the guard). */
const exampleBody = (op: Operation) => (op.body && 'json' in op.body ? op.body.example : undefined) ?? {};
/** Past the guard: the stand-in Temporal is reached (500), or the request itself is judged; never 401, 403 or 404. */
const PAST_THE_GUARD = expect.not.arrayContaining([401, 403, 404]);
const loanBody = (bankId: string) => ({ ...EXAMPLE_LOAN_REQUEST, bank: { ...EXAMPLE_LOAN_REQUEST.bank, id: bankId } });

/** Each listing operation: what a scoped role may see in its answer. A new listing fails here until it is added. */
const LISTINGS: Record<string, Partial<Record<Role, { items: (body: any) => unknown[]; ownOnly: unknown[] }>>> = {
  'get /v1/loan-checks': {
    bank: { items: (b) => b.items.map((i: { bankId: string }) => i.bankId), ownOnly: [OWN_BANK] },
  },
  'get /v1/tasks': {
    licensee: { items: (b) => b.items.map((i: { caseId: string }) => i.caseId), ownOnly: [OWN_LICENCE] },
    bank: { items: (b) => b.items, ownOnly: [] },
  },
};

const scopedCases = admitsScoped.flatMap((op) =>
  op.roles.filter((r) => SCOPED_ROLES.includes(r)).map((role) => [`${op.method} ${op.path}`, role, op] as const),
);

describe.each(scopedCases)('%s as %s', (name, role, op) => {
  const key = keyOf(role);
  if (op.scope === 'case-id') {
    test('its own organisation’s licence: past the guard', async () => {
      const res = await call(op, key, { values: { id: OWN_LICENCE }, body: exampleBody(op) });
      expect([res.statusCode]).toEqual(PAST_THE_GUARD);
    });
    test.each(NOT_ITS_CASES)('%s: 404, the same as a case that does not exist', async (id) => {
      const res = await call(op, key, { values: { id }, body: exampleBody(op) });
      expect({ status: res.statusCode, body: res.json() }).toEqual({
        status: 404,
        body: { error: 'not-found', message: `no case ${id}`, reqId: expect.any(String) },
      });
    });
  } else if (op.scope === 'loan-check-id') {
    test('its own bank’s check: past the guard; another bank’s: 404', async () => {
      const own = await call(op, key, { values: { id: loanCheckId(OWN_BANK, 'seeded') } });
      expect([own.statusCode]).toEqual(PAST_THE_GUARD);
      const other = loanCheckId(OTHER_BANK, 'seeded');
      const res = await call(op, key, { values: { id: other } });
      expect({ status: res.statusCode, body: res.json() }).toEqual({
        status: 404,
        body: { error: 'not-found', message: `no loan check ${other}`, reqId: expect.any(String) },
      });
    });
  } else if (op.scope === 'bank-in-body') {
    test('for its own bank: past the guard; for another bank: 403', async () => {
      expect([(await call(op, key, { body: loanBody(OWN_BANK) })).statusCode]).toEqual(PAST_THE_GUARD);
      const res = await call(op, key, { body: loanBody(OTHER_BANK) });
      expect({ status: res.statusCode, body: res.json() }).toEqual({
        status: 403,
        body: {
          error: 'forbidden',
          message: `key matrix-${role} does not act for bank ${OTHER_BANK}`,
          reqId: expect.any(String),
        },
      });
    });
  } else if (op.scope === 'listing') {
    test('lists exactly its own items, asked for everything or for another’s', async () => {
      const listing = LISTINGS[name]?.[role];
      expect({ listing: name, role, declared: listing !== undefined }).toEqual({ listing: name, role, declared: true });
      for (const query of ['', `?bankId=${OTHER_BANK}`].filter((q) => q === '' || name === 'get /v1/loan-checks')) {
        const res = await call(op, key, { query });
        expect(res.statusCode).toBe(200);
        expect(listing!.items(res.json())).toEqual(query ? [] : listing!.ownOnly);
      }
    });
  } else {
    test('holds nothing of anyone’s: answered like any role', async () => {
      expect(op.scope).toBe('none');
      expect([(await call(op, key, { body: exampleBody(op) })).statusCode]).toEqual(PAST_THE_GUARD);
    });
  }
});

test('the scoped listings show everything to the unscoped roles that may read them (the seed has both owners)', async () => {
  const checks = await call(
    OPERATIONS.find((o) => o.path === '/v1/loan-checks' && o.method === 'get')!,
    keyOf('auditor'),
  );
  expect(
    checks
      .json()
      .items.map((i: { bankId: string }) => i.bankId)
      .sort(),
  ).toEqual([OTHER_BANK, OWN_BANK].sort());
  const tasks = await call(
    OPERATIONS.find((o) => o.path === '/v1/tasks')!,
    keyOf('admin'),
    { query: '?role=licensee' },
  );
  expect(
    tasks
      .json()
      .items.map((i: { caseId: string }) => i.caseId)
      .sort(),
  ).toEqual(['matrix-other-licence', 'matrix-rights-grant', 'matrix-review', OWN_LICENCE].sort());
});

test('office staff do not list banks’ loan checks through GET /v1/cases; auditors may', async () => {
  const list = OPERATIONS.find((o) => o.path === '/v1/cases' && o.method === 'get')!;
  const tto = await call(list, keyOf('tto'), { query: '?kind=ma-loan' });
  expect({ status: tto.statusCode, body: tto.json() }).toEqual({
    status: 403,
    body: { error: 'forbidden', message: 'role tto may not read loan checks', reqId: expect.any(String) },
  });
  // Past the guard: the stand-in Temporal is asked.
  expect([(await call(list, keyOf('auditor'), { query: '?kind=ma-loan' })).statusCode]).toEqual(PAST_THE_GUARD);
});
