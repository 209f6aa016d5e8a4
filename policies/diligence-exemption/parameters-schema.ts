import { z } from 'zod';

const roleCheck = z.enum(['pricing-route', 'collective-decision', 'internal-rules']);

export const diligenceExemptionParametersSchema = z
  .object({
    pricingRoutes: z.array(z.enum(['listing', 'auction', 'negotiated'])).min(1),
    negotiatedNeedsUnitPublicity: z.boolean(),
    negotiatedNeedsExchangePublicity: z.boolean(),
    negativeList: z.array(z.string()),
    roleChecks: z.object({ leader: z.array(roleCheck), manager: z.array(roleCheck), researcher: z.array(roleCheck) }).strict(),
    applicationDeadlineDays: z.number().int().positive().nullable(),
  })
  .strict();
