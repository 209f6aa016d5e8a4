import { z } from 'zod';
import { stepRuleSchema } from '../step-rule-schema';

const ratio = z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'a decimal ratio between 0 and 1, as a string');

// A rights grant's overdue step always has someone to escalate to.
const step = stepRuleSchema.extend({ escalateTo: z.array(z.string().min(1)).min(1) });

export const rightsGrantParametersSchema = z
  .object({
    resultKinds: z.array(z.string()).min(1),
    negativeList: z.array(z.string()),
    plan: z.object({ requireLicenseeIdentified: z.boolean(), requireCommercialisationPlan: z.boolean() }).strict(),
    ownership: z.object({ min: ratio, minInclusive: z.boolean(), max: ratio, maxInclusive: z.boolean() }).strict(),
    ltu: z.object({ minYears: z.number().positive() }).strict(),
    publicityWorkingDays: z.number().int().positive(),
    process: z
      .object({
        steps: z
          .object({
            'department-review': step,
            'office-review': step,
            'collective-decision': step,
            agreement: step,
          })
          .strict(),
        objectionRoles: z.array(z.string()).min(1),
        watch: z
          .object({
            idleReminderMonths: z.number().int().positive(),
            reclaimAfterMonths: z.number().int().positive(),
            reclaimAllowed: z.boolean(),
            ltuNoticeMonths: z.number().int().nonnegative(),
            ltuExtensionYears: z.number().int().positive(),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();
