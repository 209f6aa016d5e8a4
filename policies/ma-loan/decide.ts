// Select the pack for a request and evaluate it: what `evaluate` and the API's evaluate do.
// The workflow splits the two (selection recorded once in history, evaluation replayed).
import { selectPackRemembered, type Selection } from '../select';
import type { MaLoanEvaluateInput } from './input-schema';
import { maLoanScope, maLoanScopeKey } from './scope';
import { evaluateMaLoan, type MaLoanDecision } from './evaluate';

export function selectMaLoanPack(input: MaLoanEvaluateInput, asOf: string): Selection {
  return selectPackRemembered('ma-loan', asOf, input, maLoanScope, maLoanScopeKey);
}

export function decideMaLoan(input: MaLoanEvaluateInput, asOf: string): MaLoanDecision {
  const { pack, notes } = selectMaLoanPack(input, asOf);
  return evaluateMaLoan(input, pack, asOf, notes);
}
