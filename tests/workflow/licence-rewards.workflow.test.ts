// A licence's payments flowing into reward cases, on the time-skipping server with real
// activities: payments of one quarter go to one reward case (started by the first, signalled the
// rest), the next quarter's to another; a batch closes at its quarter's end, is calculated on the
// sum, and its ledger reconciles to the fen. A payment sent twice is forwarded once.
import { Worker } from '@temporalio/worker';
import { addMonths, chinaDate } from '../../policies/dates';
import { workflowBundle } from '../../worker/create-worker';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import {
  atStage,
  licenceAct,
  licenceFixture,
  licenceView,
  reachLicence,
  signAndRegister,
  startLicence,
} from '../support/licence-driver';
import { reachReward, REWARD_TERMS, rewardAct } from '../support/reward-driver';
import { eventually } from '../support/rights-grant-driver';
import { equityCaseId, rewardBatch } from '../../workflows/licence-rewards';
import {
  rewardIncomeSignal,
  rewardViewQuery,
  type RewardView,
} from '../../workflows/transformation-reward-definitions';
import type { LicenceRewardTerms, LicenceView } from '../../workflows/deferred-licence-definitions';
import { answeredHistory } from '../../client/audit/answered-history';

const tsw = useTimeSkippingWorker('lr-test');

const terms: LicenceRewardTerms = REWARD_TERMS;

test('batches: a payment reference, a month and a quarter', () => {
  expect(
    rewardBatch(
      'lic-1',
      { ...terms, unit: { ...terms.unit, rule: { teamShare: 0.7 } } },
      { reference: 'CCB 42/7', on: '2026-05-10' },
    ),
  ).toEqual({
    caseId: 'lic-1.rw-CCB_42_7',
    until: null,
  });
  expect(rewardBatch('lic-1', terms, { reference: 'x', on: '2026-05-10' })).toEqual({
    caseId: 'lic-1.rw-2026-04',
    until: '2026-07-01',
  });
  expect(rewardBatch('lic-1', terms, { reference: 'x', on: '2026-12-31' })).toEqual({
    caseId: 'lic-1.rw-2026-10',
    until: '2027-01-01',
  });
  expect(rewardBatch('x'.repeat(64), terms, { reference: 'x', on: '2026-12-31' }).caseId).toMatch(
    /^x{40}\.rw-[0-9a-f]{16}$/,
  );
});

test('a licence’s payments flow into reward cases, batched by quarter, each ledger reconciled to the fen', async () => {
  const { client } = tsw().env;
  const f = { ...licenceFixture(), reward: terms };
  const licence = await startLicence(client, 'lr-test', 'lr-lic', f);
  await signAndRegister(licence);
  const pay = (reference: string, amountCny: string) =>
    licenceAct(licence, 'tto', { action: 'record-payment', reference, amountCny, payer: 'Liangjiang Sensors Ltd.' });
  await pay('CCB-1', '10000.00');
  await pay('CCB-2', '2345.67');
  await pay('CCB-2', '2345.67'); // sent twice: applied and forwarded once
  const today = chinaDate(await tsw().env.currentTimeMs());
  const first = rewardBatch('lr-lic', terms, { reference: 'CCB-1', on: today });
  const withBoth = await eventually(
    () => licenceView(licence),
    (v) => v.rewardCases?.[0]?.payments.length === 2,
    'both payments forwarded',
  );
  expect(withBoth.rewardCases).toEqual([{ caseId: first.caseId, payments: ['CCB-1', 'CCB-2'] }]);
  const batch = client.workflow.getHandle(`reward/${first.caseId}`);
  const collecting = await eventually(
    () => batch.query(rewardViewQuery),
    (v) => v.income.length === 2,
    'batch collected both payments',
  );
  expect(collecting).toMatchObject({
    stage: 'collecting',
    collectUntil: first.until,
    source: { licenceCaseId: 'lr-lic' },
  });

  // The quarter ends: the batch is calculated on the sum; the next payment opens the next quarter's case.
  await tsw().env.sleep(
    `${Math.ceil((Date.parse(`${first.until}T00:00:00+08:00`) - (await tsw().env.currentTimeMs())) / 86_400_000) + 1} days`,
  );
  const review = await reachReward(batch, 'office-review');
  expect(review.request.income).toMatchObject({
    kind: 'licence',
    grossCny: 12345.67,
    receivedOn: today,
    contractRegistered: true,
  });
  // 12 345.67 × 70 % = 8 641.969 → 8 641.97; 50/30/20: 4 320.985 → .98 (+1 → .99), 2 592.591 → .59, 1 728.394 → .39
  expect(review.calculation!.distribution).toMatchObject({
    poolCny: '8641.97',
    taxRelief: true,
    people: [
      { id: 'r-1', amountCny: '4320.99', taxableCny: '2160.50' },
      { id: 'r-2', amountCny: '2592.59', taxableCny: '1296.30' },
      { id: 'r-3', amountCny: '1728.39', taxableCny: '864.20' },
    ],
  });
  await pay('CCB-3', '500.00');
  const next = rewardBatch('lr-lic', terms, { reference: 'CCB-3', on: addMonths(today, 3) });
  await eventually(
    () => licenceView(licence),
    (v) => v.rewardCases?.length === 2,
    'the next quarter’s case started',
  );
  expect((await licenceView(licence)).rewardCases![1].payments).toEqual(['CCB-3']);
  expect(next.caseId).not.toBe(first.caseId);

  await rewardAct(batch, 'tto', { action: 'approve' });
  await reachReward(batch, 'publicity');
  await tsw().env.sleep('30 days');
  await reachReward(batch, 'approval');
  await rewardAct(batch, 'committee', { action: 'approve' });
  for (const [i, id] of ['r-1', 'r-2', 'r-3'].entries())
    await rewardAct(batch, 'tto', { action: 'pay', personId: id, reference: `PAYROLL-${i + 1}` });
  const done = (await batch.result()) as RewardView;
  expect(done.ledger).toMatchObject({
    income: '12345.67',
    pool: '8641.97',
    paid: '8641.97',
    retained: '3703.70',
    reconciled: true,
  });
  const rows = await tsw().db.prisma.rewardLedgerEntry.findMany({ where: { caseId: first.caseId } });
  const total = (kinds: string[]) =>
    rows.filter((r) => kinds.includes(r.kind)).reduce((s, r) => s + Math.round(Number(r.amountCny) * 100), 0);
  expect(total(['income'])).toBe(1234567);
  expect(total(['payment', 'retained', 'deduction', 'department'])).toBe(1234567);
  expect(await tsw().db.prisma.case.findUnique({ where: { id: first.caseId } })).toMatchObject({
    kind: 'reward',
    stage: 'distributed',
  });

  const history = await licence.fetchHistory();
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle() },
    answeredHistory(history),
    licence.workflowId,
  );
});

test('a licence converted to equity (以权代股) opens its equity record as a reward case in shares', async () => {
  const { client } = tsw().env;
  const today = chinaDate(await tsw().env.currentTimeMs());
  // Launched late with one instalment: it falls due at registration, is paid, and the schedule is complete.
  const f = {
    ...licenceFixture({
      effectiveOn: addMonths(today, -13),
      payment: { feeCny: 100_000, instalments: 1, intervalMonths: 12 },
    }),
    reward: terms,
  };
  const licence = await startLicence(client, 'lr-test', 'lr-conv', f);
  await signAndRegister(licence, 'paying');
  await licenceAct(licence, 'tto', {
    action: 'record-payment',
    reference: 'CCB-9',
    amountCny: '100000.00',
    payer: 'Liangjiang Sensors Ltd.',
  });
  await reachLicence(licence, atStage('term-end'), 'schedule complete');
  const equity = {
    company: 'Liangjiang Sensors Ltd.',
    registeredCapitalCny: 10_000_000,
    shares: 1_000_001,
    valuationCny: 1_500_000,
    appraised: false,
  };
  // Shares belong to convert alone.
  await expect(licenceAct(licence, 'tto', { action: 'close', equity })).rejects.toThrow(
    /^invalid-input: only convert takes an equity record/,
  );
  await licenceAct(licence, 'tto', { action: 'convert', reason: 'fee taken as a 10 % stake (以权代股)', equity });
  const final: LicenceView = await licence.result();
  expect(final.stage).toBe('converted');
  expect(final.equityCase).toEqual({ caseId: equityCaseId('lr-conv'), equity });
  expect(final.history.at(-1)).toMatchObject({ action: 'equity-opened', reference: 'lr-conv.rw-equity' });

  const record = client.workflow.getHandle(`reward/${equityCaseId('lr-conv')}`);
  const review = await reachReward(record, 'office-review');
  expect(review).toMatchObject({
    equity,
    source: { licenceCaseId: 'lr-conv', rightsGrantCaseId: terms.rightsGrantCaseId },
    request: { income: { kind: 'equity', shares: 1_000_001, receivedOn: today, contractRegistered: true } },
  });
  // 1 000 001 × 70 % = 700 000.7 → 700 001 (rounded up: the floor is "at least"); 50/30/20 by largest remainder.
  expect(review.calculation!.distribution).toMatchObject({
    teamShares: 700_001,
    retainedShares: 300_000,
    people: [
      { id: 'r-1', shares: 350_001 },
      { id: 'r-2', shares: 210_000 },
      { id: 'r-3', shares: 140_000 },
    ],
  });
  expect(await tsw().db.prisma.case.findUnique({ where: { id: 'lr-conv.rw-equity' } })).toMatchObject({
    kind: 'reward',
  });
  // The licence's history replays on today's code (the patch marker included).
  const history = await licence.fetchHistory();
  const patches = history.events!.flatMap((e) =>
    e.markerRecordedEventAttributes?.markerName === 'core_patch'
      ? [Buffer.from(e.markerRecordedEventAttributes.details!['patch-data'].payloads![0].data!).toString()]
      : [],
  );
  expect(patches.some((p) => p.includes('"licence-convert-opens-equity"'))).toBe(true);
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle() },
    answeredHistory(history),
    licence.workflowId,
  );
});

test('a licence without reward terms refuses an equity record on convert', async () => {
  const { client } = tsw().env;
  const today = chinaDate(await tsw().env.currentTimeMs());
  const f = licenceFixture({
    effectiveOn: addMonths(today, -13),
    payment: { feeCny: 100_000, instalments: 1, intervalMonths: 12 },
  });
  const licence = await startLicence(client, 'lr-test', 'lr-conv-plain', f);
  await signAndRegister(licence, 'paying');
  await licenceAct(licence, 'tto', { action: 'record-payment', reference: 'B-1', amountCny: '100000.00', payer: 'L' });
  await reachLicence(licence, atStage('term-end'), 'schedule complete');
  const equity = { company: 'L', registeredCapitalCny: 1000, shares: 10, valuationCny: 100, appraised: true };
  await expect(licenceAct(licence, 'tto', { action: 'convert', reason: 'stake', equity })).rejects.toThrow(
    /^invalid-input: an equity record needs the licence’s reward terms/,
  );
  expect((await licenceView(licence)).stage).toBe('term-end');
});

test('a payment reaching its batch after the batch closed is carried into the next batch, once', async () => {
  const { client } = tsw().env;
  const licence = await startLicence(client, 'lr-test', 'lr-late', { ...licenceFixture(), reward: terms });
  await signAndRegister(licence);
  await licenceAct(licence, 'tto', {
    action: 'record-payment',
    reference: 'ICBC-1',
    amountCny: '1000.00',
    payer: 'Liangjiang Sensors Ltd.',
  });
  const today = chinaDate(await tsw().env.currentTimeMs());
  const first = rewardBatch('lr-late', terms, { reference: 'ICBC-1', on: today });
  const next = rewardBatch('lr-late', terms, { reference: 'x', on: first.until! });
  await eventually(
    () => licenceView(licence),
    (v) => v.rewardCases?.length === 1,
    'first batch started',
  );
  const batch = client.workflow.getHandle(`reward/${first.caseId}`);
  await tsw().env.sleep(
    `${Math.ceil((Date.parse(`${first.until}T00:00:00+08:00`) - (await tsw().env.currentTimeMs())) / 86_400_000) + 1} days`,
  );
  await reachReward(batch, 'office-review');
  // A payment of the closed quarter reaches the batch late (its forwarding held up over the
  // boundary), twice: the batch sends it back, the licence carries it into the next quarter's case.
  const late = { reference: 'ICBC-LATE', amountCny: '250.50', on: today };
  await batch.signal(rewardIncomeSignal, late);
  await batch.signal(rewardIncomeSignal, late);
  const carried = await eventually(
    () => licenceView(licence),
    (v) => (v.rewardCarried?.length ?? 0) > 0 && v.rewardCases?.length === 2,
    'late payment carried',
  );
  expect(carried.rewardCarried).toEqual([{ reference: 'ICBC-LATE', from: first.caseId, to: next.caseId }]);
  expect(carried.rewardCases![1]).toEqual({ caseId: next.caseId, payments: ['ICBC-LATE'] });
  const nextBatch = client.workflow.getHandle(`reward/${next.caseId}`);
  const collecting = await eventually(
    () => nextBatch.query(rewardViewQuery),
    (v) => v.income.length === 1,
    'next batch collecting it',
  );
  expect(collecting).toMatchObject({ stage: 'collecting', collectUntil: next.until, income: [late] });
  const closed = await batch.query(rewardViewQuery);
  expect(closed.request.income.grossCny).toBe(1000); // the closed batch's sum is unchanged
  expect(closed.history.filter((h) => h.action === 'income' && h.reference === 'ICBC-LATE')).toEqual([
    expect.objectContaining({
      reason: `received after the batch closed on ${first.until}: carried into the next batch`,
    }),
  ]);
  const bundle = await workflowBundle();
  await Worker.runReplayHistory(
    { workflowBundle: bundle },
    answeredHistory(await licence.fetchHistory()),
    licence.workflowId,
  );
  await Worker.runReplayHistory(
    { workflowBundle: bundle },
    answeredHistory(await batch.fetchHistory()),
    batch.workflowId,
  );
});
