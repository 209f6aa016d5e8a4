import { z } from 'zod';

const ratio = z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'a decimal ratio between 0 and 1, as a string');
const dealTypeRule = z
  .object({
    maxLoanRatio: ratio,
    maxTermYears: z.number().positive(),
    minStakeInOneDeal: ratio.optional(),
    holderThreshold: ratio.optional(),
    minAdditionalStakeForHolder: ratio.optional(),
  })
  .strict();

export const maLoanParametersSchema = z
  .object({
    dealTypes: z.object({ control: dealTypeRule.optional(), participation: dealTypeRule.optional() }).strict(),
    acquirer: z.object({ requireTechEnterprise: z.boolean(), requireGoodCredit: z.boolean() }).strict(),
    bank: z
      .object({
        requirePilotBank: z.boolean(),
        minCapitalAdequacyRatio: ratio,
        maxMaBookShareOfTier1: ratio,
        maxBorrowerShareOfTier1: ratio,
      })
      .strict(),
  })
  .strict();
