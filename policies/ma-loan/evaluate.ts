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

/** What a deal type's rule contributes to every check, worked out once per rule (a pack never changes). */
interface PreparedRule {
  rule: DealTypeRule;
  ratio: Exact;
  ratioNumber: number;
  ratioText: string;
  ownFundsShare: number;
  minStake: Exact | null;
  minStakeNumber: number | null;
  minStakeText: string;
  holderThreshold: Exact | null;
  holderThresholdText: string;
  minMore: Exact | null;
  minMoreNumber: number | null;
  minMoreText: string;
}

/** A pack's parameters with every constant the checks print or compare already worked out. */
interface Prepared {
  allowed: Array<keyof MaLoanParameters['dealTypes']>;
  allowedText: string;
  rules: Partial<Record<keyof MaLoanParameters['dealTypes'], PreparedRule>>;
  /** A deal type the pack does not allow is measured against the strictest rule it allows (the first of equals). */
  strictest: PreparedRule;
  acquirerRequired: string;
  minCar: Exact;
  minCarNumber: number;
  minCarText: string;
  maxBook: Exact;
  maxBookNumber: number;
  maxBookText: string;
  maxBorrower: Exact;
  maxBorrowerNumber: number;
  maxBorrowerText: string;
}

function prepareRule(rule: DealTypeRule): PreparedRule {
  const ratio = exact(rule.maxLoanRatio);
  const optional = (v: string | undefined) => (v === undefined ? null : exact(v));
  const minStake = optional(rule.minStakeInOneDeal);
  const holderThreshold = optional(rule.holderThreshold);
  const minMore = optional(rule.minAdditionalStakeForHolder);
  return {
    rule,
    ratio,
    ratioNumber: toNumber(ratio),
    ratioText: formatPercent(ratio),
    ownFundsShare: toNumber(minus(ONE, ratio)),
    minStake,
    minStakeNumber: minStake && toNumber(minStake),
    minStakeText: minStake ? formatPercent(minStake) : '',
    holderThreshold,
    holderThresholdText: holderThreshold ? formatPercent(holderThreshold) : '',
    minMore,
    minMoreNumber: minMore && toNumber(minMore),
    minMoreText: minMore ? formatPercent(minMore) : '',
  };
}

const preparedPacks = new WeakMap<MaLoanParameters, Prepared>();

function prepared(p: MaLoanParameters): Prepared {
  let ready = preparedPacks.get(p);
  if (ready) return ready;
  const allowed = Object.keys(p.dealTypes) as Array<keyof MaLoanParameters['dealTypes']>;
  const rules: Prepared['rules'] = {};
  for (const type of allowed) rules[type] = prepareRule(p.dealTypes[type]!);
  const strictest = allowed.map((t) => rules[t]!).sort((a, b) => cmp(a.ratio, b.ratio))[0];
  const minCar = exact(p.bank.minCapitalAdequacyRatio);
  const maxBook = exact(p.bank.maxMaBookShareOfTier1);
  const maxBorrower = exact(p.bank.maxBorrowerShareOfTier1);
  ready = {
    // Shared by every decision's deal-type check as its limit: frozen so none can change another's.
    allowed: Object.freeze(allowed) as Prepared['allowed'],
    allowedText: allowed.join(', '),
    rules,
    strictest,
    acquirerRequired:
      [p.acquirer.requireTechEnterprise && 'technology enterprise', p.acquirer.requireGoodCredit && 'good credit']
        .filter(Boolean)
        .join(' + ') || 'none',
    minCar,
    minCarNumber: toNumber(minCar),
    minCarText: formatPercent(minCar),
    maxBook,
    maxBookNumber: toNumber(maxBook),
    maxBookText: formatPercent(maxBook),
    maxBorrower,
    maxBorrowerNumber: toNumber(maxBorrower),
    maxBorrowerText: formatPercent(maxBorrower),
  };
  preparedPacks.set(p, ready);
  return ready;
}

function ratioCheck(input: MaLoanEvaluateInput, rule: PreparedRule): { check: Check; maxAmount: Exact } {
  const price = exact(input.deal.transactionPriceCny);
  const amount = exact(input.loan.amountCny);
  const exactMax = times(price, rule.ratio);
  const passed = cmp(amount, exactMax) <= 0;
  const actual = toNumber(quotient(amount, price, 6));
  const maxAmount = toPlaces(exactMax, 2, 'down');
  const message = passed
    ? `loan ${formatCny(amount)} is ${formatPercent(actual)} of the price, within ${rule.ratioText} (at most ${formatCny(maxAmount)})`
    : `loan ${formatCny(amount)} exceeds the maximum ${formatCny(maxAmount)} (${rule.ratioText} of the price ${formatCny(price)}) by ${formatCny(minus(amount, maxAmount))}`;
  return { check: check('loan-ratio', passed, rule.ratioNumber, actual, message), maxAmount };
}

function stakeCheck(input: MaLoanEvaluateInput, rule: PreparedRule | undefined): Check {
  const acquired = exact(input.deal.stakeAcquired);
  const before = input.deal.stakeHeldBefore === undefined ? ZERO : exact(input.deal.stakeHeldBefore);
  if (input.deal.type === 'control' || !rule?.minStake) {
    const after = plus(acquired, before);
    return check(
      'stake',
      true,
      null,
      toNumber(after),
      `${input.deal.type}-type: no minimum stake in this pack; ${formatPercent(acquired)} acquired, ${formatPercent(after)} held after the deal`,
    );
  }
  if (rule.holderThreshold && rule.minMore && cmp(before, rule.holderThreshold) >= 0) {
    const passed = cmp(acquired, rule.minMore) >= 0;
    return check(
      'stake',
      passed,
      rule.minMoreNumber,
      toNumber(acquired),
      `already holding ${formatPercent(before)} (≥ ${rule.holderThresholdText}): needs ≥ ${rule.minMoreText} more, acquires ${formatPercent(acquired)}`,
    );
  }
  const passed = cmp(acquired, rule.minStake) >= 0;
  return check(
    'stake',
    passed,
    rule.minStakeNumber,
    toNumber(acquired),
    `participation-type: needs ≥ ${rule.minStakeText} in one deal, acquires ${formatPercent(acquired)}`,
  );
}

function acquirerCheck(input: MaLoanEvaluateInput, p: MaLoanParameters, ready: Prepared): Check {
  const noTech = p.acquirer.requireTechEnterprise && !input.acquirer.techEnterprise;
  const noCredit = p.acquirer.requireGoodCredit && input.acquirer.goodCredit === false;
  if (!noTech && !noCredit)
    return check(
      'acquirer-eligibility',
      true,
      ready.acquirerRequired,
      'eligible',
      `acquirer ${input.acquirer.name} meets: ${ready.acquirerRequired}`,
    );
  const problems = [noTech && 'not a technology enterprise', noCredit && 'no good credit record']
    .filter(Boolean)
    .join('; ');
  return check(
    'acquirer-eligibility',
    false,
    ready.acquirerRequired,
    problems,
    `acquirer ${input.acquirer.name}: ${problems}`,
  );
}

function bankCheck(input: MaLoanEvaluateInput, p: MaLoanParameters, ready: Prepared): Check {
  const problems: string[] = [];
  if (p.bank.requirePilotBank && input.bank.pilotBank === false) problems.push('not a pilot bank');
  const car = input.bank.capitalAdequacyRatio;
  if (car !== undefined && cmp(exact(car), ready.minCar) < 0)
    problems.push(`capital adequacy ${formatPercent(car)} below ${ready.minCarText}`);
  const carText =
    car === undefined ? 'capital adequacy not sent' : `capital adequacy ${formatPercent(car)} ≥ ${ready.minCarText}`;
  return check(
    'bank-eligibility',
    problems.length === 0,
    ready.minCarNumber,
    car ?? null,
    problems.length
      ? `bank ${input.bank.id}: ${problems.join('; ')}`
      : `bank ${input.bank.id}: ${p.bank.requirePilotBank ? 'pilot bank, ' : ''}${carText}`,
  );
}

function concentrationCheck(input: MaLoanEvaluateInput, ready: Prepared): Check | null {
  if (input.bank.tier1CapitalCny === undefined) return null;
  const tier1 = exact(input.bank.tier1CapitalCny);
  const amount = exact(input.loan.amountCny);
  const book = plus(exact(input.bank.outstandingMaLoansCny ?? 0), amount);
  const borrower = plus(exact(input.acquirer.maLoansFromBankCny ?? 0), amount);
  const { maxBook, maxBorrower } = ready;
  const bookOk = cmp(book, times(tier1, maxBook)) <= 0;
  const borrowerOk = cmp(borrower, times(tier1, maxBorrower)) <= 0;
  const bookShare = quotient(book, tier1, 6);
  const borrowerShare = quotient(borrower, tier1, 6);
  // Report the binding limit: the failing one, else the one closer to its cap.
  const borrowerBinds = !borrowerOk || (bookOk && cmpQuotients(borrowerShare, maxBorrower, bookShare, maxBook) > 0);
  return check(
    'concentration',
    bookOk && borrowerOk,
    borrowerBinds ? ready.maxBorrowerNumber : ready.maxBookNumber,
    borrowerBinds ? toNumber(borrowerShare) : toNumber(bookShare),
    `M&A book after this loan ${formatCny(book)} = ${formatPercent(bookShare)} of tier-1 capital (limit ${ready.maxBookText})${bookOk ? '' : ' — over'}; ` +
      `this borrower ${formatCny(borrower)} = ${formatPercent(borrowerShare)} (limit ${ready.maxBorrowerText})${borrowerOk ? '' : ' — over'}`,
  );
}

export function evaluateMaLoan(
  input: MaLoanEvaluateInput,
  pack: PolicyPack,
  asOf: string,
  selection: SelectionNote[],
): MaLoanDecision {
  if (pack.mechanism !== 'ma-loan') throw new Error(`pack ${pack.id}@${pack.version} is not an ma-loan pack`);
  const p = pack.parameters as MaLoanParameters;
  const ready = prepared(p);
  const ownRule = ready.rules[input.deal.type];
  // A deal type the pack does not allow still gets ratio and term reported, against the
  // strictest allowed rule, so the bank sees every shortfall at once.
  const rule = ownRule ?? ready.strictest;
  const ratio = ratioCheck(input, rule);
  const maxTermYears = rule.rule.maxTermYears;
  const termOk = input.loan.termYears <= maxTermYears;
  const checks: Check[] = [
    ratio.check,
    check(
      'loan-term',
      termOk,
      maxTermYears,
      input.loan.termYears,
      `term ${input.loan.termYears} years ${termOk ? 'within' : 'over'} the ${maxTermYears}-year limit`,
    ),
    check(
      'deal-type',
      Boolean(ownRule),
      ready.allowed,
      input.deal.type,
      ownRule
        ? `${input.deal.type}-type deals are allowed`
        : `${input.deal.type}-type deals are not allowed; this pack covers ${ready.allowedText}`,
    ),
    stakeCheck(input, ownRule),
    acquirerCheck(input, p, ready),
    bankCheck(input, p, ready),
  ];
  const concentration = concentrationCheck(input, ready);
  if (concentration) checks.push(concentration);
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
      maxLoanRatio: rule.ratioNumber,
      maxLoanAmountCny: toNumber(ratio.maxAmount),
      maxTermYears,
      minOwnFundsShare: rule.ownFundsShare,
    },
    jurisdiction: cityKey(input.acquirer.city),
  };
}
