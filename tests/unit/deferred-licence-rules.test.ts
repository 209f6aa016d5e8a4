// The licence's act rules, without a server: who may do what in which stage, what each action must
// carry, what each does to the licence and its ledger, and the order of the moments it waits for.
import { getPack } from '../../policies/registry';
import { ROLES } from '../../client/api/auth';
import type { DeferredLicenceParameters } from '../../policies/deferred-licence/parameters';
import { buildSchedule, totals } from '../../policies/deferred-licence/schedule';
import { chinaMidnight } from '../../policies/dates';
import {
  ACTIONS,
  LICENSEE_ACTIONS,
  applyLicenceAct,
  licenceMoments,
  validateLicenceAct,
  type LicenceContext,
} from '../../workflows/deferred-licence-rules';
import type { LicenceActRequest, LicenceStage, LicenceView } from '../../workflows/deferred-licence-definitions';
import { licenceFixture } from '../support/licence-driver';

const proc = (getPack('cn-deferred-licence@2024.1').parameters as DeferredLicenceParameters).process;
const fee = { feeCny: 300000, instalments: 3, intervalMonths: 12 };

function viewAt(stage: LicenceStage, open = true): LicenceView {
  const officeStep = stage === 'contract' || stage === 'registration';
  const schedule =
    stage === 'paying' || stage === 'default' ? buildSchedule(fee, '2027-03-31', 1, proc.royaltyPaymentDays) : [];
  return {
    caseId: 'L',
    kind: 'deferred-licence',
    stage,
    pending: officeStep && open ? { stage, roles: ['tto'], dueAt: null, escalated: false } : null,
    eligibility: {} as LicenceView['eligibility'],
    payment: fee,
    guarantee: null,
    contractReference: null,
    registrationNumber: null,
    paymentStartsOn: '2027-03-31',
    trigger: null,
    freeUseRevenueCny: '0.00',
    schedule,
    payments: [],
    ledger: totals(schedule, 0),
    creditFlagged: false,
    guaranteeClaims: [],
    history: [],
    recorded: 0,
    run: 0,
  };
}
const act = (
  action: LicenceActRequest['action'],
  role: string,
  extra: Partial<LicenceActRequest> = {},
): LicenceActRequest => ({ action, actor: { id: 'p', role }, ...extra });
const refusal = (view: LicenceView, request: LicenceActRequest) => {
  try {
    validateLicenceAct(view, proc, request);
    return null;
  } catch (error) {
    const e = error as { type: string; details: unknown[] };
    return { type: e.type, field: e.details?.[0] };
  }
};
function context(trigger: 'anniversary' | 'first-revenue' = 'anniversary', reportsByReference = true) {
  const notes: Array<{ action: string; postings: number }> = [];
  const ctx: LicenceContext = {
    caseId: 'L',
    request: licenceFixture({ trigger }).request,
    proc,
    today: () => '2027-04-02',
    reportsByReference: () => reportsByReference,
    trigger: { firstRevenue: null },
    note: (entry, postings = []) => notes.push({ action: entry.action, postings: postings.length }),
  };
  return { ctx, notes };
}
const pay = (amountCny: string, reference = 'CCB-1', payer = 'Liangjiang') =>
  act('record-payment', 'tto', { amountCny, reference, payer });

test.each([
  ['contract', act('sign', 'tto', { reference: 'LIC-1' }), null],
  ['contract', act('sign', 'tto'), { type: 'invalid-input', field: 'reference' }],
  ['contract', act('sign', 'licensee', { reference: 'LIC-1' }), { type: 'forbidden', field: undefined }],
  ['contract', act('register', 'tto', { reference: 'R' }), { type: 'invalid-state', field: undefined }],
  ['registration', act('register', 'tto', { reference: '2026500001' }), null],
  ['free-use', act('report-revenue', 'licensee', { amountCny: '1200000.00' }), null],
  [
    'free-use',
    act('report-revenue', 'licensee', { amountCny: '-1.00' }),
    { type: 'invalid-input', field: 'amountCny' },
  ],
  ['free-use', act('report-revenue', 'licensee'), { type: 'invalid-input', field: 'amountCny' }],
  ['paying', pay('100000.00'), null],
  ['paying', pay('0.00'), { type: 'invalid-input', field: 'amountCny' }],
  ['paying', { ...pay('1.00'), payer: ' ' }, { type: 'invalid-input', field: 'payer' }],
  [
    'paying',
    act('record-payment', 'licensee', { amountCny: '1.00', reference: 'X', payer: 'Y' }),
    { type: 'forbidden', field: undefined },
  ],
  ['paying', act('terminate', 'tto'), { type: 'invalid-input', field: 'reason' }],
  ['paying', act('resume', 'tto', { reason: 'r' }), { type: 'invalid-state', field: undefined }],
  ['default', act('resume', 'tto', { reason: 'payment plan agreed' }), null],
  [
    'term-end',
    act('renew', 'tto', { renewal: { royaltyRate: 0.03, periodMonths: 12, periods: 2 } }),
    { type: 'invalid-input', field: 'renewal' },
  ],
  ['term-end', act('renew', 'tto', { renewal: fee }), null],
  ['terminated', pay('1.00'), { type: 'invalid-state', field: undefined }],
] as Array<[LicenceStage, LicenceActRequest, { type: string; field?: string } | null]>)(
  'at %s: %o → %o',
  (stage, request, expected) => {
    expect(refusal(viewAt(stage), request)).toEqual(expected);
  },
);

test('signing closes the contract step at once: a second signature is refused, not ignored', () => {
  const view = viewAt('contract');
  expect(applyLicenceAct(view, context().ctx, act('sign', 'tto', { reference: 'LIC-1' }))).toBe(true);
  expect(view).toMatchObject({ contractReference: 'LIC-1', pending: null });
  expect(refusal(view, act('sign', 'tto', { reference: 'LIC-2' }))).toEqual({
    type: 'invalid-state',
    field: undefined,
  });
});

test('a payment is applied once per reference; the same reference with another amount is refused', () => {
  const view = viewAt('paying');
  view.schedule[0].posted = true;
  view.schedule[0].status = 'due';
  const { ctx, notes } = context();
  expect(applyLicenceAct(view, ctx, pay('100000.00'))).toBe(true);
  expect(view.schedule[0]).toMatchObject({ status: 'paid', settledOn: '2027-04-02' });
  expect(notes).toEqual([
    { action: 'record-payment', postings: 1 },
    { action: 'settled', postings: 0 },
  ]);
  expect(applyLicenceAct(view, ctx, pay('100000.00'))).toBe(false);
  expect(view.payments).toHaveLength(1);
  expect(refusal(view, pay('99999.00'))).toEqual({ type: 'invalid-input', field: 'reference' });
});

const report = (amountCny: string, reference?: string) =>
  act('report-revenue', 'licensee', reference === undefined ? { amountCny } : { amountCny, reference });

// Each row: the reports sent in turn, then the revenue the licence holds, how many were applied,
// and the refusal of one more report (REV-1 with another amount) — null where it is accepted.
test.each([
  [
    'the same referenced report twice is applied once',
    [report('1000.00', 'REV-1'), report('1000.00', 'REV-1')],
    '1000.00',
    1,
    'reference',
  ],
  [
    'two reports with their own references both apply',
    [report('1000.00', 'REV-1'), report('250.50', 'REV-2')],
    '1250.50',
    2,
    'reference',
  ],
  [
    'a report without a reference applies every time, as before',
    [report('1000.00'), report('1000.00')],
    '2000.00',
    2,
    null,
  ],
  [
    'a referenced report after unreferenced ones applies once',
    [report('5.00'), report('1000.00', 'REV-1'), report('1000.00', 'REV-1')],
    '1005.00',
    2,
    'reference',
  ],
  [
    'the amount is compared exactly: 1000 and 1000.00 are one report',
    [report('1000', 'REV-1'), report('1000.00', 'REV-1')],
    '1000.00',
    1,
    'reference',
  ],
] as Array<[string, LicenceActRequest[], string, number, string | null]>)(
  'free use: %s',
  (_, reports, revenue, applied, refusedField) => {
    const view = viewAt('free-use');
    const { ctx, notes } = context();
    const results = reports.map((r) => applyLicenceAct(view, ctx, r));
    expect(results.filter(Boolean)).toHaveLength(applied);
    expect(notes.filter((n) => n.action === 'report-revenue')).toHaveLength(applied);
    expect(view.freeUseRevenueCny).toBe(revenue);
    expect(refusal(view, report('999.99', 'REV-1'))).toEqual(
      refusedField ? { type: 'invalid-input', field: refusedField } : null,
    );
  },
);

test('a referenced report goes once into the open royalty period', () => {
  const view = viewAt('paying');
  view.payment = { royaltyRate: 0.05, periodMonths: 12, periods: 2 };
  view.schedule = buildSchedule(view.payment, '2027-03-31', 1, proc.royaltyPaymentDays);
  const { ctx } = context();
  expect(applyLicenceAct(view, ctx, report('400000.00', 'Q1'))).toBe(true);
  expect(applyLicenceAct(view, ctx, report('400000.00', 'Q1'))).toBe(false);
  expect(view.schedule[0].revenueCny).toBe('400000.00');
  expect(view.revenueReports).toEqual([{ reference: 'Q1', amountCny: '400000.00', on: '2027-04-02' }]);
});

test('before the patch (a history recorded earlier) a referenced report applies every time and is not remembered', () => {
  const view = viewAt('free-use');
  const { ctx } = context('anniversary', false);
  expect(applyLicenceAct(view, ctx, report('1000.00', 'REV-1'))).toBe(true);
  expect(applyLicenceAct(view, ctx, report('1000.00', 'REV-1'))).toBe(true);
  expect(view.freeUseRevenueCny).toBe('2000.00');
  expect(view.revenueReports).toBeUndefined();
});

test('a blank revenue report reference is refused, naming the field', () => {
  expect(refusal(viewAt('free-use'), report('1.00', '  '))).toEqual({ type: 'invalid-input', field: 'reference' });
});

test('a payment that clears every defaulted amount returns the licence to paying by itself', () => {
  const view = viewAt('default');
  Object.assign(view.schedule[0], { posted: true, status: 'defaulted' });
  const { ctx, notes } = context();
  applyLicenceAct(view, ctx, pay('100000.00', 'PICC-CLAIM-1', 'PICC Chongqing'));
  expect(view.stage).toBe('paying');
  expect(notes.map((n) => n.action)).toEqual(['record-payment', 'settled', 'resume']);
});

test('the first revenue during free use triggers payment on a first-revenue licence; ending cancels what was not yet due', () => {
  const view = viewAt('free-use');
  const { ctx } = context('first-revenue');
  applyLicenceAct(view, ctx, act('report-revenue', 'licensee', { amountCny: '0.00' }));
  expect(ctx.trigger.firstRevenue).toBeNull();
  applyLicenceAct(view, ctx, act('report-revenue', 'licensee', { amountCny: '1200000.00' }));
  expect(ctx.trigger.firstRevenue).toEqual({ on: '2027-04-02', amountCny: '1200000.00' });
  expect(view.freeUseRevenueCny).toBe('1200000.00');

  const paying = viewAt('paying');
  Object.assign(paying.schedule[0], { posted: true, status: 'due' });
  applyLicenceAct(paying, context().ctx, act('terminate', 'tto', { reason: 'licensee insolvent' }));
  expect(paying.stage).toBe('terminated');
  expect(paying.schedule.map((i) => i.status)).toEqual(['due', 'cancelled', 'cancelled']);
});

test('moments come earliest first: reminders 30 and 7 days ahead, the due date, then overdue and default after grace', () => {
  const view = viewAt('paying');
  const now = chinaMidnight('2027-01-01');
  expect(
    licenceMoments(view, proc, now)
      .slice(0, 3)
      .map((m) => [m.what, m.item.no, new Date(m.at).toISOString().slice(0, 10)]),
  ).toEqual([
    ['reminder', 1, '2027-02-28'],
    ['reminder', 1, '2027-03-23'],
    ['post', 1, '2027-03-30'],
  ]);
  Object.assign(view.schedule[0], { posted: true, status: 'due', reminded: [30, 7] });
  expect(licenceMoments(view, proc, now)[0]).toMatchObject({ what: 'overdue', item: { no: 1 } });
  view.schedule[0].status = 'overdue';
  expect(licenceMoments(view, proc, now)[0]).toMatchObject({ what: 'default', item: { no: 1 } });
  view.stage = 'term-end';
  expect(licenceMoments(view, proc, now)).toEqual([]);
});

// Who may take each action, every action of every stage asked by every role: the pack's step roles
// sign and register, its licenseeRoles report usage and revenue, its officeRoles do the rest.
describe('role checks for every action', () => {
  const steps = proc.steps as Partial<Record<LicenceStage, { roles: string[] }>>;
  const cases = (Object.keys(ACTIONS) as LicenceStage[]).flatMap((stage) =>
    ACTIONS[stage]!.flatMap((action) => ROLES.map((role) => [stage, action, role] as const)),
  );
  test.each(cases)('at %s, %s by %s', (stage, action, role) => {
    const view = viewAt(stage);
    if (steps[stage]) view.pending = { stage, roles: steps[stage]!.roles, dueAt: null, escalated: false };
    const allowed =
      action === 'sign' || action === 'register'
        ? steps[stage]!.roles
        : LICENSEE_ACTIONS.includes(action)
          ? proc.licenseeRoles
          : proc.officeRoles;
    const outcome = refusal(view, act(action, role, { reason: 'r', reference: 'x' }));
    if (allowed.includes(role)) expect(outcome?.type).not.toBe('forbidden');
    else expect(outcome).toEqual({ type: 'forbidden', field: undefined });
  });
});
