// Re-derives a licence run's decisions from what it recorded: eligibility from the request and
// pack; every instalment amount from the payment terms; every assessed royalty from its rate and
// the revenue recorded for its period (half-up to the fen); and the ledger totals from the
// schedule and the payments. A run still going has recorded nothing final: its pack is checked.
import { Decimal } from '../../policies/money';
import { evaluateDeferredLicence, type DeferredLicenceDecision } from '../../policies/deferred-licence/evaluate';
import { instalmentAmounts, royaltyAmount, totals } from '../../policies/deferred-licence/schedule';
import { isRoyalty } from '../../policies/deferred-licence/terms-schema';
import { chinaDate } from '../../policies/dates';
import { getPack } from '../../policies/registry';
import { recordedPack, resolutionOf } from './recorded-pack';
import type { PolicyPack } from '../../policies/types';
import type { LicenceCaseInput, LicenceView } from '../../workflows/deferred-licence-definitions';
import { completionResult, continuedAsNewInput, startInput, startTime, type HistoryJson } from './history';
import { differences, type Rederivation } from './rederive-ma-loan';

/** Money problems in a recorded licence view: amounts and totals that do not follow from its terms. */
export function licenceMoneyProblems(view: LicenceView, launchedWith: LicenceCaseInput['payment']): string[] {
  const problems: string[] = [];
  // Instalments of each set of terms (the launch's, then a renewal's) are consecutive runs of items.
  if (!isRoyalty(launchedWith)) {
    const first = instalmentAmounts(launchedWith.feeCny, launchedWith.instalments);
    first.forEach((amount, i) => {
      const item = view.schedule[i];
      if (item && item.amountCny !== amount)
        problems.push(`instalment ${item.no} recorded ${item.amountCny}, terms give ${amount}`);
    });
  } else {
    for (const item of view.schedule.filter(
      (i) => i.kind === 'royalty' && i.amountCny !== null && i.no <= launchedWith.periods,
    )) {
      const expected = royaltyAmount(launchedWith.royaltyRate, item.revenueCny ?? 0);
      if (item.amountCny !== expected)
        problems.push(
          `royalty ${item.no} recorded ${item.amountCny}, ${launchedWith.royaltyRate} × ${item.revenueCny} gives ${expected}`,
        );
    }
  }
  const paid = view.payments.reduce((s, p) => s.plus(p.amountCny), new Decimal(0));
  problems.push(...differences(view.ledger, totals(view.schedule, paid)).map((d) => `ledger differs at ${d}`));
  return problems;
}

export function rederiveDeferredLicence(
  history: HistoryJson,
  lookup: (ref: { id: string; version: string }) => PolicyPack = getPack,
): Rederivation {
  const input = startInput<LicenceCaseInput>(history);
  if (!input) return { policy: null, decision: null, problems: ['not a deferredLicence history'] };
  const view = completionResult<LicenceView>(history) ?? continuedAsNewInput<LicenceCaseInput>(history)?.resume?.view;
  const recorded: DeferredLicenceDecision | undefined = view?.eligibility;
  const resolved =
    resolutionOf(history, input.resume?.view.eligibility, 'resolveDeferredLicencePolicy') ?? input.resolved;
  if (!resolved) return { policy: null, decision: null, problems: ['history has no pack resolution'] };
  const { ref, pack, problems } = recordedPack(resolved.policy, lookup);
  if (!pack) return { policy: ref, decision: recorded?.decision ?? null, problems };
  const asOf = recorded?.asOf ?? input.request.asOf ?? chinaDate(startTime(history)?.getTime() ?? NaN);
  const rederived = evaluateDeferredLicence(input.request, pack, asOf, resolved.notes);
  if (recorded) problems.push(...differences(recorded, rederived).map((d) => `eligibility differs at ${d}`));
  if (view) problems.push(...licenceMoneyProblems(view, input.payment));
  return { policy: ref, decision: recorded?.decision ?? rederived.decision, problems };
}
