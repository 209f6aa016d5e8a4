// A use-first-pay-later licence (docs/api.md §3 `deferred-licence`).
import { z } from 'zod';
import { isoDateSchema, nonNegativeCny, text } from '../input-primitives';

export const deferredLicenceInputSchema = z
  .object({
    asOf: isoDateSchema.optional(),
    licensee: z
      .object({
        id: text()
          .trim()
          .min(1)
          .max(200)
          .optional()
          .describe(
            'The licensee organisation’s id (e.g. its unified social credit code); licensee keys name it. Default: the name',
          ),
        name: text().trim().min(1).max(200),
        industry: z.enum(['industry', 'software-it', 'other']),
        employees: z.number().int().nonnegative(),
        annualRevenueCny: nonNegativeCny('annualRevenueCny'),
      })
      .strict(),
    result: z
      .object({ valid: z.boolean(), separatelyManaged: z.boolean(), openLicence: z.boolean().optional() })
      .strict(),
    terms: z
      .object({
        effectiveOn: isoDateSchema,
        model: z.enum(['deferred-fee', 'zero-entry-royalty']),
        trigger: z.enum(['anniversary', 'first-revenue']),
        freeMonths: z.number().int().nonnegative().max(600).optional(),
        exclusive: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

export type DeferredLicenceInput = z.infer<typeof deferredLicenceInputSchema>;
