// schemathesis fuzzes every operation of /v1/openapi.json — valid and invalid bodies, odd
// paths and parameters — against the real stack, once with the admin key (no request may produce
// a 5xx) and once with each role's key, where tests/support/schemathesis_hooks.py adds
// authorization checks: a role an operation does not list never gets a 2xx, a listed role is
// never refused for its role, a bank key is only ever answered with its own banks, a licensee
// never sees an exemption review. Beside the fuzzer, the probes of issue 11 are sent as written.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROLES, type Role } from '../../client/api/auth';
import { EXAMPLE_LICENCE } from '../../policies/deferred-licence/example-request';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { eventually } from '../support/rights-grant-driver';
import { KEYS, useE2E } from '../support/stack';

const ST = path.join(__dirname, '..', '..', 'tools', 'venv', 'bin', 'st');
const HOOKS = path.join(__dirname, '..', 'support', 'schemathesis_hooks.py');

const e2e = useE2E('pglite');

/** Each role's key, and the banks the bank key acts for (tests/support/stack.ts). */
const ROLE_KEYS: Record<Role, string> = {
  tto: KEYS.tto,
  bank: KEYS.bank,
  auditor: KEYS.auditor,
  admin: KEYS.admin,
  department: KEYS.department,
  committee: KEYS.committee,
  licensee: KEYS.licensee,
  reviewer: KEYS.reviewer,
};
const BANK_SCOPE = [EXAMPLE_LOAN_REQUEST.bank.id];

async function schemathesis(role: Role, extra: string[]): Promise<{ code: number | null; output: string }> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'tf-fuzz-'));
  const args = [
    'run',
    `${e2e().stack.apiUrl}/v1/openapi.json`,
    '--checks',
    'not_a_server_error,role_is_enforced,scope_is_kept',
    '--header',
    `Authorization: Bearer ${ROLE_KEYS[role]}`,
    '--seed',
    '20261122',
    '--request-timeout',
    '30',
    ...extra,
  ];
  const env = {
    ...process.env,
    NO_COLOR: '1',
    SCHEMATHESIS_TELEMETRY: 'false',
    SCHEMATHESIS_HOOKS: HOOKS,
    TF_FUZZ_ROLE: role,
    TF_FUZZ_BANKS: BANK_SCOPE.join(','),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(ST, args, { cwd, env });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, output }));
  });
}

/** Every operation the served OpenAPI document lists: schemathesis must test each of them. */
async function operationCount(): Promise<number> {
  const doc = (await (await fetch(`${e2e().stack.apiUrl}/v1/openapi.json`)).json()) as {
    paths: Record<string, object>;
  };
  return Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
}

test('schemathesis finds no server error in any operation', async () => {
  expect(existsSync(ST)).toBe(true);
  const { code, output } = await schemathesis('admin', ['--max-examples', '40']);
  if (code !== 0 || process.env.TF_SHOW_FUZZ) console.error(output);
  expect(output).toMatch(new RegExp(`Tested: ${await operationCount()}\\b`));
  expect(output).not.toMatch(/Server error/i);
  expect(code).toBe(0);
}, 600_000);

// Fewer examples per role: what is checked here is who gets through, which the first examples show.
test.each(ROLES.filter((r) => r !== 'admin'))(
  'schemathesis with the %s key: roles and scopes hold in every operation',
  async (role) => {
    const { code, output } = await schemathesis(role, ['--max-examples', '8', '--phases', 'examples,fuzzing']);
    if (code !== 0 || process.env.TF_SHOW_FUZZ) console.error(output);
    expect(output).toMatch(new RegExp(`Tested: ${await operationCount()}\\b`));
    expect(output).not.toMatch(/Server error|role_is_enforced|scope_is_kept/i);
    expect(code).toBe(0);
  },
  600_000,
);

describe('the probes of issue 11', () => {
  const licence = (caseId: string, licensee: object) => ({
    caseId,
    ...EXAMPLE_LICENCE,
    licensee: { ...EXAMPLE_LICENCE.licensee, ...licensee },
    payment: { feeCny: 300000, instalments: 3, intervalMonths: 12 },
  });

  test('a bank key posts a check for a bank it was not issued for: 403', async () => {
    const res = await e2e().call('POST', '/v1/loan-checks', KEYS.bank, {
      ...EXAMPLE_LOAN_REQUEST,
      requestId: 'fuzz-probe-1',
      bank: { ...EXAMPLE_LOAN_REQUEST.bank, id: 'icbc' },
    });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 403, error: 'forbidden' });
  });

  test('a licensee key reads, and posts revenue to, another licensee’s licence: 404; its own: 200 without linkedReviews', async () => {
    for (const [caseId, licensee] of [
      ['fuzz-other-licence', { id: 'other-licensee-org', name: 'Other Licensee Ltd.' }],
      ['fuzz-own-licence', {}],
    ] as const) {
      expect((await e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, licence(caseId, licensee))).status).toBe(
        201,
      );
      await eventually(
        () => e2e().db.prisma.case.findUnique({ where: { id: caseId } }),
        (r) => r !== null,
        `${caseId} saved`,
      );
    }
    for (const [method, url, body] of [
      ['GET', '/v1/cases/fuzz-other-licence', undefined],
      ['GET', '/v1/cases/fuzz-other-licence/history', undefined],
      ['GET', '/v1/licences/fuzz-other-licence/ledger', undefined],
      ['POST', '/v1/licences/fuzz-other-licence/revenue', { amountCny: 1000 }],
      ['POST', '/v1/cases/fuzz-other-licence/actions', { action: 'report-usage' }],
    ] as const) {
      const res = await e2e().call(method, url, KEYS.licensee, body);
      expect({ url, status: res.status, body: res.body }).toEqual({
        url,
        status: 404,
        body: { error: 'not-found', message: 'no case fuzz-other-licence', reqId: expect.any(String) },
      });
    }
    const own = await e2e().call('GET', '/v1/cases/fuzz-own-licence', KEYS.licensee);
    expect(own.status).toBe(200);
    expect(own.body).not.toHaveProperty('linkedReviews');
    const tasks = await e2e().call('GET', '/v1/tasks', KEYS.licensee);
    expect(tasks.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain('fuzz-other-licence');
  });

  test('request values that name Object.prototype members are not routes: 404', async () => {
    expect((await e2e().call('POST', '/v1/evaluate/constructor', KEYS.admin, {})).status).toBe(404);
    expect((await e2e().call('POST', '/v1/cases/toString', KEYS.admin, {})).status).toBe(404);
  });

  test('5 MiB of application/octet-stream to /v1/loan-checks is refused before it is read: 413 or 415', async () => {
    const res = await fetch(`${e2e().stack.apiUrl}/v1/loan-checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${KEYS.bank}` },
      body: Buffer.alloc(5 * 1024 * 1024, 1),
    });
    expect([413, 415]).toContain(res.status);
  });
});
