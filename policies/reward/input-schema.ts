// The reward request (CONTRACT.md `reward`): the income a unit received from a job invention, the
// team and their internal split, and the unit's own distribution rule if it has one.
import { z } from 'zod';
import { isoDateSchema, ledgerCny, provinceJurisdictionSchema, text } from '../input-primitives';

export const REWARD_UNIT_TYPES = ['university', 'institute', 'enterprise'] as const;
export const INCOME_KINDS = ['transfer', 'licence', 'equity', 'own-implementation'] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];
export const DEDUCTION_ITEMS = ['taxes', 'maintenance', 'appraisal', 'deal-costs'] as const;
export type DeductionItem = (typeof DEDUCTION_ITEMS)[number];

const ratio = z.number().min(0).max(1);
/** Whole shares (or capital units): JSON numbers are exact integers up to 2^53. */
// min(1), not positive(): for an integer the same, and zod 4 writes int().positive() into OpenAPI 3.0 as a
// bare exclusiveMinimum: true, which schemathesis (rightly) refuses as a schema.
const wholeShares = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * A unit's own distribution rule: versioned and effective-dated data (a rule not yet in force on
 * the decision date is not applied). Only `teamShare` is the contract's; the rest is optional.
 */
export const unitRuleSchema = z
  .object({
    teamShare: ratio,
    id: text().trim().min(1).max(100).optional(),
    version: text().trim().min(1).max(50).optional(),
    effectiveFrom: isoDateSchema.optional(),
    /** Of net income, to the inventors' department; the unit keeps the rest. */
    departmentShare: ratio.optional(),
    /** Licence payments are batched into one reward case per this many months (0: one per payment). */
    batchMonths: z.number().int().min(0).max(12).optional(),
  })
  .strict()
  .refine((r) => r.departmentShare === undefined || r.teamShare + r.departmentShare <= 1, {
    message: 'teamShare + departmentShare must not exceed 1',
    path: ['departmentShare'],
  });

export const rewardIncomeSchema = z
  .object({
    kind: z.enum(INCOME_KINDS),
    grossCny: ledgerCny('income.grossCny', true).optional(),
    deductions: z
      .array(z.object({ item: z.enum(DEDUCTION_ITEMS), amountCny: ledgerCny('deduction', false) }).strict())
      .max(50)
      .optional(),
    shares: wholeShares.optional(),
    operatingProfitCny: ledgerCny('income.operatingProfitCny', false).optional(),
    implementationYear: z.number().int().min(1).max(5).optional(),
    receivedOn: isoDateSchema,
    contractRegistered: z.boolean(),
  })
  .strict()
  .superRefine((income, ctx) => {
    const need = (field: keyof typeof income, why: string) => {
      if (income[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required ${why}` });
    };
    const refuse = (field: keyof typeof income, why: string) => {
      if (income[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
    };
    if (income.kind === 'transfer' || income.kind === 'licence') {
      need('grossCny', `for ${income.kind} income (the income received)`);
      refuse('shares', `${income.kind} income is cash: shares are for equity`);
      refuse('operatingProfitCny', `${income.kind} income has no operating profit`);
    } else if (income.kind === 'equity') {
      need('shares', 'for equity (whole shares or capital units formed)');
      refuse('grossCny', 'equity is counted in shares, not cash');
      refuse('deductions', 'equity is counted in shares: nothing is deducted');
    } else {
      need('operatingProfitCny', 'for own implementation (the year’s operating profit)');
      need('implementationYear', 'for own implementation (1–5)');
      refuse('grossCny', 'own implementation is counted on operating profit');
      refuse('deductions', 'own implementation is counted on operating profit: nothing is deducted');
    }
  });

export const teamMemberSchema = z
  .object({
    id: text().trim().min(1).max(64),
    name: text().trim().min(1).max(200),
    share: ratio,
    unitHead: z.boolean().optional(),
  })
  .strict();

export const rewardInputSchema = z
  .object({
    asOf: isoDateSchema.optional(),
    jurisdiction: provinceJurisdictionSchema(),
    unit: z
      .object({
        name: text().trim().min(1).max(200),
        type: z.enum(REWARD_UNIT_TYPES),
        stateEstablished: z.boolean(),
        nonProfit: z.boolean(),
        rule: unitRuleSchema.optional(),
      })
      .strict(),
    income: rewardIncomeSchema,
    team: z
      .array(teamMemberSchema)
      .min(1)
      .max(200)
      .refine((list) => new Set(list.map((m) => m.id)).size === list.length, 'team member ids must be unique'),
    paidOn: isoDateSchema.optional(),
  })
  .strict();

export type RewardInput = z.infer<typeof rewardInputSchema>;
export type RewardIncome = z.infer<typeof rewardIncomeSchema>;
export type TeamMember = z.infer<typeof teamMemberSchema>;
export type UnitRule = z.infer<typeof unitRuleSchema>;
