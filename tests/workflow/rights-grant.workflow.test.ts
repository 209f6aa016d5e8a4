// rightsGrant on the time-skipping test server with its real activities writing to PGlite:
// every branch — the happy path, rejections, refused updates, an objection during publicity,
// escalation of an overdue step, LTU expiry and extension, reclaim — in seconds.
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { createActivities } from '../../activities';
import { workflowBundle } from '../../worker/create-worker';
import { contentHash } from '../../policies/canonical-json';
import type { RightsGrantInput } from '../../policies/rights-grant/input-schema';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import {
  actUpdate, RIGHTS_GRANT_WORKFLOW, rightsGrantWorkflowId, viewQuery,
  type CaseAction, type RightsGrantView, type Stage,
} from '../../workflows/rights-grant-definitions';
import { timeSkippingEnv } from '../support/temporal-env';
import { openTestDatabase, type TestDatabase } from '../support/test-db';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  [env, db] = await Promise.all([timeSkippingEnv(), openTestDatabase('pglite')]);
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'rg-test',
    workflowBundle: await workflowBundle(),
    activities: createActivities({ prisma: db.prisma }),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.destroy();
});

const people = {
  department: { id: 'dept-head', role: 'department' },
  tto: { id: 'tto-officer', role: 'tto' },
  committee: { id: 'committee-chair', role: 'committee' },
  admin: { id: 'admin-1', role: 'admin' },
  bank: { id: 'bank-ops', role: 'bank' },
};

async function start(caseId: string, request: RightsGrantInput = EXAMPLE_RIGHTS_GRANT): Promise<WorkflowHandleWithFirstExecutionRunId> {
  return env.client.workflow.start(RIGHTS_GRANT_WORKFLOW, {
    taskQueue: 'rg-test',
    workflowId: rightsGrantWorkflowId(caseId),
    args: [{ caseId, request, requestHash: contentHash(request), openedBy: people.tto }],
    // The Java test server gives a workflow without an execution timeout ten years; a watch lasts longer.
    workflowExecutionTimeout: '100 years',
  });
}

async function act(handle: WorkflowHandle, who: keyof typeof people, action: CaseAction): Promise<RightsGrantView> {
  try {
    return await handle.executeUpdate(actUpdate, { args: [{ ...action, actor: people[who] }] });
  } catch (error) {
    // A refused update fails with the validator's ApplicationFailure as its cause.
    const cause = (error as { cause?: { message?: string; type?: string } }).cause;
    throw new Error(cause?.message ? `${cause.type}: ${cause.message}` : (error as Error).message);
  }
}

/** Polls (real time, no skipping) until `get` gives a value that `ok` accepts; 20 s at most. */
async function eventually<T>(get: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`never ${what}: last ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function reach(handle: WorkflowHandle, stage: Stage): Promise<RightsGrantView> {
  return eventually(() => handle.query(viewQuery), (v) => v.stage === stage, `reached ${stage}`);
}

async function throughReviews(handle: WorkflowHandle): Promise<void> {
  await reach(handle, 'department-review');
  await act(handle, 'department', { action: 'approve' });
  await act(handle, 'tto', { action: 'approve' });
  await reach(handle, 'publicity');
}

test('happy path: reviews, publicity, decision, agreement, ledger, watch, commercialised', async () => {
  const handle = await start('rg-happy');
  const opened = await reach(handle, 'department-review');
  expect(opened.eligibility).toMatchObject({ decision: 'eligible', policy: { id: 'cn-hefei-metro-rights-grant' }, publicityDays: 15 });
  expect(opened.pending).toMatchObject({ roles: ['department'], escalated: false });
  await act(handle, 'department', { action: 'approve' });
  const inPublicity = await act(handle, 'tto', { action: 'approve' });
  expect(inPublicity.stage).toBe('publicity');
  expect(inPublicity.publicityEndsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await env.sleep('22 days'); // 15 working days are at most 21 calendar days
  await reach(handle, 'collective-decision');
  await act(handle, 'committee', { action: 'approve' });
  await act(handle, 'tto', { action: 'sign', reference: 'AGR-2026-017' });
  const watching = await reach(handle, 'watch');
  expect(watching.ledgerRegisteredAt).not.toBeNull();
  expect(watching.agreementReference).toBe('AGR-2026-017');
  const closed = await act(handle, 'tto', { action: 'report-commercialised' });
  expect(closed.commercialisedAt).not.toBeNull();
  const final = await handle.result();
  expect(final.stage).toBe('closed');
  expect(final.history.map((h: { action: string }) => h.action)).toEqual([
    'evaluated', 'approve', 'approve', 'publicity-ended', 'approve', 'sign', 'registered', 'report-commercialised', 'closed',
  ]);
  expect(final.history.every((h: { policy: string }) => h.policy === 'cn-hefei-metro-rights-grant@2025.1')).toBe(true);
  const row = await db.prisma.case.findUniqueOrThrow({ where: { id: 'rg-happy' } });
  expect(row).toMatchObject({ stage: 'closed', kind: 'rights-grant', eligibility: 'eligible', pendingRoles: [] });
  expect(row.version).toBeGreaterThan(9);
  expect(await db.prisma.ledgerEntry.findUnique({ where: { caseId: 'rg-happy' } })).toMatchObject({ form: 'ownership', teamShare: '0.7', agreementReference: 'AGR-2026-017' });
  const events = await db.prisma.auditEvent.findMany({ where: { caseId: 'rights-grant/rg-happy' }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => `${e.action}:${e.actorId}:${e.actorRole}`).slice(0, 3)).toEqual([
    'rights-grant.evaluated:tto-officer:tto', 'rights-grant.approve:dept-head:department', 'rights-grant.approve:tto-officer:tto',
  ]);
});

test('an ineligible request ends rejected at once, naming the failed checks', async () => {
  const handle = await start('rg-ineligible', { ...EXAMPLE_RIGHTS_GRANT, grant: { form: 'ownership', teamShare: 0.5 } });
  const final: RightsGrantView = await handle.result();
  expect(final.stage).toBe('rejected');
  expect(final.eligibility.checks.find((c) => c.id === 'ownership-share')?.passed).toBe(false);
});

test('refused updates: wrong role, wrong stage, missing reason — and the case is unchanged', async () => {
  const handle = await start('rg-refused');
  await reach(handle, 'department-review');
  await expect(act(handle, 'bank', { action: 'approve' })).rejects.toThrow(/^forbidden: role bank may not approve/);
  await expect(act(handle, 'tto', { action: 'approve' })).rejects.toThrow(/role tto may not approve at department-review/);
  await expect(act(handle, 'department', { action: 'sign', reference: 'x' })).rejects.toThrow(/^invalid-state: .*sign is not possible/);
  await expect(act(handle, 'department', { action: 'reject' })).rejects.toThrow(/^invalid-input: reject needs a reason/);
  const view = await handle.query(viewQuery);
  expect(view.stage).toBe('department-review');
  expect(view.history.map((h) => h.action)).toEqual(['evaluated']);
  const rejected = await act(handle, 'department', { action: 'reject', reason: 'the licensee is a related party' });
  expect(rejected.stage).toBe('rejected');
  expect((await handle.result()).history.at(-1)).toMatchObject({ action: 'reject', reason: 'the licensee is a related party', actor: people.department });
});

test('an objection during publicity sends the case back to office review with the objection attached', async () => {
  const handle = await start('rg-objection');
  await throughReviews(handle);
  await env.sleep('3 days');
  const back = await act(handle, 'department', { action: 'object', reason: 'a co-inventor disputes the split' });
  expect(back.objections).toEqual([expect.objectContaining({ reason: 'a co-inventor disputes the split' })]);
  const review = await reach(handle, 'office-review');
  expect(review.pending?.roles).toEqual(['tto']);
  await act(handle, 'tto', { action: 'approve' });
  await reach(handle, 'publicity');
  await env.sleep('22 days');
  await reach(handle, 'collective-decision');
});

test('an overdue step escalates: notified in the history, then the next role may act', async () => {
  const handle = await start('rg-escalation');
  await reach(handle, 'department-review');
  await env.sleep('11 days');
  const view = await eventually(() => handle.query(viewQuery), (v) => Boolean(v.pending?.escalated), 'escalated');
  expect(view.pending).toMatchObject({ stage: 'department-review', escalated: true, roles: ['department', 'tto'] });
  expect(view.history.at(-1)).toMatchObject({ action: 'escalated', actor: { id: 'transferflow', role: 'system' } });
  const next = await act(handle, 'tto', { action: 'approve' });
  expect(next.stage).toBe('office-review');
});

test('a long-term use right: idle reminder, expiry notice, extension, then decline at the next expiry', async () => {
  const handle = await start('rg-ltu', { ...EXAMPLE_RIGHTS_GRANT, grant: { form: 'long-term-use', years: 10 } });
  await throughReviews(handle);
  await env.sleep('22 days');
  await reach(handle, 'collective-decision');
  await act(handle, 'committee', { action: 'approve' });
  await act(handle, 'tto', { action: 'sign', reference: 'LTU-9' });
  const watching = await reach(handle, 'watch');
  const firstExpiry = watching.ltuExpiresOn!;
  await env.sleep('400 days');
  await eventually(() => handle.query(viewQuery), (v) => v.history.some((h) => h.action === 'idle-reminder'), 'reminded');
  await act(handle, 'tto', { action: 'report-commercialised' });
  await env.sleep(`${8 * 365 + 160} days`); // into the six months' notice before expiry
  const expiring = await reach(handle, 'ltu-expiring');
  expect(expiring.pending?.roles).toEqual(['tto']);
  const extended = await act(handle, 'tto', { action: 'extend', reason: 'agreement honoured, product on the market' });
  expect(extended.stage).toBe('watch');
  // The renewal continues the case as a new run, carrying its history.
  const latest = await eventually(() => env.client.workflow.getHandle(handle.workflowId).describe(), (d) => d.runId !== handle.firstExecutionRunId, 'continued as new');
  expect(latest.runId).not.toBe(handle.firstExecutionRunId);
  expect((await handle.query(viewQuery)).history.map((h) => h.action)).toContain('extend');
  expect(Number(extended.ltuExpiresOn!.slice(0, 4)) - Number(firstExpiry.slice(0, 4))).toBe(10);
  await env.sleep(`${10 * 365 - 5} days`);
  await reach(handle, 'ltu-expiring');
  const ended = await act(handle, 'tto', { action: 'decline-extension', reason: 'the team stopped production' });
  expect(ended.stage).toBe('expired');
  expect((await handle.result()).stage).toBe('expired');
});

test('a granted result never commercialised is reclaimed when the pack allows it', async () => {
  const handle = await start('rg-reclaim');
  await throughReviews(handle);
  await env.sleep('22 days');
  await reach(handle, 'collective-decision');
  await act(handle, 'committee', { action: 'approve' });
  await act(handle, 'tto', { action: 'sign', reference: 'AGR-5' });
  await reach(handle, 'watch');
  const final: RightsGrantView = await handle.result(); // the server skips the 60 months
  expect(final.stage).toBe('reclaimed');
  expect(final.history.map((h) => h.action).slice(-2)).toEqual(['idle-reminder', 'reclaimed']);
  expect((await db.prisma.case.findUniqueOrThrow({ where: { id: 'rg-reclaim' } })).stage).toBe('reclaimed');
});
