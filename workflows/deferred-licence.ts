// deferredLicence: a university licenses a result to a small or medium enterprise that uses it
// first and pays later (DOMAIN.md §3), for the whole life of the licence: contract, registration,
// free use, the trigger, then instalments or royalty periods with reminders, grace and default,
// until it is converted, renewed, completed, terminated or ends because the patent lapsed.
// Every human step is the `act` update (validated synchronously); every timing and rule comes
// from the pack. Money is exact decimal. Each settled period continues as a new run carrying the
// schedule and balances, so a licence that lives for decades keeps a bounded history.
import Decimal from 'decimal.js';
import { allHandlersFinished, condition, continueAsNew, proxyLocalActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { DeferredLicenceActivities } from '../activities/deferred-licence-activities';
import { evaluateDeferredLicence } from '../policies/deferred-licence/evaluate';
import type { DeferredLicenceParameters } from '../policies/deferred-licence/parameters';
import { allocate, buildSchedule, cny, outstanding, royaltyAmount, totals, type ScheduleItem } from '../policies/deferred-licence/schedule';
import { isRoyalty } from '../policies/deferred-licence/terms-schema';
import { packKey } from '../policies/registry';
import { packAsRecorded } from './pack-as-recorded';
import { addDays, addMonths, chinaDate, chinaMidnight } from '../policies/dates';
import { SEARCH_ATTRIBUTES, type Actor } from './definitions';
import {
  LICENCE_FINAL_STAGES, licenceActUpdate, licenceViewQuery,
  type LicenceActRequest, type LicenceCaseInput, type LicenceLedgerPosting, type LicenceRecord, type LicenceStage, type LicenceView,
} from './deferred-licence-definitions';
import { ENDS, validateLicenceAct } from './deferred-licence-rules';

const { resolveDeferredLicencePolicy } = proxyLocalActivities<DeferredLicenceActivities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } });
const { recordLicenceStep } = proxyLocalActivities<DeferredLicenceActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const DAY = 86_400_000;
/** Records a licence carries into its next run: decades of monthly periods would otherwise grow the carried state without bound. */
const CARRIED_RECORDS = 120;
const SYSTEM: Actor = { id: 'transferflow', role: 'system' };
type Moment = { at: number; what: 'start' | 'assess' | 'reminder' | 'post' | 'overdue' | 'default'; item: ScheduleItem; days?: number };
const ORDER: Record<Moment['what'], number> = { start: 0, assess: 1, reminder: 2, post: 3, overdue: 4, default: 5 };

export async function deferredLicence(input: LicenceCaseInput): Promise<LicenceView> {
  const { request, resume } = input;
  const asOf = request.asOf ?? chinaDate(Date.now());
  // A continued run keeps the pack of the first: selection happens once per licence.
  const resolved = resume
    ? { policy: resume.view.eligibility.policy, notes: resume.view.eligibility.selection }
    : await resolveDeferredLicencePolicy({ request, asOf });
  const pack = packAsRecorded(resolved.policy);
  const params = pack.parameters as DeferredLicenceParameters;
  const proc = params.process;
  const policy = packKey(pack);
  const eligibility = resume?.view.eligibility ?? evaluateDeferredLicence(request, pack, asOf, resolved.notes);
  const now = () => new Date(Date.now()).toISOString();
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
  const paid = () => view.payments.reduce((s, p) => s.plus(p.amountCny), new Decimal(0));
  const refreshLedger = () => {
    view.ledger = totals(view.schedule, paid());
  };
  const isFinal = () => LICENCE_FINAL_STAGES.includes(view.stage);

  let actedInStage = 0; // bumps on every accepted action, so waits can tell that something happened
  // The first revenue reported during free use (a holder object: TypeScript does not see handlers assign it).
  const trigger: { firstRevenue: { on: string; amountCny: string } | null } = { firstRevenue: null };

  // Snapshot, audit event and ledger postings are written together by one idempotent activity.
  let version = resume?.version ?? 0;
  const save = async (entry?: { step: number; record: LicenceRecord; postings: LicenceLedgerPosting[] }) => {
    version++;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.decision, value: view.stage }]);
    await recordLicenceStep({ caseId: input.caseId, version, entry, view, request, payment: input.payment, guarantee: input.guarantee, openedBy: input.openedBy });
  };
  // Update handlers only change state and queue records; the main loop alone persists them (a local
  // activity started from a handler would race the main loop's and replay in another order).
  // Each record's step (its audit event key) counts every record of the licence, including those
  // no longer carried in the view (histories from before the count existed: their length).
  const unsaved: Array<{ step: number; record: LicenceRecord; postings: LicenceLedgerPosting[] }> = [];
  const note = (entry: Omit<LicenceRecord, 'at' | 'policy'>, postings: LicenceLedgerPosting[] = []) => {
    const record: LicenceRecord = { ...entry, at: now(), policy };
    view.history.push(record);
    view.recorded = (view.recorded ?? view.history.length - 1) + 1;
    unsaved.push({ step: view.recorded, record, postings });
  };
  const flush = async () => {
    while (unsaved.length) await save(unsaved.shift()!);
  };
  const record = async (entry: Omit<LicenceRecord, 'at' | 'policy'>, postings: LicenceLedgerPosting[] = []) => {
    note(entry, postings);
    await flush();
  };
  const posting = (kind: LicenceLedgerPosting['kind'], key: string, amountCny: string, extra: Partial<LicenceLedgerPosting> = {}): LicenceLedgerPosting => ({
    entryKey: `${input.caseId}#${kind}#${key}`, kind, itemNo: null, amountCny, reference: null, payer: null, on: today(), ...extra,
  });

  let processed = 0;
  const wait = (ready: () => boolean, timeoutMs?: number) => {
    processed = actedInStage;
    return timeoutMs === undefined ? condition(ready).then(() => true) : condition(ready, Math.max(timeoutMs, 1));
  };
  const finish = async () => {
    await flush();
    processed = actedInStage;
    await condition(allHandlersFinished);
    return view;
  };

  /** Items paid in full by what has been received; a cured default returns the licence to paying. */
  const settle = (by: Actor) => {
    for (const item of allocate(view.schedule, paid(), today())) {
      note({ stage: view.stage, action: 'settled', actor: SYSTEM, item: item.no, amountCny: item.amountCny!, reason: item.settledOn! > item.dueOn ? `paid late (due ${item.dueOn})` : `paid (due ${item.dueOn})` });
    }
    if (view.stage === 'default' && !view.schedule.some((i) => i.status === 'defaulted')) {
      view.stage = 'paying';
      view.pending = null;
      note({ stage: 'default', action: 'resume', actor: by, reason: 'every defaulted amount has been paid' });
    }
    refreshLedger();
  };

  /** Ends the licence: what was due stays due; what was not yet due is cancelled. */
  const end = (stage: LicenceStage) => {
    view.stage = stage;
    view.pending = null;
    for (const item of view.schedule) if (!item.posted) item.status = 'cancelled';
    refreshLedger();
  };

  setHandler(licenceViewQuery, () => view);
  setHandler(
    licenceActUpdate,
    async (act: LicenceActRequest) => {
      const stageBefore = view.stage;
      const base = { stage: stageBefore, action: act.action, actor: act.actor, reason: act.reason, reference: act.reference };
      if (act.action === 'record-payment') {
        const dup = view.payments.find((p) => p.reference === act.reference);
        if (dup) return view; // the same payment sent again: applied once (the validator refused a different one)
        const amountCny = cny(act.amountCny!);
        view.payments.push({ reference: act.reference!, amountCny, payer: act.payer!, on: today(), actor: act.actor });
        note({ ...base, amountCny, reason: `from ${act.payer}` }, [posting('payment', act.reference!, amountCny, { reference: act.reference!, payer: act.payer! })]);
        settle(act.actor);
      } else if (act.action === 'report-revenue') {
        const amountCny = cny(act.amountCny!);
        const open = view.schedule.find((i) => i.kind === 'royalty' && i.amountCny === null && i.status !== 'cancelled');
        if (view.stage === 'free-use') {
          view.freeUseRevenueCny = cny(new Decimal(view.freeUseRevenueCny).plus(amountCny));
          if (request.terms.trigger === 'first-revenue' && !trigger.firstRevenue && new Decimal(amountCny).gt(0)) trigger.firstRevenue = { on: today(), amountCny };
        } else if (open) {
          open.revenueCny = cny(new Decimal(open.revenueCny ?? 0).plus(amountCny));
        }
        const where = view.stage === 'free-use' ? 'free use: no payment on it' : open ? `royalty period ${open.no}` : isRoyalty(view.payment) ? 'no royalty period open' : 'deferred fee: revenue bears no royalty';
        note({ ...base, amountCny, item: view.stage === 'free-use' ? undefined : open?.no, reason: where });
      } else if (act.action === 'resume') {
        view.stage = 'paying';
        view.pending = null;
        note(base);
      } else if (act.action === 'renew') {
        const last = view.schedule[view.schedule.length - 1];
        const r = act.renewal!;
        const startsOn = isRoyalty(r) ? last.periodTo ?? addMonths(last.dueOn, r.periodMonths) : addMonths(last.dueOn, r.intervalMonths);
        view.schedule.push(...buildSchedule(r, startsOn, last.no + 1, proc.royaltyPaymentDays));
        view.payment = r;
        view.stage = 'paying';
        view.pending = null;
        note({ ...base, reason: `renewed from ${startsOn}` });
      } else if (ENDS[act.action]) {
        note(base);
        end(ENDS[act.action]!);
      } else {
        if (act.action === 'sign') view.contractReference = act.reference!;
        if (act.action === 'register') view.registrationNumber = act.reference!;
        note(base);
      }
      actedInStage++;
      const ticket = actedInStage;
      await condition(() => processed >= ticket);
      return view;
    },
    { validator: (act: LicenceActRequest) => validateLicenceAct(view, proc, act) },
  );

  /** Contract and registration: wait for the office; escalate once when overdue. */
  const officeStep = async (stage: 'contract' | 'registration') => {
    const rule = proc.steps[stage];
    view.stage = stage;
    view.pending = { stage, roles: rule.roles, dueAt: new Date(Date.now() + rule.deadlineDays * DAY).toISOString(), escalated: false };
    await save();
    const seen = actedInStage;
    if (!(await wait(() => actedInStage !== seen, rule.deadlineDays * DAY))) {
      view.pending = { stage, roles: [...new Set([...rule.roles, ...rule.escalateTo])], dueAt: null, escalated: true };
      await record({ stage, action: 'escalated', actor: SYSTEM, reason: `overdue after ${rule.deadlineDays} days: ${rule.escalateTo.join(', ')} may now act` });
      await wait(() => actedInStage !== seen);
    }
    view.pending = null;
    await flush();
  };

  const startPaying = async (why: string) => {
    view.stage = 'paying';
    view.pending = null;
    view.trigger ??= 'anniversary';
    await record({ stage: 'paying', action: 'payment-started', actor: SYSTEM, reason: `${why}: payment starts ${view.paymentStartsOn}` });
  };

  /** Continues as a new run with everything carried over (balances, schedule, payments, history). */
  const rollOver = async () => {
    await flush();
    processed = actedInStage;
    await condition(allHandlersFinished);
    await flush();
    // The next run carries the latest records only; every record stays in the audit log (GET …/history).
    const history = view.history.slice(-CARRIED_RECORDS);
    await continueAsNew<typeof deferredLicence>({ ...input, resume: { view: { ...view, history, run: view.run + 1 }, version } });
  };

  if (!resume) {
    await record({ stage: view.stage, action: 'evaluated', actor: input.openedBy, reason: `${eligibility.decision} under ${policy}` });
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.policyId, value: policy }]);
    if (isFinal()) return finish();
    await officeStep('contract');
    if (isFinal()) return finish();
    await officeStep('registration');
    if (isFinal()) return finish();
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
      await save();
      for (;;) {
        const seen = actedInStage;
        const acted = await wait(() => actedInStage !== seen || trigger.firstRevenue !== null, chinaMidnight(capOn) - Date.now());
        await flush();
        if (isFinal()) return finish();
        if (trigger.firstRevenue || !acted) break;
        if (workflowInfo().continueAsNewSuggested) await rollOver();
      }
      startsOn = trigger.firstRevenue?.on ?? capOn;
      view.trigger = trigger.firstRevenue ? 'first-revenue' : 'deferral-cap';
    }
    view.paymentStartsOn = startsOn;
    view.schedule = buildSchedule(input.payment, startsOn!, 1, proc.royaltyPaymentDays);
    if (trigger.firstRevenue && view.schedule[0].kind === 'royalty') view.schedule[0].revenueCny = trigger.firstRevenue.amountCny;
    if (!anniversary) {
      await startPaying(view.trigger === 'first-revenue' ? 'the licensee reported its first revenue' : `no revenue within the ${params.deferralCapMonths}-month deferral cap`);
    } else {
      view.pending = null;
      await save();
    }
  }

  // Paying: every due date is a durable timer; reminders before it, grace after it, then default.
  const resolvedAtStart = view.schedule.filter((i) => i.status === 'paid' || i.status === 'defaulted').length;
  const resolvedNow = () => view.schedule.filter((i) => i.status === 'paid' || i.status === 'defaulted').length;
  while (!isFinal()) {
    if (view.stage !== 'term-end' && (resolvedNow() > resolvedAtStart || workflowInfo().continueAsNewSuggested)) await rollOver();
    // The anniversary: free use ends and revenue from now on bears royalties.
    const startAt = view.paymentStartsOn ? chinaMidnight(view.paymentStartsOn) : Infinity;
    if (view.stage === 'free-use' && Date.now() >= startAt) await startPaying(`the ${eligibility.freeMonths}-month free period ended`);
    const moments: Moment[] = view.stage === 'free-use' ? [{ at: startAt, what: 'start', item: view.schedule[0] }] : [];
    if (view.stage !== 'term-end') {
      for (const item of view.schedule) {
        if (item.status === 'paid' || item.status === 'cancelled' || item.status === 'defaulted') continue;
        const dueAt = chinaMidnight(item.dueOn);
        if (item.amountCny === null) moments.push({ at: chinaMidnight(item.periodTo!), what: 'assess', item });
        else if (!item.posted) {
          for (const days of proc.reminderDaysBefore) {
            const at = chinaMidnight(addDays(item.dueOn, -days));
            if (!item.reminded.includes(days) && Date.now() < dueAt) moments.push({ at, what: 'reminder', item, days });
          }
          moments.push({ at: dueAt, what: 'post', item });
        } else if (item.status === 'due') moments.push({ at: chinaMidnight(addDays(item.dueOn, 1)), what: 'overdue', item });
        else moments.push({ at: chinaMidnight(addDays(item.dueOn, proc.graceDays + 1)), what: 'default', item });
      }
    }
    if (moments.length === 0 && view.stage !== 'term-end') {
      view.stage = 'term-end';
      view.pending = { stage: 'term-end', roles: proc.officeRoles, dueAt: null, escalated: false };
      await record({ stage: 'term-end', action: 'schedule-complete', actor: SYSTEM, reason: `every scheduled payment has fallen due; balance ${view.ledger.balanceCny}: convert, renew or close the licence` });
      continue;
    }
    moments.sort((a, b) => a.at - b.at || a.item.no - b.item.no || ORDER[a.what] - ORDER[b.what]);
    const next = moments[0];
    const seen = actedInStage;
    // A moment already past (a licence catching up after downtime, or launched late) is handled at
    // once: a timer per past moment would cost a workflow task each and delay the catch-up.
    const acted = !next ? await wait(() => actedInStage !== seen) : next.at <= Date.now() ? false : await wait(() => actedInStage !== seen, next.at - Date.now());
    if (acted) {
      await flush();
      continue;
    }
    const { item } = next;
    if (next.what === 'start') continue; // handled at the top of the loop
    if (next.what === 'assess') {
      item.amountCny = royaltyAmount((view.payment as { royaltyRate: number }).royaltyRate, item.revenueCny ?? 0);
      await record({ stage: view.stage, action: 'assessed', actor: SYSTEM, item: item.no, amountCny: item.amountCny, reason: `royalty ${item.periodFrom}…${item.periodTo}: rate × ${item.revenueCny} revenue, half-up to the fen; due ${item.dueOn}` });
    } else if (next.what === 'reminder') {
      item.reminded.push(next.days!);
      const credit = paid().minus(view.ledger.dueCny);
      if (credit.lt(item.amountCny!)) {
        await record({ stage: view.stage, action: 'reminder', actor: SYSTEM, item: item.no, amountCny: item.amountCny!, reason: `payment ${item.no} of ${item.amountCny} is due on ${item.dueOn} (in ${next.days} days)` });
      }
    } else if (next.what === 'post') {
      item.posted = true;
      item.status = 'due';
      note({ stage: view.stage, action: 'posted', actor: SYSTEM, item: item.no, amountCny: item.amountCny!, reason: `payment ${item.no} falls due today` }, [posting('due', String(item.no), item.amountCny!, { itemNo: item.no })]);
      settle(SYSTEM);
      await flush();
    } else if (next.what === 'overdue') {
      item.status = 'overdue';
      refreshLedger();
      await record({ stage: view.stage, action: 'overdue', actor: SYSTEM, item: item.no, amountCny: cny(outstanding(item)), reason: `unpaid after ${item.dueOn}: ${proc.graceDays} days of grace` });
    } else {
      item.status = 'defaulted';
      const owed = cny(outstanding(item));
      view.stage = 'default';
      view.pending = { stage: 'default', roles: proc.officeRoles, dueAt: null, escalated: false };
      if (proc.creditFlagOnDefault) view.creditFlagged = true;
      refreshLedger();
      note({ stage: 'default', action: 'defaulted', actor: SYSTEM, item: item.no, amountCny: owed, reason: `${owed} still unpaid ${proc.graceDays} days after ${item.dueOn}` });
      if (view.guarantee) {
        view.guaranteeClaims.push({ item: item.no, amountCny: owed, provider: view.guarantee.provider, on: today() });
        note({ stage: 'default', action: 'guarantee-claim', actor: SYSTEM, item: item.no, amountCny: owed, reason: `${view.guarantee.kind} claim on ${view.guarantee.provider}` },
          [posting('guarantee-claim', String(item.no), owed, { itemNo: item.no, payer: view.guarantee.provider, reference: view.guarantee.reference ?? null })]);
      }
      if (proc.creditFlagOnDefault) note({ stage: 'default', action: 'credit-flag', actor: SYSTEM, item: item.no, reason: 'default reported for the licensee’s credit record' });
      await flush();
    }
  }
  return finish();
}
