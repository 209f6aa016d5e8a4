// The reward evaluator (CONTRACT.md `reward`, docs/domain.md §5): net income, the team's pool,
// each person's part and its taxable amount, and every check. Pure, deterministic, exact decimal:
// safe inside workflows, so a replay re-derives every amount from the recorded input and pack.
import type { BaseDecision, Check, PolicyPack, SelectionNote } from '../types';
import { check, decisionOf } from '../check';
import { addMonths } from '../dates';
import { Decimal, formatCny, formatPercent } from '../money';
import type { RewardInput } from './input-schema';
import type { RewardParameters } from './parameters';
import { fromFen, halfUpFen, largestRemainder, toFen } from './distribute';

export interface RewardPerson {
  id: string;
  amountCny?: string;
  taxableCny?: string;
  shares?: number;
}

export interface RewardDistribution {
  teamShare: number;
  netIncomeCny?: string;
  poolCny?: string;
  teamShares?: number;
  taxRelief: boolean;
  people: RewardPerson[];
  /** What the unit keeps (net income or profit less the pool; shares formed less the team's): every fen visible. */
  retainedCny?: string;
  retainedShares?: number;
  /** The department's part of what is retained, when the unit's rule names one. */
  departmentCny?: string;
}

export interface RewardDecision extends BaseDecision<'reward', 'approved' | 'rejected'> {
  /** The floor for the income's kind under the pack, and whether it binds this unit. */
  floor: { teamShare: number; binds: boolean };
  /** The unit's own rule as applied (null: none, or not yet in force on the decision date). */
  unitRule: { id: string | null; version: string | null; teamShare: number } | null;
  /** Why the 50 % rule holds or not, condition by condition. */
  taxReliefReasons: string[];
  publicityDays: number;
  paidOn: string;
  /** Present when no check failed. */
  distribution?: RewardDistribution;
}

const TOLERANCE = new Decimal('0.000001');

function sum(values: Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), new Decimal(0));
}

/** Why the 50 % taxable rule holds (empty failures) or which conditions fail. */
function taxRelief(input: RewardInput, p: RewardParameters, paidOn: string): { holds: boolean; reasons: string[] } {
  const t = p.taxRelief;
  if (!t) return { holds: false, reasons: ['no 50 % taxable rule in force under this pack: taxed in full'] };
  const { unit, income } = input;
  const latest = addMonths(income.receivedOn, t.withinMonths);
  const conditions: Array<[boolean, string]> = [
    [
      t.unitTypes.includes(unit.type),
      `unit type ${unit.type} ${t.unitTypes.includes(unit.type) ? 'is' : 'is not'} one of ${t.unitTypes.join(', ')}`,
    ],
    [!t.requiresNonProfit || unit.nonProfit, unit.nonProfit ? 'the unit is non-profit' : 'the unit is not non-profit'],
    [
      t.kinds.includes(income.kind),
      `${income.kind} income ${t.kinds.includes(income.kind) ? 'qualifies' : 'does not qualify'} (${t.kinds.join(', ')})`,
    ],
    [
      !t.requiresRegistration || income.contractRegistered,
      income.contractRegistered ? 'the technology contract is registered' : 'the technology contract is not registered',
    ],
    [
      paidOn <= latest,
      `paid on ${paidOn}, ${paidOn <= latest ? 'within' : 'later than'} ${t.withinMonths} months of ${income.receivedOn} (${latest})`,
    ],
  ];
  return { holds: conditions.every(([ok]) => ok), reasons: conditions.map(([ok, why]) => `${ok ? '✓' : '✗'} ${why}`) };
}

export function evaluateReward(
  input: RewardInput,
  pack: PolicyPack,
  asOf: string,
  selection: SelectionNote[],
): RewardDecision {
  if (pack.mechanism !== 'reward') throw new Error(`pack ${pack.id}@${pack.version} is not a reward pack`);
  const p = pack.parameters as RewardParameters;
  const { unit, income, team } = input;
  const paidOn = input.paidOn ?? asOf;
  const floor = new Decimal(p.floors[income.kind]);
  // A unit's rule applies from its effective date; before it, the unit has no rule in force.
  const rule = unit.rule && (!unit.rule.effectiveFrom || unit.rule.effectiveFrom <= asOf) ? unit.rule : undefined;
  const binds = !rule || p.floorBinds === 'all' || unit.stateEstablished;
  const teamShare = rule ? new Decimal(rule.teamShare) : floor;
  const what =
    income.kind === 'equity'
      ? 'of the shares formed'
      : income.kind === 'own-implementation'
        ? 'of operating profit'
        : 'of net income';

  // net-income: deductions (those the pack allows) do not exceed the income.
  const deductible = (income.deductions ?? []).filter((d) => p.deductibleItems.includes(d.item));
  const ignored = (income.deductions ?? []).filter((d) => !p.deductibleItems.includes(d.item));
  const deducted = sum(deductible.map((d) => new Decimal(d.amountCny)));
  const base =
    income.kind === 'transfer' || income.kind === 'licence'
      ? new Decimal(income.grossCny!)
      : income.kind === 'own-implementation'
        ? new Decimal(income.operatingProfitCny!)
        : null;
  const net = income.kind === 'transfer' || income.kind === 'licence' ? base!.minus(deducted) : base;
  const netOk = net === null || !net.isNeg();
  const ignoredText = ignored.length
    ? `; not deductible under this pack, so not deducted: ${ignored.map((d) => `${d.item} ${formatCny(d.amountCny)}`).join(', ')}`
    : '';
  const netCheck =
    income.kind === 'transfer' || income.kind === 'licence'
      ? check(
          'net-income',
          netOk,
          base!.toFixed(2),
          deducted.toFixed(2),
          netOk
            ? `net income ${formatCny(net!)}: ${formatCny(base!)} less deductions of ${formatCny(deducted)}${ignoredText}`
            : `deductions of ${formatCny(deducted)} exceed the income of ${formatCny(base!)}${ignoredText}`,
        )
      : check(
          'net-income',
          true,
          null,
          null,
          income.kind === 'equity'
            ? 'equity: the reward is counted in shares, nothing is deducted'
            : `own implementation, year ${income.implementationYear}: the reward is counted on operating profit of ${formatCny(base!)}`,
        );

  const floorOk = !binds || teamShare.gte(floor);
  const floorCheck = check(
    'team-share-floor',
    floorOk,
    floor.toNumber(),
    teamShare.toNumber(),
    !rule
      ? `no unit rule in force: the pack's floor of ${formatPercent(floor)} ${what} applies`
      : !binds
        ? `the unit's rule gives ${formatPercent(teamShare)} ${what}; the floor of ${formatPercent(floor)} binds only state-established units`
        : floorOk
          ? `the unit's rule gives ${formatPercent(teamShare)} ${what}, at least the floor of ${formatPercent(floor)}`
          : `the unit's rule gives ${formatPercent(teamShare)} ${what}, below the floor of ${formatPercent(floor)} that binds a state-established unit`,
  );

  const shareSum = sum(team.map((m) => new Decimal(m.share)));
  const splitOk = shareSum.minus(1).abs().lte(TOLERANCE);
  const splitCheck = check(
    'team-split',
    splitOk,
    1,
    shareSum.toNumber(),
    splitOk
      ? `the team's ${team.length} shares add up to 100 %`
      : `the team's shares add up to ${formatPercent(shareSum, 4)}, not 100 %`,
  );

  const heads = team.filter((m) => m.unitHead && m.share > 0);
  const headEquity = income.kind === 'equity' && !p.unitHeadEquity && heads.length > 0;
  const leaderCheck = check(
    'leader-equity',
    !headEquity,
    p.unitHeadEquity ? 'allowed' : 'no equity for unit heads',
    heads.length ? heads.map((h) => h.id).join(', ') : 'none',
    headEquity
      ? `unit heads may not take equity: ${heads.map((h) => `${h.name} (${h.id})`).join(', ')}`
      : income.kind === 'equity'
        ? 'no unit head takes an equity part'
        : heads.length
          ? `cash rewards for unit heads (${heads.map((h) => h.name).join(', ')}) are allowed and publicised`
          : 'no unit head in the team',
  );

  const checks: Check[] = [netCheck, floorCheck, splitCheck, leaderCheck];
  const relief = taxRelief(input, p, paidOn);
  const decision: RewardDecision = {
    ...decisionOf('reward', ['approved', 'rejected'], pack, asOf, checks, selection),
    floor: { teamShare: floor.toNumber(), binds },
    unitRule: rule ? { id: rule.id ?? null, version: rule.version ?? null, teamShare: rule.teamShare } : null,
    taxReliefReasons: relief.reasons,
    publicityDays: p.publicityWorkingDays,
    paidOn,
  };
  if (checks.every((c) => c.passed)) decision.distribution = distribute(input, teamShare, net, relief.holds, p, rule);
  return decision;
}

function distribute(
  input: RewardInput,
  teamShare: Decimal,
  net: Decimal | null,
  relief: boolean,
  p: RewardParameters,
  rule: RewardInput['unit']['rule'],
): RewardDistribution {
  const { income, team } = input;
  const shares = team.map((m) => m.share);
  if (income.kind === 'equity') {
    const formed = new Decimal(income.shares!);
    // The team's shares round up to a whole share: the floor is "at least".
    const teamShares = formed.times(teamShare).ceil();
    const parts = largestRemainder(teamShares, shares);
    return {
      teamShare: teamShare.toNumber(),
      teamShares: teamShares.toNumber(),
      taxRelief: false,
      people: team.map((m, i) => ({ id: m.id, shares: parts[i].toNumber() })),
      retainedShares: formed.minus(teamShares).toNumber(),
    };
  }
  const pool = halfUpFen(net!.times(teamShare));
  const parts = largestRemainder(toFen(pool), shares).map(fromFen);
  const taxable = (amount: Decimal) => (relief ? halfUpFen(amount.times(p.taxRelief!.taxableShare)) : amount);
  const retained = net!.minus(pool);
  const department =
    rule?.departmentShare !== undefined ? Decimal.min(halfUpFen(net!.times(rule.departmentShare)), retained) : null;
  return {
    teamShare: teamShare.toNumber(),
    ...(income.kind === 'own-implementation' ? {} : { netIncomeCny: net!.toFixed(2) }),
    poolCny: pool.toFixed(2),
    taxRelief: relief,
    people: team.map((m, i) => ({
      id: m.id,
      amountCny: parts[i].toFixed(2),
      taxableCny: taxable(parts[i]).toFixed(2),
    })),
    retainedCny: retained.toFixed(2),
    ...(department ? { departmentCny: department.toFixed(2) } : {}),
  };
}
