// maLoanCheck: a bank's M&A loan check, decided once and recorded durably.
// The request was validated at the edge. The pack is selected once and recorded in history — in
// the start input (chosen at submission) or by a local activity — and the decision re-derived
// from it on every replay.
import { patched, proxyLocalActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { MaLoanActivities } from '../activities/ma-loan-activities';
import { evaluateMaLoan } from '../policies/ma-loan/evaluate';
import { packAsRecorded } from './pack-as-recorded';
import { chinaDate } from '../policies/dates';
import { SEARCH_ATTRIBUTES } from './definitions';
import { PACK_AT_SUBMISSION_PATCH, type MaLoanCheckInput, type MaLoanCheckResult } from './ma-loan-definitions';

// Both steps are short and run as local activities: the whole check is one workflow task, as
// cheap for the engine as a no-op workflow (see the README's benchmark). Their results are
// recorded in history as markers, which is what the auditor's re-derivation reads.
const { resolveMaLoanPolicy } = proxyLocalActivities<MaLoanActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

// The database may be down for a while: keep retrying, never give up on recording a decision.
const { recordLoanDecision } = proxyLocalActivities<MaLoanActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export async function maLoanCheck(input: MaLoanCheckInput): Promise<MaLoanCheckResult> {
  const { request } = input;
  const asOf = request.asOf ?? chinaDate(Date.now());
  // The pack chosen at submission saves one of the check's two local-activity round trips. Used
  // only for the same decision date (a submission just before midnight resolves here), and behind
  // patched(): a history whose first task ran on a worker without this change resolved by
  // activity even when the input carried the pack, and must replay that way.
  const resolved =
    input.resolved?.asOf === asOf && patched(PACK_AT_SUBMISSION_PATCH)
      ? input.resolved
      : await resolveMaLoanPolicy({ request, asOf });
  const pack = packAsRecorded(resolved.policy);
  const decision = evaluateMaLoan(request, pack, asOf, resolved.notes);
  const recorded = await recordLoanDecision({
    workflowId: workflowInfo().workflowId,
    request,
    requestHash: input.requestHash,
    decision,
    submittedBy: input.submittedBy,
    decidedAt: new Date(Date.now()).toISOString(),
  });
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.policyId, value: `${recorded.policy.id}@${recorded.policy.version}` },
    { key: SEARCH_ATTRIBUTES.decision, value: recorded.decision },
  ]);
  return recorded;
}
