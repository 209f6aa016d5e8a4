// The ma-loan evaluator as it was before policies/exact.ts: decimal.js at 64 digits for every
// amount. Kept as the oracle the scaled-integer evaluator must match byte for byte
// (tests/unit/ma-loan-exact.test.ts).
import type { BaseDecision, Check, PolicyPack, SelectionNote } from '../../policies/types';
import { check, decisionOf } from '../../policies/check';
import { Decimal, floorToCents, formatCny, formatPercent, money } from '../../policies/money';
import { cityKey } from '../../policies/gazetteer';
import type { MaLoanEvaluateInput } from '../../policies/ma-loan/input-schema';
import type { DealTypeRule, MaLoanParameters } from '../../policies/ma-loan/parameters';

interface MaLoanLimits {
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

function ratioCheck(input: MaLoanEvaluateInput, rule: DealTypeRule): { check: Check; maxAmount: Decimal } {
  const price = money(input.deal.transactionPriceCny);
  const amount = money(input.loan.amountCny);
  const ratio = money(rule.maxLoanRatio);
  const exactMax = price.times(ratio);
  const passed = amount.lte(exactMax);
  const actual = amount.div(price).toDecimalPlaces(6).toNumber();
  const maxAmount = floorToCents(exactMax);
  const message = passed
    ? `loan ${formatCny(amount)} is ${formatPercent(actual)} of the price, within ${formatPercent(ratio)} (at most ${formatCny(maxAmount)})`
    : `loan ${formatCny(amount)} exceeds the maximum ${formatCny(maxAmount)} (${formatPercent(ratio)} of the price ${formatCny(price)}) by ${formatCny(amount.minus(maxAmount))}`;
  return { check: check('loan-ratio', passed, ratio.toNumber(), actual, message), maxAmount };
}

function stakeCheck(input: MaLoanEvaluateInput, rule: DealTypeRule | undefined): Check {
  const acquired = money(input.deal.stakeAcquired);
  const before = money(input.deal.stakeHeldBefore ?? 0);
  const after = acquired.plus(before);
  if (input.deal.type === 'control' || !rule?.minStakeInOneDeal) {
    return check(
      'stake',
      true,
      null,
      after.toNumber(),
      `${input.deal.type}-type: no minimum stake in this pack; ${formatPercent(acquired)} acquired, ${formatPercent(after)} held after the deal`,
    );
  }
  const min = money(rule.minStakeInOneDeal);
  if (rule.holderThreshold && rule.minAdditionalStakeForHolder && before.gte(rule.holderThreshold)) {
    const minMore = money(rule.minAdditionalStakeForHolder);
    const passed = acquired.gte(minMore);
    return check(
      'stake',
      passed,
      minMore.toNumber(),
      acquired.toNumber(),
      `already holding ${formatPercent(before)} (≥ ${formatPercent(rule.holderThreshold)}): needs ≥ ${formatPercent(minMore)} more, acquires ${formatPercent(acquired)}`,
    );
  }
  const passed = acquired.gte(min);
  return check(
    'stake',
    passed,
    min.toNumber(),
    acquired.toNumber(),
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
  const minCar = money(p.bank.minCapitalAdequacyRatio);
  if (car !== undefined && money(car).lt(minCar))
    problems.push(`capital adequacy ${formatPercent(car)} below ${formatPercent(minCar)}`);
  const carText =
    car === undefined
      ? 'capital adequacy not sent'
      : `capital adequacy ${formatPercent(car)} ≥ ${formatPercent(minCar)}`;
  return check(
    'bank-eligibility',
    problems.length === 0,
    minCar.toNumber(),
    car ?? null,
    problems.length
      ? `bank ${input.bank.id}: ${problems.join('; ')}`
      : `bank ${input.bank.id}: ${p.bank.requirePilotBank ? 'pilot bank, ' : ''}${carText}`,
  );
}

function concentrationCheck(input: MaLoanEvaluateInput, p: MaLoanParameters): Check | null {
  if (input.bank.tier1CapitalCny === undefined) return null;
  const tier1 = money(input.bank.tier1CapitalCny);
  const amount = money(input.loan.amountCny);
  const book = money(input.bank.outstandingMaLoansCny ?? 0).plus(amount);
  const borrower = money(input.acquirer.maLoansFromBankCny ?? 0).plus(amount);
  const bookLimit = tier1.times(p.bank.maxMaBookShareOfTier1);
  const borrowerLimit = tier1.times(p.bank.maxBorrowerShareOfTier1);
  const bookOk = book.lte(bookLimit);
  const borrowerOk = borrower.lte(borrowerLimit);
  const bookShare = book.div(tier1).toDecimalPlaces(6);
  const borrowerShare = borrower.div(tier1).toDecimalPlaces(6);
  // Report the binding limit: the failing one, else the one closer to its cap.
  const borrowerBinds =
    !borrowerOk ||
    (bookOk && borrowerShare.div(p.bank.maxBorrowerShareOfTier1).gt(bookShare.div(p.bank.maxMaBookShareOfTier1)));
  return check(
    'concentration',
    bookOk && borrowerOk,
    borrowerBinds ? money(p.bank.maxBorrowerShareOfTier1).toNumber() : money(p.bank.maxMaBookShareOfTier1).toNumber(),
    borrowerBinds ? borrowerShare.toNumber() : bookShare.toNumber(),
    `M&A book after this loan ${formatCny(book)} = ${formatPercent(bookShare)} of tier-1 capital (limit ${formatPercent(p.bank.maxMaBookShareOfTier1)})${bookOk ? '' : ' — over'}; ` +
      `this borrower ${formatCny(borrower)} = ${formatPercent(borrowerShare)} (limit ${formatPercent(p.bank.maxBorrowerShareOfTier1)})${borrowerOk ? '' : ' — over'}`,
  );
}

export function evaluateMaLoanWithDecimalJs(
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
  const rule =
    ownRule ?? allowed.map((t) => p.dealTypes[t]!).sort((a, b) => money(a.maxLoanRatio).cmp(b.maxLoanRatio))[0];
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
  const ratioNumber = money(rule.maxLoanRatio);
  return {
    ...decisionOf('ma-loan', ['approved', 'rejected'], pack, asOf, checks, selection),
    limits: {
      maxLoanRatio: ratioNumber.toNumber(),
      maxLoanAmountCny: ratio.maxAmount.toNumber(),
      maxTermYears: rule.maxTermYears,
      minOwnFundsShare: new Decimal(1).minus(ratioNumber).toNumber(),
    },
    jurisdiction: cityKey(input.acquirer.city),
  };
}
