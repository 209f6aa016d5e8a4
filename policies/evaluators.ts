// The pure evaluation behind `transferflow evaluate` and POST /v1/evaluate/{mechanism}: per
// mechanism, the input schema and the decide function. (Workflows call evaluators directly.)
import type { z } from 'zod';
import type { Mechanism } from './types';
import { maLoanEvaluateInputSchema } from './ma-loan/input-schema';
import { decideMaLoan } from './ma-loan/decide';
import {
  deferredLicenceDecisionSchema,
  diligenceExemptionDecisionSchema,
  maLoanDecisionSchema,
  rewardDecisionSchema,
  rightsGrantDecisionSchema,
} from './decision-schema';
import { deferredLicenceInputSchema } from './deferred-licence/input-schema';
import { decideDeferredLicence } from './deferred-licence/decide';
import { EXAMPLE_LICENCE } from './deferred-licence/example-request';
import { diligenceExemptionInputSchema } from './diligence-exemption/input-schema';
import { decideDiligenceExemption } from './diligence-exemption/decide';
import { EXAMPLE_EXEMPTION } from './diligence-exemption/example-request';
import { rightsGrantInputSchema } from './rights-grant/input-schema';
import { decideRightsGrant } from './rights-grant/decide';
import { EXAMPLE_LOAN_REQUEST } from './ma-loan/example-request';
import { EXAMPLE_RIGHTS_GRANT } from './rights-grant/example-request';
import { rewardInputSchema } from './reward/input-schema';
import { decideReward } from './reward/decide';
import { EXAMPLE_REWARD } from './reward/example-request';

export interface Evaluator {
  /** Names the schemas in the OpenAPI document. */
  schemaName: string;
  input: z.ZodType<{ asOf?: string }>;
  output: z.ZodType;
  example: unknown;
  decide(input: never, asOf: string): unknown;
}

export const EVALUATORS: Partial<Record<Mechanism, Evaluator>> = {
  'ma-loan': {
    schemaName: 'MaLoan',
    input: maLoanEvaluateInputSchema,
    output: maLoanDecisionSchema,
    example: EXAMPLE_LOAN_REQUEST,
    decide: decideMaLoan,
  },
  'rights-grant': {
    schemaName: 'RightsGrant',
    input: rightsGrantInputSchema,
    output: rightsGrantDecisionSchema,
    example: EXAMPLE_RIGHTS_GRANT,
    decide: decideRightsGrant,
  },
  'deferred-licence': {
    schemaName: 'DeferredLicence',
    input: deferredLicenceInputSchema,
    output: deferredLicenceDecisionSchema,
    example: EXAMPLE_LICENCE,
    decide: decideDeferredLicence,
  },
  'diligence-exemption': {
    schemaName: 'DiligenceExemption',
    input: diligenceExemptionInputSchema,
    output: diligenceExemptionDecisionSchema,
    example: EXAMPLE_EXEMPTION,
    decide: decideDiligenceExemption,
  },
  reward: {
    schemaName: 'Reward',
    input: rewardInputSchema,
    output: rewardDecisionSchema,
    example: EXAMPLE_REWARD,
    decide: decideReward,
  },
};

export function availableMechanisms(): Mechanism[] {
  return Object.keys(EVALUATORS) as Mechanism[];
}
