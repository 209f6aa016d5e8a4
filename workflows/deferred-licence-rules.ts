// The rules of the licence's `act` update, checked before anything is recorded: which actions
// each stage takes, who may take them, and what each must carry. Pure, so the workflow's
// validator is one call and the rules read in one place.
import { Decimal } from '../policies/money';
import type { LicenceProcess } from '../policies/deferred-licence/parameters';
import type { DeferredLicenceInput } from '../policies/deferred-licence/input-schema';
import {
  allocate,
  buildSchedule,
  cny,
  outstanding,
  royaltyAmount,
  totals,
  type ScheduleItem,
} from '../policies/deferred-licence/schedule';
import { isRoyalty } from '../policies/deferred-licence/terms-schema';
import { addDays, addMonths, chinaMidnight } from '../policies/dates';
import type { Actor } from './definitions';
import { refuseUnlessRole, SYSTEM } from './case-process';
import { FAILURE, refusal } from './failures';
import type {
  LicenceActionName,
  LicenceActRequest,
  LicenceLedgerPosting,
  LicenceRecord,
  LicenceStage,
  LicenceView,
} from './deferred-licence-definitions';

export const NEEDS_REASON: LicenceActionName[] = ['resume', 'terminate', 'patent-lapsed', 'convert'];
export const LICENSEE_ACTIONS: LicenceActionName[] = ['report-usage', 'report-revenue'];
export const ENDING: LicenceActionName[] = ['terminate', 'patent-lapsed'];

/** Which actions each stage accepts. */
export const ACTIONS: Partial<Record<LicenceStage, LicenceActionName[]>> = {
  contract: ['sign', ...ENDING],
  registration: ['register', ...ENDING],
  'free-use': [...LICENSEE_ACTIONS, 'record-payment', ...ENDING], // a payment in advance is credit
  paying: [...LICENSEE_ACTIONS, 'record-payment', ...ENDING],
  default: [...LICENSEE_ACTIONS, 'record-payment', 'resume', ...ENDING],
  'term-end': ['record-payment', 'convert', 'renew', 'close', ...ENDING],
};

/** What each ending action turns the licence into. */
export const ENDS: Partial<Record<LicenceActionName, LicenceStage>> = {
  terminate: 'terminated',
  'patent-lapsed': 'lapsed',
  convert: 'converted',
  close: 'completed',
};

/** Throws an ApplicationFailure (invalid-state, forbidden or invalid-input, naming the field) when the action may not be taken. */
export function validateLicenceAct(view: LicenceView, proc: LicenceProcess, act: LicenceActRequest): void {
  const allowed = ACTIONS[view.stage] ?? [];
  if (!allowed.includes(act.action)) {
    throw refusal(
      FAILURE.invalidState,
      `the licence is at ${view.stage}: ${act.action} is not possible (allowed: ${allowed.join(', ') || 'nothing'})`,
    );
  }
  const officeStep = act.action === 'sign' || act.action === 'register';
  if (officeStep && view.pending?.stage !== view.stage)
    throw refusal(
      FAILURE.invalidState,
      `the licence's ${view.stage} step has closed: ${act.action} is no longer possible`,
    );
  const roles = officeStep
    ? (view.pending?.roles ?? [])
    : LICENSEE_ACTIONS.includes(act.action)
      ? proc.licenseeRoles
      : proc.officeRoles;
  refuseUnlessRole(act.actor.role, roles, act.action, view.stage);
  const invalid = (field: string, message: string) => refusal(FAILURE.invalidInput, message, field);
  if (NEEDS_REASON.includes(act.action) && !act.reason?.trim()) throw invalid('reason', `${act.action} needs a reason`);
  if (
    (act.action === 'sign' || act.action === 'register' || act.action === 'record-payment') &&
    !act.reference?.trim()
  ) {
    throw invalid(
      'reference',
      `${act.action} needs a reference (${act.action === 'sign' ? 'contract number' : act.action === 'register' ? 'registration number' : 'bank or receipt reference'})`,
    );
  }
  if (act.action === 'record-payment' || act.action === 'report-revenue') {
    if (act.amountCny === undefined) throw invalid('amountCny', `${act.action} needs amountCny`);
    const amount = new Decimal(act.amountCny);
    if (act.action === 'record-payment' && !amount.gt(0))
      throw invalid('amountCny', 'a payment must be greater than 0');
    if (amount.lt(0)) throw invalid('amountCny', 'revenue must not be negative');
  }
  if (act.action === 'record-payment') {
    if (!act.payer?.trim()) throw invalid('payer', 'record-payment needs the payer');
    const dup = view.payments.find((p) => p.reference === act.reference);
    if (dup && (!new Decimal(dup.amountCny).eq(act.amountCny!) || dup.payer !== act.payer)) {
      throw invalid(
        'reference',
        `payment ${act.reference} was already recorded as ${dup.amountCny} from ${dup.payer}: a different payment needs its own reference`,
      );
    }
  }
  if (act.action === 'report-revenue' && act.reference !== undefined) {
    if (!act.reference.trim()) throw invalid('reference', 'a revenue report reference must not be blank');
    const dup = view.revenueReports?.find((r) => r.reference === act.reference);
    if (dup && !new Decimal(dup.amountCny).eq(act.amountCny!)) {
      throw invalid(
        'reference',
        `revenue report ${act.reference} was already applied as ${dup.amountCny}: a different report needs its own reference`,
      );
    }
  }
  if (act.equity !== undefined && act.action !== 'convert')
    throw invalid('equity', 'only convert takes an equity record (the shares taken instead of the fee)');
  if (act.action === 'renew') {
    if (!act.renewal) throw invalid('renewal', 'renew needs the new payment terms');
    if (isRoyalty(act.renewal) !== isRoyalty(view.payment))
      throw invalid(
        'renewal',
        `a renewal keeps the payment model (${isRoyalty(view.payment) ? 'royalty' : 'deferred fee'})`,
      );
  }
}

/** Queues a record (with the ledger entries written beside it) for the workflow to save. */
export type LicenceNote = (entry: Omit<LicenceRecord, 'at' | 'policy'>, postings?: LicenceLedgerPosting[]) => void;

/** What the licence's rules need from the running workflow. */
export interface LicenceContext {
  caseId: string;
  request: DeferredLicenceInput;
  proc: LicenceProcess;
  today: () => string;
  note: LicenceNote;
  /**
   * Whether revenue reports are applied once per reference. The workflow answers with patched():
   * licences that took referenced reports before this rule existed replay them as they applied them.
   */
  reportsByReference: () => boolean;
  /** The first revenue reported during free use, which triggers payment on a first-revenue licence. */
  trigger: { firstRevenue: { on: string; amountCny: string } | null };
  /**
   * Whether a cured default lifts the credit flag. The workflow answers with patched(): licences
   * cured before this rule replay with the flag kept, as they recorded it. Absent: never lifted.
   */
  liftsCreditFlag?: () => boolean;
}

/** The day an item's overdue and grace count from: its due date, or the day the licensee learnt of it if later. */
export function graceFrom(view: Pick<LicenceView, 'noticedOn'>, item: { dueOn: string }): string {
  return view.noticedOn && view.noticedOn > item.dueOn ? view.noticedOn : item.dueOn;
}

export const paid = (view: LicenceView) => view.payments.reduce((s, p) => s.plus(p.amountCny), new Decimal(0));

export function refreshLedger(view: LicenceView): void {
  view.ledger = totals(view.schedule, paid(view));
}

/** A ledger entry keyed by licence, kind and item or reference, so writing it twice writes it once. */
export function ledgerPosting(
  ctx: LicenceContext,
  kind: LicenceLedgerPosting['kind'],
  key: string,
  amountCny: string,
  extra: Partial<LicenceLedgerPosting> = {},
): LicenceLedgerPosting {
  return {
    entryKey: `${ctx.caseId}#${kind}#${key}`,
    kind,
    itemNo: null,
    amountCny,
    reference: null,
    payer: null,
    on: ctx.today(),
    ...extra,
  };
}

/** Items paid in full by what has been received; a cured default returns the licence to paying. */
export function settle(view: LicenceView, ctx: LicenceContext, by: Actor): void {
  for (const item of allocate(view.schedule, paid(view), ctx.today())) {
    ctx.note({
      stage: view.stage,
      action: 'settled',
      actor: SYSTEM,
      item: item.no,
      amountCny: item.amountCny!,
      reason: item.settledOn! > item.dueOn ? `paid late (due ${item.dueOn})` : `paid (due ${item.dueOn})`,
    });
  }
  if (view.stage === 'default' && !view.schedule.some((i) => i.status === 'defaulted')) {
    view.stage = 'paying';
    view.pending = null;
    ctx.note({ stage: 'default', action: 'resume', actor: by, reason: 'every defaulted amount has been paid' });
    if (view.creditFlagged && ctx.liftsCreditFlag?.()) {
      view.creditFlagged = false;
      ctx.note({
        stage: 'paying',
        action: 'credit-flag-lifted',
        actor: SYSTEM,
        reason: 'the default is cured: the credit record’s default report is withdrawn',
      });
    }
  }
  refreshLedger(view);
}

/** Ends the licence: what was due stays due; what was not yet due is cancelled. */
function end(view: LicenceView, stage: LicenceStage): void {
  view.stage = stage;
  view.pending = null;
  for (const item of view.schedule) if (!item.posted) item.status = 'cancelled';
  refreshLedger(view);
}

/** A revenue report with a reference already applied returns true (nothing to do); a new one is remembered. */
function revenueReportSeen(view: LicenceView, ctx: LicenceContext, act: LicenceActRequest): boolean {
  if (act.reference === undefined || !ctx.reportsByReference()) return false;
  if (view.revenueReports?.some((r) => r.reference === act.reference)) return true;
  (view.revenueReports ??= []).push({ reference: act.reference, amountCny: cny(act.amountCny!), on: ctx.today() });
  return false;
}

/**
 * Applies an accepted action to the licence, synchronously, noting its records. Returns false for
 * a payment or revenue report already applied (the same reference and amount again): nothing changes.
 */
export function applyLicenceAct(view: LicenceView, ctx: LicenceContext, act: LicenceActRequest): boolean {
  const base = {
    stage: view.stage,
    action: act.action,
    actor: act.actor,
    reason: act.reason,
    reference: act.reference,
  };
  if (act.action === 'record-payment') {
    if (view.payments.some((p) => p.reference === act.reference)) return false;
    const amountCny = cny(act.amountCny!);
    view.payments.push({ reference: act.reference!, amountCny, payer: act.payer!, on: ctx.today(), actor: act.actor });
    ctx.note({ ...base, amountCny, reason: `from ${act.payer}` }, [
      ledgerPosting(ctx, 'payment', act.reference!, amountCny, { reference: act.reference!, payer: act.payer! }),
    ]);
    settle(view, ctx, act.actor);
  } else if (act.action === 'report-revenue') {
    if (revenueReportSeen(view, ctx, act)) return false;
    const amountCny = cny(act.amountCny!);
    const open = view.schedule.find((i) => i.kind === 'royalty' && i.amountCny === null && i.status !== 'cancelled');
    if (view.stage === 'free-use') {
      view.freeUseRevenueCny = cny(new Decimal(view.freeUseRevenueCny).plus(amountCny));
      if (ctx.request.terms.trigger === 'first-revenue' && !ctx.trigger.firstRevenue && new Decimal(amountCny).gt(0))
        ctx.trigger.firstRevenue = { on: ctx.today(), amountCny };
    } else if (open) {
      open.revenueCny = cny(new Decimal(open.revenueCny ?? 0).plus(amountCny));
    }
    const where =
      view.stage === 'free-use'
        ? 'free use: no payment on it'
        : open
          ? `royalty period ${open.no}`
          : isRoyalty(view.payment)
            ? 'no royalty period open'
            : 'deferred fee: revenue bears no royalty';
    ctx.note({ ...base, amountCny, item: view.stage === 'free-use' ? undefined : open?.no, reason: where });
  } else if (act.action === 'resume') {
    view.stage = 'paying';
    view.pending = null;
    ctx.note(base);
  } else if (act.action === 'renew') {
    const last = view.schedule[view.schedule.length - 1];
    const r = act.renewal!;
    const startsOn = isRoyalty(r)
      ? (last.periodTo ?? addMonths(last.dueOn, r.periodMonths))
      : addMonths(last.dueOn, r.intervalMonths);
    view.schedule.push(...buildSchedule(r, startsOn, last.no + 1, ctx.proc.royaltyPaymentDays));
    view.payment = r;
    view.stage = 'paying';
    view.pending = null;
    ctx.note({ ...base, reason: `renewed from ${startsOn}` });
  } else if (ENDS[act.action]) {
    ctx.note(base);
    end(view, ENDS[act.action]!);
  } else {
    if (act.action === 'sign') view.contractReference = act.reference!;
    if (act.action === 'register') view.registrationNumber = act.reference!;
    // Signing or registering ends the office's step at once: a second one is refused, not ignored.
    if (act.action === 'sign' || act.action === 'register') view.pending = null;
    ctx.note(base);
  }
  return true;
}

/** Something the paying licence waits for: free use ending, a royalty assessment, a reminder, a due date, overdue, default. */
export type LicenceMoment = {
  at: number;
  what: 'start' | 'assess' | 'reminder' | 'post' | 'overdue' | 'default';
  item: ScheduleItem;
  days?: number;
};
const ORDER: Record<LicenceMoment['what'], number> = {
  start: 0,
  assess: 1,
  reminder: 2,
  post: 3,
  overdue: 4,
  default: 5,
};

/** Every moment still ahead for the licence's open items, earliest first (ties: item, then the order above). */
export function licenceMoments(view: LicenceView, proc: LicenceProcess, now: number): LicenceMoment[] {
  const startAt = view.paymentStartsOn ? chinaMidnight(view.paymentStartsOn) : Infinity;
  const moments: LicenceMoment[] =
    view.stage === 'free-use' ? [{ at: startAt, what: 'start', item: view.schedule[0] }] : [];
  if (view.stage === 'term-end') return moments;
  for (const item of view.schedule) {
    if (item.status === 'paid' || item.status === 'cancelled' || item.status === 'defaulted') continue;
    const dueAt = chinaMidnight(item.dueOn);
    if (item.amountCny === null) moments.push({ at: chinaMidnight(item.periodTo!), what: 'assess', item });
    else if (!item.posted) {
      for (const days of proc.reminderDaysBefore) {
        const at = chinaMidnight(addDays(item.dueOn, -days));
        if (!item.reminded.includes(days) && now < dueAt) moments.push({ at, what: 'reminder', item, days });
      }
      moments.push({ at: dueAt, what: 'post', item });
    } else if (item.status === 'due')
      moments.push({ at: chinaMidnight(addDays(graceFrom(view, item), 1)), what: 'overdue', item });
    else moments.push({ at: chinaMidnight(addDays(graceFrom(view, item), proc.graceDays + 1)), what: 'default', item });
  }
  return moments.sort((a, b) => a.at - b.at || a.item.no - b.item.no || ORDER[a.what] - ORDER[b.what]);
}

/**
 * What a moment does to the licence when it comes: a royalty assessed, a reminder (unless credit
 * covers the amount), an amount posted as due (and settled from credit), overdue, or default with
 * the guarantee claim and credit flag the pack asks for. Notes its records; the workflow saves them.
 */
export function applyLicenceMoment(view: LicenceView, ctx: LicenceContext, moment: LicenceMoment): void {
  const { item } = moment;
  const { graceDays, officeRoles, creditFlagOnDefault } = ctx.proc;
  const base = { stage: view.stage, actor: SYSTEM, item: item.no };
  if (moment.what === 'assess') {
    item.amountCny = royaltyAmount((view.payment as { royaltyRate: number }).royaltyRate, item.revenueCny ?? 0);
    const reason = `royalty ${item.periodFrom}…${item.periodTo}: rate × ${item.revenueCny} revenue, half-up to the fen; due ${item.dueOn}`;
    ctx.note({ ...base, action: 'assessed', amountCny: item.amountCny, reason });
  } else if (moment.what === 'reminder') {
    item.reminded.push(moment.days!);
    const credit = paid(view).minus(view.ledger.dueCny);
    if (credit.lt(item.amountCny!)) {
      const reason = `payment ${item.no} of ${item.amountCny} is due on ${item.dueOn} (in ${moment.days} days)`;
      ctx.note({ ...base, action: 'reminder', amountCny: item.amountCny!, reason });
    }
  } else if (moment.what === 'post') {
    item.posted = true;
    item.status = 'due';
    const posting = ledgerPosting(ctx, 'due', String(item.no), item.amountCny!, { itemNo: item.no });
    ctx.note({ ...base, action: 'posted', amountCny: item.amountCny!, reason: `payment ${item.no} falls due today` }, [
      posting,
    ]);
    settle(view, ctx, SYSTEM);
  } else if (moment.what === 'overdue') {
    item.status = 'overdue';
    refreshLedger(view);
    ctx.note({
      ...base,
      action: 'overdue',
      amountCny: cny(outstanding(item)),
      reason:
        graceFrom(view, item) === item.dueOn
          ? `unpaid after ${item.dueOn}: ${graceDays} days of grace`
          : `unpaid after ${item.dueOn}, notified on ${view.noticedOn}: ${graceDays} days of grace from then`,
    });
  } else if (moment.what === 'default') {
    item.status = 'defaulted';
    const owed = cny(outstanding(item));
    view.stage = 'default';
    view.pending = { stage: 'default', roles: officeRoles, dueAt: null, escalated: false };
    if (creditFlagOnDefault) view.creditFlagged = true;
    refreshLedger(view);
    const d = { ...base, stage: 'default' as const, amountCny: owed };
    ctx.note({ ...d, action: 'defaulted', reason: `${owed} still unpaid ${graceDays} days after ${item.dueOn}` });
    if (view.guarantee) {
      const { kind, provider, reference } = view.guarantee;
      view.guaranteeClaims.push({ item: item.no, amountCny: owed, provider, on: ctx.today() });
      const claim = ledgerPosting(ctx, 'guarantee-claim', String(item.no), owed, {
        itemNo: item.no,
        payer: provider,
        reference: reference ?? null,
      });
      ctx.note({ ...d, action: 'guarantee-claim', reason: `${kind} claim on ${provider}` }, [claim]);
    }
    if (creditFlagOnDefault)
      ctx.note({
        stage: 'default',
        action: 'credit-flag',
        actor: SYSTEM,
        item: item.no,
        reason: 'default reported for the licensee’s credit record',
      });
  }
}
