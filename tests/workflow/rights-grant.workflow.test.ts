// rightsGrant on the time-skipping test server with its real activities writing to PGlite:
// every branch — the happy path, rejections, refused updates, an objection during publicity,
// escalation of an overdue step, LTU expiry and extension, reclaim — in seconds.
import type { RightsGrantInput } from '../../policies/rights-grant/input-schema';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { rightsGrantViewQuery as viewQuery, type RightsGrantView } from '../../workflows/rights-grant-definitions';
import {
  act as driverAct,
  eventually,
  PEOPLE,
  reach,
  sleepThroughPublicity,
  startCase,
  throughReviews,
} from '../support/rights-grant-driver';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { expectReplays as expectReplaysOf } from '../support/replay-live';

// The clock starts on an ordinary Monday (no holiday within weeks, a year whose notice is known), so
// the histories below do not depend on the day the tests run.
const tsw = useTimeSkippingWorker('rg-test', { startAt: Date.parse('2026-03-09T09:00:00+08:00') });
const people = PEOPLE;
const start = (caseId: string, request?: RightsGrantInput) => startCase(tsw().env.client, 'rg-test', caseId, request);
const act = driverAct;

/** Every branch must also replay: the gate's committed histories come from the dev server, these from here. */
const expectReplays = (workflowId: string, runId?: string) => expectReplaysOf(tsw().env.client, workflowId, runId);

test('happy path: reviews, publicity, decision, agreement, ledger, watch, commercialised', async () => {
  const handle = await start('rg-happy');
  const opened = await reach(handle, 'department-review');
  expect(opened.eligibility).toMatchObject({
    decision: 'eligible',
    policy: { id: 'cn-hefei-metro-rights-grant' },
    publicityDays: 15,
  });
  expect(opened.pending).toMatchObject({ roles: ['department'], escalated: false });
  await act(handle, 'department', { action: 'approve' });
  const inPublicity = await act(handle, 'tto', { action: 'approve' });
  expect(inPublicity.stage).toBe('publicity');
  expect(inPublicity.publicityEndsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await sleepThroughPublicity(tsw().env, handle);
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
    'evaluated',
    'approve',
    'approve',
    'publicity-ended',
    'approve',
    'sign',
    'registered',
    'report-commercialised',
    'closed',
  ]);
  expect(final.history.every((h: { policy: string }) => h.policy === 'cn-hefei-metro-rights-grant@2025.1')).toBe(true);
  await expectReplays(handle.workflowId);
  const row = await tsw().db.prisma.case.findUniqueOrThrow({ where: { id: 'rg-happy' } });
  expect(row).toMatchObject({ stage: 'closed', kind: 'rights-grant', eligibility: 'eligible', pendingRoles: [] });
  expect(row.version).toBeGreaterThan(9);
  expect(await tsw().db.prisma.ledgerEntry.findUnique({ where: { caseId: 'rg-happy' } })).toMatchObject({
    form: 'ownership',
    teamShare: '0.7',
    agreementReference: 'AGR-2026-017',
  });
  const events = await tsw().db.prisma.auditEvent.findMany({
    where: { caseId: 'rights-grant/rg-happy' },
    orderBy: { seq: 'asc' },
  });
  expect(events.map((e) => `${e.action}:${e.actorId}:${e.actorRole}`).slice(0, 3)).toEqual([
    'rights-grant.evaluated:tto-officer:tto',
    'rights-grant.approve:dept-head:department',
    'rights-grant.approve:tto-officer:tto',
  ]);
});

test('an ineligible request ends rejected at once, naming the failed checks', async () => {
  const handle = await start('rg-ineligible', {
    ...EXAMPLE_RIGHTS_GRANT,
    grant: { form: 'ownership', teamShare: 0.5 },
  });
  const final: RightsGrantView = await handle.result();
  expect(final.stage).toBe('rejected');
  expect(final.eligibility.checks.find((c) => c.id === 'ownership-share')?.passed).toBe(false);
});

test('refused updates: wrong role, wrong stage, missing reason — and the case is unchanged', async () => {
  const handle = await start('rg-refused');
  await reach(handle, 'department-review');
  await expect(act(handle, 'bank', { action: 'approve' })).rejects.toThrow(/^forbidden: role bank may not approve/);
  await expect(act(handle, 'tto', { action: 'approve' })).rejects.toThrow(
    /role tto may not approve at department-review/,
  );
  await expect(act(handle, 'department', { action: 'sign', reference: 'x' })).rejects.toThrow(
    /^invalid-state: .*sign is not possible/,
  );
  await expect(act(handle, 'department', { action: 'reject' })).rejects.toThrow(
    /^invalid-input: reject needs a reason/,
  );
  const view = await handle.query(viewQuery);
  expect(view.stage).toBe('department-review');
  expect(view.history.map((h) => h.action)).toEqual(['evaluated']);
  const rejected = await act(handle, 'department', { action: 'reject', reason: 'the licensee is a related party' });
  expect(rejected.stage).toBe('rejected');
  expect((await handle.result()).history.at(-1)).toMatchObject({
    action: 'reject',
    reason: 'the licensee is a related party',
    actor: people.department,
  });
});

test('an objection during publicity sends the case back to office review with the objection attached', async () => {
  const handle = await start('rg-objection');
  await throughReviews(handle);
  await tsw().env.sleep('3 days');
  const back = await act(handle, 'department', { action: 'object', reason: 'a co-inventor disputes the split' });
  expect(back.objections).toEqual([expect.objectContaining({ reason: 'a co-inventor disputes the split' })]);
  const review = await reach(handle, 'office-review');
  expect(review.pending?.roles).toEqual(['tto']);
  await act(handle, 'tto', { action: 'approve' });
  await reach(handle, 'publicity');
  await sleepThroughPublicity(tsw().env, handle);
  await reach(handle, 'collective-decision');
  await expectReplays(handle.workflowId);
});

test('an overdue step escalates: notified in the history, then the next role may act', async () => {
  const handle = await start('rg-escalation');
  await reach(handle, 'department-review');
  await tsw().env.sleep('11 days');
  const view = await eventually(
    () => handle.query(viewQuery),
    (v) => Boolean(v.pending?.escalated),
    'escalated',
  );
  expect(view.pending).toMatchObject({ stage: 'department-review', escalated: true, roles: ['department', 'tto'] });
  expect(view.history.at(-1)).toMatchObject({ action: 'escalated', actor: { id: 'transferflow', role: 'system' } });
  // The case row the console's inbox reads marks it escalated (and no longer due), then not once it moves on.
  const row = await eventually(
    () => tsw().db.prisma.case.findUnique({ where: { id: 'rg-escalation' } }),
    (r) => Boolean(r?.escalated),
    'escalated row',
  );
  expect(row).toMatchObject({ escalated: true, dueAt: null, pendingRoles: ['department', 'tto'] });
  const next = await act(handle, 'tto', { action: 'approve' });
  expect(next.stage).toBe('office-review');
  await eventually(
    () => tsw().db.prisma.case.findUnique({ where: { id: 'rg-escalation' } }),
    (r) => r?.stage === 'office-review' && r.escalated === false,
    'the next step not escalated',
  );
  await expectReplays(handle.workflowId);
});

test('a long-term use right: idle reminder, expiry notice, extension, then decline at the next expiry', async () => {
  const handle = await start('rg-ltu', { ...EXAMPLE_RIGHTS_GRANT, grant: { form: 'long-term-use', years: 10 } });
  await throughReviews(handle);
  await sleepThroughPublicity(tsw().env, handle);
  await reach(handle, 'collective-decision');
  await act(handle, 'committee', { action: 'approve' });
  await act(handle, 'tto', { action: 'sign', reference: 'LTU-9' });
  const watching = await reach(handle, 'watch');
  const firstExpiry = watching.ltuExpiresOn!;
  await tsw().env.sleep('400 days');
  await eventually(
    () => handle.query(viewQuery),
    (v) => v.history.some((h) => h.action === 'idle-reminder'),
    'reminded',
  );
  await act(handle, 'tto', { action: 'report-commercialised' });
  await tsw().env.sleep(`${8 * 365 + 160} days`); // into the six months' notice before expiry
  const expiring = await reach(handle, 'ltu-expiring');
  expect(expiring.pending?.roles).toEqual(['tto']);
  const extended = await act(handle, 'tto', { action: 'extend', reason: 'agreement honoured, product on the market' });
  expect(extended.stage).toBe('watch');
  // The renewal continues the case as a new run, carrying its history.
  const latest = await eventually(
    () => tsw().env.client.workflow.getHandle(handle.workflowId).describe(),
    (d) => d.runId !== handle.firstExecutionRunId,
    'continued as new',
  );
  expect(latest.runId).not.toBe(handle.firstExecutionRunId);
  expect((await handle.query(viewQuery)).history.map((h) => h.action)).toContain('extend');
  expect(Number(extended.ltuExpiresOn!.slice(0, 4)) - Number(firstExpiry.slice(0, 4))).toBe(10);
  await tsw().env.sleep(`${10 * 365 - 5} days`);
  await reach(handle, 'ltu-expiring');
  const ended = await act(handle, 'tto', { action: 'decline-extension', reason: 'the team stopped production' });
  expect(ended.stage).toBe('expired');
  expect((await handle.result()).stage).toBe('expired');
  await expectReplays(handle.workflowId, handle.firstExecutionRunId); // the run that continued as new
  await expectReplays(handle.workflowId); // the run that ended
});

test('a long watch with many reports continues as new and carries only its latest records; the audit log keeps every one', async () => {
  const handle = await start('rg-long-watch', { ...EXAMPLE_RIGHTS_GRANT, grant: { form: 'long-term-use', years: 10 } });
  await throughReviews(handle);
  await sleepThroughPublicity(tsw().env, handle);
  await reach(handle, 'collective-decision');
  await act(handle, 'committee', { action: 'approve' });
  await act(handle, 'tto', { action: 'sign', reference: 'LTU-LONG' });
  const watching = await reach(handle, 'watch');
  const before = watching.recorded ?? watching.history.length;
  for (let i = 0; i < 205; i++) await act(handle, 'tto', { action: 'report-commercialised' });
  const latest = await eventually(
    () => tsw().env.client.workflow.getHandle(handle.workflowId).describe(),
    (d) => d.runId !== handle.firstExecutionRunId,
    'continued as new',
  );
  expect(latest.runId).not.toBe(handle.firstExecutionRunId);
  const view = await handle.query(viewQuery);
  expect(view.recorded).toBe(before + 205);
  expect(view.history.length).toBeLessThanOrEqual(120 + 5);
  expect(view.history.at(-1)).toMatchObject({ action: 'report-commercialised' });
  const events = await tsw().db.prisma.auditEvent.count({ where: { caseId: 'rights-grant/rg-long-watch' } });
  expect(events).toBe(before + 205);
  await expectReplays(handle.workflowId, handle.firstExecutionRunId); // the run that continued as new (with its patch marker)
  await handle.terminate('test over');
}, 120_000);

test('a granted result never commercialised is reclaimed when the pack allows it', async () => {
  const handle = await start('rg-reclaim');
  await throughReviews(handle);
  await sleepThroughPublicity(tsw().env, handle);
  await reach(handle, 'collective-decision');
  await act(handle, 'committee', { action: 'approve' });
  await act(handle, 'tto', { action: 'sign', reference: 'AGR-5' });
  await reach(handle, 'watch');
  const final: RightsGrantView = await handle.result(); // the server skips the 60 months
  expect(final.stage).toBe('reclaimed');
  expect(final.history.map((h) => h.action).slice(-2)).toEqual(['idle-reminder', 'reclaimed']);
  expect((await tsw().db.prisma.case.findUniqueOrThrow({ where: { id: 'rg-reclaim' } })).stage).toBe('reclaimed');
  await expectReplays(handle.workflowId);
});
