// Pure evaluation at the edge (CLI and API): validate, default the date, decide.
import { EVALUATORS, availableMechanisms } from '../policies/evaluators';
import { chinaDate } from '../policies/dates';
import type { Mechanism } from '../policies/types';
import { InvalidInputError, parseInput } from './issues';

export function evaluate(mechanism: string, body: unknown, today = chinaDate(Date.now())): unknown {
  // Own keys only: "constructor" or "toString" is not a mechanism.
  const evaluator = Object.hasOwn(EVALUATORS, mechanism) ? EVALUATORS[mechanism as Mechanism] : undefined;
  if (!evaluator) {
    throw new InvalidInputError([
      {
        path: 'mechanism',
        message: `unknown or not yet available mechanism "${mechanism}"; available: ${availableMechanisms().join(', ')}`,
      },
    ]);
  }
  const input = parseInput(evaluator.input, body);
  const asOf = input.asOf ?? today;
  // No pack in force on the date throws NoPolicyInForceError: a 400 / exit 2 on asOf (client/errors.ts).
  return evaluator.decide(input as never, asOf);
}
