// An exemption review request (docs/api.md §3 `diligence-exemption`); `jurisdiction` is an optional
// extension so regional guidelines (Jiangsu) can apply.
import { z } from 'zod';
import { isoDateSchema, jurisdictionSchema, text } from '../input-primitives';

export const diligenceExemptionInputSchema = z
  .object({
    asOf: isoDateSchema.optional(),
    jurisdiction: jurisdictionSchema().optional(),
    person: z
      .object({ name: text().trim().min(1).max(200), role: z.enum(['leader', 'manager', 'researcher']) })
      .strict(),
    transfer: z
      .object({
        pricing: z.enum(['listing', 'auction', 'negotiated']),
        publicisedInUnit: z.boolean(),
        publicisedOnExchange: z.boolean(),
        collectiveDecision: z.boolean(),
        internalRulesExist: z.boolean(),
      })
      .strict(),
    conduct: z
      .object({
        illegalGain: z.boolean(),
        collusion: z.boolean(),
        relatedPartyUndisclosed: z.boolean(),
        falsified: z.boolean(),
        actedAfterBan: z.boolean(),
        secrecyBreach: z.boolean(),
      })
      .strict(),
  })
  .strict();

export type DiligenceExemptionInput = z.infer<typeof diligenceExemptionInputSchema>;
