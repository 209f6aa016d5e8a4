// The pure evaluation behind `transferflow evaluate` and POST /v1/evaluate/{mechanism}: per
// mechanism, the input schema and the decide function. (Workflows call evaluators directly.)
import type { z } from 'zod';
import type { Mechanism } from './types';
import { maLoanEvaluateInputSchema } from './ma-loan/input-schema';
import { decideMaLoan } from './ma-loan/decide';
import { maLoanDecisionSchema } from './decision-schema';

export interface Evaluator {
  input: z.ZodType<{ asOf?: string }>;
  output: z.ZodType;
  decide(input: never, asOf: string): unknown;
}

export const EVALUATORS: Partial<Record<Mechanism, Evaluator>> = {
  'ma-loan': { input: maLoanEvaluateInputSchema, output: maLoanDecisionSchema, decide: decideMaLoan },
};

export function availableMechanisms(): Mechanism[] {
  return Object.keys(EVALUATORS) as Mechanism[];
}
