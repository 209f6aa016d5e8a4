// transformationReward (先转化后奖励): a unit rewards the team behind a job invention from the
// income it brought (docs/domain.md §5). A licence's batch first collects the period's payments;
// then the written split is confirmed by every member (unless it came from a rights grant), the
// technology contract registered where the pack asks, the reward calculated by the pure evaluator,
// reviewed by the office, publicised in the unit for the pack's working days on the official
// calendar (an objection returns it to review), approved by the decision body, paid person by
// person through payroll (or, for equity, shares registered), and the ledger reconciled to the fen.
// Every human step is the `act` update, validated and applied by transformation-reward-rules.ts.
import {
  getExternalWorkflowHandle,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { licenceRewardCarrySignal, licenceWorkflowId } from './deferred-licence-definitions';
import type { RewardActivities } from '../activities/reward-activities';
import { evaluateReward } from '../policies/reward/evaluate';
import type { RewardParameters } from '../policies/reward/parameters';
import type { RewardInput } from '../policies/reward/input-schema';
import { addWorkingDays } from '../policies/calendar';
import { addDays, chinaDate, chinaMidnight } from '../policies/dates';
import { Decimal } from '../policies/money';
import { casePack } from './pack-as-recorded';
import { CaseProcess, PERSIST_OPTIONS, SYSTEM } from './case-process';
import { SEARCH_ATTRIBUTES } from './definitions';
import {
  allConfirmed,
  allocationPostings,
  allPaid,
  applyRewardAct,
  ledgerOf,
  validateRewardAct,
  type RewardNote,
} from './transformation-reward-rules';
import {
  REWARD_FINAL_STAGES,
  rewardActUpdate,
  rewardIncomeSignal,
  rewardViewQuery,
  type RewardActRequest,
  type RewardCaseInput,
  type RewardIncomeItem,
  type RewardLedgerPosting,
  type RewardRecord,
  type RewardStage,
  type RewardView,
} from './transformation-reward-definitions';

const { resolveRewardPolicy } = proxyLocalActivities<RewardActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});
const { recordRewardStep } = proxyLocalActivities<RewardActivities>(PERSIST_OPTIONS);

/** A licence's batch: the income is what was received in it, from its first receipt (the 36-month clock's start). */
function batchIncome(request: RewardInput, income: RewardIncomeItem[]): RewardInput {
  const gross = income.reduce((s, i) => s.plus(i.amountCny), new Decimal(0));
  return {
    ...request,
    income: { ...request.income, grossCny: gross.toNumber(), receivedOn: income[0].on },
  };
}

export async function transformationReward(input: RewardCaseInput): Promise<RewardView> {
  const today = () => chinaDate(Date.now());
  const view: RewardView = {
    caseId: input.caseId,
    kind: 'reward',
    stage: input.collect ? 'collecting' : input.splitAgreed ? 'registration' : 'split-confirmation',
    pending: null,
    policy: { id: '', version: '', hash: '', selection: [] },
    request: input.request,
    source: input.source ?? null,
    equity: input.equity ?? null,
    income: input.collect ? [...input.collect.income] : [],
    collectUntil: input.collect?.until ?? null,
    confirmations: [],
    registration: null,
    calculation: null,
    objections: [],
    publicityEndsOn: null,
    publicityEndAssumed: false,
    approvedBy: null,
    payments: [],
    ledger: null,
    history: [],
  };
  // The pack is chosen once, on the decision date: asOf, else the day a licence's batch closes, else today.
  const asOf = input.request.asOf ?? input.collect?.until ?? today();
  const resolved = await casePack<RewardParameters>(undefined, () =>
    resolveRewardPolicy({ jurisdiction: input.request.jurisdiction, asOf }),
  );
  const { params, policy } = resolved;
  view.policy = { ...resolved.ref, selection: resolved.notes };
  const proc = new CaseProcess<RewardStage, RewardRecord, RewardView, { postings: RewardLedgerPosting[] }>(view, {
    policy,
    version: 0,
    persist: (version, entry) =>
      recordRewardStep({
        caseId: input.caseId,
        version,
        entry: entry && { ...entry, postings: entry.postings ?? [] },
        view,
        openedBy: input.openedBy,
      }),
  });
  const note: RewardNote = (entry, postings = []) => proc.note(entry, { postings });
  const isFinal = () => REWARD_FINAL_STAGES.includes(view.stage);

  setHandler(rewardViewQuery, () => view);
  setHandler(
    rewardActUpdate,
    (act: RewardActRequest) => {
      applyRewardAct(view, act, proc.now(), today(), note);
      return proc.handOff();
    },
    { validator: (act: RewardActRequest) => validateRewardAct(view, params, act) },
  );
  // Income forwarded by the licence: each payment once (by its reference), while the batch collects.
  // One arriving after the batch closed is sent back to the licence, which carries it into the
  // next batch (cases from before this code keep it as a note, as they recorded it).
  const late: RewardIncomeItem[] = [];
  const carried = new Set<string>();
  const carry = (item: RewardIncomeItem) => {
    const licenceId = input.source?.licenceCaseId;
    if (!licenceId || !input.collect || !patched('reward-late-income-carried')) return;
    getExternalWorkflowHandle(licenceWorkflowId(licenceId))
      .signal(licenceRewardCarrySignal, { fromCaseId: input.caseId, until: input.collect.until, item })
      .then(
        () => {
          carried.add(item.reference);
          note({
            stage: view.stage,
            action: 'income',
            actor: SYSTEM,
            reference: item.reference,
            amountCny: item.amountCny,
            reason: `received after the batch closed on ${input.collect!.until}: carried into the next batch`,
          });
        },
        // The licence has ended: nothing to carry it into; it stays listed as late below.
        () => undefined,
      );
  };
  setHandler(rewardIncomeSignal, (item: RewardIncomeItem) => {
    if (view.income.some((i) => i.reference === item.reference) || late.some((i) => i.reference === item.reference))
      return;
    if (view.stage === 'collecting') view.income.push(item);
    else {
      late.push(item);
      carry(item);
    }
  });

  note({
    stage: view.stage,
    action: 'opened',
    actor: input.openedBy,
    reason: input.collect
      ? `licence ${input.source?.licenceCaseId} payments received until ${input.collect.until} are rewarded together`
      : `${input.request.income.kind} income received on ${input.request.income.receivedOn}`,
  });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.policyId, value: policy }]);
  await proc.flush();

  if (input.collect) {
    // Collect the period's payments; then the income is their sum.
    for (let seen = view.income.length; ;) {
      const more = await proc.wait(
        () => view.income.length > seen,
        Math.max(chinaMidnight(input.collect.until) - Date.now(), 1),
      );
      for (const item of view.income.slice(seen))
        note({
          stage: 'collecting',
          action: 'income',
          actor: SYSTEM,
          reference: item.reference,
          amountCny: item.amountCny,
        });
      seen = view.income.length;
      await proc.flush();
      if (!more) break;
    }
    view.request = batchIncome(view.request, view.income);
    view.stage = input.splitAgreed ? 'registration' : 'split-confirmation';
    note({
      stage: view.stage,
      action: 'collected',
      actor: SYSTEM,
      amountCny: new Decimal(view.request.income.grossCny!).toFixed(2),
      reason: `${view.income.length} payment(s) received until ${input.collect.until}`,
    });
    await proc.flush();
  }

  const steps = params.process.steps;

  if (view.stage === 'split-confirmation') {
    // A written split every member confirms (no rights grant agreed it before).
    await proc.humanStep('split-confirmation', steps['split-confirmation'], () => allConfirmed(view) || isFinal());
    if (!isFinal()) view.stage = 'registration';
  }
  // Technology-contract registration (技术合同认定登记): the tax treatment depends on it.
  const needsRegistration =
    params.registrationKinds.includes(view.request.income.kind) && !view.request.income.contractRegistered;
  if (!isFinal() && needsRegistration) {
    await proc.humanStep('registration', steps.registration, () => view.registration !== null);
    if (view.registration?.reference)
      view.request = { ...view.request, income: { ...view.request.income, contractRegistered: true } };
  }
  if (isFinal()) return proc.finish();

  const calculation = evaluateReward(view.request, resolved.pack, asOf, resolved.notes);
  view.calculation = calculation;
  view.ledger = ledgerOf(view);
  const d = calculation.distribution;
  note({
    stage: 'office-review',
    action: 'calculated',
    actor: SYSTEM,
    amountCny: d?.poolCny,
    shares: d?.teamShares,
    reason: d
      ? `${calculation.decision}: ${d.poolCny !== undefined ? `pool ${d.poolCny}` : `${d.teamShares} shares`} for ${d.people.length} people, tax relief ${d.taxRelief ? 'yes' : 'no'}`
      : `${calculation.decision}: ${calculation.checks
          .filter((c) => !c.passed)
          .map((c) => c.id)
          .join(', ')} failed`,
  });
  if (calculation.decision === 'rejected') {
    view.stage = 'rejected';
    return proc.finish();
  }

  // Office review, then publicity; an objection returns it to review with the objection attached.
  for (;;) {
    await proc.humanStep('office-review', steps['office-review']);
    if (isFinal()) return proc.finish();
    const end = addWorkingDays(today(), params.publicityWorkingDays);
    view.publicityEndsOn = end.date;
    view.publicityEndAssumed = end.assumed;
    // Publicity stays open to the end of its last working day (cases started before this was fixed
    // closed at its first minute, and keep doing so when they replay).
    const closesAt = patched('reward-publicity-to-end-of-day')
      ? chinaMidnight(addDays(end.date, 1))
      : chinaMidnight(end.date);
    await proc.open('publicity', params.process.objectionRoles, new Date(closesAt).toISOString());
    const objected = await proc.wait(proc.actedSince(), Math.max(closesAt - Date.now(), 1));
    view.pending = null; // publicity is over the moment its timer fires: a late objection is refused
    await proc.flush();
    if (objected) continue;
    await proc.record({
      stage: 'publicity',
      action: 'publicity-ended',
      actor: SYSTEM,
      reason: `no objection in ${params.publicityWorkingDays} working days (to ${end.date}${end.assumed ? ', counted on weekends only: that year’s holidays are not published' : ''})`,
    });
    break;
  }

  await proc.humanStep('approval', steps.approval);
  if (isFinal()) return proc.finish();
  // Approved: the allocation goes on the ledger; then each person's part is paid (or registered).
  note(
    { stage: 'payment', action: 'allocated', actor: SYSTEM, reason: `allocated under ${policy}` },
    allocationPostings(view, params, today()),
  );
  if (!allPaid(view)) await proc.humanStep('payment', steps.payment, () => allPaid(view));
  view.stage = 'distributed';
  view.ledger = ledgerOf(view);
  note({
    stage: 'distributed',
    action: 'reconciled',
    actor: SYSTEM,
    reason: view.ledger!.reconciled
      ? `income ${view.ledger!.income} = deducted ${view.ledger!.deducted} + paid ${view.ledger!.paid} + retained ${view.ledger!.retained} + department ${view.ledger!.department} (${view.ledger!.unit})`
      : `NOT reconciled: ${JSON.stringify(view.ledger)}`,
  });
  const uncarried = late.filter((i) => !carried.has(i.reference));
  if (uncarried.length)
    note({
      stage: 'distributed',
      action: 'income',
      actor: SYSTEM,
      reason: `received after the batch closed, for the next batch: ${uncarried.map((i) => `${i.reference} ${i.amountCny}`).join(', ')}`,
    });
  return proc.finish();
}
