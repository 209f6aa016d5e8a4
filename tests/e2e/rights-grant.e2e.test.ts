// A tech-transfer office drives a rights grant through the HTTP API: on the dev server the
// launch, the inbox and refusals; on the time-skipping server the whole path to the ledger,
// since the publicity period lasts 15 working days.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startStack, type Stack } from '../../client/stack';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { timeSkippingEnv } from '../support/temporal-env';
import { openTestDatabase, type TestDatabase } from '../support/test-db';
import { KEYS, testKeys, useE2E } from '../support/stack';
import { cli } from '../support/cli';

async function call(apiUrl: string, method: string, path: string, key?: string, body?: unknown) {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('on the dev server', () => {
  const e2e = useE2E('pglite');
  const api = (method: string, path: string, key?: string, body?: unknown) =>
    call(e2e().stack.apiUrl, method, path, key, body);

  test('launch, inbox, refusals, a department decision, and the history', async () => {
    const launched = await api('POST', '/v1/cases/rights-grant', KEYS.tto, {
      caseId: 'hfut-2026-001',
      ...EXAMPLE_RIGHTS_GRANT,
    });
    expect(launched.status).toBe(201);
    expect(launched.body).toMatchObject({
      caseId: 'hfut-2026-001',
      stage: 'department-review',
      eligibility: { decision: 'eligible' },
    });
    const again = await api('POST', '/v1/cases/rights-grant', KEYS.tto, {
      caseId: 'hfut-2026-001',
      ...EXAMPLE_RIGHTS_GRANT,
    });
    expect(again.status).toBe(200);
    const other = await api('POST', '/v1/cases/rights-grant', KEYS.tto, {
      caseId: 'hfut-2026-001',
      ...EXAMPLE_RIGHTS_GRANT,
      grant: { form: 'long-term-use', years: 12 },
    });
    expect(other.status).toBe(409);
    expect(
      (await api('POST', '/v1/cases/rights-grant', KEYS.bank, { caseId: 'x-1', ...EXAMPLE_RIGHTS_GRANT })).status,
    ).toBe(403);
    const bad = await api('POST', '/v1/cases/rights-grant', KEYS.tto, {
      caseId: 'x 1',
      ...EXAMPLE_RIGHTS_GRANT,
      grant: { form: 'ownership' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['caseId', 'grant.teamShare']);

    let inbox = await api('GET', '/v1/tasks', KEYS.department);
    for (let i = 0; i < 40 && !inbox.body.items.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      inbox = await api('GET', '/v1/tasks', KEYS.department);
    }
    expect(inbox.body).toMatchObject({
      role: 'department',
      items: [{ caseId: 'hfut-2026-001', stage: 'department-review', escalated: false }],
    });
    expect((await api('GET', '/v1/tasks?role=department', KEYS.tto)).status).toBe(403);

    expect((await api('POST', '/v1/cases/hfut-2026-001/actions', KEYS.auditor, { action: 'approve' })).status).toBe(
      403,
    );
    const wrongRole = await api('POST', '/v1/cases/hfut-2026-001/actions', KEYS.tto, { action: 'approve' });
    expect(wrongRole).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const noReason = await api('POST', '/v1/cases/hfut-2026-001/actions', KEYS.department, { action: 'reject' });
    expect(noReason).toMatchObject({ status: 400, body: { issues: [{ path: 'reason' }] } });
    const wrongStage = await api('POST', '/v1/cases/hfut-2026-001/actions', KEYS.department, {
      action: 'sign',
      reference: 'A-1',
    });
    expect(wrongStage).toMatchObject({ status: 409, body: { error: 'invalid-state' } });

    const approved = await api('POST', '/v1/cases/hfut-2026-001/actions', KEYS.department, { action: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.stage).toBe('office-review');
    const view = await api('GET', '/v1/cases/hfut-2026-001', KEYS.auditor);
    expect(view.body).toMatchObject({ stage: 'office-review', pending: { roles: ['tto'] }, running: true });
    const history = await api('GET', '/v1/cases/hfut-2026-001/history', KEYS.auditor);
    expect(
      history.body.decisions.map(
        (d: { action: string; actor: { id: string; role: string } }) => `${d.action}:${d.actor.id}:${d.actor.role}`,
      ),
    ).toEqual(['evaluated:tto-1:tto', 'approve:department-1:department']);
    expect(history.body.auditLog.map((e: { action: string }) => e.action)).toEqual([
      'rights-grant.evaluated',
      'rights-grant.approve',
    ]);
    expect((await api('GET', '/v1/cases/nope', KEYS.auditor)).status).toBe(404);
  });

  test('the same through the CLI: start, tasks, act, show, and its exit codes', async () => {
    const as = (key: string) => ({ TRANSFERFLOW_API_URL: e2e().stack.apiUrl, TRANSFERFLOW_API_KEY: key });
    const started = await cli(
      ['case', 'start', 'rights-grant', '--input', '-', '--json'],
      as(KEYS.tto),
      JSON.stringify({ caseId: 'cli-case-1', ...EXAMPLE_RIGHTS_GRANT }),
    );
    expect(started.code).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ caseId: 'cli-case-1', stage: 'department-review' });
    const tasks = await cli(['case', 'tasks'], as(KEYS.department));
    expect(tasks.code).toBe(0);
    expect(tasks.stdout).toMatch(/cli-case-1\s+department-review/);
    expect((await cli(['case', 'act', 'cli-case-1', 'approve'], as(KEYS.tto))).code).toBe(1);
    const noReason = await cli(['case', 'act', 'cli-case-1', 'reject'], as(KEYS.department));
    expect(noReason.code).toBe(2);
    expect(JSON.parse(noReason.stderr).issues[0].path).toBe('reason');
    const approved = await cli(['case', 'act', 'cli-case-1', 'approve'], as(KEYS.department));
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/^case cli-case-1 {2}OFFICE-REVIEW/);
    const shown = await cli(['case', 'show', 'cli-case-1'], as(KEYS.auditor));
    expect(shown.stdout).toMatch(/approve\s+department-1 \(department\)/);
    const down = await cli(['case', 'show', 'cli-case-1'], {
      TRANSFERFLOW_API_URL: 'http://127.0.0.1:1',
      TRANSFERFLOW_API_KEY: KEYS.auditor,
    });
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('http://127.0.0.1:1');
  });
});

describe('on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  beforeAll(async () => {
    [env, db] = await Promise.all([timeSkippingEnv(), openTestDatabase('pglite')]);
    stack = await startStack({
      temporal: { address: env.address, namespace: 'default' },
      database: db,
      keys: testKeys(),
      port: 0,
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await env?.teardown();
    await db?.destroy();
  });
  const api = (method: string, path: string, key?: string, body?: unknown) =>
    call(stack.apiUrl, method, path, key, body);

  test('from launch through publicity, decision and agreement to the separate ledger', async () => {
    expect(
      (await api('POST', '/v1/cases/rights-grant', KEYS.tto, { caseId: 'hfut-2026-002', ...EXAMPLE_RIGHTS_GRANT }))
        .status,
    ).toBe(201);
    expect(
      (await api('POST', '/v1/cases/hfut-2026-002/actions', KEYS.department, { action: 'approve' })).body.stage,
    ).toBe('office-review');
    expect((await api('POST', '/v1/cases/hfut-2026-002/actions', KEYS.tto, { action: 'approve' })).body.stage).toBe(
      'publicity',
    );
    await env.sleep('22 days');
    let view = await api('GET', '/v1/cases/hfut-2026-002', KEYS.committee);
    for (let i = 0; i < 100 && view.body.stage !== 'collective-decision'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = await api('GET', '/v1/cases/hfut-2026-002', KEYS.committee);
    }
    expect(view.body.stage).toBe('collective-decision');
    expect(
      (await api('POST', '/v1/cases/hfut-2026-002/actions', KEYS.committee, { action: 'approve' })).body.stage,
    ).toBe('agreement');
    expect(
      (await api('POST', '/v1/cases/hfut-2026-002/actions', KEYS.tto, { action: 'sign', reference: 'AGR-002' })).status,
    ).toBe(200);
    for (let i = 0; i < 100 && view.body.stage !== 'watch'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = await api('GET', '/v1/cases/hfut-2026-002', KEYS.tto);
    }
    expect(view.body).toMatchObject({ stage: 'watch', agreementReference: 'AGR-002' });
    expect(view.body.ledgerRegisteredAt).not.toBeNull();
    expect(await db.prisma.ledgerEntry.count({ where: { caseId: 'hfut-2026-002' } })).toBe(1);
  });
});
