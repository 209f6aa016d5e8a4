// A licence payment that produces a reward case whose ledger reconciles to the fen, driven as the
// office would through the HTTP API — on the real time-skipping test server (publicity lasts 15
// working days: the dev server cannot skip them), a real worker and PGlite. Also: the reward
// evaluator and a direct launch through the API, refusals that change nothing.
import type { FastifyInstance } from 'fastify';
import { ApiKeys, ROLES, type Role } from '../../client/api/auth';
import { buildApi } from '../../client/api/server';
import { EXAMPLE_REWARD } from '../../policies/reward/example-request';
import { licenceFixture } from '../support/licence-driver';
import { eventually } from '../support/rights-grant-driver';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { TASK_QUEUE } from '../../workflows/definitions';
import { cli } from '../support/cli';

const tsw = useTimeSkippingWorker(TASK_QUEUE);
const keyOf = (role: Role) => `reward-e2e-${role}-key-0123456789`;
let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = buildApi({
    temporal: tsw().env.client,
    prisma: tsw().db.prisma,
    keys: new ApiKeys(
      ROLES.map((role) => ({
        name: `e2e-${role}`,
        role,
        key: keyOf(role),
        ...(role === 'bank'
          ? { bankIds: ['e2e-bank'] }
          : role === 'licensee'
            ? { licenseeId: 'Liangjiang Sensors Ltd.' }
            : {}),
      })),
    ),
    syncTimeoutMs: 10_000,
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

async function call(method: string, path: string, role: Role, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${keyOf(role)}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const team = [
  { id: 'r-1', name: 'Wang Lei', share: 0.3333333333333333 },
  { id: 'r-2', name: 'Chen Jing', share: 0.3333333333333333 },
  { id: 'r-3', name: 'Li Ming', share: 0.3333333333333333 },
];

test('POST /v1/evaluate/reward answers the contract’s decision; bad input is a 400 naming the field', async () => {
  const ok = await call('POST', '/v1/evaluate/reward', 'auditor', EXAMPLE_REWARD);
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ mechanism: 'reward', decision: 'approved', policy: { id: 'cn-zhejiang-reward' } });
  expect(ok.body.distribution.people).toEqual([
    { id: 'r-001', amountCny: '38850.00', taxableCny: '19425.00' },
    { id: 'r-002', amountCny: '25900.00', taxableCny: '12950.00' },
  ]);
  const bad = await call('POST', '/v1/evaluate/reward', 'tto', {
    ...EXAMPLE_REWARD,
    income: { ...EXAMPLE_REWARD.income, grossCny: 1.001 },
  });
  expect(bad.status).toBe(400);
  expect(bad.body.issues).toEqual([{ path: 'income.grossCny', message: 'CNY amounts have at most 2 decimals' }]);
});

test('a licence payment produces a reward case; through review, publicity, approval and payroll its ledger reconciles to the fen', async () => {
  const f = licenceFixture();
  const licence = {
    caseId: 'e2e-rw-lic',
    ...f.request,
    payment: f.payment,
    guarantee: f.guarantee,
    reward: {
      jurisdiction: { province: '湖北', city: '武汉' },
      unit: {
        name: 'Wuhan University',
        type: 'university',
        stateEstablished: true,
        nonProfit: true,
        rule: { teamShare: 0.5 },
      },
      team,
    },
  };
  expect(
    (
      await call('POST', '/v1/cases/deferred-licence', 'tto', {
        ...licence,
        reward: { ...licence.reward, team: undefined },
      })
    ).body.issues,
  ).toEqual([{ path: 'reward.team', message: 'give the team, or the rightsGrantCaseId it comes from (not both)' }]);
  expect((await call('POST', '/v1/cases/deferred-licence', 'tto', licence)).status).toBe(201);
  const act = (id: string, role: Role, body: object) => call('POST', `/v1/cases/${id}/actions`, role, body);
  await eventually(
    () => call('GET', '/v1/cases/e2e-rw-lic', 'tto'),
    (r) => r.body?.pending?.stage === 'contract',
    'contract step',
  );
  await act('e2e-rw-lic', 'tto', { action: 'sign', reference: 'WHU-LIC-1' });
  await act('e2e-rw-lic', 'tto', { action: 'register', reference: '2026420001000099' });
  const paid = await call('POST', '/v1/licences/e2e-rw-lic/payments', 'tto', {
    amountCny: 100,
    reference: 'CCB-77',
    payer: 'Liangjiang Sensors Ltd.',
  });
  expect(paid.status).toBe(201);

  const id = 'e2e-rw-lic.rw-CCB-77';
  const opened = await eventually(
    () => call('GET', `/v1/cases/${id}`, 'tto'),
    (r) => r.body?.stage === 'split-confirmation',
    'reward case opened',
  );
  expect(opened.body).toMatchObject({
    kind: 'reward',
    workflowId: `reward/${id}`,
    source: { licenceCaseId: 'e2e-rw-lic' },
  });
  // The licensee does not learn that a reward case exists (404); the department may not take the office's step (403).
  expect((await act(id, 'licensee', { action: 'confirm-split', personId: 'r-1', reference: 'S' })).status).toBe(404);
  expect((await act(id, 'department', { action: 'confirm-split', personId: 'r-1', reference: 'S' })).status).toBe(403);
  expect((await act(id, 'tto', { action: 'confirm-split', personId: 'r-1' })).body.issues).toEqual([
    { path: 'reference', message: expect.stringMatching(/needs the signed split/) },
  ]);
  for (const m of team) await act(id, 'tto', { action: 'confirm-split', personId: m.id, reference: `SPLIT-${m.id}` });
  const review = await eventually(
    () => call('GET', `/v1/cases/${id}`, 'tto'),
    (r) => r.body?.pending?.stage === 'office-review',
    'office review',
  );
  // CNY 100.00 × 50 % = 50.00, in thirds: 16.67 + 16.67 + 16.66 (the fen left over to the earliest); taxable halves.
  expect(review.body.calculation.distribution).toMatchObject({
    poolCny: '50.00',
    taxRelief: true,
    people: [
      { id: 'r-1', amountCny: '16.67', taxableCny: '8.34' },
      { id: 'r-2', amountCny: '16.67', taxableCny: '8.34' },
      { id: 'r-3', amountCny: '16.66', taxableCny: '8.33' },
    ],
  });
  const tasks = await call('GET', '/v1/tasks', 'tto');
  expect(tasks.body.items).toEqual(
    expect.arrayContaining([expect.objectContaining({ caseId: id, kind: 'reward', stage: 'office-review' })]),
  );
  await act(id, 'tto', { action: 'approve' });
  await eventually(
    () => call('GET', `/v1/cases/${id}`, 'tto'),
    (r) => r.body?.pending?.stage === 'publicity',
    'publicity',
  );
  await tsw().env.sleep('30 days');
  await eventually(
    () => call('GET', `/v1/cases/${id}`, 'committee'),
    (r) => r.body?.pending?.stage === 'approval',
    'approval',
  );
  await act(id, 'committee', { action: 'approve' });
  await eventually(
    () => call('GET', `/v1/cases/${id}`, 'tto'),
    (r) => r.body?.pending?.stage === 'payment',
    'payment',
  );
  for (const m of team) await act(id, 'tto', { action: 'pay', personId: m.id, reference: `PAYROLL-${m.id}` });
  const done = await eventually(
    () => call('GET', `/v1/cases/${id}`, 'auditor'),
    (r) => r.body?.stage === 'distributed',
    'distributed',
  );
  expect(done.body.ledger).toMatchObject({
    income: '100.00',
    pool: '50.00',
    paid: '50.00',
    retained: '50.00',
    reconciled: true,
  });
  const rows = await tsw().db.prisma.rewardLedgerEntry.findMany({ where: { caseId: id } });
  const fen = (kinds: string[]) =>
    rows.filter((r) => kinds.includes(r.kind)).reduce((s, r) => s + Math.round(Number(r.amountCny) * 100), 0);
  expect(fen(['income'])).toBe(10_000);
  expect(fen(['payment', 'retained', 'deduction', 'department'])).toBe(10_000);
  const history = await call('GET', `/v1/cases/${id}/history`, 'auditor');
  expect(history.body.decisions.at(-1)).toMatchObject({ action: 'reconciled' });
});

test('the office launches a reward directly; another role may not; a team from an unknown grant is a 400', async () => {
  const body = { caseId: 'e2e-rw-direct', ...EXAMPLE_REWARD };
  expect((await call('POST', '/v1/cases/reward', 'bank', body)).status).toBe(403);
  const unknownGrant = await call('POST', '/v1/cases/reward', 'tto', {
    ...body,
    caseId: 'e2e-rw-grant',
    team: undefined,
    rightsGrantCaseId: 'no-such-grant',
  });
  expect(unknownGrant.body.issues).toEqual([{ path: 'rightsGrantCaseId', message: 'no case no-such-grant' }]);
  const first = await call('POST', '/v1/cases/reward', 'tto', body);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ kind: 'reward', stage: 'split-confirmation', workflowId: 'reward/e2e-rw-direct' });
  expect((await call('POST', '/v1/cases/reward', 'tto', body)).status).toBe(200);
  expect(await tsw().db.prisma.case.count({ where: { id: 'e2e-rw-grant' } })).toBe(0);
});

test('audit what-if re-evaluates calculated rewards under another pack: the 60 % unit rule flips under a 70 % floor', async () => {
  const act = (id: string, body: object) => call('POST', `/v1/cases/${id}/actions`, 'tto', body);
  const launch = async (caseId: string, teamShare: number) => {
    const body = {
      ...EXAMPLE_REWARD,
      caseId,
      jurisdiction: { province: '湖北', city: '武汉' },
      unit: { ...EXAMPLE_REWARD.unit, name: 'Wuhan University', rule: { teamShare, id: `whu-${teamShare}` } },
    };
    expect((await call('POST', '/v1/cases/reward', 'tto', body)).status).toBe(201);
    await eventually(
      () => call('GET', `/v1/cases/${caseId}`, 'tto'),
      (r) => r.body?.pending?.stage === 'split-confirmation',
      'split confirmation',
    );
    for (const m of EXAMPLE_REWARD.team)
      await act(caseId, { action: 'confirm-split', personId: m.id, reference: `S-${m.id}` });
    return eventually(
      () => call('GET', `/v1/cases/${caseId}`, 'tto'),
      (r) => r.body?.pending?.stage === 'office-review',
      'calculated',
    );
  };
  const sixty = await launch('e2e-wi-60', 0.6);
  await launch('e2e-wi-75', 0.75);
  // Both decided on 2026-07-01 (the period asked about: the licence's reward case above is decided today).
  // A case awaiting its confirmations has no decision yet: not considered.
  expect((await call('POST', '/v1/cases/reward', 'tto', { ...EXAMPLE_REWARD, caseId: 'e2e-wi-open' })).status).toBe(
    201,
  );
  expect(sixty.body.calculation).toMatchObject({ decision: 'approved', policy: { id: 'cn-reward-law-2015' } });

  const before = await tsw().db.prisma.rewardLedgerEntry.count();
  const res = await call('POST', '/v1/audit/what-if', 'auditor', {
    mechanism: 'reward',
    policy: 'cn-guangdong-reward@2024.1',
    jurisdiction: '武汉',
    since: '2026-07-01',
    until: '2026-07-02',
  });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    mechanism: 'reward',
    policy: 'cn-guangdong-reward@2024.1',
    considered: 2,
    changed: [
      {
        id: 'reward/e2e-wi-60',
        asOf: sixty.body.calculation.asOf,
        jurisdiction: '武汉',
        recorded: { decision: 'approved', policy: 'cn-reward-law-2015@2018.1' },
        wouldBe: 'rejected',
        failingChecks: ['team-share-floor'],
      },
    ],
    counts: { '武汉: approved → rejected': 1 },
  });
  // Under the national floor again nothing flips; the auditor's question wrote nothing.
  const same = await call('POST', '/v1/audit/what-if', 'auditor', {
    mechanism: 'reward',
    policy: 'cn-reward-law-2015@2018.1',
    jurisdiction: '武汉',
    since: '2026-07-01',
    until: '2026-07-02',
  });
  expect(same.body).toMatchObject({ considered: 2, changed: [], counts: {} });
  // The command line asks the same through the API.
  const printed = await cli(
    [
      'audit',
      'what-if',
      '--mechanism',
      'reward',
      '--policy',
      'cn-guangdong-reward@2024.1',
      '--jurisdiction',
      '武汉',
      '--since',
      '2026-07-01',
      '--until',
      '2026-07-02',
      '--csv',
    ],
    { TRANSFERFLOW_API_URL: base, TRANSFERFLOW_API_KEY: keyOf('auditor') },
  );
  expect(printed.stdout.trim().split('\n')).toEqual([
    'id,asOf,jurisdiction,recorded,recordedPolicy,wouldBe,failingChecks',
    `reward/e2e-wi-60,${sixty.body.calculation.asOf},武汉,approved,cn-reward-law-2015@2018.1,rejected,team-share-floor`,
  ]);
  expect(await tsw().db.prisma.rewardLedgerEntry.count()).toBe(before);
  // A pack of another mechanism is a 400 on policy; the office may not run it.
  expect(
    await call('POST', '/v1/audit/what-if', 'auditor', { mechanism: 'reward', policy: 'cn-tech-ma-pilot@2025.1' }),
  ).toMatchObject({ status: 400, body: { issues: [{ path: 'policy' }] } });
  expect(
    (await call('POST', '/v1/audit/what-if', 'tto', { mechanism: 'reward', policy: 'cn-guangdong-reward@2024.1' }))
      .status,
  ).toBe(403);
});
