// A tech-transfer office's rights-grant request (docs/api.md §3 `rights-grant`).
import { z } from 'zod';
import { contactSchema, isoDateSchema, jurisdictionSchema, text } from '../input-primitives';

export const RESULT_KINDS = [
  'patent',
  'software-copyright',
  'ic-layout',
  'plant-variety',
  'biomedical-variety',
  'technical-secret',
] as const;
export const UNIT_TYPES = ['university', 'research-institute', 'hospital', 'state-owned-enterprise'] as const;

const share = z.number().gt(0).lte(1);

export const rightsGrantInputSchema = z
  .object({
    asOf: isoDateSchema.optional(),
    jurisdiction: jurisdictionSchema(),
    unit: z
      .object({ name: text().trim().min(1).max(200), type: z.enum(UNIT_TYPES), stateFunded: z.boolean() })
      .strict(),
    result: z.object({ title: text().trim().min(1).max(500), kind: z.enum(RESULT_KINDS), valid: z.boolean() }).strict(),
    inventors: z
      .array(
        z
          .object({
            id: text().trim().min(1).max(64),
            name: text().trim().min(1).max(200),
            share,
            consented: z.boolean(),
          })
          .strict(),
      )
      .min(1)
      .max(200)
      .refine((list) => new Set(list.map((i) => i.id)).size === list.length, 'inventor ids must be unique'),
    grant: z.discriminatedUnion('form', [
      z.object({ form: z.literal('ownership'), teamShare: share }).strict(),
      z.object({ form: z.literal('long-term-use'), years: z.number().positive().max(100) }).strict(),
    ]),
    plan: z.object({ licenseeIdentified: z.boolean(), commercialisationPlan: z.boolean() }).strict(),
    /** Who posts and watches the unit's publicity (公示): told when it starts and when it ends. */
    publicityContacts: z.array(contactSchema).max(20).optional(),
    flags: z
      .object({
        nationalSecurity: z.boolean().optional(),
        stateSecret: z.boolean().optional(),
        publicInterest: z.boolean().optional(),
        ethicsBreach: z.boolean().optional(),
        relatedPartyUndisclosed: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type RightsGrantInput = z.infer<typeof rightsGrantInputSchema>;
