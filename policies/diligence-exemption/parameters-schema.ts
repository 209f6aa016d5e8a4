import { z } from 'zod';
import { stepRuleSchema } from '../step-rule-schema';

const roleCheck = z.enum(['pricing-route', 'collective-decision', 'internal-rules']);

const step = stepRuleSchema;

export const diligenceExemptionParametersSchema = z
  .object({
    pricingRoutes: z.array(z.enum(['listing', 'auction', 'negotiated'])).min(1),
    negotiatedNeedsUnitPublicity: z.boolean(),
    negotiatedNeedsExchangePublicity: z.boolean(),
    negativeList: z.array(z.string()),
    roleChecks: z
      .object({ leader: z.array(roleCheck), manager: z.array(roleCheck), researcher: z.array(roleCheck) })
      .strict(),
    applicationDeadlineDays: z.number().int().positive().nullable(),
    process: z
      .object({
        steps: z.object({ acceptance: step, 'evidence-review': step, determination: step, result: step }).strict(),
        correctiveActionRoles: z.array(z.string().min(1)).min(1),
        launchRoles: z.array(z.string().min(1)).min(1),
      })
      .strict(),
  })
  .strict();
