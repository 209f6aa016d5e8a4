// deferredLicence on the time-skipping test server with its real activities writing to PGlite:
// years of a licence in seconds — each trigger, payment on time and late, default with the
// guarantee claim, cure, lapse, conversion, renewal, the deferral cap and continue-as-new —
// and after each, the ledger in the database equals the sum of its entries and the view.
import Decimal from 'decimal.js';
import { Worker } from '@temporalio/worker';
import { addDays, addMonths, chinaDate } from '../../policies/dates';
import { workflowBundle } from '../../worker/create-worker';
import type { LicenceView } from '../../workflows/deferred-licence-definitions';
import {
  atStage,
  licenceAct as act,
  LICENCE_PEOPLE,
  licenceFixture,
  type LicenceFixture,
  licenceView,
  reachLicence,
  signAndRegister,
  startLicence,
} from '../support/licence-driver';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { eventually } from '../support/rights-grant-driver';
import { actOnLicence } from '../../client/licences';
import { answeredHistory } from '../../client/audit/answered-history';

const tsw = useTimeSkippingWorker('dl-test');
const start = (id: string, f?: LicenceFixture) => startLicence(tsw().env.client, 'dl-test', id, f);
/** Licences start "today" on the server's clock, which earlier tests have moved years ahead. */
const fixture = async (o: Parameters<typeof licenceFixture>[0] = {}) =>
  licenceFixture({ effectiveOn: chinaDate(await tsw().env.currentTimeMs()), ...o });
const sleepDays = (n: number) => tsw().env.sleep(`${n} days`);

/** The ledger rows agree with the workflow: due and paid sums, each payment once, each due once. */
async function expectLedgerMatches(caseId: string, view: LicenceView): Promise<void> {
  const rows = await tsw().db.prisma.licenceLedgerEntry.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
  const sum = (kind: string) =>
    rows
      .filter((r) => r.kind === kind)
      .reduce((s, r) => s.plus(r.amountCny.toString()), new Decimal(0))
      .toFixed(2);
  expect(sum('due')).toBe(view.ledger.dueCny);
  expect(sum('payment')).toBe(view.ledger.paidCny);
  expect(new Decimal(sum('due')).minus(sum('payment')).toFixed(2)).toBe(view.ledger.balanceCny);
  expect(
    rows
      .filter((r) => r.kind === 'payment')
      .map((r) => r.reference)
      .sort(),
  ).toEqual(view.payments.map((p) => p.reference).sort());
  expect(rows.filter((r) => r.kind === 'due').map((r) => r.itemNo)).toEqual(
    view.schedule.filter((i) => i.posted).map((i) => i.no),
  );
}

/** Every run of the licence replays (continue-as-new makes several): follows the chain from the first run. */
async function expectReplays(workflowId: string, firstRunId: string): Promise<number> {
  const bundle = await workflowBundle();
  let runId: string | undefined = firstRunId;
  let runs = 0;
  while (runId) {
    const history = await tsw().env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: bundle }, answeredHistory(history), workflowId);
    runs++;
    runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

test('anniversary trigger, three yearly instalments paid on time, converted — one run per period', async () => {
  const f = await fixture();
  const effectiveOn = f.request.terms.effectiveOn;
  const handle = await start('dl-happy', f);
  const free = await signAndRegister(handle);
  expect(free.paymentStartsOn).toBe(addMonths(effectiveOn, 12));
  expect(free.contractReference).toBe('LIC-2026-001');
  await act(handle, 'licensee', { action: 'report-usage', reason: 'pilot line running' });
  await act(handle, 'licensee', { action: 'report-revenue', amountCny: '1200000.00' });

  await sleepDays(366); // the first anniversary: payment starts, instalment 1 falls due
  const paying = await reachLicence(handle, (v) => v.schedule[0]?.posted === true, 'instalment 1 posted');
  expect(paying).toMatchObject({ stage: 'paying', trigger: 'anniversary', freeUseRevenueCny: '1200000.00' });
  expect(paying.schedule.map((i) => [i.dueOn, i.amountCny])).toEqual([
    [addMonths(effectiveOn, 12), '100000.00'],
    [addMonths(effectiveOn, 24), '100000.00'],
    [addMonths(effectiveOn, 36), '100000.00'],
  ]);
  expect(paying.history.filter((h) => h.action === 'reminder').map((h) => h.item)).toEqual([1, 1]);
  await act(handle, 'tto', {
    action: 'record-payment',
    amountCny: '100000.00',
    reference: 'BANK-1',
    payer: 'Liangjiang Sensors Ltd.',
  });
  for (const n of [2, 3]) {
    await sleepDays(366);
    await reachLicence(handle, (v) => v.schedule[n - 1].posted, `instalment ${n} posted`);
    await act(handle, 'tto', {
      action: 'record-payment',
      amountCny: '100000.00',
      reference: `BANK-${n}`,
      payer: 'Liangjiang Sensors Ltd.',
    });
  }
  const end = await reachLicence(handle, atStage('term-end'), 'reached term end');
  expect(end.ledger).toEqual({ dueCny: '300000.00', paidCny: '300000.00', overdueCny: '0.00', balanceCny: '0.00' });
  expect(end.schedule.every((i) => i.status === 'paid')).toBe(true);
  expect(end.run).toBeGreaterThanOrEqual(3);
  await act(handle, 'tto', { action: 'convert', reason: 'converted to equity (以权代股)' });
  const final: LicenceView = await handle.result();
  expect(final.stage).toBe('converted');
  await expectLedgerMatches('dl-happy', final);
  expect(await expectReplays(handle.workflowId, handle.firstExecutionRunId)).toBe(final.run + 1);
  const row = await tsw().db.prisma.case.findUniqueOrThrow({ where: { id: 'dl-happy' } });
  expect(row).toMatchObject({ kind: 'deferred-licence', stage: 'converted', nextPaymentOn: null });
  const audit = await tsw().db.prisma.auditEvent.count({ where: { caseId: handle.workflowId } });
  expect(audit).toBe(final.history.length);
});

test('first revenue triggers royalties: rate × revenue, half-up to the fen, paid late inside the grace period', async () => {
  const f = await fixture({ trigger: 'first-revenue', payment: { royaltyRate: 0.035, periodMonths: 6, periods: 2 } });
  const handle = await start('dl-royalty', f);
  await signAndRegister(handle);
  await act(handle, 'licensee', { action: 'report-revenue', amountCny: '0.00' }); // no revenue yet: no trigger
  expect((await licenceView(handle)).stage).toBe('free-use');
  await sleepDays(40);
  const started = await act(handle, 'licensee', { action: 'report-revenue', amountCny: '10000.01' });
  const s = await reachLicence(handle, atStage('paying'), 'payment started');
  expect(started.stage === 'paying' || started.stage === 'free-use').toBe(true);
  expect(s.trigger).toBe('first-revenue');
  expect(s.schedule[0]).toMatchObject({
    kind: 'royalty',
    periodFrom: s.paymentStartsOn,
    revenueCny: '10000.01',
    amountCny: null,
  });
  await act(handle, 'licensee', { action: 'report-revenue', amountCny: '20000.00' });
  await sleepDays(190); // period 1 ends and is assessed: 0.035 × 30000.01 = 1050.00035 → 1050.00
  const assessed = await reachLicence(handle, (v) => v.schedule[0].amountCny !== null, 'period 1 assessed');
  expect(assessed.schedule[0].amountCny).toBe('1050.00');
  expect(assessed.schedule[0].dueOn).toBe(addDays(assessed.schedule[0].periodTo!, 30));
  await sleepDays(40); // past the due date: overdue, in grace
  const overdue = await reachLicence(handle, (v) => v.schedule[0].status === 'overdue', 'period 1 overdue');
  expect(overdue.ledger.overdueCny).toBe('1050.00');
  const late = await act(handle, 'tto', {
    action: 'record-payment',
    amountCny: '1050.00',
    reference: 'R-1',
    payer: 'Liangjiang Sensors Ltd.',
  });
  expect(late.schedule[0].status).toBe('paid');
  expect(late.history.find((h) => h.action === 'settled')?.reason).toMatch(/paid late/);
  await sleepDays(200); // period 2 had no revenue: assessed at 0.00 and settled by itself
  const end = await reachLicence(handle, atStage('term-end'), 'term end');
  expect(end.schedule[1]).toMatchObject({ amountCny: '0.00', status: 'paid' });
  await act(handle, 'tto', { action: 'close', reason: 'term complete' });
  const final: LicenceView = await handle.result();
  expect(final.stage).toBe('completed');
  await expectLedgerMatches('dl-royalty', final);
  await expectReplays(handle.workflowId, handle.firstExecutionRunId);
});

test('default after grace: guarantee claim and credit flag; payment cures it; then the patent lapses', async () => {
  const handle = await start(
    'dl-default',
    await fixture({ payment: { feeCny: 100_000, instalments: 3, intervalMonths: 6 } }),
  );
  await signAndRegister(handle);
  await sleepDays(366 + 31 + 2); // instalment 1 due, then 30 days of grace pass unpaid
  const defaulted = await reachLicence(handle, atStage('default'), 'defaulted');
  expect(defaulted.schedule.map((i) => i.amountCny)).toEqual(['33333.33', '33333.33', '33333.34']);
  expect(defaulted.creditFlagged).toBe(true);
  expect(defaulted.guaranteeClaims).toEqual([
    expect.objectContaining({ item: 1, amountCny: '33333.33', provider: 'PICC Chongqing' }),
  ]);
  expect(defaulted.history.slice(-3).map((h) => h.action)).toEqual(['defaulted', 'guarantee-claim', 'credit-flag']);
  expect(defaulted.pending?.roles).toEqual(['tto', 'admin']);
  const cured = await act(handle, 'tto', {
    action: 'record-payment',
    amountCny: '33333.33',
    reference: 'CLAIM-PICC-1',
    payer: 'PICC Chongqing',
  });
  expect(cured.stage).toBe('paying');
  // Cured: the flag is lifted, and the lifting recorded (issue 14 item 5); the default stays in the history.
  expect(cured.creditFlagged).toBe(false);
  expect(cured.history.slice(-2).map((h) => h.action)).toEqual(['resume', 'credit-flag-lifted']);
  await sleepDays(150); // instalment 2 falls due 18 months after the start
  await reachLicence(handle, (v) => v.schedule[1].posted, 'instalment 2 posted');
  const lapsed = await act(handle, 'tto', {
    action: 'patent-lapsed',
    reason: 'annual fee unpaid: patent lapsed (CNIPA notice)',
  });
  expect(lapsed.stage).toBe('lapsed');
  const final: LicenceView = await handle.result();
  expect(final.schedule.map((i) => i.status)).toEqual(['paid', 'due', 'cancelled']);
  expect(final.ledger).toMatchObject({ dueCny: '66666.66', paidCny: '33333.33', balanceCny: '33333.33' });
  await expectLedgerMatches('dl-default', final);
  const claims = await tsw().db.prisma.licenceLedgerEntry.findMany({
    where: { caseId: 'dl-default', kind: 'guarantee-claim' },
  });
  expect(claims.map((c) => c.amountCny.toString())).toEqual(['33333.33']);
  await expectReplays(handle.workflowId, handle.firstExecutionRunId);
});

test('anniversary royalties: revenue in free use is free, revenue after the anniversary bears the royalty', async () => {
  const f = await fixture({ payment: { royaltyRate: 0.05, periodMonths: 12, periods: 1 } });
  const handle = await start('dl-anniv-royalty', f);
  await signAndRegister(handle);
  await act(handle, 'licensee', { action: 'report-revenue', amountCny: '500000.00' });
  await sleepDays(190); // reminders would be pointless: nothing is assessed yet
  expect((await licenceView(handle)).stage).toBe('free-use');
  await sleepDays(180);
  const paying = await reachLicence(handle, atStage('paying'), 'anniversary passed');
  expect(paying.history.filter((h) => h.action === 'payment-started')).toHaveLength(1);
  const r = await act(handle, 'licensee', { action: 'report-revenue', amountCny: '200000.00' });
  expect(r.schedule[0].revenueCny).toBe('200000.00');
  expect(r.freeUseRevenueCny).toBe('500000.00');
  await sleepDays(370);
  const assessed = await reachLicence(handle, (v) => v.schedule[0].amountCny !== null, 'assessed');
  expect(assessed.schedule[0].amountCny).toBe('10000.00');
  await act(handle, 'tto', { action: 'terminate', reason: 'end of test' });
  await expectReplays(handle.workflowId, handle.firstExecutionRunId);
});

test('decades in miniature: 30 unpaid monthly periods, one run each; the licence carries only its latest records, the audit log keeps every one', async () => {
  const handle = await start(
    'dl-long',
    await fixture({ payment: { feeCny: 30_000, instalments: 30, intervalMonths: 1 } }),
  );
  await signAndRegister(handle);
  await sleepDays(365 + 31 * 30 + 40);
  const v = await reachLicence(
    handle,
    (x) => x.schedule.filter((i) => i.status === 'defaulted').length === 30,
    'every period defaulted',
  );
  expect(v.run).toBeGreaterThanOrEqual(30);
  expect(v.recorded).toBeGreaterThan(150); // posted, overdue, defaulted, claim, credit flag per period, and the opening ones
  expect(v.history.length).toBeLessThan(v.recorded!);
  expect(v.history.length).toBeLessThanOrEqual(120 + 10);
  await eventually(
    () => tsw().db.prisma.auditEvent.count({ where: { caseId: handle.workflowId } }),
    (n) => n === v.recorded,
    'every record audited',
  );
  const keys = await tsw().db.prisma.auditEvent.findMany({
    where: { caseId: handle.workflowId },
    select: { eventKey: true },
  });
  expect(new Set(keys.map((k) => k.eventKey)).size).toBe(v.recorded);
  await act(handle, 'tto', { action: 'terminate', reason: 'end of test' });
  await expectLedgerMatches('dl-long', await handle.result());
}, 120_000);

test('the same payment sent twice is applied once; a different payment under the same reference is refused', async () => {
  const handle = await start(
    'dl-dup',
    await fixture({ payment: { feeCny: 50_000, instalments: 2, intervalMonths: 12 } }),
  );
  await signAndRegister(handle);
  await sleepDays(366);
  await reachLicence(handle, (v) => v.schedule[0].posted, 'instalment 1 posted');
  const pay = {
    action: 'record-payment' as const,
    amountCny: '20000.00',
    reference: 'BANK-77',
    payer: 'Liangjiang Sensors Ltd.',
  };
  const [a, b] = await Promise.all([act(handle, 'tto', pay), act(handle, 'tto', pay)]);
  const again = await act(handle, 'tto', pay, 'retry-of-bank-77');
  for (const v of [a, b, again]) expect(v.payments).toHaveLength(1);
  expect(again.ledger.paidCny).toBe('20000.00');
  await expect(act(handle, 'tto', { ...pay, amountCny: '25000.00' })).rejects.toThrow(
    /^invalid-input: payment BANK-77 was already recorded as 20000.00/,
  );
  await expect(act(handle, 'licensee', { ...pay, reference: 'BANK-78' })).rejects.toThrow(
    /^forbidden: role licensee may not record-payment/,
  );
  await expect(
    act(handle, 'tto', { action: 'record-payment', amountCny: '0', reference: 'Z', payer: 'x' }),
  ).rejects.toThrow(/^invalid-input: a payment must be greater than 0/);
  await expect(act(handle, 'tto', { action: 'convert', reason: 'x' })).rejects.toThrow(
    /^invalid-state: the licence is at paying: convert is not possible/,
  );
  const v = await act(handle, 'tto', { action: 'terminate', reason: 'licensee wound up' });
  expect(v.stage).toBe('terminated');
  const final: LicenceView = await handle.result();
  expect(final.ledger).toMatchObject({ dueCny: '25000.00', paidCny: '20000.00', balanceCny: '5000.00' });
  await expectLedgerMatches('dl-dup', final);
});

test('the same revenue report sent twice (concurrently, then as a retry) is applied once; another report under its reference is refused', async () => {
  const handle = await start('dl-rev-dup', await fixture());
  await signAndRegister(handle);
  const client = tsw().env.client;
  const licensee = LICENCE_PEOPLE.licensee;
  const report = { action: 'report-revenue' as const, amountCny: 1200000, reference: 'LJS-REV-2027Q1' };
  // Through the client the API uses: its update id is the reference, so Temporal sees one update.
  const [a, b] = await Promise.all([
    actOnLicence(client, 'dl-rev-dup', report, licensee),
    actOnLicence(client, 'dl-rev-dup', report, licensee),
  ]);
  // A retry under another update id (a second API process, a resent request) reaches the workflow.
  const again = await act(handle, 'licensee', { ...report, amountCny: '1200000.00' }, 'resent-by-hand');
  for (const v of [a, b, again]) {
    expect(v.freeUseRevenueCny).toBe('1200000.00');
    expect(v.revenueReports).toEqual([
      { reference: 'LJS-REV-2027Q1', amountCny: '1200000.00', on: expect.any(String) },
    ]);
  }
  await expect(actOnLicence(client, 'dl-rev-dup', { ...report, amountCny: 1300000 }, licensee)).rejects.toMatchObject({
    issues: [{ path: 'reference', message: expect.stringMatching(/already applied as 1200000.00/) }],
  });
  // Without a reference a report is applied every time, as it always was.
  await act(handle, 'licensee', { action: 'report-revenue', amountCny: '5.00' });
  const last = await act(handle, 'licensee', { action: 'report-revenue', amountCny: '5.00' });
  expect(last.freeUseRevenueCny).toBe('1200010.00');
  expect(last.history.filter((h) => h.action === 'report-revenue')).toHaveLength(3);
  await act(handle, 'tto', { action: 'terminate', reason: 'test over' });
  await handle.result();
  expect(await expectReplays(handle.workflowId, handle.firstExecutionRunId)).toBe(1);
});

test('first-revenue trigger with no revenue: payment starts when the deferral cap runs out; renewal continues the schedule', async () => {
  const f = await fixture({
    trigger: 'first-revenue',
    payment: { feeCny: 12_000, instalments: 1, intervalMonths: 12 },
  });
  const handle = await start('dl-cap', f);
  await signAndRegister(handle);
  await sleepDays(3 * 366);
  const started = await reachLicence(handle, (v) => v.schedule[0]?.posted === true, 'capped start');
  expect(started).toMatchObject({
    trigger: 'deferral-cap',
    paymentStartsOn: addMonths(f.request.terms.effectiveOn, 36),
  });
  await act(handle, 'tto', {
    action: 'record-payment',
    amountCny: '12000.00',
    reference: 'CAP-1',
    payer: 'Liangjiang Sensors Ltd.',
  });
  const end = await reachLicence(handle, atStage('term-end'), 'term end');
  await expect(
    act(handle, 'tto', { action: 'renew', renewal: { royaltyRate: 0.02, periodMonths: 12, periods: 1 } }),
  ).rejects.toThrow(/renewal keeps the payment model/);
  const renewed = await act(handle, 'tto', {
    action: 'renew',
    renewal: { feeCny: 6_000, instalments: 1, intervalMonths: 12 },
  });
  expect(renewed.stage).toBe('paying');
  expect(renewed.schedule[1]).toMatchObject({
    no: 2,
    dueOn: addMonths(end.schedule[0].dueOn, 12),
    amountCny: '6000.00',
  });
  await act(handle, 'tto', {
    action: 'record-payment',
    amountCny: '6000.00',
    reference: 'ADVANCE-2',
    payer: 'Liangjiang Sensors Ltd.',
  }); // paid in advance: credit
  await sleepDays(370);
  const end2 = await reachLicence(
    handle,
    (v) => v.stage === 'term-end' && v.schedule[1].status === 'paid',
    'renewed term end',
  );
  expect(end2.ledger).toMatchObject({ dueCny: '18000.00', paidCny: '18000.00', balanceCny: '0.00' });
  expect(end2.history.filter((h) => h.action === 'reminder' && h.item === 2)).toEqual([]); // nothing to remind: already paid
  await act(handle, 'tto', { action: 'close', reason: 'term complete' });
  await expectLedgerMatches('dl-cap', await handle.result());
  await expectReplays(handle.workflowId, handle.firstExecutionRunId);
});

test('an ineligible licensee ends at once; an unsigned contract escalates to an administrator', async () => {
  const big = await fixture();
  big.request.licensee = { ...big.request.licensee, employees: 300, annualRevenueCny: 100_000_000 };
  const refused: LicenceView = await (await start('dl-big', big)).result();
  expect(refused.stage).toBe('ineligible');
  expect(refused.eligibility.checks.find((c) => c.id === 'licensee-sme')?.passed).toBe(false);

  const handle = await start('dl-slow', await fixture());
  await reachLicence(handle, atStage('contract'), 'contract');
  await expect(act(handle, 'admin', { action: 'sign', reference: 'X' })).rejects.toThrow(/^forbidden/);
  await sleepDays(31);
  const escalated = await reachLicence(handle, (v) => v.pending?.escalated === true, 'escalated');
  expect(escalated.pending?.roles).toEqual(['tto', 'admin']);
  await act(handle, 'admin', { action: 'sign', reference: 'LIC-LATE' });
  await reachLicence(handle, atStage('registration'), 'registration');
  await act(handle, 'tto', { action: 'terminate', reason: 'licensee withdrew before registration' });
  expect((await handle.result()).stage).toBe('terminated');
});
