// What would past decisions have been under another pack? Re-evaluates the recorded inputs of
// recorded decisions with the named pack — nothing is written, no history is touched — and
// lists the decisions that would change, with counts by jurisdiction and decision.
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/generated/client';
import { getPack, packKey, UnknownPolicyError } from '../../policies/registry';
import { evaluateMaLoan } from '../../policies/ma-loan/evaluate';
import { evaluateRightsGrant } from '../../policies/rights-grant/evaluate';
import type { MaLoanInput } from '../../policies/ma-loan/input-schema';
import type { RightsGrantInput } from '../../policies/rights-grant/input-schema';
import { evaluateReward } from '../../policies/reward/evaluate';
import type { RewardView } from '../../workflows/transformation-reward-definitions';
import type { PolicyPack } from '../../policies/types';
import { isIsoDate } from '../../policies/dates';
import { InvalidInputError } from '../issues';

const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');

export const whatIfSchema = z
  .object({
    mechanism: z.enum(['ma-loan', 'rights-grant', 'reward']),
    policy: z.string().min(3).max(200).describe('id@version of the pack to apply'),
    since: isoDate.optional().describe('decision dates on or after'),
    until: isoDate.optional().describe('decision dates before'),
    jurisdiction: z.string().max(64).optional(),
  })
  .strict();

export type WhatIfRequest = z.infer<typeof whatIfSchema>;

export interface WhatIfChange {
  id: string;
  asOf: string;
  jurisdiction: string | null;
  recorded: { decision: string; policy: string };
  wouldBe: string;
  failingChecks: string[];
}

export interface WhatIfReport {
  mechanism: string;
  policy: string;
  considered: number;
  changed: WhatIfChange[];
  /** "jurisdiction: recorded → would be" → count */
  counts: Record<string, number>;
}

interface Recorded {
  id: string;
  asOf: string;
  jurisdiction: string | null;
  decision: string;
  policy: string;
  reevaluate(pack: PolicyPack): { decision: string; checks: Array<{ id: string; passed: boolean }> };
}

async function recordedDecisions(prisma: PrismaClient, q: WhatIfRequest): Promise<Recorded[]> {
  if (q.mechanism === 'ma-loan') {
    const rows = await prisma.loanCheck.findMany({
      where: { asOf: { gte: q.since, lt: q.until }, jurisdiction: q.jurisdiction },
      orderBy: { asOf: 'asc' },
    });
    return rows.map((r) => ({
      id: r.workflowId,
      asOf: r.asOf,
      jurisdiction: r.jurisdiction,
      decision: r.decision,
      policy: `${r.policyId}@${r.policyVersion}`,
      reevaluate: (pack) => evaluateMaLoan(r.request as unknown as MaLoanInput, pack, r.asOf, []),
    }));
  }
  if (q.mechanism === 'reward') return recordedRewards(prisma, q);
  const rows = await prisma.case.findMany({
    where: { kind: 'rights-grant', jurisdiction: q.jurisdiction },
    orderBy: { createdAt: 'asc' },
  });
  return rows
    .map((r) => {
      const asOf = (r.view as { eligibility: { asOf: string } }).eligibility.asOf;
      return {
        id: r.workflowId,
        asOf,
        jurisdiction: r.jurisdiction,
        decision: r.eligibility,
        policy: `${r.policyId}@${r.policyVersion}`,
        reevaluate: (pack: PolicyPack) => evaluateRightsGrant(r.input as unknown as RightsGrantInput, pack, asOf, []),
      };
    })
    .filter((r) => (!q.since || r.asOf >= q.since) && (!q.until || r.asOf < q.until));
}

/**
 * Reward cases whose reward was calculated: the request as calculated (a licence's batch carries
 * the sum of its payments, and a registration made in the case) on the calculation's date. Cases
 * still collecting or awaiting confirmations have no decision to re-evaluate.
 */
async function recordedRewards(prisma: PrismaClient, q: WhatIfRequest): Promise<Recorded[]> {
  const rows = await prisma.case.findMany({
    where: { kind: 'reward', jurisdiction: q.jurisdiction },
    orderBy: { createdAt: 'asc' },
  });
  return rows.flatMap((r) => {
    const view = r.view as unknown as RewardView;
    const calculation = view.calculation;
    if (!calculation) return [];
    const asOf = calculation.asOf;
    if ((q.since && asOf < q.since) || (q.until && asOf >= q.until)) return [];
    return [
      {
        id: r.workflowId,
        asOf,
        jurisdiction: r.jurisdiction,
        decision: calculation.decision,
        policy: `${calculation.policy.id}@${calculation.policy.version}`,
        reevaluate: (pack: PolicyPack) => evaluateReward(view.request, pack, asOf, []),
      },
    ];
  });
}

export async function whatIf(prisma: PrismaClient, q: WhatIfRequest): Promise<WhatIfReport> {
  let pack: PolicyPack;
  try {
    pack = getPack(q.policy);
  } catch (error) {
    if (error instanceof UnknownPolicyError) throw new InvalidInputError([{ path: 'policy', message: error.message }]);
    throw error;
  }
  if (pack.mechanism !== q.mechanism)
    throw new InvalidInputError([
      { path: 'policy', message: `${packKey(pack)} is a ${pack.mechanism} pack, not ${q.mechanism}` },
    ]);
  const recorded = await recordedDecisions(prisma, q);
  const changed: WhatIfChange[] = [];
  const counts: Record<string, number> = {};
  for (const r of recorded) {
    const again = r.reevaluate(pack);
    if (again.decision === r.decision) continue;
    changed.push({
      id: r.id,
      asOf: r.asOf,
      jurisdiction: r.jurisdiction,
      recorded: { decision: r.decision, policy: r.policy },
      wouldBe: again.decision,
      failingChecks: again.checks.filter((c) => !c.passed).map((c) => c.id),
    });
    const key = `${r.jurisdiction ?? '—'}: ${r.decision} → ${again.decision}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return { mechanism: q.mechanism, policy: packKey(pack), considered: recorded.length, changed, counts };
}
