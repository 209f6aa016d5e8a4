import { z } from 'zod';
import { stepRuleSchema } from '../step-rule-schema';

const line = z
  .object({
    maxEmployeesExclusive: z.number().int().positive(),
    maxRevenueCnyExclusive: z.number().positive().nullable(),
  })
  .strict();

const step = stepRuleSchema;

export const deferredLicenceParametersSchema = z
  .object({
    sme: z.object({ industry: line, 'software-it': line, other: line }).strict(),
    deferralFloorMonths: z.number().int().nonnegative(),
    deferralCapMonths: z.number().int().positive(),
    defaultFreeMonths: z.number().int().positive(),
    requireSeparatelyManaged: z.boolean(),
    openLicenceForbidsExclusive: z.boolean(),
    process: z
      .object({
        reminderDaysBefore: z.array(z.number().int().positive()).max(5),
        graceDays: z.number().int().nonnegative(),
        royaltyPaymentDays: z.number().int().nonnegative(),
        royaltyRounding: z.literal('half-up-fen'),
        instalmentRounding: z.literal('down-fen-remainder-last'),
        steps: z.object({ contract: step, registration: step }).strict(),
        officeRoles: z.array(z.string().min(1)).min(1),
        licenseeRoles: z.array(z.string().min(1)).min(1),
        creditFlagOnDefault: z.boolean(),
      })
      .strict(),
  })
  .strict();
