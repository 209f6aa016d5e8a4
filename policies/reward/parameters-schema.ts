import { z } from 'zod';
import { stepRuleSchema } from '../step-rule-schema';
import { DEDUCTION_ITEMS, INCOME_KINDS } from './input-schema';

const ratio = z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'a decimal ratio between 0 and 1, as a string');
const kinds = z.array(z.enum(INCOME_KINDS));

export const rewardParametersSchema = z
  .object({
    floors: z.object({ transfer: ratio, licence: ratio, equity: ratio, 'own-implementation': ratio }).strict(),
    ownImplementationYears: z.object({ min: z.number().int().positive(), max: z.number().int().positive() }).strict(),
    floorBinds: z.enum(['state-established', 'all']),
    deductibleItems: z.array(z.enum(DEDUCTION_ITEMS)),
    unitHeadEquity: z.boolean(),
    taxRelief: z
      .object({
        taxableShare: ratio,
        unitTypes: z.array(z.string()).min(1),
        requiresNonProfit: z.boolean(),
        kinds,
        withinMonths: z.number().int().positive(),
        requiresRegistration: z.boolean(),
      })
      .strict()
      .nullable(),
    publicityWorkingDays: z.number().int().positive(),
    registrationKinds: kinds,
    process: z
      .object({
        steps: z
          .object({
            'split-confirmation': stepRuleSchema,
            registration: stepRuleSchema,
            'office-review': stepRuleSchema,
            approval: stepRuleSchema,
            payment: stepRuleSchema,
          })
          .strict(),
        objectionRoles: z.array(z.string()).min(1),
      })
      .strict(),
  })
  .strict();
