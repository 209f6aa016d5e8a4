// A bank's loan check end to end: HTTP API → Temporal dev server → worker → database, on
// PGlite and on PostgreSQL.
import { maLoanCheckResultSchema } from '../../policies/decision-schema';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';
import { loanRequest } from '../support/loan-fixtures';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { KEYS, useE2E } from '../support/stack';

describe.each(['pglite', 'postgres'] as const)('loan checks through the API on %s', (kind) => {
  const stack = useE2E(kind);

  test('a pilot loan is decided, recorded, searchable and readable by an auditor', async () => {
    const request = loanRequest({ requestId: 'e2e-1', loan: { amountCny: 80_000_000, termYears: 10 } });
    const res = await stack().call('POST', '/v1/loan-checks', KEYS.bank, request);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      mechanism: 'ma-loan',
      decision: 'approved',
      policy: { id: 'cn-tech-ma-pilot', version: '2025.1' },
      workflowId: 'ma-loan/cq-bank/e2e-1',
    });
    expect(res.body.checks.map((c: { id: string }) => c.id)).toEqual([
      'loan-ratio',
      'loan-term',
      'deal-type',
      'stake',
      'acquirer-eligibility',
      'bank-eligibility',
    ]);
    expect(maLoanCheckResultSchema.safeParse(res.body).success).toBe(true);
    expect(res.headers.get('location')).toBe(`/v1/loan-checks/${res.body.id}`);

    const read = await stack().call('GET', `/v1/loan-checks/${res.body.id}`, KEYS.auditor);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);

    const description = await stack().env.client.workflow.getHandle('ma-loan/cq-bank/e2e-1').describe();
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.caseKind)).toBe('ma-loan');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.policyId)).toBe('cn-tech-ma-pilot@2025.1');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.decision)).toBe('approved');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.jurisdiction)).toBe('chongqing');
    expect(await stack().db.prisma.auditEvent.count({ where: { caseId: 'ma-loan/cq-bank/e2e-1' } })).toBe(1);
  });

  test('50 identical submissions at once make one workflow and one record', async () => {
    const request = loanRequest({ requestId: 'e2e-dup', asOf: '2026-02-01', acquirer: { techEnterprise: false } });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => stack().call('POST', '/v1/loan-checks', KEYS.bank, request)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(responses[0].body.policy.id).toBe('cn-ma-loan-measures-2025');
    expect(await stack().db.prisma.loanCheck.count({ where: { requestId: 'e2e-dup' } })).toBe(1);
    expect(await stack().db.prisma.auditEvent.count({ where: { caseId: 'ma-loan/cq-bank/e2e-dup' } })).toBe(1);
    const runs = [];
    for await (const wf of stack().env.client.workflow.list({ query: `WorkflowId = 'ma-loan/cq-bank/e2e-dup'` }))
      runs.push(wf.runId);
    expect(runs).toHaveLength(1);
    const again = await stack().call('POST', '/v1/loan-checks', KEYS.bank, request);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(responses[0].body);
  });

  test('the same requestId with a different request is refused with 409 and changes nothing', async () => {
    const request = loanRequest({ requestId: 'e2e-conflict' });
    expect((await stack().call('POST', '/v1/loan-checks', KEYS.bank, request)).status).toBe(200);
    const res = await stack().call('POST', '/v1/loan-checks', KEYS.bank, {
      ...request,
      loan: { amountCny: 1, termYears: 1 },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('idempotency-conflict');
    const row = await stack().db.prisma.loanCheck.findFirstOrThrow({ where: { requestId: 'e2e-conflict' } });
    expect((row.request as { loan: { amountCny: number } }).loan.amountCny).toBe(60_000_000);
  });

  test('invalid input is a 400 with field paths, and nothing is started or written', async () => {
    const bad = loanRequest({ requestId: 'e2e-bad', deal: { transactionPriceCny: 123.456 }, loan: { termYears: -1 } });
    const res = await stack().call('POST', '/v1/loan-checks', KEYS.bank, bad);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid-input');
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'deal.transactionPriceCny',
      'loan.termYears',
    ]);
    const tooEarly = await stack().call(
      'POST',
      '/v1/loan-checks',
      KEYS.bank,
      loanRequest({ requestId: 'e2e-bad', asOf: '2010-01-01' }),
    );
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.issues[0].path).toBe('asOf');
    const notJson = await stack().call('POST', '/v1/loan-checks', KEYS.bank, '{"requestId":');
    expect(notJson.status).toBe(400);
    expect(await stack().db.prisma.loanCheck.count({ where: { requestId: 'e2e-bad' } })).toBe(0);
    await expect(stack().env.client.workflow.getHandle('ma-loan/cq-bank/e2e-bad').describe()).rejects.toThrow(
      /not found/i,
    );
  });

  test('roles: bank submits, auditor reads, others are refused', async () => {
    const request = loanRequest({ requestId: 'e2e-roles' });
    expect((await stack().call('POST', '/v1/loan-checks', undefined, request)).status).toBe(401);
    expect((await stack().call('POST', '/v1/loan-checks', 'not-a-key', request)).status).toBe(401);
    expect((await stack().call('POST', '/v1/loan-checks', KEYS.auditor, request)).status).toBe(403);
    expect((await stack().call('POST', '/v1/loan-checks', KEYS.tto, request)).status).toBe(403);
    expect((await stack().call('POST', '/v1/loan-checks', KEYS.otherBank, request)).status).toBe(403);
    // The bank key acts for cq-bank only, like the dev stack's: another bank's check is refused.
    const elsewhere = await stack().call('POST', '/v1/loan-checks', KEYS.bank, {
      ...request,
      bank: { ...request.bank, id: 'icbc' },
    });
    expect(elsewhere.body).toEqual({
      error: 'forbidden',
      message: 'key bank-ops does not act for bank icbc',
      reqId: expect.any(String),
    });
    expect((await stack().call('GET', '/v1/loan-checks?bankId=icbc', KEYS.bank)).body.items).toEqual([]);
    expect(await stack().db.prisma.loanCheck.count({ where: { requestId: 'e2e-roles' } })).toBe(0);
    const created = await stack().call('POST', '/v1/loan-checks', KEYS.admin, request);
    expect(created.status).toBe(200);
    expect((await stack().call('GET', `/v1/loan-checks/${created.body.id}`, KEYS.tto)).status).toBe(403);
    expect((await stack().call('GET', `/v1/loan-checks/${created.body.id}`, KEYS.otherBank)).status).toBe(404);
    expect((await stack().call('GET', `/v1/loan-checks/${created.body.id}`, KEYS.bank)).status).toBe(200);
    const list = await stack().call('GET', '/v1/loan-checks?decision=approved&limit=5', KEYS.auditor);
    expect(list.status).toBe(200);
    expect(list.body.items.every((i: { decision: string }) => i.decision === 'approved')).toBe(true);
  });

  test('evaluate is pure: a decision, no record', async () => {
    const body = loanRequest({ requestId: 'e2e-eval' });
    const res = await stack().call('POST', '/v1/evaluate/ma-loan', KEYS.auditor, body);
    expect(res.status).toBe(200);
    expect(res.body.decision).toBe('approved');
    expect(await stack().db.prisma.loanCheck.count({ where: { requestId: 'e2e-eval' } })).toBe(0);
    // A mechanism that does not exist is no route (and "constructor" is not one either).
    expect((await stack().call('POST', '/v1/evaluate/nonsense', KEYS.auditor, body)).status).toBe(404);
    const grant = await stack().call('POST', '/v1/evaluate/rights-grant', KEYS.tto, EXAMPLE_RIGHTS_GRANT);
    expect(grant.status).toBe(200);
    expect(grant.body).toMatchObject({
      mechanism: 'rights-grant',
      decision: 'eligible',
      policy: { id: 'cn-hefei-metro-rights-grant', version: '2025.1' },
    });
  });

  test('unknown ids and routes are JSON 404s; the OpenAPI document is served', async () => {
    expect((await stack().call('GET', '/v1/loan-checks/lc_bm9wZS9ub3Bl', KEYS.auditor)).status).toBe(404);
    expect((await stack().call('GET', '/v1/loan-checks/garbage', KEYS.auditor)).status).toBe(404);
    expect((await stack().call('GET', '/v1/nothing-here', KEYS.auditor)).body.error).toBe('not-found');
    const doc = await stack().call('GET', '/v1/openapi.json');
    expect(doc.body.paths['/v1/loan-checks'].post.requestBody).toBeDefined();
    expect(doc.body.components.schemas.MaLoanRequest.required).toEqual(
      expect.arrayContaining(['requestId', 'bank', 'acquirer', 'deal', 'loan']),
    );
    const list = () =>
      stack().call('GET', '/v1/cases?kind=ma-loan&decision=approved&policyId=cn-tech-ma-pilot@2025.1', KEYS.auditor);
    let listed = await list();
    // Visibility is eventually consistent: give the index a moment.
    for (
      let i = 0;
      i < 100 && !listed.body.items?.some((x: { workflowId: string }) => x.workflowId === 'ma-loan/cq-bank/e2e-1');
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50));
      listed = await list();
    }
    expect(listed.status).toBe(200);
    expect(listed.body.query).toBe(
      "CaseKind = 'ma-loan' AND Decision = 'approved' AND PolicyId = 'cn-tech-ma-pilot@2025.1'",
    );
    expect(listed.body.items.map((i: { workflowId: string }) => i.workflowId)).toContain('ma-loan/cq-bank/e2e-1');
    expect(listed.body.items.every((i: { policyId: string }) => i.policyId === 'cn-tech-ma-pilot@2025.1')).toBe(true);
    expect((await stack().call('GET', "/v1/cases?kind=x' OR 1=1", KEYS.auditor)).status).toBe(400);
    // Office staff do not list banks' loan checks: refused when asked for, left out otherwise.
    expect((await stack().call('GET', '/v1/cases?kind=ma-loan', KEYS.tto)).status).toBe(403);
    const office = await stack().call('GET', '/v1/cases', KEYS.tto);
    expect(office.status).toBe(200);
    expect(office.body.query).toBe("CaseKind != 'ma-loan'");
    expect(office.body.items.filter((i: { kind: string }) => i.kind === 'ma-loan')).toEqual([]);
    // Ask for a head now (the sequencer also runs every second), then the whole log verifies under it.
    const head = await stack().call('POST', '/v1/audit/heads', KEYS.auditor);
    expect(head.status).toBe(200);
    const chain = await stack().call('GET', '/v1/audit/chain', KEYS.auditor);
    expect(chain.body).toMatchObject({ verified: true, problems: [] });
    expect(chain.body.entries).toBeGreaterThan(3);
    expect(chain.body.sequenced).toBeGreaterThanOrEqual(head.body.treeSize);
    const heads = await stack().call('GET', `/v1/audit/heads?since=1`, KEYS.auditor);
    expect(heads.body).toMatchObject({ latest: { treeSize: expect.any(Number) }, consistency: { from: 1 } });
    expect((await stack().call('POST', '/v1/audit/heads', KEYS.bank)).status).toBe(403);
    expect((await stack().call('GET', '/v1/audit/chain', KEYS.bank)).status).toBe(403);
    const health = await stack().call('GET', '/v1/health');
    expect(health.body).toEqual({ status: 'ok', temporal: 'ok', database: 'ok' });
  });
});
