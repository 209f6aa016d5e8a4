// Pure evaluation at the edge (CLI and API): validate, default the date, decide.
import { EVALUATORS, availableMechanisms } from '../policies/evaluators';
import { NoPolicyInForceError } from '../policies/select';
import { chinaDate } from '../policies/dates';
import type { Mechanism } from '../policies/types';
import { InvalidInputError, parseInput } from './issues';

export function evaluate(mechanism: string, body: unknown, today = chinaDate(Date.now())): unknown {
  const evaluator = EVALUATORS[mechanism as Mechanism];
  if (!evaluator) {
    throw new InvalidInputError([{ path: 'mechanism', message: `unknown or not yet available mechanism "${mechanism}"; available: ${availableMechanisms().join(', ')}` }]);
  }
  const input = parseInput(evaluator.input, body);
  const asOf = input.asOf ?? today;
  try {
    return evaluator.decide(input as never, asOf);
  } catch (error) {
    if (error instanceof NoPolicyInForceError) throw new InvalidInputError([{ path: 'asOf', message: error.message }]);
    throw error;
  }
}
