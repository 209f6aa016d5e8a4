// The deferred-licence evaluator: pure, deterministic, safe inside workflows.
import type { BaseDecision, Check, PolicyPack, SelectionNote } from '../types';
import { check, decisionOf } from '../check';
import { addMonths } from '../dates';
import { Decimal, formatCny } from '../money';
import type { DeferredLicenceInput } from './input-schema';
import type { DeferredLicenceParameters } from './parameters';

export interface DeferredLicenceDecision extends BaseDecision<'deferred-licence', 'eligible' | 'ineligible'> {
  /** First payment date; null while waiting for the licensee's first revenue. */
  paymentStartsOn: string | null;
  /** The free period in months the decision assumed (the contract's, or the pack default). */
  freeMonths: number | null;
}

function smeCheck(input: DeferredLicenceInput, p: DeferredLicenceParameters): Check {
  const l = input.licensee;
  const line = p.sme[l.industry];
  const byStaff = l.employees < line.maxEmployeesExclusive;
  const byRevenue =
    line.maxRevenueCnyExclusive !== null && new Decimal(l.annualRevenueCny).lt(line.maxRevenueCnyExclusive);
  const ok = byStaff || byRevenue;
  const limit = `${l.industry}: < ${line.maxEmployeesExclusive} staff${line.maxRevenueCnyExclusive !== null ? ` or < ${formatCny(line.maxRevenueCnyExclusive)} revenue` : ''}`;
  return check(
    'licensee-sme',
    ok,
    limit,
    l.employees,
    `${l.name}: ${l.employees} staff, ${formatCny(l.annualRevenueCny)} revenue — ${ok ? `small or medium (${byStaff ? 'staff' : 'revenue'} below the line)` : 'above every line: not a small or medium enterprise'}`,
  );
}

export function evaluateDeferredLicence(
  input: DeferredLicenceInput,
  pack: PolicyPack,
  asOf: string,
  selection: SelectionNote[],
): DeferredLicenceDecision {
  if (pack.mechanism !== 'deferred-licence')
    throw new Error(`pack ${pack.id}@${pack.version} is not a deferred-licence pack`);
  const p = pack.parameters as DeferredLicenceParameters;
  const t = input.terms;
  const anniversary = t.trigger === 'anniversary';
  const freeMonths = t.freeMonths ?? (anniversary ? p.defaultFreeMonths : null);
  const exclusiveOpen = p.openLicenceForbidsExclusive && Boolean(input.result.openLicence) && Boolean(t.exclusive);
  const checks: Check[] = [
    smeCheck(input, p),
    check(
      'result-valid',
      input.result.valid,
      true,
      input.result.valid,
      input.result.valid ? 'the licensed right is granted and valid' : 'the licensed right is not (or no longer) valid',
    ),
    check(
      'separately-managed',
      !p.requireSeparatelyManaged || input.result.separatelyManaged,
      p.requireSeparatelyManaged,
      input.result.separatelyManaged,
      input.result.separatelyManaged
        ? 'the result is on the separate ledger (单列管理)'
        : 'the result is not under separate management (单列管理) yet',
    ),
    anniversary
      ? check(
          'deferral-floor',
          freeMonths! >= p.deferralFloorMonths,
          p.deferralFloorMonths,
          freeMonths,
          `payment starts ${freeMonths} months after the licence takes effect (${freeMonths! >= p.deferralFloorMonths ? 'at least' : 'less than'} the ${p.deferralFloorMonths}-month floor)`,
        )
      : check(
          'deferral-floor',
          true,
          p.deferralFloorMonths,
          freeMonths,
          'payment starts at the licensee’s first revenue from the result: the floor applies to anniversary triggers only',
        ),
    freeMonths === null
      ? check(
          'deferral-cap',
          true,
          p.deferralCapMonths,
          null,
          `no fixed free period; if no revenue is reported, ${p.deferralCapMonths} months is the longest deferral this pack allows`,
        )
      : check(
          'deferral-cap',
          freeMonths <= p.deferralCapMonths,
          p.deferralCapMonths,
          freeMonths,
          `a ${freeMonths}-month free period ${freeMonths <= p.deferralCapMonths ? 'is within' : 'exceeds'} the ${p.deferralCapMonths}-month cap`,
        ),
    check(
      'open-licence-exclusive',
      !exclusiveOpen,
      'no exclusive licence while open',
      t.exclusive ? 'exclusive' : 'non-exclusive',
      exclusiveOpen
        ? 'an openly licensed patent cannot be licensed exclusively (Patent Law Arts. 50–52)'
        : input.result.openLicence
          ? 'open licence, licensed non-exclusively'
          : 'not an open licence',
    ),
  ];
  return {
    ...decisionOf('deferred-licence', ['eligible', 'ineligible'], pack, asOf, checks, selection),
    paymentStartsOn: anniversary ? addMonths(t.effectiveOn, freeMonths!) : null,
    freeMonths,
  };
}
