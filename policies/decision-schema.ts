// The decision JSON (docs/api.md §2) as a zod schema: documents the API's responses in the
// OpenAPI document. The TypeScript types in types.ts and ma-loan/evaluate.ts are the source;
// tests check real decisions against this schema so the two cannot drift apart.
import { z } from 'zod';
import { CONFIDENCES } from './types';

const checkValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const checkSchema = z.object({
  id: z.string(),
  passed: z.boolean(),
  limit: z.union([checkValue, z.array(z.string())]),
  actual: checkValue,
  message: z.string(),
});

export const decisionPolicySchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  confidence: z.enum(CONFIDENCES),
  sources: z.array(z.object({ title: z.string(), issuer: z.string(), date: z.string() })),
  hash: z.string().describe('SHA-256 of the pack content that decided'),
});

const selectionSchema = z.array(z.object({ policy: z.string(), applied: z.boolean(), reasons: z.array(z.string()) }));

export const maLoanDecisionSchema = z.object({
  mechanism: z.literal('ma-loan'),
  decision: z.enum(['approved', 'rejected']),
  asOf: z.string(),
  policy: decisionPolicySchema,
  checks: z.array(checkSchema),
  limits: z.object({
    maxLoanRatio: z.number(),
    maxLoanAmountCny: z.number(),
    maxTermYears: z.number(),
    minOwnFundsShare: z.number(),
  }),
  jurisdiction: z.string(),
  selection: selectionSchema,
});

export const maLoanCheckResultSchema = maLoanDecisionSchema.extend({
  id: z.string().describe('Use with GET /v1/loan-checks/{id}'),
  workflowId: z.string(),
  requestId: z.string(),
  bankId: z.string(),
  requestHash: z.string(),
  recordedAt: z.string(),
});

export const rightsGrantDecisionSchema = z.object({
  mechanism: z.literal('rights-grant'),
  decision: z.enum(['eligible', 'ineligible']),
  asOf: z.string(),
  policy: decisionPolicySchema,
  checks: z.array(checkSchema),
  publicityDays: z.number().describe('Publicity period in working days'),
  negativeListHits: z.array(z.string()),
  jurisdiction: z.object({ city: z.string().nullable(), province: z.string().nullable() }),
  selection: selectionSchema,
});

export const diligenceExemptionDecisionSchema = z.object({
  mechanism: z.literal('diligence-exemption'),
  decision: z.enum(['exempt', 'not-exempt']),
  asOf: z.string(),
  policy: decisionPolicySchema,
  checks: z.array(checkSchema),
  negativeListHits: z.array(z.string()),
  roleChecks: z.array(z.string()),
  selection: selectionSchema,
});

export const deferredLicenceDecisionSchema = z.object({
  mechanism: z.literal('deferred-licence'),
  decision: z.enum(['eligible', 'ineligible']),
  asOf: z.string(),
  policy: decisionPolicySchema,
  checks: z.array(checkSchema),
  paymentStartsOn: z.string().nullable().describe('null while waiting for the first revenue'),
  freeMonths: z.number().nullable(),
  selection: selectionSchema,
});

const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('CNY, exact, two decimals');

export const rewardDecisionSchema = z.object({
  mechanism: z.literal('reward'),
  decision: z.enum(['approved', 'rejected']),
  asOf: z.string(),
  policy: decisionPolicySchema,
  checks: z.array(checkSchema),
  floor: z.object({ teamShare: z.number(), binds: z.boolean() }).describe('The pack’s floor for the income’s kind'),
  unitRule: z
    .object({ id: z.string().nullable(), version: z.string().nullable(), teamShare: z.number() })
    .nullable()
    .describe('The unit’s own rule as applied; null when it has none in force'),
  taxReliefReasons: z.array(z.string()).describe('Each condition of the 50 % taxable rule, ✓ or ✗'),
  publicityDays: z.number().describe('Publicity period in working days'),
  paidOn: z.string(),
  distribution: z
    .object({
      teamShare: z.number(),
      netIncomeCny: money.optional(),
      poolCny: money.optional(),
      teamShares: z.number().optional(),
      taxRelief: z.boolean(),
      people: z.array(
        z.object({
          id: z.string(),
          amountCny: money.optional(),
          taxableCny: money.optional(),
          shares: z.number().optional(),
        }),
      ),
      retainedCny: money.optional(),
      retainedShares: z.number().optional(),
      departmentCny: money.optional(),
    })
    .optional()
    .describe('Present when no check failed'),
  selection: selectionSchema,
});
