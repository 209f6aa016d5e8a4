// Reward histories for the replay gate (`--reward`, `--reward-carry`).
import type { WorkflowHandle } from '@temporalio/client';
import { chinaDate } from '../../../policies/dates';
import { licenceViewQuery } from '../../../workflows/deferred-licence-definitions';
import { licenceAct, licenceFixture, signAndRegister, startLicence } from '../../support/licence-driver';
import { eventually } from '../../support/rights-grant-driver';
import { reachReward, rewardAct, rewardRequest, startReward } from '../../support/reward-driver';
import { startTimeSkippingWorker } from '../../support/time-skipping-worker';
import { REWARD_TERMS } from '../../support/reward-driver';
import { rewardIncomeSignal } from '../../../workflows/transformation-reward-definitions';
import { save } from './save';

/**
 * Reward cases, on the time-skipping server (publicity is 15 working days, which the dev server
 * would have to wait out): one distributed after an objection, registration and payroll; one
 * rejected at calculation; equity distributed in shares; and a licence whose payments started a
 * quarter's reward case (both histories).
 */
export async function recordRewards() {
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
 * A payment reaching its quarterly reward batch after the batch closed: the batch sends it back
 * (patched 'reward-late-income-carried') and the licence carries it into the next quarter's batch
 * (patched 'licence-carries-late-reward-income'). Both histories are kept: the licence (ended by
 * terminate) and the closed batch (mid-case, in office review: its end needs the long publicity).
 */
export async function recordRewardCarry() {
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
