// Re-derives a reward case's calculation from what it recorded: the pack it resolved and the
// request as it stood at calculation (the launch's, with only the batch's income and the contract's
// registration filled in by the case), evaluated again; and checks its ledger: the totals follow
// from the calculation and the payments, each payment is the person's calculated part, and a
// distributed case is reconciled to the fen.
import { getPack } from '../../policies/registry';
import { evaluateReward } from '../../policies/reward/evaluate';
import type { PolicyPack } from '../../policies/types';
import type { ResolvedPolicy } from '../../activities/resolve-policy';
import type { RewardCaseInput, RewardView } from '../../workflows/transformation-reward-definitions';
import { ledgerOf } from '../../workflows/transformation-reward-rules';
import { canonicalJson } from '../../policies/canonical-json';
import { recordedPack } from './recorded-pack';
import { completionResult, localActivityResult, startInput, type HistoryJson } from './history';
import { differences, type Rederivation } from './rederive-ma-loan';

export function rederiveReward(
  history: HistoryJson,
  lookup: (ref: { id: string; version: string }) => PolicyPack = getPack,
): Rederivation {
  const input = startInput<RewardCaseInput>(history);
  if (!input) return { policy: null, decision: null, problems: ['not a transformationReward history'] };
  const resolved = localActivityResult<ResolvedPolicy>(history, 'resolveRewardPolicy');
  if (!resolved) return { policy: null, decision: null, problems: ['history has no pack resolution'] };
  const view = completionResult<RewardView>(history);
  const { ref, pack, problems } = recordedPack(resolved.policy, lookup);
  const recorded = view?.calculation ?? null;
  if (!pack || !view || !recorded)
    return { policy: ref, decision: recorded?.decision ?? view?.stage ?? 'open', problems };

  // The case may change only the batch's income and the registration; anything else is an edit.
  const { income: launched, ...launchRest } = input.request;
  const { income: used, ...usedRest } = view.request;
  const { grossCny: _g, receivedOn: _r, contractRegistered: _c, ...launchIncome } = launched;
  const { grossCny: _g2, receivedOn: _r2, contractRegistered: _c2, ...usedIncome } = used;
  if (
    canonicalJson(launchRest) !== canonicalJson(usedRest) ||
    canonicalJson(launchIncome) !== canonicalJson(usedIncome)
  )
    problems.push('the request calculated differs from the request launched');
  if (!input.collect && (used.grossCny !== launched.grossCny || used.receivedOn !== launched.receivedOn))
    problems.push('the income calculated differs from the income launched');
  if (input.collect) {
    const sum = view.income.reduce((s, i) => s + Math.round(Number(i.amountCny) * 100), 0);
    if (Math.round((used.grossCny ?? 0) * 100) !== sum)
      problems.push('the batch income is not the sum of its payments');
  }
  if (used.contractRegistered && !launched.contractRegistered && !view.registration?.reference)
    problems.push('calculated as registered without a registration recorded');

  const again = evaluateReward(view.request, pack, recorded.asOf, resolved.notes);
  problems.push(...differences(recorded, again).map((d) => `calculation differs at ${d}`));
  problems.push(...differences(view.ledger, ledgerOf(view)).map((d) => `ledger differs at ${d}`));
  for (const p of view.payments) {
    const part = recorded.distribution?.people.find((x) => x.id === p.personId);
    if (!part || part.amountCny !== p.amountCny || part.shares !== p.shares)
      problems.push(`payment to ${p.personId} is not the calculated part`);
  }
  if (view.stage === 'distributed' && !view.ledger?.reconciled) problems.push('distributed but not reconciled');
  return { policy: ref, decision: recorded.decision, problems };
}
