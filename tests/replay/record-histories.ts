// `npm run record-histories`: runs the representative loan checks on a fresh dev server and
// PGlite, and writes their histories to tests/replay/histories/ for the replay gate.
// Re-record only for a deliberate change (and keep the old files when old histories must
// still replay: that is what patched() is for).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { installRuntime } from '../../worker/runtime';
import { submitLoanCheck } from '../../client/loan-checks';
import { REPRESENTATIVE_LOANS } from './representative-loans';
import { loanRequest } from '../support/loan-fixtures';
import type { MaLoanInput } from '../../policies/ma-loan/input-schema';
import { startE2E } from '../support/stack';
import { act, reach, startCase, throughReviews } from '../support/rights-grant-driver';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import type { WorkflowHandle } from '@temporalio/client';
import { addDays, addMonths, chinaDate } from '../../policies/dates';
import { licenceViewQuery } from '../../workflows/deferred-licence-definitions';
import { licenceAct, licenceFixture, signAndRegister, startLicence } from '../support/licence-driver';
import { eventually } from '../support/rights-grant-driver';
import { findAll, reachReview, reviewAct, startReview } from '../support/review-driver';
import { reachReward, rewardAct, rewardRequest, startReward } from '../support/reward-driver';
import { startTimeSkippingWorker } from '../support/time-skipping-worker';
import { REWARD_TERMS } from '../support/reward-driver';
import { rewardIncomeSignal } from '../../workflows/transformation-reward-definitions';

function save(name: string, history: Parameters<typeof historyToJSON>[0]): string {
  const file = path.join(__dirname, 'histories', `${name}.json`);
  writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
  return path.relative(process.cwd(), file);
}

/**
 * Rights grants, recorded on the dev server like production: to the end where no long timer
 * stands in the way, and mid-case (in publicity, after an objection) where one does. The
 * branches behind long timers (escalation, reclaim, LTU renewal) are replayed by their own
 * time-skipping tests (tests/workflow/rights-grant.workflow.test.ts).
 */
async function recordRightsGrants() {
  const e2e = await startE2E('pglite');
  const client = e2e.env.client;
  const queue = 'transferflow';
  const scenarios: Record<string, { run: () => Promise<WorkflowHandle>; finished: boolean }> = {
    'rights-grant-ineligible': {
      finished: true,
      run: async () =>
        startCase(client, queue, 'replay-rg-ineligible', {
          ...EXAMPLE_RIGHTS_GRANT,
          grant: { form: 'ownership', teamShare: 0.5 },
        }),
    },
    'rights-grant-department-rejects': {
      finished: true,
      run: async () => {
        const h = await startCase(client, queue, 'replay-rg-rejected');
        await reach(h, 'department-review');
        await act(h, 'department', { action: 'reject', reason: 'related-party licensee' });
        return h;
      },
    },
    'rights-grant-objection-in-publicity': {
      finished: false,
      run: async () => {
        const h = await startCase(client, queue, 'replay-rg-objection');
        await throughReviews(h);
        await act(h, 'department', { action: 'object', reason: 'a co-inventor disputes the split' });
        await reach(h, 'office-review');
        await act(h, 'tto', { action: 'approve' });
        await reach(h, 'publicity');
        return h;
      },
    },
    // In publicity counted on the official calendar (patch rights-grant-publicity-official-calendar).
    'rights-grant-publicity-official-calendar': {
      finished: false,
      run: async () => {
        const h = await startCase(client, queue, 'replay-rg-calendar');
        await throughReviews(h);
        return h;
      },
    },
  };
  try {
    const names = Object.entries(scenarios);
    for (const [i, [name, scenario]] of names.entries()) {
      const handle = await scenario.run();
      const stage = scenario.finished ? (await handle.result()).stage : (await reach(handle, 'publicity')).stage;
      console.log(`[${i + 1}/${names.length}] ${name}: ${stage} → ${save(name, await handle.fetchHistory())}`);
    }
  } finally {
    await e2e.close();
  }
}

/**
 * Licences on the dev server: an ineligible one; one launched late whose schedule catches up
 * through defaults (each settled period continues as new: its first two runs are kept); one
 * with a payment sent twice, revenue, usage, and termination.
 */
async function recordLicences() {
  const e2e = await startE2E('pglite');
  const client = e2e.env.client;
  const queue = 'transferflow';
  const today = chinaDate(Date.now());
  const late = (months: number, payment = { feeCny: 12_000, instalments: 12, intervalMonths: 1 }, shiftDays = 10) => {
    const f = licenceFixture({ effectiveOn: addDays(addMonths(today, -months), shiftDays), payment });
    f.request.asOf = today;
    return f;
  };
  try {
    const big = licenceFixture();
    big.request.licensee = { ...big.request.licensee, employees: 5000, annualRevenueCny: 900_000_000 };
    const ineligible = await startLicence(client, queue, 'replay-dl-ineligible', big);
    await ineligible.result();
    console.log(
      `[1/3] deferred-licence-ineligible → ${save('deferred-licence-ineligible', await ineligible.fetchHistory())}`,
    );

    const catchUp = await startLicence(client, queue, 'replay-dl-catch-up', late(16));
    await signAndRegister(catchUp, 'default');
    await eventually(
      () => catchUp.query(licenceViewQuery),
      (v) => v.run >= 2,
      'two periods rolled over',
      60_000,
    );
    let runId: string | undefined = catchUp.firstExecutionRunId;
    for (const n of [1, 2]) {
      const history = await client.workflow.getHandle(catchUp.workflowId, runId).fetchHistory();
      console.log(`[2/3] deferred-licence-catch-up-run${n} → ${save(`deferred-licence-catch-up-run${n}`, history)}`);
      runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }

    const paid = await startLicence(
      client,
      queue,
      'replay-dl-paid',
      late(12, { feeCny: 30_000, instalments: 3, intervalMonths: 6 }, -5),
    );
    await signAndRegister(paid, 'paying');
    await eventually(
      () => paid.query(licenceViewQuery),
      (v) => v.schedule[0]?.posted === true,
      'instalment 1 posted',
    );
    await licenceAct(paid, 'licensee', { action: 'report-usage', reason: 'production line 2 running' });
    await licenceAct(paid, 'licensee', { action: 'report-revenue', amountCny: '180000.00' });
    const pay = {
      action: 'record-payment' as const,
      amountCny: '4000.00',
      reference: 'REPLAY-1',
      payer: 'Liangjiang Sensors Ltd.',
    };
    await licenceAct(paid, 'tto', pay);
    await licenceAct(paid, 'tto', pay);
    await licenceAct(paid, 'tto', { action: 'terminate', reason: 'licensee wound up' });
    await paid.result();
    // Paying 4 000 of instalment 1 left it unsettled: the run did not roll over, so one history holds it all.
    console.log(
      `[3/3] deferred-licence-paid-terminated → ${save('deferred-licence-paid-terminated', await paid.fetchHistory())}`,
    );
  } finally {
    await e2e.close();
  }
}

/** Exemption reviews on the dev server: declined at acceptance, and decided with a reasoned difference. */
async function recordReviews() {
  const e2e = await startE2E('pglite');
  const client = e2e.env.client;
  const queue = 'transferflow';
  try {
    const declined = await startReview(client, queue, 'replay-de-declined');
    await reachReview(declined, 'acceptance');
    await reviewAct(declined, 'reviewer', { action: 'decline', reason: 'the applicant took no part in the decision' });
    await declined.result();
    console.log(
      `[1/2] diligence-exemption-declined → ${save('diligence-exemption-declined', await declined.fetchHistory())}`,
    );

    const decided = await startReview(client, queue, 'replay-de-decided');
    await reachReview(decided, 'acceptance');
    await reviewAct(decided, 'reviewer', { action: 'accept' });
    await findAll(decided, ['Li Ming', 'Zhao Hua'], { 'Zhao Hua/collusion': true });
    await reachReview(decided, 'determination');
    await reviewAct(decided, 'committee', {
      action: 'determine',
      outcomes: [
        { person: 'Li Ming', outcome: 'exempt' },
        { person: 'Zhao Hua', outcome: 'partly', reason: 'acted on the leader’s written instruction' },
      ],
    });
    await reviewAct(decided, 'tto', { action: 'apply-result', reference: 'HR-2026-REPLAY' });
    await decided.result();
    console.log(
      `[2/2] diligence-exemption-decided → ${save('diligence-exemption-decided', await decided.fetchHistory())}`,
    );
  } finally {
    await e2e.close();
  }
}

/**
 * Reward cases, on the time-skipping server (publicity is 15 working days, which the dev server
 * would have to wait out): one distributed after an objection, registration and payroll; one
 * rejected at calculation; equity distributed in shares; and a licence whose payments started a
 * quarter's reward case (both histories).
 */
async function recordRewards() {
  const tsw = await startTimeSkippingWorker('transferflow');
  const { client } = tsw.env;
  const queue = 'transferflow';
  const through = async (h: WorkflowHandle, payees: string[], equity = false) => {
    await reachReward(h, 'office-review');
    await rewardAct(h, 'tto', { action: 'approve' });
    await reachReward(h, 'publicity');
    await tsw.env.sleep('30 days');
    await reachReward(h, 'approval');
    await rewardAct(h, 'committee', { action: 'approve' });
    for (const id of payees)
      await rewardAct(
        h,
        'tto',
        equity
          ? { action: 'register-shares', personId: id, reference: `SAMR-${id}` }
          : { action: 'pay', personId: id, reference: `PAYROLL-${id}` },
      );
    return h.result();
  };
  try {
    const distributed = await startReward(client, queue, 'replay-rw-distributed');
    await reachReward(distributed, 'split-confirmation');
    await rewardAct(distributed, 'tto', { action: 'confirm-split', personId: 'r-1', reference: 'SPLIT-1' });
    await rewardAct(distributed, 'tto', { action: 'confirm-split', personId: 'r-2', reference: 'SPLIT-2' });
    await reachReward(distributed, 'registration');
    await rewardAct(distributed, 'tto', { action: 'register', reference: '2026420001000077' });
    await reachReward(distributed, 'office-review');
    await rewardAct(distributed, 'tto', { action: 'approve' });
    await reachReward(distributed, 'publicity');
    await rewardAct(distributed, 'department', { action: 'object', reason: 'a contributor is missing' });
    await through(distributed, ['r-1', 'r-2']);
    console.log(`[1/4] reward-distributed → ${save('reward-distributed', await distributed.fetchHistory())}`);

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
    const rejected = await startReward(client, queue, 'replay-rw-rejected', low, { splitAgreed: true });
    await rejected.result();
    console.log(`[2/4] reward-rejected-floor → ${save('reward-rejected-floor', await rejected.fetchHistory())}`);

    const equity = await startReward(
      client,
      queue,
      'replay-rw-equity',
      rewardRequest({
        income: { kind: 'equity', shares: 1_000_001, receivedOn: '2026-06-15', contractRegistered: false },
      }),
      {
        splitAgreed: true,
        equity: {
          company: 'Luojia Photonics Ltd.',
          registeredCapitalCny: 5_000_000,
          shares: 1_000_001,
          valuationCny: 1_000_001,
          appraised: true,
        },
      },
    );
    await through(equity, ['r-1', 'r-2'], true);
    console.log(`[3/4] reward-equity → ${save('reward-equity', await equity.fetchHistory())}`);

    const f = { ...licenceFixture(), reward: { ...REWARD_TERMS } };
    const licence = await startLicence(client, queue, 'replay-rw-licence', f);
    await signAndRegister(licence);
    for (const [reference, amountCny] of [
      ['RW-1', '10000.00'],
      ['RW-2', '2345.67'],
    ])
      await licenceAct(licence, 'tto', {
        action: 'record-payment',
        reference,
        amountCny,
        payer: 'Liangjiang Sensors Ltd.',
      });
    const cases = await eventually(
      () => licence.query(licenceViewQuery),
      (v) => v.rewardCases?.[0]?.payments.length === 2,
      'payments forwarded',
    );
    const batch = client.workflow.getHandle(`reward/${cases.rewardCases![0].caseId}`);
    await tsw.env.sleep('100 days');
    await through(batch, ['r-1', 'r-2', 'r-3']);
    console.log(`[4/4] reward-licence-batch → ${save('reward-licence-batch', await batch.fetchHistory())}`);
    await licenceAct(licence, 'tto', { action: 'terminate', reason: 'recorded for the replay gate' });
    await licence.result();
    console.log(`[4/4] deferred-licence-rewards → ${save('deferred-licence-rewards', await licence.fetchHistory())}`);
  } finally {
    await tsw.close();
  }
}

/**
 * A licence with reward terms converted to equity (以权代股) with its shares: the convert opens the
 * equity record as a reward case (patched 'licence-convert-opens-equity'). Launched 13 months
 * late with one instalment, so it falls due at registration, is paid, and the schedule completes.
 */
async function recordLicenceEquity() {
  const tsw = await startTimeSkippingWorker('transferflow');
  try {
    const today = chinaDate(await tsw.env.currentTimeMs());
    const f = {
      ...licenceFixture({
        effectiveOn: addMonths(today, -13),
        payment: { feeCny: 100_000, instalments: 1, intervalMonths: 12 },
      }),
      reward: { ...REWARD_TERMS },
    };
    const licence = await startLicence(tsw.env.client, 'transferflow', 'replay-lic-equity', f);
    await signAndRegister(licence, 'paying');
    await licenceAct(licence, 'tto', {
      action: 'record-payment',
      reference: 'EQ-1',
      amountCny: '100000.00',
      payer: 'Liangjiang Sensors Ltd.',
    });
    await eventually(
      () => licence.query(licenceViewQuery),
      (v) => v.stage === 'term-end',
      'schedule complete',
    );
    await licenceAct(licence, 'tto', {
      action: 'convert',
      reason: 'fee taken as shares (以权代股)',
      equity: {
        company: 'Liangjiang Sensors Ltd.',
        registeredCapitalCny: 10_000_000,
        shares: 1_000_001,
        valuationCny: 1_500_000,
        appraised: false,
      },
    });
    await licence.result();
    const name = 'deferred-licence-converted-equity';
    console.log(`[1/1] ${name} → ${save(name, await licence.fetchHistory())}`);
  } finally {
    await tsw.close();
  }
}

/**
 * A payment reaching its quarterly reward batch after the batch closed: the batch sends it back
 * (patched 'reward-late-income-carried') and the licence carries it into the next quarter's batch
 * (patched 'licence-carries-late-reward-income'). Both histories are kept: the licence (ended by
 * terminate) and the closed batch (mid-case, in office review: its end needs the long publicity).
 */
async function recordRewardCarry() {
  const tsw = await startTimeSkippingWorker('transferflow');
  const { client } = tsw.env;
  try {
    const licence = await startLicence(client, 'transferflow', 'replay-rw-carry', {
      ...licenceFixture(),
      reward: { ...REWARD_TERMS },
    });
    await signAndRegister(licence);
    await licenceAct(licence, 'tto', {
      action: 'record-payment',
      reference: 'CARRY-1',
      amountCny: '1000.00',
      payer: 'Liangjiang Sensors Ltd.',
    });
    const today = chinaDate(await tsw.env.currentTimeMs());
    const cases = await eventually(
      () => licence.query(licenceViewQuery),
      (v) => v.rewardCases?.length === 1,
      'first batch',
    );
    const batch = client.workflow.getHandle(`reward/${cases.rewardCases![0].caseId}`);
    await tsw.env.sleep('100 days');
    await reachReward(batch, 'office-review');
    await batch.signal(rewardIncomeSignal, { reference: 'CARRY-LATE', amountCny: '250.50', on: today });
    await eventually(
      () => licence.query(licenceViewQuery),
      (v) => v.rewardCarried?.length === 1 && v.rewardCases?.length === 2,
      'carried',
    );
    await licenceAct(licence, 'tto', { action: 'terminate', reason: 'recorded for the replay gate' });
    await licence.result();
    console.log(
      `[1/2] deferred-licence-reward-carry → ${save('deferred-licence-reward-carry', await licence.fetchHistory())}`,
    );
    console.log(`[2/2] reward-batch-carried-late → ${save('reward-batch-carried-late', await batch.fetchHistory())}`);
  } finally {
    await tsw.close();
  }
}

/**
 * Loan checks whose pack came with the start input (PACK_AT_SUBMISSION_PATCH): the committed
 * ma-loan-* histories above were recorded before, with the pack chosen by a local activity, and
 * stay as they are so that shape keeps replaying. One with a decision date, one dated by its start.
 */
async function recordPackAtSubmission() {
  const e2e = await startE2E('pglite');
  try {
    const { asOf: _dated, ...undated } = loanRequest({ requestId: 'replay-submission-today' });
    const loans: Record<string, MaLoanInput> = {
      'ma-loan-pack-at-submission-over': loanRequest({
        requestId: 'replay-submission-over',
        asOf: '2026-02-01',
        deal: { transactionPriceCny: 123_456_789.01 },
        loan: { amountCny: 98_765_431.21, termYears: 10 },
      }),
      'ma-loan-pack-at-submission-today': undated,
    };
    for (const [i, [name, request]] of Object.entries(loans).entries()) {
      const { workflowId, result } = await submitLoanCheck(e2e.env.client, request, {
        id: 'replay-recorder',
        role: 'bank',
      });
      const decided = await result;
      const history = await e2e.env.client.workflow.getHandle(workflowId).fetchHistory();
      console.log(`[${i + 1}/2] ${name}: ${decided.decision} → ${save(name, history)}`);
    }
  } finally {
    await e2e.close();
  }
}

async function main() {
  installRuntime({ handleSignals: true });
  if (process.argv.includes('--pack-at-submission')) return recordPackAtSubmission();
  if (process.argv.includes('--rights-grant')) return recordRightsGrants();
  if (process.argv.includes('--licence')) return recordLicences();
  if (process.argv.includes('--review')) return recordReviews();
  if (process.argv.includes('--reward')) return recordRewards();
  if (process.argv.includes('--licence-equity')) return recordLicenceEquity();
  if (process.argv.includes('--reward-carry')) return recordRewardCarry();
  const e2e = await startE2E('pglite');
  const { env } = e2e;
  try {
    const names = Object.entries(REPRESENTATIVE_LOANS);
    for (const [i, [name, request]] of names.entries()) {
      const { workflowId, result } = await submitLoanCheck(env.client, request, {
        id: 'replay-recorder',
        role: 'bank',
      });
      const decided = await result;
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      console.log(
        `[${i + 1}/${names.length}] ${name}: ${decided.decision} under ${decided.policy.id}@${decided.policy.version} → ${save(name, history)}`,
      );
    }
  } finally {
    await e2e.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
