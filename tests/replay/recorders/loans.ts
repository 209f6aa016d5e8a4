// Loan-check histories recorded with the pack chosen at submission (`--pack-at-submission`).
import { submitLoanCheck } from '../../../client/loan-checks';
import { loanRequest } from '../../support/loan-fixtures';
import type { MaLoanInput } from '../../../policies/ma-loan/input-schema';
import { startE2E } from '../../support/stack';
import { save } from './save';

/**
 * Loan checks whose pack came with the start input (PACK_AT_SUBMISSION_PATCH): the committed
 * ma-loan-* histories above were recorded before, with the pack chosen by a local activity, and
 * stay as they are so that shape keeps replaying. One with a decision date, one dated by its start.
 */
export async function recordPackAtSubmission() {
  const e2e = await startE2E('pglite');
  try {
    const { asOf: _dated, ...undated } = loanRequest({ requestId: 'replay-submission-today' });
    const loans: Record<string, MaLoanInput> = {
      'ma-loan-pack-at-submission-over': loanRequest({
        requestId: 'replay-submission-over',
        asOf: '2026-02-01',
        deal: { transactionPriceCny: 123_456_789.01 },
        loan: { amountCny: 98_765_431.21, termYears: 10 },
      }),
      'ma-loan-pack-at-submission-today': undated,
    };
    for (const [i, [name, request]] of Object.entries(loans).entries()) {
      const { workflowId, result } = await submitLoanCheck(e2e.env.client, request, {
        id: 'replay-recorder',
        role: 'bank',
      });
      const decided = await result;
      const history = await e2e.env.client.workflow.getHandle(workflowId).fetchHistory();
      console.log(`[${i + 1}/2] ${name}: ${decided.decision} → ${save(name, history)}`);
    }
  } finally {
    await e2e.close();
  }
}
