// Licence histories for the replay gate (`--licence`, `--licence-equity`).
import { startE2E } from '../../support/stack';
import { addDays, addMonths, chinaDate } from '../../../policies/dates';
import { licenceViewQuery } from '../../../workflows/deferred-licence-definitions';
import { licenceAct, licenceFixture, signAndRegister, startLicence } from '../../support/licence-driver';
import { eventually } from '../../support/rights-grant-driver';
import { startTimeSkippingWorker } from '../../support/time-skipping-worker';
import { REWARD_TERMS } from '../../support/reward-driver';
import { save } from './save';
import { licencePackAtSubmission } from '../../../client/licences';

/**
 * Licences on the dev server: an ineligible one; one launched late whose schedule catches up
 * through defaults (each settled period continues as new: its first two runs are kept); one
 * with a payment sent twice, revenue, usage, and termination.
 */
export async function recordLicences() {
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

/**
 * A licence whose pack came with its start input, as the API now sends it (patched
 * 'licence-pack-chosen-at-submission'): launched late on two instalments, so it is paying at
 * registration; then terminated. The other licence histories resolved their pack by local activity.
 */
export async function recordLicencePackAtSubmission() {
  const e2e = await startE2E('pglite');
  try {
    const today = chinaDate(Date.now());
    const f = licenceFixture({
      effectiveOn: addDays(addMonths(today, -12), -5),
      payment: { feeCny: 24_000, instalments: 2, intervalMonths: 6 },
    });
    f.request.asOf = today;
    const licence = await startLicence(e2e.env.client, 'transferflow', 'replay-dl-pack-at-submission', f, {
      resolved: licencePackAtSubmission(f.request, today),
    });
    await signAndRegister(licence, 'paying');
    await licenceAct(licence, 'tto', { action: 'terminate', reason: 'licensee wound up' });
    await licence.result();
    const name = 'deferred-licence-pack-at-submission';
    console.log(`[1/1] ${name} → ${save(name, await licence.fetchHistory())}`);
  } finally {
    await e2e.close();
  }
}

/**
 * A licence with reward terms converted to equity (以权代股) with its shares: the convert opens the
 * equity record as a reward case (patched 'licence-convert-opens-equity'). Launched 13 months
 * late with one instalment, so it falls due at registration, is paid, and the schedule completes.
 */
export async function recordLicenceEquity() {
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
