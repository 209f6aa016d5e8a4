// deferredLicence: a university licenses a result to a small or medium enterprise that uses it
// first and pays later (docs/domain.md §3), for the whole life of the licence: contract,
// registration, free use, the trigger, then instalments or royalty periods with reminders, grace
// and default, until it is converted, renewed, completed, terminated or ends because the patent
// lapsed. Every human step is the `act` update, validated and applied by the pure rules
// (deferred-licence-rules.ts); every timing and rule comes from the pack. Money is exact decimal.
// Each settled period continues as a new run carrying the schedule and balances, so a licence that
// lives for decades keeps a bounded history.
import {
  continueAsNew,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { DeferredLicenceActivities } from '../activities/deferred-licence-activities';
import { evaluateDeferredLicence } from '../policies/deferred-licence/evaluate';
import type { DeferredLicenceParameters } from '../policies/deferred-licence/parameters';
import { buildSchedule, totals } from '../policies/deferred-licence/schedule';
import { addMonths, chinaDate, chinaMidnight } from '../policies/dates';
import { casePack } from './pack-as-recorded';
import { carryLateRewardIncome, forwardPaymentsToRewards, openEquityCase } from './licence-rewards';
import { FAILURE, refusal } from './failures';
import type { EquityRecord } from './transformation-reward-definitions';
import { CaseProcess, PERSIST_OPTIONS, SYSTEM } from './case-process';
import { SEARCH_ATTRIBUTES } from './definitions';
import {
  LICENCE_FINAL_STAGES,
  LICENCE_PACK_AT_SUBMISSION_PATCH,
  licenceActUpdate,
  licenceRewardCarrySignal,
  licenceViewQuery,
  type LicenceActRequest,
  type LicenceCaseInput,
  type LicenceLedgerPosting,
  type LicenceRecord,
  type LicenceStage,
  type RewardCarry,
  type LicenceView,
} from './deferred-licence-definitions';
import {
  applyLicenceAct,
  applyLicenceMoment,
  licenceMoments,
  validateLicenceAct,
  type LicenceContext,
} from './deferred-licence-rules';

const { resolveDeferredLicencePolicy } = proxyLocalActivities<DeferredLicenceActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});
const { recordLicenceStep } = proxyLocalActivities<DeferredLicenceActivities>(PERSIST_OPTIONS);

/** Records a licence carries into its next run: decades of monthly periods would otherwise grow the carried state without bound. */
const CARRIED_RECORDS = 120;

export async function deferredLicence(input: LicenceCaseInput): Promise<LicenceView> {
  const { request, resume } = input;
  const asOf = request.asOf ?? chinaDate(Date.now());
  // The pack chosen at submission saves the first task a local-activity round trip (as a loan
  // check's does): used only for the same decision date, and behind patched() — a history whose
  // first task ran on a worker without this change resolved by activity, and replays that way.
  const { pack, params, policy, notes } = await casePack<DeferredLicenceParameters>(
    resume?.view.eligibility,
    async () =>
      input.resolved?.asOf === asOf && patched(LICENCE_PACK_AT_SUBMISSION_PATCH)
        ? input.resolved
        : resolveDeferredLicencePolicy({ request, asOf }),
  );
  const eligibility = resume?.view.eligibility ?? evaluateDeferredLicence(request, pack, asOf, notes);
  const today = () => chinaDate(Date.now());

  const view: LicenceView = resume?.view ?? {
    caseId: input.caseId,
    kind: 'deferred-licence',
    stage: eligibility.decision === 'eligible' ? 'contract' : 'ineligible',
    pending: null,
    eligibility,
    payment: input.payment,
    guarantee: input.guarantee,
    contractReference: null,
    registrationNumber: null,
    paymentStartsOn: eligibility.paymentStartsOn,
    trigger: null,
    freeUseRevenueCny: '0.00',
    schedule: [],
    payments: [],
    ledger: totals([], 0),
    creditFlagged: false,
    guaranteeClaims: [],
    history: [],
    recorded: 0,
    run: 0,
  };
  // Snapshot, audit event and ledger postings are written together by one idempotent activity.
  const proc = new CaseProcess<LicenceStage, LicenceRecord, LicenceView, { postings: LicenceLedgerPosting[] }>(view, {
    policy,
    version: resume?.version ?? 0,
    persist: (version, entry) =>
      recordLicenceStep({
        caseId: input.caseId,
        version,
        entry: entry && { ...entry, postings: entry.postings ?? [] },
        view,
        request,
        payment: input.payment,
        guarantee: input.guarantee,
        openedBy: input.openedBy,
        ...(input.reward ? { reward: input.reward } : {}),
      }),
  });
  const ctx: LicenceContext = {
    caseId: input.caseId,
    request,
    proc: params.process,
    today,
    // Asked only for a report with a reference, so histories without one carry no marker.
    reportsByReference: () => patched('licence-revenue-report-reference'),
    trigger: { firstRevenue: null },
    // Asked only when a default with a credit flag is cured, so other histories carry no marker.
    liftsCreditFlag: () => patched('licence-credit-flag-lift'),
    note: (entry, postings = []) => proc.note(entry, { postings }),
  };
  const isFinal = () => LICENCE_FINAL_STAGES.includes(view.stage);
  // Payments start reward cases only for licences launched with reward terms (so no existing
  // history meets the patch), and only from this code on.
  // Payments a batch received after closing, sent back by the batch (only reward cases from this
  // code on send them, so no existing history meets the patch): carried into the next batch.
  const carries: RewardCarry[] = [];
  const forwardRewards = async () => {
    if (!input.reward) return;
    if (carries.length && patched('licence-carries-late-reward-income')) {
      if (await carryLateRewardIncome(view, input.caseId, input.reward, carries.splice(0))) await proc.save();
    }
    if (!patched('licence-payments-start-rewards')) return;
    if (await forwardPaymentsToRewards(view, input.caseId, input.reward)) await proc.save();
  };
  /** A step acted on, or a late payment to carry: either wakes the licence. */
  const movedOrCarried = () => {
    const moved = proc.actedSince();
    return () => moved() || carries.length > 0;
  };

  // The shares a convert took (以权代股): their equity record is opened once the licence has ended.
  let convertedTo: EquityRecord | undefined;
  setHandler(licenceViewQuery, () => view);
  setHandler(licenceRewardCarrySignal, (c: RewardCarry) => void carries.push(c));
  setHandler(
    licenceActUpdate,
    // A payment or revenue report already applied (same reference and amount) answers at once and changes nothing.
    (act: LicenceActRequest) => {
      if (!applyLicenceAct(view, ctx, act)) return Promise.resolve(proc.ack());
      if (act.action === 'convert' && act.equity) convertedTo = act.equity;
      return proc.handOff();
    },
    {
      validator: (act: LicenceActRequest) => {
        validateLicenceAct(view, params.process, act);
        if (act.equity && !input.reward)
          throw refusal(
            FAILURE.invalidInput,
            'an equity record needs the licence’s reward terms (unit, team): this licence was launched without them',
            'equity',
          );
      },
    },
  );

  const startPaying = async (why: string) => {
    view.stage = 'paying';
    view.pending = null;
    view.trigger ??= 'anniversary';
    await proc.record({
      stage: 'paying',
      action: 'payment-started',
      actor: SYSTEM,
      reason: `${why}: payment starts ${view.paymentStartsOn}`,
    });
  };

  /** Continues as a new run with everything carried over (balances, schedule, payments, the latest records). */
  const rollOver = async () => {
    await proc.flush();
    await proc.drain();
    await proc.flush();
    // Every record stays in the audit log (GET …/history); the next run carries the latest only.
    const history = view.history.slice(-CARRIED_RECORDS);
    await continueAsNew<typeof deferredLicence>({
      ...input,
      resume: { view: { ...view, history, run: view.run + 1 }, version: proc.version },
    });
  };

  if (!resume) {
    await proc.record({
      stage: view.stage,
      action: 'evaluated',
      actor: input.openedBy,
      reason: `${eligibility.decision} under ${policy}`,
    });
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.policyId, value: policy }]);
    for (const stage of ['contract', 'registration'] as const) {
      if (isFinal()) return proc.finish();
      await proc.humanStep(stage, params.process.steps[stage]);
    }
    if (isFinal()) return proc.finish();
    view.stage = 'free-use';
  }

  // Free use until the trigger. An anniversary is known from the start, so its schedule is built
  // at once (reminders come before the first due date); first revenue is waited for, at the
  // latest until the pack's deferral cap runs out.
  if (view.stage === 'free-use' && view.schedule.length === 0) {
    const anniversary = request.terms.trigger === 'anniversary';
    let startsOn = eligibility.paymentStartsOn;
    if (!anniversary) {
      const capOn = addMonths(request.terms.effectiveOn, params.deferralCapMonths);
      view.pending = null; // nobody's task while the licensee uses the result for free
      await proc.save();
      for (;;) {
        const moved = movedOrCarried();
        const acted = await proc.wait(
          () => moved() || ctx.trigger.firstRevenue !== null,
          Math.max(chinaMidnight(capOn) - Date.now(), 1),
        );
        await proc.flush();
        await forwardRewards();
        if (isFinal()) return proc.finish();
        if (ctx.trigger.firstRevenue || !acted) break;
        if (workflowInfo().continueAsNewSuggested) await rollOver();
      }
      startsOn = ctx.trigger.firstRevenue?.on ?? capOn;
      view.trigger = ctx.trigger.firstRevenue ? 'first-revenue' : 'deferral-cap';
    }
    view.paymentStartsOn = startsOn;
    // The licensee learns of its schedule now: a due date already past counts its grace from today.
    if (patched('licence-notice-before-default')) view.noticedOn = today();
    view.schedule = buildSchedule(input.payment, startsOn!, 1, params.process.royaltyPaymentDays);
    if (ctx.trigger.firstRevenue && view.schedule[0].kind === 'royalty')
      view.schedule[0].revenueCny = ctx.trigger.firstRevenue.amountCny;
    if (!anniversary) {
      await startPaying(
        view.trigger === 'first-revenue'
          ? 'the licensee reported its first revenue'
          : `no revenue within the ${params.deferralCapMonths}-month deferral cap`,
      );
    } else {
      view.pending = null;
      await proc.save();
    }
  }

  // Paying: every due date is a durable timer; reminders before it, grace after it, then default.
  const { officeRoles } = params.process;
  const resolvedCount = () => view.schedule.filter((i) => i.status === 'paid' || i.status === 'defaulted').length;
  const resolvedAtStart = resolvedCount();
  while (!isFinal()) {
    if (view.stage !== 'term-end' && (resolvedCount() > resolvedAtStart || workflowInfo().continueAsNewSuggested))
      await rollOver();
    // The anniversary: free use ends and revenue from now on bears royalties.
    if (view.stage === 'free-use' && view.paymentStartsOn && Date.now() >= chinaMidnight(view.paymentStartsOn))
      await startPaying(`the ${eligibility.freeMonths}-month free period ended`);
    const moments = licenceMoments(view, params.process, Date.now());
    if (moments.length === 0 && view.stage !== 'term-end') {
      view.stage = 'term-end';
      view.pending = { stage: 'term-end', roles: officeRoles, dueAt: null, escalated: false };
      await proc.record({
        stage: 'term-end',
        action: 'schedule-complete',
        actor: SYSTEM,
        reason: `every scheduled payment has fallen due; balance ${view.ledger.balanceCny}: convert, renew or close the licence`,
      });
      continue;
    }
    const next = moments[0];
    const moved = movedOrCarried();
    // A moment already past (a licence catching up after downtime, or launched late) is handled at
    // once: a timer per past moment would cost a workflow task each and delay the catch-up.
    const acted = !next
      ? await proc.wait(moved)
      : next.at <= Date.now()
        ? false
        : await proc.wait(moved, Math.max(next.at - Date.now(), 1));
    if (acted) {
      await proc.flush();
      await forwardRewards();
      continue;
    }
    if (next.what === 'start') continue; // handled at the top of the loop
    applyLicenceMoment(view, ctx, next);
    await proc.flush();
  }
  // Converted with shares: the equity record opens as a reward case (asked only then, so licences
  // converted before this code, or without shares, carry no marker).
  if (convertedTo && input.reward && patched('licence-convert-opens-equity')) {
    await openEquityCase(view, input.caseId, input.reward, convertedTo, today());
    await proc.record({
      stage: view.stage,
      action: 'equity-opened',
      actor: SYSTEM,
      reference: view.equityCase!.caseId,
      reason: `${convertedTo.shares} shares of ${convertedTo.company} (valued ${convertedTo.valuationCny}${convertedTo.appraised ? ', appraised' : ', not appraised'}): equity record ${view.equityCase!.caseId}`,
    });
  }
  return proc.finish();
}
