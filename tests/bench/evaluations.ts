// Pure evaluation rates for `npm run bench`: every mechanism's decide (pack selection and
// evaluation, as `transferflow evaluate` and POST /v1/evaluate run it), timed for at least a
// second after a warm-up, on the README's example request (ma-loan: a check at its limit).
import { decideMaLoan } from '../../policies/ma-loan/decide';
import { EVALUATORS } from '../../policies/evaluators';
import { MECHANISMS, type Mechanism } from '../../policies/types';
import { loanRequest } from '../support/loan-fixtures';

/** Calls per second of `decide`, alternating two decision dates. */
function rate(decide: (asOf: string) => unknown, dates: [string, string]): number {
  for (let i = 0; i < 5_000; i++) decide(dates[i % 2]); // warm-up: the optimising compiler's turn
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < 1000) {
    for (let i = 0; i < 10_000; i++) decide(dates[i % 2]);
    calls += 10_000;
    elapsed = performance.now() - t0;
  }
  return calls / (elapsed / 1000);
}

export function pureEvaluations(): Record<Mechanism, number> {
  const loan = loanRequest({ deal: { transactionPriceCny: 123_456_789.01 }, loan: { amountCny: 98_765_431.2 } });
  const rates = {} as Record<Mechanism, number>;
  for (const mechanism of MECHANISMS) {
    if (mechanism === 'ma-loan') {
      rates[mechanism] = rate((asOf) => decideMaLoan(loan, asOf), ['2025-06-01', '2026-06-01']);
      continue;
    }
    const evaluator = EVALUATORS[mechanism]!;
    const decide = evaluator.decide as (input: unknown, asOf: string) => unknown;
    const example = evaluator.input.parse(evaluator.example);
    // The example's own date: its terms (e.g. a licence's effective date) are written for it.
    rates[mechanism] = rate((asOf) => decide(example, asOf), [example.asOf!, example.asOf!]);
  }
  return rates;
}
