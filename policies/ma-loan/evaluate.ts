// The ma-loan evaluator: pure, deterministic, safe inside workflows. Every rule it applies comes
// from the pack; money is compared exactly, as scaled integers (policies/exact.ts: the same answers
// as decimal.js, several times faster; tests/unit/ma-loan-exact.test.ts compares the two).
import type { BaseDecision, Check, PolicyPack, SelectionNote } from '../types';
import { check, decisionOf } from '../check';
import {
  cmp,
  cmpQuotients,
  cny as formatCny,
  exact,
  minus,
  ONE,
  percent as formatPercent,
  plus,
  quotient,
  times,
  toNumber,
  toPlaces,
  ZERO,
  type Exact,
} from '../exact';
import { cachedCityKey as cityKey } from '../city-key-cache';
import type { MaLoanEvaluateInput } from './input-schema';
import type { DealTypeRule, MaLoanParameters } from './parameters';

export interface MaLoanLimits {
  maxLoanRatio: number;
  maxLoanAmountCny: number;
  maxTermYears: number;
  /** The acquirer's own funds must cover at least this share of the price (1 − ratio). */
  minOwnFundsShare: number;
}

export interface MaLoanDecision extends BaseDecision<'ma-loan', 'approved' | 'rejected'> {
  limits: MaLoanLimits;
  jurisdiction: string;
}

function ratioCheck(input: MaLoanEvaluateInput, rule: DealTypeRule): { check: Check; maxAmount: Exact } {
  const price = exact(input.deal.transactionPriceCny);
  const amount = exact(input.loan.amountCny);
  const ratio = exact(rule.maxLoanRatio);
  const exactMax = times(price, ratio);
  const passed = cmp(amount, exactMax) <= 0;
  const actual = toNumber(quotient(amount, price, 6));
  const maxAmount = toPlaces(exactMax, 2, 'down');
  const message = passed
    ? `loan ${formatCny(amount)} is ${formatPercent(actual)} of the price, within ${formatPercent(ratio)} (at most ${formatCny(maxAmount)})`
    : `loan ${formatCny(amount)} exceeds the maximum ${formatCny(maxAmount)} (${formatPercent(ratio)} of the price ${formatCny(price)}) by ${formatCny(minus(amount, maxAmount))}`;
  return { check: check('loan-ratio', passed, toNumber(ratio), actual, message), maxAmount };
}

function stakeCheck(input: MaLoanEvaluateInput, rule: DealTypeRule | undefined): Check {
  const acquired = exact(input.deal.stakeAcquired);
  const before = input.deal.stakeHeldBefore === undefined ? ZERO : exact(input.deal.stakeHeldBefore);
  const after = plus(acquired, before);
  if (input.deal.type === 'control' || !rule?.minStakeInOneDeal) {
    return check(
      'stake',
      true,
      null,
      toNumber(after),
      `${input.deal.type}-type: no minimum stake in this pack; ${formatPercent(acquired)} acquired, ${formatPercent(after)} held after the deal`,
    );
  }
  const min = exact(rule.minStakeInOneDeal);
  if (rule.holderThreshold && rule.minAdditionalStakeForHolder && cmp(before, exact(rule.holderThreshold)) >= 0) {
    const minMore = exact(rule.minAdditionalStakeForHolder);
    const passed = cmp(acquired, minMore) >= 0;
    return check(
      'stake',
      passed,
      toNumber(minMore),
      toNumber(acquired),
      `already holding ${formatPercent(before)} (≥ ${formatPercent(rule.holderThreshold)}): needs ≥ ${formatPercent(minMore)} more, acquires ${formatPercent(acquired)}`,
    );
  }
  const passed = cmp(acquired, min) >= 0;
  return check(
    'stake',
    passed,
    toNumber(min),
    toNumber(acquired),
    `participation-type: needs ≥ ${formatPercent(min)} in one deal, acquires ${formatPercent(acquired)}`,
  );
}

function acquirerCheck(input: MaLoanEvaluateInput, p: MaLoanParameters): Check {
  const problems: string[] = [];
  if (p.acquirer.requireTechEnterprise && !input.acquirer.techEnterprise) problems.push('not a technology enterprise');
  if (p.acquirer.requireGoodCredit && input.acquirer.goodCredit === false) problems.push('no good credit record');
  const required =
    [p.acquirer.requireTechEnterprise && 'technology enterprise', p.acquirer.requireGoodCredit && 'good credit']
      .filter(Boolean)
      .join(' + ') || 'none';
  return check(
    'acquirer-eligibility',
    problems.length === 0,
    required,
    problems.length ? problems.join('; ') : 'eligible',
    problems.length
      ? `acquirer ${input.acquirer.name}: ${problems.join('; ')}`
      : `acquirer ${input.acquirer.name} meets: ${required}`,
  );
}

function bankCheck(input: MaLoanEvaluateInput, p: MaLoanParameters): Check {
  const problems: string[] = [];
  if (p.bank.requirePilotBank && input.bank.pilotBank === false) problems.push('not a pilot bank');
  const car = input.bank.capitalAdequacyRatio;
  const minCar = exact(p.bank.minCapitalAdequacyRatio);
  if (car !== undefined && cmp(exact(car), minCar) < 0)
    problems.push(`capital adequacy ${formatPercent(car)} below ${formatPercent(minCar)}`);
  const carText =
    car === undefined
      ? 'capital adequacy not sent'
      : `capital adequacy ${formatPercent(car)} ≥ ${formatPercent(minCar)}`;
  return check(
    'bank-eligibility',
    problems.length === 0,
    toNumber(minCar),
    car ?? null,
    problems.length
      ? `bank ${input.bank.id}: ${problems.join('; ')}`
      : `bank ${input.bank.id}: ${p.bank.requirePilotBank ? 'pilot bank, ' : ''}${carText}`,
  );
}

function concentrationCheck(input: MaLoanEvaluateInput, p: MaLoanParameters): Check | null {
  if (input.bank.tier1CapitalCny === undefined) return null;
  const tier1 = exact(input.bank.tier1CapitalCny);
  const amount = exact(input.loan.amountCny);
  const book = plus(exact(input.bank.outstandingMaLoansCny ?? 0), amount);
  const borrower = plus(exact(input.acquirer.maLoansFromBankCny ?? 0), amount);
  const maxBook = exact(p.bank.maxMaBookShareOfTier1);
  const maxBorrower = exact(p.bank.maxBorrowerShareOfTier1);
  const bookOk = cmp(book, times(tier1, maxBook)) <= 0;
  const borrowerOk = cmp(borrower, times(tier1, maxBorrower)) <= 0;
  const bookShare = quotient(book, tier1, 6);
  const borrowerShare = quotient(borrower, tier1, 6);
  // Report the binding limit: the failing one, else the one closer to its cap.
  const borrowerBinds = !borrowerOk || (bookOk && cmpQuotients(borrowerShare, maxBorrower, bookShare, maxBook) > 0);
  return check(
    'concentration',
    bookOk && borrowerOk,
    borrowerBinds ? toNumber(maxBorrower) : toNumber(maxBook),
    borrowerBinds ? toNumber(borrowerShare) : toNumber(bookShare),
    `M&A book after this loan ${formatCny(book)} = ${formatPercent(bookShare)} of tier-1 capital (limit ${formatPercent(maxBook)})${bookOk ? '' : ' — over'}; ` +
      `this borrower ${formatCny(borrower)} = ${formatPercent(borrowerShare)} (limit ${formatPercent(maxBorrower)})${borrowerOk ? '' : ' — over'}`,
  );
}

/** A deal type the pack does not allow is measured against the strictest rule it allows (the first of equals). */
const strictestRules = new WeakMap<MaLoanParameters, DealTypeRule>();
function strictestRule(p: MaLoanParameters, allowed: Array<keyof MaLoanParameters['dealTypes']>): DealTypeRule {
  let rule = strictestRules.get(p);
  if (!rule) {
    rule = allowed.map((t) => p.dealTypes[t]!).sort((a, b) => cmp(exact(a.maxLoanRatio), exact(b.maxLoanRatio)))[0];
    strictestRules.set(p, rule);
  }
  return rule;
}

export function evaluateMaLoan(
  input: MaLoanEvaluateInput,
  pack: PolicyPack,
  asOf: string,
  selection: SelectionNote[],
): MaLoanDecision {
  if (pack.mechanism !== 'ma-loan') throw new Error(`pack ${pack.id}@${pack.version} is not an ma-loan pack`);
  const p = pack.parameters as MaLoanParameters;
  const allowed = Object.keys(p.dealTypes) as Array<keyof MaLoanParameters['dealTypes']>;
  const ownRule = p.dealTypes[input.deal.type];
  // A deal type the pack does not allow still gets ratio and term reported, against the
  // strictest allowed rule, so the bank sees every shortfall at once.
  const rule = ownRule ?? strictestRule(p, allowed);
  const ratio = ratioCheck(input, rule);
  const termOk = input.loan.termYears <= rule.maxTermYears;
  const checks: Check[] = [
    ratio.check,
    check(
      'loan-term',
      termOk,
      rule.maxTermYears,
      input.loan.termYears,
      `term ${input.loan.termYears} years ${termOk ? 'within' : 'over'} the ${rule.maxTermYears}-year limit`,
    ),
    check(
      'deal-type',
      Boolean(ownRule),
      allowed,
      input.deal.type,
      ownRule
        ? `${input.deal.type}-type deals are allowed`
        : `${input.deal.type}-type deals are not allowed; this pack covers ${allowed.join(', ')}`,
    ),
    stakeCheck(input, ownRule),
    acquirerCheck(input, p),
    bankCheck(input, p),
  ];
  const concentration = concentrationCheck(input, p);
  if (concentration) checks.push(concentration);
  const ratioNumber = exact(rule.maxLoanRatio);
  const base = decisionOf('ma-loan', ['approved', 'rejected'], pack, asOf, checks, selection);
  // Spelled out, not spread: V8 copies a spread object on a slow path, and this is the hot path.
  return {
    mechanism: base.mechanism,
    decision: base.decision,
    asOf: base.asOf,
    policy: base.policy,
    checks: base.checks,
    selection: base.selection,
    limits: {
      maxLoanRatio: toNumber(ratioNumber),
      maxLoanAmountCny: toNumber(ratio.maxAmount),
      maxTermYears: rule.maxTermYears,
      minOwnFundsShare: toNumber(minus(ONE, ratioNumber)),
    },
    jurisdiction: cityKey(input.acquirer.city),
  };
}
