// The bank's request (docs/api.md §3 `ma-loan`), validated at every edge: API, CLI, workflow start.
import { z } from 'zod';
import { cityName, isoDateSchema, nonNegativeCny, positiveCny, text } from '../input-primitives';

const name = text().trim().min(1).max(200);

export const maLoanInputSchema = z
  .object({
    requestId: text().min(1).max(128).describe("The bank's idempotency key: the same key returns the first decision"),
    asOf: isoDateSchema.optional().describe('Decision date; default: today (China time) or the workflow start'),
    bank: z
      .object({
        id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-", at most 64'),
        name: name.optional(),
        pilotBank: z.boolean().optional(),
        tier1CapitalCny: positiveCny('tier1CapitalCny').optional(),
        capitalAdequacyRatio: z.number().min(0).max(1).optional(),
        outstandingMaLoansCny: nonNegativeCny('outstandingMaLoansCny').optional(),
      })
      .strict(),
    acquirer: z
      .object({
        name,
        city: cityName(),
        techEnterprise: z.boolean(),
        goodCredit: z.boolean().optional(),
        maLoansFromBankCny: nonNegativeCny('maLoansFromBankCny').optional(),
      })
      .strict(),
    target: z.object({ name, city: cityName().optional(), techEnterprise: z.boolean().optional() }).strict(),
    deal: z
      .object({
        transactionPriceCny: positiveCny('transactionPriceCny'),
        type: z.enum(['control', 'participation']),
        stakeAcquired: z.number().gt(0).lte(1),
        stakeHeldBefore: z.number().gte(0).lt(1).optional(),
      })
      .strict()
      .refine((d) => (d.stakeHeldBefore ?? 0) + d.stakeAcquired <= 1 + 1e-12, {
        message: 'stakeHeldBefore + stakeAcquired cannot exceed 1',
        path: ['stakeAcquired'],
      }),
    loan: z.object({ amountCny: positiveCny('amountCny'), termYears: z.number().positive().max(100) }).strict(),
  })
  .strict();

/** `evaluate` is a pure what-would-happen: no idempotency key needed. */
export const maLoanEvaluateInputSchema = maLoanInputSchema.extend({ requestId: text().min(1).max(128).optional() });

export type MaLoanInput = z.infer<typeof maLoanInputSchema>;
export type MaLoanEvaluateInput = z.infer<typeof maLoanEvaluateInputSchema>;
