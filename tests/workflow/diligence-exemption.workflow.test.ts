// diligenceExemption on the time-skipping test server with its real activities writing to PGlite:
// acceptance, findings citing evidence, the evaluator's preliminary finding, a committee that
// agrees or differs with a reason, the result applied, corrective actions (one overdue), refusals,
// escalation, decline, and the Jiangsu role mapping. Every branch replays.
import { reviewViewQuery, type ReviewView } from '../../workflows/diligence-exemption-definitions';
import { evidence, findAll, reachReview, reviewAct as act, reviewRequest, startReview } from '../support/review-driver';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { expectReplays as replays } from '../support/replay-live';
import { addDays, chinaDate } from '../../policies/dates';

const tsw = useTimeSkippingWorker('de-test');
const start = (id: string, r = reviewRequest()) => startReview(tsw().env.client, 'de-test', id, r);

const expectReplays = (workflowId: string) => replays(tsw().env.client, workflowId);

test('clean negotiated deal: both exempt, the committee agrees, result applied, a corrective action runs late and is completed', async () => {
  const handle = await start('de-happy');
  const opened = await reachReview(handle, 'acceptance');
  expect(opened.pending?.roles).toEqual(['reviewer']);
  expect(opened.open).toHaveLength(5 + 2 * 6);
  await act(handle, 'reviewer', { action: 'accept' });
  const found = await findAll(handle, ['Li Ming', 'Zhao Hua']);
  expect(found.open).toEqual([]);
  const det = await reachReview(handle, 'determination');
  expect(det.preliminary?.map((p) => [p.person, p.decision.decision])).toEqual([
    ['Li Ming', 'exempt'],
    ['Zhao Hua', 'exempt'],
  ]);
  expect(det.pending?.roles).toEqual(['committee']);
  const today = chinaDate(await tsw().env.currentTimeMs());
  const decided = await act(handle, 'committee', {
    action: 'determine',
    outcomes: [
      { person: 'Li Ming', outcome: 'exempt' },
      { person: 'Zhao Hua', outcome: 'exempt' },
    ],
    correctiveActions: [
      {
        description: 'publish the pricing file on the exchange archive',
        owner: 'tech-transfer office',
        dueOn: addDays(today, 10),
      },
    ],
  });
  expect(decided.stage).toBe('result');
  expect(decided.determination?.evidence.map((e) => e.name).sort()).toEqual([
    'collectiveDecision.pdf',
    'declaration-Li Ming.pdf',
    'declaration-Zhao Hua.pdf',
    'internalRulesExist.pdf',
    'pricing.pdf',
    'publicisedInUnit.pdf',
    'publicisedOnExchange.pdf',
  ]);
  await expect(act(handle, 'tto', { action: 'apply-result' })).rejects.toThrow(
    /^invalid-input: apply-result needs the reference/,
  );
  const applied = await act(handle, 'tto', { action: 'apply-result', reference: 'HR-APPRAISAL-2026-114' });
  expect(applied.stage).toBe('corrective-actions');
  await tsw().env.sleep('12 days');
  const late = await reachReview(handle, 'corrective-actions').then(() =>
    tsw().env.client.workflow.getHandle(handle.workflowId).query(reviewViewQuery),
  );
  expect(late.history.at(-1)).toMatchObject({ action: 'action-overdue', subject: 'CA-1' });
  await act(handle, 'tto', { action: 'complete-action', actionId: 'CA-1', reference: 'EXCH-ARCHIVE-77' });
  const final: ReviewView = await handle.result();
  expect(final.stage).toBe('closed');
  expect(final.correctiveActions[0]).toMatchObject({ done: true, reference: 'EXCH-ARCHIVE-77' });
  const events = await tsw().db.prisma.auditEvent.findMany({
    where: { caseId: handle.workflowId },
    orderBy: { seq: 'asc' },
  });
  expect(events).toHaveLength(final.history.length);
  expect(
    events.filter((e) => e.action === 'diligence-exemption.finding').every((e) => e.actorRole === 'reviewer'),
  ).toBe(true);
  const row = await tsw().db.prisma.case.findUniqueOrThrow({ where: { id: 'de-happy' } });
  expect(row).toMatchObject({ kind: 'diligence-exemption', stage: 'closed', eligibility: 'exempt,exempt' });
  await expectReplays(handle.workflowId);
});

test('a negative-list hit: preliminary not exempt; the committee may differ only with a written reason', async () => {
  const handle = await start('de-hit');
  await act(handle, 'reviewer', { action: 'accept' });
  // A finding may be revised while the review is open: the later one counts.
  await act(handle, 'reviewer', {
    action: 'finding',
    subject: 'Zhao Hua',
    item: 'illegalGain',
    value: false,
    evidence: [evidence('declaration.pdf')],
  });
  await findAll(handle, ['Li Ming', 'Zhao Hua'], { 'Zhao Hua/illegalGain': true, 'unit/publicisedOnExchange': false });
  const det = await reachReview(handle, 'determination');
  const pre = Object.fromEntries(det.preliminary!.map((p) => [p.person, p.decision]));
  expect(pre['Li Ming'].decision).toBe('not-exempt'); // unit-only publicity does not meet 16号
  expect(pre['Li Ming'].checks.find((c) => c.id === 'pricing-route')?.passed).toBe(false);
  expect(pre['Zhao Hua'].negativeListHits).toEqual(['illegal-gain']);
  await expect(
    act(handle, 'committee', { action: 'determine', outcomes: [{ person: 'Li Ming', outcome: 'not' }] }),
  ).rejects.toThrow(/one outcome for each applicant: Li Ming, Zhao Hua/);
  await expect(
    act(handle, 'committee', {
      action: 'determine',
      outcomes: [
        { person: 'Li Ming', outcome: 'partly' },
        { person: 'Zhao Hua', outcome: 'not' },
      ],
    }),
  ).rejects.toThrow(/Li Ming: the preliminary finding is not-exempt; "partly" needs a written reason/);
  await act(handle, 'committee', {
    action: 'determine',
    outcomes: [
      {
        person: 'Li Ming',
        outcome: 'partly',
        reason: 'exchange publicity was blocked by the platform outage of March 2025 (notice attached)',
      },
      { person: 'Zhao Hua', outcome: 'not' },
    ],
  });
  await act(handle, 'tto', { action: 'apply-result', reference: 'DISC-2026-9' });
  const final: ReviewView = await handle.result();
  expect(final).toMatchObject({
    stage: 'closed',
    determination: {
      outcomes: [
        { person: 'Li Ming', outcome: 'partly' },
        { person: 'Zhao Hua', outcome: 'not' },
      ],
    },
  });
  expect(
    final.findings.filter((f) => f.subject === 'Zhao Hua' && f.item === 'illegalGain').map((f) => f.value),
  ).toEqual([false, true]);
  await expectReplays(handle.workflowId);
});

test('refusals change nothing; an overdue acceptance escalates to an administrator; a decline needs a reason', async () => {
  const handle = await start('de-refused');
  await reachReview(handle, 'acceptance');
  await expect(act(handle, 'tto', { action: 'accept' })).rejects.toThrow(/^forbidden: role tto may not accept/);
  await expect(
    act(handle, 'reviewer', {
      action: 'finding',
      subject: 'unit',
      item: 'pricing',
      value: 'listing',
      evidence: [evidence('a')],
    }),
  ).rejects.toThrow(/^invalid-state/);
  await expect(act(handle, 'reviewer', { action: 'decline' })).rejects.toThrow(
    /^invalid-input: decline needs a reason/,
  );
  await tsw().env.sleep('16 days');
  const escalated = await reachReview(handle, 'acceptance');
  await tsw().env.sleep('1 second');
  const v = await handle.query(reviewViewQuery);
  expect(v.pending).toMatchObject({ escalated: true, roles: ['reviewer', 'admin'] });
  expect(escalated.history.map((h) => h.action)).toContain('opened');
  await act(handle, 'admin', { action: 'accept' });
  await expect(
    act(handle, 'reviewer', {
      action: 'finding',
      subject: 'unit',
      item: 'pricing',
      value: 'barter' as never,
      evidence: [evidence('a')],
    }),
  ).rejects.toThrow(/pricing is found as listing, auction or negotiated/);
  await expect(
    act(handle, 'reviewer', {
      action: 'finding',
      subject: 'unit',
      item: 'collectiveDecision',
      value: true,
      evidence: [],
    }),
  ).rejects.toThrow(/cites at least one document/);
  await expect(
    act(handle, 'reviewer', {
      action: 'finding',
      subject: 'Nobody',
      item: 'illegalGain',
      value: false,
      evidence: [evidence('a')],
    }),
  ).rejects.toThrow(/nothing to find for Nobody\/illegalGain/);
  expect((await handle.query(reviewViewQuery)).findings).toEqual([]);

  const declined = await start('de-declined');
  await reachReview(declined, 'acceptance');
  await act(declined, 'reviewer', { action: 'decline', reason: 'the applicant did not take part in the decision' });
  expect((await declined.result()).stage).toBe('declined');
  await expectReplays(handle.workflowId);
});

test('Jiangsu: a researcher answers only for the negative list, a manager not for internal rules', async () => {
  const handle = await start(
    'de-jiangsu',
    reviewRequest({
      jurisdiction: { province: '江苏省', city: '南京市' },
      applicants: [
        { name: 'Sun Li', role: 'researcher' },
        { name: 'Qian Wei', role: 'manager' },
        { name: 'Zhou Kai', role: 'leader' },
      ],
    }),
  );
  const opened = await reachReview(handle, 'acceptance');
  expect(opened.policy.id).toBe('cn-jiangsu-diligence-exemption');
  await act(handle, 'reviewer', { action: 'accept' });
  await findAll(handle, ['Sun Li', 'Qian Wei', 'Zhou Kai'], {
    'unit/internalRulesExist': false,
    'unit/collectiveDecision': true,
  });
  const det = await reachReview(handle, 'determination');
  expect(det.preliminary!.map((p) => [p.person, p.decision.decision])).toEqual([
    ['Sun Li', 'exempt'],
    ['Qian Wei', 'exempt'],
    ['Zhou Kai', 'not-exempt'],
  ]);
});

test('a 20-applicant review with revised findings keeps a history that grows by a constant per action', async () => {
  const applicants = Array.from({ length: 20 }, (_, i) => ({
    name: `Applicant ${String(i + 1).padStart(2, '0')}`,
    role: 'researcher' as const,
  }));
  const handle = await start('de-twenty', reviewRequest({ applicants }));
  await reachReview(handle, 'acceptance');
  await act(handle, 'reviewer', { action: 'accept' });
  // Every applicant's declaration is first found doubtful, then revised, before the last unit fact completes the set.
  for (const a of applicants)
    await act(handle, 'reviewer', {
      action: 'finding',
      subject: a.name,
      item: 'collusion',
      value: true,
      evidence: [evidence('tip.pdf')],
    });
  await findAll(
    handle,
    applicants.map((a) => a.name),
  );
  const view = await reachReview(handle, 'determination');
  const actions = 1 + applicants.length + 5 + applicants.length * 6;
  expect(view.findings).toHaveLength(actions - 1);
  expect(view.preliminary?.every((p) => p.decision.decision === 'exempt')).toBe(true);

  const history = await handle.fetchHistory();
  const { temporal } = await import('@temporalio/proto');
  const bytes = temporal.api.history.v1.History.encode(history).finish().length;
  const answers = history
    .events!.filter((e) => e.workflowExecutionUpdateCompletedEventAttributes)
    .map((e) => temporal.api.history.v1.HistoryEvent.encode(e).finish().length);
  expect(answers).toHaveLength(actions);
  // Each answer is an acknowledgement, not the view: the same size for the first finding as for the 145th.
  expect(Math.max(...answers)).toBeLessThan(1024);
  expect(Math.max(...answers) - Math.min(...answers)).toBeLessThan(256);
  // The whole history stays linear in the actions (an update answering with the whole view made it quadratic).
  expect(bytes / actions).toBeLessThan(6 * 1024);
  process.stdout.write(
    `20-applicant review: ${actions} actions, history ${(bytes / 1024).toFixed(0)} KiB (${(bytes / actions).toFixed(0)} bytes per action), largest answer ${Math.max(...answers)} bytes\n`,
  );
  await handle.terminate('test over');
}, 120_000);
