// transformationReward on the time-skipping test server with its real activities writing to
// PGlite: the written split, contract registration, calculation, office review, publicity with an
// objection, approval, payroll payments, and the ledger reconciled to the fen; equity with shares.
import { Decimal } from '../../policies/money';
import type { RewardView } from '../../workflows/transformation-reward-definitions';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { reachReward, rewardAct as act, rewardRequest, startReward } from '../support/reward-driver';
import { expectReplays as expectReplaysOf } from '../support/replay-live';

const tsw = useTimeSkippingWorker('rw-test');
const start = (
  caseId: string,
  ...rest: Parameters<typeof startReward> extends [unknown, unknown, unknown, ...infer R] ? R : never
) => startReward(tsw().env.client, 'rw-test', caseId, ...rest);

const expectReplays = (workflowId: string) => expectReplaysOf(tsw().env.client, workflowId);

test('a licence fee: split confirmed, registered, calculated, objection, approval, payroll, ledger reconciled to the fen', async () => {
  const handle = await start('rw-happy');
  const split = await reachReward(handle, 'split-confirmation');
  expect(split.pending).toMatchObject({ roles: ['tto'] });
  expect(split.policy).toMatchObject({ id: 'cn-reward-law-2015', version: '2018.1' });
  await expect(act(handle, 'tto', { action: 'confirm-split', personId: 'r-9', reference: 'S-1' })).rejects.toThrow(
    /no team member r-9/,
  );
  await act(handle, 'tto', { action: 'confirm-split', personId: 'r-1', reference: 'SPLIT-2026-01/1' });
  await expect(act(handle, 'tto', { action: 'confirm-split', personId: 'r-1', reference: 'again' })).rejects.toThrow(
    /already confirmed/,
  );
  await act(handle, 'tto', { action: 'confirm-split', personId: 'r-2', reference: 'SPLIT-2026-01/2' });
  await reachReward(handle, 'registration');
  await act(handle, 'tto', { action: 'register', reference: '2026420001000077' });
  const review = await reachReward(handle, 'office-review');
  // 100 000.01 − 6 000 taxes = 94 000.01 net; pool 70 % = 65 800.007 → 65 800.01 half-up;
  // 60 % = 39 480.006 → 39 480.00 (+1 fen, largest remainder) ; 40 % = 26 320.004 → 26 320.00.
  expect(review.calculation).toMatchObject({
    decision: 'approved',
    unitRule: { id: 'whu-2024', version: '1', teamShare: 0.7 },
    distribution: {
      netIncomeCny: '94000.01',
      poolCny: '65800.01',
      taxRelief: true,
      retainedCny: '28200.00',
      departmentCny: '9400.00',
      people: [
        { id: 'r-1', amountCny: '39480.01', taxableCny: '19740.01' },
        { id: 'r-2', amountCny: '26320.00', taxableCny: '13160.00' },
      ],
    },
  });
  await act(handle, 'tto', { action: 'approve' });
  const publicity = await reachReward(handle, 'publicity');
  expect(publicity.publicityEndsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await act(handle, 'department', { action: 'object', reason: 'a third contributor is missing from the team' });
  const back = await reachReward(handle, 'office-review');
  expect(back.objections).toEqual([
    expect.objectContaining({
      reason: 'a third contributor is missing from the team',
      actor: { id: 'dept-head', role: 'department' },
    }),
  ]);
  await act(handle, 'tto', { action: 'approve' });
  await reachReward(handle, 'publicity');
  await tsw().env.sleep('30 days'); // 15 working days, holidays included, are under 30 calendar days
  await reachReward(handle, 'approval');
  await expect(act(handle, 'tto', { action: 'approve' })).rejects.toThrow(/forbidden/);
  await act(handle, 'committee', { action: 'approve' });
  await reachReward(handle, 'payment');
  await expect(act(handle, 'tto', { action: 'register-shares', personId: 'r-1', reference: 'X' })).rejects.toThrow(
    /cash reward is paid with pay/,
  );
  await act(handle, 'tto', { action: 'pay', personId: 'r-1', reference: 'PAYROLL-2026-07-0113' });
  await act(handle, 'tto', { action: 'pay', personId: 'r-2', reference: 'PAYROLL-2026-07-0114' });
  const done = (await handle.result()) as RewardView;
  expect(done.stage).toBe('distributed');
  expect(done.ledger).toEqual({
    income: '100000.01',
    deducted: '6000.00',
    pool: '65800.01',
    retained: '18800.00',
    department: '9400.00',
    paid: '65800.01',
    allocatedInFull: true,
    reconciled: true,
    unit: 'CNY',
  });
  expect(done.payments.map((p) => p.performancePay)).toEqual(['outside-cap', 'outside-cap']);
  expect(done.history.map((h) => h.action)).toEqual([
    'opened',
    'confirm-split',
    'confirm-split',
    'register',
    'calculated',
    'approve',
    'object',
    'approve',
    'publicity-ended',
    'approve',
    'allocated',
    'pay',
    'pay',
    'reconciled',
  ]);
  // The ledger rows: income = deductions + paid + retained + department, to the fen.
  const rows = await tsw().db.prisma.rewardLedgerEntry.findMany({
    where: { caseId: 'rw-happy' },
    orderBy: { seq: 'asc' },
  });
  expect(rows.map((r) => `${r.kind}:${r.personId ?? ''}:${r.amountCny?.toFixed(2)}`)).toEqual([
    'income::100000.01',
    'deduction::6000.00',
    'retained::18800.00',
    'department::9400.00',
    'payment:r-1:39480.01',
    'payment:r-2:26320.00',
  ]);
  const sum = (kinds: string[]) =>
    rows.filter((r) => kinds.includes(r.kind)).reduce((s, r) => s.plus(r.amountCny!.toString()), new Decimal(0));
  expect(sum(['income']).eq(sum(['deduction', 'retained', 'department', 'payment']))).toBe(true);
  await expect(tsw().db.prisma.rewardLedgerEntry.deleteMany({ where: { caseId: 'rw-happy' } })).rejects.toThrow(
    /append-only/,
  );
  const row = await tsw().db.prisma.case.findUniqueOrThrow({ where: { id: 'rw-happy' } });
  expect(row).toMatchObject({
    kind: 'reward',
    stage: 'distributed',
    eligibility: 'approved',
    policyId: 'cn-reward-law-2015',
  });
  expect(await tsw().db.prisma.caseClaim.findUnique({ where: { caseId: 'rw-happy' } })).toMatchObject({
    kind: 'reward',
  });
  await expectReplays(handle.workflowId);
});

test('a split from a rights grant needs no confirmation; a rule below the floor is rejected at calculation', async () => {
  const low = rewardRequest({
    unit: {
      name: 'Wuhan University',
      type: 'university',
      stateEstablished: true,
      nonProfit: true,
      rule: { teamShare: 0.4 },
    },
    income: { kind: 'licence', grossCny: 1000, receivedOn: '2026-06-15', contractRegistered: true },
  });
  const handle = await start('rw-low', low, { splitAgreed: true, source: { rightsGrantCaseId: 'hfut-2026-001' } });
  const done = (await handle.result()) as RewardView;
  expect(done.stage).toBe('rejected');
  expect(done.calculation!.checks.find((c) => c.id === 'team-share-floor')!.passed).toBe(false);
  expect(done.history.map((h) => h.action)).toEqual(['opened', 'calculated']);
  expect(done.ledger).toBeNull();
});

test('equity: shares formed, the team’s part rounded up, registered per person, reconciled in shares', async () => {
  const request = rewardRequest({
    unit: { name: 'Wuhan University', type: 'university', stateEstablished: true, nonProfit: true },
    income: { kind: 'equity', shares: 1_000_001, receivedOn: '2026-06-15', contractRegistered: false },
  });
  const equity = {
    company: 'Luojia Photonics Ltd.',
    registeredCapitalCny: 5_000_000,
    shares: 1_000_001,
    valuationCny: 1_000_001,
    appraised: false,
  };
  const handle = await start('rw-equity', request, { splitAgreed: true, equity });
  // Equity is not a kind the registration step covers: straight to review.
  const review = await reachReward(handle, 'office-review');
  expect(review.equity).toEqual(equity);
  expect(review.calculation!.distribution).toMatchObject({
    teamShares: 500_001,
    retainedShares: 500_000,
    people: [
      { id: 'r-1', shares: 300_001 },
      { id: 'r-2', shares: 200_000 },
    ],
  });
  await act(handle, 'tto', { action: 'approve' });
  await reachReward(handle, 'publicity');
  await tsw().env.sleep('30 days');
  await reachReward(handle, 'approval');
  await act(handle, 'committee', { action: 'approve' });
  await reachReward(handle, 'payment');
  await expect(act(handle, 'tto', { action: 'pay', personId: 'r-1', reference: 'X' })).rejects.toThrow(
    /register-shares/,
  );
  await act(handle, 'tto', { action: 'register-shares', personId: 'r-1', reference: 'SAMR-2026-881' });
  await act(handle, 'tto', { action: 'register-shares', personId: 'r-2', reference: 'SAMR-2026-882' });
  const done = (await handle.result()) as RewardView;
  expect(done.ledger).toMatchObject({
    income: '1000001',
    pool: '500001',
    retained: '500000',
    paid: '500001',
    reconciled: true,
    unit: 'shares',
  });
  const rows = await tsw().db.prisma.rewardLedgerEntry.findMany({
    where: { caseId: 'rw-equity' },
    orderBy: { seq: 'asc' },
  });
  expect(rows.map((r) => `${r.kind}:${r.personId ?? ''}:${r.shares}`)).toEqual([
    'shares-formed::1000001',
    'shares-retained::500000',
    'shares-registered:r-1:300001',
    'shares-registered:r-2:200000',
  ]);
  await expectReplays(handle.workflowId);
});
