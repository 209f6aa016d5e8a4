// The money terms of a signed licence (beyond the eligibility input of docs/api.md §3): how much,
// in how many instalments or royalty periods, and the guarantee that covers a default.
import { z } from 'zod';
import { contactSchema, ledgerCny, text } from '../input-primitives';

export const deferredFeeSchema = z
  .object({
    feeCny: ledgerCny('feeCny', true).describe('The whole deferred fee'),
    instalments: z.number().int().min(1).max(120),
    intervalMonths: z
      .number()
      .int()
      .min(1)
      .max(60)
      .describe('Months between instalments; the first falls on the payment start date'),
  })
  .strict();

export const royaltySchema = z
  .object({
    royaltyRate: z.number().gt(0).lt(1).describe('Share of reported revenue, e.g. 0.03'),
    periodMonths: z.number().int().min(1).max(24),
    periods: z.number().int().min(1).max(120),
  })
  .strict();

export const licencePaymentSchema = z.union([deferredFeeSchema, royaltySchema]);

export const guaranteeSchema = z
  .object({
    kind: z.enum(['insurance', 'guarantee']),
    provider: text().trim().min(1).max(200),
    reference: text().trim().min(1).max(200).optional(),
    /** Who at the insurer or guarantor hears of an overdue payment and a default (issue 14). */
    contact: contactSchema.optional(),
  })
  .strict();

export type DeferredFee = z.infer<typeof deferredFeeSchema>;
export type Royalty = z.infer<typeof royaltySchema>;
export type LicencePayment = DeferredFee | Royalty;
export type Guarantee = z.infer<typeof guaranteeSchema>;

export const isRoyalty = (p: LicencePayment): p is Royalty => 'royaltyRate' in p;
