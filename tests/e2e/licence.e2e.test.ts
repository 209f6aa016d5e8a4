// A licence through the HTTP API and the CLI on the Temporal dev server and PGlite: launch,
// refusals that change nothing, contract and registration, a backdated schedule that is
// already due — posted at registration with its grace counted from that day, never overdue or in
// default in the same second (the dev server cannot skip time), payments due, a payment sent twice, revenue (a
// referenced report sent four times is applied once), the reconciled ledger, termination.
import { addDays, addMonths, chinaDate } from '../../policies/dates';
import { cli } from '../support/cli';
import { licenceFixture } from '../support/licence-driver';
import { eventually } from '../support/rights-grant-driver';
import { KEYS, LICENSEE_ORG, useE2E } from '../support/stack';

const e2e = useE2E('pglite');
const today = chinaDate(Date.now());
// Free for 12 months from 12 months and 5 days ago: instalment 1 fell due 5 days ago, the next in about 25 days.
const effectiveOn = addDays(addMonths(today, -12), -5);
const base = licenceFixture({ effectiveOn, payment: { feeCny: 120_000, instalments: 12, intervalMonths: 1 } });
const body = { caseId: 'e2e-lic-1', ...base.request, asOf: today, payment: base.payment, guarantee: base.guarantee };

test('launch: 201, the same again 200, another request under the id 409, bad terms 400 — nothing started for the refusals', async () => {
  const first = await e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, body);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({
    caseId: 'e2e-lic-1',
    kind: 'deferred-licence',
    workflowId: 'deferred-licence/e2e-lic-1',
  });
  await eventually(
    () => e2e().db.prisma.case.findUnique({ where: { id: 'e2e-lic-1' } }),
    (r) => r !== null,
    'case row saved',
  );
  expect((await e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, body)).status).toBe(200);
  const other = await e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, {
    ...body,
    payment: { ...base.payment, feeCny: 1 },
  });
  expect(other.status).toBe(409);
  const bad = await e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, {
    ...body,
    caseId: 'e2e-lic-bad',
    payment: { royaltyRate: 0.03, periodMonths: 6, periods: 4 },
  });
  expect(bad.status).toBe(400);
  expect(bad.body.issues).toEqual([{ path: 'payment', message: expect.stringMatching(/deferred-fee licence needs/) }]);
  const money = await e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, {
    ...body,
    caseId: 'e2e-lic-bad',
    payment: { feeCny: 100.001, instalments: 2, intervalMonths: 1 },
  });
  expect(money.body.issues).toEqual([{ path: 'payment.feeCny', message: 'CNY amounts have at most 2 decimals' }]);
  expect((await e2e().call('POST', '/v1/cases/deferred-licence', KEYS.licensee, body)).status).toBe(403);
  expect(await e2e().db.prisma.case.count({ where: { id: 'e2e-lic-bad' } })).toBe(0);
});

test('contract and registration by the office; the licensee may not sign', async () => {
  const act = (key: string, b: object) => e2e().call('POST', '/v1/cases/e2e-lic-1/actions', key, b);
  expect((await act(KEYS.licensee, { action: 'sign', reference: 'X' })).status).toBe(403);
  expect((await act(KEYS.tto, { action: 'sign' })).body.issues).toEqual([
    { path: 'reference', message: expect.stringMatching(/sign needs a reference/) },
  ]);
  expect((await act(KEYS.tto, { action: 'sign', reference: 'CQU-LIC-2025-88' })).body.stage).toBe('registration');
  const registered = await act(KEYS.tto, { action: 'register', reference: '2025500001000888' });
  expect(registered.status).toBe(200);
  expect(registered.body.registrationNumber).toBe('2025500001000888');
});

test('the schedule catches up: instalment 1, due 5 days before registration, is posted as due that day (its grace counts from then) and listed as due; a payment sent twice is applied once; the ledger reconciles', async () => {
  const view = await eventually(
    () => e2e().call('GET', '/v1/cases/e2e-lic-1', KEYS.licensee),
    (r) => r.body.schedule?.[0]?.status === 'due',
    'instalment 1 posted as due',
  );
  expect(view.body.noticedOn).toBe(today);
  expect(view.body).toMatchObject({
    stage: 'paying',
    trigger: 'anniversary',
    paymentStartsOn: addMonths(effectiveOn, 12),
  });
  expect(view.body.ledger).toEqual({
    dueCny: '10000.00',
    paidCny: '0.00',
    overdueCny: '0.00',
    balanceCny: '10000.00',
  });

  const due = await e2e().call('GET', '/v1/licences/due?days=30', KEYS.tto);
  expect(due.body.items).toEqual([
    expect.objectContaining({
      caseId: 'e2e-lic-1',
      dueOn: addMonths(effectiveOn, 12),
      amountCny: '10000.00',
      overdueCny: '0.00',
    }),
  ]);
  expect((await e2e().call('GET', '/v1/licences/due?days=-1', KEYS.tto)).status).toBe(400);
  expect((await e2e().call('GET', '/v1/licences/due', KEYS.licensee)).status).toBe(403);

  const pay = { amountCny: 10000, reference: 'CCB-0001', payer: 'Liangjiang Sensors Ltd.' };
  const first = await e2e().call('POST', '/v1/licences/e2e-lic-1/payments', KEYS.tto, pay);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({
    applied: true,
    ledger: { paidCny: '10000.00', balanceCny: '0.00', overdueCny: '0.00' },
  });
  const again = await e2e().call('POST', '/v1/licences/e2e-lic-1/payments', KEYS.tto, pay);
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ applied: false, ledger: { paidCny: '10000.00' } });
  expect(
    (await e2e().call('POST', '/v1/licences/e2e-lic-1/payments', KEYS.tto, { ...pay, amountCny: 9000 })).status,
  ).toBe(400);
  expect((await e2e().call('POST', '/v1/licences/e2e-lic-1/payments', KEYS.auditor, pay)).status).toBe(403);
  expect((await e2e().call('POST', '/v1/licences/e2e-lic-1/payments', KEYS.licensee, pay)).status).toBe(403);

  // A licensee key limited to other licences neither sees nor reports on this one.
  expect((await e2e().call('GET', '/v1/cases/e2e-lic-1', KEYS.otherLicensee)).status).toBe(404);
  expect(
    (await e2e().call('POST', '/v1/licences/e2e-lic-1/revenue', KEYS.otherLicensee, { amountCny: 1 })).status,
  ).toBe(404);
  expect((await e2e().call('GET', '/v1/licences/e2e-lic-1/ledger', KEYS.otherLicensee)).status).toBe(404);
  const revenue = await e2e().call('POST', '/v1/licences/e2e-lic-1/revenue', KEYS.licensee, {
    amountCny: 250000,
    note: 'Q3 sales',
  });
  expect(revenue.status).toBe(200);
  expect(revenue.body.history.at(-1)).toMatchObject({ action: 'report-revenue', amountCny: '250000.00' });
  // The actor is the key's name and role: its scope (the organisation) is never recorded.
  expect(revenue.body.history.at(-1).actor).toEqual({ id: 'liangjiang-sensors', role: 'licensee' });
  const row = await e2e().db.prisma.case.findUniqueOrThrow({ where: { id: 'e2e-lic-1' } });
  expect((row.input as { licensee: { id: string } }).licensee.id).toBe(LICENSEE_ORG);
  expect(JSON.stringify(row.view)).not.toContain('licenseeId');
  // The licensee's inbox and the other licensee's: this licence is only the first's.
  const other = await e2e().call('GET', '/v1/tasks', KEYS.otherLicensee);
  expect(other.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain('e2e-lic-1');
  // A report with a reference, sent twice at once and once more: applied once.
  const q4 = { amountCny: 300000, reference: 'LJS-REV-Q4', note: 'Q4 sales' };
  const reports = await Promise.all(
    [0, 1, 2].map(() => e2e().call('POST', '/v1/licences/e2e-lic-1/revenue', KEYS.licensee, q4)),
  );
  expect(reports.map((r) => r.status)).toEqual([200, 200, 200]);
  const resent = await e2e().call('POST', '/v1/licences/e2e-lic-1/revenue', KEYS.licensee, q4);
  expect(resent.body.applied).toBe(false);
  expect(resent.body.revenueReports).toEqual([
    { reference: 'LJS-REV-Q4', amountCny: '300000.00', on: expect.any(String) },
  ]);
  expect(resent.body.history.filter((h: { reference?: string }) => h.reference === 'LJS-REV-Q4')).toHaveLength(1);
  const otherAmount = await e2e().call('POST', '/v1/licences/e2e-lic-1/revenue', KEYS.licensee, {
    ...q4,
    amountCny: 1,
  });
  expect(otherAmount).toMatchObject({ status: 400, body: { issues: [{ path: 'reference' }] } });

  const ledger = await e2e().call('GET', '/v1/licences/e2e-lic-1/ledger', KEYS.auditor);
  expect(ledger.body).toMatchObject({
    reconciled: true,
    totals: { dueCny: '10000.00', paidCny: '10000.00', balanceCny: '0.00' },
  });
  expect(ledger.body.entries.map((e: { kind: string; amountCny: string }) => `${e.kind}:${e.amountCny}`)).toEqual([
    'due:10000.00',
    'payment:10000.00',
  ]);
  expect(await e2e().db.prisma.licenceLedgerEntry.count({ where: { caseId: 'e2e-lic-1', kind: 'payment' } })).toBe(1);
});

test('the CLI shows the ledger and the payments due, records a payment once, and the office terminates', async () => {
  const env = { TRANSFERFLOW_API_URL: e2e().stack.apiUrl, TRANSFERFLOW_API_KEY: KEYS.tto };
  const ledger = await cli(['licence', 'ledger', 'e2e-lic-1'], env);
  expect(ledger.code).toBe(0);
  expect(ledger.stdout).toMatch(/balance 0\.00 — equals the sum of its entries/);
  const paid = await cli(
    ['licence', 'pay', 'e2e-lic-1', '500.50', '--reference', 'CCB-0002', '--payer', 'Liangjiang Sensors Ltd.'],
    env,
  );
  expect(paid.stdout).toMatch(/^applied/);
  expect(
    (
      await cli(
        ['licence', 'pay', 'e2e-lic-1', '500.50', '--reference', 'CCB-0002', '--payer', 'Liangjiang Sensors Ltd.'],
        env,
      )
    ).stdout,
  ).toMatch(/already applied earlier/);
  const bad = await cli(['licence', 'pay', 'e2e-lic-1', '5.005', '--reference', 'CCB-0003', '--payer', 'x'], env);
  expect(bad.code).toBe(2);
  const due = await cli(['licence', 'due', '--days', '400', '--json'], env);
  expect(JSON.parse(due.stdout).items[0]).toMatchObject({
    caseId: 'e2e-lic-1',
    dueOn: addMonths(effectiveOn, 13),
    amountCny: '9499.50',
  });
  const ended = await cli(
    ['case', 'act', 'e2e-lic-1', 'terminate', '--reason', 'licensee moved production abroad'],
    env,
  );
  expect(ended.code).toBe(0);
  expect(ended.stdout).toMatch(/TERMINATED/);
  const final = await e2e().call('GET', '/v1/cases/e2e-lic-1', KEYS.auditor);
  expect(final.body).toMatchObject({
    stage: 'terminated',
    running: false,
    ledger: { paidCny: '10500.50', dueCny: '10000.00', balanceCny: '-500.50' },
  });
  const tasks = await e2e().call('GET', '/v1/tasks', KEYS.tto);
  expect(tasks.body.items.some((t: { caseId: string }) => t.caseId === 'e2e-lic-1')).toBe(false);
});

test('the auditor exports the licence: every run replays, the money re-derives, the ledger rows are in the bundle', async () => {
  const bundle = await e2e().call(
    'GET',
    `/v1/audit/export?workflowId=${encodeURIComponent('deferred-licence/e2e-lic-1')}`,
    KEYS.auditor,
  );
  expect(bundle.status).toBe(200);
  expect(bundle.body.workflowType).toBe('deferredLicence');
  expect(bundle.body.verdicts.length).toBe(bundle.body.runs.length);
  expect(bundle.body.verdicts.every((v: { verified: boolean }) => v.verified)).toBe(true);
  expect(
    bundle.body.records.licenceLedger.map((e: { kind: string; amountCny: string }) => `${e.kind}:${e.amountCny}`),
  ).toEqual(['due:10000.00', 'payment:10000.00', 'payment:500.50']);
  expect(bundle.body.packs.map((p: { ref: string }) => p.ref)).toEqual(['cn-deferred-licence@2024.1']);
  // Every audit entry of the case has its inclusion proof against the signed head the manifest names.
  expect(bundle.body.proofs.entries.length).toBe(bundle.body.auditLog.length);
  expect(bundle.body.manifest).toMatchObject({ head: bundle.body.proofs.head, signature: expect.any(String) });
  expect(bundle.body.log).toMatchObject({ verified: true, problems: [] });
});

test('a whole life on the dev server through the API and CLI: launched late, all posted as due at registration without default, paid, schedule complete, converted', async () => {
  // Three monthly instalments that all fell due months ago: registration posts the whole schedule at
  // once, and the licensee gets its full grace from that day — no default, no claim, no credit flag.
  const late = licenceFixture({
    effectiveOn: addMonths(today, -16),
    payment: { feeCny: 9_000.01, instalments: 3, intervalMonths: 1 },
  });
  const launched = await e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, {
    caseId: 'e2e-life',
    ...late.request,
    asOf: today,
    payment: late.payment,
    guarantee: late.guarantee,
  });
  expect(launched.status).toBe(201);
  const env = { TRANSFERFLOW_API_URL: e2e().stack.apiUrl, TRANSFERFLOW_API_KEY: KEYS.tto };
  await eventually(
    () => e2e().call('GET', '/v1/cases/e2e-life', KEYS.tto),
    (r) => r.body.stage === 'contract',
    'contract',
  );
  expect((await cli(['case', 'act', 'e2e-life', 'sign', '--reference', 'LIC-LIFE'], env)).code).toBe(0);
  expect((await cli(['case', 'act', 'e2e-life', 'register', '--reference', 'REG-LIFE'], env)).code).toBe(0);
  const posted = await eventually(
    () => e2e().call('GET', '/v1/cases/e2e-life', KEYS.tto),
    (r) => r.body.schedule?.every((i: { posted: boolean }) => i.posted),
    'caught up: every instalment posted',
  );
  expect(posted.body.schedule.map((i: { amountCny: string }) => i.amountCny)).toEqual([
    '3000.00',
    '3000.00',
    '3000.01',
  ]);
  expect(posted.body.schedule.map((i: { status: string }) => i.status)).toEqual(['due', 'due', 'due']);
  expect(posted.body.stage).toBe('paying');
  expect(posted.body.creditFlagged ?? false).toBe(false);
  expect(posted.body.ledger).toMatchObject({ dueCny: '9000.01', overdueCny: '0.00', balanceCny: '9000.01' });
  const paid = await cli(
    [
      'licence',
      'pay',
      'e2e-life',
      '9000.01',
      '--reference',
      'LJS-PAY-1',
      '--payer',
      'Liangjiang Sensors Ltd.',
      '--json',
    ],
    env,
  );
  expect(paid.code).toBe(0);
  const end = await eventually(
    () => e2e().call('GET', '/v1/cases/e2e-life', KEYS.tto),
    (r) => r.body.stage === 'term-end',
    'term end',
  );
  expect(end.body.ledger).toEqual({ dueCny: '9000.01', paidCny: '9000.01', overdueCny: '0.00', balanceCny: '0.00' });
  const tasks = await e2e().call('GET', '/v1/tasks', KEYS.tto);
  expect(tasks.body.items).toEqual(
    expect.arrayContaining([expect.objectContaining({ caseId: 'e2e-life', stage: 'term-end' })]),
  );
  // Shares on convert open an equity record only for a licence with reward terms: this one has none (400, exit 2).
  const shares = {
    company: 'Liangjiang Sensors Ltd.',
    registeredCapitalCny: 2_000_000,
    shares: 100_000,
    valuationCny: 9_000,
    appraised: false,
  };
  const refused = await cli(
    ['case', 'act', 'e2e-life', 'convert', '--reason', 'stake', '--equity', '-'],
    env,
    JSON.stringify(shares),
  );
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/equity.*reward terms/s);
  const converted = await cli(
    ['case', 'act', 'e2e-life', 'convert', '--reason', 'converted to a 5 % equity stake (以权代股)'],
    env,
  );
  expect(converted.code).toBe(0);
  expect(converted.stdout).toMatch(/CONVERTED/);
  const ledger = await e2e().call('GET', '/v1/licences/e2e-life/ledger', KEYS.auditor);
  expect(ledger.body).toMatchObject({ stage: 'converted', reconciled: true });
  const count = (kind: string) => ledger.body.entries.filter((e: { kind: string }) => e.kind === kind).length;
  expect({ due: count('due'), claims: count('guarantee-claim'), payments: count('payment') }).toEqual({
    due: 3,
    claims: 0,
    payments: 1,
  }); // paid within the grace that began at registration: no guarantee was claimed
});
