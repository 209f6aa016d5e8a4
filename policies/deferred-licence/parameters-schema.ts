import { z } from 'zod';

const line = z.object({ maxEmployeesExclusive: z.number().int().positive(), maxRevenueCnyExclusive: z.number().positive().nullable() }).strict();

export const deferredLicenceParametersSchema = z
  .object({
    sme: z.object({ industry: line, 'software-it': line, other: line }).strict(),
    deferralFloorMonths: z.number().int().nonnegative(),
    deferralCapMonths: z.number().int().positive(),
    defaultFreeMonths: z.number().int().positive(),
    requireSeparatelyManaged: z.boolean(),
    openLicenceForbidsExclusive: z.boolean(),
  })
  .strict();
