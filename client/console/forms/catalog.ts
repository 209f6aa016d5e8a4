// Every form the console draws, with the API schema it is drawn from: launch forms (the same
// schemas as POST /v1/cases/{kind} and POST /v1/loan-checks) and action forms (POST
// /v1/cases/{id}/actions, the licence's revenue and payment routes). The action itself comes from
// the button pressed, so it is left out of the fields.
import type { z } from 'zod';
import { caseActionSchema, rightsGrantCaseSchema } from '../../rights-grants';
import { deferredLicenceCaseSchema, licenceActionSchema, paymentSchema, revenueReportSchema } from '../../licences';
import { reviewActionSchema, reviewCaseSchema } from '../../reviews';
import { rewardActionSchema, rewardCaseSchema } from '../../rewards';
import { maLoanInputSchema } from '../../../policies/ma-loan/input-schema';
import type { FieldOptions } from './schema-fields';

export interface ConsoleForm {
  schema: z.ZodType;
  options?: FieldOptions;
}

export const CONSOLE_FORMS: Record<
  | 'rights-grant'
  | 'deferred-licence'
  | 'diligence-exemption'
  | 'reward'
  | 'loan-check'
  | 'rights-grant-action'
  | 'licence-action'
  | 'review-action'
  | 'reward-action'
  | 'licence-revenue'
  | 'licence-payment',
  ConsoleForm
> = {
  'rights-grant': { schema: rightsGrantCaseSchema },
  'deferred-licence': { schema: deferredLicenceCaseSchema },
  'diligence-exemption': { schema: reviewCaseSchema },
  reward: { schema: rewardCaseSchema },
  'loan-check': { schema: maLoanInputSchema },
  'rights-grant-action': { schema: caseActionSchema, options: { omit: ['action'] } },
  'licence-action': {
    schema: licenceActionSchema,
    options: { omit: ['action', 'renewal', 'amountCny', 'payer', 'equity'] },
  },
  'review-action': { schema: reviewActionSchema, options: { omit: ['action'] } },
  'reward-action': { schema: rewardActionSchema, options: { omit: ['action'] } },
  'licence-revenue': { schema: revenueReportSchema },
  'licence-payment': { schema: paymentSchema },
};
export type ConsoleFormName = keyof typeof CONSOLE_FORMS;
