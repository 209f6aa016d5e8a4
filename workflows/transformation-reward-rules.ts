// The rules of a reward case's `act` update and its ledger: which actions each stage takes, who
// may take them, what each must carry and does; the allocation posted on approval, each payment,
// and the reconciliation of the pool and the income to the fen. Pure (no I/O, no timers), so the
// workflow's validator and handler are one call each and the rules are table-tested directly.
import { Decimal } from '../policies/money';
import type { RewardParameters } from '../policies/reward/parameters';
import type { RewardDecision } from '../policies/reward/evaluate';
import { refuseUnlessOpen, refuseUnlessRole } from './case-process';
import { FAILURE, refusal } from './failures';
import type {
  RewardActionName,
  RewardActRequest,
  RewardLedger,
  RewardLedgerKind,
  RewardLedgerPosting,
  RewardRecord,
  RewardStage,
  RewardView,
} from './transformation-reward-definitions';

/** Which actions each stage accepts. */
export const ACTIONS: Partial<Record<RewardStage, readonly RewardActionName[]>> = {
  'split-confirmation': ['confirm-split', 'reject'],
  registration: ['register', 'proceed-unregistered'],
  'office-review': ['approve', 'reject'],
  publicity: ['object'],
  approval: ['approve', 'reject'],
  payment: ['pay', 'register-shares'],
};

const NEEDS_REASON: readonly RewardActionName[] = ['reject', 'object', 'proceed-unregistered'];
const NEEDS_REFERENCE: Partial<Record<RewardActionName, string>> = {
  'confirm-split': 'the signed split’s document reference',
  register: 'the technology-contract registration number (技术合同认定登记)',
  pay: 'the payroll reference',
  'register-shares': 'the company registry’s change record',
};

/** Team members who receive something: those with a positive amount or a share. */
export function payees(calculation: RewardDecision): string[] {
  return (calculation.distribution?.people ?? [])
    .filter((p) => (p.shares ?? 0) > 0 || new Decimal(p.amountCny ?? 0).gt(0))
    .map((p) => p.id);
}

export function allConfirmed(view: RewardView): boolean {
  return view.request.team.every((m) => view.confirmations.some((c) => c.personId === m.id));
}

export function allPaid(view: RewardView): boolean {
  return payees(view.calculation!).every((id) => view.payments.some((p) => p.personId === id));
}

/** Throws a refusal (invalid-state, forbidden, or invalid-input naming the field) when the action may not be taken. */
export function validateRewardAct(view: RewardView, params: RewardParameters, act: RewardActRequest): void {
  refuseUnlessOpen(view, act.action, ACTIONS[view.stage] ?? [], 'reward case');
  const roles = act.action === 'object' ? params.process.objectionRoles : (view.pending?.roles ?? []);
  refuseUnlessRole(act.actor.role, roles, act.action, view.stage);
  const invalid = (field: string, message: string) => refusal(FAILURE.invalidInput, message, field);
  if (NEEDS_REASON.includes(act.action) && !act.reason?.trim()) throw invalid('reason', `${act.action} needs a reason`);
  const needs = NEEDS_REFERENCE[act.action];
  if (needs && !act.reference?.trim()) throw invalid('reference', `${act.action} needs ${needs}`);
  if (act.action === 'confirm-split') {
    if (!view.request.team.some((m) => m.id === act.personId))
      throw invalid('personId', `no team member ${act.personId}: ${view.request.team.map((m) => m.id).join(', ')}`);
    if (view.confirmations.some((c) => c.personId === act.personId))
      throw refusal(FAILURE.invalidState, `${act.personId} has already confirmed the split`);
  }
  if (act.action === 'pay' || act.action === 'register-shares') {
    const equity = view.request.income.kind === 'equity';
    if (equity !== (act.action === 'register-shares'))
      throw refusal(
        FAILURE.invalidState,
        equity ? 'an equity reward is distributed with register-shares' : 'a cash reward is paid with pay',
      );
    const due = payees(view.calculation!);
    if (!act.personId || !due.includes(act.personId))
      throw invalid(
        'personId',
        `nothing to ${act.action} for ${act.personId ?? '(none)'}: ${due.join(', ') || 'nobody'}`,
      );
    if (view.payments.some((p) => p.personId === act.personId))
      throw refusal(FAILURE.invalidState, `${act.personId}'s part has already been recorded`);
  }
}

/** Queues a record (with the ledger entries written beside it) for the workflow to save. */
export type RewardNote = (entry: Omit<RewardRecord, 'at' | 'policy'>, postings?: RewardLedgerPosting[]) => void;

export function posting(
  caseId: string,
  kind: RewardLedgerKind,
  key: string,
  on: string,
  value: { amountCny?: string; shares?: number },
  extra: { personId?: string; reference?: string } = {},
): RewardLedgerPosting {
  return {
    entryKey: `${caseId}#${kind}#${key}`,
    kind,
    personId: extra.personId ?? null,
    amountCny: value.amountCny ?? null,
    shares: value.shares ?? null,
    reference: extra.reference ?? null,
    on,
  };
}

/**
 * Applies an accepted action to the case, synchronously, noting its record (and a payment's
 * ledger entry). The step it ends is closed at once.
 */
export function applyRewardAct(
  view: RewardView,
  act: RewardActRequest,
  at: string,
  today: string,
  note: RewardNote,
): void {
  const base = {
    stage: view.stage,
    action: act.action,
    actor: act.actor,
    reason: act.reason,
    reference: act.reference,
    personId: act.personId,
  };
  if (act.action === 'confirm-split') {
    view.confirmations.push({ personId: act.personId!, reference: act.reference!, actor: act.actor, at });
    note(base);
    if (allConfirmed(view)) view.pending = null;
    return;
  }
  if (act.action === 'pay' || act.action === 'register-shares') {
    const part = view.calculation!.distribution!.people.find((p) => p.id === act.personId)!;
    view.payments.push({
      personId: part.id,
      amountCny: part.amountCny,
      taxableCny: part.taxableCny,
      shares: part.shares,
      reference: act.reference!,
      on: today,
      actor: act.actor,
      performancePay: 'outside-cap',
    });
    const kind = act.action === 'pay' ? 'payment' : 'shares-registered';
    const value = act.action === 'pay' ? { amountCny: part.amountCny } : { shares: part.shares };
    note(
      {
        ...base,
        amountCny: part.amountCny,
        shares: part.shares,
        reason:
          act.action === 'pay'
            ? `payroll instruction: ${part.amountCny} (taxable ${part.taxableCny}), counted in performance pay outside its approved total`
            : `${part.shares} shares registered to ${part.id}`,
      },
      [posting(view.caseId, kind, part.id, today, value, { personId: part.id, reference: act.reference })],
    );
    view.ledger = ledgerOf(view);
    if (allPaid(view)) view.pending = null;
    return;
  }
  if (act.action === 'object') view.objections.push({ reason: act.reason!, actor: act.actor, at });
  else if (act.action === 'reject') view.stage = 'rejected';
  else if (act.action === 'register') view.registration = { reference: act.reference!, at };
  else if (act.action === 'proceed-unregistered')
    view.registration = { reference: null, at, unregisteredReason: act.reason! };
  else if (act.action === 'approve' && view.stage === 'approval') view.approvedBy = act.actor;
  note(base);
  view.pending = null;
}

const ZERO = new Decimal(0);

/** The ledger as the case's records make it: what the income became, and whether every fen is accounted for. */
export function ledgerOf(view: RewardView): RewardLedger | null {
  const c = view.calculation;
  const d = c?.distribution;
  if (!c || !d) return null;
  const equity = view.request.income.kind === 'equity';
  const fmt = (x: Decimal) => (equity ? x.toFixed(0) : x.toFixed(2));
  const income = equity
    ? new Decimal(view.request.income.shares!)
    : new Decimal(view.request.income.grossCny ?? view.request.income.operatingProfitCny!);
  const pool = equity ? new Decimal(d.teamShares!) : new Decimal(d.poolCny!);
  const department = new Decimal(d.departmentCny ?? 0);
  const retained = equity ? new Decimal(d.retainedShares!) : new Decimal(d.retainedCny!).minus(department);
  const deducted = equity || d.netIncomeCny === undefined ? ZERO : income.minus(d.netIncomeCny);
  const paid = view.payments.reduce((s, p) => s.plus(equity ? (p.shares ?? 0) : (p.amountCny ?? 0)), ZERO);
  const allocatedInFull = deducted.plus(pool).plus(retained).plus(department).eq(income);
  return {
    income: fmt(income),
    deducted: fmt(deducted),
    pool: fmt(pool),
    retained: fmt(retained),
    department: fmt(department),
    paid: fmt(paid),
    allocatedInFull,
    reconciled: allocatedInFull && paid.eq(pool),
    unit: equity ? 'shares' : 'CNY',
  };
}

/** The entries posted when the decision body approves: the income, each deduction, what the unit and department keep. */
export function allocationPostings(view: RewardView, params: RewardParameters, today: string): RewardLedgerPosting[] {
  const d = view.calculation!.distribution!;
  const { income } = view.request;
  const id = view.caseId;
  if (income.kind === 'equity')
    return [
      posting(id, 'shares-formed', 'total', today, { shares: income.shares! }),
      posting(id, 'shares-retained', 'unit', today, { shares: d.retainedShares! }),
    ];
  const ledger = ledgerOf(view)!;
  const out = [posting(id, 'income', 'total', today, { amountCny: ledger.income })];
  // Only the deductions the pack allows reduced net income; the others stayed in it (and so in what the unit keeps).
  for (const [i, x] of (income.deductions ?? []).entries())
    if (params.deductibleItems.includes(x.item) && x.amountCny > 0)
      out.push(
        posting(
          id,
          'deduction',
          `${i + 1}`,
          today,
          { amountCny: new Decimal(x.amountCny).toFixed(2) },
          { reference: x.item },
        ),
      );
  out.push(posting(id, 'retained', 'unit', today, { amountCny: ledger.retained }));
  if (d.departmentCny !== undefined)
    out.push(posting(id, 'department', 'department', today, { amountCny: ledger.department }));
  return out;
}
